import { z } from "zod";

const ownedResource = z.object({
  name: z.string(),
  arn: z.string().optional(),
  /** True when stackctl created it (or found it tagged with this stack); only those are ever deleted. */
  ownedByStackctl: z.boolean(),
  recordedAt: z.string(),
});

export const ledgerSchema = z.object({
  version: z.literal(1),
  stack: z.string(),
  updatedAt: z.string(),
  endpoint: z.string().optional(),
  mode: z.string().optional(),
  emulator: z
    .object({
      kind: z.string(),
      version: z.string(),
      managed: z.boolean(),
      startedByStackctl: z.boolean(),
    })
    .optional(),
  resources: z.object({ table: ownedResource.optional(), bucket: ownedResource.optional() }),
  /**
   * Resources stackctl created that config no longer names (e.g. tableName changed). Kept, and
   * deleted by `down --purge`, so a rename never leaks a table or bucket of ours.
   */
  retired: z.array(ownedResource.extend({ kind: z.enum(["table", "bucket"]) })).default([]),
  fixtures: z.object({
    /** sku → checksum of the fixture content stackctl last wrote. */
    items: z.record(z.string(), z.object({ checksum: z.string() })),
    /** file name → sha256 of the content and the ETag the emulator gave it. */
    files: z.record(z.string(), z.object({ sha256: z.string(), etag: z.string() })),
  }),
});

export type Ledger = z.infer<typeof ledgerSchema>;
export type OwnedResource = z.infer<typeof ownedResource>;
export type RetiredResource = Ledger["retired"][number];

export function emptyLedger(stack: string): Ledger {
  return {
    version: 1,
    stack,
    updatedAt: new Date().toISOString(),
    resources: {},
    retired: [],
    fixtures: { items: {}, files: {} },
  };
}
