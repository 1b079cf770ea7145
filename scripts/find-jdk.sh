# Sourced by the launcher and the build: prints the home of a JDK 25+ or fails with a clear message.
sentinel_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
sentinel_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-25-openjdk-arm64 /opt/java/openjdk; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      local major; major="$(sentinel_java_major "$candidate")"
      if [ -n "$major" ] && [ "$major" -ge 25 ]; then echo "$candidate"; return 0; fi
    fi
  done
  echo "sentinel: needs a Java 25 or newer JDK: set JAVA_HOME to one (looked in \$JAVA_HOME and /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  return 1
}
