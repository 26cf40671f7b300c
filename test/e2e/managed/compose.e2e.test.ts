import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../support/free-port.ts";
import { repoRoot } from "../../support/test-env.ts";
import { newTestRun } from "../../support/test-labels.ts";
import { detectTier, requireE2e } from "../../support/tiers.ts";

// The default user path for real, README's main command from nothing: `stackctl up` with no flags
// (no --endpoint, no --mode) starts LocalStack through docker compose (docker-compose.yml), here with
// the harness's Compose v2 plugin and its localstack-core stand-in image (STACKCTL_EMULATOR_IMAGE),
// and deploys lambda mode (a zip function in a container LocalStack starts); then `status`, `logs`,
// both modes behind the same API URL by `switch`; a second stack from another project folder (state
// dir) shares that LocalStack: one stack's `down` leaves the other's function containers and data,
// and the last one out stops it (issue 18 item 4).
const file = "test/e2e/managed/compose.e2e.test.ts";
const tier = await detectTier({ docker: true, emulator: false }, file);
const dockerConfig = process.env.STACKCTL_TEST_DOCKER_CONFIG;
const image = process.env.STACKCTL_TEST_EMULATOR_IMAGE;
const missing =
  dockerConfig === undefined ||
  image === undefined ||
  !existsSync(join(dockerConfig, "cli-plugins/docker-compose"))
    ? "no Compose plugin or LocalStack stand-in from `npm run test-env:up` (STACKCTL_TEST_DOCKER_CONFIG, STACKCTL_TEST_EMULATOR_IMAGE)"
    : undefined;
if (tier.skipReason === undefined && missing !== undefined) {
  if (requireE2e) throw new Error(`STACKCTL_REQUIRE_E2E=1 but ${file} cannot run: ${missing}`);
  console.warn(`\n*** SKIPPING ${file}: ${missing} ***\n`);
}

interface LineEvent {
  type: "event";
  status: string;
  message?: string;
}

interface Result {
  type: "result";
  ok: boolean;
  data: Record<string, unknown>;
  error?: { code: string; message: string };
}

describe.skipIf(tier.skipReason !== undefined || missing !== undefined)(
  `managed LocalStack through docker compose [${tier.profile}]`,
  () => {
    const run = newTestRun("managed");
    const stack = `mg-${run.id}`;
    // Its own project folder and state dir, the same managed port.
    const other = `mg2-${run.id}`;
    const docker = new Docker();
    const workDirs: Record<string, string> = {};
    let port = 0;

    async function stackctl(
      ...args: string[]
    ): Promise<{ status: number | null; result: Result; out: string; stdout: string }> {
      return stackctlAs(stack, ...args);
    }

    async function stackctlAs(
      who: string,
      ...args: string[]
    ): Promise<{ status: number | null; result: Result; out: string; stdout: string }> {
      if (port === 0) port = await freePort();
      let workDir = workDirs[who] ?? "";
      if (workDir === "") {
        workDir = await mkdtemp(join(tmpdir(), "stackctl-managed-"));
        workDirs[who] = workDir;
        await writeFile(join(workDir, "stackctl.config.json"), JSON.stringify({ emulator: { port } }));
      }
      // No endpoint anywhere in the environment: stackctl must manage the emulator itself.
      // The harness's host emulators are not this one: no endpoint, no container endpoint, no registry of theirs.
      const {
        STACKCTL_ENDPOINT: _a,
        AWS_ENDPOINT_URL: _b,
        STACKCTL_CONTAINER_ENDPOINT: _c,
        STACKCTL_REGISTRY: _d,
        ...env
      } = process.env;
      const child = spawnSync("node", [`${repoRoot}cli/bin/stackctl.js`, ...args, "--json"], {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 240_000,
        env: {
          ...env,
          CI: "1",
          DOCKER_CONFIG: dockerConfig,
          STACKCTL_EMULATOR_IMAGE: image,
          STACKCTL_CONFIG: join(workDir, "stackctl.config.json"),
          STACKCTL_STATE_DIR: join(workDir, "state"),
          STACKCTL_STACK: who,
        },
      });
      const out = `${child.stdout}\n${child.stderr}`;
      const last = child.stdout.trim().split("\n").at(-1) ?? "{}";
      return { status: child.status, result: JSON.parse(last) as Result, out, stdout: child.stdout };
    }

    const emulatorContainers = () =>
      docker.listContainers({ all: true, filters: { label: [`dev.stackctl.emulator=${stack}`] } });
    const stackLabelled = (who: string) =>
      docker.listContainers({ all: true, filters: { label: [`dev.stackctl.stack=${who}`] } });
    // Function containers LocalStack spawns carry the role LAMBDA_DOCKER_FLAGS gives (no stack: the
    // LocalStack may be another stack's) and their function's name in theirs.
    const functionContainers = async (who: string) =>
      (await docker.listContainers({ all: true, filters: { label: ["dev.stackctl.role=function"] } })).filter(
        (c) => c.Names.some((name) => name.includes(`-lambda-stackctl-${who}-fn-`)),
      );
    const stackContainers = async (who = stack) => [
      ...(await stackLabelled(who)),
      ...(await functionContainers(who)),
    ];
    const network = `stackctl-${stack}`;
    let apiUrl = "";

    /** What plain `curl` (its default Accept, any type; no header of ours) downloads through the API URL. */
    function expectCurlDownloads(): void {
      for (const name of ["pixel.png", "sample.txt"]) {
        const child = spawnSync("curl", ["-sS", "--fail", `${apiUrl}file/download/${name}`], {
          timeout: 30_000,
        });
        expect(child.status, String(child.stderr)).toBe(0);
        const expected = readFileSync(`${repoRoot}fixtures/files/${name}`);
        expect(
          child.stdout.equals(expected),
          `${name}: ${child.stdout.length} bytes, not the file's ${expected.length}`,
        ).toBe(true);
      }
    }
    const traitsOf = (data: Record<string, unknown>) =>
      ((data.emulator as { limitations: { trait: string }[] | null }).limitations ?? []).map((l) => l.trait);

    async function serviceHealth(): Promise<{ status: string; mode: string }> {
      const answer = await fetch(apiUrl);
      expect(answer.status).toBe(200);
      return (await answer.json()) as { status: string; mode: string };
    }

    afterAll(async () => {
      // Whatever a failed step left: function and service containers (they hold the network), then
      // the compose project's containers and network.
      for (const info of [...(await stackContainers()), ...(await stackContainers(other))])
        await docker
          .getContainer(info.Id)
          .remove({ force: true })
          .catch(() => undefined);
      spawnSync(
        "docker",
        ["compose", "-f", `${repoRoot}docker-compose.yml`, "-p", `stackctl-${stack}`, "down"],
        {
          env: { ...process.env, DOCKER_CONFIG: dockerConfig, STACKCTL_STACK: stack },
          timeout: 60_000,
        },
      );
      for (const workDir of Object.values(workDirs)) await rm(workDir, { recursive: true, force: true });
    });

    // README's main command from nothing: `up` with no flags deploys lambda mode (a zip function in a
    // container the managed LocalStack starts on the stack network). Container mode follows by `switch`.
    it("up with no flags starts LocalStack through compose, provisions, and deploys a zip Lambda behind its API", async () => {
      const { status, result, out } = await stackctl("up");
      expect(status, out).toBe(0);
      expect(result.ok, out).toBe(true);
      expect(result.data).toMatchObject({
        stack,
        mode: "lambda",
        resources: { table: `${stack}-inventory`, bucket: `${stack}-files` },
        emulator: {
          endpoint: `http://127.0.0.1:${port}`,
          kind: "localstack",
          version: "4.14.0",
          edition: "community",
          managed: true,
          startedByStackctl: true,
          capabilities: { ecr: false, imageLambdas: false },
        },
        fixtures: { items: { created: 5 }, files: { created: 2 } },
        deploy: { status: "deployed", mode: "lambda", package: "zip" },
      });
      apiUrl = (result.data as { apiUrl: string }).apiUrl;
      expect(apiUrl).toMatch(new RegExp(`^http://localhost:${port}/_aws/execute-api/`));
      expect((await serviceHealth()).mode).toBe("lambda");
      // Read from the table by the function, through the endpoint LocalStack injected.
      expect((await fetch(`${apiUrl}inventory/SKU-1`)).status).toBe(200);
      // The managed LocalStack's correction (compose/localstack/ready.d): bytes for curl's default Accept.
      expectCurlDownloads();
      expect(traitsOf(result.data)).toEqual(["awsProxyRequestGzip"]);
      expect(out).not.toContain("not the known 4.14.0 code");
      const [container, ...others] = await emulatorContainers();
      expect(others).toEqual([]);
      expect(container?.Image).toBe(image);
      expect(container?.State).toBe("running");
      // The function runs in a container on the stack network; usually one.
      const running = (await stackContainers()).filter((c) => c.State === "running");
      expect(running.length, "no function container runs").toBeGreaterThan(0);
      expect([...new Set(running.map((c) => c.Image))]).toEqual([process.env.STACKCTL_LAMBDA_BASE_IMAGE]);
      const [fn] = running;
      const emulatorIp = (await docker.getContainer(container?.Id ?? "").inspect()).NetworkSettings.Networks[
        network
      ]?.IPAddress;
      const inspected = await docker.getContainer(fn?.Id ?? "").inspect();
      expect(Object.keys(inspected.NetworkSettings.Networks)).toEqual([network]);
      expect(inspected.Config.Labels).toMatchObject({
        "dev.stackctl.role": "function",
        "dev.stackctl.managed": "true",
      });
      expect(inspected.Config.Labels["dev.stackctl.stack"]).toBeUndefined();
      expect(inspected.Config.Env).toEqual(
        expect.arrayContaining([
          `AWS_ENDPOINT_URL=http://${emulatorIp}:4566`,
          `LOCALSTACK_HOSTNAME=${emulatorIp}`,
        ]),
      );
    });

    it("status reports the function deployment healthy, and the table and bucket with their fixtures", async () => {
      const { status, result, out } = await stackctl("status");
      expect(status, out).toBe(0);
      expect(result.data).toMatchObject({
        mode: "lambda",
        apiUrl,
        // The smoke check's file is the third object.
        found: { table: { exists: true, count: 5 }, bucket: { exists: true, count: 3 } },
        deployment: { function: { state: "Active", packageType: "Zip" }, drift: [], healthy: true },
        emulator: { reachable: true, kind: "localstack", edition: "community" },
      });
    });

    it("logs shows the function's own lines from CloudWatch Logs", async () => {
      const { status, out, stdout } = await stackctl("logs");
      expect(status, out).toBe(0);
      const lines = stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as LineEvent)
        .filter((event) => event.type === "event" && event.status === "line")
        .map((event) => event.message ?? "");
      // The service's pino line for the warm-up invoke, written inside the function container.
      expect(
        lines.some(
          (line) => line.includes('"mode":"lambda"') && line.includes('"requestId":"stackctl-warm-up"'),
        ),
        out,
      ).toBe(true);
    });

    // Container mode: the service joins the compose network and LocalStack's API Gateway reaches it by name.
    it("switch container serves through the same API URL and retires the function and its containers", async () => {
      const { status, result, out } = await stackctl("switch", "container");
      expect(status, out).toBe(0);
      expect(result.data).toMatchObject({
        mode: "container",
        apiUrl,
        deploy: { status: "deployed", mode: "container" },
      });
      const retired = (result.data as { deploy: { retired: string[] } }).deploy.retired;
      expect(
        retired.some((what) => what.startsWith("function ")),
        out,
      ).toBe(true);
      expect((await serviceHealth()).mode).toBe("container");
      expect((await fetch(`${apiUrl}inventory/SKU-1`)).status).toBe(200);
      expectCurlDownloads();
      // LocalStack's HTTP_PROXY differences (cli/src/engine/profile/limitations.ts), one warn event.
      expect(traitsOf(result.data)).toEqual([
        "httpProxyBadPercentEscapes",
        "httpProxyRequestContentEncoding",
      ]);
      const functions = (await stackContainers()).filter(
        (c) => c.Image === process.env.STACKCTL_LAMBDA_BASE_IMAGE,
      );
      expect(functions, "a function container outlived its function").toEqual([]);
      const { result: after } = await stackctl("status");
      expect(after.data).toMatchObject({ mode: "container", deployment: { drift: [], healthy: true } });
    });

    it("switch lambda again keeps the API URL", async () => {
      const lambda = await stackctl("switch", "lambda");
      expect(lambda.status, lambda.out).toBe(0);
      expect(lambda.result.data).toMatchObject({ mode: "lambda", apiUrl });
      expect((await serviceHealth()).mode).toBe("lambda");
      // So that the next test's `down` has a live function container to remove.
      expect((await stackContainers()).filter((c) => c.State === "running").length).toBeGreaterThan(0);
    });

    let otherApiUrl = "";
    let otherFunctions: string[] = [];

    it("a stack of another project folder reuses it: up --mode lambda beside the first", async () => {
      const { status, result, out } = await stackctlAs(other, "up", "--mode", "lambda");
      expect(status, out).toBe(0);
      expect(result.data).toMatchObject({
        stack: other,
        emulator: { managed: true, startedByStackctl: false },
        deploy: { status: "deployed", mode: "lambda", package: "zip" },
      });
      otherApiUrl = (result.data as { apiUrl: string }).apiUrl;
      otherFunctions = (await functionContainers(other)).map((c) => c.Id);
      expect(otherFunctions.length, "no function container runs for the second stack").toBeGreaterThan(0);
      expect((await fetch(`${otherApiUrl}inventory/SKU-1`)).status).toBe(200);
    });

    it("down of the stack that started it keeps it running, with the other's function containers and data", async () => {
      const { status, result, out } = await stackctl("down");
      expect(status, out).toBe(0);
      expect(result.data).toMatchObject({ emulatorStopped: false });
      expect((result.data as { kept: string[] }).kept).toContain("emulator");
      expect(await functionContainers(stack), "the first stack's function containers are left").toEqual([]);
      const left = (await functionContainers(other)).map((c) => c.Id);
      expect(left, "down of the first stack removed the other's function containers").toEqual(
        expect.arrayContaining(otherFunctions),
      );
      const running = (await emulatorContainers()).filter((c) => c.State === "running");
      expect(running.length, "the shared LocalStack was stopped").toBe(1);
      const status2 = await stackctlAs(other, "status");
      expect(status2.status, status2.out).toBe(0);
      expect(status2.result.data).toMatchObject({
        found: { table: { exists: true, count: 5 } },
        deployment: { drift: [], healthy: true },
      });
      expect((await fetch(`${otherApiUrl}inventory/SKU-1`)).status).toBe(200);
    });

    it("down --purge of the other keeps it running while the first stack's data is in it", async () => {
      const { status, result, out } = await stackctlAs(other, "down", "--purge");
      expect(status, out).toBe(0);
      expect(result.data).toMatchObject({ emulatorStopped: false });
      expect(out).toContain(`stacks ${stack} have resources in it`);
      expect(await functionContainers(other)).toEqual([]);
    });

    it("down --purge of the first, the last one out, stops the LocalStack that stackctl started", async () => {
      const { status, result, out } = await stackctl("down", "--purge");
      expect(status, out).toBe(0);
      expect(result.data).toMatchObject({ emulatorStopped: true });
      const left = (await emulatorContainers()).filter((c) => c.State === "running");
      expect(left, "the managed LocalStack still runs after down").toEqual([]);
      const health = await fetch(`http://127.0.0.1:${port}/_localstack/health`).catch(() => undefined);
      expect(health, "something still answers on the managed port").toBeUndefined();
    });

    it("down leaves no container, network or image of either stack", async () => {
      for (const who of [stack, other]) {
        expect(await stackContainers(who)).toEqual([]);
        const images = await docker.listImages({ filters: { label: [`dev.stackctl.stack=${who}`] } });
        expect(images.map((i) => i.RepoTags)).toEqual([]);
      }
      const networks = await docker.listNetworks({ filters: { name: [network] } });
      expect(networks.map((n) => n.Name)).toEqual([]);
    });
  },
);
