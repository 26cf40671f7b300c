#!/usr/bin/env bash
# The AWS CLI (PyPI `awscli`, pinned) in a cached venv, for tests that run stackctl's --explain
# output as a script (cli/test/explain-script.e2e.test.ts). Sourced by up.sh (needs lib.sh).

AWSCLI_VENV="$STATE_DIR/awscli-$AWSCLI_VERSION"

ensure_awscli() {
  [[ -f "$AWSCLI_VENV/.installed" ]] && "$AWSCLI_VENV/bin/aws" --version >/dev/null 2>&1 && return 0
  python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
  log "installing awscli==$AWSCLI_VERSION into $AWSCLI_VENV"
  rm -rf "$AWSCLI_VENV"
  python3 -m venv "$AWSCLI_VENV"
  "$AWSCLI_VENV/bin/pip" install --quiet --disable-pip-version-check "awscli==$AWSCLI_VERSION" \
    >"$LOG_DIR/awscli-pip.log" 2>&1 || { log_tail "$LOG_DIR/awscli-pip.log"; die "pip install awscli failed"; }
  touch "$AWSCLI_VENV/.installed"
}
