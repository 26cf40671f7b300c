#!/usr/bin/env bash
# Step 3: the AWS emulator (ministack, pinned) on the host. Sourced by up.sh (needs lib.sh).

EMULATOR_PIDFILE="$RUN_DIR/ministack-$EMULATOR_PORT.pid"
EMULATOR_LOG="$LOG_DIR/ministack-$EMULATOR_PORT.log"
EMULATOR_VENV="$STATE_DIR/ministack-$MINISTACK_VERSION"

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

ensure_emulator_venv() {
  # The marker alone is not enough: the interpreter the venv links to may have gone.
  [[ -f "$EMULATOR_VENV/.installed" ]] && "$EMULATOR_VENV/bin/python" -c "import ministack" 2>/dev/null && return 0
  python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
  log "installing ministack[full]==$MINISTACK_VERSION into $EMULATOR_VENV"
  rm -rf "$EMULATOR_VENV"
  python3 -m venv "$EMULATOR_VENV"
  "$EMULATOR_VENV/bin/pip" install --quiet --disable-pip-version-check "ministack[full]==$MINISTACK_VERSION" \
    >"$LOG_DIR/pip.log" 2>&1 || { log_tail "$LOG_DIR/pip.log"; die "pip install ministack failed"; }
  touch "$EMULATOR_VENV/.installed"
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
  ensure_emulator_venv
  log "starting ministack $MINISTACK_VERSION on 127.0.0.1:$EMULATOR_PORT and $gateway:$EMULATOR_PORT (log: $EMULATOR_LOG)"
  # Two binds instead of 0.0.0.0: tests use loopback, function containers come in through the
  # bridge gateway (ministack maps host.docker.internal to host-gateway in them). This is the
  # command ministack's own `--detach` runs, with the second bind added.
  (
    cd "$STATE_DIR" || exit 1
    GATEWAY_PORT="$EMULATOR_PORT" LOG_LEVEL=INFO setsid "$EMULATOR_VENV/bin/python" -m hypercorn ministack.app:app \
      --bind "127.0.0.1:$EMULATOR_PORT" --bind "$gateway:$EMULATOR_PORT" --keep-alive 75 \
      >"$EMULATOR_LOG" 2>&1 </dev/null 9>&- &
    echo $! >"$EMULATOR_PIDFILE"
  )
  wait_for 60 "ministack" "$EMULATOR_LOG" "$EMULATOR_PIDFILE" emulator_healthy ||
    die "ministack did not answer /_localstack/health"
  log "ministack up (pid $(cat "$EMULATOR_PIDFILE"))"
}
