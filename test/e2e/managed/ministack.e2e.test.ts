import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { APIGatewayClient, GetRestApiCommand } from "@aws-sdk/client-api-gateway";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsProxyQuirks } from "../../../cli/test/support/gateway-quirks.ts";
import { leftovers } from "../../../cli/test/support/kill-trials.ts";
import type { GatewayQuirks } from "../../../service/test/behaviour/driver.ts";
import { httpDriver } from "../../../service/test/behaviour/http-driver.ts";
import { describeBehaviour } from "../../../service/test/behaviour/suite.ts";
import { awsConfig } from "../../support/aws-config.ts";
import { freePort } from "../../support/free-port.ts";
import { productEmulator } from "../../support/product-emulator.ts";
import { choiceBlock, runbookBlocks, runbookChoices } from "../../support/runbook.ts";
import { repoRoot } from "../../support/test-env.ts";
import { newTestRun } from "../../support/test-labels.ts";
import { detectTier } from "../../support/tiers.ts";

// The managed ministack for real: `up --emulator ministack --mode lambda` with no endpoint anywhere
// installs ministack 1.5.33 from PyPI into a fresh cache dir (pip's own cache makes it a local copy on
// a warm machine), starts it on a free port (never the harness's 4566 or LocalStack's 4567/4510-4559),
// deploys an image function through its ECR, and the behaviour suite passes through the API URL. `down`
// stops it and leaves no process, container or port; a second `up` reuses the venv without pip.
const file = "test/e2e/managed/ministack.e2e.test.ts";
const tier = await detectTier({ docker: true, emulator: false }, file);

interface Line {
  type: string;
  step?: string;
  status?: string;
  message?: string;
}

interface Result {
  type: "result";
  ok: boolean;
  data: Record<string, unknown>;
  error?: { code: string; message: string };
}

interface Run {
  status: number | null;
  result: Result;
  lines: Line[];
  out: string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Processes of the process group `pid` led (hypercorn's worker and multiprocessing's tracker are in it). */
function groupMembers(pid: number): string[] {
  const ps = spawnSync("ps", ["-eo", "pid=,pgid="], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid]) => pgid === String(pid))
    .map(([member]) => member ?? "");
}

/** Whether something accepts a TCP connection on host:port. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * pip keeps no HTTP cache here (only wheels it built), so every install would download ministack's
 * ~60 packages again. The wheels are downloaded once into the harness's state dir (CI caches
 * ~/.cache) and the product's pip is pointed at them with no index: the install then needs no network,
 * as a user's behind a mirror would (PIP_FIND_LINKS, PIP_NO_INDEX are pip's own variables).
 */
function ministackWheelhouse(): Record<string, string> {
  const home = process.env.STACKCTL_TEST_ENV_HOME ?? join(homedir(), ".cache", "stackctl-test-env");
  const dir = join(home, "wheels", "ministack-1.5.33");
  if (!existsSync(join(dir, ".complete"))) {
    const download = spawnSync(
      "python3",
      [
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--progress-bar",
        "off",
        "--dest",
        dir,
        "ministack[full]==1.5.33",
      ],
      { encoding: "utf8", timeout: 540_000 },
    );
    if (download.status !== 0)
      throw new Error(`pip download failed:\n${download.stdout}\n${download.stderr}`);
    writeFileSync(join(dir, ".complete"), "ministack[full]==1.5.33\n");
  }
  return { PIP_FIND_LINKS: dir, PIP_NO_INDEX: "1" };
}

describe.skipIf(tier.skipReason !== undefined)(`managed ministack [${tier.profile}]`, () => {
  const run = newTestRun("msm");
  const stack = `msm-${run.id}`;
  const docker = new Docker();
  const gateway = new URL(tier.env.containerEndpoint).hostname;
  let workDir = "";
  let cacheDir = "";
  let port = 0;
  let apiUrl = "";
  let pid = 0;
  let quirks: GatewayQuirks | undefined;
  let harnessOn4566 = false;
  let wheelhouseEnv: Record<string, string> = {};

  function stackctl(args: string[], extraEnv: Record<string, string> = {}): Run {
    // No endpoint, container endpoint or registry of the harness: stackctl manages the emulator itself.
    const {
      STACKCTL_ENDPOINT: _a,
      AWS_ENDPOINT_URL: _b,
      STACKCTL_CONTAINER_ENDPOINT: _c,
      STACKCTL_REGISTRY: _d,
      ...env
    } = process.env;
    const child = spawnSync("node", [`${repoRoot}cli/bin/stackctl.js`, ...args, "--json"], {
      cwd: workDir,
      encoding: "utf8",
      // A first install under load (2 cores, other agents) took 4–7 minutes from PyPI.
      timeout: 900_000,
      env: {
        ...env,
        CI: "1",
        // pip's own cache stays the user's (CI caches ~/.cache), so a warm install downloads nothing.
        PIP_CACHE_DIR: process.env.PIP_CACHE_DIR ?? join(homedir(), ".cache", "pip"),
        STACKCTL_CACHE_DIR: cacheDir,
        STACKCTL_EMULATOR_PORT: String(port),
        STACKCTL_STATE_DIR: join(workDir, "state"),
        STACKCTL_STACK: stack,
        STACKCTL_MAX_UPLOAD_BYTES: "65536",
        ...wheelhouseEnv,
        ...extraEnv,
      },
    });
    const lines = child.stdout
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Line);
    const result = (lines.at(-1) ?? { type: "result", ok: false, data: {} }) as unknown as Result;
    return { status: child.status, result, lines, out: `${child.stdout}\n${child.stderr}` };
  }

  const record = () => join(cacheDir, "run", `ministack-${port}.json`);
  const ministackContainers = () =>
    docker.listContainers({ all: true, filters: { label: [`ministack.instance=stackctl:${port}`] } });

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "stackctl-msm-"));
    cacheDir = join(workDir, "cache");
    port = await freePort();
    expect([4566, 4567]).not.toContain(port);
    harnessOn4566 = await listening("127.0.0.1", 4566);
    wheelhouseEnv = ministackWheelhouse();
  });

  afterAll(async () => {
    // Whatever a failed step left: our own ministack by the pid we recorded, then its containers.
    const text = existsSync(record()) ? await readFile(record(), "utf8") : undefined;
    const recorded = text === undefined ? 0 : (JSON.parse(text) as { pid: number }).pid;
    if (recorded > 0 && alive(recorded)) process.kill(-recorded, "SIGKILL");
    for (const info of [
      ...(await ministackContainers()),
      ...(await docker.listContainers({ all: true, filters: { label: [`dev.stackctl.stack=${stack}`] } })),
    ])
      await docker
        .getContainer(info.Id)
        .remove({ force: true })
        .catch(() => undefined);
    if (workDir !== "") await rm(workDir, { recursive: true, force: true });
  });

  it("up --emulator ministack --mode lambda from nothing installs and starts ministack, then deploys an image function through its ECR", async () => {
    const up = stackctl(["up", "--emulator", "ministack", "--mode", "lambda"]);
    expect(up.status, up.out).toBe(0);
    expect(up.result.data).toMatchObject({
      stack,
      mode: "lambda",
      emulator: {
        endpoint: `http://127.0.0.1:${port}`,
        kind: "ministack",
        version: "1.5.33",
        managed: true,
        startedByStackctl: true,
        capabilities: { ecr: true, imageLambdas: true },
      },
      deploy: { status: "deployed", mode: "lambda", package: "image" },
    });
    // The install is one step with pip's lines as progress.
    const install = up.lines.filter((line) => line.step === "emulator.install");
    expect(install.map((line) => line.status)).toEqual(
      expect.arrayContaining(["start", "warn", "log", "done"]),
    );
    apiUrl = (up.result.data as { apiUrl: string }).apiUrl;
    pid = (JSON.parse(await readFile(record(), "utf8")) as { pid: number }).pid;
    expect(alive(pid)).toBe(true);
    // Bound to loopback and to the Docker bridge gateway (the function containers came in there).
    expect(await listening(gateway, port)).toBe(true);
    const restApiId = (up.result.data as { resources: { restApiId: string } }).resources.restApiId;
    const apigw = new APIGatewayClient(awsConfig(`http://127.0.0.1:${port}`));
    const binaryMediaTypes = (await apigw.send(new GetRestApiCommand({ restApiId }))).binaryMediaTypes ?? [];
    apigw.destroy();
    quirks = awsProxyQuirks((await productEmulator(`http://127.0.0.1:${port}`)).profile, binaryMediaTypes);
  });

  it("curl without an Accept header downloads the exact bytes through the API URL", () => {
    for (const name of ["pixel.png", "sample.txt"]) {
      const child = spawnSync("curl", ["-sS", "--fail", `${apiUrl}file/download/${name}`], {
        timeout: 30_000,
      });
      expect(child.status, String(child.stderr)).toBe(0);
      expect(child.stdout.equals(readFileSync(`${repoRoot}fixtures/files/${name}`)), name).toBe(true);
    }
  });

  describe("API Gateway → image Lambda on the managed ministack", () =>
    describeBehaviour(() => ({
      ...httpDriver("managed-ministack", apiUrl, "lambda"),
      ...(quirks === undefined ? {} : { quirks }),
    })));

  it("doctor says what each kind runs and where the managed ministack's log is", () => {
    const doctor = stackctl(["doctor", "--emulator", "ministack"]);
    expect(doctor.status, doctor.out).toBe(0);
    const messages = doctor.lines.map((line) => `${line.step}: ${line.message ?? ""}`);
    const ministackLog = messages.find((line) => line.startsWith("doctor.ministack-log:"));
    expect(ministackLog, doctor.out).toContain(`pid ${pid}`);
    expect(ministackLog).toContain(join(cacheDir, "logs", `ministack-${port}.log`));
    const kind = messages.find((line) => line.startsWith("doctor.kind-ministack:"));
    expect(kind, doctor.out).toContain("(chosen)");
    expect(kind).toContain("image and zip Lambdas");
    expect(messages.find((line) => line.startsWith("doctor.kind-localstack:"))).toContain("zip Lambdas only");
  });

  it("down stops the managed ministack it started and leaves no process, container or port", async () => {
    const down = stackctl(["down", "--purge"]);
    expect(down.status, down.out).toBe(0);
    expect(down.result.data).toMatchObject({ emulatorStopped: true });
    expect(alive(pid), `ministack (pid ${pid}) still runs after down`).toBe(false);
    expect(groupMembers(pid), "processes of ministack's group outlived down").toEqual([]);
    expect(existsSync(record())).toBe(false);
    expect(await listening("127.0.0.1", port)).toBe(false);
    expect(await listening(gateway, port)).toBe(false);
    expect(await ministackContainers()).toEqual([]);
    expect(await leftovers(docker, stack)).toEqual({ containers: 0, images: 0, networks: 0 });
    // Its log is kept for doctor.
    expect(existsSync(join(cacheDir, "logs", `ministack-${port}.log`))).toBe(true);
  });

  it("a second up, the kind chosen as RUNBOOK.md's block does, reuses the venv without pip (an unreachable index would fail an install), and down stops it again", async () => {
    // RUNBOOK.md's "let stackctl manage ministack" choice: its `export` lines, as a user's shell has them.
    const block = choiceBlock(runbookBlocks(), runbookChoices.managedMinistack).body;
    const chosen = Object.fromEntries(
      [...block.matchAll(/^export ([A-Z_]+)=(\S+)$/gm)].map((line) => [line[1] ?? "", line[2] ?? ""]),
    );
    expect(chosen).toEqual({ STACKCTL_EMULATOR_KIND: "ministack" });
    const offline = { PIP_INDEX_URL: "http://127.0.0.1:9/simple", PIP_NO_INDEX: "1", ...chosen };
    const up = stackctl(["up", "--mode", "lambda"], offline);
    expect(up.status, up.out).toBe(0);
    expect(up.lines.filter((line) => line.step === "emulator.install")).toEqual([]);
    expect(up.result.data).toMatchObject({
      emulator: { kind: "ministack", startedByStackctl: true },
      deploy: { package: "image" },
    });
    const second = (JSON.parse(await readFile(record(), "utf8")) as { pid: number }).pid;
    const down = stackctl(["down", "--purge"]);
    expect(down.status, down.out).toBe(0);
    expect(alive(second)).toBe(false);
    expect(groupMembers(second)).toEqual([]);
    expect(await listening("127.0.0.1", port)).toBe(false);
    expect(await ministackContainers()).toEqual([]);
    expect(await leftovers(docker, stack)).toEqual({ containers: 0, images: 0, networks: 0 });
  });

  it("stackctl emulator start|stop (what the harness runs) starts the same ministack from the venv and stops it", async () => {
    const start = stackctl(["emulator", "start", "--emulator", "ministack"]);
    expect(start.status, start.out).toBe(0);
    expect(start.result.data).toMatchObject({
      action: "start",
      kind: "ministack",
      version: "1.5.33",
      changed: true,
    });
    const started = (start.result.data as { pid: number }).pid;
    expect(alive(started)).toBe(true);
    expect(await listening(gateway, port)).toBe(true);
    const again = stackctl(["emulator", "start", "--emulator", "ministack"]);
    expect(again.result.data).toMatchObject({ changed: false, pid: started });
    const stop = stackctl(["emulator", "stop", "--emulator", "ministack"]);
    expect(stop.status, stop.out).toBe(0);
    expect(stop.result.data).toMatchObject({ action: "stop", changed: true, pid: started });
    expect(alive(started)).toBe(false);
    expect(groupMembers(started)).toEqual([]);
    expect(await listening("127.0.0.1", port)).toBe(false);
  });

  it("up --mode container on the managed ministack runs the service on the host's side and warns about its gateway, naming the direct URL", async () => {
    const up = stackctl(["up", "--emulator", "ministack", "--mode", "container"]);
    expect(up.status, up.out).toBe(0);
    const data = up.result.data as {
      directUrl: string;
      emulator: { limitations: { trait: string }[] | null };
    };
    expect(up.result.data).toMatchObject({
      mode: "container",
      deploy: { status: "deployed", mode: "container" },
    });
    expect((data.emulator.limitations ?? []).map((limit) => limit.trait)).toEqual([
      "httpProxyResponseHeaders",
      "httpProxyPathDecoded",
    ]);
    const warning = up.lines.find((line) => line.step === "emulator.limitations" && line.status === "warn");
    expect(warning?.message).toContain(`the direct URL ${data.directUrl}`);
    const down = stackctl(["down", "--purge"]);
    expect(down.status, down.out).toBe(0);
    expect(down.result.data).toMatchObject({ emulatorStopped: true });
    expect(await listening("127.0.0.1", port)).toBe(false);
    expect(await leftovers(docker, stack)).toEqual({ containers: 0, images: 0, networks: 0 });
  });

  it("never touched the emulator that was already on 4566 (the harness's)", async () => {
    expect(await listening("127.0.0.1", 4566)).toBe(harnessOn4566);
  });
});
