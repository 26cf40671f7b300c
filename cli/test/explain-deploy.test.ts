import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../src/engine/clock.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { fakeEmulatorHost, freePort } from "./support/fakes.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const token = "ls-secret-token-value-1234";

async function explained(
  mode: string,
): Promise<{ steps: Map<string, string[]>; all: string[]; stdout: string }> {
  const cwd = await dirs.make();
  const port = await freePort();
  await writeFile(
    path.join(cwd, "stackctl.config.json"),
    JSON.stringify({ stack: "learn", emulator: { port } }),
  );
  const run = await runCli(["up", "--mode", mode, "--dry-run", "--explain", "--json"], {
    env: { LOCALSTACK_AUTH_TOKEN: token },
    cwd,
    enginePorts: { emulatorHost: async () => fakeEmulatorHost(), clock: systemClock },
  });
  expect(run.code, run.stdout).toBe(0);
  const steps = new Map<string, string[]>();
  for (const line of run.lines())
    if (line.status === "explain")
      steps.set(String(line.step), [...(steps.get(String(line.step)) ?? []), ...(line.commands as string[])]);
  return { steps, all: [...steps.values()].flat(), stdout: run.stdout };
}

/** `sh -n`: the line parses as shell, so a copied line runs as written. */
function parsesAsShell(line: string): boolean {
  return spawnSync("sh", ["-n", "-c", line]).status === 0;
}

describe("up --dry-run --explain: the deploy's equivalent commands", () => {
  it("container mode explains every deploy step, each line valid shell, no secret in it", async () => {
    const { steps, all, stdout } = await explained("container");
    for (const step of ["image.bundle", "image.container", "deploy.container", "api", "api.verify", "smoke"])
      expect(steps.get(step), `no commands for ${step}`).toBeDefined();
    const run = steps.get("deploy.container")?.find((line) => line.startsWith("docker run")) ?? "";
    for (const flag of [
      "--network",
      "--label dev.stackctl.stack=learn",
      "-p 127.0.0.1:",
      "-e TABLE_NAME=learn-inventory",
      "--health-cmd",
      "--memory 512m",
      "--cap-drop ALL",
      "--read-only",
      "--pids-limit 256",
    ])
      expect(run).toContain(flag);
    const api = (steps.get("api") ?? []).join("\n");
    expect(api).toContain("apigateway create-rest-api --name stackctl-learn");
    expect(api).toContain('--tags \'{"stackctl:stack":"learn","_custom_id_":');
    expect(api).toContain(
      'create-resource --rest-api-id "$API_ID" --parent-id "$ROOT_ID" --path-part \'{proxy+}\'',
    );
    expect(api).toContain('put-method --rest-api-id "$API_ID" --resource-id "$ROOT_ID" --http-method ANY');
    expect(api).toContain("--type HTTP_PROXY");
    expect(api).toContain("create-deployment");
    expect(steps.get("smoke")?.[0]).toMatch(
      /^curl -fsS http:\/\/localhost:\d+\/_aws\/execute-api\/[0-9a-f]{10}\/dev\/$/,
    );
    for (const line of all) expect(parsesAsShell(line), line).toBe(true);
    expect(stdout).not.toContain(token);
    expect(all.join("\n")).toContain('"$LOCALSTACK_AUTH_TOKEN"');
  });

  it("lambda mode explains the zip, role, function, warm-up and AWS_PROXY with its permission", async () => {
    const { steps, all, stdout } = await explained("lambda");
    for (const step of [
      "image.bundle",
      "lambda.zip",
      "lambda.role",
      "lambda.function",
      "lambda.warm-up",
      "api",
      "api.verify",
      "smoke",
    ])
      expect(steps.get(step), `no commands for ${step}`).toBeDefined();
    const fn = (steps.get("lambda.function") ?? []).join("\n");
    for (const part of [
      "lambda create-function --function-name stackctl-learn-fn-",
      "--runtime nodejs22.x",
      "--zip-file fileb://",
      "--memory-size 512",
      "--timeout 30",
      "--architectures",
      "--environment",
      "lambda wait function-active-v2",
    ])
      expect(fn).toContain(part);
    expect(steps.get("lambda.warm-up")?.[0]).toContain("lambda invoke --function-name stackctl-learn-fn-");
    const api = (steps.get("api") ?? []).join("\n");
    expect(api).toContain(
      "--type AWS_PROXY --integration-http-method POST --uri arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/",
    );
    expect(api).toContain("lambda add-permission");
    for (const line of all) expect(parsesAsShell(line), line).toBe(true);
    expect(stdout).not.toContain(token);
  });
});
