#!/bin/sh
# minio/minio's contract: arguments that are not a command are given to `minio`.
set -e
if [ "$1" != minio ] && ! command -v "$1" >/dev/null 2>&1; then set -- minio "$@"; fi
exec "$@"
