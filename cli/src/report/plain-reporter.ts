import { eventText } from "./event-text.ts";
import { errorText } from "./result-text.ts";
import { painter } from "./style.ts";
import { terminalSafe } from "./terminal-safe.ts";
import type { Reporter, ReporterOptions } from "./types.ts";

/** Not a TTY, or CI set: one line per event, no cursor tricks, so logs read top to bottom. */
export function createPlainReporter({ stdout, stderr, color, verbose }: ReporterOptions): Reporter {
  const paint = painter(color);
  return {
    event(event) {
      if (event.status === "log" && !verbose) return;
      // Log lines of the service are printed as they came (grep and jq read them); on a terminal (CI
      // set on one) without their escape sequences.
      if (event.status === "line") {
        const text = event.message ?? "";
        stdout.write(`${stdout.isTTY === true ? terminalSafe(text) : text}\n`);
        return;
      }
      for (const line of eventText(event, paint)) stdout.write(`${line}\n`);
    },
    result(result) {
      if (result.ok) {
        for (const line of result.summary) stdout.write(`${line}\n`);
        return;
      }
      for (const line of errorText(result.error, paint, verbose)) stderr.write(`${line}\n`);
    },
  };
}
