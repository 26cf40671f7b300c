import type { EngineContext } from "../../context.ts";
import { managedNetworkName } from "../../emulator/compose-target.ts";
import type { EmulatorSession } from "../../emulator/ensure.ts";
import { servingEmulator } from "../../emulator/serving.ts";
import type { ContainerEngine } from "../../ports.ts";

/**
 * Where the service container lives and how it and the emulator find each other (see
 * docs/emulators.md "Reaching the emulator from containers"):
 * - stackctl runs LocalStack on the stack's compose network: the container joins that network and
 *   reaches it by its service name; API Gateway (inside LocalStack) reaches the container by name.
 * - the emulator runs on the host (the managed ministack, or one the user named): containers reach it through the host
 *   gateway (`host.docker.internal` via `host-gateway`), and it reaches the container's port
 *   published on 127.0.0.1.
 */
export interface Placement {
  network: string;
  /** AWS_ENDPOINT_URL inside the container. */
  emulatorUrl: string;
  extraHosts: string[];
  emulatorInDocker: boolean;
  /** The service's base URL as API Gateway (the emulator) reaches it. */
  backendUrl(container: { name: string; hostPort: number }): string;
}

export const servicePort = 8080;

/**
 * The stack's own network when the emulator runs outside Docker's reach of compose. Not the compose
 * network's name: compose refuses to start a project whose network name exists without its labels,
 * so a stack deployed with --endpoint first could then never start its managed LocalStack.
 */
export function hostedNetworkName(stack: string): string {
  return `stackctl-${stack}-svc`;
}

function viaHostGateway(endpoint: string): string {
  const url = new URL(endpoint);
  if (["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname))
    url.hostname = "host.docker.internal";
  return url.toString().replace(/\/+$/, "");
}

/**
 * The compose network of the managed LocalStack answering on the session's port: this stack's when
 * it started it, another stack's when it reuses theirs (stacks share one LocalStack per port).
 */
async function managedEmulatorNetwork(
  engine: ContainerEngine | undefined,
  stack: string,
  endpoint: string,
): Promise<string> {
  if (engine === undefined) return managedNetworkName(stack);
  const serving = await servingEmulator(engine, Number(new URL(endpoint).port || 4566));
  return serving?.networks.find((name) => name.startsWith("stackctl-")) ?? managedNetworkName(stack);
}

/** `engine` undefined: not read (a dry run with nothing running), this stack's own network assumed. */
export async function placementFor(
  ctx: EngineContext,
  session: EmulatorSession,
  engine: ContainerEngine | undefined,
): Promise<Placement> {
  // Only the managed LocalStack runs in Docker on a compose network; the managed ministack runs on the
  // host, bound to the bridge gateway, like an emulator the user runs.
  const composed = session.managed && (session.info?.kind ?? ctx.config.emulator.kind) === "localstack";
  if (composed) {
    return {
      network: await managedEmulatorNetwork(engine, ctx.config.stack, session.endpoint),
      emulatorUrl: ctx.config.containerEndpoint ?? "http://localstack:4566",
      extraHosts: [],
      emulatorInDocker: true,
      backendUrl: ({ name }) => `http://${name}:${servicePort}`,
    };
  }
  return {
    network: hostedNetworkName(ctx.config.stack),
    emulatorUrl: ctx.config.containerEndpoint ?? viaHostGateway(session.endpoint),
    extraHosts: ["host.docker.internal:host-gateway"],
    emulatorInDocker: false,
    backendUrl: ({ hostPort }) => `http://127.0.0.1:${hostPort}`,
  };
}
