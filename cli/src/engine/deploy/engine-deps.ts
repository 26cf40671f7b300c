import type { AwsClients } from "../../adapters/aws-clients.ts";
import type { EngineContext } from "../context.ts";
import type { EmulatorDeps } from "../emulator/ensure.ts";
import type { ContainerEngine, RestApis } from "../ports.ts";

/** What deploy steps talk to; tests may pass fakes through EmulatorDeps, the CLI gets the real adapters. */
export interface DeployPorts {
  engine: ContainerEngine;
  restApis: RestApis;
}

export async function deployPorts(
  ctx: EngineContext,
  deps: EmulatorDeps,
  clients: AwsClients,
): Promise<DeployPorts> {
  const engine =
    deps.containerEngine === undefined
      ? (await import("../../adapters/docker-engine.ts")).createDockerEngine(ctx.config.dockerHost)
      : await deps.containerEngine();
  const restApis =
    deps.restApis === undefined
      ? (await import("../../adapters/aws-rest-apis.ts")).createRestApis(clients)
      : deps.restApis(clients);
  return { engine, restApis };
}
