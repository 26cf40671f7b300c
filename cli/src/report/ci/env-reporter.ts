import { createPlainReporter } from "../plain-reporter.ts";
import type { Reporter, ReporterOptions } from "../types.ts";
import { envLines } from "./env-lines.ts";

/**
 * `--output env`: stdout carries the KEY=value lines only (so `>> "$GITHUB_OUTPUT"` works); the
 * progress and any error are plain lines on stderr, where the CI log still shows them.
 */
export function createEnvReporter(options: ReporterOptions): Reporter {
  const progress = createPlainReporter({ ...options, stdout: options.stderr });
  return {
    event: progress.event,
    result(result) {
      if (!result.ok) {
        progress.result(result);
        return;
      }
      for (const line of result.summary) options.stderr.write(`${line}\n`);
      for (const line of envLines(result.data)) options.stdout.write(`${line}\n`);
    },
  };
}
