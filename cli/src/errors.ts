/**
 * The one table of user-facing failures. Each code has a message and a hint (with `{name}`
 * placeholders filled from the error's params), a static `retryable` flag and its exit code.
 * Exit codes: 0 ok · 1 failed · 2 usage · 3 environment missing · 4 deployed but smoke failed · 130 interrupted
 * (the bin turns it into 143 for SIGTERM and 129 for SIGHUP: cli/src/signals.ts).
 */
export const exitCodes = {
  ok: 0,
  failed: 1,
  usage: 2,
  environment: 3,
  smokeFailed: 4,
  interrupted: 130,
} as const;

interface ErrorSpec {
  message: string;
  hint: string;
  retryable: boolean;
  exit: number;
}

export const errorTable = {
  USAGE: {
    message: "{detail}",
    hint: "Run `stackctl --help` (or `stackctl <command> --help`) for the accepted flags.",
    retryable: false,
    exit: exitCodes.usage,
  },
  UNKNOWN_MODE: {
    message: 'Unknown mode "{mode}" (from {where}).',
    hint: "Use {modes}.",
    retryable: false,
    exit: exitCodes.usage,
  },
  CONFIG_INVALID: {
    message: "Invalid config in {source}: {detail}",
    hint: "Fix the field named above; every key is documented in README.md under Configuration.",
    retryable: false,
    exit: exitCodes.usage,
  },
  CONFIG_UNREADABLE: {
    message: "Cannot read config file {file}: {detail}",
    hint: "{fix} Every key is documented in README.md under Configuration.",
    retryable: false,
    exit: exitCodes.usage,
  },
  EMULATOR_UNREACHABLE: {
    message: "No AWS emulator answered at {endpoint} ({detail}).",
    hint: "Start one (`docker compose up -d`, or drop --endpoint/STACKCTL_ENDPOINT to let stackctl start LocalStack), or point --endpoint at a running one.",
    retryable: true,
    exit: exitCodes.environment,
  },
  DOCKER_MISSING: {
    message: "Docker is not installed (no `docker` command and no engine socket).",
    hint: "Install Docker (https://docs.docker.com/get-docker/), or run an emulator yourself and pass --endpoint URL.",
    retryable: false,
    exit: exitCodes.environment,
  },
  DOCKER_NOT_RUNNING: {
    message: "The Docker engine is not running ({detail}).",
    hint: "Start Docker Desktop or `sudo systemctl start docker`, then retry; or pass --endpoint URL of a running emulator.",
    retryable: true,
    exit: exitCodes.environment,
  },
  COMPOSE_MISSING: {
    message: "Docker Compose v2 is not available: {detail}.",
    hint: "Install the Docker Compose v2 plugin (https://docs.docker.com/compose/install/), or run an emulator yourself and pass --endpoint URL.",
    retryable: false,
    exit: exitCodes.environment,
  },
  PORT_BUSY: {
    message: "Port {port} on 127.0.0.1 is taken by something that is not an AWS emulator.",
    hint: "Stop what listens there (`lsof -i :{port}`), or set emulator.port in stackctl.config.json.",
    retryable: false,
    exit: exitCodes.environment,
  },
  AUTH_TOKEN_REQUIRED: {
    message: "The emulator image {image} needs a LocalStack auth token and none is set.",
    hint: "Export LOCALSTACK_AUTH_TOKEN (https://app.localstack.cloud), or keep the tokenless localstack/localstack:4.14.0.",
    retryable: false,
    exit: exitCodes.environment,
  },
  EMULATOR_IMAGE_UNAVAILABLE: {
    message: "The emulator image {image} is not on this machine and could not be pulled ({detail}).",
    hint: "Check network access to the registry and run `docker pull {image}`, or run an emulator yourself (e.g. ministack) and pass --endpoint URL.",
    retryable: true,
    exit: exitCodes.environment,
  },
  EMULATOR_START_FAILED: {
    message: "The emulator did not become ready: {detail}",
    hint: "Read the log tail above; `docker compose logs localstack` shows all of it. Retry with a longer emulator.readyTimeoutMs if it was only slow.",
    retryable: true,
    exit: exitCodes.environment,
  },
  STACK_LOCKED: {
    message: 'Stack "{stack}" is busy: another stackctl (pid {pid} on {host}, started {since}) holds {file}.',
    hint: "Wait for it to finish. If that process is gone from another machine, delete {file}.",
    retryable: true,
    exit: exitCodes.failed,
  },
  LOCK_UNREADABLE: {
    message: 'Stack "{stack}" is locked by {file}, which cannot be read: {detail}',
    hint: "If no other stackctl runs for this stack, delete {file} and retry.",
    retryable: true,
    exit: exitCodes.failed,
  },
  LEDGER_INVALID: {
    message: "The state file {file} is unreadable: {detail}",
    hint: "Move it aside; `stackctl up` rebuilds it, adopting resources that already exist.",
    retryable: false,
    exit: exitCodes.failed,
  },
  FIXTURES_INVALID: {
    message: "Fixtures in {file} are invalid: {detail}",
    hint: "Each item needs sku (1–64 letters, digits, '.', '_', '-'), name, quantity and priceCents (whole numbers ≥ 0), as the service accepts them.",
    retryable: false,
    exit: exitCodes.failed,
  },
  FIXTURES_UNREADABLE: {
    message: "Cannot read fixtures at {file}: {detail}",
    hint: "Check that it exists and that your user may read it (permissions), or point fixturesDir / STACKCTL_FIXTURES_DIR at the right folder.",
    retryable: false,
    exit: exitCodes.failed,
  },
  STATE_DIR_UNWRITABLE: {
    message: "Cannot write stackctl's state under {dir}: {detail}",
    hint: "Make {dir} writable by your user, or choose another folder with STACKCTL_STATE_DIR or stateDir in stackctl.config.json.",
    retryable: false,
    exit: exitCodes.failed,
  },
  STATE_SYMLINK: {
    message:
      "{path} is a symbolic link (to {target}); stackctl does not follow links in its state folder, so it neither reads nor writes through it.",
    hint: "Replace the link with a real file or folder, or remove it (stackctl rebuilds what it needs); or choose another stateDir (STACKCTL_STATE_DIR).",
    retryable: false,
    exit: exitCodes.failed,
  },
  LEDGER_OTHER_STACK: {
    message: 'The state file {file} belongs to stack "{other}", not "{stack}".',
    hint: "It was copied or moved from another stack's folder: put it back in {otherDir}, or move it aside (`stackctl up --stack {stack}` then rebuilds this stack's ledger, adopting what exists).",
    retryable: false,
    exit: exitCodes.failed,
  },
  FOLDER_NOT_OURS: {
    message:
      "{dir} exists and stackctl did not make it (it has no {marker}), so stackctl neither writes into nor deletes it.",
    hint: "Move that folder away, or choose a stack name or stateDir (STACKCTL_STATE_DIR) whose folder is stackctl's own.",
    retryable: false,
    exit: exitCodes.failed,
  },
  TABLE_KEY_MISMATCH: {
    message:
      "Table {table} exists with the key {actual}; stackctl and the service need a hash key `sku` of type S (string).",
    hint: "Point tableName / STACKCTL_TABLE at another table, or delete or rename {table} if it is yours to drop.",
    retryable: false,
    exit: exitCodes.failed,
  },
  STACK_NOT_UP: {
    message: 'Stack "{stack}" has no {what} at {endpoint}.',
    hint: "Run `stackctl up --stack {stack}` first.",
    retryable: false,
    exit: exitCodes.failed,
  },
  AWS_CALL_FAILED: {
    message: "{operation} failed: {detail}",
    hint: "Retry; if it persists, `stackctl doctor` checks the emulator and its capabilities.",
    retryable: true,
    exit: exitCodes.failed,
  },
  ENVIRONMENT_CHECKS_FAILED: {
    message: "{count} environment check(s) failed.",
    hint: "Apply the fixes listed above, then run `stackctl doctor` again.",
    retryable: false,
    exit: exitCodes.environment,
  },
  BUNDLE_FAILED: {
    message: "Bundling the service with esbuild failed: {detail}",
    hint: "Fix the error in service/src named above (`npm run build -w service` shows all of it), then rerun.",
    retryable: false,
    exit: exitCodes.failed,
  },
  BASE_IMAGE_UNAVAILABLE: {
    message: "The base image {image} is not on this machine and could not be pulled ({detail}).",
    hint: "Run `docker pull {image}` where the registry is reachable, or set {setting} to a local image with the same contract.",
    retryable: true,
    exit: exitCodes.environment,
  },
  IMAGE_BUILD_FAILED: {
    message: "Building {image} failed{step}: {detail}",
    hint: "Read the build output above (all of it with --verbose); fix {dockerfile} or the base image, then rerun.",
    retryable: false,
    exit: exitCodes.failed,
  },
  EMULATOR_UNREACHABLE_FROM_CONTAINERS: {
    message: "Containers cannot reach the emulator at {url} ({detail}); the service would answer 503.",
    hint: "Make the emulator listen where containers reach it: bind it to 0.0.0.0 or the docker bridge gateway (ministack: --bind 172.17.0.1:{port}; LocalStack: GATEWAY_LISTEN=0.0.0.0:{port}), or set STACKCTL_CONTAINER_ENDPOINT to a URL that works from a container.",
    retryable: false,
    exit: exitCodes.environment,
  },
  CONTAINER_UNHEALTHY: {
    message: "The service container {name} {detail}.",
    hint: "Read its log tail above (`docker logs {name}`); fix the cause and rerun `stackctl up`. The previous deployment, if any, still serves.",
    retryable: false,
    exit: exitCodes.failed,
  },
  API_NOT_SERVING: {
    message: "API Gateway does not serve the new deployment at {url}: {detail}",
    hint: "Run `stackctl status` and `stackctl doctor`; the previous deployment, if any, still serves. Rerun `stackctl up` to retry.",
    retryable: true,
    exit: exitCodes.smokeFailed,
  },
  SMOKE_FAILED: {
    message: 'Smoke check "{check}" failed at {url}: {detail}',
    hint: "The stack is deployed but does not answer as it should: `stackctl logs` shows the service's side; rerun `stackctl smoke` after a fix.",
    retryable: false,
    exit: exitCodes.smokeFailed,
  },
  NOT_DEPLOYED: {
    message: 'Stack "{stack}" has no {what} deployed.',
    hint: "Run `stackctl up --stack {stack}` first{otherwise}.",
    retryable: false,
    exit: exitCodes.failed,
  },
  // Lambda mode ------------------------------------------------------------------------------
  IMAGE_LAMBDA_UNSUPPORTED: {
    message: "--package image needs an emulator that runs image functions; {emulator} cannot ({detail}).",
    hint: "Use --package zip (or auto, which picks zip here); or export LOCALSTACK_AUTH_TOKEN for LocalStack Pro, or use an emulator with ECR and image functions (ministack).",
    retryable: false,
    exit: exitCodes.environment,
  },
  IMAGE_PUSH_FAILED: {
    message: "Pushing {image} to the emulator's registry {registry} failed: {detail}",
    hint: "Check that the emulator serves ECR and that Docker may push to {registry} (set STACKCTL_REGISTRY / config registry to the address the emulator's registry answers on).",
    retryable: true,
    exit: exitCodes.failed,
  },
  LAMBDA_ZIP_TOO_LARGE: {
    message: "The function zip is {size} bytes, over Lambda's {limit}-byte limit for a direct upload.",
    hint: "Use --package image (images may be up to 10 GB), or shrink the bundle (service/scripts/build.mjs marks what it bundles).",
    retryable: false,
    exit: exitCodes.failed,
  },
  LAMBDA_ARCH_MISMATCH: {
    message: "The function image {image} is {imageArch}, but the Docker host is {hostArch}.",
    hint: "Build on (or for) the host's architecture: set STACKCTL_LAMBDA_BASE_IMAGE to a {hostArch} base image, or remove the stale base image so it is pulled for this host.",
    retryable: false,
    exit: exitCodes.failed,
  },
  LAMBDA_NOT_ACTIVE: {
    message: "Function {function} did not become Active: {detail}",
    hint: "The previous function, if any, still serves. Check the emulator's log; rerun `stackctl up` to retry.",
    retryable: true,
    exit: exitCodes.failed,
  },
  LAMBDA_CANNOT_REACH_EMULATOR: {
    message: "Function {function} cannot reach the emulator from its container: {detail}",
    hint: "The emulator must listen where function containers reach it, not only on 127.0.0.1: bind ministack to 0.0.0.0 or the Docker bridge gateway; for LocalStack set LAMBDA_DOCKER_NETWORK to its compose network. See docs/emulators.md.",
    retryable: false,
    exit: exitCodes.environment,
  },
  LAMBDA_RUNTIME_TIMEOUT: {
    message: "Function {function} did not start its runtime in time: {detail}",
    hint: "A first start pulls the image and initialises the runtime: rerun `stackctl up`; on LocalStack raise LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT; `stackctl logs` shows how far it got.",
    retryable: true,
    exit: exitCodes.smokeFailed,
  },
  LAMBDA_IMAGE_WITHOUT_RIC: {
    message:
      "Function image {image} has no Lambda runtime interface client, so it cannot serve invocations: {detail}",
    hint: "Base the image on public.ecr.aws/lambda/nodejs:22 (or one with aws-lambda-ric and its entrypoint); STACKCTL_LAMBDA_BASE_IMAGE / config lambdaBaseImage names the base.",
    retryable: false,
    exit: exitCodes.failed,
  },
  LAMBDA_INVOKE_FAILED: {
    message: "Function {function} failed its warm-up invocation: {detail}",
    hint: "`stackctl logs` shows the function's log; the previous function, if any, still serves.",
    retryable: false,
    exit: exitCodes.smokeFailed,
  },
  INTERRUPTED: {
    message: "Interrupted.",
    hint: "Nothing half-done was recorded; run the command again to continue where it stopped.",
    retryable: true,
    exit: exitCodes.interrupted,
  },
  INTERNAL: {
    message: "Unexpected error: {detail}",
    hint: "This is a bug in stackctl; rerun with --verbose and report the stack trace.",
    retryable: false,
    exit: exitCodes.failed,
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorTable;
export type ErrorParams = Record<string, string | number>;

function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

/** A failure the user can act on: it renders from the table and never prints a stack by default. */
export class StackctlError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly retryable: boolean;
  readonly exitCode: number;
  /** Extra lines (e.g. an emulator log tail) shown under the message. */
  readonly details: string[];

  constructor(
    code: ErrorCode,
    params: ErrorParams = {},
    options: { cause?: unknown; details?: string[] } = {},
  ) {
    const spec: ErrorSpec = errorTable[code];
    super(fill(spec.message, params), { cause: options.cause });
    this.name = "StackctlError";
    this.code = code;
    this.hint = fill(spec.hint, params);
    this.retryable = spec.retryable;
    this.exitCode = spec.exit;
    this.details = options.details ?? [];
  }
}

/** A connection nothing answered, from the error or its causes: `code` and `host:port` or a socket path. */
function unanswered(error: unknown): { code: string; address: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth += 1) {
    const { code, address, port, $metadata } = current as Record<string, unknown>;
    if (($metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode !== undefined)
      return undefined;
    if (
      typeof code === "string" &&
      /^(ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|ENOENT|EACCES)$/.test(
        code,
      ) &&
      typeof address === "string"
    )
      return { code, address: typeof port === "number" ? `${address}:${port}` : address };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function toStackctlError(error: unknown): StackctlError {
  if (error instanceof StackctlError) return error;
  if (error instanceof Error && error.name === "AbortError")
    return new StackctlError("INTERRUPTED", {}, { cause: error });
  // The last net under every command: a connection nothing answered is the environment's fault, not a
  // bug. A socket path is the Docker engine's; a host:port the emulator's.
  const failure = unanswered(error);
  if (failure?.address.startsWith("/") === true)
    return new StackctlError(
      "DOCKER_NOT_RUNNING",
      { detail: `${failure.code} ${failure.address}` },
      { cause: error },
    );
  if (failure !== undefined && failure.code !== "ENOENT" && failure.code !== "EACCES")
    return new StackctlError(
      "EMULATOR_UNREACHABLE",
      { endpoint: `http://${failure.address}`, detail: failure.code },
      { cause: error },
    );
  const detail = error instanceof Error ? error.message : String(error);
  return new StackctlError("INTERNAL", { detail }, { cause: error });
}

/** The error envelope of a `--json` result. */
export function errorPayload(error: StackctlError): {
  code: ErrorCode;
  message: string;
  hint: string;
  retryable: boolean;
} {
  return { code: error.code, message: error.message, hint: error.hint, retryable: error.retryable };
}
