import { StackctlError } from "../errors.ts";
import { inStepScope } from "./aws-calls.ts";
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

/**
 * Runs one named step: emits start, then done/skip/fail with its wall time and the AWS calls it made
 * (`awsCalls`, when any: ./aws-calls.ts), and records the time.
 */
export async function runStep<T>(
  ctx: EngineContext,
  timings: Record<string, number>,
  step: string,
  work: () => Promise<StepOutcome<T>>,
): Promise<T> {
  throwIfInterrupted(ctx.signal);
  const started = performance.now();
  ctx.emit({ step, status: "start" });
  const scoped = inStepScope(step, work);
  const counted = () => (scoped.calls() > 0 ? { awsCalls: scoped.calls() } : {});
  try {
    const outcome = await scoped.done;
    const ms = Math.round(performance.now() - started);
    timings[step] = ms;
    const status = outcome.skipped === true ? "skip" : "done";
    ctx.emit({ step, status, ms, ...counted(), message: outcome.message });
    return outcome.value;
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    timings[step] = ms;
    const interrupted = ctx.signal.aborted;
    const message = interrupted ? "interrupted" : (error as Error).message;
    ctx.emit({ step, status: "fail", ms, ...counted(), message });
    if (interrupted) throw new StackctlError("INTERRUPTED", {}, { cause: error });
    throw classifyError(step, error);
  }
}
