#!/usr/bin/env bash
# Makes a self-signed TLS certificate for labs and tests (browsers and sensors will not trust
# it unless told to; use a real CA for production).
#
#   ops/nginx/make-selfsigned-cert.sh [-d DIR] [-n NAME] [--days N] [SAN ...]
#
# Writes DIR/privkey.pem (EC P-256, mode 600) and DIR/fullchain.pem. DIR defaults to
# ops/nginx/certs (what docker-compose.prod.yml mounts), NAME to the host name, SANs to NAME,
# localhost and 127.0.0.1; extra SANs are host names or IP addresses.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$here/certs"
name="$(hostname -f 2>/dev/null || hostname)"
days=365
sans=()
while [ $# -gt 0 ]; do
  case "$1" in
    -d|--dir) dir="$2"; shift 2 ;;
    -n|--name) name="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "make-selfsigned-cert: unknown option $1" >&2; exit 2 ;;
    *) sans+=("$1"); shift ;;
  esac
done
command -v openssl >/dev/null || { echo "make-selfsigned-cert: needs openssl" >&2; exit 1; }
[[ "$days" =~ ^[0-9]+$ ]] || { echo "make-selfsigned-cert: --days needs a number" >&2; exit 2; }

san_list=""
for entry in "$name" localhost 127.0.0.1 ::1 "${sans[@]+"${sans[@]}"}"; do
  if [[ "$entry" =~ ^[0-9.]+$ || "$entry" == *:* ]]; then item="IP:$entry"; else item="DNS:$entry"; fi
  case ",$san_list," in *",$item,"*) ;; *) san_list="${san_list:+$san_list,}$item" ;; esac
done

mkdir -p "$dir"
umask 077
tmp="$(mktemp -d "$dir/.cert.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
  -days "$days" -subj "/CN=$name" \
  -addext "subjectAltName=$san_list" \
  -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" \
  -addext "extendedKeyUsage=serverAuth" \
  -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null
chmod 600 "$tmp/privkey.pem"
chmod 644 "$tmp/fullchain.pem"
mv -f "$tmp/privkey.pem" "$dir/privkey.pem"
mv -f "$tmp/fullchain.pem" "$dir/fullchain.pem"
echo "wrote $dir/fullchain.pem and $dir/privkey.pem (CN=$name, $san_list, $days days)"
openssl x509 -in "$dir/fullchain.pem" -noout -fingerprint -sha256
