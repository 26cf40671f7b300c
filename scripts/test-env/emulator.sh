#!/usr/bin/env bash
# Step 3: the AWS emulator (ministack, pinned) on the host, started by stackctl itself
# (`stackctl emulator start --emulator ministack`). Sourced by up.sh (needs lib.sh).

EMULATOR_PIDFILE="$RUN_DIR/ministack-$EMULATOR_PORT.pid"
EMULATOR_LOG="$LOG_DIR/ministack-$EMULATOR_PORT.log"

emulator_healthy() {
  curl -fsS --max-time 2 "http://127.0.0.1:$EMULATOR_PORT/_localstack/health" >/dev/null 2>&1
}

# health_field <edition|version>: a field of the emulator's /_localstack/health answer.
health_field() {
  curl -fsS --max-time 2 "http://127.0.0.1:$EMULATOR_PORT/_localstack/health" 2>/dev/null |
    python3 -c "import json, sys; print(json.load(sys.stdin).get('$1', ''))" 2>/dev/null || true
}

# ministack reports edition "light"; LocalStack community/pro/enterprise.
emulator_kind() {
  case "$(health_field edition)" in
    light) echo ministack ;;
    community | pro | enterprise) echo localstack ;;
    *) echo unknown ;;
  esac
}

# stackctl_emulator <start|stop>: the product's own managed ministack (cli/src/engine/emulator/ministack/),
# with the harness's state dir as stackctl's cache dir, so the venv ($STATE_DIR/ministack-$MINISTACK_VERSION),
# the command line, the two binds and the log ($LOG_DIR/ministack-$EMULATOR_PORT.log) are a user's
# `stackctl up --emulator ministack`. Prints the result line's pid. It runs on the floor Node line
# (node-lines.sh; up.sh waits for it first): the machine's own Node may be older than `engines`.
stackctl_emulator() {
  [[ -f "$REPO_ROOT/node_modules/.package-lock.json" ]] || die "run \`npm ci\` first: the harness starts ministack through stackctl"
  local out
  out="$(env -u STACKCTL_ENDPOINT -u AWS_ENDPOINT_URL STACKCTL_CACHE_DIR="$STATE_DIR" CI=1 \
    "$(node_line_binary "${NODE_LINE_VERSIONS%% *}")" "$REPO_ROOT/cli/bin/stackctl.js" emulator "$1" --emulator ministack --emulator-port "$EMULATOR_PORT" --json \
    2>>"$LOG_DIR/stackctl-emulator.log")" || {
    printf '%s\n' "$out" >>"$LOG_DIR/stackctl-emulator.log"
    log_tail "$LOG_DIR/stackctl-emulator.log"
    die "stackctl emulator $1 --emulator ministack failed"
  }
  printf '%s\n' "$out" >>"$LOG_DIR/stackctl-emulator.log"
  printf '%s\n' "$out" | tail -n 1 |
    python3 -c "import json, sys; print(json.load(sys.stdin)['data'].get('pid') or '')"
}

# $1: the docker bridge gateway, the address function containers reach the host on.
ensure_emulator() {
  local gateway="$1"
  command -v curl >/dev/null 2>&1 || apt_install curl
  if pid_alive "$EMULATOR_PIDFILE" ministack.app:app; then
    if emulator_healthy && [[ "$(health_field version)" == "$MINISTACK_VERSION" ]]; then
      log "ministack already running (pid $(cat "$EMULATOR_PIDFILE")) on port $EMULATOR_PORT"
      return 0
    fi
    log "our ministack (pid $(cat "$EMULATOR_PIDFILE")) is unhealthy or not the pinned $MINISTACK_VERSION; restarting it"
    stop_pid "$EMULATOR_PIDFILE" ministack ministack.app:app
  fi
  if emulator_healthy; then
    local foreign
    foreign="an emulator this script did not start ($(emulator_kind) $(health_field version)) answers on port $EMULATOR_PORT"
    # CI must run the pinned emulator, reachable from containers; a developer may knowingly reuse theirs.
    [[ -n "${CI:-}" || "${STACKCTL_REQUIRE_E2E:-}" == 1 ]] &&
      die "$foreign; stop it or set STACKCTL_TEST_ENV_PORT to another port"
    log "WARNING: $foreign; using it as is (function containers reach it only if it listens beyond 127.0.0.1)"
    return 0
  fi
  python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
  log "starting ministack $MINISTACK_VERSION through stackctl on 127.0.0.1:$EMULATOR_PORT and $gateway:$EMULATOR_PORT (log: $EMULATOR_LOG)"
  # stackctl installs it on the first run (pip into $STATE_DIR/ministack-$MINISTACK_VERSION), binds it to
  # loopback and the bridge gateway it finds itself (the same as $gateway) and waits for its health.
  local pid
  pid="$(stackctl_emulator start)"
  [[ "$pid" =~ ^[0-9]+$ ]] || die "stackctl started no ministack of its own on port $EMULATOR_PORT"
  echo "$pid" >"$EMULATOR_PIDFILE"
  log "ministack up (pid $(cat "$EMULATOR_PIDFILE"))"
}
