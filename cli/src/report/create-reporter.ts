import { createJsonReporter } from "./json-reporter.ts";
import { createPlainReporter } from "./plain-reporter.ts";
import { createTtyReporter } from "./tty-reporter.ts";
import type { Reporter, ReporterOptions } from "./types.ts";

export type Rendering = "json" | "plain" | "tty";

/** --json wins; otherwise a spinner only on an interactive terminal outside CI. */
export function chooseRendering(input: { json: boolean; isTTY: boolean; ci: boolean }): Rendering {
  if (input.json) return "json";
  return input.isTTY && !input.ci ? "tty" : "plain";
}

export function createReporter(rendering: Rendering, options: ReporterOptions): Reporter {
  if (rendering === "json") return createJsonReporter(options);
  if (rendering === "tty") return createTtyReporter(options);
  return createPlainReporter(options);
}
