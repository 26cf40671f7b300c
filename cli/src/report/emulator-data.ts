import type { Capabilities } from "../engine/emulator/capabilities.ts";
import type { EmulatorSession } from "../engine/emulator/ensure.ts";

/** The `emulator` object of `up`/`status`/`doctor` results. */
export function emulatorData(session: EmulatorSession, capabilities: Capabilities | undefined) {
  return {
    endpoint: session.endpoint,
    kind: session.info?.kind ?? null,
    version: session.info?.version ?? null,
    edition: session.info?.edition ?? null,
    managed: session.managed,
    startedByStackctl: session.startedByStackctl,
    capabilities:
      capabilities === undefined
        ? null
        : { ecr: capabilities.ecr, imageLambdas: capabilities.imageLambdas, notes: capabilities.notes },
  };
}
