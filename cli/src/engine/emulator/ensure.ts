import { StackctlError } from "../../errors.ts";
import type { EngineContext } from "../context.ts";
import type { EnginePorts } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";
import { composeCommand, composeTargetFor } from "./compose-target.ts";
import { stackEndpoint } from "./endpoint.ts";
import { managedExposure } from "./exposure.ts";
import { ministackFiles } from "./ministack/files.ts";
import { ministackRequirement, ministackVersion } from "./ministack/pin.ts";
import { ministackArgs, ministackEnv, startManagedMinistack } from "./ministack/run.ts";
import { emulatorImage } from "./pinned-image.ts";
import type { EmulatorInfo } from "./probe.ts";
import { checkPreconditions, startManagedEmulator } from "./start-managed.ts";

export interface EmulatorSession {
  endpoint: string;
  /** Undefined only in --dry-run when the emulator would have to be started first. */
  info: EmulatorInfo | undefined;
  /** True when stackctl manages the emulator (no --endpoint); false for a user-named one. */
  managed: boolean;
  startedByStackctl: boolean;
}

function describe(info: EmulatorInfo, verb: string): string {
  return `${verb} ${info.kind} ${info.version} (${info.edition}) at ${info.endpoint}`;
}

function explain(ctx: EngineContext, endpoint: string, managed: boolean): void {
  if (!ctx.explain) return;
  const commands = [shellLine("curl", "-s", `${endpoint}/_localstack/health`)];
  if (managed && ctx.config.emulator.kind === "ministack") {
    const { port } = ctx.config.emulator;
    const files = ministackFiles(ctx.config.cacheDir, port);
    const env = Object.entries(ministackEnv(port)).map(([key, value]) => `${key}=${value}`);
    commands.unshift(
      shellLine("python3", "-m", "venv", files.venv),
      shellLine(`${files.venv}/bin/python`, "-m", "pip", "install", ministackRequirement),
      `${[...env, shellLine(files.python, ...ministackArgs(port, "<docker bridge gateway>"))].join(" ")} >>${shellLine(files.log)} 2>&1 &`,
    );
  } else if (managed) {
    const target = composeTargetFor(ctx.config, ctx.secrets);
    commands.unshift(composeCommand(target, ["up", "-d", target.service]));
    commands.push(shellLine("curl", "-s", `${endpoint}/_localstack/init/ready`));
  }
  ctx.emit({ step: "emulator", status: "explain", commands });
}

/**
 * With --endpoint/STACKCTL_ENDPOINT: use that emulator, never start one. Otherwise reuse a healthy
 * emulator on the managed port, or start the pinned LocalStack; never a second one on the same port.
 */
export async function ensureEmulator(
  ctx: EngineContext,
  deps: EnginePorts,
  mayStart = true,
): Promise<{ session: EmulatorSession; message: string }> {
  const named = ctx.config.endpoint;
  const endpoint = stackEndpoint(ctx.config);
  explain(ctx, endpoint, named === undefined);
  const probe = await deps.probe(endpoint, ctx.signal);
  if (named !== undefined) {
    if (probe.state !== "ready")
      throw new StackctlError("EMULATOR_UNREACHABLE", { endpoint, detail: probe.detail });
    const session = { endpoint, info: probe.info, managed: false, startedByStackctl: false };
    return { session, message: describe(probe.info, "using") };
  }
  if (probe.state === "ready") {
    const wanted = ctx.config.emulator.kind;
    // A kind the user chose must be the one that answers; the default reuses whatever emulator runs there.
    if (ctx.config.sources["emulator.kind"] !== "default" && probe.info.kind !== wanted)
      throw new StackctlError("EMULATOR_KIND_MISMATCH", {
        port: ctx.config.emulator.port,
        found: `${probe.info.kind} ${probe.info.version}`,
        wanted,
      });
    return {
      session: { endpoint, info: probe.info, managed: true, startedByStackctl: false },
      message: describe(probe.info, "reusing running"),
    };
  }
  // Refused means the port is free; anything else (an HTTP server, a silent socket) means it is taken.
  if (probe.state === "foreign" || probe.detail !== "ECONNREFUSED") {
    throw new StackctlError("PORT_BUSY", { port: ctx.config.emulator.port });
  }
  if (!mayStart) {
    throw new StackctlError("EMULATOR_UNREACHABLE", {
      endpoint,
      detail: "not running; `stackctl up` starts it",
    });
  }
  if (ctx.config.emulator.kind === "ministack") return startMinistack(ctx, deps, endpoint);
  if (ctx.dryRun) {
    await checkPreconditions(
      await deps.emulatorHost(),
      await emulatorImage(ctx.config.emulatorImage),
      ctx.config.authTokenPresent,
    );
    ctx.emit({ step: "emulator", status: "plan", action: "start", target: `LocalStack on ${endpoint}` });
    return {
      session: { endpoint, info: undefined, managed: true, startedByStackctl: true },
      message: "would start LocalStack (Docker, compose and the auth token checked; image not pulled)",
    };
  }
  const info = await startManagedEmulator(ctx, await deps.emulatorHost(), deps.clock, endpoint, deps);
  ctx.emit({
    step: "emulator",
    status: "warn",
    message: managedExposure("localstack", ctx.config.emulator.port),
  });
  return {
    session: { endpoint, info, managed: true, startedByStackctl: true },
    message: describe(info, "started"),
  };
}

async function startMinistack(
  ctx: EngineContext,
  deps: EnginePorts,
  endpoint: string,
): Promise<{ session: EmulatorSession; message: string }> {
  if (ctx.dryRun) {
    const docker = await (await deps.containerEngine()).state();
    if (docker.state === "missing") throw new StackctlError("DOCKER_MISSING");
    if (docker.state === "down") throw new StackctlError("DOCKER_NOT_RUNNING", { detail: docker.detail });
    ctx.emit({
      step: "emulator",
      status: "plan",
      action: "start",
      target: `ministack ${ministackVersion} on ${endpoint}`,
    });
    return {
      session: { endpoint, info: undefined, managed: true, startedByStackctl: true },
      message: `would start ministack ${ministackVersion} (installed from PyPI into ${ctx.config.cacheDir} on first use)`,
    };
  }
  const info = await startManagedMinistack(ctx, deps);
  ctx.emit({
    step: "emulator",
    status: "warn",
    message: managedExposure("ministack", ctx.config.emulator.port),
  });
  return {
    session: { endpoint, info, managed: true, startedByStackctl: true },
    message: describe(info, "started"),
  };
}
