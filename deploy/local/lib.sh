# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this
# Shared settings and helpers for deploy/local/{install,start,stop,smoke}.sh.
# Sourced, not run. Every setting can be overridden from the environment.

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
KAFKA_POM="$REPO_ROOT/deploy/kafka/pom.xml"

# Pinned versions. Kafka's lives in deploy/kafka/pom.xml (<kafka.version>).
KAFKA_VERSION="${KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM" | head -n1)}"
SCHEMA_REGISTRY_MODULE="github.com/axonops/axonops-schema-registry"
SCHEMA_REGISTRY_VERSION="${SCHEMA_REGISTRY_VERSION:-v0.2.1}"

# Where things live.
FAULTLINE_CACHE="${FAULTLINE_CACHE:-$HOME/.cache/faultline}"
FAULTLINE_STATE="${FAULTLINE_STATE:-$REPO_ROOT/.faultline/local}"
KAFKA_LIBS="$FAULTLINE_CACHE/kafka/$KAFKA_VERSION/libs"
SCHEMA_REGISTRY_BIN="$FAULTLINE_CACHE/bin/schema-registry"

# Ports (all bound to 127.0.0.1).
KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
SCHEMA_REGISTRY_PORT="${SCHEMA_REGISTRY_PORT:-18081}"

KAFKA_STATE="$FAULTLINE_STATE/kafka"
KAFKA_DATA="$KAFKA_STATE/data"
KAFKA_PID="$KAFKA_STATE/kafka.pid"
KAFKA_LOG="$KAFKA_STATE/kafka.log"
SR_STATE="$FAULTLINE_STATE/schema-registry"
SR_PID="$SR_STATE/schema-registry.pid"
SR_LOG="$SR_STATE/schema-registry.log"
STATE_MARKER="$FAULTLINE_STATE/.faultline-local"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { printf '[faultline-local] %s\n' "$*"; }
die() { printf '[faultline-local] error: %s\n' "$*" >&2; exit 1; }

now() { date +%s.%N; }
# seconds since $1 (a `now` value), one decimal
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The pid in file $1 if that process is alive and its command line contains $2.
live_pid() {
  local file="$1" pattern="$2" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern" || return 1
  echo "$pid"
}

# Whether process $1 exists and is not a zombie (an exited child of init here can stay a
# zombie for a second or two until it is reaped).
pid_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
  [ "$state" != Z ] && [ "$state" != X ]
}

# Whether something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Whether the schema registry answers GET /subjects with 200.
registry_ready() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$SCHEMA_REGISTRY_PORT/subjects" || true)" = 200 ]
}

# Whether kafkajs resolves from the repo (root devDependency).
have_kafkajs() {
  command -v node >/dev/null 2>&1 && (cd "$REPO_ROOT" && node -e "require.resolve('kafkajs')" >/dev/null 2>&1)
}

# Which readiness probe kafka_ready uses: FAULTLINE_KAFKA_PROBE=node|java, else node when
# kafkajs is installed (fast), java (the jars' TopicCommand) otherwise.
kafka_probe() {
  case "${FAULTLINE_KAFKA_PROBE:-}" in
    node | java) echo "$FAULTLINE_KAFKA_PROBE" ;;
    *) if have_kafkajs; then echo node; else echo java; fi ;;
  esac
}

# Kafka answers a metadata request with at least one registered broker; waits up to $1 s.
kafka_ready() {
  local timeout="${1:-1}"
  if [ "$(kafka_probe)" = node ]; then
    (cd "$REPO_ROOT" && node "$LOCAL_DIR/kafka-ready.cjs" "$KAFKA_HOST:$KAFKA_PORT" "$timeout")
  else
    # Fallback without node_modules: the jars' own TopicCommand (about 2 s per JVM start).
    local deadline=$((SECONDS + timeout))
    while :; do
      if "$JAVA" -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$KAFKA_STATE/log4j2-tools.properties" \
        org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --list >/dev/null 2>&1; then
        return 0
      fi
      [ "$SECONDS" -lt "$deadline" ] || return 1
      sleep 1
    done
  fi
}

# Serializes start.sh / stop.sh runs on one state dir (e.g. parallel test files calling
# start.sh). The lock is fd 9; launched processes close it (see launch in start.sh).
take_lock() {
  mkdir -p "$FAULTLINE_STATE"
  exec 9>"$FAULTLINE_STATE/.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w "${1:-300}" 9 || die "another start.sh/stop.sh holds $FAULTLINE_STATE/.lock"
  fi
}

# Checks that java is 17 or newer.
check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (install OpenJDK 17+ or set JAVA_HOME)"
  local v
  v="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "Kafka $KAFKA_VERSION needs Java 17 or newer; $JAVA is $v"
}
