import { rmdir } from "node:fs/promises";
import path from "node:path";
import type { EngineContext } from "./context.ts";
import { removeDeployment, removeDockerLeftovers, type TeardownOutcome } from "./deploy/teardown.ts";
import { combineChanges, type DownChanges, type DownOutcome } from "./down/outcome.ts";
import { removeContainers } from "./down/remove-containers.ts";
import { removeRecorded } from "./down/remove-recorded.ts";
import { stopEmulator } from "./down/stop-emulator.ts";
import { sweepData } from "./down/sweep-data.ts";
import { loadComputeMode } from "./modes/load.ts";
import { modeEntries } from "./modes/table.ts";
import type { EnginePorts } from "./ports.ts";
import { withStackState } from "./stack-state.ts";
import { removeLedger, stackDir } from "./state/ledger.ts";
import { dockerKinds } from "./state/ledger-schema.ts";
import type { LedgerWriter } from "./state/ledger-writer.ts";
import { ownMarker, removeOwnedDir } from "./state/owned-dir.ts";

export type { DownOutcome } from "./down/outcome.ts";

const asChanges = (teardown: TeardownOutcome): DownChanges => ({
  removed: teardown.removed,
  kept: teardown.skipped,
});

/**
 * A stopped emulator took everything in it along (its state is in memory); what Docker holds is
 * still there and stays recorded. A ledger with nothing left is removed.
 */
async function settleLedger(ctx: EngineContext, state: LedgerWriter, emulatorStopped: boolean) {
  const { ledger } = state;
  if (emulatorStopped) {
    ledger.resources = ledger.resources.filter((resource) => dockerKinds.has(resource.kind));
    ledger.fixtures = { items: {}, files: {} };
  }
  if (ledger.resources.length === 0) {
    await removeLedger(ctx.config.stateDir, ctx.config.stack);
    // The bundle build folder (image/bundle.ts) goes with the stack, but only if stackctl made it.
    const build = path.join(stackDir(ctx.config.stateDir, ctx.config.stack), "build");
    if (!(await removeOwnedDir(build)))
      ctx.emit({
        step: "down",
        status: "warn",
        message: `kept ${build}: stackctl did not make it (no ${ownMarker})`,
      });
  } else if (emulatorStopped) await state.save();
}

/**
 * `down`: removes exactly what the ledger says stackctl created, newest first, one remover per
 * kind, then the deployment found by name and labels. Data (table, bucket) only with --purge; a
 * LocalStack that stackctl started is stopped unless another stack still uses it.
 */
export async function down(ctx: EngineContext, deps: EnginePorts, purge: boolean): Promise<DownOutcome> {
  const timings: Record<string, number> = {};
  const result = await withStackState(ctx, purge ? "down --purge" : "down", async (state) => {
    // What the ledger held before its removers ran: the data sweep leaves those to them.
    const before = { endpoint: state.ledger.endpoint, resources: [...state.ledger.resources] };
    const recorded = await removeRecorded(ctx, deps, state, purge, timings);
    // A lost ledger does not leave the data behind: --purge looks for the configured table and bucket.
    const data = purge ? await sweepData(ctx, deps, before, timings) : { removed: [], skipped: [] };
    const api = await removeDeployment(ctx, deps, state.ledger, timings);
    // Each mode sweeps its own kinds by name and tag, in table order (`engine/modes/table.ts`).
    const swept: TeardownOutcome[] = [];
    for (const { name } of modeEntries()) {
      const mode = await loadComputeMode(name);
      if (mode.sweep !== undefined)
        swept.push(await mode.sweep({ ctx, deps, ledger: state.ledger, purge, timings }));
    }
    const containers = await removeContainers(ctx, deps, timings);
    const leftovers = await removeDockerLeftovers(ctx, deps, timings);
    const emulator = await stopEmulator(ctx, deps, state, timings);
    if (!ctx.dryRun) await settleLedger(ctx, state, emulator.emulatorStopped);
    return {
      ...combineChanges(
        recorded,
        asChanges(data),
        asChanges(api),
        ...swept.map(asChanges),
        containers,
        asChanges(leftovers),
        emulator,
      ),
      emulatorStopped: emulator.emulatorStopped,
      timings,
    };
  });
  // Once the ledger and lock are gone the stack's folder is empty; rmdir refuses if it is not.
  await rmdir(stackDir(ctx.config.stateDir, ctx.config.stack)).catch(() => undefined);
  return result;
}
