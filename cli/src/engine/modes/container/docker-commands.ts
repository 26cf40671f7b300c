import type { ContainerRun, Labels } from "../../ports.ts";
import { shellLine } from "../../shell-quote.ts";

const labelFlags = (labels: Labels): string[] =>
  Object.entries(labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);

/** The `docker run` of a container spec, flag for flag what the Docker adapter asks the engine for. */
export function dockerRunCommand(run: ContainerRun): string {
  const health = run.healthCheck;
  const security = run.security;
  const publish = run.publish;
  return shellLine(
    "docker",
    "run",
    "-d",
    "--name",
    run.name,
    "--network",
    run.network,
    ...(run.aliases ?? []).flatMap((alias) => ["--network-alias", alias]),
    ...(run.extraHosts ?? []).flatMap((host) => ["--add-host", host]),
    ...labelFlags(run.labels),
    ...(publish === undefined
      ? []
      : [
          "-p",
          `${publish.hostIp}:${publish.hostPort === 0 ? "" : publish.hostPort}:${publish.containerPort}`,
        ]),
    ...Object.entries(run.env).flatMap(([key, value]) => ["-e", `${key}=${value}`]),
    ...(health === undefined
      ? []
      : [
          "--health-cmd",
          shellLine(...health.command),
          "--health-interval",
          `${health.intervalS}s`,
          "--health-timeout",
          `${health.timeoutS}s`,
          "--health-retries",
          String(health.retries),
          "--health-start-period",
          `${health.startPeriodS}s`,
        ]),
    ...(run.memoryBytes === undefined ? [] : ["--memory", `${Math.round(run.memoryBytes / 1024 / 1024)}m`]),
    "--restart",
    run.restart ?? "no",
    ...(security === undefined
      ? []
      : [
          ...security.capDrop.flatMap((cap) => ["--cap-drop", cap]),
          ...(security.noNewPrivileges ? ["--security-opt", "no-new-privileges:true"] : []),
          ...(security.readOnlyRoot ? ["--read-only"] : []),
          ...Object.entries(security.tmpfs).flatMap(([at, options]) => ["--tmpfs", `${at}:${options}`]),
          "--pids-limit",
          String(security.pidsLimit),
        ]),
    run.image,
    ...(run.command ?? []),
  );
}

/** Waits, as a shell loop, until Docker reports the container's health check healthy. */
export function waitHealthyCommand(name: string): string {
  return `until [ "$(${shellLine("docker", "inspect", "-f", "{{.State.Health.Status}}", name)})" = healthy ]; do sleep 1; done`;
}

export function networkCreateCommand(name: string, labels: Labels): string {
  return shellLine("docker", "network", "create", ...labelFlags(labels), name);
}

/** How a service container is retired: SIGTERM with time to drain, then removed. */
export function retireContainerCommands(name: string, drainSeconds: number): string[] {
  return [shellLine("docker", "stop", "-t", String(drainSeconds), name), shellLine("docker", "rm", name)];
}
