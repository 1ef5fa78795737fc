# Sourced by deploy/local/run and .ci/run: exports JAVA_HOME pointing at a JDK 25.
# Uses $JAVA_HOME when it is a JDK 25, else the first JDK 25 under /usr/lib/jvm.
configvault_is_jdk25() {
  [ -x "$1/bin/javac" ] || return 1
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq 'java\.specification\.version = 25$'
}
if [ -z "${JAVA_HOME:-}" ] || ! configvault_is_jdk25 "$JAVA_HOME"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -d "$candidate" ] && configvault_is_jdk25 "$candidate"; then
      JAVA_HOME="$candidate"
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "ConfigVault needs a JDK 25: set JAVA_HOME to one or install it under /usr/lib/jvm." >&2
    exit 1
  fi
fi
export JAVA_HOME
