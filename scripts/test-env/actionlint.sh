#!/usr/bin/env bash
# Step 6: actionlint, which lints the example GitHub Actions workflow (examples/ci/). Sourced by
# up.sh (needs lib.sh and images.sh's BUILD_DIR). Built from the Go module proxy like Compose
# (compose.sh), cached by version and Go toolchain; up.sh writes its path to .test-env as
# STACKCTL_TEST_ACTIONLINT. Needs no Docker, so it builds in the background.

actionlint_binary() {
  echo "$BUILD_DIR/actionlint-$ACTIONLINT_VERSION-$(go env GOVERSION)"
}

build_actionlint_binary() {
  command -v go >/dev/null 2>&1 || die "no go toolchain: actionlint $ACTIONLINT_VERSION is built from the Go module proxy"
  local out module dir started=$SECONDS
  out="$(actionlint_binary)"
  [[ -x "$out" ]] && return 0
  mkdir -p "$BUILD_DIR"
  log "building actionlint $ACTIONLINT_VERSION with $(go env GOVERSION) (log: $LOG_DIR/actionlint-build.log)"
  module="github.com/rhysd/actionlint@$ACTIONLINT_VERSION"
  export GOMODCACHE="$STATE_DIR/go/mod" GOCACHE="$STATE_DIR/go/build" GOFLAGS="-modcacherw -buildvcs=false"
  dir="$(go mod download -json "$module" 2>>"$LOG_DIR/actionlint-build.log" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')" ||
    { log_tail "$LOG_DIR/actionlint-build.log"; die "go mod download $module failed"; }
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION" \
    -o "$out.tmp" ./cmd/actionlint) >>"$LOG_DIR/actionlint-build.log" 2>&1 ||
    { log_tail "$LOG_DIR/actionlint-build.log"; die "go build of actionlint $ACTIONLINT_VERSION failed"; }
  mv "$out.tmp" "$out"
  log "actionlint $ACTIONLINT_VERSION built in $((SECONDS - started))s"
}

ensure_actionlint() {
  local out
  out="$(actionlint_binary)"
  build_actionlint_binary
  [[ "$("$out" -version 2>/dev/null | head -n 1)" == "${ACTIONLINT_VERSION}" ]] ||
    die "$out -version does not say $ACTIONLINT_VERSION"
  log "actionlint $ACTIONLINT_VERSION is current ($out)"
}
