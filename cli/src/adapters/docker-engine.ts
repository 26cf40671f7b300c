import type Docker from "dockerode";
import type { DockerState } from "../engine/ports.ts";
import {
  BuildFailure,
  type ContainerEngine,
  type ContainerInfo,
  type ContainerRun,
  type ImageInfo,
  type Labels,
} from "../engine/ports.ts";
import { lazyDockerClient } from "./docker-client.ts";
import { demuxLogs, pingDocker } from "./docker-runtime.ts";

interface ProgressLine {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string; Digest?: string };
}

// An empty value matches any value of the label.
const labelFilters = (labels: Labels) =>
  Object.entries(labels).map(([key, value]) => (value === "" ? key : `${key}=${value}`));

function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}

/** Follows a build or push stream line by line; resolves with every line, rejects on the first error line. */
function follow(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onLine: (line: ProgressLine) => void,
): Promise<ProgressLine[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, lines: ProgressLine[]) => (error ? reject(error) : resolve(lines)),
      onLine,
    );
  });
}

function toImageInfo(inspect: Docker.ImageInspectInfo): ImageInfo {
  return {
    id: inspect.Id,
    architecture: inspect.Architecture,
    labels: inspect.Config?.Labels ?? {},
    tags: inspect.RepoTags ?? [],
  };
}

function toContainerInfo(inspect: Docker.ContainerInspectInfo): ContainerInfo {
  const ports: Record<number, number> = {};
  for (const [key, bindings] of Object.entries(inspect.NetworkSettings.Ports ?? {})) {
    const hostPort = bindings?.[0]?.HostPort;
    if (hostPort) ports[Number.parseInt(key, 10)] = Number(hostPort);
  }
  return {
    id: inspect.Id,
    name: inspect.Name.replace(/^\//, ""),
    image: inspect.Config.Image,
    running: inspect.State.Running,
    exitCode: inspect.State.ExitCode,
    status: inspect.State.Status,
    health: inspect.State.Health?.Status,
    labels: inspect.Config.Labels ?? {},
    ports,
    networks: Object.keys(inspect.NetworkSettings.Networks ?? {}),
  };
}

function createOptions(run: ContainerRun): Docker.ContainerCreateOptions {
  const port = run.publish === undefined ? undefined : `${run.publish.containerPort}/tcp`;
  return {
    name: run.name,
    Image: run.image,
    Env: Object.entries(run.env).map(([key, value]) => `${key}=${value}`),
    Labels: run.labels,
    ...(run.command === undefined ? {} : { Cmd: run.command }),
    ...(port === undefined ? {} : { ExposedPorts: { [port]: {} } }),
    ...(run.healthCheck === undefined
      ? {}
      : {
          Healthcheck: {
            Test: ["CMD", ...run.healthCheck.command],
            Interval: run.healthCheck.intervalS * 1e9,
            Timeout: run.healthCheck.timeoutS * 1e9,
            Retries: run.healthCheck.retries,
            StartPeriod: run.healthCheck.startPeriodS * 1e9,
          },
        }),
    HostConfig: {
      NetworkMode: run.network,
      ExtraHosts: run.extraHosts ?? [],
      ...(run.memoryBytes === undefined ? {} : { Memory: run.memoryBytes }),
      RestartPolicy: { Name: run.restart ?? "no" },
      ...(port === undefined || run.publish === undefined
        ? {}
        : {
            PortBindings: {
              [port]: [
                {
                  HostIp: run.publish.hostIp,
                  HostPort: run.publish.hostPort === 0 ? "" : String(run.publish.hostPort),
                },
              ],
            },
          }),
    },
    NetworkingConfig: {
      EndpointsConfig: { [run.network]: { Aliases: run.aliases ?? [] } },
    },
  };
}

/** The Docker engine through dockerode, imported on first use. `dockerHost`: DOCKER_HOST, if set. */
export function createDockerEngine(dockerHost: string | undefined): ContainerEngine {
  const client = lazyDockerClient();

  const inspectContainer = async (idOrName: string) => {
    try {
      return toContainerInfo(await (await client()).getContainer(idOrName).inspect());
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };

  const inspectImage = async (ref: string) => {
    try {
      return toImageInfo(await (await client()).getImage(ref).inspect());
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };

  const removeContainer = async (id: string) => {
    try {
      await (await client()).getContainer(id).remove({ force: true, v: true });
    } catch (error) {
      // 404: already gone; 409: removal already in progress. Both end where we want.
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) throw error;
    }
  };

  return {
    async state(): Promise<DockerState> {
      return pingDocker(client, dockerHost);
    },
    async architecture() {
      return (await (await client()).version()).Arch;
    },
    inspectImage,
    async buildImage(build, onLine) {
      const docker = await client();
      const stream = await docker.buildImage(build.context, {
        t: build.tag,
        dockerfile: build.dockerfile,
        labels: build.labels,
        buildargs: build.buildArgs,
        rm: true,
        forcerm: true,
      });
      const tail: string[] = [];
      let step: string | undefined;
      let failure: string | undefined;
      await follow(docker, stream, (line) => {
        if (line.error !== undefined || line.errorDetail !== undefined) {
          failure = line.errorDetail?.message ?? line.error ?? "build failed";
          return;
        }
        for (const text of (line.stream ?? "").split("\n")) {
          const trimmed = text.trimEnd();
          if (trimmed === "") continue;
          if (/^Step \d+\/\d+ : /.test(trimmed)) step = trimmed;
          tail.push(trimmed);
          if (tail.length > 40) tail.shift();
          onLine(trimmed);
        }
      });
      if (failure !== undefined) throw new BuildFailure(failure, step, tail);
      const built = await inspectImage(build.tag);
      if (built === undefined)
        throw new BuildFailure(`the build ended without an image ${build.tag}`, step, tail);
      return built;
    },
    async pullImage(ref, onLine) {
      const docker = await client();
      const stream = (await docker.pull(ref)) as NodeJS.ReadableStream;
      let failure: string | undefined;
      await follow(docker, stream, (line) => {
        if (line.error !== undefined || line.errorDetail !== undefined)
          failure = line.errorDetail?.message ?? line.error;
        else if (line.status !== undefined)
          onLine(`${line.id === undefined ? "" : `${line.id}: `}${line.status}`);
      });
      if (failure !== undefined) throw new Error(failure);
    },
    async tagImage(source, target) {
      const colon = target.lastIndexOf(":");
      await (await client())
        .getImage(source)
        .tag({ repo: target.slice(0, colon), tag: target.slice(colon + 1) });
    },
    async pushImage(ref, auth, onLine) {
      const docker = await client();
      const stream = await docker.getImage(ref).push({ authconfig: auth });
      let digest: string | undefined;
      let failure: string | undefined;
      await follow(docker, stream, (line) => {
        if (line.error !== undefined || line.errorDetail !== undefined) {
          failure = line.errorDetail?.message ?? line.error;
          return;
        }
        if (line.aux?.Digest !== undefined) digest = line.aux.Digest;
        if (line.status !== undefined) onLine(`${line.id === undefined ? "" : `${line.id}: `}${line.status}`);
      });
      if (failure !== undefined) throw new Error(`docker push ${ref}: ${failure}`);
      return digest === undefined ? {} : { digest };
    },
    async removeImage(ref) {
      try {
        await (await client()).getImage(ref).remove({ force: true });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async findImages(labels) {
      const docker = await client();
      const found = await docker.listImages({ filters: { label: labelFilters(labels) } });
      return found.map((image) => ({
        id: image.Id,
        architecture: "",
        labels: image.Labels ?? {},
        tags: (image.RepoTags ?? []).filter((tag) => tag !== "<none>:<none>"),
      }));
    },
    async runContainer(run) {
      const docker = await client();
      const container = await docker.createContainer(createOptions(run));
      try {
        await container.start();
      } catch (error) {
        await removeContainer(container.id);
        throw error;
      }
      const info = await inspectContainer(container.id);
      if (info === undefined) throw new Error(`container ${run.name} vanished right after it started`);
      return info;
    },
    async runOnce(run, timeoutMs) {
      const docker = await client();
      const container = await docker.createContainer(createOptions(run));
      try {
        await container.start();
        const waited = container.wait() as Promise<{ StatusCode: number }>;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<{ StatusCode: number }>((resolve) => {
          timer = setTimeout(() => resolve({ StatusCode: -1 }), timeoutMs);
        });
        const { StatusCode } = await Promise.race([waited, timeout]).finally(() => clearTimeout(timer));
        const output = demuxLogs(await container.logs({ stdout: true, stderr: true }));
        return { exitCode: StatusCode, output: output.trim() };
      } finally {
        await removeContainer(container.id);
      }
    },
    inspectContainer,
    async findContainers(labels) {
      const docker = await client();
      const found = await docker.listContainers({ all: true, filters: { label: labelFilters(labels) } });
      const infos = await Promise.all(found.map((container) => inspectContainer(container.Id)));
      return infos.filter((info): info is ContainerInfo => info !== undefined);
    },
    async stopContainer(id, graceSeconds) {
      try {
        await (await client()).getContainer(id).stop({ t: graceSeconds });
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status !== 304 && status !== 404) throw error;
      }
    },
    removeContainer,
    async logTail(id, lines) {
      const buffer = await (await client())
        .getContainer(id)
        .logs({ stdout: true, stderr: true, tail: lines });
      return demuxLogs(buffer)
        .split("\n")
        .map((line) => line.trimEnd())
        .filter((line) => line !== "");
    },
    async followLogs(id, options, onLine, signal) {
      const docker = await client();
      const container = docker.getContainer(id);
      const common = {
        stdout: true,
        stderr: true,
        timestamps: true,
        ...(options.sinceSeconds === undefined ? {} : { since: options.sinceSeconds }),
        ...(options.tail === undefined ? {} : { tail: options.tail }),
      };
      const emit = (stream: LogStream, chunk: string) => {
        for (const raw of chunk.split("\n")) {
          if (raw.trim() === "") continue;
          const space = raw.indexOf(" ");
          const time = space > 0 ? raw.slice(0, space) : undefined;
          onLine({
            stream,
            text: space > 0 ? raw.slice(space + 1) : raw,
            ...(time === undefined ? {} : { time }),
          });
        }
      };
      if (!options.follow) {
        const buffer = await container.logs({ ...common, follow: false });
        for (const frame of splitFrames(buffer)) emit(frame.stream, frame.text);
        return;
      }
      const stream = await container.logs({ ...common, follow: true });
      const { PassThrough } = await import("node:stream");
      const out = new PassThrough();
      const err = new PassThrough();
      out.on("data", (chunk: Buffer) => emit("stdout", chunk.toString("utf8")));
      err.on("data", (chunk: Buffer) => emit("stderr", chunk.toString("utf8")));
      docker.modem.demuxStream(stream, out, err);
      await new Promise<void>((resolve) => {
        const stop = () => {
          (stream as unknown as { destroy?: () => void }).destroy?.();
          resolve();
        };
        signal.addEventListener("abort", stop, { once: true });
        stream.on("end", () => resolve());
        stream.on("error", () => resolve());
      });
    },
    async ensureNetwork(name, labels) {
      const docker = await client();
      try {
        const existing = await docker.getNetwork(name).inspect();
        return { id: (existing as { Id: string }).Id, created: false };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      try {
        const created = await docker.createNetwork({
          Name: name,
          Driver: "bridge",
          Labels: labels,
          CheckDuplicate: true,
        });
        return { id: created.id, created: true };
      } catch (error) {
        // Created concurrently by a parallel run of the same stack: use it.
        if ((error as { statusCode?: number }).statusCode === 409) {
          const existing = await docker.getNetwork(name).inspect();
          return { id: (existing as { Id: string }).Id, created: false };
        }
        throw error;
      }
    },
    async removeNetwork(name) {
      try {
        await (await client()).getNetwork(name).remove();
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async findNetworks(labels) {
      const docker = await client();
      const found = await docker.listNetworks({ filters: { label: labelFilters(labels) } });
      return found.map((network) => ({ id: network.Id, name: network.Name }));
    },
  };
}

type LogStream = "stdout" | "stderr";

/** Docker's multiplexed frames, kept per stream (see demuxLogs for the format). */
function splitFrames(buffer: Buffer): { stream: LogStream; text: string }[] {
  const framed = buffer.length >= 8 && (buffer[0] === 1 || buffer[0] === 2) && buffer.readUIntBE(1, 3) === 0;
  if (!framed) return [{ stream: "stdout", text: buffer.toString("utf8") }];
  const frames: { stream: LogStream; text: string }[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    const stream: LogStream = buffer[offset] === 2 ? "stderr" : "stdout";
    frames.push({ stream, text: buffer.subarray(offset + 8, offset + 8 + size).toString("utf8") });
    offset += 8 + size;
  }
  return frames;
}
