import type { EngineEvent } from "../../engine/events.ts";
import type { CommandResult, OutputStream, Reporter } from "../types.ts";
import { stepSummary, summaryCommands } from "./step-summary.ts";

export interface GithubActionsOptions {
  /** Where progress lines go (stdout in plain rendering, stderr under --output env); unset under --json. */
  progress: OutputStream | undefined;
  /** Where the `::error` annotation goes when there is no progress stream (--json keeps stdout ND-JSON). */
  stderr: OutputStream;
  /** Appends Markdown to `$GITHUB_STEP_SUMMARY`; unset when that variable is. */
  appendSummary: ((markdown: string) => void) | undefined;
}

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** `::error title=<CODE>::<message>` with the next step on a second line. */
export function errorAnnotation(code: string, message: string, hint: string): string {
  return `::error title=${escapeProperty(code)}::${escapeData(`${message}\n${hint}`)}`;
}

/**
 * Under GITHUB_ACTIONS=true: a long step's own output (`log` events, such as a docker build) is
 * shown folded in a `::group::`, a failure also gives an `::error` annotation, and `up`/`smoke`
 * append a Markdown section to the step summary. The wrapped reporter renders everything else.
 */
export function withGithubActions(inner: Reporter, command: string, options: GithubActionsOptions): Reporter {
  const { progress, stderr, appendSummary } = options;
  let openGroup: string | undefined;
  const stepTimings: Record<string, number> = {};
  const closeGroup = () => {
    if (openGroup === undefined || progress === undefined) return;
    progress.write("::endgroup::\n");
    openGroup = undefined;
  };
  return {
    event(event: EngineEvent) {
      if (event.status === "done" && event.ms !== undefined) stepTimings[event.step] = event.ms;
      if (progress === undefined || event.status !== "log") {
        if (event.step !== openGroup || event.status !== "log") closeGroup();
        inner.event(event);
        return;
      }
      if (openGroup !== event.step) {
        closeGroup();
        progress.write(`::group::${escapeData(event.step)} output\n`);
        openGroup = event.step;
      }
      progress.write(`${event.message ?? ""}\n`);
    },
    result(result: CommandResult) {
      closeGroup();
      inner.result(result);
      if (!result.ok) {
        const { code, message, hint } = result.error;
        (progress ?? stderr).write(`${errorAnnotation(code, message, hint)}\n`);
      }
      if (appendSummary !== undefined && summaryCommands.includes(command)) {
        appendSummary(
          stepSummary(command, result.ok ? { ok: true, data: result.data } : result, stepTimings),
        );
      }
    },
  };
}
