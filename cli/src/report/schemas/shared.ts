import { z } from "zod";

/** Pieces several commands' `--json` data share (DESIGN.md §5). */
export const mode = z.enum(["container", "lambda"]);

/** Milliseconds per step, keyed by step name. */
export const timings = z.record(z.string(), z.number().int().nonnegative());

export const tally = z.strictObject({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  kept: z.array(z.string()),
});

export const fixtures = z.strictObject({ items: tally, files: tally });
