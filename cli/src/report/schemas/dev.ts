import { z } from "zod";
import { timings } from "./shared.ts";

/** `stackctl dev`'s result when it ends by `q`: the stack as the session leaves it deployed. */
export const devData = z.strictObject({
  stack: z.string(),
  /** The mode serving at the end (`m` may have switched it). */
  mode: z.string(),
  apiUrl: z.string(),
  /** What `GET /` answers with: the last good code's version. */
  version: z.string(),
  /** Reloads deployed, and reloads that failed (the old version kept serving). */
  reloads: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** The first `up`'s timings. */
  timings,
});

export type DevData = z.infer<typeof devData>;
