#!/usr/bin/env bash
# Installs the Sentinel sensor as a systemd service on Debian 12 or Raspberry Pi OS (bookworm),
# amd64 or arm64. Run as root from an unpacked distribution (the directory holding bin/sentinel
# and app/target/sentinel.jar, or lib/sentinel.jar):
#
#   sudo ops/sensor/install-sensor.sh --iface wlan1
#   sudo -u sentinel-sensor env JAVA_HOME=/usr/lib/jvm/temurin-25-jre-arm64 /opt/sentinel/bin/sentinel sensor enroll --controller https://wids.example.org \
#        --sensor-id $(hostname) --token-stdin --state-dir /var/lib/sentinel-sensor   # paste the admin token
#   sudo systemctl start sentinel-sensor
#
# Options: --iface IF (default wlan1), --prefix DIR (default /opt/sentinel), --no-java (a Java 25
# runtime is already installed; set JAVA_HOME in /etc/sentinel/sensor.env yourself).
set -euo pipefail

iface=wlan1
prefix=/opt/sentinel
install_java=1
while [ $# -gt 0 ]; do
  case "$1" in
    --iface) iface="$2"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --no-java) install_java=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "install-sensor: unknown option $1" >&2; exit 2 ;;
  esac
done

[ "$(id -u)" -eq 0 ] || { echo "install-sensor: run as root" >&2; exit 1; }
src="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
if [ -f "$src/app/target/sentinel.jar" ]; then jar="$src/app/target/sentinel.jar"; libs="$src/app/target/lib"
elif [ -f "$src/lib/sentinel.jar" ]; then jar="$src/lib/sentinel.jar"; libs="$src/lib/lib"
else echo "install-sensor: no sentinel.jar under $src (build it: scripts/mvn -q -DskipTests package)" >&2; exit 1; fi

arch="$(dpkg --print-architecture)"
case "$arch" in
  amd64|arm64) ;;
  *) echo "install-sensor: $arch is not supported (Java 25 builds exist for amd64 and arm64; use a 64-bit OS)" >&2; exit 1 ;;
esac

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q libpcap0.8 iw iproute2 ca-certificates wget gnupg

if [ "$install_java" -eq 1 ] && ! ls -d /usr/lib/jvm/temurin-25-j* >/dev/null 2>&1; then
  # Eclipse Temurin from the Adoptium repository (Debian does not ship Java 25 in bookworm).
  install -d -m 0755 /etc/apt/keyrings
  wget -qO- https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor > /etc/apt/keyrings/adoptium.gpg
  codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
  echo "deb [signed-by=/etc/apt/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb $codename main" \
    > /etc/apt/sources.list.d/adoptium.list
  apt-get update -q
  apt-get install -y -q temurin-25-jre
fi
java_home="$(ls -d /usr/lib/jvm/temurin-25-j* 2>/dev/null | head -1 || true)"

id sentinel-sensor >/dev/null 2>&1 || useradd --system --home-dir /var/lib/sentinel-sensor --no-create-home \
  --shell /usr/sbin/nologin sentinel-sensor

install -d -m 0755 "$prefix" "$prefix/bin" "$prefix/scripts" "$prefix/lib" "$prefix/lib/lib" "$prefix/docs"
install -m 0755 "$src/bin/sentinel" "$prefix/bin/sentinel"
install -m 0644 "$src/scripts/find-jdk.sh" "$prefix/scripts/find-jdk.sh"
install -m 0644 "$jar" "$prefix/lib/sentinel.jar"
install -m 0644 "$libs"/*.jar "$prefix/lib/lib/"
[ -f "$src/docs/sensor.md" ] && install -m 0644 "$src/docs/sensor.md" "$prefix/docs/sensor.md"

install -d -m 0750 -g sentinel-sensor /etc/sentinel
if [ ! -f /etc/sentinel/sensor.env ]; then
  sed -e "s|^SENTINEL_SENSOR_IFACE=.*|SENTINEL_SENSOR_IFACE=$iface|" \
      -e "s|^JAVA_HOME=.*|JAVA_HOME=${java_home:-/usr/lib/jvm/temurin-25-jre-$arch}|" \
      "$src/ops/sensor/sensor.env.example" > /etc/sentinel/sensor.env
  chown root:sentinel-sensor /etc/sentinel/sensor.env
  chmod 0640 /etc/sentinel/sensor.env
fi
install -d -m 0700 -o sentinel-sensor -g sentinel-sensor /var/lib/sentinel-sensor

install -m 0644 "$src/ops/sensor/sentinel-sensor.service" /etc/systemd/system/sentinel-sensor.service
systemctl daemon-reload
systemctl enable sentinel-sensor.service >/dev/null

cat <<MSG
Sentinel sensor installed in $prefix (interface $iface, settings in /etc/sentinel/sensor.env).
Next:
  1. enrol (the admin token is read from stdin, so it stays out of ps and the shell history):
       sudo -u sentinel-sensor env JAVA_HOME=${java_home:-/usr/lib/jvm/temurin-25-jre-$arch} \\
            $prefix/bin/sentinel sensor enroll --controller https://CONTROLLER \\
            --sensor-id $(hostname) --token-stdin --state-dir /var/lib/sentinel-sensor
  2. start it:    sudo systemctl start sentinel-sensor
  3. watch it:    journalctl -u sentinel-sensor -f
MSG
