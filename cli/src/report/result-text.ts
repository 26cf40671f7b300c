import type { StackctlError } from "../errors.ts";
import type { Paint } from "./style.ts";

/** The human rendering of a failure: message, details, the next step, the code; stack only when verbose. */
export function errorText(error: StackctlError, paint: Paint, verbose: boolean): string[] {
  const retry = error.retryable ? ", retryable" : "";
  const lines = [
    `${paint("red", "✗")} ${paint("bold", error.message)}`,
    ...error.details.map((line) => paint("dim", `    ${line}`)),
    `  ${paint("cyan", "→")} ${error.hint}`,
    paint("dim", `  (${error.code}, exit ${error.exitCode}${retry})`),
  ];
  if (verbose) {
    const cause = error.cause instanceof Error ? error.cause.stack : undefined;
    lines.push(paint("dim", error.stack ?? ""));
    if (cause !== undefined) lines.push(paint("dim", `caused by: ${cause}`));
  }
  return lines;
}
