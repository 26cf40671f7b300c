import { eventText } from "./event-text.ts";
import { logLineText } from "./log-line-text.ts";
import { errorText } from "./result-text.ts";
import { painter } from "./style.ts";
import type { Reporter, ReporterOptions } from "./types.ts";

const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const clearLine = "\r\u001b[2K";

export interface TtyReporterOptions extends ReporterOptions {
  /** Spinner frame interval; tests pass 0 to disable the timer. */
  frameMs?: number;
}

/**
 * Interactive terminal: a spinner with the running step and its elapsed time, replaced by a
 * ✓/✗ line with the step's timing when it ends.
 */
export function createTtyReporter(options: TtyReporterOptions): Reporter {
  const { stdout, stderr, color, verbose } = options;
  const paint = painter(color);
  let active: { step: string; started: number; frame: number; timer?: NodeJS.Timeout } | undefined;

  const draw = () => {
    if (active === undefined) return;
    const elapsed = ((performance.now() - active.started) / 1000).toFixed(1);
    const frame = frames[active.frame % frames.length] ?? "-";
    stdout.write(`${clearLine}${paint("cyan", frame)} ${active.step} ${paint("dim", `${elapsed} s`)}`);
    active.frame += 1;
  };
  const stopSpinner = () => {
    if (active === undefined) return;
    clearInterval(active.timer);
    stdout.write(clearLine);
    active = undefined;
  };

  return {
    event(event) {
      if (event.status === "log" && !verbose) return;
      if (event.status === "line") {
        stdout.write(`${logLineText(event, paint)}\n`);
        return;
      }
      if (event.status === "start") {
        stopSpinner();
        active = { step: event.step, started: performance.now(), frame: 0 };
        const frameMs = options.frameMs ?? 80;
        if (frameMs > 0) active.timer = setInterval(draw, frameMs).unref();
        draw();
        return;
      }
      if (active?.step === event.step) stopSpinner();
      const pending = active;
      if (pending !== undefined) stdout.write(clearLine);
      for (const line of eventText(event, paint)) stdout.write(`${line}\n`);
      if (pending !== undefined) draw();
    },
    result(result) {
      stopSpinner();
      if (result.ok) {
        for (const line of result.summary) stdout.write(`${line}\n`);
        return;
      }
      for (const line of errorText(result.error, paint, verbose)) stderr.write(`${line}\n`);
    },
  };
}
