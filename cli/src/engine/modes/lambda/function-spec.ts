import { createHash } from "node:crypto";
import { serviceEnv } from "@stackctl/service/env";
import type { StackctlConfig } from "../../../config/schema.ts";
import type { FunctionCode, FunctionSpec } from "../../ports.ts";
import type { EmulatorProfile } from "../../profile/emulator-profile.ts";
import { stackTagKey } from "../../stack-labels.ts";
import { zipHandler, zipRuntime } from "./zip-package.ts";

/** Tags every function of a stack carries; `dev.stackctl.spec` says which spec it runs. */
export const functionSpecTag = "stackctl:spec";

export function functionPrefix(stack: string): string {
  return `stackctl-${stack}-fn-`;
}

/** Lambda names Docker's amd64 x86_64. */
export function lambdaArchitecture(dockerArchitecture: string): "x86_64" | "arm64" {
  return dockerArchitecture === "arm64" || dockerArchitecture === "aarch64" ? "arm64" : "x86_64";
}

export interface FunctionPlan {
  spec: FunctionSpec;
  /** Hash of everything that makes a function current: its name carries it. */
  specHash: string;
  /** The version `GET /` answers, so the API can be checked to serve this code. */
  version: string;
}

/**
 * One function per spec (code, env, memory, architecture, role): a changed spec is a new function
 * beside the old one, never an in-place update, so the old keeps serving until the API moved on.
 */
export function planFunction(
  config: StackctlConfig,
  profile: EmulatorProfile,
  input: {
    code: FunctionCode;
    codeId: string;
    version: string;
    architecture: "x86_64" | "arm64";
    roleArn: string;
  },
): FunctionPlan {
  const env: Record<string, string> = {
    // The order is part of the spec hash (the function's name): a reordering would replace the function.
    [serviceEnv.tableName]: config.tableName,
    [serviceEnv.bucket]: config.bucketName,
    [serviceEnv.version]: input.version,
    // ministack's zip worker passes its own LOG_LEVEL=INFO on, which the service refuses (lowercase only).
    [serviceEnv.logLevel]: "info",
    ...(config.maxUploadBytes === undefined
      ? {}
      : { [serviceEnv.maxUploadBytes]: String(config.maxUploadBytes) }),
  };
  // ministack and LocalStack inject an AWS_ENDPOINT_URL their function containers reach; an
  // unknown emulator gets the one the user named for containers, if any.
  if (profile.kind === "unknown" && config.containerEndpoint !== undefined)
    env[serviceEnv.endpoint] = config.containerEndpoint;
  const settings = {
    codeId: input.codeId,
    packageType: input.code.packageType,
    env,
    memoryMb: 512,
    timeoutS: 30,
    architecture: input.architecture,
    roleArn: input.roleArn,
  };
  const specHash = createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 10);
  return {
    specHash,
    version: input.version,
    spec: {
      name: `${functionPrefix(config.stack)}${specHash}`,
      code: input.code,
      ...(input.code.packageType === "Zip" ? { runtime: zipRuntime, handler: zipHandler } : {}),
      roleArn: input.roleArn,
      memoryMb: settings.memoryMb,
      timeoutS: settings.timeoutS,
      architecture: input.architecture,
      env,
      tags: { [stackTagKey]: config.stack, [functionSpecTag]: specHash },
      description: `stackctl stack ${config.stack}, version ${input.version}`,
    },
  };
}
