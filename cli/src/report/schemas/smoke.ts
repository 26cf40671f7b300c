import { z } from "zod";
import { timings } from "./shared.ts";

export const smokeCheck = z.strictObject({ name: z.string(), ms: z.number().int().nonnegative() });

export const smokeData = z.strictObject({
  stack: z.string(),
  /** The base URL the checks ran against (the stack's API URL unless --url named one). */
  url: z.string(),
  /** `version` and `mode` from the service's `GET /`, when it said. */
  version: z.string().nullable(),
  mode: z.string().nullable(),
  checks: z.array(smokeCheck),
  timings,
});

export type SmokeData = z.infer<typeof smokeData>;
