// The container engine (Docker), by family; adapter: adapters/docker-engine.ts over docker-images.ts,
// docker-containers.ts, docker-logs.ts and docker-networks.ts (dockerode).
import type { Labels } from "./common.ts";

export type DockerState =
  | { state: "missing" }
  | { state: "down"; detail: string }
  | { state: "up"; version: string };

export interface ImageInfo {
  id: string;
  /** Docker's name for it: amd64 or arm64. */
  architecture: string;
  labels: Labels;
  tags: string[];
}

export interface ImageBuild {
  /** A tar stream of exactly the files the image needs. */
  context: NodeJS.ReadableStream;
  dockerfile: string;
  tag: string;
  labels: Labels;
  buildArgs: Record<string, string>;
}

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

export interface ContainerRun {
  name: string;
  image: string;
  env: Record<string, string>;
  labels: Labels;
  network: string;
  /** Names the container answers to on its network besides its own. */
  aliases?: string[];
  /** `host:ip` entries, e.g. `host.docker.internal:host-gateway`. */
  extraHosts?: string[];
  /** Publish containerPort on hostIp:hostPort (0 = any free port). */
  publish?: { containerPort: number; hostIp: string; hostPort: number };
  healthCheck?: {
    command: string[];
    intervalS: number;
    timeoutS: number;
    retries: number;
    startPeriodS: number;
  };
  memoryBytes?: number;
  restart?: "no" | "on-failure" | "unless-stopped";
  /** Host folders bound into the container (`stackctl dev`: the bundle of one reload over the image's). */
  mounts?: { source: string; target: string; readOnly: boolean }[];
  /** Overrides the image's CMD (used for one-shot probes). */
  command?: string[];
  /** Least privilege for a long-running service: capabilities dropped, no privilege gain, a read-only root. */
  security?: {
    capDrop: string[];
    noNewPrivileges: boolean;
    readOnlyRoot: boolean;
    /** Writable in-memory folders on the read-only root: path → mount options. */
    tmpfs: Record<string, string>;
    pidsLimit: number;
  };
}

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  running: boolean;
  exitCode: number;
  /** created | running | exited | … */
  status: string;
  /** healthy | unhealthy | starting, when the image has a HEALTHCHECK. */
  health: string | undefined;
  labels: Labels;
  /** containerPort → published host port on 127.0.0.1. */
  ports: Record<number, number>;
  /** Names of the networks it is attached to. */
  networks: string[];
}

export interface LogLine {
  stream: "stdout" | "stderr";
  text: string;
  /** ISO time Docker recorded, when asked for timestamps. */
  time?: string;
}

/** Images: build from a tar stream, inspect, pull, tag, push, find by label, remove (absent: done). */
export interface ContainerImages {
  inspectImage(ref: string): Promise<ImageInfo | undefined>;
  /** Builds and tags; `onLine` gets each line of the build's output. Rejects with BuildFailure. */
  buildImage(build: ImageBuild, onLine: (line: string) => void): Promise<ImageInfo>;
  pullImage(ref: string, onLine: (line: string) => void): Promise<void>;
  tagImage(source: string, target: string): Promise<void>;
  pushImage(ref: string, auth: RegistryAuth, onLine: (line: string) => void): Promise<{ digest?: string }>;
  removeImage(ref: string): Promise<void>;
  findImages(labels: Labels): Promise<ImageInfo[]>;
}

/** Containers: run, run once, inspect, find by label, stop, remove (absent or being removed: done). */
export interface Containers {
  runContainer(run: ContainerRun): Promise<ContainerInfo>;
  /** Runs a short-lived container to completion; returns its exit code and output. */
  runOnce(run: ContainerRun, timeoutMs: number): Promise<{ exitCode: number; output: string }>;
  inspectContainer(idOrName: string): Promise<ContainerInfo | undefined>;
  findContainers(labels: Labels): Promise<ContainerInfo[]>;
  stopContainer(id: string, graceSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
}

/** A container's log: its last lines, or every line (optionally following) with stream and time. */
export interface ContainerLogs {
  logTail(id: string, lines: number): Promise<string[]>;
  followLogs(
    id: string,
    options: { follow: boolean; sinceSeconds?: number; tail?: number },
    onLine: (line: LogLine) => void,
    signal: AbortSignal,
  ): Promise<void>;
}

export interface ContainerNetworks {
  ensureNetwork(name: string, labels: Labels): Promise<{ id: string; created: boolean }>;
  removeNetwork(name: string): Promise<void>;
  findNetworks(labels: Labels): Promise<{ id: string; name: string }[]>;
  /**
   * The default bridge's gateway address: the host as containers see it (`host-gateway`), where a
   * process on the host listens to be reached from them. Undefined when the engine has none here.
   */
  bridgeGateway(): Promise<string | undefined>;
}

/** Everything the engine asks of Docker. */
export interface ContainerEngine extends ContainerImages, Containers, ContainerLogs, ContainerNetworks {
  state(): Promise<DockerState>;
  /** The engine's architecture in Docker's words (amd64, arm64). */
  architecture(): Promise<string>;
}

/** A build that failed: the build's own error text and the instruction it failed at. */
export class BuildFailure extends Error {
  constructor(
    message: string,
    readonly step: string | undefined,
    readonly tail: string[],
  ) {
    super(message);
    this.name = "BuildFailure";
  }
}
