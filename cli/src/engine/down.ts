import { rmdir } from "node:fs/promises";
import type { EngineContext } from "./context.ts";
import { removeDeployment, removeDockerLeftovers, type TeardownOutcome } from "./deploy/teardown.ts";
import { combineChanges, type DownChanges, type DownOutcome } from "./down/outcome.ts";
import { removeContainers } from "./down/remove-containers.ts";
import { removeRecorded } from "./down/remove-recorded.ts";
import { stopEmulator } from "./down/stop-emulator.ts";
import type { EmulatorDeps } from "./emulator/ensure.ts";
import { withStackState } from "./stack-state.ts";
import { removeLedger, stackDir } from "./state/ledger.ts";

export type { DownOutcome } from "./down/outcome.ts";

const asChanges = (teardown: TeardownOutcome): DownChanges => ({
  removed: teardown.removed,
  kept: teardown.skipped,
});

/**
 * `down`: removes exactly what the ledger says stackctl created, newest first, one remover per
 * kind, then the deployment found by name and labels. Data (table, bucket) only with --purge; a
 * LocalStack that stackctl started is stopped unless another stack still uses it.
 */
export async function down(ctx: EngineContext, deps: EmulatorDeps, purge: boolean): Promise<DownOutcome> {
  const timings: Record<string, number> = {};
  const result = await withStackState(ctx, purge ? "down --purge" : "down", async (state) => {
    const recorded = await removeRecorded(ctx, deps, state, purge, timings);
    const api = await removeDeployment(ctx, deps, state.ledger.endpoint, timings);
    const containers = await removeContainers(ctx, deps, timings);
    const leftovers = await removeDockerLeftovers(ctx, deps, timings);
    const emulator = await stopEmulator(ctx, deps, state, timings);
    const nothingLeft = state.ledger.resources.length === 0;
    if (!ctx.dryRun && (nothingLeft || emulator.emulatorStopped))
      await removeLedger(ctx.config.stateDir, ctx.config.stack);
    return {
      ...combineChanges(recorded, asChanges(api), containers, asChanges(leftovers), emulator),
      emulatorStopped: emulator.emulatorStopped,
      timings,
    };
  });
  // Once the ledger and lock are gone the stack's folder is empty; rmdir refuses if it is not.
  await rmdir(stackDir(ctx.config.stateDir, ctx.config.stack)).catch(() => undefined);
  return result;
}
