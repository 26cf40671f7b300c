import { StackctlError } from "../errors.ts";
import type { EngineContext } from "./context.ts";
import { composeTargetFor } from "./emulator/compose-target.ts";
import { ensureEmulator } from "./emulator/ensure.ts";
import { ministackFiles } from "./emulator/ministack/files.ts";
import { ministackInstanceLabel, runningMinistack, stopMinistackProcess } from "./emulator/ministack/run.ts";
import type { EnginePorts } from "./ports.ts";
import { runStep, type StepOutcome } from "./step.ts";

export const emulatorActions = ["start", "stop"] as const;
export type EmulatorAction = (typeof emulatorActions)[number];

export interface EmulatorCommandOutcome {
  action: EmulatorAction;
  kind: string;
  endpoint: string;
  version: string | null;
  /** start: whether this run started it; stop: whether this run stopped it. */
  changed: boolean;
  /** The managed ministack's pid and log, when it runs (start) or ran (stop). */
  pid: number | null;
  log: string | null;
}

/**
 * `stackctl emulator start|stop`: the managed emulator alone, outside any stack (the test harness
 * runs its ministack this way). Start reuses or starts it as `up` does; stop ends only one that
 * stackctl started: the ministack recorded in the cache dir, or the stack's compose LocalStack.
 */
export async function emulatorCommand(
  ctx: EngineContext,
  deps: EnginePorts,
  action: string | undefined,
): Promise<EmulatorCommandOutcome> {
  if (action !== "start" && action !== "stop")
    throw new StackctlError("USAGE", {
      detail: `Unknown emulator action "${action ?? ""}" (known: ${emulatorActions.join(", ")})`,
    });
  if (ctx.config.endpoint !== undefined)
    throw new StackctlError("USAGE", {
      detail: "`stackctl emulator` manages stackctl's own emulator: drop --endpoint / STACKCTL_ENDPOINT",
    });
  const { kind, port } = ctx.config.emulator;
  const timings: Record<string, number> = {};
  const files = ministackFiles(ctx.config.cacheDir, port);
  if (action === "start") {
    const session = await runStep(ctx, timings, "emulator", async () => {
      const { session, message } = await ensureEmulator(ctx, deps, true);
      return { value: session, message };
    });
    const run =
      kind === "ministack" ? await runningMinistack(deps.processes, ctx.config.cacheDir, port) : undefined;
    return {
      action,
      kind: session.info?.kind ?? kind,
      endpoint: session.endpoint,
      version: session.info?.version ?? null,
      changed: session.startedByStackctl,
      pid: run?.pid ?? null,
      log: run === undefined ? null : files.log,
    };
  }
  const endpoint = `http://127.0.0.1:${port}`;
  return runStep(ctx, timings, "emulator.stop", async (): Promise<StepOutcome<EmulatorCommandOutcome>> => {
    if (kind === "localstack") {
      const target = composeTargetFor(ctx.config, ctx.secrets);
      if (!ctx.dryRun) await (await deps.emulatorHost()).down(target);
      const value: EmulatorCommandOutcome = {
        action: "stop" as const,
        kind,
        endpoint,
        version: null,
        changed: !ctx.dryRun,
        pid: null,
        log: null,
      };
      return { value, message: `${ctx.dryRun ? "would stop" : "stopped"} ${target.project}` };
    }
    const run = await runningMinistack(deps.processes, ctx.config.cacheDir, port);
    const base = {
      action: "stop" as const,
      kind,
      endpoint,
      version: run?.version ?? null,
      pid: run?.pid ?? null,
      log: files.log,
    };
    if (run === undefined)
      return {
        value: { ...base, changed: false },
        skipped: true,
        message: `no ministack of stackctl's runs on port ${port}`,
      };
    if (ctx.dryRun)
      return { value: { ...base, changed: false }, message: `would stop ministack (pid ${run.pid})` };
    await stopMinistackProcess(deps.processes, ctx.config.cacheDir, run);
    const engine = await deps.containerEngine();
    for (const container of await engine.findContainers(ministackInstanceLabel(port)))
      await engine.removeContainer(container.id);
    return { value: { ...base, changed: true }, message: `stopped ministack (pid ${run.pid})` };
  });
}
