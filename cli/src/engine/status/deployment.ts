import { findStackApi, stageName } from "../api/rest-api.ts";
import type { EngineContext } from "../context.ts";
import type { EmulatorInfo } from "../emulator/probe.ts";
import { loadComputeMode } from "../modes/load.ts";
import { isModeName } from "../modes/table.ts";
import type { AwsPorts, EnginePorts, ProxyIntegration } from "../ports.ts";
import { profileFor, stageUrl } from "../profile/emulator-profile.ts";
import type { Ledger } from "../state/ledger-schema.ts";
import { activeOf } from "../state/resources.ts";
import type { LiveApi, LiveContainer, LiveFunction } from "./live.ts";

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
 * calls. Drift: the emulator lost the API (restarted); the compute's own drift comes from its mode
 * (`ComputeMode.status`: removed or stopped by hand, the API points elsewhere…).
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
  // The compute part is the mode's own: the one the ledger says the stack runs.
  const compute =
    ledger?.mode !== undefined && isModeName(ledger.mode)
      ? await (await loadComputeMode(ledger.mode)).status({ ctx, deps, ledger, emulator, aws, api })
      : { container: null, function: null, drift: [] };
  drift.push(...compute.drift);
  const container = compute.container;
  const fn = compute.function;
  const deployed = api !== null || container !== null || fn !== null;
  return { api, container, function: fn, drift, healthy: deployed && drift.length === 0 };
}
