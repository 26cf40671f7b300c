import type { ContainerEngine } from "../ports.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { forgetResource } from "../state/resources.ts";

/**
 * After a cut-over, the ledger drops the containers and images Docker no longer has (retired by
 * this run, removed by hand, or left by a killed run and swept since), so it says what exists.
 */
export async function forgetGone(state: LedgerWriter, engine: ContainerEngine): Promise<void> {
  let changed = false;
  for (const resource of [...state.ledger.resources]) {
    const gone =
      resource.kind === "container"
        ? (await engine.inspectContainer(resource.id ?? resource.name)) === undefined
        : resource.kind === "image"
          ? (await engine.inspectImage(resource.name)) === undefined
          : false;
    if (gone) {
      forgetResource(state.ledger, resource.kind, resource.name);
      changed = true;
    }
  }
  if (changed) await state.save();
}
