#!/usr/bin/env bash
# Container health probe without curl or wget: GET http://127.0.0.1:$CONTROLLER_PORT<path>
# through bash's /dev/tcp and succeed only on a 2xx status line.
#   sentinel-healthcheck [PATH]        PATH defaults to /api/v1/health (liveness); /readyz for readiness
# Environment: CONTROLLER_PORT (default 5000), HEALTHCHECK_HOST (default 127.0.0.1),
# HEALTHCHECK_TIMEOUT seconds (default 4).
set -u
path="${1:-/api/v1/health}"
host="${HEALTHCHECK_HOST:-127.0.0.1}"
port="${CONTROLLER_PORT:-5000}"
wait_s="${HEALTHCHECK_TIMEOUT:-4}"

if ! exec 3<>"/dev/tcp/$host/$port"; then
  echo "unhealthy: nothing listens on $host:$port" >&2
  exit 1
fi
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: sentinel-healthcheck\r\nConnection: close\r\n\r\n' "$path" "$host:$port" >&3
status=""
IFS= read -r -t "$wait_s" status <&3 || true
exec 3<&- 3>&-
status="${status%$'\r'}"
case "$status" in
  "HTTP/1."[01]" 2"[0-9][0-9]*) exit 0 ;;
esac
echo "unhealthy: GET $path answered '${status:-nothing}'" >&2
exit 1
