#!/usr/bin/env bash
# Installs the local distributed-mode dependencies into a cache directory:
#   - the Apache Kafka broker jars (from Maven Central, through deploy/kafka/pom.xml)
#   - the AxonOps schema registry binary (Confluent REST API compatible, built with Go)
#   - optionally, the native Kafka client for KAFKA_CLIENT=confluent (install-native.sh)
#   - the tools the monitoring and deployment checks run (install-checks.sh): Prometheus and
#     promtool and docker-compose from Debian's packages, the Grafana dashboard checker, and
#     Debian's chromium for the console's browser tests
# Idempotent: what is already in the cache for the pinned versions is skipped.
# Env: FAULTLINE_CACHE (default ~/.cache/faultline), KAFKA_VERSION, SCHEMA_REGISTRY_VERSION.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

t_all="$(now)"
for tool in "$JAVA" mvn go; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (install.sh needs java 17+, mvn and go)"
done
check_java
mkdir -p "$FAULTLINE_CACHE/bin" "$FAULTLINE_CACHE/kafka"
log "cache: $FAULTLINE_CACHE"

# --- Kafka jars ---------------------------------------------------------------------------
t="$(now)"
if [ -f "$KAFKA_LIBS/.complete" ]; then
  log "kafka $KAFKA_VERSION: already installed ($(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $KAFKA_LIBS), skipped"
else
  log "kafka $KAFKA_VERSION: fetching jars from Maven Central ..."
  tmp="$FAULTLINE_CACHE/kafka/.tmp-$KAFKA_VERSION-$$"
  rm -rf "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  # (the sed drops the bare colour resets that Debian's mvn prints even with -q -B)
  mvn -q -B -f "$KAFKA_POM" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 |
    sed -e 's/\x1b\[0m//g' -e '/^$/d'
  [ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ] || die "maven did not fetch kafka_2.13-$KAFKA_VERSION.jar"
  touch "$tmp/.complete"
  rm -rf "$KAFKA_LIBS"
  mkdir -p "$(dirname "$KAFKA_LIBS")"
  mv "$tmp" "$KAFKA_LIBS"
  trap - EXIT
  log "kafka $KAFKA_VERSION: installed $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars ($(du -sh "$KAFKA_LIBS" | cut -f1)) into $KAFKA_LIBS in $(since "$t") s"
fi

# --- schema registry ----------------------------------------------------------------------
# `go install module/cmd/schema-registry@version` would be the one-liner, but it also reads
# the module's version list (to look for deprecations) and the Go module proxy refuses that
# list for this module here (403), so go install @version fails although the pinned
# version itself is served. The equivalent, done here: download exactly that version into
# the module cache and `go install` its cmd/schema-registry as the main module (same
# go.mod and go.sum, read-only), with the version stamped in.
t="$(now)"
installed_version=""
if [ -x "$SCHEMA_REGISTRY_BIN" ]; then
  installed_version="$("$SCHEMA_REGISTRY_BIN" -version 2>/dev/null | awk '{print $2}' || true)"
fi
if [ "$installed_version" = "$SCHEMA_REGISTRY_VERSION" ]; then
  log "schema registry $SCHEMA_REGISTRY_VERSION: already installed ($SCHEMA_REGISTRY_BIN), skipped"
else
  log "schema registry $SCHEMA_REGISTRY_VERSION: building $SCHEMA_REGISTRY_MODULE/cmd/schema-registry with $(go version | awk '{print $3}') ..."
  export GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false"
  info="$(go mod download -json "$SCHEMA_REGISTRY_MODULE@$SCHEMA_REGISTRY_VERSION")" ||
    die "go mod download $SCHEMA_REGISTRY_MODULE@$SCHEMA_REGISTRY_VERSION failed: $info"
  src="$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  commit="$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Hash": "\(.*\)",*$/\1/p')"
  [ -d "$src" ] || die "module source for $SCHEMA_REGISTRY_MODULE@$SCHEMA_REGISTRY_VERSION not found"
  (cd "$src" && GOBIN="$FAULTLINE_CACHE/bin" go install -trimpath \
    -ldflags "-s -w -X main.version=$SCHEMA_REGISTRY_VERSION -X main.commit=${commit:-unknown} -X main.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    ./cmd/schema-registry)
  log "schema registry $SCHEMA_REGISTRY_VERSION: installed $SCHEMA_REGISTRY_BIN ($(du -h "$SCHEMA_REGISTRY_BIN" | cut -f1)) in $(since "$t") s"
fi

# --- optional native Kafka client (KAFKA_CLIENT=confluent) ------------------------------
# Debian packages + a build from source, cached like the parts above (first time about 85 s,
# then about 1 s). Optional: when it cannot be done, kafkajs (the default) is unaffected.
bash "$LOCAL_DIR/install-native.sh" ||
  log "native Kafka client: not available (KAFKA_CLIENT=confluent will not start; kafkajs unaffected)"

# --- Checks: Prometheus, promtool, docker-compose, chromium, dashboard-check (needed by npm test)
bash "$LOCAL_DIR/install-checks.sh"

log "install done in $(since "$t_all") s (kafka $KAFKA_VERSION, schema registry $SCHEMA_REGISTRY_VERSION)"
