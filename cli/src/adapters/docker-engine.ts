import { access } from "node:fs/promises";
import type { ContainerEngine, DockerState } from "../engine/ports.ts";
import { type DockerClient, lazyDockerClient } from "./docker-client.ts";
import { dockerContainers } from "./docker-containers.ts";
import { dockerImages } from "./docker-images.ts";
import { dockerLogs } from "./docker-logs.ts";
import { dockerNetworks } from "./docker-networks.ts";

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function dockerCliExists(): Promise<boolean> {
  const { execa } = await import("execa");
  const result = await execa("docker", ["--version"], { reject: false, timeout: 5_000 });
  return result.exitCode === 0;
}

async function socketExists(host: string | undefined): Promise<boolean> {
  if (host !== undefined && !host.startsWith("unix://")) return true;
  const socket = host === undefined ? "/var/run/docker.sock" : host.slice("unix://".length);
  return access(socket).then(
    () => true,
    () => false,
  );
}

/** Whether an engine answers; without one, whether Docker is installed at all. */
async function pingDocker(docker: DockerClient, dockerHost: string | undefined): Promise<DockerState> {
  try {
    const engine = await docker();
    await withTimeout(engine.ping(), 3_000, "Docker engine");
    const version = await engine.version();
    return { state: "up", version: version.Version };
  } catch (error) {
    if (!(await dockerCliExists()) && !(await socketExists(dockerHost))) return { state: "missing" };
    return { state: "down", detail: (error as Error).message };
  }
}

/**
 * The Docker engine through dockerode (imported on first use), one adapter file per family of the
 * port. `dockerHost`: DOCKER_HOST, if set (dockerode reads it too; here it only says where to look
 * for a socket when nothing answers).
 */
export function createDockerEngine(dockerHost: string | undefined): ContainerEngine {
  const client = lazyDockerClient();
  return {
    state: () => pingDocker(client, dockerHost),
    async architecture() {
      return (await (await client()).version()).Arch;
    },
    ...dockerImages(client),
    ...dockerContainers(client),
    ...dockerLogs(client),
    ...dockerNetworks(client),
  };
}
