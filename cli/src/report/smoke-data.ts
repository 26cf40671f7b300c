import type { StackctlConfig } from "../config/schema.ts";
import type { smoke } from "../engine/smoke/smoke-command.ts";
import type { SmokeData } from "./schemas/smoke.ts";
import type { CommandOutput } from "./types.ts";

type SmokeOutcome = Awaited<ReturnType<typeof smoke>>;

/** The `smoke` result: the checks that passed (a failing one ends in an error, exit 4). */
export function smokeOutput(report: SmokeOutcome, config: StackctlConfig): CommandOutput<SmokeData> {
  return {
    data: {
      stack: config.stack,
      url: report.url,
      version: report.version ?? null,
      mode: report.mode ?? null,
      checks: report.checks,
      timings: report.timings,
    },
    summary: [
      "",
      `Smoke: ${report.checks.length} checks passed at ${report.url} (${report.mode ?? "?"} mode, version ${report.version ?? "?"}).`,
    ],
  };
}
