import type { StackctlConfig } from "../config/schema.ts";
import type { DevOutcome } from "../engine/dev/dev.ts";
import type { DevData } from "./schemas/dev.ts";
import type { CommandOutput } from "./types.ts";

/** The `dev` result once `q` ended the session: what stays deployed. */
export function devOutput(outcome: DevOutcome, config: StackctlConfig): CommandOutput<DevData> {
  return {
    data: {
      stack: config.stack,
      mode: outcome.mode,
      apiUrl: outcome.apiUrl,
      version: outcome.version,
      reloads: outcome.reloads,
      failed: outcome.failed,
      timings: outcome.up.timings,
    },
    summary: [
      "",
      `dev ended: ${outcome.reloads} reload(s) deployed, ${outcome.failed} failed; stack ${config.stack} stays deployed.`,
      `  mode       ${outcome.mode}`,
      `  version    ${outcome.version}`,
      `  API URL    ${outcome.apiUrl}`,
      "  `stackctl status` checks it, `stackctl down` removes it.",
    ],
  };
}
