import { findStackApi, stageName } from "../api/rest-api.ts";
import type { EngineContext } from "../context.ts";
import { containerEngineFor } from "../deploy/engine-deps.ts";
import type { EmulatorInfo } from "../emulator/probe.ts";
import { serviceContainers } from "../modes/container/deploy-container.ts";
import type { AwsPorts, EnginePorts, ProxyIntegration } from "../ports.ts";
import { profileFor, stageUrl } from "../profile/emulator-profile.ts";
import type { Ledger } from "../state/ledger-schema.ts";
import { activeOf } from "../state/resources.ts";

export interface LiveContainer {
  id: string;
  name: string;
  /** running | exited | missing | … */
  state: string;
  health: string | null;
  image: string;
  directUrl: string | null;
}

export interface LiveApi {
  id: string;
  url: string;
  stageDeployed: boolean;
  /** What `{proxy+}` points at: an HTTP_PROXY URI or an AWS_PROXY function ARN. */
  target: string | null;
}

export interface LiveFunction {
  name: string;
  /** Active | Pending | Failed | missing */
  state: string;
  packageType: string;
  image: string | null;
}

export interface DeploymentStatus {
  api: LiveApi | null;
  container: LiveContainer | null;
  function: LiveFunction | null;
  /** What the ledger says that the emulator and Docker do not have, in words a user acts on. */
  drift: string[];
  /** A deployment exists and what serves it is healthy. */
  healthy: boolean;
}

const describeTarget = (integration: ProxyIntegration | undefined): string | null =>
  integration === undefined
    ? null
    : integration.type === "HTTP_PROXY"
      ? integration.uri
      : integration.functionArn;

/**
 * The live state of the stack's deployment against what the ledger recorded: read-only, a few
 * calls. Drift: the emulator lost the API (restarted), a container was removed or stopped by hand,
 * the API points elsewhere than the container the ledger says serves it.
 */
export async function deploymentStatus(
  ctx: EngineContext,
  deps: EnginePorts,
  ledger: Ledger | undefined,
  emulator: EmulatorInfo | undefined,
  aws: AwsPorts | undefined,
): Promise<DeploymentStatus> {
  const drift: string[] = [];
  const recordedApi = ledger === undefined ? undefined : activeOf(ledger, "rest-api")[0];
  const recordedContainer = ledger === undefined ? undefined : activeOf(ledger, "container").at(-1);
  let api: LiveApi | null = null;
  if (emulator !== undefined && aws !== undefined) {
    const { restApis } = aws;
    const found = await findStackApi(restApis, profileFor(emulator), ctx.config.stack);
    if (found !== undefined) {
      const { proxyId } = await restApis.resources(found.id);
      const method = proxyId === undefined ? undefined : await restApis.method(found.id, proxyId);
      api = {
        id: found.id,
        url: stageUrl(emulator.endpoint, found.id, stageName, "/"),
        stageDeployed: await restApis.stageExists(found.id, stageName),
        target: describeTarget(method?.integration),
      };
      if (!api.stageDeployed) drift.push(`REST API ${found.id} has no stage ${stageName}`);
    } else if (recordedApi !== undefined) {
      drift.push(
        `REST API ${recordedApi.id ?? recordedApi.name} is recorded but missing at ${emulator.endpoint} (the emulator restarted and lost its state?)`,
      );
    }
  }
  let container: LiveContainer | null = null;
  if (ledger?.mode === "container") {
    const engine = await containerEngineFor(ctx, deps);
    if ((await engine.state()).state === "up") {
      const live = await serviceContainers(engine, ctx.config.stack);
      const serving =
        live.find((candidate) => candidate.id === recordedContainer?.id) ??
        live.find((candidate) => candidate.running);
      if (serving !== undefined) {
        const port = serving.ports[8080];
        container = {
          id: serving.id,
          name: serving.name,
          state: serving.status,
          health: serving.health ?? null,
          image: serving.image,
          directUrl: port === undefined ? null : `http://127.0.0.1:${port}`,
        };
        if (!serving.running) drift.push(`container ${serving.name} is ${serving.status}, not running`);
        else if (serving.health === "unhealthy") drift.push(`container ${serving.name} is unhealthy`);
        const target = api?.target;
        const pointsHere =
          target != null &&
          (target.includes(`//${serving.name}:`) || (port !== undefined && target.includes(`:${port}/`)));
        if (api !== null && !pointsHere)
          drift.push(
            `the API's integration points at ${target ?? "nothing"}, not at container ${serving.name}`,
          );
      } else if (recordedContainer !== undefined) {
        drift.push(`container ${recordedContainer.name} is recorded but gone (removed by hand?)`);
      }
    } else if (recordedContainer !== undefined) {
      drift.push("no Docker engine answers, so the service container cannot be running");
    }
  }
  let fn: LiveFunction | null = null;
  if (ledger?.mode === "lambda" && aws !== undefined && emulator !== undefined) {
    const recordedFunction = activeOf(ledger, "function").at(-1);
    const servedArn = api?.target?.startsWith("arn:") === true ? api.target : undefined;
    const name = servedArn?.split(":").at(-1) ?? recordedFunction?.name;
    if (name !== undefined) {
      const found = await aws.functions.get(name);
      if (found === undefined) {
        drift.push(
          `function ${name} is ${servedArn === undefined ? "recorded" : "what the API points at"} but missing (deleted, or the emulator restarted?)`,
        );
      } else {
        fn = {
          name: found.name,
          state: found.state,
          packageType: found.packageType,
          image: found.imageUri ?? null,
        };
        if (found.state !== "Active")
          drift.push(
            `function ${found.name} is ${found.state}${found.stateReason === undefined ? "" : ` (${found.stateReason})`}`,
          );
      }
      if (api !== null && servedArn === undefined)
        drift.push(`the API's integration points at ${api.target ?? "nothing"}, not at function ${name}`);
    }
  }
  const deployed = api !== null || container !== null || fn !== null;
  return { api, container, function: fn, drift, healthy: deployed && drift.length === 0 };
}
