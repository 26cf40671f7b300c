import type { CommandOutput } from "../commands/command.ts";
import type { StackctlConfig } from "../config/schema.ts";
import type { ResourceStatus, StatusOutcome } from "../engine/status.ts";

function line(kind: string, resource: ResourceStatus, unit: string): string {
  const state = resource.exists === null ? "unknown" : resource.exists ? "present" : "missing";
  const count = resource.count === null ? "" : `, ${resource.count} ${unit}`;
  return `  ${kind.padEnd(8)} ${resource.name}: ${state}${count}`;
}

function emulatorData(outcome: StatusOutcome) {
  return outcome.emulator === undefined
    ? { endpoint: outcome.endpoint, reachable: false, problem: outcome.emulatorProblem ?? null }
    : {
        endpoint: outcome.endpoint,
        reachable: true,
        kind: outcome.emulator.kind,
        version: outcome.emulator.version,
        edition: outcome.emulator.edition,
      };
}

/** The `status` result: the same names as `up`'s, plus what was found about each. */
export function statusOutput(outcome: StatusOutcome, config: StackctlConfig): CommandOutput {
  const data = {
    stack: config.stack,
    mode: outcome.ledger?.mode ?? null,
    deployed: false,
    apiUrl: null,
    directUrl: null,
    // Names, as in `up`'s result; what was found about each is under `found`.
    resources: {
      table: outcome.table.name,
      bucket: outcome.bucket.name,
      restApiId: null,
      functionName: null,
      containerId: null,
    },
    found: { table: outcome.table, bucket: outcome.bucket },
    image: null,
    emulator: emulatorData(outcome),
    ledgerFile:
      outcome.ledger === undefined && outcome.ledgerProblem === undefined ? null : outcome.ledgerFile,
    ledgerProblem: outcome.ledgerProblem ?? null,
    ledgerUpdatedAt: outcome.ledger?.updatedAt ?? null,
    timings: {},
  };
  const noLedger =
    outcome.ledgerProblem !== undefined
      ? ` (ledger unreadable: ${outcome.ledgerProblem})`
      : outcome.ledger === undefined
        ? " (no ledger: stackctl has not created anything for it here)"
        : "";
  const summary = [
    `Stack ${config.stack}${noLedger}`,
    `  emulator ${outcome.endpoint}: ${outcome.emulator === undefined ? `unreachable (${outcome.emulatorProblem})` : `${outcome.emulator.kind} ${outcome.emulator.version}`}`,
    line("table", outcome.table, "items"),
    line("bucket", outcome.bucket, "objects"),
    "  service  not deployed (deploy arrives with the container/lambda modes)",
  ];
  return { data, summary };
}
