import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ECRClient, ListImagesCommand } from "@aws-sdk/client-ecr";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetFunctionCommand, LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import Docker from "dockerode";
import { pack } from "tar-fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { awsConfig } from "../../test/support/aws-config.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { runCli } from "./support/capture-io.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { bucketExists, emulatorClients, tableExists } from "./support/emulator-clients.ts";
import { lambdaPackageUnderTest } from "./support/lambda-stack.ts";
import { okData, parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

interface LambdaUpData {
  apiUrl: string;
  changed: boolean;
  resources: { restApiId: string; functionName: string };
  image: { tag: string; id: string; digest: string } | null;
  deploy: {
    package: "image" | "zip";
    packageWhy: string;
    version: string;
    function: { name: string; change: string; codeSha256: string; imageUri: string | null };
    role: { name: string };
    coldStart: { ms: number; source: string } | null;
    warmLatencyMs: number;
    retired: string[];
  };
}

type Event = {
  type: string;
  step?: string;
  status?: string;
  message?: string;
  source?: string;
  time?: string;
};

const events = (stdout: string): Event[] =>
  stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Event)
    .filter((line) => line.type === "event");

const doneMessage = (stdout: string, step: string): string | undefined =>
  events(stdout).find((event) => event.step === step && event.status === "done")?.message;

describe.skipIf(tier.skipReason !== undefined)("up --mode lambda through the real CLI", () => {
  const { endpoint } = tier.env;
  const stacks = e2eStacks(endpoint);
  const docker = new Docker();
  const lambda = new LambdaClient(awsConfig(endpoint));
  const ecr = new ECRClient(awsConfig(endpoint));
  const iam = new IAMClient(awsConfig(endpoint));
  afterEach(() => stacks.cleanup());
  afterAll(() => {
    for (const client of [lambda, ecr, iam]) client.destroy();
  });

  async function stackFunctionNames(stack: string): Promise<string[]> {
    const listed = await lambda.send(new ListFunctionsCommand({ MaxItems: 50 }));
    return (listed.Functions ?? [])
      .map((fn) => fn.FunctionName ?? "")
      .filter((name) => name.startsWith(`stackctl-${stack}-fn-`));
  }

  it("deploys a function from nothing (an image where the emulator runs them), re-runs as a no-op, shows request ids in logs, and down leaves nothing", async () => {
    const { cli, stack } = await stacks.create("lam");
    const first = await cli("up", "--mode", "lambda", "--json");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const data = okData<LambdaUpData>(first.stdout);
    const image = lambdaPackageUnderTest() === "image";
    expect(data.deploy.package).toBe(lambdaPackageUnderTest());
    expect(data.deploy.packageWhy).toMatch(
      image
        ? /^auto: ministack .* runs image functions and has ECR$/
        : /^auto: localstack .*: image functions cannot be invoked, so the same bundle goes as a zip$/,
    );
    expect(data.apiUrl).toMatch(new RegExp(`/_aws/execute-api/${data.resources.restApiId}/dev/$`));
    if (image) {
      expect(data.image?.tag).toMatch(
        new RegExp(`^127\\.0\\.0\\.1:\\d+/stackctl/${stack}-function:[0-9a-f]{12}$`),
      );
      expect(data.deploy.function).toMatchObject({ change: "created", imageUri: data.image?.tag });
    } else {
      expect(data.image).toBeNull();
      expect(data.deploy.function).toMatchObject({ change: "created", imageUri: null });
    }
    expect(data.deploy.coldStart?.ms).toBeGreaterThan(0);
    // A real request through the gateway to a function takes at least a millisecond.
    expect(data.deploy.warmLatencyMs).toBeGreaterThan(0);

    // The API answers with the seeded table's data (the function reached the emulator) and the version.
    const item = await fetch(`${data.apiUrl}inventory/SKU-1`);
    expect(item.status).toBe(200);
    expect(await item.json()).toMatchObject({ sku: "SKU-1" });
    expect(await (await fetch(data.apiUrl)).json()).toEqual({
      status: "ok",
      mode: "lambda",
      version: data.deploy.version,
    });
    const before = await lambda.send(new GetFunctionCommand({ FunctionName: data.resources.functionName }));

    // The function containers carry the stack label (copied from the image), so down finds them.
    if (image) {
      const containers = await docker.listContainers({ filters: { label: [`dev.stackctl.stack=${stack}`] } });
      expect(containers.length).toBeGreaterThan(0);
    }

    const second = await cli("up", "--mode", "lambda", "--json");
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const again = okData<LambdaUpData>(second.stdout);
    expect(again.changed).toBe(false);
    expect(again.resources.functionName).toBe(data.resources.functionName);
    if (image) {
      expect(doneMessage(second.stdout, "image.lambda")).toContain("unchanged");
      expect(doneMessage(second.stdout, "image.push")).toContain("already in the registry");
    }
    expect(doneMessage(second.stdout, "lambda.function")).toContain("unchanged");
    expect(doneMessage(second.stdout, "api")).toMatch(/^unchanged /);
    expect(events(second.stdout).some((event) => event.step === "lambda.warm-up")).toBe(false);
    const after = await lambda.send(new GetFunctionCommand({ FunctionName: data.resources.functionName }));
    expect(after.Code?.ImageUri).toBe(before.Code?.ImageUri);
    expect(after.Configuration?.CodeSha256).toBe(before.Configuration?.CodeSha256);
    expect(after.Configuration?.LastModified).toBe(before.Configuration?.LastModified);

    // logs: the request ids of requests just made, from CloudWatch Logs.
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${data.apiUrl}inventory/SKU-${i + 1}`);
      await response.arrayBuffer();
      ids.push(response.headers.get("x-request-id") ?? "missing");
    }
    // CloudWatch Logs is written after the response: poll (bounded) until every request shows.
    let lines: string[] = [];
    let shown: Event[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const logs = await cli("logs", "--json", "--since", "5m");
      expect(logs.code, logs.stdout + logs.stderr).toBe(0);
      shown = events(logs.stdout).filter((event) => event.status === "line");
      lines = shown.map((event) => event.message ?? "");
      if (ids.every((id) => lines.some((line) => line.includes(id)))) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const id of ids)
      expect(
        lines.some((line) => line.includes(id)),
        `request ${id} in logs`,
      ).toBe(true);
    // Each event once, across the per-invocation streams, in time order.
    const keys = shown.map((event) => `${event.source}|${event.time}|${event.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    const times = shown.map((event) => Date.parse(event.time ?? ""));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // ministack writes one stream per invocation (LocalStack one per execution environment).
    if (image) expect(new Set(shown.map((event) => event.source)).size).toBeGreaterThan(1);

    const down = await cli("down", "--json");
    expect(down.code, down.stdout + down.stderr).toBe(0);
    expect(await stackFunctionNames(stack)).toEqual([]);
    await expect(iam.send(new GetRoleCommand({ RoleName: data.deploy.role.name }))).rejects.toThrow();
    if (image) {
      const pushed = await ecr.send(new ListImagesCommand({ repositoryName: `stackctl/${stack}-function` }));
      expect(pushed.imageIds ?? []).toEqual([]);
    }
    const api = await fetch(data.apiUrl);
    expect(api.status).not.toBe(200);
    const label = { label: [`dev.stackctl.stack=${stack}`] };
    expect((await docker.listContainers({ all: true, filters: label })).length).toBe(0);
    expect((await docker.listImages({ filters: label })).length).toBe(0);
    // Idempotent.
    expect((await cli("down", "--json")).code).toBe(0);
  });

  it("a new function answers through the same URL with zero failed requests during the switch", async () => {
    const { cli, stack, cwd } = await stacks.create("bg");
    const first = okData<LambdaUpData>((await cli("up", "--mode", "lambda", "--json")).stdout);
    // A new base image (one more label) gives the function image a new content hash: a new version.
    const base = process.env.STACKCTL_LAMBDA_BASE_IMAGE ?? "public.ecr.aws/lambda/nodejs:22";
    const derived = `stackctl-test/lambda-derived-${stack}:1`;
    const contextDir = await stacks.dirs.make();
    await writeFile(
      path.join(contextDir, "Dockerfile"),
      `FROM ${base}\nLABEL stackctl.test.derived=${stack}\n`,
    );
    const context = pack(contextDir);
    const build = await docker.buildImage(context as unknown as NodeJS.ReadableStream, {
      t: derived,
      labels: { "stackctl.test": `lambda-bg-${stack}` },
    });
    await new Promise((resolve, reject) =>
      docker.modem.followProgress(build, (error) => (error ? reject(error) : resolve(undefined))),
    );
    stacks.onCleanup(() =>
      docker
        .getImage(derived)
        .remove({ force: true })
        .catch(() => undefined),
    );

    let done = false;
    const answers: { status: number; version?: string }[] = [];
    const loop = (async () => {
      // Bounded: at most 2,000 requests, one at a time, until the redeploy has finished.
      for (let i = 0; i < 2_000 && !done; i += 1) {
        try {
          const response = await fetch(first.apiUrl, { signal: AbortSignal.timeout(15_000) });
          const text = await response.text();
          const version =
            response.status === 200 ? (JSON.parse(text) as { version: string }).version : undefined;
          answers.push({ status: response.status, ...(version === undefined ? {} : { version }) });
        } catch {
          answers.push({ status: 0 });
        }
      }
    })();
    const second = await runCli(["up", "--mode", "lambda", "--json", "--stack", stack], {
      // The image gets a new base (a new version); a zip, whose code does not change here, a new spec.
      env: { ...stacks.env, STACKCTL_LAMBDA_BASE_IMAGE: derived, STACKCTL_MAX_UPLOAD_BYTES: "1048576" },
      cwd,
    });
    // A few more requests after the old function is gone.
    await new Promise((resolve) => setTimeout(resolve, 500));
    done = true;
    await loop;
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const next = okData<LambdaUpData>(second.stdout);
    const image = lambdaPackageUnderTest() === "image";
    if (image) expect(next.deploy.version).not.toBe(first.deploy.version);
    expect(next.resources.functionName).not.toBe(first.resources.functionName);
    expect(next.deploy.retired).toContain(`function ${first.resources.functionName}`);
    expect(answers.length, "requests made during the redeploy").toBeGreaterThan(20);
    const failed = answers.filter((answer) => answer.status !== 200);
    expect(failed, `${failed.length} of ${answers.length} requests failed`).toEqual([]);
    expect(answers.some((answer) => answer.version === first.deploy.version)).toBe(true);
    expect(answers.at(-1)?.version).toBe(next.deploy.version);
    expect(await stackFunctionNames(stack)).toEqual([next.resources.functionName]);
  });

  it("--package zip deploys the same bundle as a nodejs22.x zip function end to end", async () => {
    const { cli, cwd, stack, table, bucket } = await stacks.create("zip");
    const run = await cli("up", "--mode", "lambda", "--package", "zip", "--json");
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const data = okData<LambdaUpData>(run.stdout);
    expect(data.deploy).toMatchObject({
      package: "zip",
      packageWhy: expect.stringContaining("--package zip"),
    });
    expect(data.image).toBeNull();
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: data.resources.functionName }));
    expect(fn.Configuration).toMatchObject({
      PackageType: "Zip",
      Runtime: "nodejs22.x",
      Handler: "lambda.handler",
    });
    expect(fn.Configuration?.CodeSha256).toBe(data.deploy.function.codeSha256);
    const item = await fetch(`${data.apiUrl}inventory/SKU-1`);
    expect(item.status).toBe(200);
    const again = await cli("up", "--mode", "lambda", "--package", "zip", "--json");
    expect(parseNdJson(again.stdout)).toMatchObject({ ok: true, data: { changed: false } });
    expect(doneMessage(again.stdout, "lambda.function")).toContain("unchanged");

    // A lost ledger: down still finds the function, role and API by name and the stack's tag.
    await rm(path.join(cwd, ".stackctl", stack, "state.json"));
    const down = await cli("down", "--json");
    expect(down.code, down.stdout + down.stderr).toBe(0);
    expect(await stackFunctionNames(stack)).toEqual([]);
    await expect(iam.send(new GetRoleCommand({ RoleName: data.deploy.role.name }))).rejects.toThrow();
    expect((await fetch(data.apiUrl)).status).not.toBe(200);

    // Still without a ledger, --purge finds the configured table and bucket by the stack's tag.
    const clients = emulatorClients(tier.env.endpoint);
    try {
      expect(await tableExists(clients, table)).toBe(true);
      const purge = await cli("down", "--purge", "--json");
      expect(purge.code, purge.stdout + purge.stderr).toBe(0);
      expect(parseNdJson(purge.stdout)).toMatchObject({
        ok: true,
        data: {
          removed: expect.arrayContaining([`table ${table}`, `bucket ${bucket}`]),
        },
      });
      expect(await tableExists(clients, table)).toBe(false);
      expect(await bucketExists(clients, bucket)).toBe(false);
    } finally {
      await clients.destroy();
    }
  });
});
