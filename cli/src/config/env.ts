/**
 * Every environment variable stackctl reads, in one place (README "Environment" lists the same).
 * Only this file and config/load.ts look at the environment; the rest gets a resolved config.
 */
export const envVars = {
  STACKCTL_STACK: "stack name (same as --stack)",
  STACKCTL_MODE: "default mode for `up` (container|lambda)",
  STACKCTL_ENDPOINT: "emulator URL to use instead of starting LocalStack (same as --endpoint)",
  AWS_ENDPOINT_URL: "standard AWS SDK endpoint; used when STACKCTL_ENDPOINT is unset",
  STACKCTL_REGION: "AWS region (same as --region)",
  AWS_REGION: "standard AWS region; used when STACKCTL_REGION is unset",
  AWS_DEFAULT_REGION: "used when AWS_REGION is unset",
  STACKCTL_TABLE: "DynamoDB table name (default <stack>-inventory)",
  STACKCTL_BUCKET: "S3 bucket name (default <stack>-files)",
  STACKCTL_CONFIG: "path of the config file (default ./stackctl.config.json)",
  STACKCTL_STATE_DIR: "where ledgers live (default ./.stackctl)",
  STACKCTL_FIXTURES_DIR: "fixtures folder (default the repository's fixtures/)",
  STACKCTL_BASE_IMAGE: "base image of the container image (default node:22-slim)",
  STACKCTL_LAMBDA_BASE_IMAGE: "base image of the Lambda image (default public.ecr.aws/lambda/nodejs:22)",
  STACKCTL_PACKAGE: "lambda packaging: auto|image|zip (same as --package)",
  STACKCTL_CONTAINER_PORT: "host port of the container's direct URL (default 8080; a free one if busy)",
  STACKCTL_CONTAINER_ENDPOINT: "the emulator's URL as containers reach it (default: worked out)",
  STACKCTL_REGISTRY: "registry host:port for docker push (default: from the emulator profile)",
  STACKCTL_MAX_UPLOAD_BYTES: "the service's upload limit in bytes (default 4 MiB)",
  DOCKER_HOST: "where the Docker engine listens (default /var/run/docker.sock)",
  LOCALSTACK_AUTH_TOKEN: "passed to LocalStack when set; never printed",
  STACKCTL_EMULATOR_KIND: "which emulator stackctl manages: localstack|ministack (same as --emulator)",
  STACKCTL_EMULATOR_PORT: "port of the managed emulator on 127.0.0.1 (default 4566; same as --emulator-port)",
  STACKCTL_CACHE_DIR:
    "where stackctl installs and runs the managed ministack (default $XDG_CACHE_HOME/stackctl, else ~/.cache/stackctl)",
  XDG_CACHE_HOME: "the user's cache folder; stackctl's cache is stackctl/ in it",
  STACKCTL_EMULATOR_IMAGE:
    "image docker-compose.yml starts instead of the pinned localstack/localstack:4.14.0 (a mirror, a local stand-in)",
  CI: "when set, progress is printed as plain lines",
  GITHUB_ACTIONS: "true under GitHub Actions: ::error annotations, ::group:: for long output (docs/ci.md)",
  GITHUB_STEP_SUMMARY: "under GitHub Actions, the file up/switch/smoke append a Markdown summary to",
  NO_COLOR: "disables colour (same as --no-color)",
} as const;

export type EnvName = keyof typeof envVars;
export type Environment = Readonly<Record<string, string | undefined>>;

/** Values stackctl passes on but never stores, prints or puts in config. */
export interface Secrets {
  localstackAuthToken: string | undefined;
}

export function readSecrets(env: Environment): Secrets {
  return { localstackAuthToken: readEnv(env, "LOCALSTACK_AUTH_TOKEN") };
}

/** Reads a documented variable; empty strings count as unset. */
export function readEnv(env: Environment, name: EnvName): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}
