import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { z } from "zod";
import { StackctlError } from "../../../errors.ts";
import type { EngineContext } from "../../context.ts";
import type { EnginePorts, Processes } from "../../ports.ts";
import { managedEndpoint } from "../endpoint.ts";
import type { EmulatorInfo } from "../probe.ts";
import { ministackFiles } from "./files.ts";
import { ensureMinistackInstalled } from "./install.ts";
import { ministackApp, ministackInstanceHost, ministackVersion } from "./pin.ts";

/** What stackctl writes when it starts a ministack, so a later run (any stack) can find and stop it. */
const runRecord = z.object({
  pid: z.int(),
  port: z.int(),
  gateway: z.string(),
  version: z.string(),
  log: z.string(),
  startedAt: z.string(),
});
export type MinistackRun = z.infer<typeof runRecord>;

/** The argv that runs ministack: ministack's own `--detach` command, bound to two addresses. */
export function ministackArgs(port: number, gateway: string): string[] {
  // Two binds rather than 0.0.0.0: loopback for stackctl and the user, the Docker bridge gateway
  // for the function, task and service containers (ministack maps host.docker.internal to
  // host-gateway in them); nothing else on the network reaches it.
  return [
    "-m",
    "hypercorn",
    ministackApp,
    "--bind",
    `127.0.0.1:${port}`,
    "--bind",
    `${gateway}:${port}`,
    "--keep-alive",
    "75",
  ];
}

export function ministackEnv(port: number): Record<string, string> {
  return {
    GATEWAY_PORT: String(port),
    LOG_LEVEL: "INFO",
    MINISTACK_HOSTNAME: ministackInstanceHost,
    PYTHONUNBUFFERED: "1",
    // Listeners of their own on 0.0.0.0 (IoT mTLS on 8883 at boot, Transfer SFTP on 2222 when used):
    // stackctl needs neither, and they would reach beyond the two binds and collide between instances.
    IOT_MTLS_ENABLED: "0",
    SFTP_ENABLED: "0",
  };
}

/**
 * Variables of the user's shell the managed ministack must not see: it hands its own AWS_ENDPOINT_URL
 * (or LOCALSTACK_HOSTNAME) on to every function it runs, before falling back to itself
 * (ministack 1.5.33 `services/lambda_svc.py`), so a shell that points the AWS CLI at some endpoint
 * (even an empty one, as the test harness's did) would send the functions' SDK calls there.
 */
export const ministackUnsetEnv = ["AWS_ENDPOINT_URL", "LOCALSTACK_HOSTNAME"] as const;

/** The label of every container a managed ministack on `port` starts (its own reaper's identity). */
export function ministackInstanceLabel(port: number): Record<string, string> {
  return { "ministack.instance": `${ministackInstanceHost}:${port}` };
}

/** The managed ministack on `port` when it is stackctl's and still runs (the pid is checked, not trusted). */
export async function runningMinistack(
  processes: Processes,
  cacheDir: string,
  port: number,
): Promise<MinistackRun | undefined> {
  const files = ministackFiles(cacheDir, port);
  const text = await readFile(files.record, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  let parsed: ReturnType<typeof runRecord.safeParse>;
  try {
    parsed = runRecord.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const argv = await processes.commandLine(parsed.data.pid);
  return argv?.includes(ministackApp) === true && argv.includes(`127.0.0.1:${port}`)
    ? parsed.data
    : undefined;
}

/** The last lines of a managed ministack's log (empty when there is none). */
export async function ministackLogTail(cacheDir: string, port: number, lines: number): Promise<string[]> {
  const text = await readFile(ministackFiles(cacheDir, port).log, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(-lines);
}

async function startFailure(cacheDir: string, port: number, detail: string): Promise<StackctlError> {
  const files = ministackFiles(cacheDir, port);
  const tail = await ministackLogTail(cacheDir, port, 20);
  return new StackctlError(
    "EMULATOR_START_FAILED",
    { detail },
    { details: [`last lines of ${files.log}:`, ...tail] },
  );
}

/**
 * Installs (first run) and starts the pinned ministack on the host, detached, on 127.0.0.1:port and
 * the Docker bridge gateway; ready when its health answers as ministack. The log goes to the cache
 * dir (the previous run's is kept beside it) for `doctor` and for a failure's tail.
 */
export async function startManagedMinistack(
  ctx: EngineContext,
  deps: Pick<EnginePorts, "processes" | "containerEngine" | "probe" | "clock">,
): Promise<EmulatorInfo> {
  const { port, readyTimeoutMs } = ctx.config.emulator;
  const engine = await deps.containerEngine();
  const docker = await engine.state();
  // ministack runs Lambda functions (and ECS tasks) as Docker containers: no Docker, no lambda mode.
  if (docker.state === "missing") throw new StackctlError("DOCKER_MISSING");
  if (docker.state === "down") throw new StackctlError("DOCKER_NOT_RUNNING", { detail: docker.detail });
  const gateway = await engine.bridgeGateway();
  if (gateway === undefined)
    throw new StackctlError("EMULATOR_START_FAILED", {
      detail:
        "the Docker engine has no default bridge gateway on this machine (is DOCKER_HOST a remote engine?)",
    });
  const { python } = await ensureMinistackInstalled(ctx, deps.processes);
  const files = ministackFiles(ctx.config.cacheDir, port);
  await mkdir(files.runDir, { recursive: true });
  await mkdir(files.logDir, { recursive: true });
  await rename(files.log, files.previousLog).catch(() => undefined);
  let pid: number;
  try {
    ({ pid } = await deps.processes.startDetached(python, ministackArgs(port, gateway), {
      cwd: files.runDir,
      env: ministackEnv(port),
      unset: ministackUnsetEnv,
      logFile: files.log,
    }));
  } catch (error) {
    throw new StackctlError(
      "EMULATOR_START_FAILED",
      { detail: `${python}: ${(error as Error).message}` },
      { cause: error },
    );
  }
  const record: MinistackRun = {
    pid,
    port,
    gateway,
    version: ministackVersion,
    log: files.log,
    startedAt: new Date(deps.clock.now()).toISOString(),
  };
  await writeFile(files.record, `${JSON.stringify(record, null, 2)}\n`);
  const endpoint = managedEndpoint(port);
  const deadline = deps.clock.now() + readyTimeoutMs;
  while (deps.clock.now() < deadline) {
    if (ctx.signal.aborted) {
      await stopMinistackProcess(deps.processes, ctx.config.cacheDir, record);
      throw new StackctlError("INTERRUPTED");
    }
    if ((await deps.processes.commandLine(pid)) === undefined) {
      await rm(files.record, { force: true });
      throw await startFailure(ctx.config.cacheDir, port, "ministack exited while starting");
    }
    const probe = await deps.probe(endpoint, ctx.signal);
    if (probe.state === "ready" && probe.info.kind === "ministack") return probe.info;
    await deps.clock.sleep(250, ctx.signal);
  }
  await stopMinistackProcess(deps.processes, ctx.config.cacheDir, record);
  throw await startFailure(
    ctx.config.cacheDir,
    port,
    `not ready after ${Math.round(readyTimeoutMs / 1000)} s`,
  );
}

/** Stops a managed ministack (SIGTERM: it removes its own containers on the way out) and forgets it. */
export async function stopMinistackProcess(
  processes: Processes,
  cacheDir: string,
  run: MinistackRun,
): Promise<void> {
  await processes.stop(run.pid, 20_000);
  await rm(ministackFiles(cacheDir, run.port).record, { force: true });
}
