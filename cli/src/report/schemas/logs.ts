import { z } from "zod";
import { mode } from "./shared.ts";

/** The lines themselves are `line` events; the result says where they came from. */
export const logsData = z.strictObject({
  stack: z.string(),
  mode,
  source: z.string(),
  lines: z.number().int().nonnegative(),
  follow: z.boolean(),
});

export type LogsData = z.infer<typeof logsData>;
