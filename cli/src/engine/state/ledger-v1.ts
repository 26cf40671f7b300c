import { z } from "zod";
import { emulatorRecord, fixturesRecord, type Ledger, type RecordedResource } from "./ledger-schema.ts";

// The format stackctl wrote before resources became one list; read only to migrate it.
const v1Resource = z.object({
  name: z.string(),
  arn: z.string().optional(),
  ownedByStackctl: z.boolean(),
  recordedAt: z.string(),
});

export const ledgerV1Schema = z.object({
  version: z.literal(1),
  stack: z.string(),
  updatedAt: z.string(),
  endpoint: z.string().optional(),
  mode: z.string().optional(),
  emulator: emulatorRecord.optional(),
  resources: z.object({ table: v1Resource.optional(), bucket: v1Resource.optional() }),
  retired: z.array(v1Resource.extend({ kind: z.enum(["table", "bucket"]) })).default([]),
  fixtures: fixturesRecord,
});

export type LedgerV1 = z.infer<typeof ledgerV1Schema>;

/** Version 1 → 2: the configured table and bucket become active resources, `retired` retired ones. */
export function migrateV1(old: LedgerV1): Ledger {
  const resources: RecordedResource[] = [];
  const add = (kind: "table" | "bucket", entry: z.infer<typeof v1Resource>, state: "active" | "retired") =>
    resources.push({ kind, ...entry, state, attributes: {} });
  if (old.resources.table !== undefined) add("table", old.resources.table, "active");
  if (old.resources.bucket !== undefined) add("bucket", old.resources.bucket, "active");
  for (const { kind, ...entry } of old.retired) add(kind, entry, "retired");
  return {
    version: 2,
    stack: old.stack,
    updatedAt: old.updatedAt,
    ...(old.endpoint === undefined ? {} : { endpoint: old.endpoint }),
    ...(old.mode === undefined ? {} : { mode: old.mode }),
    ...(old.emulator === undefined ? {} : { emulator: old.emulator }),
    resources,
    fixtures: old.fixtures,
  };
}
