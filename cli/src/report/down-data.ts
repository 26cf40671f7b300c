import type { StackctlConfig } from "../config/schema.ts";
import type { DownOutcome } from "../engine/down.ts";
import type { DownData } from "./schemas/down.ts";
import type { CommandOutput } from "./types.ts";

/** The `down` result and its summary: what was removed (or would be), and what was kept and why. */
export function downOutput(
  outcome: DownOutcome,
  config: StackctlConfig,
  run: { purge: boolean; dryRun: boolean },
): CommandOutput<DownData> {
  const prefix = run.dryRun ? "Would remove" : "Removed";
  const removed = outcome.removed.length > 0 ? outcome.removed.join(", ") : "nothing";
  return {
    data: {
      stack: config.stack,
      purge: run.purge,
      dryRun: run.dryRun,
      removed: outcome.removed,
      kept: outcome.kept,
      emulatorStopped: outcome.emulatorStopped,
      timings: outcome.timings,
    },
    summary: [
      "",
      `${prefix}: ${removed}${outcome.emulatorStopped ? "; stopped the emulator" : ""}.`,
      ...(outcome.kept.length > 0 ? [`Kept: ${outcome.kept.join(", ")}.`] : []),
    ],
  };
}
