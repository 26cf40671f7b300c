#!/usr/bin/env bash
# Step 3b: real LocalStack (localstack-core, pinned) on the host, on its own port. Sourced by
# up.sh (needs lib.sh and engine.sh). Stand-ins replace what it would download: DynamoDB Local
# (a `java` shim running dynalite), its Lambda init (localstack/lambda-init.cjs) and the Lambda
# runtime image (the harness's stand-in). See docs/testing.md and docs/emulators.md.

LOCALSTACK_PIDFILE="$RUN_DIR/localstack-$LOCALSTACK_PORT.pid"
LOCALSTACK_LOG="$LOG_DIR/localstack-$LOCALSTACK_PORT.log"
# FILESYSTEM_ROOT: LocalStack's /usr/lib/localstack, /var/lib/localstack, /tmp live under it.
LOCALSTACK_ROOT="$STATE_DIR/localstack-$LOCALSTACK_PORT"
LOCALSTACK_CONSTRAINTS="$TEST_ENV_DIR/localstack/constraints-$LOCALSTACK_VERSION.txt"
# Matches the command line of the LocalStack this harness starts, and nothing else's.
LOCALSTACK_PATTERN="localstack.runtime.main"

localstack_healthy() {
  curl -fsS --max-time 2 "http://127.0.0.1:$LOCALSTACK_PORT/_localstack/health" >/dev/null 2>&1
}

localstack_health_field() {
  curl -fsS --max-time 2 "http://127.0.0.1:$LOCALSTACK_PORT/_localstack/health" 2>/dev/null |
    python3 -c "import json, sys; print(json.load(sys.stdin).get('$1', ''))" 2>/dev/null || true
}

# LocalStack 4.14 needs Python >= 3.12 although its metadata says 3.10: on 3.11 every request
# fails with "invalid syntax (stores.py, line 193)". pyenv's 3.13 is on these machines.
localstack_python() {
  local candidate
  for candidate in "${STACKCTL_TEST_ENV_PYTHON:-}" "$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3.13 2>/dev/null | sort -V | tail -n 1)" \
    "$(command -v python3.13 || true)" "$(command -v python3 || true)"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$candidate"; return 0; }
  done
  return 1
}

# The venv's name carries a hash of what goes into it, so a changed pin or interpreter gets a new one.
localstack_venv_dir() {
  local python="$1" hash
  hash="$({ echo "$LOCALSTACK_VERSION"; "$python" -VV; cat "$LOCALSTACK_CONSTRAINTS"; } | sha256sum | cut -c1-12)"
  echo "$STATE_DIR/localstack-core-$LOCALSTACK_VERSION-$hash"
}

ensure_localstack_venv() {
  local venv="$1" python="$2"
  [[ -f "$venv/.installed" ]] && "$venv/bin/python" -c "import localstack.runtime.main" 2>/dev/null && return 0
  log "installing localstack-core[runtime]==$LOCALSTACK_VERSION into $venv (about a minute)"
  rm -rf "$venv"
  "$python" -m venv "$venv" || die "cannot create a venv with $python"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -c "$LOCALSTACK_CONSTRAINTS" \
    "localstack-core[runtime]==$LOCALSTACK_VERSION" >"$LOG_DIR/pip-localstack.log" 2>&1 ||
    { log_tail "$LOG_DIR/pip-localstack.log"; die "pip install localstack-core failed"; }
  touch "$venv/.installed"
}

# Lays out what LocalStack would otherwise download at first use, under its FILESYSTEM_ROOT.
prepare_localstack_root() {
  local libs="$LOCALSTACK_ROOT/usr/lib/localstack"
  mkdir -p "$libs/java/21/bin" "$libs/dynamodb-local/2" \
    "$libs/lambda-runtime/$LOCALSTACK_LAMBDA_INIT_RELEASE/x86_64/var/rapid"
  # Present (even empty), it makes /_localstack/health say `edition: community` (else "unknown").
  : >"$libs/.community-version"
  # DynamoDB: the installer only checks that the jar exists; the `java` it runs is our shim.
  : >"$libs/dynamodb-local/2/DynamoDBLocal.jar"
  local dynalite="$REPO_ROOT/node_modules/dynalite/cli.js" node
  node="$(command -v node)" || die "no node on PATH (needed for the DynamoDB shim)"
  [[ -f "$dynalite" ]] || die "no $dynalite; run npm ci first"
  sed -e "s|@NODE@|$node|" -e "s|@DYNALITE@|$dynalite|" "$TEST_ENV_DIR/localstack/java-shim.sh" >"$libs/java/21/bin/java"
  chmod 0755 "$libs/java/21/bin/java"
  # Lambda: the runtime package folder must exist even with LAMBDA_INIT_BIN_PATH set ("Installation
  # of lambda-runtime … failed" otherwise); LocalStack copies it into every function container and
  # then overwrites /var/rapid/init with LAMBDA_INIT_BIN_PATH.
  install -m 0755 "$TEST_ENV_DIR/localstack/lambda-init.cjs" \
    "$libs/lambda-runtime/$LOCALSTACK_LAMBDA_INIT_RELEASE/x86_64/var/rapid/init"
  # The service-catalog cache, built once per venv: without it the first request takes seconds.
  local venv="$1"
  if ! compgen -G "$libs/service-catalog-*" >/dev/null; then
    OVERRIDE_IN_DOCKER=0 FILESYSTEM_ROOT="$LOCALSTACK_ROOT" "$venv/bin/python" -m localstack.aws.spec \
      >"$LOG_DIR/localstack-catalog.log" 2>&1 || log "WARNING: could not bake LocalStack's service catalog (see $LOG_DIR/localstack-catalog.log)"
  fi
}

# $1: the docker bridge gateway, the address function containers reach the host on.
ensure_localstack() {
  local gateway="$1"
  command -v curl >/dev/null 2>&1 || apt_install curl
  if pid_alive "$LOCALSTACK_PIDFILE" "$LOCALSTACK_PATTERN"; then
    if localstack_healthy && [[ "$(localstack_health_field version)" == "$LOCALSTACK_VERSION" ]]; then
      log "LocalStack already running (pid $(cat "$LOCALSTACK_PIDFILE")) on port $LOCALSTACK_PORT"
      return 0
    fi
    log "our LocalStack (pid $(cat "$LOCALSTACK_PIDFILE")) is unhealthy or not $LOCALSTACK_VERSION; restarting it"
    stop_localstack
  fi
  localstack_healthy &&
    die "something this script did not start answers /_localstack/health on port $LOCALSTACK_PORT; stop it or set STACKCTL_TEST_ENV_LOCALSTACK_PORT"
  local python venv
  python="$(localstack_python)" ||
    die "LocalStack $LOCALSTACK_VERSION needs Python >= 3.12 with venv (pyenv's 3.13, or set STACKCTL_TEST_ENV_PYTHON)"
  venv="$(localstack_venv_dir "$python")"
  ensure_localstack_venv "$venv" "$python"
  prepare_localstack_root "$venv"
  # State is in memory; a stale tmp (function code, container names) must not leak into this run.
  rm -rf "$LOCALSTACK_ROOT/tmp" "$LOCALSTACK_ROOT/var/lib/localstack"
  log "starting LocalStack $LOCALSTACK_VERSION (localstack-core) on 127.0.0.1:$LOCALSTACK_PORT and $gateway:$LOCALSTACK_PORT (log: $LOCALSTACK_LOG)"
  (
    cd "$LOCALSTACK_ROOT" || exit 1
    # OVERRIDE_IN_DOCKER=0: these machines have /.dockerenv, and LocalStack would take itself for
    # its own container. hypercorn: the default server binds 0.0.0.0 whatever GATEWAY_LISTEN says.
    env OVERRIDE_IN_DOCKER=0 FILESYSTEM_ROOT="$LOCALSTACK_ROOT" DNS_ADDRESS=0 DISABLE_EVENTS=1 \
      SKIP_SSL_CERT_DOWNLOAD=1 GATEWAY_SERVER=hypercorn \
      GATEWAY_LISTEN="127.0.0.1:$LOCALSTACK_PORT,$gateway:$LOCALSTACK_PORT" \
      LOCALSTACK_HOST="127.0.0.1:$LOCALSTACK_PORT" \
      DOCKER_CMD="$TEST_ENV_DIR/localstack/docker-cmd.sh" \
      LAMBDA_RUNTIME_IMAGE_MAPPING="{\"nodejs22.x\": \"$LAMBDA_BASE_IMAGE\"}" \
      LAMBDA_INIT_BIN_PATH="$TEST_ENV_DIR/localstack/lambda-init.cjs" \
      LAMBDA_INIT_RELEASE_VERSION="$LOCALSTACK_LAMBDA_INIT_RELEASE" \
      LAMBDA_DOCKER_FLAGS="-l $TEST_LABEL.localstack=$HOSTNAME:$LOCALSTACK_PORT" \
      LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT=60 \
      setsid "$venv/bin/python" -m localstack.runtime.main >"$LOCALSTACK_LOG" 2>&1 </dev/null 9>&- &
    echo $! >"$LOCALSTACK_PIDFILE"
  )
  wait_for 90 "LocalStack" "$LOCALSTACK_LOG" "$LOCALSTACK_PIDFILE" localstack_healthy ||
    die "LocalStack did not answer /_localstack/health"
  local edition
  edition="$(localstack_health_field edition)"
  [[ "$edition" == community ]] || die "LocalStack reports edition '$edition', expected community"
  log "LocalStack up (pid $(cat "$LOCALSTACK_PIDFILE"), edition $edition)"
}

# Stops our LocalStack and the function containers it started (never anyone else's).
stop_localstack() {
  if pid_alive "$LOCALSTACK_PIDFILE" "$LOCALSTACK_PATTERN"; then
    stop_pid "$LOCALSTACK_PIDFILE" LocalStack "$LOCALSTACK_PATTERN"
  fi
  rm -f "$LOCALSTACK_PIDFILE"
}
