#!/usr/bin/env bash
# Brings up what the docker and e2e test tiers need, idempotently: a Docker engine, the stand-in
# base images, and the AWS emulator; then writes .test-env (sourceable) at the repository root.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$TEST_ENV_DIR/engine.sh"
source "$TEST_ENV_DIR/images.sh"
source "$TEST_ENV_DIR/emulator.sh"
source "$TEST_ENV_DIR/localstack.sh"
source "$TEST_ENV_DIR/compose.sh"
source "$TEST_ENV_DIR/localstack-image.sh"
source "$TEST_ENV_DIR/actionlint.sh"
source "$TEST_ENV_DIR/node-lines.sh"
source "$TEST_ENV_DIR/awscli.sh"
take_lock

started=$SECONDS
# Which emulators to run (comma-separated); each gets its own port and .test-env.<name> file.
emulators="${STACKCTL_TEST_EMULATORS:-ministack,localstack}"
IFS=, read -r -a emulator_list <<<"$emulators"
# The Compose build (minutes on a cold cache) needs neither Docker nor the other steps: it runs in
# the background while they do, and is waited for before the managed path needs it.
compose_job=""
if [[ ",$emulators," == *,localstack,* ]]; then
  (build_compose_binary) >"$LOG_DIR/compose-step.log" 2>&1 </dev/null 9>&- &
  compose_job=$!
fi
# actionlint (for the CI examples' test) also builds from the Go module proxy, in the background.
(build_actionlint_binary) >"$LOG_DIR/actionlint-step.log" 2>&1 </dev/null 9>&- &
actionlint_job=$!
# The Node lines CI also runs the tests on (npm packages; scripts/node-lines/run.sh), in the background.
(ensure_node_lines) >"$LOG_DIR/node-lines-step.log" 2>&1 </dev/null 9>&- &
node_lines_job=$!
ensure_docker_engine
ensure_base_images
# stackctl starts the harness's ministack, on the floor Node line: the lines must be in place first.
wait "$node_lines_job" || { log_tail "$LOG_DIR/node-lines-step.log"; die "installing the Node lines failed"; }
cat "$LOG_DIR/node-lines-step.log" >&2
gateway="$(bridge_gateway)"
[[ -n "$gateway" ]] || die "cannot tell the docker bridge gateway address"
for name in "${emulator_list[@]}"; do
  case "$name" in
    ministack) ensure_emulator "$gateway" ;;
    localstack)
      ensure_localstack "$gateway"
      # The managed path (stackctl starting LocalStack through compose) runs under this profile.
      ensure_localstack_image
      wait "$compose_job" || { log_tail "$LOG_DIR/compose-step.log"; die "building Docker Compose failed"; }
      cat "$LOG_DIR/compose-step.log" >&2
      ensure_compose_plugin
      ;;
    *) die "unknown emulator '$name' in STACKCTL_TEST_EMULATORS (known: ministack, localstack)" ;;
  esac
done

wait "$actionlint_job" || { log_tail "$LOG_DIR/actionlint-step.log"; die "building actionlint failed"; }
cat "$LOG_DIR/actionlint-step.log" >&2
ensure_actionlint
ensure_awscli

# write_env_file <file> <emulator>: the variables a test process needs for one emulator.
write_env_file() {
  local file="$1" name="$2" port kind
  case "$name" in
    ministack) port="$EMULATOR_PORT" kind="$(emulator_kind)" ;;
    localstack) port="$LOCALSTACK_PORT" kind=localstack ;;
  esac
  {
    echo "# Written by scripts/test-env/up.sh; see docs/testing.md. Sourceable; test/support loads it too."
    echo "export STACKCTL_TEST_EMULATORS=$emulators"
    echo "export STACKCTL_TEST_PROFILE=$name"
    echo "export STACKCTL_ENDPOINT=http://127.0.0.1:$port"
    echo "export STACKCTL_CONTAINER_ENDPOINT=http://$gateway:$port"
    # ministack's ECR repository URIs name amazonaws.com; its registry is its own port.
    [[ "$kind" == ministack ]] && echo "export STACKCTL_REGISTRY=127.0.0.1:$port"
    echo "export STACKCTL_BASE_IMAGE=$NODE_BASE_IMAGE"
    echo "export STACKCTL_LAMBDA_BASE_IMAGE=$LAMBDA_BASE_IMAGE"
    echo "export STACKCTL_EMULATOR=$kind"
    echo "export STACKCTL_TEST_ACTIONLINT=$(actionlint_binary)"
    echo "export STACKCTL_TEST_NODE_LINES=$(node_lines_path)"
    echo "export STACKCTL_TEST_AWSCLI=$AWSCLI_VENV/bin/aws"
    if [[ "$name" == localstack ]]; then
      # For test/e2e/managed: the compose plugin's docker config and the image compose starts.
      echo "export STACKCTL_TEST_DOCKER_CONFIG=$COMPOSE_DOCKER_CONFIG"
      echo "export STACKCTL_TEST_EMULATOR_IMAGE=$LOCALSTACK_IMAGE"
    fi
    echo "export STACKCTL_REQUIRE_E2E=1"
  } >"$file.tmp"
  mv "$file.tmp" "$file"
}

register_user
rm -f "$REPO_ROOT"/.test-env.*
for name in "${emulator_list[@]}"; do
  write_env_file "$REPO_ROOT/.test-env.$name" "$name"
done
# .test-env is the first emulator's file (ministack by default), for tools that read one file.
cp "$REPO_ROOT/.test-env.${emulator_list[0]}" "$REPO_ROOT/.test-env"
log "wrote $REPO_ROOT/.test-env{,.${emulators//,/,.}}; test environment ready in $((SECONDS - started))s"
