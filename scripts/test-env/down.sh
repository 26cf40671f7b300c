#!/usr/bin/env bash
# Stops what up.sh started (by recorded PID only) and removes test containers by label.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
take_lock

unregister_user
mapfile -t users < <(other_users)
if ((${#users[@]} > 0)) && [[ "${STACKCTL_TEST_ENV_FORCE_DOWN:-}" != 1 ]]; then
  # Their tests may be running: leave the engine, the emulators and every test container alone.
  rm -f "$REPO_ROOT/.test-env" "$REPO_ROOT"/.test-env.*
  log "leaving the test environment running: still used by ${users[*]} (STACKCTL_TEST_ENV_FORCE_DOWN=1 stops it anyway)"
  exit 0
fi

remove_containers() {
  local filter="$1" ids
  ids="$(docker ps -aq --filter "label=$filter" 2>/dev/null || true)"
  [[ -z "$ids" ]] && return 0
  log "removing $(wc -w <<<"$ids") container(s) labelled $filter"
  # shellcheck disable=SC2086 # one id per word
  docker rm -f $ids >/dev/null || log "WARNING: some containers labelled $filter could not be removed"
}

# Images a crashed test left behind (the stand-in bases do not carry this label, so they stay cached).
remove_images() {
  local ids
  ids="$(docker images -q --filter "label=$TEST_LABEL" 2>/dev/null | sort -u || true)"
  [[ -z "$ids" ]] && return 0
  log "removing $(wc -w <<<"$ids") image(s) labelled $TEST_LABEL"
  # shellcheck disable=SC2086 # one id per word
  docker image rm --force $ids >/dev/null 2>&1 || log "WARNING: some images labelled $TEST_LABEL are still in use"
}

if docker_ok; then
  remove_containers "$TEST_LABEL"
  remove_images
fi
emulator_pidfile="$RUN_DIR/ministack-$EMULATOR_PORT.pid"
if pid_alive "$emulator_pidfile" "ministack.app:app"; then
  stop_pid "$emulator_pidfile" ministack "ministack.app:app"
  # Function containers of the ministack we just stopped (never those of an emulator we only used).
  # stackctl runs it with MINISTACK_HOSTNAME=stackctl; one started before that carries the host name.
  docker_ok && remove_containers "ministack.instance=stackctl:$EMULATOR_PORT"
  docker_ok && remove_containers "ministack.instance=$HOSTNAME:$EMULATOR_PORT"
  rm -f "$RUN_DIR/ministack-$EMULATOR_PORT.json"
fi
source "$TEST_ENV_DIR/localstack.sh"
if pid_alive "$LOCALSTACK_PIDFILE" "$LOCALSTACK_PATTERN"; then
  stop_localstack
  # Its function containers carry the label localstack.sh gives them through LAMBDA_DOCKER_FLAGS.
  docker_ok && remove_containers "$TEST_LABEL.localstack=$HOSTNAME:$LOCALSTACK_PORT"
fi
# The engine stays while a harness on another port still runs its emulator on it.
others=()
for pidfile in "$RUN_DIR"/ministack-*.pid; do
  [[ -e "$pidfile" && "$pidfile" != "$emulator_pidfile" ]] && pid_alive "$pidfile" "ministack.app:app" && others+=("$pidfile")
done
for pidfile in "$RUN_DIR"/localstack-*.pid; do
  [[ -e "$pidfile" && "$pidfile" != "$LOCALSTACK_PIDFILE" ]] && pid_alive "$pidfile" "$LOCALSTACK_PATTERN" && others+=("$pidfile")
done
if ((${#others[@]} > 0)); then
  log "leaving dockerd running: another harness still uses it (${others[*]})"
else
  stop_pid "$RUN_DIR/dockerd.pid" dockerd dockerd
fi
rm -f "$REPO_ROOT/.test-env" "$REPO_ROOT"/.test-env.*
log "test environment down"
