import { z } from "zod";
import { deployedFields } from "./deployed.ts";
import { emulatorData } from "./emulator.ts";
import { mode, timings } from "./shared.ts";

const found = z.strictObject({
  name: z.string(),
  exists: z.boolean().nullable(),
  ownedByStackctl: z.boolean().nullable(),
  count: z.number().int().nonnegative().nullable(),
  /** True when counting stopped at its time bound: there are at least `count`. */
  countIsLowerBound: z.boolean(),
});

const deployment = z.strictObject({
  api: z
    .strictObject({ id: z.string(), url: z.url(), stageDeployed: z.boolean(), target: z.string().nullable() })
    .nullable(),
  container: z
    .strictObject({
      id: z.string(),
      name: z.string(),
      state: z.string(),
      health: z.string().nullable(),
      image: z.string(),
      directUrl: z.url().nullable(),
    })
    .nullable(),
  function: z
    .strictObject({
      name: z.string(),
      state: z.string(),
      packageType: z.string(),
      image: z.string().nullable(),
    })
    .nullable(),
  /** What the ledger says that the emulator and Docker do not have; non-empty → exit 4. */
  drift: z.array(z.string()),
  healthy: z.boolean(),
});

export const statusData = z.strictObject({
  stack: z.string(),
  mode: mode.nullable(),
  deployed: z.boolean(),
  ...deployedFields,
  found: z.strictObject({ table: found, bucket: found }),
  deployment,
  emulator: emulatorData,
  ledgerFile: z.string().nullable(),
  ledgerProblem: z.string().nullable(),
  ledgerUpdatedAt: z.string().nullable(),
  timings,
});

export type StatusData = z.infer<typeof statusData>;
