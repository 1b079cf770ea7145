#!/bin/sh
# The official redis image's contract: `redis-server ...` (or bare options) runs as the redis
# user in /data; any other command (the compose file's `sh -c "exec redis-server ..."`) as given.
set -e
if [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . \! -user redis -exec chown redis '{}' + 2>/dev/null || true
  exec setpriv --reuid=redis --regid=redis --init-groups "$@"
fi
exec "$@"
