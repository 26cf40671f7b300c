#!/usr/bin/env bash
# A LocalStack of a test's own, started and stopped by the harness's own code
# (scripts/test-env/localstack.sh: the same venv, stand-ins and environment as the shared one) on
# another port, so a test can restart it without touching the LocalStack other tests share.
# Usage: own-localstack.sh start <port> <bridge gateway> [shared port] | stop <port> | close <port>
# `start` copies the shared LocalStack's baked service catalog (from its FILESYSTEM_ROOT, read only)
# when this port has none yet, so a first start does not bake it again. `stop` stops only the
# LocalStack whose PID file this port's `start` wrote; `close` also removes its FILESYSTEM_ROOT.
# test/support/own-localstack.ts drives it.
set -euo pipefail
action="$1"
export STACKCTL_TEST_ENV_LOCALSTACK_PORT="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/test-env/lib.sh
source "$here/../../scripts/test-env/lib.sh"
# shellcheck source=../../scripts/test-env/images.sh
source "$TEST_ENV_DIR/images.sh"
# shellcheck source=../../scripts/test-env/localstack.sh
source "$TEST_ENV_DIR/localstack.sh"
case "$action" in
  start)
    libs="$LOCALSTACK_ROOT/usr/lib/localstack"
    shared="$STATE_DIR/localstack-${4:-none}/usr/lib/localstack"
    if ! compgen -G "$libs/service-catalog-*" >/dev/null && compgen -G "$shared/service-catalog-*" >/dev/null; then
      mkdir -p "$libs"
      cp "$shared"/service-catalog-* "$libs/"
    fi
    ensure_localstack "$3"
    ;;
  stop) stop_localstack ;;
  close)
    stop_localstack
    rm -rf "$LOCALSTACK_ROOT"
    ;;
  *) die "own-localstack.sh: unknown action '$action' (start, stop or close)" ;;
esac
