/**
 * What the engine needs from the outside world, shaped by the engine's needs, not by the SDKs.
 * Adapters in `cli/src/adapters/` implement them (dockerode, execa, AWS SDK v3); unit tests fake them.
 */
import type { DockerState } from "./emulator/runtime.ts";

export type Labels = Record<string, string>;

// ---------------------------------------------------------------------------------------------
// Container engine (Docker)

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
  /** Overrides the image's CMD (used for one-shot probes). */
  command?: string[];
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

export interface ContainerEngine {
  state(): Promise<DockerState>;
  /** The engine's architecture in Docker's words (amd64, arm64). */
  architecture(): Promise<string>;

  inspectImage(ref: string): Promise<ImageInfo | undefined>;
  /** Builds and tags; `onLine` gets each line of the build's output. Rejects with BuildFailure. */
  buildImage(build: ImageBuild, onLine: (line: string) => void): Promise<ImageInfo>;
  pullImage(ref: string, onLine: (line: string) => void): Promise<void>;
  tagImage(source: string, target: string): Promise<void>;
  pushImage(ref: string, auth: RegistryAuth, onLine: (line: string) => void): Promise<{ digest?: string }>;
  removeImage(ref: string): Promise<void>;
  findImages(labels: Labels): Promise<ImageInfo[]>;

  runContainer(run: ContainerRun): Promise<ContainerInfo>;
  /** Runs a short-lived container to completion; returns its exit code and output. */
  runOnce(run: ContainerRun, timeoutMs: number): Promise<{ exitCode: number; output: string }>;
  inspectContainer(idOrName: string): Promise<ContainerInfo | undefined>;
  findContainers(labels: Labels): Promise<ContainerInfo[]>;
  stopContainer(id: string, graceSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  logTail(id: string, lines: number): Promise<string[]>;
  followLogs(
    id: string,
    options: { follow: boolean; sinceSeconds?: number; tail?: number },
    onLine: (line: LogLine) => void,
    signal: AbortSignal,
  ): Promise<void>;

  ensureNetwork(name: string, labels: Labels): Promise<{ id: string; created: boolean }>;
  removeNetwork(name: string): Promise<void>;
  findNetworks(labels: Labels): Promise<{ id: string; name: string }[]>;
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

// ---------------------------------------------------------------------------------------------
// AWS, by concern

export type ProxyIntegration =
  | { type: "HTTP_PROXY"; uri: string }
  | { type: "AWS_PROXY"; functionArn: string; region: string };

export interface RestApiSummary {
  id: string;
  name: string;
  tags: Labels;
  binaryMediaTypes: string[];
}

export interface RestApis {
  get(id: string): Promise<RestApiSummary | undefined>;
  findByName(name: string): Promise<RestApiSummary[]>;
  create(input: { name: string; tags: Labels; binaryMediaTypes: string[] }): Promise<RestApiSummary>;
  /** The root resource id and the `{proxy+}` child's id, when it exists. */
  resources(apiId: string): Promise<{ rootId: string; proxyId: string | undefined }>;
  createProxyResource(apiId: string, rootId: string): Promise<string>;
  /** Whether `ANY` is defined on the resource, and its integration. */
  method(apiId: string, resourceId: string): Promise<{ exists: boolean; integration?: ProxyIntegration }>;
  /** `proxyPath`: the resource is `{proxy+}`, whose path parameter the integration maps. */
  putAnyMethod(apiId: string, resourceId: string, options: { proxyPath: boolean }): Promise<void>;
  putIntegration(apiId: string, resourceId: string, integration: ProxyIntegration): Promise<void>;
  deploy(apiId: string, stage: string, description: string): Promise<string>;
  stageExists(apiId: string, stage: string): Promise<boolean>;
  remove(apiId: string): Promise<void>;
}
