#!/usr/bin/env bash
# Builds the base image of a ConfigVault service image, as a docker-save tarball that Jib takes
# as its base (from.image = tar://...): no registry, no Docker daemon.
#
#   base-image.sh <work dir> <runtime classpath file> <classes dir> <state dir>
#
# Layer 1, the root filesystem: the shared libraries the JVM and the bundled natives need, taken
# from Debian packages (apt-get download + dpkg-deb -x, as distroless images are made; their
# copyright files and dpkg status entries stay, for licence notices and vulnerability scanners),
# /etc/passwd and /etc/group with the service user configvault (65532:65532), /tmp (1777) and
# <state dir> (owned by 65532, 0700) as mount points, /etc/configvault/secrets as a mount point
# (root:65532, 0750: the service user reaches secret files bound into it one by one, as compose
# secrets are, and no other user lists them).
# Layer 2, the Java runtime: a jlink'ed Java 25 under /opt/configvault/java (the modules jdeps
# finds on the service's classpath plus those only reflection reaches) and the service's JNI
# libraries pre-extracted under /opt/configvault/native, with /opt/configvault/native/jvm.args
# pointing sqlite-jdbc, zstd-jni and snappy-java at them (nothing is extracted at run time).
# Needs: a JDK 25 in JAVA_HOME, apt-get and dpkg-deb (Debian or Ubuntu), GNU tar, sha256sum.
set -euo pipefail

if [ "$#" -ne 4 ]; then
  echo "Usage: base-image.sh <work dir> <runtime classpath file> <classes dir> <state dir>" >&2
  exit 2
fi
work=$1
classpath_file=$2
classes=$3
state_dir=${4#/}
packages=(libc6 libgcc-s1 libstdc++6 zlib1g)
# Reached only by reflection or configuration, so jdeps cannot see them: Kerberos (GSSAPI) and
# JAAS login modules for Kafka SASL, DNS for client.dns.lookup, zip file systems.
extra_modules=jdk.security.auth,jdk.security.jgss,jdk.naming.dns,jdk.zipfs
uid=65532

: "${JAVA_HOME:?base-image.sh needs JAVA_HOME set to a JDK 25}"
for tool in apt-get dpkg-deb tar sha256sum; do
  command -v "$tool" >/dev/null || {
    echo "base-image.sh needs $tool on the PATH (a Debian or Ubuntu build machine)." >&2
    exit 1
  }
done
[ -f "$classpath_file" ] || {
  echo "Missing $classpath_file: build the service first (./mvnw -Ppackaging package)." >&2
  exit 1
}

rm -rf "$work"
mkdir -p "$work/debs" "$work/rootfs" "$work/runtime" "$work/image"
work=$(cd "$work" && pwd)
rootfs=$work/rootfs
runtime=$work/runtime

# --- Layer 1: root filesystem from Debian packages -----------------------------------------
if ! apt-cache show "${packages[0]}" >/dev/null 2>&1; then
  echo "[base-image] No apt package lists on this machine: running apt-get update"
  apt-get update -qq
fi
# (As root, apt warns that its sandbox user cannot write here; nothing else it says is dropped.)
(cd "$work/debs" && apt-get download -qq "${packages[@]}") 2>&1 | { grep -v unsandboxed || true; }
mkdir -p "$rootfs/var/lib/dpkg/status.d"
for pkg in "${packages[@]}"; do
  debs=("$work/debs/${pkg}"_*.deb)
  deb=${debs[0]}
  [ -f "$deb" ] || { echo "apt-get download did not fetch the package $pkg." >&2; exit 1; }
  dpkg-deb -x "$deb" "$rootfs"
  dpkg-deb -f "$deb" > "$rootfs/var/lib/dpkg/status.d/$pkg"
done
# The JVM needs none of these: documentation (copyright files stay), iconv modules, locales.
find "$rootfs/usr/share/doc" -type f ! -name copyright -delete
rm -rf "$rootfs/usr/share/lintian" "$rootfs/usr/share/man" "$rootfs/usr/share/locale" \
  "$rootfs/usr/share/gcc" "$rootfs/usr/share/gdb" "$rootfs/usr/lib/x86_64-linux-gnu/gconv"

mkdir -p "$rootfs/etc/configvault/secrets" "$rootfs/$state_dir" "$rootfs/tmp" \
  "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/opt/configvault"
cat > "$rootfs/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
configvault:x:$uid:$uid:ConfigVault:/$state_dir:/sbin/nologin
EOF
cat > "$rootfs/etc/group" <<EOF
root:x:0:
nogroup:x:65534:
configvault:x:$uid:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$rootfs/etc/hosts"
: > "$rootfs/etc/resolv.conf"
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/$state_dir"
chmod 0750 "$rootfs/etc/configvault/secrets"

# --- Layer 2: Java runtime and natives -------------------------------------------------------
classpath=$(tr -d '\n' < "$classpath_file")
IFS=: read -r -a jars <<< "$classpath"
modules=$("$JAVA_HOME/bin/jdeps" -q --ignore-missing-deps --multi-release 25 --print-module-deps \
  --class-path "$classpath" "$classes" "${jars[@]}")
echo "[base-image] Java modules: $modules,$extra_modules"
"$JAVA_HOME/bin/jlink" --add-modules "$modules,$extra_modules" --strip-debug --no-header-files \
  --no-man-pages --compress=zip-6 --output "$runtime/opt/configvault/java"
# java.desktop (java.beans, reached by libraries) brings the X11, sound and splash-screen
# libraries; a headless server loads none of them and the image has no X11 or ALSA to link them.
rm -f "$runtime"/opt/configvault/java/lib/{libawt_xawt,libjawt,libjsound,libsplashscreen}.so

native=$runtime/opt/configvault/native
mkdir -p "$native"
args=()
jar_of() { # <artifact id>: its jar on the classpath, if any
  tr ':' '\n' < "$classpath_file" | grep -E "/$1-[0-9][^/]*\.jar$" | head -n 1 || true
}
extract() { # <jar> <entry>: the entry, flat, into $native
  mkdir -p "$work/jar"
  (cd "$work/jar" && "$JAVA_HOME/bin/jar" xf "$1" "$2" && mv "$2" "$native/")
}
jar=$(jar_of sqlite-jdbc)
if [ -n "$jar" ]; then
  extract "$jar" org/sqlite/native/Linux/x86_64/libsqlitejdbc.so
  args+=("-Dorg.sqlite.lib.path=/opt/configvault/native" "-Dorg.sqlite.lib.name=libsqlitejdbc.so")
fi
jar=$(jar_of snappy-java)
if [ -n "$jar" ]; then
  extract "$jar" org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so
  args+=("-Dorg.xerial.snappy.lib.path=/opt/configvault/native"
    "-Dorg.xerial.snappy.lib.name=libsnappyjava.so")
fi
jar=$(jar_of zstd-jni)
if [ -n "$jar" ]; then
  zstd=lib$(basename "$jar" .jar).so
  extract "$jar" "linux/amd64/$zstd"
  args+=("-DZstdNativePath=/opt/configvault/native/$zstd")
fi
printf '%s\n' "${args[@]}" > "$native/jvm.args"

# Every library the runtime and the natives link against must resolve inside the image: the
# image's own dynamic loader lists them, and each must be a file of the two layers.
loader=$rootfs/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
libs=$rootfs/lib/x86_64-linux-gnu:$rootfs/usr/lib/x86_64-linux-gnu
libs=$libs:$runtime/opt/configvault/java/lib/server
missing=$(find "$runtime" \( -name '*.so' -o -path '*/bin/java' \) -type f -print0 \
  | xargs -0 -n 1 "$loader" --library-path "$libs" --list \
  | awk '/=>/ { print $1, $3 }' | grep -v " $work/" | sort -u || true)
if [ -n "$missing" ]; then
  echo "The image lacks libraries its runtime needs (name, where the host found it):" >&2
  echo "$missing" >&2
  exit 1
fi

# --- The docker-save tarball -------------------------------------------------------------------
pax=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime
reproducible=(--sort=name --mtime=@0 --numeric-owner --format=posix "--pax-option=$pax")
(cd "$rootfs" && tar -cf "$work/image/rootfs.tar" "${reproducible[@]}" --owner=0 --group=0 \
  --anchored --exclude="./$state_dir" --exclude=./etc/configvault/secrets . \
  && tar -rf "$work/image/rootfs.tar" "${reproducible[@]}" --owner=$uid --group=$uid \
    --no-recursion "./$state_dir" \
  && tar -rf "$work/image/rootfs.tar" "${reproducible[@]}" --owner=0 --group=$uid \
    --no-recursion ./etc/configvault/secrets)
(cd "$runtime" && tar -cf "$work/image/runtime.tar" "${reproducible[@]}" --owner=0 --group=0 .)
rootfs_id=$(sha256sum "$work/image/rootfs.tar" | cut -d' ' -f1)
runtime_id=$(sha256sum "$work/image/runtime.tar" | cut -d' ' -f1)
cat > "$work/image/config.json" <<EOF
{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[
"sha256:$rootfs_id","sha256:$runtime_id"]},"history":[
{"created_by":"ConfigVault base-image.sh: Debian ${packages[*]}, user configvault"},
{"created_by":"ConfigVault base-image.sh: jlink $modules,$extra_modules; natives"}]}
EOF
cat > "$work/image/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["configvault/base:local"],
"Layers":["rootfs.tar","runtime.tar"]}]
EOF
(cd "$work/image" && tar -cf "$work/base.tar" "${reproducible[@]}" --owner=0 --group=0 \
  manifest.json config.json rootfs.tar runtime.tar)
echo "[base-image] $work/base.tar: root filesystem $(du -sh "$rootfs" | cut -f1)," \
  "Java runtime $(du -sh "$runtime" | cut -f1)"
