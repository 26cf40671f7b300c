import { errorPayload } from "../errors.ts";
import type { CommandResult, Reporter, ReporterOptions } from "./types.ts";

/**
 * `--json`: stdout carries ND-JSON only: `{"type":"event",...}` lines, then exactly one
 * `{"type":"result",...}`. Stack traces (with --verbose) go to stderr so stdout stays parseable.
 */
export function createJsonReporter({ stdout, stderr, verbose }: ReporterOptions): Reporter {
  const line = (value: object) => stdout.write(`${JSON.stringify(value)}\n`);
  return {
    event(event) {
      line({ type: "event", ...event });
    },
    result(result: CommandResult) {
      if (result.ok) {
        line({ type: "result", command: result.command, ok: true, data: result.data });
        return;
      }
      line({ type: "result", command: result.command, ok: false, error: errorPayload(result.error) });
      if (verbose && result.error.stack !== undefined) stderr.write(`${result.error.stack}\n`);
    },
  };
}
