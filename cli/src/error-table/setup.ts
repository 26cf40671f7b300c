import { type ErrorSpec, exitCodes } from "./spec.ts";

/** The error table's first half (cli/src/errors.ts joins both): usage, config, environment, state. */
export const setupErrors = {
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
    hint: "Read the log tail above (LocalStack: `docker compose logs localstack` shows all of it; ministack: the log file named above, also in `stackctl doctor`). Retry with a longer emulator.readyTimeoutMs if it was only slow.",
    retryable: true,
    exit: exitCodes.environment,
  },
  EMULATOR_KIND_MISMATCH: {
    message: "Port {port} on 127.0.0.1 serves {found}, not the {wanted} that was asked for.",
    hint: "Stop that emulator, or give the managed {wanted} another port (--emulator-port, STACKCTL_EMULATOR_PORT or emulator.port), or drop --emulator / STACKCTL_EMULATOR_KIND / emulator.kind to use the one that runs.",
    retryable: false,
    exit: exitCodes.environment,
  },
  PYTHON_MISSING: {
    message: "The managed ministack needs Python 3.10 or newer with venv: {detail}.",
    hint: "Install Python 3 with its venv module (Debian/Ubuntu: `sudo apt-get install python3 python3-venv`; macOS: `brew install python`), or use --emulator localstack.",
    retryable: false,
    exit: exitCodes.environment,
  },
  EMULATOR_INSTALL_FAILED: {
    message: "Installing the managed ministack failed: {detail}.",
    hint: "Read pip's last lines above. PyPI must be reachable on the first run (set PIP_INDEX_URL for a mirror, HTTPS_PROXY for a proxy); later runs reuse the venv offline.",
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
} as const satisfies Record<string, ErrorSpec>;
