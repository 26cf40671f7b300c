import { appendFileSync } from "node:fs";
import { createReporter, type Rendering } from "../create-reporter.ts";
import type { Reporter, ReporterOptions } from "../types.ts";
import { createEnvReporter } from "./env-reporter.ts";
import { withGithubActions } from "./github-actions.ts";

export interface CiOptions {
  command: string;
  /** GITHUB_ACTIONS=true. */
  githubActions: boolean;
  /** $GITHUB_STEP_SUMMARY, the file `up`/`smoke` append their Markdown section to. */
  stepSummaryFile: string | undefined;
}

/** The reporter for a command: the rendering asked for (`env` too), wrapped for GitHub Actions when it runs there. */
export function createCommandReporter(
  rendering: Rendering | "env",
  options: ReporterOptions,
  ci: CiOptions,
): Reporter {
  const inner = rendering === "env" ? createEnvReporter(options) : createReporter(rendering, options);
  if (!ci.githubActions) return inner;
  const summaryFile = ci.stepSummaryFile;
  return withGithubActions(inner, ci.command, {
    progress: rendering === "json" ? undefined : rendering === "env" ? options.stderr : options.stdout,
    stderr: options.stderr,
    appendSummary:
      summaryFile === undefined
        ? undefined
        : (markdown) => {
            try {
              appendFileSync(summaryFile, `${markdown}\n`);
            } catch (error) {
              // The command's own result stands; a summary that cannot be written is only said.
              const reason = error instanceof Error ? error.message : String(error);
              options.stderr.write(
                `::warning title=STEP_SUMMARY::cannot append to GITHUB_STEP_SUMMARY: ${reason}\n`,
              );
            }
          },
  });
}
