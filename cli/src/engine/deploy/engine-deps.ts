import type { AwsClients } from "../../adapters/aws-clients.ts";
import type { EngineContext } from "../context.ts";
import type { EmulatorDeps } from "../emulator/ensure.ts";
import type { ContainerEngine, RestApis } from "../ports.ts";

/** What deploy steps talk to; tests may pass fakes through EmulatorDeps, the CLI gets the real adapters. */
export interface DeployPorts {
  engine: ContainerEngine;
  restApis: RestApis;
}

export async function containerEngineFor(ctx: EngineContext, deps: EmulatorDeps): Promise<ContainerEngine> {
  if (deps.containerEngine !== undefined) return deps.containerEngine();
  const { createDockerEngine } = await import("../../adapters/docker-engine.ts");
  return createDockerEngine(ctx.config.dockerHost);
}

export async function restApisFor(deps: EmulatorDeps, clients: AwsClients): Promise<RestApis> {
  if (deps.restApis !== undefined) return deps.restApis(clients);
  const { createRestApis } = await import("../../adapters/aws-rest-apis.ts");
  return createRestApis(clients);
}

export async function deployPorts(
  ctx: EngineContext,
  deps: EmulatorDeps,
  clients: AwsClients,
): Promise<DeployPorts> {
  return { engine: await containerEngineFor(ctx, deps), restApis: await restApisFor(deps, clients) };
}
