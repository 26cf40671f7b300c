import type { EngineContext } from "../context.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
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
  const recorded = state.ledger.resources[target.kind];
  if (inspection.exists) {
    const owned =
      inspection.stackTag === ctx.config.stack ||
      (recorded?.name === target.name && recorded.ownedByStackctl);
    if (ctx.dryRun)
      ctx.emit({ step, status: "plan", action: "unchanged", target: `${target.kind} ${target.name}` });
    if (!ctx.dryRun && (recorded?.name !== target.name || recorded.ownedByStackctl !== owned)) {
      state.ledger.resources[target.kind] = {
        name: target.name,
        ...(inspection.arn === undefined ? {} : { arn: inspection.arn }),
        ownedByStackctl: owned,
        recordedAt: new Date().toISOString(),
      };
      await state.save();
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
  state.ledger.resources[target.kind] = {
    name: target.name,
    ...(arn === undefined ? {} : { arn }),
    ownedByStackctl: true,
    recordedAt: new Date().toISOString(),
  };
  await state.save();
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
