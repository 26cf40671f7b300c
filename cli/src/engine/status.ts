import { StackctlError } from "../errors.ts";
import type { Count, CountBound } from "../shared/count-pages.ts";
import { withAwsPorts } from "./aws-session.ts";
import type { EngineContext } from "./context.ts";
import { stackEndpoint } from "./emulator/endpoint.ts";
import type { EmulatorInfo } from "./emulator/probe.ts";
import type { EnginePorts } from "./ports.ts";
import { ledgerFile, readLedger } from "./state/ledger.ts";
import type { Ledger } from "./state/ledger-schema.ts";
import { findResource } from "./state/resources.ts";
import { type DeploymentStatus, deploymentStatus } from "./status/deployment.ts";

export interface ResourceStatus {
  name: string;
  exists: boolean | null;
  ownedByStackctl: boolean | null;
  /** Items in the table or objects in the bucket. */
  count: number | null;
  /** True when counting stopped at its time bound: there are at least `count`. */
  countIsLowerBound: boolean;
}

type Found = Pick<ResourceStatus, "exists" | "count" | "countIsLowerBound">;

/** Per resource; a bucket of a million objects still answers within seconds, as "at least N". */
export const countBudgetMs = 5_000;

export interface StatusOutcome {
  ledger: Ledger | undefined;
  /** Why the ledger could not be read (status reports it instead of failing). */
  ledgerProblem: string | undefined;
  ledgerFile: string;
  endpoint: string;
  emulator: EmulatorInfo | undefined;
  emulatorProblem: string | undefined;
  table: ResourceStatus;
  bucket: ResourceStatus;
  deployment: DeploymentStatus;
}

// A missing resource shows as exists:false; any other failure leaves the facts unknown (null).
async function look(count: () => Promise<Count | undefined>): Promise<Found> {
  try {
    const counted = await count();
    if (counted === undefined) return { exists: false, count: null, countIsLowerBound: false };
    return { exists: true, count: counted.count, countIsLowerBound: !counted.complete };
  } catch {
    return { exists: null, count: null, countIsLowerBound: false };
  }
}

/** A ledger status reports as its problem (and reads nothing through) rather than failing on. */
const ledgerProblems: ReadonlySet<string> = new Set([
  "LEDGER_INVALID",
  "STATE_SYMLINK",
  "LEDGER_OTHER_STACK",
]);

/** `status`: what exists so far, read-only; never starts anything and never takes the lock. */
export async function status(
  ctx: EngineContext,
  deps: EnginePorts,
  options: { countBudgetMs?: number } = {},
): Promise<StatusOutcome> {
  const { config } = ctx;
  const { ledger, ledgerProblem } = await readLedger(config.stateDir, config.stack).then(
    (read) => ({ ledger: read, ledgerProblem: undefined }),
    (error: unknown) => {
      if (!(error instanceof StackctlError) || !ledgerProblems.has(error.code)) throw error;
      return { ledger: undefined, ledgerProblem: error.message };
    },
  );
  const endpoint = stackEndpoint(config, ledger?.endpoint);
  const probe = await deps.probe(endpoint, ctx.signal);
  const recordedTable = ledger && findResource(ledger, "table");
  const recordedBucket = ledger && findResource(ledger, "bucket");
  const tableName = recordedTable?.name ?? config.tableName;
  const bucketName = recordedBucket?.name ?? config.bucketName;
  const unknown: Found = { exists: null, count: null, countIsLowerBound: false };
  let table = unknown;
  let bucket = unknown;
  let deployment: DeploymentStatus | undefined;
  const bound: CountBound = { budgetMs: options.countBudgetMs ?? countBudgetMs, signal: ctx.signal };
  if (probe.state === "ready") {
    const { info } = probe;
    [table, bucket, deployment] = await withAwsPorts(ctx, deps, endpoint, (aws) =>
      Promise.all([
        look(() => aws.tables.count(tableName, bound)),
        look(() => aws.buckets.count(bucketName, bound)),
        deploymentStatus(ctx, deps, ledger, info, aws),
      ]),
    );
  }
  deployment ??= await deploymentStatus(ctx, deps, ledger, undefined, undefined);
  // Recorded but missing: the emulator lost it (restarted) or someone deleted it.
  for (const [kind, recorded, found] of [
    ["table", recordedTable, table],
    ["bucket", recordedBucket, bucket],
  ] as const) {
    if (recorded?.state === "active" && found.exists === false)
      deployment.drift.unshift(
        `${kind} ${recorded.name} is recorded but missing at ${endpoint} (the emulator restarted and lost its state?)`,
      );
  }
  if (deployment.drift.length > 0) deployment.healthy = false;
  return {
    deployment,
    ledger,
    ledgerProblem,
    ledgerFile: ledgerFile(config.stateDir, config.stack),
    endpoint,
    emulator: probe.state === "ready" ? probe.info : undefined,
    emulatorProblem: probe.state === "ready" ? undefined : probe.detail,
    table: { name: tableName, ownedByStackctl: recordedTable?.ownedByStackctl ?? null, ...table },
    bucket: { name: bucketName, ownedByStackctl: recordedBucket?.ownedByStackctl ?? null, ...bucket },
  };
}
