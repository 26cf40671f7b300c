import { connect } from "../connect.ts";
import type { EngineContext } from "../context.ts";
import type { EmulatorDeps } from "../emulator/ensure.ts";
import { bucketTarget } from "../provision/bucket.ts";
import type { ProvisionTarget } from "../provision/resource.ts";
import { tableTarget } from "../provision/table.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { runStep } from "../step.ts";
import type { DownOutcome } from "./outcome.ts";

/** `down --purge`: deletes the table and bucket the ledger says stackctl created, and forgets them. */
export async function removeData(
  ctx: EngineContext,
  deps: EmulatorDeps,
  state: LedgerWriter,
  outcome: DownOutcome,
) {
  const { table, bucket } = state.ledger.resources;
  const owned = [table, bucket].some((resource) => resource?.ownedByStackctl === true);
  if (!owned) return;
  const { session, clients } = await connect(ctx, deps, outcome.timings, {
    mayStart: false,
    capabilities: false,
  });
  try {
    const spec = { stack: ctx.config.stack, endpoint: session.endpoint, region: ctx.config.region };
    const targets: ProvisionTarget[] = [];
    if (table?.ownedByStackctl === true) targets.push(tableTarget(clients, { ...spec, name: table.name }));
    if (bucket?.ownedByStackctl === true) targets.push(bucketTarget(clients, { ...spec, name: bucket.name }));
    for (const target of targets) {
      await runStep(ctx, outcome.timings, `remove.${target.kind}`, async () => {
        if (ctx.explain)
          ctx.emit({ step: `remove.${target.kind}`, status: "explain", commands: target.removeCommands() });
        const exists = (await target.inspect(ctx.signal)).exists;
        if (ctx.dryRun) {
          ctx.emit({
            step: `remove.${target.kind}`,
            status: "plan",
            action: exists ? "delete" : "unchanged",
            target: `${target.kind} ${target.name}`,
          });
          if (exists) outcome.removed.push(`${target.kind} ${target.name}`);
          return { value: undefined, message: exists ? "would delete" : "already gone" };
        }
        if (exists) await target.remove(ctx.signal);
        delete state.ledger.resources[target.kind];
        if (target.kind === "table") state.ledger.fixtures.items = {};
        else state.ledger.fixtures.files = {};
        await state.save();
        outcome.removed.push(`${target.kind} ${target.name}`);
        return {
          value: undefined,
          message: exists ? `deleted ${target.name}` : `${target.name} was already gone`,
        };
      });
    }
  } finally {
    await clients.destroy();
  }
}
