#!/usr/bin/env bash
# The AWS CLI the baseline scripts run: awscli from PyPI, pinned, in the bench's own venv under
# ~/.cache (installed once, then reused). Prints the path of its `aws`.
set -euo pipefail
AWSCLI_VERSION="${AWSCLI_VERSION:-1.46.2}"
venv="${STACKCTL_BENCH_CACHE:-$HOME/.cache/stackctl-bench}/awscli-$AWSCLI_VERSION"
# The marker is written last, so an interrupted install is redone, never half used.
if [[ ! -f "$venv/.installed" ]]; then
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "awscli==$AWSCLI_VERSION" >&2
  touch "$venv/.installed"
fi
echo "$venv/bin/aws"
