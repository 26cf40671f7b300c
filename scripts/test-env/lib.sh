#!/usr/bin/env bash
# Shared helpers for up.sh / down.sh. Sourced, never run.

TEST_ENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck disable=SC2034 # used by the scripts that source this file
REPO_ROOT="$(cd "$TEST_ENV_DIR/../.." && pwd)"
# Outside the repo on purpose: CI runs in a fresh clone each time, and the venv, the downloaded
# packages and the PID files must survive that to make a warm run quick.
STATE_DIR="${STACKCTL_TEST_ENV_HOME:-$HOME/.cache/stackctl-test-env}"
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"
mkdir -p "$RUN_DIR" "$LOG_DIR"

# shellcheck source=versions.env
source "$TEST_ENV_DIR/versions.env"
# A second harness (another checkout, a parallel run) can take another port.
EMULATOR_PORT="${STACKCTL_TEST_ENV_PORT:-$EMULATOR_PORT}"
LOCALSTACK_PORT="${STACKCTL_TEST_ENV_LOCALSTACK_PORT:-$LOCALSTACK_PORT}"

# Label on every container and image the harness (or a test) creates, so down.sh can find them.
# shellcheck disable=SC2034 # used by the scripts that source this file
TEST_LABEL="stackctl.test"

log() { printf '[test-env %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

die() {
  log "ERROR: $*"
  exit 1
}

# Prints the last lines of a log file to stderr, for failures that should explain themselves.
log_tail() {
  local file="$1"
  [[ -f "$file" ]] || return 0
  log "last lines of $file:"
  tail -n 30 "$file" | sed 's/^/    /' >&2
}

# wait_for <seconds> <description> <log file or ""> <pid file or ""> <command...>: polls until the
# command succeeds; gives up early when the process in the pid file has died (e.g. a bind failure).
wait_for() {
  local seconds="$1" what="$2" logfile="$3" pidfile="$4"
  shift 4
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile"; then
      log "$what exited before it became ready"
      [[ -n "$logfile" ]] && log_tail "$logfile"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "$what did not become ready within ${seconds}s"
      [[ -n "$logfile" ]] && log_tail "$logfile"
      return 1
    fi
    sleep 0.5
  done
}

# docker_ok: the engine answers, within a bound (a daemon that accepts but hangs must not stall CI).
docker_ok() {
  timeout 15 docker info >/dev/null 2>&1
}

# One up/down at a time per state dir: two runs must not race on apt, dockerd or the PID files.
# Processes started in the background must close fd 9 (`9>&-`), or they would hold the lock.
take_lock() {
  exec 9>"$STATE_DIR/lock"
  flock -w 900 9 || die "another test-env up/down holds $STATE_DIR/lock for 15 minutes"
}

# pid_alive <pidfile> [command pattern]: true when the file names a live process whose command
# line matches, so a PID recycled by an unrelated process after a reboot is never taken for ours.
pid_alive() {
  local pidfile="$1" pattern="${2:-}" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ -z "$pattern" ]] || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -- "$pattern" >/dev/null
}

# stop_pid <pidfile> <name> <command pattern>: TERM, bounded wait, then KILL; only the recorded
# PID, never by name. Processes were started with setsid, so the PID leads its own group and the
# group (hypercorn's worker, dockerd's containerd) goes with it.
stop_pid() {
  local pidfile="$1" name="$2" pattern="$3" pid target
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    return 0
  fi
  pid="$(cat "$pidfile")"
  target="$pid"
  [[ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]] && target="-$pid"
  log "stopping $name (pid $pid)"
  kill -TERM -- "$target" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored TERM for 20s; sending KILL"
  fi
  # Whatever is left of the group (a worker that outlived its leader) goes too.
  kill -KILL -- "$target" 2>/dev/null || true
  rm -f "$pidfile"
}

# The checkouts using this machine's harness: up.sh registers its own, down.sh unregisters it and
# stops the shared engine and emulators only when no other registered checkout still uses them (one
# whose folder still holds the .test-env that up.sh wrote). A deleted checkout no longer counts.
USERS_DIR="$RUN_DIR/users"
user_file() { printf '%s/%s' "$USERS_DIR" "$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-16)"; }
register_user() {
  mkdir -p "$USERS_DIR"
  printf '%s\n' "$REPO_ROOT" >"$(user_file)"
}
unregister_user() { rm -f "$(user_file)"; }
# Prints the other checkouts that still use the harness, one per line.
other_users() {
  local file root
  for file in "$USERS_DIR"/*; do
    [[ -f "$file" && "$file" != "$(user_file)" ]] || continue
    root="$(sed -n 1p "$file")"
    if [[ -n "$root" && -f "$root/.test-env" ]]; then echo "$root"; else rm -f "$file"; fi
  done
}

# Address of the default bridge's gateway: the host as seen from containers (host-gateway).
# Docker 20.10 leaves IPAM's Gateway empty for the default bridge, so fall back to the interface.
bridge_gateway() {
  local gateway bridge
  gateway="$(docker network inspect bridge --format '{{range .IPAM.Config}}{{.Gateway}}{{end}}')"
  if [[ -z "$gateway" ]]; then
    bridge="$(docker network inspect bridge --format '{{index .Options "com.docker.network.bridge.name"}}')"
    gateway="$(ip -4 -o addr show "${bridge:-docker0}" | awk '{print $4}' | cut -d/ -f1 | sed -n 1p)"
  fi
  echo "$gateway"
}
