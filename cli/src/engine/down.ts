import { rmdir } from "node:fs/promises";
import { connect } from "./connect.ts";
import type { EngineContext } from "./context.ts";
import { composeCommand, composeTargetFor, stackLabel } from "./emulator/compose-target.ts";
import type { EmulatorDeps } from "./emulator/ensure.ts";
import { bucketTarget } from "./provision/bucket.ts";
import type { ProvisionTarget } from "./provision/resource.ts";
import { tableTarget } from "./provision/table.ts";
import { withStackState } from "./stack-state.ts";
import { otherStacks, removeLedger, stackDir } from "./state/ledger.ts";
import type { LedgerWriter } from "./state/ledger-writer.ts";
import { runStep } from "./step.ts";

export interface DownOutcome {
  removed: string[];
  kept: string[];
  emulatorStopped: boolean;
  timings: Record<string, number>;
}

async function removeData(ctx: EngineContext, deps: EmulatorDeps, state: LedgerWriter, outcome: DownOutcome) {
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

/** Containers labelled with the stack (e.g. Lambda containers LocalStack spawned for it) are ours. */
async function removeContainers(ctx: EngineContext, deps: EmulatorDeps, outcome: DownOutcome) {
  await runStep(ctx, outcome.timings, "remove.containers", async () => {
    const filter = `${stackLabel}=${ctx.config.stack}`;
    if (ctx.explain) {
      ctx.emit({
        step: "remove.containers",
        status: "explain",
        commands: [`docker rm -f $(docker ps -aq --filter label=${filter})`],
      });
    }
    const runtime = await deps.runtime();
    if ((await runtime.docker()).state !== "up") {
      return {
        value: undefined,
        skipped: true,
        message: "no Docker engine answers, so no containers to look for",
      };
    }
    const found = await runtime.findLabelled(stackLabel, ctx.config.stack);
    for (const container of found) {
      if (ctx.dryRun) {
        ctx.emit({
          step: "remove.containers",
          status: "plan",
          action: "delete",
          target: `container ${container.name}`,
        });
      } else {
        await runtime.removeContainer(container.id);
      }
      outcome.removed.push(`container ${container.name}`);
    }
    return {
      value: undefined,
      message: found.length === 0 ? `none labelled ${filter}` : `${found.length} labelled ${filter}`,
    };
  });
}

async function stopEmulator(
  ctx: EngineContext,
  deps: EmulatorDeps,
  state: LedgerWriter,
  outcome: DownOutcome,
) {
  const emulator = state.ledger.emulator;
  if (emulator?.startedByStackctl !== true || ctx.config.endpoint !== undefined) return;
  const target = composeTargetFor(ctx.config, ctx.env);
  await runStep(ctx, outcome.timings, "emulator.stop", async () => {
    if (ctx.explain)
      ctx.emit({
        step: "emulator.stop",
        status: "explain",
        commands: [composeCommand(target, "down --remove-orphans")],
      });
    const others = await otherStacks(ctx.config.stateDir, ctx.config.stack);
    if (others.length > 0) {
      outcome.kept.push("emulator");
      return { value: undefined, skipped: true, message: `kept running: stacks ${others.join(", ")} use it` };
    }
    if (ctx.dryRun) {
      ctx.emit({
        step: "emulator.stop",
        status: "plan",
        action: "stop",
        target: `LocalStack (${target.project})`,
      });
      return { value: undefined, message: "would stop" };
    }
    await (await deps.runtime()).down(target);
    outcome.emulatorStopped = true;
    return { value: undefined, message: `stopped ${target.project} (its in-memory data is gone)` };
  });
}

/**
 * `down`: removes exactly what the ledger says stackctl created. Data (table, bucket) only with
 * --purge; a LocalStack that stackctl started is stopped unless another stack still uses it.
 */
export async function down(ctx: EngineContext, deps: EmulatorDeps, purge: boolean): Promise<DownOutcome> {
  const outcome: DownOutcome = { removed: [], kept: [], emulatorStopped: false, timings: {} };
  const result = await withStackState(ctx, purge ? "down --purge" : "down", async (state) => {
    if (purge) await removeData(ctx, deps, state, outcome);
    for (const resource of Object.entries(state.ledger.resources)) {
      const [kind, recorded] = resource;
      // In a dry run the ledger still lists what --purge would remove.
      if (recorded === undefined || (ctx.dryRun && purge && recorded.ownedByStackctl)) continue;
      const why = recorded.ownedByStackctl ? "data; --purge removes it" : "not created by stackctl";
      outcome.kept.push(`${kind} ${recorded.name} (${why})`);
      if (ctx.dryRun)
        ctx.emit({
          step: `remove.${kind}`,
          status: "plan",
          action: "keep",
          target: `${kind} ${recorded.name}`,
          message: why,
        });
    }
    await removeContainers(ctx, deps, outcome);
    await stopEmulator(ctx, deps, state, outcome);
    const nothingLeft = Object.keys(state.ledger.resources).length === 0;
    if (!ctx.dryRun && (nothingLeft || outcome.emulatorStopped))
      await removeLedger(ctx.config.stateDir, ctx.config.stack);
    return outcome;
  });
  // Once the ledger and lock are gone the stack's folder is empty; rmdir refuses if it is not.
  await rmdir(stackDir(ctx.config.stateDir, ctx.config.stack)).catch(() => undefined);
  return result;
}
