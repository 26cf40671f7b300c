import { access } from "node:fs/promises";
import type Dockerode from "dockerode";
import type { ContainerStatus, DockerState, EmulatorHost } from "../engine/ports.ts";
import { composeRunner } from "./compose.ts";
import { lazyDockerClient } from "./docker-client.ts";

/**
 * Docker multiplexes stdout/stderr of non-TTY containers into frames: an 8-byte header
 * (stream, 0, 0, 0, big-endian size) then the payload. https://docs.docker.com/engine/api/v1.47/#tag/Container/operation/ContainerAttach
 */
export function demuxLogs(buffer: Buffer): string {
  const looksFramed =
    buffer.length >= 8 && buffer[0] !== undefined && buffer[0] <= 2 && buffer.readUIntBE(1, 3) === 0;
  if (!looksFramed) return buffer.toString("utf8");
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString("utf8");
}

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
export async function pingDocker(
  docker: () => Promise<Dockerode>,
  dockerHost: string | undefined,
): Promise<DockerState> {
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
 * Docker engine via dockerode (imported on first use); Compose via ./compose.ts, whose child
 * processes inherit `childEnv` (PATH, DOCKER_HOST, …) plus the target's variables.
 */
export function createDockerRuntime(options: {
  dockerHost: string | undefined;
  childEnv: Record<string, string | undefined>;
}): EmulatorHost {
  const docker = lazyDockerClient();
  const compose = composeRunner(options.childEnv);
  return {
    docker: () => pingDocker(docker, options.dockerHost),
    async compose() {
      const found = await compose.probe();
      return found.ok ? { ok: true, version: found.version } : found;
    },
    async imagePresent(image) {
      const engine = await docker();
      return engine
        .getImage(image)
        .inspect()
        .then(
          () => true,
          () => false,
        );
    },
    pull: (target) => compose.run(target, ["pull", target.service]),
    up: (target) => compose.run(target, ["up", "-d", target.service]),
    down: (target) => compose.run(target, ["down", "--remove-orphans"]),
    async container(target): Promise<ContainerStatus | undefined> {
      const engine = await docker();
      const found = await engine.listContainers({
        all: true,
        filters: {
          label: [
            `com.docker.compose.project=${target.project}`,
            `com.docker.compose.service=${target.service}`,
          ],
        },
      });
      const first = found[0];
      if (first === undefined) return undefined;
      const state = await engine.getContainer(first.Id).inspect();
      return {
        id: first.Id,
        running: state.State.Running,
        exitCode: state.State.ExitCode,
        status: state.State.Status,
      };
    },
    async findLabelled(label, value) {
      const engine = await docker();
      const found = await engine.listContainers({ all: true, filters: { label: [`${label}=${value}`] } });
      return found.map((container) => ({
        id: container.Id,
        name: container.Names[0]?.replace(/^\//, "") ?? container.Id.slice(0, 12),
      }));
    },
    async removeContainer(id) {
      await (await docker()).getContainer(id).remove({ force: true });
    },
    async logTail(containerId, lines) {
      const engine = await docker();
      const buffer = await engine.getContainer(containerId).logs({ stdout: true, stderr: true, tail: lines });
      return demuxLogs(buffer)
        .split("\n")
        .map((line) => line.trimEnd())
        .filter((line) => line !== "");
    },
  };
}
