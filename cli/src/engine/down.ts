import { rmdir } from "node:fs/promises";
import type { EngineContext } from "./context.ts";
import { removeDeployment, removeDockerLeftovers } from "./deploy/teardown.ts";
import type { DownOutcome } from "./down/outcome.ts";
import { ownedResources } from "./down/owned-resources.ts";
import { removeContainers } from "./down/remove-containers.ts";
import { removeData } from "./down/remove-data.ts";
import { stopEmulator } from "./down/stop-emulator.ts";
import type { EmulatorDeps } from "./emulator/ensure.ts";
import { withStackState } from "./stack-state.ts";
import { removeLedger, stackDir } from "./state/ledger.ts";

export type { DownOutcome } from "./down/outcome.ts";

/**
 * `down`: removes exactly what the ledger says stackctl created. Data (table, bucket) only with
 * --purge; a LocalStack that stackctl started is stopped unless another stack still uses it.
 */
export async function down(ctx: EngineContext, deps: EmulatorDeps, purge: boolean): Promise<DownOutcome> {
  const outcome: DownOutcome = { removed: [], kept: [], emulatorStopped: false, timings: {} };
  const result = await withStackState(ctx, purge ? "down --purge" : "down", async (state) => {
    if (purge) await removeData(ctx, deps, state, outcome);
    for (const recorded of ownedResources(state.ledger)) {
      const { kind } = recorded;
      // With --purge, removeData already removed each owned one or said why it kept it.
      if (purge && recorded.ownedByStackctl) continue;
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
    const api = await removeDeployment(ctx, deps, state.ledger.endpoint, outcome.timings);
    await removeContainers(ctx, deps, outcome);
    const leftovers = await removeDockerLeftovers(ctx, deps, outcome.timings);
    for (const done of [api, leftovers]) {
      outcome.removed.push(...done.removed);
      outcome.kept.push(...done.skipped);
    }
    await stopEmulator(ctx, deps, state, outcome);
    const nothingLeft = ownedResources(state.ledger).length === 0;
    if (!ctx.dryRun && (nothingLeft || outcome.emulatorStopped))
      await removeLedger(ctx.config.stateDir, ctx.config.stack);
    return outcome;
  });
  // Once the ledger and lock are gone the stack's folder is empty; rmdir refuses if it is not.
  await rmdir(stackDir(ctx.config.stateDir, ctx.config.stack)).catch(() => undefined);
  return result;
}
