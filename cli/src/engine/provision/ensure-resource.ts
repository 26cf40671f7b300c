import type { EngineContext } from "../context.ts";
import type { Ledger } from "../state/ledger-schema.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { findResource, forgetResource, recordResource, retireResource } from "../state/resources.ts";
import type { ProvisionTarget } from "./resource.ts";

export type ResourceChange = "created" | "unchanged" | "would-create";

export interface ResourceOutcome {
  kind: ProvisionTarget["kind"];
  name: string;
  arn?: string;
  change: ResourceChange;
  /** Only owned resources are ever deleted by `down --purge`. */
  owned: boolean;
  message: string;
}

/**
 * When config names another table or bucket than the one stackctl recorded and created, the old
 * one becomes `retired` in the ledger (with a warning) instead of being forgotten; one stackctl did
 * not create is simply forgotten. In memory only: the caller records the new one and saves.
 */
function retireReplaced(ctx: EngineContext, target: ProvisionTarget, ledger: Ledger): void {
  const recorded = findResource(ledger, target.kind);
  if (recorded === undefined || recorded.name === target.name) return;
  if (!recorded.ownedByStackctl) {
    forgetResource(ledger, recorded.kind, recorded.name);
    return;
  }
  ctx.emit({
    step: `provision.${target.kind}`,
    status: "warn",
    message: `${target.kind} ${recorded.name} was created by stackctl and is no longer configured; kept (down --purge deletes it)`,
  });
  retireResource(ledger, recorded.kind, recorded.name);
}

/**
 * Create-if-missing for one resource. The ledger is saved right after the create call returns and
 * before waiting, so an interrupt can never leave a created resource unrecorded.
 */
export async function ensureResource(
  ctx: EngineContext,
  target: ProvisionTarget,
  state: LedgerWriter,
  emulatorRunning: boolean,
): Promise<ResourceOutcome> {
  const step = `provision.${target.kind}`;
  if (ctx.explain) ctx.emit({ step, status: "explain", commands: target.createCommands() });
  const inspection = emulatorRunning ? await target.inspect(ctx.signal) : ({ exists: false } as const);
  const recorded = findResource(state.ledger, target.kind);
  if (inspection.exists) {
    if (inspection.unusable !== undefined) throw inspection.unusable;
    const owned =
      inspection.stackTag === ctx.config.stack ||
      (recorded?.name === target.name && recorded.ownedByStackctl);
    if (ctx.dryRun)
      ctx.emit({ step, status: "plan", action: "unchanged", target: `${target.kind} ${target.name}` });
    if (!ctx.dryRun && (recorded?.name !== target.name || recorded.ownedByStackctl !== owned)) {
      retireReplaced(ctx, target, state.ledger);
      await recordResource(state, {
        kind: target.kind,
        name: target.name,
        ...(inspection.arn === undefined ? {} : { arn: inspection.arn }),
        ownedByStackctl: owned,
      });
    }
    const note = owned ? "exists" : "exists, not created by stackctl (down keeps it)";
    return {
      kind: target.kind,
      name: target.name,
      change: "unchanged",
      owned,
      message: `${target.name} ${note}`,
    };
  }
  if (ctx.dryRun) {
    ctx.emit({ step, status: "plan", action: "create", target: `${target.kind} ${target.name}` });
    return {
      kind: target.kind,
      name: target.name,
      change: "would-create",
      owned: true,
      message: "would create",
    };
  }
  const { arn } = await target.create();
  retireReplaced(ctx, target, state.ledger);
  await recordResource(state, {
    kind: target.kind,
    name: target.name,
    ...(arn === undefined ? {} : { arn }),
    ownedByStackctl: true,
  });
  await target.waitUntilReady(ctx.signal);
  return {
    kind: target.kind,
    name: target.name,
    ...(arn === undefined ? {} : { arn }),
    change: "created",
    owned: true,
    message: `created ${target.name}`,
  };
}
