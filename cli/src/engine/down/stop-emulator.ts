import type { EngineContext } from "../context.ts";
import { composeCommand, composeTargetFor } from "../emulator/compose-target.ts";
import type { EnginePorts } from "../ports.ts";
import { otherStacks } from "../state/ledger.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { runStep, type StepOutcome } from "../step.ts";
import { type DownChanges, noChanges } from "./outcome.ts";

export interface EmulatorStop extends DownChanges {
  emulatorStopped: boolean;
}

const untouched: EmulatorStop = { ...noChanges, emulatorStopped: false };

/** Stops a LocalStack that this stack started, unless another stack's ledger still uses it. */
export async function stopEmulator(
  ctx: EngineContext,
  deps: EnginePorts,
  state: LedgerWriter,
  timings: Record<string, number>,
): Promise<EmulatorStop> {
  const emulator = state.ledger.emulator;
  if (emulator?.startedByStackctl !== true || ctx.config.endpoint !== undefined) return untouched;
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
