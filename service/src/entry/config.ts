import { DEFAULT_MAX_UPLOAD_BYTES } from "../http/app.ts";
import { resourceNameRules, serviceEnv } from "./env-contract.ts";

export interface ServiceConfig {
  tableName: string;
  bucket: string;
  region: string;
  /** Emulator endpoints (AWS_ENDPOINT_URL, or per service AWS_ENDPOINT_URL_DYNAMODB / _S3); absent on real AWS. */
  dynamoEndpoint: string | undefined;
  s3Endpoint: string | undefined;
  port: number;
  logLevel: string;
  version: string;
  maxUploadBytes: number;
}

/** A start-up problem, worded as the one line an operator needs. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string, hint: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set: ${hint}`);
  return value;
}

function matching(env: Env, name: string, pattern: RegExp, rule: string, hint: string): string {
  const value = required(env, name, hint);
  if (!pattern.test(value)) throw new ConfigError(`${name}=${value} is not valid: ${rule}`);
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max))
    throw new ConfigError(`${name}=${raw} is not a whole number from ${min} to ${max}`);
  return value;
}

function endpointUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}=${raw} is not a URL (expected e.g. http://localstack:4566)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${name}=${raw} must start with http:// or https://`);
  }
  return raw.replace(/\/+$/, "");
}

const LOG_LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** Reads and checks the environment (the names in `env-contract.ts`) once, at start-up; the only place the service looks at it. */
export function readConfig(env: Env): ServiceConfig {
  const logLevel = env[serviceEnv.logLevel]?.trim() || "info";
  if (!LOG_LEVELS.has(logLevel))
    throw new ConfigError(`${serviceEnv.logLevel}=${logLevel} is not one of ${[...LOG_LEVELS].join(", ")}`);
  const shared = endpointUrl(env, serviceEnv.endpoint);
  return {
    tableName: matching(
      env,
      serviceEnv.tableName,
      resourceNameRules.tableName,
      "DynamoDB table names are 3-255 of A-Z a-z 0-9 _ . -",
      "name the DynamoDB table holding the inventory",
    ),
    bucket: matching(
      env,
      serviceEnv.bucket,
      resourceNameRules.bucket,
      "S3 bucket names are 3-63 of a-z 0-9 . -, starting and ending with a letter or digit",
      "name the S3 bucket holding the files",
    ),
    region: matching(
      env,
      serviceEnv.region,
      /^[a-z]{2}(-[a-z0-9]+)+$/,
      "a region looks like us-east-1",
      "set the AWS region, e.g. us-east-1",
    ),
    dynamoEndpoint: endpointUrl(env, serviceEnv.dynamoEndpoint) ?? shared,
    s3Endpoint: endpointUrl(env, serviceEnv.s3Endpoint) ?? shared,
    port: integer(env, serviceEnv.port, 8080, 1, 65535),
    logLevel,
    version: env[serviceEnv.version]?.trim() || "dev",
    maxUploadBytes: integer(env, serviceEnv.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES, 1, 1024 * 1024 * 1024),
  };
}
