import type { EngineContext } from "../../context.ts";
import type { EmulatorSession } from "../../emulator/ensure.ts";

/**
 * Where the service container lives and how it and the emulator find each other (see
 * docs/emulators.md "Reaching the emulator from containers"):
 * - stackctl runs LocalStack on the stack's compose network: the container joins that network and
 *   reaches it by its service name; API Gateway (inside LocalStack) reaches the container by name.
 * - the emulator runs on the host (or the user named one): containers reach it through the host
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

export function networkName(stack: string): string {
  return `stackctl-${stack}`;
}

function viaHostGateway(endpoint: string): string {
  const url = new URL(endpoint);
  if (["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname))
    url.hostname = "host.docker.internal";
  return url.toString().replace(/\/+$/, "");
}

export function placementFor(ctx: EngineContext, session: EmulatorSession): Placement {
  const network = networkName(ctx.config.stack);
  if (session.managed) {
    return {
      network,
      emulatorUrl: ctx.config.containerEndpoint ?? "http://localstack:4566",
      extraHosts: [],
      emulatorInDocker: true,
      backendUrl: ({ name }) => `http://${name}:${servicePort}`,
    };
  }
  return {
    network,
    emulatorUrl: ctx.config.containerEndpoint ?? viaHostGateway(session.endpoint),
    extraHosts: ["host.docker.internal:host-gateway"],
    emulatorInDocker: false,
    backendUrl: ({ hostPort }) => `http://127.0.0.1:${hostPort}`,
  };
}
