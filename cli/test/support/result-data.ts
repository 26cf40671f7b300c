import { z } from "zod";

/** The `data` of `up`/`switch` and `status` results (DESIGN.md §5, README "Output"), checked strictly. */
const resources = z.strictObject({
  table: z.string().min(1),
  bucket: z.string().min(1),
  restApiId: z.string().nullable(),
  functionName: z.string().nullable(),
  containerId: z.string().nullable(),
});

const image = z.strictObject({ tag: z.string(), id: z.string(), digest: z.string().nullable() }).nullable();
const mode = z.enum(["container", "lambda"]);
const timings = z.record(z.string(), z.number().int().nonnegative());

const tally = z.strictObject({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  kept: z.array(z.string()),
});

export const upData = z.strictObject({
  stack: z.string(),
  mode,
  dryRun: z.boolean(),
  changed: z.boolean(),
  apiUrl: z.url().nullable(),
  directUrl: z.url().nullable(),
  resources,
  image,
  emulator: z.strictObject({
    endpoint: z.url(),
    kind: z.enum(["localstack", "ministack", "unknown"]).nullable(),
    version: z.string().nullable(),
    edition: z.string().nullable(),
    managed: z.boolean(),
    startedByStackctl: z.boolean(),
    capabilities: z
      .strictObject({ ecr: z.boolean(), imageLambdas: z.boolean(), notes: z.array(z.string()) })
      .nullable(),
  }),
  fixtures: z.strictObject({ items: tally, files: tally }),
  changes: z.strictObject({
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    kept: z.array(z.string()),
  }),
  deploy: z.discriminatedUnion("status", [
    z.strictObject({ status: z.literal("not-implemented"), detail: z.string().min(1) }),
    z.strictObject({ status: z.literal("planned"), detail: z.string().min(1) }),
    z.strictObject({
      status: z.literal("deployed"),
      mode: z.literal("container"),
      apiIdFixed: z.boolean(),
      container: z.strictObject({
        id: z.string(),
        name: z.string(),
        change: z.enum(["started", "unchanged"]),
      }),
      image: z.strictObject({ tag: z.string(), change: z.enum(["built", "unchanged"]) }),
      api: z.strictObject({ id: z.string(), change: z.enum(["created", "updated", "unchanged"]) }),
      portNote: z.string().optional(),
      smoke: z.array(z.strictObject({ name: z.string(), ms: z.number().int().nonnegative() })),
      retired: z.array(z.string()),
    }),
  ]),
  timings: timings.and(z.object({ total: z.number() })),
  ledgerFile: z.string().min(1),
});

const found = z.strictObject({
  name: z.string(),
  exists: z.boolean().nullable(),
  ownedByStackctl: z.boolean().nullable(),
  count: z.number().int().nonnegative().nullable(),
});

export const statusData = z.strictObject({
  stack: z.string(),
  mode: mode.nullable(),
  deployed: z.boolean(),
  apiUrl: z.url().nullable(),
  directUrl: z.url().nullable(),
  resources,
  found: z.strictObject({ table: found, bucket: found }),
  image,
  emulator: z.discriminatedUnion("reachable", [
    z.strictObject({ endpoint: z.url(), reachable: z.literal(false), problem: z.string().nullable() }),
    z.strictObject({
      endpoint: z.url(),
      reachable: z.literal(true),
      kind: z.enum(["localstack", "ministack", "unknown"]),
      version: z.string(),
      edition: z.string(),
    }),
  ]),
  ledgerFile: z.string().nullable(),
  ledgerProblem: z.string().nullable(),
  ledgerUpdatedAt: z.string().nullable(),
  timings,
});

/** Parses a result line's data with the command's schema; throws with zod's field path on a mismatch. */
export function checkedData<T>(schema: z.ZodType<T>, result: { ok: boolean; data?: unknown }): T {
  if (!result.ok) throw new Error(`expected an ok result, got ${JSON.stringify(result)}`);
  return schema.parse(result.data);
}
