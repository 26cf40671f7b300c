import { isMode, type StackctlConfig } from "../config/schema.ts";
import type { ResourceStatus, StatusOutcome } from "../engine/status.ts";
import { exitCodes } from "../errors.ts";
import { emulatorData } from "./emulator-data.ts";
import { notDeployed, notDeployedLines } from "./not-deployed.ts";
import type { StatusData } from "./schemas/status.ts";
import type { CommandOutput } from "./types.ts";

function line(kind: string, resource: ResourceStatus, unit: string): string {
  const state = resource.exists === null ? "unknown" : resource.exists ? "present" : "missing";
  const atLeast = resource.countIsLowerBound ? "at least " : "";
  const count = resource.count === null ? "" : `, ${atLeast}${resource.count} ${unit}`;
  return `  ${kind.padEnd(8)} ${resource.name}: ${state}${count}`;
}

// What the ledger recorded about this endpoint's emulator; a different endpoint is not that one.
function statusEmulatorData(outcome: StatusOutcome, config: StackctlConfig) {
  const recorded = outcome.ledger?.endpoint === outcome.endpoint ? outcome.ledger.emulator : undefined;
  return emulatorData({
    endpoint: outcome.endpoint,
    info: outcome.emulator,
    problem: outcome.emulatorProblem ?? null,
    managed: config.endpoint === undefined && (recorded?.managed ?? true),
    startedByStackctl: recorded?.startedByStackctl ?? false,
    capabilities: undefined,
  });
}

/** API → compute → data, as a few lines a terminal shows at a glance. */
function topology(data: StatusData, deployment: StatusOutcome["deployment"]): string[] {
  const { api, container, function: fn } = deployment;
  const compute =
    container !== null
      ? `container ${container.name} [${container.state}${container.health === null ? "" : `, ${container.health}`}]`
      : fn !== null
        ? `function ${fn.name} [${fn.state}, ${fn.packageType.toLowerCase()}]`
        : "(no compute)";
  return [
    `  mode     ${data.mode ?? "?"}`,
    `  API URL  ${api?.url ?? "(no REST API)"}${api !== null && !api.stageDeployed ? " [no stage]" : ""}`,
    ...(container?.directUrl ? [`  direct   ${container.directUrl}`] : []),
    `  ${api === null ? "(no API)" : `API ${api.id}`} ─▶ ${compute} ─▶ table ${data.resources.table}, bucket ${data.resources.bucket}`,
  ];
}

/** The `status` result: the same names as `up`'s, plus what was found about each. */
export function statusOutput(outcome: StatusOutcome, config: StackctlConfig): CommandOutput<StatusData> {
  const mode = outcome.ledger?.mode;
  const { deployment } = outcome;
  const { api, container } = deployment;
  const recordedImage = outcome.ledger?.resources.find(
    (resource) => resource.kind === "image" && resource.name === container?.image,
  );
  const data: StatusData = {
    stack: config.stack,
    mode: mode !== undefined && isMode(mode) ? mode : null,
    deployed: api !== null || container !== null || deployment.function !== null,
    apiUrl: api?.url ?? notDeployed.apiUrl,
    directUrl: container?.directUrl ?? notDeployed.directUrl,
    // Names, as in `up`'s result; what was found about each is under `found`.
    resources: {
      table: outcome.table.name,
      bucket: outcome.bucket.name,
      ...notDeployed.resources,
      restApiId: api?.id ?? null,
      containerId: container?.id ?? null,
      functionName: deployment.function?.name ?? null,
    },
    found: { table: outcome.table, bucket: outcome.bucket },
    deployment,
    image:
      container !== null
        ? { tag: container.image, id: recordedImage?.id ?? "", digest: null }
        : deployment.function?.image
          ? { tag: deployment.function.image, id: "", digest: null }
          : notDeployed.image,
    emulator: statusEmulatorData(outcome, config),
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
    ...(api === null && container === null && deployment.function === null
      ? [notDeployedLines.status]
      : topology(data, deployment)),
    ...deployment.drift.map((problem) => `  drift    ${problem}`),
    ...(deployment.drift.length > 0 ? ["  → `stackctl up` repairs it (exit 4 until then)"] : []),
  ];
  return { data, summary, ...(deployment.drift.length > 0 ? { exitCode: exitCodes.smokeFailed } : {}) };
}
