#!/usr/bin/env bash
# The unit tier and one e2e pass of the main flows on each Node line CI proves (NODE_LINE_VERSIONS in
# scripts/test-env/versions.env), with that line's node first on PATH, so vitest, its workers, the bin
# and anything spawning `node` run on it. The full suite (`npm test`) stays on the machine's Node.
# docs/testing.md ("Node lines").
#
# The binaries: STACKCTL_TEST_NODE_LINES (colon-separated, written to .test-env by test-env:up), else
# scripts/test-env/node-lines.sh installs or finds them. The e2e pass runs on ministack
# (.test-env.ministack), after the unit tiers; lines go one after the other.
# Usage: scripts/node-lines/run.sh [unit|e2e|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")/../.."

what="${1:-all}"
# The main flows: container and lambda mode, switch both ways, down --purge (switch.e2e), and the
# real bin spawned as `node cli/bin/stackctl.js` (bin.e2e).
e2e_files=(cli/test/switch.e2e.test.ts cli/test/bin.e2e.test.ts)

lines="${STACKCTL_TEST_NODE_LINES:-}"
if [[ -z "$lines" ]]; then
  lines="$(bash scripts/test-env/node-lines.sh | awk '{print $2}' | paste -sd:)"
fi
IFS=: read -r -a binaries <<<"$lines"
((${#binaries[@]} > 0)) || { echo "node-lines: no Node binaries" >&2; exit 1; }

started=$SECONDS
say() { printf '[node-lines %4ss] %s\n' "$((SECONDS - started))" "$*"; }

# on_line <node> <command…>: the command with that node first on PATH, and the version the tests
# check they run on (test/unit/node-line.test.ts).
on_line() {
  local node="$1"
  shift
  PATH="$(dirname "$node"):$PATH" STACKCTL_TEST_NODE_LINE="$("$node" --version)" "$@"
}

# The bin on this line names the Node it runs on (`doctor`'s node check).
check_bin() {
  local node="$1" version out
  version="$("$node" --version)"
  out="$(on_line "$node" node cli/bin/stackctl.js doctor --json --endpoint http://127.0.0.1:1 2>&1 || true)"
  grep -q "\"Node ${version#v}" <<<"$out" ||
    { echo "node-lines: the bin on $version did not report Node ${version#v}:" >&2; echo "$out" >&2; return 1; }
}

status=0
if [[ "$what" == unit || "$what" == all ]]; then
  for node in "${binaries[@]}"; do
    line_started=$SECONDS
    say "unit tier on $("$node" --version)"
    check_bin "$node" || status=1
    on_line "$node" node node_modules/vitest/vitest.mjs run --project unit || status=1
    say "unit tier on $("$node" --version): $((SECONDS - line_started))s"
  done
fi

if [[ "$what" == e2e || "$what" == all ]]; then
  [[ -f .test-env.ministack ]] || { echo "node-lines: no .test-env.ministack (npm run test-env:up)" >&2; exit 1; }
  logs="$(mktemp -d /tmp/stackctl-node-lines.XXXXXX)"
  trap 'rm -rf "$logs"' EXIT
  # One line after the other by default: all lines at once (STACKCTL_NODE_LINES_PARALLEL=1) put six
  # e2e files on two cores, and the bin's 3 s `--help` bound failed that way here (docs/testing.md).
  run_e2e() {
    local node="$1" version line_started=$SECONDS
    version="$("$node" --version)"
    if on_line "$node" node node_modules/vitest/vitest.mjs run --project e2e-ministack "${e2e_files[@]}" \
      >"$logs/$version.log" 2>&1; then
      echo "passed in $((SECONDS - line_started))s" >"$logs/$version.result"
    else
      echo "FAILED after $((SECONDS - line_started))s" >"$logs/$version.result"
    fi
  }
  for node in "${binaries[@]}"; do
    say "e2e on $("$node" --version) (ministack: ${e2e_files[*]})"
    if [[ "${STACKCTL_NODE_LINES_PARALLEL:-}" == 1 ]]; then run_e2e "$node" & else run_e2e "$node"; fi
  done
  wait
  for node in "${binaries[@]}"; do
    version="$("$node" --version)"
    result="$(cat "$logs/$version.result" 2>/dev/null || echo "FAILED (no result)")"
    say "e2e on $version: $result"
    if [[ $result == passed* ]]; then tail -n 6 "$logs/$version.log"; else cat "$logs/$version.log"; status=1; fi
  done
  say "e2e on all lines: $((SECONDS - started))s since start"
fi
exit "$status"
