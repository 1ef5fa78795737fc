#!/usr/bin/env bash
# Builds the appliance package of the capture agent (run by Maven at `package`, profile
# `packaging`): a jlink'ed Java runtime with the modules jdeps finds in the agent's jars plus the
# ones only reflection and ServiceLoader reach, the agent's jars, the launcher, the example
# configuration, the systemd unit with its drop-ins and a README, as
# target/configvault-agent-<version>-linux-x64.tar.gz with one top-level directory
# configvault-agent-<version>/.
#
# Usage: assemble.sh <jdk home> <version> <target dir> <project root>
# Expects the agent's jars in <target dir>/agent-lib (maven-dependency-plugin).
set -euo pipefail

jdk=$1
version=$2
target=$3
root=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Reached only by reflection or ServiceLoader, which jdeps cannot see: the EC provider module
# (still a module in 25), sun.misc.Unsafe users, JNDI and its DNS provider (Kafka's and
# Micronaut's lookups), zip file systems (resources inside jars), JAAS login modules (SASL).
extra_modules=jdk.crypto.ec,jdk.unsupported,java.naming,jdk.naming.dns,jdk.zipfs,jdk.security.auth

name=configvault-agent-$version
stage=$target/package
dir=$stage/$name
tarball=$target/$name-linux-x64.tar.gz

rm -rf "$stage" "$tarball"
mkdir -p "$dir/lib" "$dir/config/profiles" "$dir/systemd"

cp "$target"/agent-lib/*.jar "$dir/lib/"
jars=()
for jar in "$dir"/lib/*.jar; do
  jars+=("$jar")
done
classpath=$(IFS=:; echo "${jars[*]}")

modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 -q \
  --class-path "$classpath" "${jars[@]}")
echo "$modules" > "$target/jdeps-modules.txt"
echo "[agent-package] jdeps: $modules; added: $extra_modules"

"$jdk/bin/jlink" --add-modules "$modules,$extra_modules" --output "$dir/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6

mkdir -p "$dir/bin"
install -m 0755 "$here/package/bin/configvault-agent" "$dir/bin/configvault-agent"
install -m 0644 "$here/package/README" "$dir/README"
for profile in truenas passbolt; do
  mkdir -p "$dir/config/$profile"
  install -m 0644 "$here/package/config/$profile/agent.yml" "$dir/config/$profile/agent.yml"
  install -m 0644 "$root/deploy/profiles/$profile.yml" "$dir/config/profiles/$profile.yml"
done
install -m 0644 "$root/deploy/systemd/configvault-agent.service" "$dir/systemd/"
mkdir -p "$dir/systemd/configvault-agent.service.d"
install -m 0644 "$root"/deploy/systemd/configvault-agent.service.d/*.conf \
  "$dir/systemd/configvault-agent.service.d/"
install -m 0644 "$root/deploy/systemd/README.md" "$dir/systemd/README.md"
echo "$version" > "$dir/VERSION"

tar --create --gzip --file "$tarball" --directory "$stage" --sort=name \
  --owner=0 --group=0 --numeric-owner "$name"

runtime_size=$(du -sk "$dir/runtime" | cut -f1)
lib_size=$(du -sk "$dir/lib" | cut -f1)
tarball_size=$(( $(stat -c %s "$tarball") / 1024 ))
printf 'tarball %d KiB\nruntime %d KiB (unpacked)\nlib %d KiB\n' \
  "$tarball_size" "$runtime_size" "$lib_size" > "$target/package-sizes.txt"
echo "[agent-package] $tarball: $tarball_size KiB (runtime $runtime_size KiB, lib $lib_size KiB unpacked)"
