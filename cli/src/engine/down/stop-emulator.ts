import type { EngineContext } from "../context.ts";
import { composeCommand, composeTargetFor } from "../emulator/compose-target.ts";
import { ministackInstanceLabel, runningMinistack, stopMinistackProcess } from "../emulator/ministack/run.ts";
import type { EnginePorts } from "../ports.ts";
import { otherStacks } from "../state/ledger.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { runStep, type StepOutcome } from "../step.ts";
import { type DownChanges, noChanges } from "./outcome.ts";

export interface EmulatorStop extends DownChanges {
  emulatorStopped: boolean;
}

const untouched: EmulatorStop = { ...noChanges, emulatorStopped: false };

/** The port of the managed emulator the stack used: its recorded endpoint's, else the configured one. */
function recordedPort(ctx: EngineContext, endpoint: string | undefined): number {
  const port = endpoint === undefined ? Number.NaN : Number(URL.parse(endpoint)?.port);
  return Number.isInteger(port) && port > 0 ? port : ctx.config.emulator.port;
}

/** Stops a managed emulator that this stack started, unless another stack's ledger still uses it. */
export async function stopEmulator(
  ctx: EngineContext,
  deps: EnginePorts,
  state: LedgerWriter,
  timings: Record<string, number>,
): Promise<EmulatorStop> {
  const emulator = state.ledger.emulator;
  if (emulator?.startedByStackctl !== true || ctx.config.endpoint !== undefined) return untouched;
  if (emulator.kind === "ministack")
    return stopMinistack(ctx, deps, recordedPort(ctx, state.ledger.endpoint), timings);
  const target = composeTargetFor(ctx.config, ctx.secrets);
  return runStep(ctx, timings, "emulator.stop", async (): Promise<StepOutcome<EmulatorStop>> => {
    if (ctx.explain)
      ctx.emit({
        step: "emulator.stop",
        status: "explain",
        commands: [composeCommand(target, ["down", "--remove-orphans"])],
      });
    const others = await otherStacks(ctx.config.stateDir, ctx.config.stack);
    if (others.length > 0) {
      return {
        value: { ...untouched, kept: ["emulator"] },
        skipped: true,
        message: `kept running: stacks ${others.join(", ")} use it`,
      };
    }
    if (ctx.dryRun) {
      ctx.emit({
        step: "emulator.stop",
        status: "plan",
        action: "stop",
        target: `LocalStack (${target.project})`,
      });
      return { value: untouched, message: "would stop" };
    }
    await (await deps.emulatorHost()).down(target);
    return {
      value: { ...noChanges, emulatorStopped: true },
      message: `stopped ${target.project} (its in-memory data is gone)`,
    };
  });
}

/**
 * Stops the managed ministack on `port` when stackctl's cache dir records it as started by stackctl
 * (a ministack someone else runs there is never touched), unless another stack still uses it; then
 * removes any container it left (its own shutdown removes them; this is for a SIGKILL).
 */
function stopMinistack(
  ctx: EngineContext,
  deps: EnginePorts,
  port: number,
  timings: Record<string, number>,
): Promise<EmulatorStop> {
  return runStep(ctx, timings, "emulator.stop", async (): Promise<StepOutcome<EmulatorStop>> => {
    const run = await runningMinistack(deps.processes, ctx.config.cacheDir, port);
    if (ctx.explain && run !== undefined)
      ctx.emit({ step: "emulator.stop", status: "explain", commands: [`kill -TERM -${run.pid}`] });
    if (run === undefined)
      return { value: untouched, skipped: true, message: `no ministack of stackctl's runs on port ${port}` };
    const others = await otherStacks(ctx.config.stateDir, ctx.config.stack);
    if (others.length > 0)
      return {
        value: { ...untouched, kept: ["emulator"] },
        skipped: true,
        message: `kept running: stacks ${others.join(", ")} use it`,
      };
    if (ctx.dryRun) {
      ctx.emit({
        step: "emulator.stop",
        status: "plan",
        action: "stop",
        target: `ministack (pid ${run.pid})`,
      });
      return { value: untouched, message: "would stop" };
    }
    await stopMinistackProcess(deps.processes, ctx.config.cacheDir, run);
    const engine = await deps.containerEngine();
    const left = await engine.findContainers(ministackInstanceLabel(port));
    for (const container of left) await engine.removeContainer(container.id);
    const removed = left.length === 0 ? "" : `; removed ${left.length} container(s) it left`;
    return {
      value: { ...noChanges, emulatorStopped: true },
      message: `stopped ministack (pid ${run.pid}; its in-memory data is gone${removed})`,
    };
  });
}
