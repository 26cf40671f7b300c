import type { EngineContext } from "../context.ts";
import { composeCommand, composeTargetFor } from "../emulator/compose-target.ts";
import type { EmulatorDeps } from "../emulator/ensure.ts";
import { otherStacks } from "../state/ledger.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { runStep } from "../step.ts";
import type { DownOutcome } from "./outcome.ts";

/** Stops a LocalStack that this stack started, unless another stack's ledger still uses it. */
export async function stopEmulator(
  ctx: EngineContext,
  deps: EmulatorDeps,
  state: LedgerWriter,
  outcome: DownOutcome,
) {
  const emulator = state.ledger.emulator;
  if (emulator?.startedByStackctl !== true || ctx.config.endpoint !== undefined) return;
  const target = composeTargetFor(ctx.config, ctx.secrets);
  await runStep(ctx, outcome.timings, "emulator.stop", async () => {
    if (ctx.explain)
      ctx.emit({
        step: "emulator.stop",
        status: "explain",
        commands: [composeCommand(target, ["down", "--remove-orphans"])],
      });
    const others = await otherStacks(ctx.config.stateDir, ctx.config.stack);
    if (others.length > 0) {
      outcome.kept.push("emulator");
      return { value: undefined, skipped: true, message: `kept running: stacks ${others.join(", ")} use it` };
    }
    if (ctx.dryRun) {
      ctx.emit({
        step: "emulator.stop",
        status: "plan",
        action: "stop",
        target: `LocalStack (${target.project})`,
      });
      return { value: undefined, message: "would stop" };
    }
    await (await deps.runtime()).down(target);
    outcome.emulatorStopped = true;
    return { value: undefined, message: `stopped ${target.project} (its in-memory data is gone)` };
  });
}
