import { z } from "zod";
import { deployData } from "./deploy.ts";
import { deployedFields } from "./deployed.ts";
import { emulatorData } from "./emulator.ts";
import { awsCalls, fixtures, mode, timings } from "./shared.ts";

/** `up` and `switch`. */
export const upData = z.strictObject({
  stack: z.string(),
  mode,
  dryRun: z.boolean(),
  changed: z.boolean(),
  ...deployedFields,
  emulator: emulatorData,
  fixtures,
  changes: z.strictObject({
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    kept: z.array(z.string()),
  }),
  deploy: deployData,
  timings: timings.and(z.object({ total: z.number() })),
  awsCalls,
  ledgerFile: z.string().min(1),
});

export type UpData = z.infer<typeof upData>;
