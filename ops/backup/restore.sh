#!/usr/bin/env bash
# Restores a backup made by backup.sh into a named database with pg_restore --clean.
# Everything the dump contains is DROPPED and recreated in that database, so it refuses to
# run without --yes.
#
#   ops/backup/restore.sh --file FILE --db NAME [--url URL] [--create] --yes
#
#   --file FILE   a .dump written by backup.sh (custom format)
#   --db NAME     the database to restore into (replaces the database of --url)
#   --url URL     server to connect to, as a postgresql:// URL (default: $DATABASE_URL); the
#                 database part is replaced by NAME
#   --create      create NAME first when it does not exist (needs CREATEDB)
#   --yes         confirm: objects of the dump that exist in NAME are dropped first
#
# Stop the controller and worker first (docker compose stop controller worker), restore, run
# `sentinel migrate` (the dump may be from an older version), then start them again.
# A TimescaleDB dump is restored between timescaledb_pre_restore() and _post_restore().
# PG_RESTORE / PSQL override the client programs (the archive is read through stdin, so they
# may run inside the database container: PG_RESTORE="docker exec -i sentinel-prod-postgres pg_restore").
set -euo pipefail

file=""; db=""; url="${DATABASE_URL:-}"; create=0; yes=0
while [ $# -gt 0 ]; do
  case "$1" in
    --file) file="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --create) create=1; shift ;;
    --yes) yes=1; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "restore: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
read -r -a pg_restore <<< "${PG_RESTORE:-pg_restore}"
read -r -a psql <<< "${PSQL:-psql}"

[ -n "$file" ] && [ -f "$file" ] || { echo "restore: --file must name an existing backup" >&2; exit 2; }
[[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_-]{0,62}$ ]] || { echo "restore: --db must be a plain database name" >&2; exit 2; }
[[ "$url" =~ ^(postgres(ql)?://[^/?]*)(/[^?]*)?(\?.*)?$ ]] || {
  echo "restore: --url (or DATABASE_URL) must be a postgresql:// URL" >&2; exit 2; }
server="${BASH_REMATCH[1]}"
query="${BASH_REMATCH[4]}"
target="$server/$db$query"
maintenance="$server/postgres$query"

"${pg_restore[@]}" --list < "$file" > /dev/null || { echo "restore: $file is not a pg_dump custom-format archive" >&2; exit 2; }
if [ "$yes" -ne 1 ]; then
  echo "restore: this replaces every object of $file in database '$db' (pg_restore --clean)." >&2
  echo "restore: stop the controller and worker, then run again with --yes to confirm." >&2
  exit 3
fi

exists="$("${psql[@]}" --no-password --dbname="$maintenance" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")"
if [ "$exists" != "1" ]; then
  if [ "$create" -eq 1 ]; then
    "${psql[@]}" --no-password --dbname="$maintenance" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$db\""
  else
    echo "restore: database '$db' does not exist (add --create)" >&2
    exit 2
  fi
fi

timescale=0
if "${pg_restore[@]}" --list < "$file" | grep -q 'EXTENSION - timescaledb'; then
  timescale=1
  "${psql[@]}" --no-password --dbname="$target" -v ON_ERROR_STOP=1 -qc \
    "CREATE EXTENSION IF NOT EXISTS timescaledb; SELECT timescaledb_pre_restore();" > /dev/null
fi

status=0
"${pg_restore[@]}" --no-password --clean --if-exists --no-owner --no-privileges --exit-on-error \
  $([ "$timescale" -eq 1 ] || echo --single-transaction) --dbname="$target" < "$file" || status=$?

if [ "$timescale" -eq 1 ]; then
  "${psql[@]}" --no-password --dbname="$target" -qc "SELECT timescaledb_post_restore();" > /dev/null || status=1
fi
if [ "$status" -ne 0 ]; then
  echo "restore: pg_restore failed (exit $status); database '$db' may be partly restored" >&2
  exit "$status"
fi
echo "restored $file into database '$db'"
