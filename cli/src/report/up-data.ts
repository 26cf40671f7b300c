import type { StackctlConfig } from "../config/schema.ts";
import { changesOf as planChanges } from "../engine/plan-step.ts";
import type { UpOutcome } from "../engine/up.ts";
import { sessionEmulatorData } from "./emulator-data.ts";
import { notDeployed, notDeployedLines } from "./not-deployed.ts";
import type { UpData } from "./schemas/up.ts";
import type { CommandOutput } from "./types.ts";

function changesOf(outcome: UpOutcome): UpData["changes"] {
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const resource of [outcome.table, outcome.bucket]) {
    const label = `${resource.kind} ${resource.name}`;
    if (resource.change === "unchanged") unchanged.push(label);
    else created.push(label);
  }
  const { items, files } = outcome.fixtures;
  for (const [what, tally] of [
    ["items", items],
    ["files", files],
  ] as const) {
    if (tally.created > 0) created.push(`${tally.created} ${what}`);
    if (tally.updated > 0) updated.push(`${tally.updated} ${what}`);
    if (tally.unchanged > 0) unchanged.push(`${tally.unchanged} ${what}`);
  }
  if (outcome.deploy.status === "deployed") {
    const deployed = outcome.deploy.result.changes;
    created.push(...deployed.created);
    updated.push(...deployed.updated);
    unchanged.push(...deployed.unchanged);
  }
  const kept = [...items.kept.map((sku) => `item ${sku}`), ...files.kept.map((name) => `file ${name}`)];
  return { created, updated, unchanged, kept };
}

/** The `up` result (README "Output (`--json`)"); deploy-dependent fields are null while nothing is deployed. */
export function upOutput(outcome: UpOutcome, config: StackctlConfig, dryRun: boolean): CommandOutput<UpData> {
  const changes = changesOf(outcome);
  const deployed = outcome.deploy.status === "deployed" ? outcome.deploy : undefined;
  const result = deployed?.result;
  const changed =
    changes.created.length + changes.updated.length > 0 ||
    (outcome.deploy.status === "planned" && planChanges(outcome.deploy.steps).length > 0);
  const data: UpData = {
    stack: config.stack,
    mode: outcome.mode,
    dryRun,
    changed,
    apiUrl: deployed?.apiUrl ?? notDeployed.apiUrl,
    directUrl: result?.directUrl ?? notDeployed.directUrl,
    resources: {
      table: config.tableName,
      bucket: config.bucketName,
      ...(result?.resources ?? notDeployed.resources),
    },
    image: result === undefined ? notDeployed.image : result.image,
    emulator: sessionEmulatorData(
      outcome.connection.session,
      outcome.connection.capabilities,
      outcome.limitations,
    ),
    fixtures: outcome.fixtures,
    changes,
    deploy: outcome.deploy.status === "deployed" ? outcome.deploy.result.deploy : outcome.deploy,
    // The engine sets the total last; the contract promises it.
    timings: { ...outcome.timings, total: outcome.timings.total ?? 0, ...result?.timings },
    awsCalls: outcome.awsCalls,
    ledgerFile: outcome.ledgerFile,
  };
  const planned = outcome.deploy.status === "planned" ? outcome.deploy : undefined;
  const deployChanges = planned === undefined ? [] : planChanges(planned.steps);
  const wouldCreate = changes.created.length > 0 ? [`create ${changes.created.join(", ")}`] : [];
  const wouldUpdate = changes.updated.length > 0 ? [`update ${changes.updated.join(", ")}`] : [];
  const plannedLines = [
    ...wouldCreate,
    ...wouldUpdate,
    ...deployChanges.map((entry) => `${entry.action} ${entry.target}`),
  ];
  const headline = dryRun
    ? `Plan for stack ${config.stack} (dry run, nothing was changed): ${plannedLines.length > 0 ? `would ${plannedLines.join("; ")}` : "nothing would change"}.`
    : changed
      ? `Stack ${config.stack}: created ${changes.created.join(", ")}${changes.updated.length > 0 ? `; updated ${changes.updated.join(", ")}` : ""}.`
      : `Stack ${config.stack}: nothing changed — ${deployed !== undefined ? "table, bucket, fixtures and the deployment were" : "table, bucket and fixtures were"} already in place.`;
  const summary = [
    "",
    headline,
    `  table   ${config.tableName}`,
    `  bucket  ${config.bucketName}`,
    `  emulator ${outcome.connection.session.endpoint}`,
    ...(changes.kept.length > 0
      ? [`  kept user changes: ${changes.kept.join(", ")} (stackctl seed --reset overwrites)`]
      : []),
    ...(result !== undefined
      ? result.summary
      : [dryRun ? `Deploy (dry run): ${planned?.detail ?? "planned only"}.` : notDeployedLines.up]),
  ];
  return { data, summary };
}
