import { connect } from "../connect.ts";
import type { EngineContext } from "../context.ts";
import type { EmulatorDeps } from "../emulator/ensure.ts";
import { bucketTarget } from "../provision/bucket.ts";
import { type ProvisionTarget, stackTagKey } from "../provision/resource.ts";
import { tableTarget } from "../provision/table.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { runStep } from "../step.ts";
import type { DownOutcome } from "./outcome.ts";
import { forget, ownedResources, type RecordedResource } from "./owned-resources.ts";

/**
 * The emulator the ledger recorded, unless the user named one; a different one is announced, and
 * nothing there is deleted without this stack's tag.
 */
function purgeContext(ctx: EngineContext, recordedEndpoint: string | undefined): EngineContext {
  const named = ctx.config.endpoint;
  if (named === undefined)
    return recordedEndpoint === undefined
      ? ctx
      : { ...ctx, config: { ...ctx.config, endpoint: recordedEndpoint } };
  if (recordedEndpoint !== undefined && recordedEndpoint !== named)
    ctx.emit({
      step: "remove",
      status: "warn",
      message: `the ledger records the emulator at ${recordedEndpoint}, but ${named} was given; only resources tagged ${stackTagKey}=${ctx.config.stack} there are deleted`,
    });
  return ctx;
}

async function removeOne(
  ctx: EngineContext,
  state: LedgerWriter,
  outcome: DownOutcome,
  target: ProvisionTarget,
  recorded: RecordedResource,
  endpoint: string,
) {
  const step = `remove.${target.kind}`;
  const label = `${target.kind} ${target.name}`;
  await runStep(ctx, outcome.timings, step, async () => {
    if (ctx.explain) ctx.emit({ step, status: "explain", commands: target.removeCommands() });
    const inspection = await target.inspect(ctx.signal);
    if (inspection.exists && inspection.stackTag !== ctx.config.stack) {
      const why = `not tagged ${stackTagKey}=${ctx.config.stack} at ${endpoint}; not deleted`;
      outcome.kept.push(`${label} (${why})`);
      if (ctx.dryRun) ctx.emit({ step, status: "plan", action: "keep", target: label, message: why });
      return { value: undefined, skipped: true, message: why };
    }
    if (ctx.dryRun) {
      ctx.emit({ step, status: "plan", action: inspection.exists ? "delete" : "unchanged", target: label });
      if (inspection.exists) outcome.removed.push(label);
      return { value: undefined, message: inspection.exists ? "would delete" : "already gone" };
    }
    if (inspection.exists) await target.remove(ctx.signal);
    forget(state.ledger, recorded);
    await state.save();
    outcome.removed.push(label);
    return {
      value: undefined,
      message: inspection.exists ? `deleted ${target.name}` : `${target.name} was already gone`,
    };
  });
}

/** `down --purge`: deletes every table and bucket the ledger says stackctl created, and forgets them. */
export async function removeData(
  ctx: EngineContext,
  deps: EmulatorDeps,
  state: LedgerWriter,
  outcome: DownOutcome,
) {
  const owned = ownedResources(state.ledger).filter((resource) => resource.ownedByStackctl);
  if (owned.length === 0) return;
  const purgeCtx = purgeContext(ctx, state.ledger.endpoint);
  const { session, clients } = await connect(purgeCtx, deps, outcome.timings, {
    mayStart: false,
    capabilities: false,
  });
  try {
    const spec = { stack: ctx.config.stack, endpoint: session.endpoint, region: ctx.config.region };
    for (const recorded of owned) {
      const target =
        recorded.kind === "table"
          ? tableTarget(clients, { ...spec, name: recorded.name })
          : bucketTarget(clients, { ...spec, name: recorded.name });
      await removeOne(purgeCtx, state, outcome, target, recorded, session.endpoint);
    }
  } finally {
    await clients.destroy();
  }
}
