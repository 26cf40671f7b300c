#!/usr/bin/env bash
# Step 4: Docker Compose v2 as a docker CLI plugin, for the managed path (`stackctl up` without
# --endpoint). Sourced by up.sh (needs lib.sh). Debian bookworm ships Compose 1.29 only, so it
# is built from the Go module proxy and cached by version and Go toolchain. It is installed in the
# harness's own docker config dir (DOCKER_CONFIG), not in ~/.docker, so the machine's docker
# stays as it was; .test-env.localstack names that dir for the managed e2e test.

COMPOSE_DOCKER_CONFIG="$STATE_DIR/docker-config"
COMPOSE_PLUGIN="$COMPOSE_DOCKER_CONFIG/cli-plugins/docker-compose"

compose_plugin_ok() {
  [[ "$(DOCKER_CONFIG="$COMPOSE_DOCKER_CONFIG" timeout 20 docker compose version --short 2>/dev/null)" == "${COMPOSE_VERSION#v}" ]]
}

# The compose binary for this version and Go toolchain, built once into the build cache. Needs
# no Docker, so up.sh runs it in the background while the engine and images come up.
compose_binary() {
  echo "$BUILD_DIR/docker-compose-$COMPOSE_VERSION-$(go env GOVERSION)"
}

build_compose_binary() {
  command -v go >/dev/null 2>&1 || die "no go toolchain: Docker Compose $COMPOSE_VERSION is built from the Go module proxy"
  local out module dir started=$SECONDS
  out="$(compose_binary)"
  [[ -x "$out" ]] && return 0
  mkdir -p "$BUILD_DIR"
  log "building Docker Compose $COMPOSE_VERSION with $(go env GOVERSION) (minutes on a cold cache; log: $LOG_DIR/compose-build.log)"
  module="github.com/docker/compose/v2@$COMPOSE_VERSION"
  # The harness's own module and build caches: a purged state dir means a really cold build, and
  # -modcacherw lets `rm -rf` clear it without root.
  export GOMODCACHE="$STATE_DIR/go/mod" GOCACHE="$STATE_DIR/go/build" GOFLAGS="-modcacherw -buildvcs=false"
  dir="$(go mod download -json "$module" 2>>"$LOG_DIR/compose-build.log" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')" ||
    { log_tail "$LOG_DIR/compose-build.log"; die "go mod download $module failed"; }
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
    -o "$out.tmp" ./cmd) >>"$LOG_DIR/compose-build.log" 2>&1 ||
    { log_tail "$LOG_DIR/compose-build.log"; die "go build of Docker Compose $COMPOSE_VERSION failed"; }
  mv "$out.tmp" "$out"
  log "Docker Compose $COMPOSE_VERSION built in $((SECONDS - started))s"
}

ensure_compose_plugin() {
  mkdir -p "$COMPOSE_DOCKER_CONFIG/cli-plugins"
  if compose_plugin_ok; then
    log "Docker Compose $COMPOSE_VERSION plugin is current ($COMPOSE_PLUGIN)"
    return 0
  fi
  build_compose_binary
  install -m 0755 "$(compose_binary)" "$COMPOSE_PLUGIN"
  compose_plugin_ok || die "the Docker Compose plugin at $COMPOSE_PLUGIN does not answer 'docker compose version'"
  log "Docker Compose $COMPOSE_VERSION installed as a CLI plugin in $COMPOSE_DOCKER_CONFIG"
}
