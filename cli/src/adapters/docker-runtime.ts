import { access } from "node:fs/promises";
import type {
  ComposeTarget,
  ContainerStatus,
  DockerState,
  EmulatorRuntime,
} from "../engine/emulator/runtime.ts";
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

async function socketExists(env: Record<string, string | undefined>): Promise<boolean> {
  const host = env.DOCKER_HOST;
  if (host !== undefined && !host.startsWith("unix://")) return true;
  const socket = host === undefined ? "/var/run/docker.sock" : host.slice("unix://".length);
  return access(socket).then(
    () => true,
    () => false,
  );
}

type ComposeProbe = { ok: true; version: string; command: string[] } | { ok: false; detail: string };

function firstLine(text: string): string | undefined {
  return text
    .split("\n")
    .find((line) => line.trim() !== "")
    ?.trim();
}

/**
 * The Compose v2 plugin (`docker compose`), else a standalone Compose v2 binary (`docker-compose`,
 * as some Linux packages ship it). Compose v1 cannot read the file's top-level `name`, so it does not count.
 */
async function findCompose(): Promise<ComposeProbe> {
  const { execa } = await import("execa");
  const plugin = await execa("docker", ["compose", "version", "--short"], { reject: false, timeout: 10_000 });
  if (plugin.exitCode === 0)
    return { ok: true, version: String(plugin.stdout).trim(), command: ["docker", "compose"] };
  const standalone = await execa("docker-compose", ["version", "--short"], {
    reject: false,
    timeout: 10_000,
  });
  const version = String(standalone.stdout).trim();
  if (standalone.exitCode === 0 && /^v?[2-9]\./.test(version))
    return { ok: true, version, command: ["docker-compose"] };
  const reason = firstLine(String(plugin.stderr || plugin.stdout)) ?? "docker compose failed";
  return {
    ok: false,
    detail: standalone.exitCode === 0 ? `${reason}; docker-compose ${version} is v1` : reason,
  };
}

/** Docker engine via dockerode (imported on first use) and Compose via execa. */
export function createDockerRuntime(env: Record<string, string | undefined>): EmulatorRuntime {
  const docker = lazyDockerClient();
  let composeProbe: Promise<ComposeProbe> | undefined;
  const probeCompose = () => {
    composeProbe ??= findCompose();
    return composeProbe;
  };
  const compose = async (target: ComposeTarget, args: string[]) => {
    const { execa } = await import("execa");
    const found = await probeCompose();
    if (!found.ok) throw new Error(found.detail);
    const [command = "docker", ...prefix] = found.command;
    await execa(command, [...prefix, "-f", target.file, "-p", target.project, ...args], {
      env: { ...env, ...target.env },
      all: true,
    }).catch((error: { all?: string; message: string }) => {
      throw new Error(error.all ?? error.message);
    });
  };
  return {
    async docker(): Promise<DockerState> {
      try {
        const engine = await docker();
        await withTimeout(engine.ping(), 3_000, "Docker engine");
        const version = await engine.version();
        return { state: "up", version: version.Version };
      } catch (error) {
        if (!(await dockerCliExists()) && !(await socketExists(env))) return { state: "missing" };
        return { state: "down", detail: (error as Error).message };
      }
    },
    async compose() {
      const found = await probeCompose();
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
    pull: (target) => compose(target, ["pull", target.service]),
    up: (target) => compose(target, ["up", "-d", target.service]),
    down: (target) => compose(target, ["down", "--remove-orphans"]),
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
