#!/usr/bin/env bash
# Backs up the Sentinel database with pg_dump: custom format, compressed, timestamped, checked
# readable, and only the newest N backups kept.
#
#   ops/backup/backup.sh [--url URL] [--dir DIR] [--keep N] [--compress 0-9]
#
#   --url URL     database to dump (default: $DATABASE_URL); any libpq URL or conninfo
#   --dir DIR     where backups go (default: $BACKUP_DIR, else ./backups)
#   --keep N      backups of this database to keep, the newest (default: $BACKUP_KEEP, else 14)
#   --compress N  pg_dump compression level (default 6)
#
# Writes DIR/sentinel-<db>-<UTC yyyymmddThhmmssZ>.dump and prints its path. The dump is first
# written under a temporary name and verified with `pg_restore --list`, so a failed or
# interrupted run never leaves a file that looks like a backup, and never deletes old ones.
# PG_DUMP / PG_RESTORE override the client programs, e.g. to run the server's own pg_dump:
#   PG_DUMP="docker exec -i sentinel-prod-postgres pg_dump" ... (see docs/operations.md)
set -euo pipefail

url="${DATABASE_URL:-}"
dir="${BACKUP_DIR:-./backups}"
keep="${BACKUP_KEEP:-14}"
level=6
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --compress) level="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "backup: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$url" ] || { echo "backup: no database: pass --url or set DATABASE_URL" >&2; exit 2; }
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || { echo "backup: --keep needs a whole number >= 1" >&2; exit 2; }
[[ "$level" =~ ^[0-9]$ ]] || { echo "backup: --compress needs 0-9" >&2; exit 2; }
read -r -a pg_dump <<< "${PG_DUMP:-pg_dump}"
read -r -a pg_restore <<< "${PG_RESTORE:-pg_restore}"

# the database name, for the file name: the path of a URL, or dbname= of a conninfo string
db=""
if [[ "$url" =~ ^postgres(ql)?://[^/]*/([^?]+) ]]; then
  db="${BASH_REMATCH[2]}"
elif [[ "$url" =~ (^|[[:space:]])dbname=([^[:space:]]+) ]]; then
  db="${BASH_REMATCH[2]}"
fi
db="${db:-default}"
db="${db//[^A-Za-z0-9_.-]/_}"

mkdir -p "$dir"
umask 077
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$dir/sentinel-$db-$stamp.dump"
partial="$dir/.sentinel-$db-$stamp.dump.partial"
trap 'rm -f "$partial"' EXIT

# A password inside the URL is visible in this host's process list while pg_dump runs; on a
# shared host leave it out of the URL and use ~/.pgpass or PGPASSWORD instead.
"${pg_dump[@]}" --format=custom --compress="$level" --no-password --dbname="$url" > "$partial"
# read through stdin so that PG_RESTORE may run in a container that cannot see this file
"${pg_restore[@]}" --list < "$partial" > /dev/null
mv "$partial" "$final"
trap - EXIT
echo "$final"

# retention: keep the newest $keep backups of this database (names sort by time)
mapfile -t backups < <(find "$dir" -maxdepth 1 -type f -name "sentinel-$db-*.dump" -printf '%f\n' | sort -r)
for old in "${backups[@]:$keep}"; do
  rm -f -- "$dir/$old"
  echo "removed old backup $dir/$old" >&2
done
