import { connect } from "../connect.ts";
import type { EngineContext } from "../context.ts";
import type { EnginePorts } from "../ports.ts";
import { stackTagKey } from "../provision/resource.ts";
import type { RecordedResource } from "../state/ledger-schema.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { forgetResource, newestFirst } from "../state/resources.ts";
import { runStep, type StepOutcome } from "../step.ts";
import type { DownChanges } from "./outcome.ts";
import type { Removal, RemovalTools, Remover, RemoverRegistry } from "./remover.ts";
import { removers } from "./removers.ts";

type Plan = { resource: RecordedResource; remover: Remover } | { resource: RecordedResource; keep: string };

function planFor(resource: RecordedResource, purge: boolean, registry: RemoverRegistry): Plan {
  if (!resource.ownedByStackctl) return { resource, keep: "not created by stackctl" };
  const remover = registry[resource.kind];
  if (remover === undefined) return { resource, keep: `no remover for ${resource.kind} yet; not removed` };
  if (remover.holdsData && !purge) return { resource, keep: "data; --purge removes it" };
  return { resource, remover };
}

/**
 * The emulator the ledger recorded, unless the user named one; a different one is announced, and
 * nothing there is deleted without this stack's tag.
 */
function removalContext(ctx: EngineContext, recordedEndpoint: string | undefined): EngineContext {
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
  tools: RemovalTools,
  timings: Record<string, number>,
  resource: RecordedResource,
  remover: Remover,
): Promise<Removal> {
  return runStep(tools.ctx, timings, `remove.${resource.kind}`, async (): Promise<StepOutcome<Removal>> => {
    const removal = await remover.remove(resource, tools);
    return removal.result === "kept"
      ? { value: removal, skipped: true, message: removal.why }
      : { value: removal, message: removal.message };
  });
}

/**
 * Every resource the ledger records, newest first (later ones may depend on earlier ones), each
 * through the remover of its kind. A removed (or already gone) resource is forgotten and the
 * ledger saved at once; the rest is kept, with the reason.
 */
export async function removeRecorded(
  ctx: EngineContext,
  deps: EnginePorts,
  state: LedgerWriter,
  purge: boolean,
  timings: Record<string, number>,
  registry: RemoverRegistry = removers,
): Promise<DownChanges> {
  const recordedOrder = [...state.ledger.resources];
  const plans = newestFirst(recordedOrder).map((resource) => planFor(resource, purge, registry));
  let tools: RemovalTools = { ctx, aws: undefined, deps };
  if (plans.some((plan) => "remover" in plan && plan.remover.needsAws)) {
    const removalCtx = removalContext(ctx, state.ledger.endpoint);
    const { session, aws } = await connect(removalCtx, deps, timings, {
      mayStart: false,
      capabilities: false,
    });
    tools = { ctx: removalCtx, aws: { ports: aws, endpoint: session.endpoint }, deps };
  }
  const removed = new Set<RecordedResource>();
  const kept = new Map<RecordedResource, string>();
  try {
    for (const plan of plans) {
      const { resource } = plan;
      const label = `${resource.kind} ${resource.name}`;
      if ("keep" in plan) {
        kept.set(resource, plan.keep);
        if (ctx.dryRun)
          ctx.emit({
            step: `remove.${resource.kind}`,
            status: "plan",
            action: "keep",
            target: label,
            message: plan.keep,
          });
        continue;
      }
      const removal = await removeOne(tools, timings, resource, plan.remover);
      if (removal.result === "kept") {
        kept.set(resource, removal.why);
        continue;
      }
      removed.add(resource);
      if (ctx.dryRun) continue;
      forgetResource(state.ledger, resource.kind, resource.name);
      plan.remover.forgetAlso?.(state.ledger, resource);
      await state.save();
    }
  } finally {
    await tools.aws?.ports.close();
  }
  // Listed in the order they were recorded (as `status` shows them), whatever order removed them.
  return {
    removed: recordedOrder.filter((resource) => removed.has(resource)).map((r) => `${r.kind} ${r.name}`),
    kept: recordedOrder.flatMap((resource) => {
      const why = kept.get(resource);
      return why === undefined ? [] : [`${resource.kind} ${resource.name} (${why})`];
    }),
  };
}
