#!/usr/bin/env bash
# Step 1: a Docker engine that answers `docker info`. Sourced by up.sh (needs lib.sh).

DOCKERD_PIDFILE="$RUN_DIR/dockerd.pid"
DOCKERD_LOG="$LOG_DIR/dockerd.log"

apt_install() {
  # apt lists may be missing or stale on a fresh machine; one update is enough.
  local apt=(apt-get -o DPkg::Lock::Timeout=300)
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "$@" >>"$LOG_DIR/apt.log" 2>&1; then
    log "apt-get install failed; running apt-get update once and retrying"
    "${apt[@]}" update >>"$LOG_DIR/apt.log" 2>&1 || { log_tail "$LOG_DIR/apt.log"; die "apt-get update failed"; }
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "$@" >>"$LOG_DIR/apt.log" 2>&1 ||
      { log_tail "$LOG_DIR/apt.log"; die "apt-get install $* failed"; }
  fi
}

ensure_docker_engine() {
  if docker_ok; then
    log "Docker engine answers (server $(docker version --format '{{.Server.Version}}'))"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    log "no dockerd; installing Debian's docker.io"
    apt_install docker.io
  fi
  # A machine restored from a snapshot keeps dockerd's own PID file with no dockerd behind it;
  # dockerd then refuses to start. Remove it only when no process has that PID.
  local stale=/var/run/docker.pid
  if [[ -f $stale ]] && ! kill -0 "$(cat "$stale")" 2>/dev/null; then
    log "removing $stale left by a dockerd that is gone (pid $(cat "$stale"))"
    rm -f "$stale"
  fi
  log "starting dockerd in the background (log: $DOCKERD_LOG)"
  # setsid: dockerd must outlive this script and not get the caller's Ctrl-C; 9>&-: nor hold the
  # up/down lock (take_lock's fd), which would make every later down wait for it.
  setsid dockerd >"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$DOCKERD_PIDFILE"
  wait_for 60 "dockerd" "$DOCKERD_LOG" "$DOCKERD_PIDFILE" docker_ok || die "Docker engine did not start"
  log "Docker engine up (pid $(cat "$DOCKERD_PIDFILE"))"
}
