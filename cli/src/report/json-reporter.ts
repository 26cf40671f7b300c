import type { z } from "zod";
import { errorPayload, StackctlError } from "../errors.ts";
import { eventLine, failResultLine, okResultLine } from "./schemas/envelope.ts";
import type { CommandResult, Reporter, ReporterOptions } from "./types.ts";

/**
 * A line goes out (as it is) only if it matches the `--json` contract (`schemas/envelope.ts`); one
 * that does not is a bug in stackctl, reported as such (INTERNAL) instead of written.
 */
function checked<Line extends object>(schema: z.ZodType, value: Line, what: string): Line {
  const parsed = schema.safeParse(value);
  if (parsed.success) return value;
  const issue = parsed.error.issues[0];
  const where = issue === undefined ? "" : ` at ${issue.path.join(".") || "the top"}: ${issue.message}`;
  throw new StackctlError("INTERNAL", {
    detail: `${what} does not match the --json contract (cli/src/report/schemas/)${where}`,
  });
}

/**
 * `--json`: stdout carries ND-JSON only: `{"type":"event",...}` lines, then exactly one
 * `{"type":"result",...}`. Stack traces (with --verbose) go to stderr so stdout stays parseable.
 */
export function createJsonReporter({ stdout, stderr, verbose }: ReporterOptions): Reporter {
  const line = (value: object) => stdout.write(`${JSON.stringify(value)}\n`);
  return {
    event(event) {
      line(checked(eventLine, { type: "event", ...event }, `the ${event.status} event of ${event.step}`));
    },
    result(result: CommandResult) {
      if (result.ok) {
        const ok = { type: "result", command: result.command, ok: true, data: result.data };
        line(checked(okResultLine, ok, `the result of ${result.command}`));
        return;
      }
      const failure = {
        type: "result",
        command: result.command,
        ok: false,
        error: errorPayload(result.error),
      };
      line(checked(failResultLine, failure, `the failure of ${result.command}`));
      if (verbose && result.error.stack !== undefined) stderr.write(`${result.error.stack}\n`);
    },
  };
}
