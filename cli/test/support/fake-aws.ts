import type { ProbeResult } from "../../src/engine/emulator/probe.ts";
import type { AwsPorts, EnginePorts } from "../../src/engine/ports.ts";

const refuse = (what: string) => async (): Promise<never> => {
  throw new Error(`${what}: this fake emulator holds nothing and accepts no changes`);
};

/** An emulator's AWS APIs holding nothing: every lookup finds nothing, every change is refused. */
export function emptyAws(): AwsPorts {
  return {
    tables: {
      describe: async () => undefined,
      count: async () => undefined,
      getItem: async () => undefined,
      create: refuse("CreateTable"),
      waitExists: refuse("wait table"),
      remove: refuse("DeleteTable"),
      putItem: refuse("PutItem"),
    },
    buckets: {
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
    registry: {
      probe: async () => undefined,
      findRepository: async () => undefined,
      images: async () => [],
      ensureRepository: refuse("CreateRepository"),
      authorization: refuse("GetAuthorizationToken"),
      removeImages: refuse("BatchDeleteImage"),
      removeRepository: refuse("DeleteRepository"),
    },
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
 * Deps for an emulator that answers at `endpoint` only (LocalStack community) and holds nothing;
 * every other endpoint refuses, as a free port does. Nothing leaves the process.
 */
export function emptyEmulatorAt(endpoint: string): Pick<EnginePorts, "probe" | "aws"> {
  return {
    probe: async (asked): Promise<ProbeResult> =>
      asked === endpoint
        ? {
            state: "ready",
            info: { endpoint, kind: "localstack", version: "4.14.0", edition: "community", services: {} },
          }
        : { state: "unreachable", detail: "ECONNREFUSED" },
    aws: () => emptyAws(),
  };
}
