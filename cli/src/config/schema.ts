import { z } from "zod";
import { isModeName, modeNames } from "../engine/modes/table.ts";
import {
  bucketName,
  endpointSetting,
  imageReferenceSetting,
  registrySetting,
  tableName,
  wholeNumber,
} from "./names.ts";

export const packageTypes = ["auto", "image", "zip"] as const;
/** The emulators stackctl can start and stop itself when no endpoint is named. */
export const managedEmulatorKinds = ["localstack", "ministack"] as const;
export type ManagedEmulatorKind = (typeof managedEmulatorKinds)[number];
export type PackageType = (typeof packageTypes)[number];
/** A compute mode's name: one of `engine/modes/table.ts`. */
export type Mode = string;

export function isMode(value: string): value is Mode {
  return isModeName(value);
}

// Stack names end up in bucket names (`<stack>-files`, ≤ 63 chars, lowercase) and Docker labels.
export const stackName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, "3–40 chars of a-z, 0-9 and '-', starting with a letter");

// Table and bucket names follow DynamoDB's and S3's rules (names.ts), a subset of what the service
// accepts (service/src/entry/env-contract.ts resourceNameRules), so the service starts with them.
const endpoint = endpointSetting();

/** One layer of settings (file, env or flags); every key is optional and documented in README. */
export const configLayerSchema = z.strictObject({
  stack: stackName.optional(),
  mode: z
    .string()
    .refine(isModeName, {
      error: () =>
        `one of ${modeNames()
          .map((name) => `"${name}"`)
          .join(", ")}`,
    })
    .optional(),
  endpoint: endpoint.optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as us-east-1")
    .optional(),
  tableName: tableName.optional(),
  bucketName: bucketName.optional(),
  fixturesDir: z.string().min(1).optional(),
  stateDir: z.string().min(1).optional(),
  /** Base of the container image (node:22-slim); tests pass a local stand-in. */
  baseImage: imageReferenceSetting.optional(),
  /** Base of the Lambda image (public.ecr.aws/lambda/nodejs:22). */
  lambdaBaseImage: imageReferenceSetting.optional(),
  /** How lambda mode packages the function. */
  package: z.enum(packageTypes).optional(),
  /** Host port (127.0.0.1) of the container's direct URL; a free one is taken when it is busy. */
  containerPort: wholeNumber(1, 65535).optional(),
  /** The emulator's URL as containers see it, when stackctl cannot work it out. */
  containerEndpoint: endpoint.optional(),
  /** The service's upload limit (MAX_UPLOAD_BYTES); unset, the service's default (4 MiB). */
  maxUploadBytes: wholeNumber(1, 1024 * 1024 * 1024).optional(),
  /** On a mode switch, keep the other mode's compute running for an instant switch back. */
  keepPrevious: z.boolean().optional(),
  /** Registry host:port for `docker push`, when the emulator's repository URIs are not pushable. */
  registry: registrySetting.optional(),
  /** Where stackctl keeps what it installs (the managed ministack's venv, its logs); default ~/.cache/stackctl. */
  cacheDir: z.string().min(1).optional(),
  emulator: z
    .strictObject({
      /** Which emulator stackctl manages: LocalStack through compose, or ministack from PyPI on the host. */
      kind: z
        .enum(managedEmulatorKinds, {
          error: () => `one of ${managedEmulatorKinds.map((k) => `"${k}"`).join(", ")}`,
        })
        .optional(),
      port: z.int().min(1).max(65535).optional(),
      readyTimeoutMs: z.int().min(1000).optional(),
    })
    .optional(),
});

export type ConfigLayer = z.infer<typeof configLayerSchema>;

/**
 * What stackctl signs with and gives every container: the dummy credentials emulators accept (account
 * 000000000000). The host's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (perhaps real
 * ones) are never read, so they cannot reach a container's environment, a function, a label or a hash.
 */
export const emulatorCredentials = { accessKeyId: "test", secretAccessKey: "test" } as const;

/** Where a setting came from, so `doctor` and errors can say which layer to fix. */
export type ConfigSource = "flag" | "env" | "file" | "default";

export interface StackctlConfig {
  stack: string;
  mode: Mode;
  /** Set when the user named an emulator: stackctl then uses it and never starts one. */
  endpoint: string | undefined;
  region: string;
  tableName: string;
  bucketName: string;
  fixturesDir: string;
  stateDir: string;
  /** The directory stackctl works in (the compose project and the default state dir live here). */
  projectDir: string;
  configFile: string | undefined;
  emulator: { kind: ManagedEmulatorKind; port: number; readyTimeoutMs: number };
  /** Where stackctl keeps what it installs and runs (the managed ministack's venv, pid and logs). */
  cacheDir: string;
  baseImage: string;
  lambdaBaseImage: string;
  package: PackageType;
  containerPort: number;
  containerEndpoint: string | undefined;
  registry: string | undefined;
  maxUploadBytes: number | undefined;
  keepPrevious: boolean;
  /** STACKCTL_EMULATOR_IMAGE, when set: the image docker-compose.yml starts instead of the pin. */
  emulatorImage: string | undefined;
  /** DOCKER_HOST, when set: where the Docker engine listens. */
  dockerHost: string | undefined;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Whether LOCALSTACK_AUTH_TOKEN is set; the token itself stays in the environment, never in config. */
  authTokenPresent: boolean;
  sources: Record<string, ConfigSource>;
}
