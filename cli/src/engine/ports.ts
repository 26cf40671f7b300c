/**
 * What the engine needs from the outside world, shaped by the engine's needs, not by the SDKs.
 * Adapters in `cli/src/adapters/` implement them (dockerode, execa, AWS SDK v3); unit tests fake them.
 */
import type { ProbeResult } from "./emulator/probe.ts";
import type { Count, CountBound } from "./status/count-pages.ts";

export type Labels = Record<string, string>;

// ---------------------------------------------------------------------------------------------
// All of them: what every engine operation may use. Unset, the real adapters are used (main.ts
// passes the Docker/compose host and the clock; deploy/engine-deps.ts resolves the rest).

export interface EnginePorts {
  /** Runs the managed emulator (compose) and answers for the Docker engine it needs. */
  emulatorHost: () => Promise<EmulatorHost>;
  clock: Clock;
  containerEngine?: () => Promise<ContainerEngine>;
  /** Every AWS port against one endpoint (see deploy/engine-deps.ts `awsPortsFor`). */
  aws?: (target: AwsTarget) => AwsPorts;
  /** "Is an AWS emulator answering there, and which?" (its health endpoint). */
  probe?: (endpoint: string, signal: AbortSignal) => Promise<ProbeResult>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The managed emulator's host: Docker plus the launcher (compose); adapter: adapters/docker-runtime.ts

export type DockerState =
  | { state: "missing" }
  | { state: "down"; detail: string }
  | { state: "up"; version: string };

export interface ContainerStatus {
  id: string;
  running: boolean;
  exitCode: number;
  status: string;
}

/** One managed emulator: the compose file and project that run it, its service, the variables it reads. */
export interface ManagedEmulatorSpec {
  file: string;
  project: string;
  service: string;
  /** Variables the compose file interpolates (stack label, network, port, auth token). */
  env: Record<string, string>;
}

export interface EmulatorHost {
  docker(): Promise<DockerState>;
  /** Whether the launcher (Docker Compose v2) is there, and its version. */
  compose(): Promise<{ ok: true; version: string } | { ok: false; detail: string }>;
  imagePresent(image: string): Promise<boolean>;
  pull(spec: ManagedEmulatorSpec): Promise<void>;
  up(spec: ManagedEmulatorSpec): Promise<void>;
  down(spec: ManagedEmulatorSpec): Promise<void>;
  container(spec: ManagedEmulatorSpec): Promise<ContainerStatus | undefined>;
  logTail(containerId: string, lines: number): Promise<string[]>;
  /** Containers (running or not) carrying `label=value`. */
  findLabelled(label: string, value: string): Promise<{ id: string; name: string }[]>;
  removeContainer(id: string): Promise<void>;
}

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
// AWS, by concern. `AwsPorts` is all of them against one emulator endpoint.

export interface AwsTarget {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface AwsPorts {
  tables: Tables;
  buckets: Buckets;
  restApis: RestApis;
  registry: Registry;
  functions: Functions;
  roles: Roles;
  logs: Logs;
  /** Closes the connections so the process can exit promptly. */
  close(): Promise<void>;
}

// Data: the inventory table (DynamoDB) and the files bucket (S3)

export interface TableInfo {
  arn: string | undefined;
  /** The key schema: attribute name, its type (S, N, B) and HASH or RANGE. */
  key: { name: string; type: string; keyType: string }[];
  tags: Labels;
}

export interface Tables {
  /** Undefined when there is no such table. */
  describe(name: string, signal: AbortSignal): Promise<TableInfo | undefined>;
  /** A string hash key, on-demand billing, tagged at creation. */
  create(input: { name: string; hashKey: string; tags: Labels }): Promise<{ arn: string | undefined }>;
  waitExists(name: string, signal: AbortSignal): Promise<void>;
  /** Deletes it and waits until it is gone. */
  remove(name: string, signal: AbortSignal): Promise<void>;
  /** Items, every page within the bound; undefined when there is no such table. */
  count(name: string, bound: CountBound): Promise<Count | undefined>;
  /** A consistent read of one item as plain values; undefined when absent. */
  getItem(
    table: string,
    key: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown> | undefined>;
  putItem(table: string, item: Record<string, unknown>): Promise<void>;
}

export interface Buckets {
  /** Its tags ({} when it has none); undefined when there is no such bucket. */
  inspect(name: string, signal: AbortSignal): Promise<{ tags: Labels } | undefined>;
  create(input: { name: string; region: string; tags: Labels }): Promise<void>;
  waitExists(name: string, signal: AbortSignal): Promise<void>;
  /** Empties it, deletes it and waits until it is gone. */
  remove(name: string, signal: AbortSignal): Promise<void>;
  /** Objects, every page within the bound; undefined when there is no such bucket. */
  count(name: string, bound: CountBound): Promise<Count | undefined>;
  headObject(
    bucket: string,
    key: string,
    signal: AbortSignal,
  ): Promise<{ etag: string; metadata: Record<string, string> } | undefined>;
  putObject(input: {
    bucket: string;
    key: string;
    body: Uint8Array;
    contentType: string;
    metadata: Record<string, string>;
  }): Promise<{ etag: string }>;
}

// API Gateway

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

// ---------------------------------------------------------------------------------------------
// Lambda mode: registry (ECR), functions (Lambda), roles (IAM), logs (CloudWatch Logs)

export interface RegistryRepository {
  name: string;
  /** What the emulator answers; not always pushable (see registryFor in the emulator profile). */
  uri: string;
  tags: Labels;
}

export interface Registry {
  /** Resolves when the registry API answers at all (LocalStack community has none); rejects with why. */
  probe(): Promise<void>;
  /** Creates the repository with tags, or returns the existing one. */
  ensureRepository(name: string, tags: Labels): Promise<RegistryRepository & { created: boolean }>;
  findRepository(name: string): Promise<RegistryRepository | undefined>;
  /** `docker login` credentials from GetAuthorizationToken. */
  authorization(): Promise<{ username: string; password: string }>;
  /** The tagged images the repository holds ([] when it does not exist). */
  images(repository: string): Promise<{ tag: string; digest: string }[]>;
  removeImages(repository: string, tags: string[]): Promise<void>;
  removeRepository(name: string): Promise<void>;
}

export type FunctionCode =
  | { packageType: "Image"; imageUri: string }
  | { packageType: "Zip"; zip: Uint8Array };

export interface FunctionSpec {
  name: string;
  code: FunctionCode;
  /** Zip only: runtime and handler (an image names its handler in CMD). */
  runtime?: string;
  handler?: string;
  roleArn: string;
  memoryMb: number;
  timeoutS: number;
  architecture: "x86_64" | "arm64";
  env: Record<string, string>;
  tags: Labels;
  description: string;
}

export interface FunctionInfo {
  name: string;
  arn: string;
  packageType: "Image" | "Zip";
  imageUri: string | undefined;
  codeSha256: string;
  state: string;
  stateReason: string | undefined;
  lastUpdateStatus: string | undefined;
  env: Record<string, string>;
  tags: Labels;
}

export interface InvokeResult {
  statusCode: number;
  /** Set when the function failed (Unhandled, or the emulator's own error type). */
  functionError: string | undefined;
  payload: string;
  /** The tail of the invocation's log (LogType=Tail), when the emulator returns it. */
  logTail: string | undefined;
}

export interface Functions {
  get(name: string): Promise<FunctionInfo | undefined>;
  /** Functions whose name starts with `prefix`, with their tags. */
  list(prefix: string): Promise<FunctionInfo[]>;
  create(spec: FunctionSpec): Promise<FunctionInfo>;
  /** SDK waiters: waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2. */
  waitActive(name: string, timeoutS: number): Promise<FunctionInfo>;
  waitUpdated(name: string, timeoutS: number): Promise<FunctionInfo>;
  remove(name: string): Promise<void>;
  /** Ids of the function's resource-policy statements. */
  permissions(name: string): Promise<{ sid: string; sourceArn: string | undefined }[]>;
  addPermission(
    name: string,
    permission: { sid: string; principal: string; sourceArn: string; action: string },
  ): Promise<void>;
  removePermission(name: string, sid: string): Promise<void>;
  invoke(name: string, payload: string): Promise<InvokeResult>;
}

export interface RoleInfo {
  name: string;
  arn: string;
  tags: Labels;
}

export interface Roles {
  /** Undefined when the emulator has no IAM (emulators then accept any role ARN). */
  get(name: string): Promise<RoleInfo | undefined>;
  create(input: {
    name: string;
    assumeRolePolicy: string;
    tags: Labels;
    description: string;
  }): Promise<RoleInfo>;
  remove(name: string): Promise<void>;
}

export interface LogEvent {
  /** Epoch ms. */
  timestamp: number;
  message: string;
  stream: string;
  /** Unique within the group: dedupes events seen twice while following. */
  eventId: string;
}

export interface Logs {
  /** Events of every stream of the group from `startTime` (epoch ms), oldest first; [] when the group is absent. */
  events(
    group: string,
    options: { startTime?: number; endTime?: number; filter?: string },
  ): Promise<LogEvent[]>;
  /** Names of the groups starting with `prefix`. */
  groups(prefix: string): Promise<string[]>;
  removeGroup(group: string): Promise<void>;
}
