import type { EmulatorInfo, ProbeResult } from "../../src/engine/emulator/probe.ts";
import type { AwsPorts, EnginePorts, Registry } from "../../src/engine/ports.ts";

const refuse = (what: string) => async (): Promise<never> => {
  throw new Error(`${what}: this fake emulator holds nothing and accepts no changes`);
};

/** Which emulator a fake claims to be, and whether it has ECR (docs/emulators.md). */
export interface FakeProfile {
  info: Omit<EmulatorInfo, "endpoint">;
  ecr: boolean;
}

export const localStackCommunity: FakeProfile = {
  info: { kind: "localstack", version: "4.14.0", edition: "community", services: {} },
  ecr: false,
};

export const ministackProfile: FakeProfile = {
  info: { kind: "ministack", version: "1.5.33", edition: "light", services: {} },
  ecr: true,
};

// What LocalStack community answers to every ECR call (docs/emulators.md "ECR is absent").
const noEcr = async (): Promise<never> => {
  throw Object.assign(
    new Error(
      "The API for service ecr is either not included in your current license plan or has not yet been emulated by LocalStack.",
    ),
    { name: "InternalFailure" },
  );
};

function emptyRegistry(ecr: boolean): Registry {
  if (!ecr)
    return {
      probe: noEcr,
      findRepository: noEcr,
      images: noEcr,
      ensureRepository: noEcr,
      authorization: noEcr,
      removeImages: noEcr,
      removeRepository: noEcr,
    };
  return {
    probe: async () => undefined,
    findRepository: async () => undefined,
    images: async () => [],
    ensureRepository: refuse("CreateRepository"),
    authorization: refuse("GetAuthorizationToken"),
    removeImages: refuse("BatchDeleteImage"),
    removeRepository: refuse("DeleteRepository"),
  };
}

/**
 * An emulator's AWS APIs holding nothing: every lookup finds nothing, every change is refused. ECR
 * is there only when the profile has it (LocalStack community, the default, has none).
 */
export function emptyAws(profile: FakeProfile = localStackCommunity): AwsPorts {
  return {
    tables: {
      names: async () => [],
      describe: async () => undefined,
      count: async () => undefined,
      getItem: async () => undefined,
      create: refuse("CreateTable"),
      waitExists: refuse("wait table"),
      remove: refuse("DeleteTable"),
      putItem: refuse("PutItem"),
    },
    buckets: {
      names: async () => [],
      inspect: async () => undefined,
      count: async () => undefined,
      headObject: async () => undefined,
      create: refuse("CreateBucket"),
      waitExists: refuse("wait bucket"),
      remove: refuse("DeleteBucket"),
      putObject: refuse("PutObject"),
    },
    restApis: {
      get: async () => undefined,
      list: async () => [],
      findByName: async () => [],
      stageExists: async () => false,
      resources: refuse("GetResources"),
      method: refuse("GetMethod"),
      create: refuse("CreateRestApi"),
      createProxyResource: refuse("CreateResource"),
      putAnyMethod: refuse("PutMethod"),
      putIntegration: refuse("PutIntegration"),
      deploy: refuse("CreateDeployment"),
      remove: refuse("DeleteRestApi"),
    },
    registry: emptyRegistry(profile.ecr),
    functions: {
      get: async () => undefined,
      list: async () => [],
      permissions: async () => [],
      create: refuse("CreateFunction"),
      waitActive: refuse("wait function"),
      waitUpdated: refuse("wait function"),
      remove: refuse("DeleteFunction"),
      addPermission: refuse("AddPermission"),
      removePermission: refuse("RemovePermission"),
      invoke: refuse("Invoke"),
    },
    roles: { get: async () => undefined, create: refuse("CreateRole"), remove: refuse("DeleteRole") },
    logs: { events: async () => [], groups: async () => [], removeGroup: refuse("DeleteLogGroup") },
    close: async () => undefined,
  };
}

/**
 * Deps for an emulator of `profile` (LocalStack community unless said) that answers at `endpoint`
 * only and holds nothing; every other endpoint refuses, as a free port does. Nothing leaves the process.
 */
export function emptyEmulatorAt(
  endpoint: string,
  profile: FakeProfile = localStackCommunity,
): Pick<EnginePorts, "probe" | "aws"> {
  return {
    probe: async (asked): Promise<ProbeResult> =>
      asked === endpoint
        ? { state: "ready", info: { endpoint, ...profile.info } }
        : { state: "unreachable", detail: "ECONNREFUSED" },
    aws: () => emptyAws(profile),
  };
}

/** Deps for a machine where no emulator answers anywhere (every probe is refused). */
export function noEmulator(): Pick<EnginePorts, "probe" | "aws"> {
  return {
    probe: async (): Promise<ProbeResult> => ({ state: "unreachable", detail: "ECONNREFUSED" }),
    aws: () => emptyAws(),
  };
}
