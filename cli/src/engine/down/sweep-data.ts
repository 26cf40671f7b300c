import type { EngineContext } from "../context.ts";
import { removalOnEmulator, type TeardownOutcome } from "../deploy/teardown.ts";
import { stackEndpoint } from "../emulator/endpoint.ts";
import type { EnginePorts } from "../ports.ts";
import type { Ledger, RecordedResource } from "../state/ledger-schema.ts";
import { bucketRemover, tableRemover } from "./data-removers.ts";
import type { Remover } from "./remover.ts";

/**
 * `down --purge` after the ledger was lost (or never recorded them): the configured table and bucket
 * go through their own removers as if recorded, so only while they carry this stack's tag (a table
 * of the same name that is not ours is kept, saying why). Nothing is added to the ledger.
 */
export async function sweepData(
  ctx: EngineContext,
  deps: EnginePorts,
  ledger: Pick<Ledger, "endpoint" | "resources">,
  timings: Record<string, number>,
): Promise<TeardownOutcome> {
  const outcome: TeardownOutcome = { removed: [], skipped: [] };
  const configured: [RecordedResource["kind"], string, Remover][] = [
    ["table", ctx.config.tableName, tableRemover],
    ["bucket", ctx.config.bucketName, bucketRemover],
  ];
  const unrecorded = configured.filter(
    ([kind, name]) => !ledger.resources.some((resource) => resource.kind === kind && resource.name === name),
  );
  if (unrecorded.length === 0) return outcome;
  await removalOnEmulator(
    ctx,
    deps,
    timings,
    "remove.data",
    { recordedEndpoint: ledger.endpoint, what: "table and bucket", outcome },
    async (aws) => {
      const tools = { ctx, deps, aws: { ports: aws, endpoint: stackEndpoint(ctx.config, ledger.endpoint) } };
      const said: string[] = [];
      for (const [kind, name, remover] of unrecorded) {
        const resource: RecordedResource = {
          kind,
          name,
          ownedByStackctl: true,
          recordedAt: new Date(0).toISOString(),
          state: "active",
          attributes: {},
        };
        const removal = await remover.remove(resource, tools);
        if (removal.result === "removed" || removal.result === "would-remove")
          outcome.removed.push(`${kind} ${name}`);
        if (removal.result === "kept") outcome.skipped.push(`${kind} ${name} (${removal.why})`);
        said.push(`${kind} ${name}: ${removal.result === "kept" ? removal.why : removal.message}`);
      }
      return said.join("; ");
    },
  );
  return outcome;
}
