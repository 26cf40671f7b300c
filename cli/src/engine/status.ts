import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { AwsClients } from "../adapters/aws-clients.ts";
import { StackctlError } from "../errors.ts";
import { clientsFor } from "./connect.ts";
import type { EngineContext } from "./context.ts";
import { managedEndpoint } from "./emulator/ensure.ts";
import { type EmulatorInfo, probeEmulator } from "./emulator/probe.ts";
import { ledgerFile, readLedger } from "./state/ledger.ts";
import type { Ledger } from "./state/ledger-schema.ts";

export interface ResourceStatus {
  name: string;
  exists: boolean | null;
  ownedByStackctl: boolean | null;
  /** Items in the table or objects in the bucket. */
  count: number | null;
}

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
}

async function tableCount(clients: AwsClients, name: string): Promise<number | undefined> {
  const { ScanCommand } = await import("@aws-sdk/client-dynamodb");
  const dynamo = await clients.dynamo();
  let total = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: name, Select: "COUNT", ExclusiveStartKey: start }),
    );
    total += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return total;
}

async function bucketCount(clients: AwsClients, name: string): Promise<number | undefined> {
  const { ListObjectsV2Command } = await import("@aws-sdk/client-s3");
  const listed = await (await clients.s3()).send(new ListObjectsV2Command({ Bucket: name }));
  return listed.KeyCount ?? listed.Contents?.length ?? 0;
}

// A missing resource shows as exists:false; any other failure leaves the facts unknown (null).
async function look(
  count: () => Promise<number | undefined>,
): Promise<{ exists: boolean | null; count: number | null }> {
  try {
    return { exists: true, count: (await count()) ?? null };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const missing = (error as Error).name === "ResourceNotFoundException" || status === 404;
    return { exists: missing ? false : null, count: null };
  }
}

/** `status`: what exists so far, read-only; never starts anything and never takes the lock. */
export async function status(ctx: EngineContext): Promise<StatusOutcome> {
  const { config } = ctx;
  const { ledger, ledgerProblem } = await readLedger(config.stateDir, config.stack).then(
    (read) => ({ ledger: read, ledgerProblem: undefined }),
    (error: unknown) => {
      if (!(error instanceof StackctlError) || error.code !== "LEDGER_INVALID") throw error;
      return { ledger: undefined, ledgerProblem: error.message };
    },
  );
  const endpoint = config.endpoint ?? ledger?.endpoint ?? managedEndpoint(config.emulator.port);
  const probe = await probeEmulator(endpoint, ctx.signal);
  const tableName = ledger?.resources.table?.name ?? config.tableName;
  const bucketName = ledger?.resources.bucket?.name ?? config.bucketName;
  const unknown = { exists: null, count: null };
  let table: { exists: boolean | null; count: number | null } = unknown;
  let bucket: { exists: boolean | null; count: number | null } = unknown;
  if (probe.state === "ready") {
    const clients = clientsFor(ctx, endpoint);
    try {
      [table, bucket] = await Promise.all([
        look(() => tableCount(clients, tableName)),
        look(() => bucketCount(clients, bucketName)),
      ]);
    } finally {
      await clients.destroy();
    }
  }
  return {
    ledger,
    ledgerProblem,
    ledgerFile: ledgerFile(config.stateDir, config.stack),
    endpoint,
    emulator: probe.state === "ready" ? probe.info : undefined,
    emulatorProblem: probe.state === "ready" ? undefined : probe.detail,
    table: { name: tableName, ownedByStackctl: ledger?.resources.table?.ownedByStackctl ?? null, ...table },
    bucket: {
      name: bucketName,
      ownedByStackctl: ledger?.resources.bucket?.ownedByStackctl ?? null,
      ...bucket,
    },
  };
}
