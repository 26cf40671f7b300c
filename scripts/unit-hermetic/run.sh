#!/usr/bin/env bash
# The unit tier with nothing around it: `vitest run --project unit` in a network namespace of its
# own (loopback only: no emulator, no internet) with DOCKER_HOST and /var/run/docker.sock pointing at
# a tripwire instead of a Docker engine. The tripwire also listens on the emulators' ports (4566,
# 4567) and records every connection: the run fails when a test (or a process it started) reached
# for any of them, even when the test itself passed. Needs root (unshare). docs/testing.md.
# Usage: scripts/unit-hermetic/run.sh [vitest arguments...]
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ "${STACKCTL_HERMETIC_INSIDE:-}" != 1 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "unit-hermetic: needs root for unshare --net --mount (run it as root, or in CI)" >&2
    exit 3
  fi
  STACKCTL_HERMETIC_INSIDE=1 exec unshare --net --mount --propagation private bash "$0" "$@"
fi

ip link set lo up
trip=$(mktemp -d /tmp/stackctl-unit-hermetic.XXXXXX)
node scripts/unit-hermetic/tripwire.mjs "$trip/log" "$trip/ready" 4566 4567 "$trip/docker.sock" &
tripwire=$!
stop_tripwire() {
  kill "$tripwire" 2>/dev/null || true
  wait "$tripwire" 2>/dev/null || true
  rm -rf "$trip"
}
trap stop_tripwire EXIT
for _ in $(seq 100); do
  [[ -s $trip/ready ]] && break
  kill -0 "$tripwire" 2>/dev/null || { echo "unit-hermetic: the tripwire did not start" >&2; exit 1; }
  sleep 0.1
done
[[ -s $trip/ready ]] || { echo "unit-hermetic: the tripwire did not start within 10 s" >&2; exit 1; }
# The engine's default socket, seen only inside this mount namespace.
socket=$(readlink -f /var/run/docker.sock || true)
if [[ -S $socket ]]; then mount --bind "$trip/docker.sock" "$socket"; fi

status=0
DOCKER_HOST="unix://$trip/docker.sock" node_modules/.bin/vitest run --project unit "$@" || status=$?

if [[ -s $trip/log ]]; then
  echo "unit-hermetic: FAILED: the unit tier reached outside its processes:" >&2
  sort -k2 "$trip/log" | awk '{ print $2 }' | uniq -c | sed 's/^/  /' >&2
  echo "  (unit tests pass fakes: cli/test/support/fakes.ts, fake-aws.ts; real engines are the e2e tier's)" >&2
  [[ $status -ne 0 ]] || status=1
fi
exit "$status"
