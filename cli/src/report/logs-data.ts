import type { StackctlConfig } from "../config/schema.ts";
import type { LogsOutcome } from "../engine/logs/logs.ts";
import type { LogsData } from "./schemas/logs.ts";
import type { CommandOutput } from "./types.ts";

/** The `logs` result: the lines were the output, so no summary follows them. */
export function logsOutput(outcome: LogsOutcome, config: StackctlConfig): CommandOutput<LogsData> {
  const { mode, source, lines, follow } = outcome;
  return { data: { stack: config.stack, mode, source, lines, follow }, summary: [] };
}
