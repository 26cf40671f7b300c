import { z } from "zod";

/**
 * Everything stackctl may create and record. A new kind is added here; `down`'s remover registry
 * (`down/removers.ts`) then fails to compile until it says how (or that it cannot yet) remove it.
 */
export const resourceKinds = [
  "table",
  "bucket",
  "network",
  "image",
  "container",
  "repository",
  "function",
  "role",
  "rest-api",
  "permission",
  "log-group",
] as const;

export type ResourceKind = (typeof resourceKinds)[number];

/** Kinds Docker holds rather than the emulator: they outlive a stopped (in-memory) emulator. */
export const dockerKinds: ReadonlySet<ResourceKind> = new Set(["network", "image", "container"]);

/** Small, JSON-safe facts about a resource (an image digest, a port, a package type, a list of ids). */
const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const recordedResource = z.object({
  kind: z.enum(resourceKinds),
  name: z.string(),
  /** The emulator's or Docker's id when the name is not enough (container id, REST API id). */
  id: z.string().optional(),
  arn: z.string().optional(),
  /** True when stackctl created it (or found it tagged with this stack); only those are ever deleted. */
  ownedByStackctl: z.boolean(),
  recordedAt: z.string(),
  /**
   * `retired`: created by stackctl, no longer configured (e.g. tableName changed). Kept, and removed
   * by `down` like an active one, so a rename never leaks a table or bucket of ours.
   */
  state: z.enum(["active", "retired"]),
  attributes: z.record(z.string(), attributeValue),
});

/** The emulator a stack last used (version 1 and 2 alike). */
export const emulatorRecord = z.object({
  kind: z.string(),
  version: z.string(),
  managed: z.boolean(),
  startedByStackctl: z.boolean(),
});

/** What stackctl last wrote as fixtures (version 1 and 2 alike). */
export const fixturesRecord = z.object({
  /** sku → checksum of the fixture content stackctl last wrote. */
  items: z.record(z.string(), z.object({ checksum: z.string() })),
  /** file name → sha256 of the content and the ETag the emulator gave it. */
  files: z.record(z.string(), z.object({ sha256: z.string(), etag: z.string() })),
});

/** The format this stackctl writes; older ones are migrated when read (`ledger-v1.ts`). */
export const ledgerVersion = 2;

export const ledgerSchema = z.object({
  version: z.literal(ledgerVersion),
  stack: z.string(),
  updatedAt: z.string(),
  endpoint: z.string().optional(),
  mode: z.string().optional(),
  emulator: emulatorRecord.optional(),
  /** In the order they were first recorded; `down` removes newest first. */
  resources: z.array(recordedResource),
  fixtures: fixturesRecord,
});

export type Ledger = z.infer<typeof ledgerSchema>;
export type RecordedResource = z.infer<typeof recordedResource>;
export type ResourceState = RecordedResource["state"];
export type AttributeValue = RecordedResource["attributes"][string];

export function emptyLedger(stack: string): Ledger {
  return {
    version: ledgerVersion,
    stack,
    updatedAt: new Date().toISOString(),
    resources: [],
    fixtures: { items: {}, files: {} },
  };
}
