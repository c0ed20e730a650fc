#!/bin/sh
# The stand-in redis:7 image's entry point, as the official one: options alone run
# redis-server with them, and the server accepts connections from other containers (the
# official build turns protected mode off; the compose network is the protection).
set -eu
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ]; then
  shift
  set -- redis-server "$@" --protected-mode no
  cd /data
  if [ "$(id -u)" = 0 ]; then
    chown redis:redis /data
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
exec "$@"
