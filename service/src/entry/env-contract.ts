/**
 * The environment the service reads at start-up: the contract between the service and whatever
 * deploys it. `config.ts` reads these names and nothing else; stackctl imports them
 * (`@stackctl/service/env`) to build a container's or a function's environment.
 */
export const serviceEnv = {
  /** The DynamoDB table holding the inventory. */
  tableName: "TABLE_NAME",
  /** The S3 bucket holding the files. */
  bucket: "S3_BUCKET",
  region: "AWS_REGION",
  /** The emulator for every AWS service; absent on real AWS. */
  endpoint: "AWS_ENDPOINT_URL",
  /** Per-service overrides of `endpoint`. */
  dynamoEndpoint: "AWS_ENDPOINT_URL_DYNAMODB",
  s3Endpoint: "AWS_ENDPOINT_URL_S3",
  /** The port a container listens on (default 8080); a Lambda ignores it. */
  port: "PORT",
  /** pino's level, lowercase (default info). */
  logLevel: "LOG_LEVEL",
  /** What `GET /` answers as `version` (default dev). */
  version: "SERVICE_VERSION",
  /** The upload limit in bytes (default 4 MiB). */
  maxUploadBytes: "MAX_UPLOAD_BYTES",
} as const;

/** Credentials, read by the AWS SDK's default chain rather than by `config.ts`. */
export const credentialsEnv = {
  accessKeyId: "AWS_ACCESS_KEY_ID",
  secretAccessKey: "AWS_SECRET_ACCESS_KEY",
  sessionToken: "AWS_SESSION_TOKEN",
} as const;

export type ServiceEnvName = (typeof serviceEnv)[keyof typeof serviceEnv];

/** What the service accepts in `tableName` and `bucket`; stackctl's config checks names by the same rules. */
export const resourceNameRules = {
  tableName: /^[A-Za-z0-9_.-]{3,255}$/,
  bucket: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
} as const;
