import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load.ts";
import { tempDirs } from "./support/capture-io.ts";
import { realBin } from "./support/real-bin.ts";

// issue 18 items 9 and 13: what the real bin refuses, with the field named and nothing secret echoed.
const dirs = tempDirs("stackctl-strict-");
afterAll(() => dirs.cleanup());

async function run(
  config: Record<string, unknown> | undefined,
  env: Record<string, string> = {},
  ...argv: string[]
) {
  const cwd = await dirs.make();
  if (config !== undefined) await writeFile(path.join(cwd, "stackctl.config.json"), JSON.stringify(config));
  // `status --json` loads the config before it touches anything; an unreachable endpoint and Docker socket
  // make sure a value that passed would not reach the outside world either.
  const result = await realBin(cwd, {
    DOCKER_HOST: `unix://${path.join(cwd, "no-docker.sock")}`,
    ...env,
  })("status", "--json", ...argv);
  const last = String(result.stdout).trim().split("\n").at(-1) ?? "{}";
  return { code: result.exitCode, out: `${result.stdout}${result.stderr}`, result: JSON.parse(last), cwd };
}

function expectRefused(outcome: Awaited<ReturnType<typeof run>>, field: string) {
  expect(outcome.code, outcome.out).toBe(2);
  expect(outcome.result).toMatchObject({ ok: false, error: { code: "CONFIG_INVALID" } });
  expect(outcome.result.error.message).toContain(field);
}

describe("an endpoint with credentials in it is refused, and the credentials are never echoed (item 9)", () => {
  const secret = "hunter2-s3cr3t";
  it.each([
    ["flag --endpoint", {}, ["--endpoint", `http://admin:${secret}@127.0.0.1:4566`]],
    ["STACKCTL_ENDPOINT", { STACKCTL_ENDPOINT: `http://admin:${secret}@127.0.0.1:4566` }, []],
    ["AWS_ENDPOINT_URL", { AWS_ENDPOINT_URL: `https://${secret}@localhost:4566/` }, []],
  ] as const)("from %s", async (where, env, argv) => {
    const outcome = await run(undefined, { ...env }, ...argv);
    expectRefused(outcome, where);
    expect(outcome.result.error.message).toContain("user or password");
    expect(outcome.out).not.toContain(secret);
  });

  it.each(["endpoint", "containerEndpoint"])("from the file's %s", async (key) => {
    const outcome = await run({ [key]: `http://me:${secret}@127.0.0.1:4566` });
    expectRefused(outcome, `"${key}"`);
    expect(outcome.out).not.toContain(secret);
  });
});

describe("config values are not coerced and names follow AWS's and Docker's rules (item 13)", () => {
  it.each([
    ["containerPort", true],
    ["containerPort", [8080]],
    ["containerPort", "0x1F90"],
    ["containerPort", "8080.5"],
    ["containerPort", 0],
    ["containerPort", 70000],
    ["maxUploadBytes", true],
    ["maxUploadBytes", "1e3"],
    ["maxUploadBytes", ""],
    ["bucketName", "192.168.1.1"],
    ["bucketName", "a..b"],
    ["bucketName", "ab"],
    ["bucketName", "Upper-Case"],
    ["bucketName", "-starts-with-dash"],
    ["bucketName", "xn--punycode"],
    ["bucketName", "ends-s3alias"],
    ["bucketName", "a".repeat(64)],
    ["tableName", "..."],
    ["tableName", "---"],
    ["tableName", "ab"],
    ["tableName", "has space"],
    ["baseImage", "x:"],
    ["baseImage", "Node:22"],
    ["baseImage", "node 22"],
    ["baseImage", ":"],
    ["lambdaBaseImage", "public.ecr.aws/lambda/nodejs:22:extra"],
    ["lambdaBaseImage", "-"],
    ["registry", "http://127.0.0.1:4566"],
    ["registry", "127.0.0.1:4566/path"],
    ["registry", "host:99999"],
    ["registry", "a b"],
  ] as const)("refuses %s = %j in the file, naming it", async (key, value) => {
    expectRefused(await run({ [key]: value }), `"${key}"`);
  });

  it.each([
    ["STACKCTL_CONTAINER_PORT", "0x1F90"],
    ["STACKCTL_CONTAINER_PORT", "true"],
    ["STACKCTL_MAX_UPLOAD_BYTES", " 12"],
    ["STACKCTL_BUCKET", "10.0.0.1"],
    ["STACKCTL_TABLE", "..."],
    ["STACKCTL_BASE_IMAGE", "team/UPPER:1"],
    ["STACKCTL_REGISTRY", "https://r.example"],
  ])("refuses %s=%j, naming the variable", async (name, value) => {
    expectRefused(await run(undefined, { [name]: value }), name);
  });

  it("accepts what AWS and Docker accept, and decimal numbers from the environment", async () => {
    const cwd = await dirs.make();
    await writeFile(
      path.join(cwd, "stackctl.config.json"),
      JSON.stringify({
        containerPort: 8081,
        maxUploadBytes: 2048,
        bucketName: "my.bucket-01",
        tableName: "Shop_Inventory.v2-x",
        baseImage:
          "registry.example.com:5000/team/node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        lambdaBaseImage: "public.ecr.aws/lambda/nodejs:22",
        registry: "localhost.localstack.cloud:4566",
      }),
    );
    const fromFile = await loadConfig({ flags: {}, env: {}, cwd });
    expect(fromFile).toMatchObject({
      containerPort: 8081,
      maxUploadBytes: 2048,
      bucketName: "my.bucket-01",
      tableName: "Shop_Inventory.v2-x",
      registry: "localhost.localstack.cloud:4566",
    });
    const fromEnv = await loadConfig({
      flags: {},
      env: {
        STACKCTL_CONTAINER_PORT: "9090",
        STACKCTL_MAX_UPLOAD_BYTES: "4096",
        STACKCTL_BASE_IMAGE: "stackctl-test/node:22",
        STACKCTL_LAMBDA_BASE_IMAGE: "stackctl-test/lambda-nodejs:22",
        STACKCTL_REGISTRY: "127.0.0.1:4566",
      },
      cwd,
    });
    expect(fromEnv).toMatchObject({
      containerPort: 9090,
      maxUploadBytes: 4096,
      baseImage: "stackctl-test/node:22",
      lambdaBaseImage: "stackctl-test/lambda-nodejs:22",
      registry: "127.0.0.1:4566",
    });
  });
});
