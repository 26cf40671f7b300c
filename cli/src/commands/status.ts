import type { ResourceStatus } from "../engine/status.ts";
import type { CommandDefinition } from "./command.ts";

function line(kind: string, resource: ResourceStatus, unit: string): string {
  const state = resource.exists === null ? "unknown" : resource.exists ? "present" : "missing";
  const count = resource.count === null ? "" : `, ${resource.count} ${unit}`;
  return `  ${kind.padEnd(8)} ${resource.name}: ${state}${count}`;
}

export const statusCommand: CommandDefinition = {
  name: "status",
  description: "show what exists for the stack (read-only)",
  options: [],
  async run({ ctx }) {
    const { status } = await import("../engine/status.ts");
    const outcome = await status(ctx);
    const emulator =
      outcome.emulator === undefined
        ? { endpoint: outcome.endpoint, reachable: false, problem: outcome.emulatorProblem ?? null }
        : {
            endpoint: outcome.endpoint,
            reachable: true,
            kind: outcome.emulator.kind,
            version: outcome.emulator.version,
            edition: outcome.emulator.edition,
          };
    const data = {
      stack: ctx.config.stack,
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
      emulator,
      ledgerFile: outcome.ledger === undefined ? null : outcome.ledgerFile,
      ledgerUpdatedAt: outcome.ledger?.updatedAt ?? null,
      timings: {},
    };
    const summary = [
      `Stack ${ctx.config.stack}${outcome.ledger === undefined ? " (no ledger: stackctl has not created anything for it here)" : ""}`,
      `  emulator ${outcome.endpoint}: ${outcome.emulator === undefined ? `unreachable (${outcome.emulatorProblem})` : `${outcome.emulator.kind} ${outcome.emulator.version}`}`,
      line("table", outcome.table, "items"),
      line("bucket", outcome.bucket, "objects"),
      "  service  not deployed (deploy arrives with the container/lambda modes)",
    ];
    return { data, summary };
  },
};
