import type { ModeResult } from "../compute-mode.ts";
import type { LambdaDeployment } from "./deploy-mode.ts";
import type { LambdaDeployData } from "./result-schema.ts";

/**
 * The cold start as the result reports it: Lambda's own Init Duration when it logged one that
 * accounts for a real share of the first invoke, else the measured invoke. AWS's RIE (the stand-ins,
 * LocalStack's init) starts the runtime inside the first invoke and logs a few ms of "init" for a
 * second-long first call; that number would understate what a user waits.
 */
export function coldStart(deployed: Pick<LambdaDeployment, "warmUp">) {
  const warm = deployed.warmUp;
  if (warm === undefined) return null;
  const init = warm.initDurationMs;
  return init === undefined || init < warm.coldMs * 0.1
    ? { ms: warm.coldMs, source: "measured" as const, invokeMs: warm.coldMs }
    : { ms: init, source: "init-duration" as const, invokeMs: warm.coldMs };
}

/** The `deploy` block of an `up` result in lambda mode. */
function lambdaDeployData(deployed: LambdaDeployment): LambdaDeployData {
  const { image, zip } = deployed;
  return {
    status: "deployed" as const,
    mode: deployed.mode,
    package: deployed.packaging.package,
    packageWhy: deployed.packaging.why,
    apiIdFixed: deployed.api.idFixed,
    version: deployed.version,
    function: {
      name: deployed.function.name,
      arn: deployed.function.arn,
      change: deployed.function.change,
      codeSha256: deployed.function.codeSha256,
      imageUri: deployed.function.imageUri ?? null,
    },
    role: { name: deployed.role.name, arn: deployed.role.arn, change: deployed.role.change },
    image:
      image === undefined
        ? null
        : {
            tag: image.tag,
            change: image.change,
            pushed: image.pushed.imageUri,
            pushChange: image.pushed.change,
            digest: image.pushed.digest,
          },
    zip: zip === undefined ? null : { bytes: zip.bytes, codeSha256: zip.codeSha256 },
    api: { id: deployed.api.id, change: deployed.api.change },
    coldStart: coldStart(deployed),
    warmLatencyMs: deployed.warmLatencyMs,
    smoke: deployed.smoke.checks,
    retired: deployed.retired,
  };
}

function lambdaSummary(deployed: LambdaDeployment): string[] {
  const cold = coldStart(deployed);
  return [
    `  package ${deployed.packaging.package} (${deployed.packaging.why})`,
    ...(deployed.image === undefined
      ? []
      : [
          `  image   ${deployed.image.pushed.imageUri} (${deployed.image.change}, ${deployed.image.pushed.change})`,
        ]),
    `  function ${deployed.function.name} (${deployed.function.change})`,
    `  API URL    ${deployed.apiUrl}${deployed.api.idFixed ? "" : "  (id not fixed by this emulator: it changes after down/up)"}`,
    `  latency ${cold === null ? "" : `cold ${cold.ms} ms (${cold.source}), `}warm ${deployed.warmLatencyMs} ms`,
    `  smoke   ${deployed.smoke.checks.length} checks passed`,
  ];
}

/** What lambda mode created, updated or kept, in the `changes` lists of the result. */
function lambdaChanges(deployed: LambdaDeployment, lists: ModeResult["changes"]): void {
  const { image, api } = deployed;
  if (image !== undefined) {
    (image.change === "built" ? lists.created : lists.unchanged).push(`image ${image.tag}`);
    (image.pushed.change === "pushed" ? lists.created : lists.unchanged).push(
      `pushed image ${image.pushed.imageUri}`,
    );
  }
  (deployed.function.change === "created" ? lists.created : lists.unchanged).push(
    `function ${deployed.function.name}`,
  );
  const apiLabel = `rest-api ${api.id}`;
  if (api.change === "created") lists.created.push(apiLabel);
  else if (api.change === "updated") lists.updated.push(apiLabel);
  else lists.unchanged.push(apiLabel);
}

/** Lambda mode's part of the `up` result: the deploy block, the names, the changes and summary lines. */
export function lambdaResult(deployed: LambdaDeployment): ModeResult {
  const { image } = deployed;
  const changes: ModeResult["changes"] = { created: [], updated: [], unchanged: [] };
  lambdaChanges(deployed, changes);
  return {
    deploy: lambdaDeployData(deployed),
    directUrl: null,
    resources: { restApiId: deployed.api.id, functionName: deployed.function.name, containerId: null },
    image:
      image === undefined ? null : { tag: image.pushed.imageUri, id: image.id, digest: image.pushed.digest },
    changes,
    summary: lambdaSummary(deployed),
    timings: {
      ...(deployed.warmUp === undefined ? {} : { coldStart: coldStart(deployed)?.ms ?? 0 }),
      warmRequest: deployed.warmLatencyMs,
    },
  };
}
