import { StackctlError } from "../errors.ts";
import { classifyError } from "./classify-error.ts";
import type { EngineContext } from "./context.ts";

export interface StepOutcome<T> {
  value: T;
  /** One line for the progress display, e.g. "created demo-inventory". */
  message?: string;
  skipped?: boolean;
}

export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw new StackctlError("INTERRUPTED");
}

/** Runs one named step: emits start, then done/skip/fail with its wall time, and records the time. */
export async function runStep<T>(
  ctx: EngineContext,
  timings: Record<string, number>,
  step: string,
  work: () => Promise<StepOutcome<T>>,
): Promise<T> {
  throwIfInterrupted(ctx.signal);
  const started = performance.now();
  ctx.emit({ step, status: "start" });
  try {
    const outcome = await work();
    const ms = Math.round(performance.now() - started);
    timings[step] = ms;
    ctx.emit({ step, status: outcome.skipped === true ? "skip" : "done", ms, message: outcome.message });
    return outcome.value;
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    timings[step] = ms;
    const interrupted = ctx.signal.aborted;
    ctx.emit({ step, status: "fail", ms, message: interrupted ? "interrupted" : (error as Error).message });
    if (interrupted) throw new StackctlError("INTERRUPTED", {}, { cause: error });
    throw classifyError(step, error);
  }
}
