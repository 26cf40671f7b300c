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
 * Interactive terminal: one spinner line naming every running step (steps may run side by side)
 * with the elapsed time of the oldest, and a ✓/✗ line with a step's timing when it ends, printed
 * above the spinner, so each finished step has a line of its own and nothing interleaves.
 */
export function createTtyReporter(options: TtyReporterOptions): Reporter {
  const { stdout, stderr, color, verbose } = options;
  const paint = painter(color);
  const running = new Map<string, number>();
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;

  const draw = () => {
    const oldest = Math.min(...running.values());
    if (!Number.isFinite(oldest)) return;
    const elapsed = ((performance.now() - oldest) / 1000).toFixed(1);
    const mark = frames[frame % frames.length] ?? "-";
    const steps = [...running.keys()].join(", ");
    stdout.write(`${clearLine}${paint("cyan", mark)} ${steps} ${paint("dim", `${elapsed} s`)}`);
    frame += 1;
  };
  const startTimer = () => {
    const frameMs = options.frameMs ?? 80;
    if (timer === undefined && frameMs > 0) timer = setInterval(draw, frameMs).unref();
  };
  const stopSpinner = () => {
    clearInterval(timer);
    timer = undefined;
    if (running.size > 0) stdout.write(clearLine);
    running.clear();
  };

  return {
    event(event) {
      if (event.status === "log" && !verbose) return;
      if (event.status === "line") {
        stdout.write(`${logLineText(event, paint)}\n`);
        return;
      }
      if (event.status === "start") {
        running.set(event.step, performance.now());
        startTimer();
        draw();
        return;
      }
      const spinning = running.size > 0;
      if (spinning) stdout.write(clearLine);
      const ended = event.status === "done" || event.status === "skip" || event.status === "fail";
      if (ended) running.delete(event.step);
      for (const line of eventText(event, paint)) stdout.write(`${line}\n`);
      if (running.size > 0) draw();
      else if (spinning) {
        clearInterval(timer);
        timer = undefined;
      }
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
