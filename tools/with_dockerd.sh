#!/usr/bin/env bash
# tools/with_dockerd.sh COMMAND...: run COMMAND with a Docker engine at hand (CI's
# `make compose-check`). An engine that already answers is used as it is; otherwise Debian's
# docker.io is installed if missing, and a dockerd of our own is started (its own data root,
# kept between runs so the base images built there are a cache; its own socket and pid file)
# and stopped again when COMMAND ends, whatever its outcome. Fails, never skips, when no
# engine can be had.
set -euo pipefail
DATA_ROOT="${COOPR_DOCKER_ROOT:-/var/lib/coopr-docker}"
RUN_DIR=/var/run/coopr-docker
SOCKET="unix://$RUN_DIR/docker.sock"
LOG=/tmp/coopr-dockerd.log

if docker info >/dev/null 2>&1; then
  echo "A Docker engine answers already: using it."
  exec "$@"
fi

if ! command -v dockerd >/dev/null; then
  echo "dockerd is missing; installing Debian's docker.io"
  apt-get update -qq && apt-get install -y -qq docker.io >/dev/null
fi
command -v dockerd >/dev/null || { echo "dockerd is missing (apt-get install docker.io)"; exit 1; }

mkdir -p "$DATA_ROOT" "$RUN_DIR"
echo "Starting dockerd (data root $DATA_ROOT, log $LOG)"
dockerd --data-root "$DATA_ROOT" --exec-root "$RUN_DIR/exec" --pidfile "$RUN_DIR/dockerd.pid" \
  -H "$SOCKET" >"$LOG" 2>&1 &
DOCKERD=$!
export DOCKER_HOST="$SOCKET"

stop() {
  status=$?
  echo "Stopping dockerd (pid $DOCKERD)"
  kill "$DOCKERD" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$DOCKERD" 2>/dev/null || break; sleep 1; done
  kill -9 "$DOCKERD" 2>/dev/null || true
  exit "$status"
}
trap stop EXIT

for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
docker info >/dev/null 2>&1 || { echo "dockerd did not start:"; tail -20 "$LOG"; exit 1; }
"$@"
