#!/usr/bin/env bash
# The base images that the Dockerfile and docker-compose.yml name (python:3.12-slim,
# postgres:15, redis:7, caddy:2), made available to the local Docker engine:
#   1. already there (pulled before, or built by an earlier run): kept, nothing to do;
#   2. else pulled from the registry, when one can be reached;
#   3. else a stand-in built from Debian's packages (mmdebstrap a minimal bookworm, `docker
#      import` it with what the official image's Dockerfile and entry point do) and tagged
#      with the official name, so the project's files run unchanged.
# Stand-ins carry the label org.coopr.standin=<what is inside>. Debian 12 has no Python 3.12:
# the python:3.12-slim stand-in is Debian's Python 3.11 (the project supports 3.11+) at the
# official image's paths (/usr/local/bin/python, pip); postgres:15 and redis:7 (7.0) and
# caddy:2 (2.6) are the versions their tags say. The python stand-in trusts what this machine
# trusts (its local certificate authorities, /usr/local/share/ca-certificates, and
# SSL_CERT_FILE for uv), so that the image build reaches PyPI where this machine's does.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SUITE="${STANDIN_SUITE:-bookworm}"
PULL_TIMEOUT="${PULL_TIMEOUT:-20}"

log() { printf '[base-images] %s\n' "$*" >&2; }

ensure_mmdebstrap() {
  command -v mmdebstrap >/dev/null && return
  log "installing mmdebstrap from Debian"
  apt-get update -qq && apt-get install -y -qq mmdebstrap >/dev/null
}

# standin TAG PACKAGES CUSTOMIZE-HOOK CHANGES... : a minbase rootfs with PACKAGES, imported.
standin() {
  local tag="$1" packages="$2" hook="$3"
  shift 3
  ensure_mmdebstrap
  local tar
  tar="$(mktemp --suffix=.tar)"
  log "building the stand-in $tag from Debian $SUITE ($packages)"
  local changes=(--change "LABEL org.coopr.standin=\"debian-$SUITE: $packages\"")
  for change in "$@"; do changes+=(--change "$change"); done
  mmdebstrap --quiet --variant=minbase --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook="$hook" \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*.log' \
    "$SUITE" "$tar" || { rm -f "$tar"; return 1; }
  # Imported only once the rootfs is whole (a failed build must not leave an empty image).
  docker import "${changes[@]}" "$tar" "$tag" >/dev/null
  rm -f "$tar"
}

build_python() {
  standin python:3.12-slim "python3,python3-venv,python3-pip,ca-certificates" \
    'ln -s /usr/bin/python3 "$1/usr/local/bin/python"; ln -s /usr/bin/python3 "$1/usr/local/bin/python3";
     printf "#!/bin/sh\nexec /usr/bin/python3 -m pip \"\$@\"\n" > "$1/usr/local/bin/pip"; chmod 755 "$1/usr/local/bin/pip";
     rm -f "$1"/usr/lib/python3*/EXTERNALLY-MANAGED;
     for ca in /usr/local/share/ca-certificates/*.crt; do [ -f "$ca" ] && cp "$ca" "$1"/usr/local/share/ca-certificates/; done;
     chroot "$1" update-ca-certificates >/dev/null' \
    'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' 'ENV LANG=C.UTF-8' \
    'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
    'CMD ["python3"]'
}

build_postgres() {
  standin postgres:15 "postgresql-15" \
    "rm -rf \"\$1\"/var/lib/postgresql/15 \"\$1\"/etc/postgresql/15;
     mkdir -p \"\$1\"/docker-entrypoint-initdb.d \"\$1\"/var/lib/postgresql/data;
     cp $HERE/standin/postgres-entrypoint.sh \"\$1\"/usr/local/bin/docker-entrypoint.sh" \
    'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV PGDATA=/var/lib/postgresql/data' 'ENV LANG=C.UTF-8' \
    'ENTRYPOINT ["sh", "/usr/local/bin/docker-entrypoint.sh"]' 'CMD ["postgres"]' \
    'EXPOSE 5432' 'VOLUME /var/lib/postgresql/data'
}

build_redis() {
  standin redis:7 "redis-server" \
    "mkdir -p \"\$1\"/data; cp $HERE/standin/redis-entrypoint.sh \"\$1\"/usr/local/bin/docker-entrypoint.sh" \
    'ENTRYPOINT ["sh", "/usr/local/bin/docker-entrypoint.sh"]' 'CMD ["redis-server"]' \
    'WORKDIR /data' 'EXPOSE 6379' 'VOLUME /data'
}

build_caddy() {
  standin caddy:2 "caddy,ca-certificates" \
    'mkdir -p "$1"/config "$1"/data "$1"/etc/caddy' \
    'ENV XDG_CONFIG_HOME=/config' 'ENV XDG_DATA_HOME=/data' \
    'CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]' \
    'EXPOSE 80 443 443/udp 2019' 'VOLUME /config' 'VOLUME /data'
}

ensure() {
  local tag="$1" build="$2"
  if docker image inspect "$tag" >/dev/null 2>&1; then
    log "$tag: present$(docker image inspect -f '{{with index .Config.Labels "org.coopr.standin"}} (stand-in: {{.}}){{end}}' "$tag" 2>/dev/null)"
    return
  fi
  if timeout "$PULL_TIMEOUT" docker pull -q "$tag" >/dev/null 2>&1; then
    log "$tag: pulled"
    return
  fi
  log "$tag: no registry answered; building a stand-in"
  "$build"
}

# mmdebstrap is installed once, first, when any image is missing: four apt-get runs side by
# side fight over apt's lock, and all but one fail (seen on a fresh machine).
for tag in python:3.12-slim postgres:15 redis:7 caddy:2; do
  docker image inspect "$tag" >/dev/null 2>&1 || { ensure_mmdebstrap; break; }
done

# The four are independent: built side by side (each mostly waits on the Debian mirror).
pids=()
ensure python:3.12-slim build_python & pids+=($!)
ensure postgres:15 build_postgres & pids+=($!)
ensure redis:7 build_redis & pids+=($!)
ensure caddy:2 build_caddy & pids+=($!)
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit "$status"
