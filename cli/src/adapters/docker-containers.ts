import type Docker from "dockerode";
import type { ContainerInfo, ContainerRun, Containers } from "../engine/ports.ts";
import { type DockerClient, labelFilters, unlessAbsent } from "./docker-client.ts";
import { demuxLogs } from "./docker-logs.ts";

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
      ...(run.mounts === undefined || run.mounts.length === 0
        ? {}
        : {
            Mounts: run.mounts.map((mount) => ({
              Type: "bind" as const,
              Source: mount.source,
              Target: mount.target,
              ReadOnly: mount.readOnly,
            })),
          }),
      ...(run.security === undefined
        ? {}
        : {
            CapDrop: run.security.capDrop,
            SecurityOpt: run.security.noNewPrivileges ? ["no-new-privileges:true"] : [],
            ReadonlyRootfs: run.security.readOnlyRoot,
            Tmpfs: run.security.tmpfs,
            PidsLimit: run.security.pidsLimit,
          }),
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

export function dockerContainers(client: DockerClient): Containers {
  const inspectContainer = async (idOrName: string) =>
    unlessAbsent(async () => toContainerInfo(await (await client()).getContainer(idOrName).inspect()));
  // 409: a removal already in progress ends where we want, as 404 does.
  const removeContainer = async (id: string) => {
    await unlessAbsent(async () => (await client()).getContainer(id).remove({ force: true, v: true }), [409]);
  };
  return {
    async runContainer(run) {
      const container = await (await client()).createContainer(createOptions(run));
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
      const container = await (await client()).createContainer(createOptions(run));
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
      await unlessAbsent(async () => (await client()).getContainer(id).stop({ t: graceSeconds }), [304]);
    },
    removeContainer,
  };
}
