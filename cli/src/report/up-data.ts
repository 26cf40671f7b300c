import type { StackctlConfig } from "../config/schema.ts";
import type { ContainerDeployment } from "../engine/modes/container/deploy-mode.ts";
import {
  lambdaChanges,
  lambdaDeployData,
  lambdaResult,
  lambdaSummary,
} from "../engine/modes/lambda/report.ts";
import type { UpOutcome } from "../engine/up.ts";
import { sessionEmulatorData } from "./emulator-data.ts";
import { notDeployed, notDeployedLines } from "./not-deployed.ts";
import type { DeployData } from "./schemas/deploy.ts";
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
  if ("mode" in outcome.deploy && outcome.deploy.mode === "lambda")
    lambdaChanges(outcome.deploy, { created, updated, unchanged });
  else if ("mode" in outcome.deploy) {
    const { image, container, api } = outcome.deploy;
    (image.change === "built" ? created : unchanged).push(`image ${image.tag}`);
    (container.change === "started" ? created : unchanged).push(`container ${container.name}`);
    const apiLabel = `rest-api ${api.id}`;
    if (api.change === "created") created.push(apiLabel);
    else if (api.change === "updated") updated.push(apiLabel);
    else unchanged.push(apiLabel);
  }
  const kept = [...items.kept.map((sku) => `item ${sku}`), ...files.kept.map((name) => `file ${name}`)];
  return { created, updated, unchanged, kept };
}

function deployData(deployed: ContainerDeployment): DeployData {
  return {
    status: "deployed",
    mode: deployed.mode,
    apiIdFixed: deployed.api.idFixed,
    container: {
      id: deployed.container.id,
      name: deployed.container.name,
      change: deployed.container.change,
    },
    image: { tag: deployed.image.tag, change: deployed.image.change },
    api: { id: deployed.api.id, change: deployed.api.change },
    ...(deployed.container.portNote === undefined ? {} : { portNote: deployed.container.portNote }),
    smoke: deployed.smoke.checks,
    retired: deployed.retired,
  };
}

function deployOf(deploy: UpOutcome["deploy"]): DeployData {
  if (!("mode" in deploy)) return deploy;
  return deploy.mode === "lambda" ? lambdaDeployData(deploy) : deployData(deploy);
}

/** The `up` result: DESIGN §5 fields; deploy-dependent ones are null while nothing is deployed. */
export function upOutput(outcome: UpOutcome, config: StackctlConfig, dryRun: boolean): CommandOutput<UpData> {
  const changes = changesOf(outcome);
  const deployed =
    "mode" in outcome.deploy && outcome.deploy.mode === "container" ? outcome.deploy : undefined;
  const changed = changes.created.length + changes.updated.length > 0;
  const data: UpData = {
    stack: config.stack,
    mode: outcome.mode,
    dryRun,
    changed,
    apiUrl: deployed?.apiUrl ?? notDeployed.apiUrl,
    directUrl: deployed?.directUrl ?? notDeployed.directUrl,
    resources: {
      table: config.tableName,
      bucket: config.bucketName,
      restApiId: deployed?.api.id ?? notDeployed.resources.restApiId,
      functionName: notDeployed.resources.functionName,
      containerId: deployed?.container.id ?? notDeployed.resources.containerId,
    },
    image:
      deployed === undefined
        ? notDeployed.image
        : { tag: deployed.image.tag, id: deployed.image.id, digest: null },
    emulator: sessionEmulatorData(outcome.connection.session, outcome.connection.capabilities),
    fixtures: outcome.fixtures,
    changes,
    deploy: deployOf(outcome.deploy),
    // The engine sets the total last; the contract promises it.
    timings: { ...outcome.timings, total: outcome.timings.total ?? 0 },
    ledgerFile: outcome.ledgerFile,
  };
  const headline = dryRun
    ? `Plan for stack ${config.stack} (dry run, nothing was changed): ${changed ? `would create ${changes.created.join(", ")}` : "nothing to do"}.`
    : changed
      ? `Stack ${config.stack}: created ${changes.created.join(", ")}${changes.updated.length > 0 ? `; updated ${changes.updated.join(", ")}` : ""}.`
      : `Stack ${config.stack}: nothing changed — ${"mode" in outcome.deploy ? "table, bucket, fixtures and the deployment were" : "table, bucket and fixtures were"} already in place.`;
  const summary = [
    "",
    headline,
    `  table   ${config.tableName}`,
    `  bucket  ${config.bucketName}`,
    `  emulator ${outcome.connection.session.endpoint}`,
    ...(changes.kept.length > 0
      ? [`  kept user changes: ${changes.kept.join(", ")} (stackctl seed --reset overwrites)`]
      : []),
    ...("mode" in outcome.deploy && outcome.deploy.mode === "lambda"
      ? lambdaSummary(outcome.deploy)
      : deployed === undefined
        ? [dryRun ? "Deploy: planned only (dry run)." : notDeployedLines.up]
        : [
            `  image      ${deployed.image.tag} (${deployed.image.change})`,
            `  container  ${deployed.container.name} (${deployed.container.change})`,
            `  API URL    ${deployed.apiUrl}${deployed.api.idFixed ? "" : "  (id not fixed by this emulator: it changes after down/up)"}`,
            `  direct URL ${deployed.directUrl}`,
            `  smoke      ${deployed.smoke.checks.length} checks passed`,
          ]),
  ];
  if ("mode" in outcome.deploy && outcome.deploy.mode === "lambda")
    return lambdaResult(outcome.deploy, data, summary);
  return { data, summary };
}
