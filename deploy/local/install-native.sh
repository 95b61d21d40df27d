#!/usr/bin/env bash
# Makes the optional native Kafka client usable (KAFKA_CLIENT=confluent):
# @confluentinc/kafka-javascript, librdkafka behind a KafkaJS-compatible API. kafkajs, the
# default, needs none of this.
#
# Its npm install script cannot work here as it stands: node-pre-gyp first downloads a
# prebuilt binary from GitHub releases (not reachable), then builds from source, and that
# build runs librdkafka's configure with `--install-deps --source-deps-only`, which downloads
# zlib, OpenSSL, zstd and curl from their own hosts (not reachable either). With
# CKJS_LINKING=dynamic its util/configure.js passes none of those flags: librdkafka's
# configure then finds Debian's libraries with pkg-config, and the addon links a
# librdkafka.so built next to it (rpath $ORIGIN/../deps). So `npm ci` alone drops the
# package (an optional dependency whose install failed) and this script puts it back:
#
#   1. Debian packages: compilers and the -dev packages librdkafka's configure looks for;
#      apt-get installs the missing ones (root only; checked with dpkg-query first).
#   2. If node_modules/@confluentinc/kafka-javascript loads already: done.
#   3. Else the copy cached for this version, Node ABI and CPU, else a build: `npm install`
#      of the pinned version in a scratch dir with CKJS_LINKING=dynamic (about 75 s on 2
#      cores), stripped to what it needs at run time (18 MB) and cached.
#   4. That copy goes into node_modules (with bindings and file-uri-to-path, its only
#      run-time dependencies, at the lockfile's versions). npm's own files are not touched.
#
# Idempotent: an installed or cached build is reused (0.4-0.7 s). Exits non-zero when the
# client cannot be made usable; install.sh then carries on (kafkajs is unaffected).
# Env: FAULTLINE_CACHE (default ~/.cache/faultline); FAULTLINE_NATIVE=skip does nothing.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PKG=@confluentinc/kafka-javascript
DEBIAN_PACKAGES=(build-essential python3 pkg-config libssl-dev zlib1g-dev libzstd-dev liblz4-dev libsasl2-dev libcurl4-openssl-dev)

if [ "${FAULTLINE_NATIVE:-}" = skip ]; then
  log "native Kafka client: skipped (FAULTLINE_NATIVE=skip)"
  exit 0
fi
t_all="$(now)"
command -v node >/dev/null 2>&1 || die "node not found"
[ -d "$REPO_ROOT/node_modules" ] || die "no node_modules in $REPO_ROOT: run npm ci first"

# The pinned versions: the package from packages/kafka, its run-time dependencies from the lockfile.
versions="$(cd "$REPO_ROOT" && node -e '
  const kafka = require("./packages/kafka/package.json");
  const lock = require("./package-lock.json").packages;
  const v = (kafka.optionalDependencies || {})[process.argv[1]];
  if (!v) process.exit(3);
  console.log([v, lock["node_modules/bindings"]?.version ?? "1.5.0", lock["node_modules/file-uri-to-path"]?.version ?? "1.0.0"].join(" "));
' "$PKG")" || die "packages/kafka/package.json has no optionalDependencies entry for $PKG"
read -r CKJS_VERSION BINDINGS_VERSION FILE_URI_VERSION <<<"$versions"
key="$CKJS_VERSION-node-v$(node -p 'process.versions.modules')-$(node -p 'process.platform + "-" + process.arch')"
CACHE_DIR="$FAULTLINE_CACHE/confluent-kafka-javascript/$key"

loads() { (cd "$REPO_ROOT/packages/kafka" && node -e "require('$PKG')" >/dev/null 2>&1); }

# --- 1. Debian packages -----------------------------------------------------------------
t="$(now)"
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  log "native Kafka client: Debian packages present (${DEBIAN_PACKAGES[*]})"
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "native Kafka client: apt-get install ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "native Kafka client: Debian packages installed in $(since "$t") s"
else
  die "missing Debian packages ${missing[*]} (run as root: apt-get install -y ${missing[*]})"
fi

# --- 2. already usable? -------------------------------------------------------------------
if loads; then
  log "native Kafka client: $PKG already loads, skipped"
  exit 0
fi

# --- 3. build once per version, Node ABI and CPU ------------------------------------------
if [ ! -f "$CACHE_DIR/.complete" ]; then
  t="$(now)"
  log "native Kafka client: building $PKG $CKJS_VERSION from source against Debian's libraries (about 75 s) ..."
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/faultline-ckjs-XXXXXX")"
  trap 'rm -rf "$scratch"' EXIT
  printf '{"name":"faultline-ckjs-build","private":true}\n' >"$scratch/package.json"
  # node-gyp needs Node's headers; it downloads them unless nodedir says where they are
  # (Debian's nodejs package ships them under /usr/include/node).
  nodedir="$(npm config get nodedir 2>/dev/null || true)"
  if { [ -z "$nodedir" ] || [ "$nodedir" = undefined ] || [ "$nodedir" = null ]; } && [ -f /usr/include/node/node.h ]; then
    export npm_config_nodedir=/usr
  fi
  if ! (cd "$scratch" && CKJS_LINKING=dynamic npm install --no-audit --no-fund --no-save --foreground-scripts \
    "$PKG@$CKJS_VERSION" "bindings@$BINDINGS_VERSION" "file-uri-to-path@$FILE_URI_VERSION" >"$scratch/build.log" 2>&1); then
    tail -n 40 "$scratch/build.log" >&2
    die "building $PKG failed (the lines above are the end of the build log)"
  fi
  built="$scratch/node_modules/$PKG"
  # What it needs at run time: the JS, the addon and librdkafka's shared libraries.
  rm -rf "$built/deps" "$built/build/Release/obj.target" "$built/build/Release/.deps" \
    "$built/build/deps/include" "$built/build/deps/pkgconfig" "$built/build/deps/"*.a "$built/build/deps/"*.mk \
    "$built/build/deps/"*.Makefile
  (cd "$scratch" && node -e "require('$PKG')") || die "the $PKG just built does not load"
  tmp="$CACHE_DIR.tmp-$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/node_modules/@confluentinc"
  cp -a "$built" "$tmp/node_modules/@confluentinc/"
  cp -a "$scratch/node_modules/bindings" "$scratch/node_modules/file-uri-to-path" "$tmp/node_modules/"
  touch "$tmp/.complete"
  rm -rf "$CACHE_DIR"
  mv "$tmp" "$CACHE_DIR"
  rm -rf "$scratch"
  trap - EXIT
  log "native Kafka client: built and cached in $CACHE_DIR ($(du -sh "$CACHE_DIR" | cut -f1)) in $(since "$t") s"
fi

# --- 4. into node_modules -----------------------------------------------------------------
mkdir -p "$REPO_ROOT/node_modules/@confluentinc"
rm -rf "$REPO_ROOT/node_modules/$PKG"
cp -a "$CACHE_DIR/node_modules/$PKG" "$REPO_ROOT/node_modules/@confluentinc/"
for dep in bindings file-uri-to-path; do
  [ -d "$REPO_ROOT/node_modules/$dep" ] || cp -a "$CACHE_DIR/node_modules/$dep" "$REPO_ROOT/node_modules/"
done
loads || die "$PKG was copied into node_modules but does not load"
log "native Kafka client: $PKG $CKJS_VERSION ready (librdkafka $(cd "$REPO_ROOT/packages/kafka" && node -p "require('$PKG').librdkafkaVersion")) in $(since "$t_all") s"
