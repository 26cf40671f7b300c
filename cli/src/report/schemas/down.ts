import { z } from "zod";
import { timings } from "./shared.ts";

export const downData = z.strictObject({
  stack: z.string(),
  purge: z.boolean(),
  dryRun: z.boolean(),
  /** What was (or, with --dry-run, would be) removed, e.g. "table demo-inventory". */
  removed: z.array(z.string()),
  /** What stayed, each with why. */
  kept: z.array(z.string()),
  emulatorStopped: z.boolean(),
  timings,
});

export type DownData = z.infer<typeof downData>;
