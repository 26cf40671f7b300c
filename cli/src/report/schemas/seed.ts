import { z } from "zod";
import { fixtures, timings } from "./shared.ts";

export const seedData = z.strictObject({
  stack: z.string(),
  reset: z.boolean(),
  dryRun: z.boolean(),
  fixtures,
  timings,
});

export type SeedData = z.infer<typeof seedData>;
