// Lambda mode: registry (ECR), functions (Lambda), roles (IAM), logs (CloudWatch Logs); adapters:
// adapters/aws-registry.ts, aws-functions.ts, aws-roles.ts, aws-logs.ts.
import type { Labels } from "./common.ts";

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
