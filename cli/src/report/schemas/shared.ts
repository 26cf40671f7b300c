import { z } from "zod";
import { isModeName } from "../../engine/modes/table.ts";

/** Pieces several commands' `--json` data share (README "Output (`--json`)"). */
/** A compute mode of `engine/modes/table.ts`. */
export const mode = z.string().refine(isModeName, { error: "a compute mode of engine/modes/table.ts" });

/** Milliseconds per step, keyed by step name. */
export const timings = z.record(z.string(), z.number().int().nonnegative());

/** The AWS API calls a run made (engine/aws-calls.ts): in all, per step, per operation. */
export const awsCalls = z.strictObject({
  total: z.number().int().nonnegative(),
  steps: z.record(z.string(), z.number().int().positive()),
  operations: z.record(z.string(), z.number().int().positive()),
});

export const tally = z.strictObject({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  kept: z.array(z.string()),
});

export const fixtures = z.strictObject({ items: tally, files: tally });
