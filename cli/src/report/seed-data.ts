import type { StackctlConfig } from "../config/schema.ts";
import { describeTally } from "../engine/fixtures/tally.ts";
import type { SeedCommandOutcome } from "../engine/seed.ts";
import type { SeedData } from "./schemas/seed.ts";
import type { CommandOutput } from "./types.ts";

/** The `seed` result and its summary: one line per fixture kind, worded as the progress lines are. */
export function seedOutput(
  outcome: SeedCommandOutcome,
  config: StackctlConfig,
  run: { reset: boolean; dryRun: boolean },
): CommandOutput<SeedData> {
  const { items, files } = outcome.fixtures;
  return {
    data: {
      stack: config.stack,
      reset: run.reset,
      dryRun: run.dryRun,
      fixtures: outcome.fixtures,
      timings: outcome.timings,
    },
    summary: [
      "",
      `Stack ${config.stack}${run.dryRun ? " (dry run: nothing was changed)" : ""}:`,
      `  ${describeTally("items", items, run.dryRun)}`,
      `  ${describeTally("files", files, run.dryRun)}`,
    ],
  };
}
