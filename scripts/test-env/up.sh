#!/usr/bin/env bash
# Brings up what the docker and e2e test tiers need, idempotently: a Docker engine, the stand-in
# base images, and the AWS emulator; then writes .test-env (sourceable) at the repository root.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$TEST_ENV_DIR/engine.sh"
source "$TEST_ENV_DIR/images.sh"
source "$TEST_ENV_DIR/emulator.sh"
take_lock

started=$SECONDS
ensure_docker_engine
ensure_base_images
gateway="$(bridge_gateway)"
[[ -n "$gateway" ]] || die "cannot tell the docker bridge gateway address"
ensure_emulator "$gateway"

kind="$(emulator_kind)"
{
  echo "# Written by scripts/test-env/up.sh; see docs/testing.md. Sourceable; test/support loads it too."
  echo "export STACKCTL_ENDPOINT=http://127.0.0.1:$EMULATOR_PORT"
  echo "export STACKCTL_CONTAINER_ENDPOINT=http://$gateway:$EMULATOR_PORT"
  # ministack's ECR repository URIs name amazonaws.com; its registry is its own port.
  [[ "$kind" == ministack ]] && echo "export STACKCTL_REGISTRY=127.0.0.1:$EMULATOR_PORT"
  echo "export STACKCTL_BASE_IMAGE=$NODE_BASE_IMAGE"
  echo "export STACKCTL_LAMBDA_BASE_IMAGE=$LAMBDA_BASE_IMAGE"
  echo "export STACKCTL_EMULATOR=$kind"
  echo "export STACKCTL_REQUIRE_E2E=1"
} >"$REPO_ROOT/.test-env.tmp"
mv "$REPO_ROOT/.test-env.tmp" "$REPO_ROOT/.test-env"
log "wrote $REPO_ROOT/.test-env; test environment ready in $((SECONDS - started))s"
