#!/usr/bin/env bash
# Stops the local schema registry and Kafka started by start.sh: SIGTERM, wait, then SIGKILL.
# Removes the pid files. `--clean` also deletes the state dir (Kafka's data, logs, configs).
# Env: FAULTLINE_STATE, KAFKA_STOP_TIMEOUT (30), SCHEMA_REGISTRY_STOP_TIMEOUT (10).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clean=""
for arg in "$@"; do
  case "$arg" in
    --clean) clean=1 ;;
    -h | --help) sed -n '2,4p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (usage: stop.sh [--clean])" ;;
  esac
done

if [ -d "$FAULTLINE_STATE" ]; then take_lock 300; fi

# stop_one NAME PIDFILE PATTERN TIMEOUT
stop_one() {
  local name="$1" pidfile="$2" pattern="$3" timeout="$4" pid t
  if ! pid="$(live_pid "$pidfile" "$pattern")"; then
    if [ -f "$pidfile" ]; then log "$name: not running (stale pid file removed)"; else log "$name: not running"; fi
    rm -f "$pidfile"
    return 0
  fi
  t="$(now)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while pid_alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name: still running ${timeout}s after SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.1
  done
  rm -f "$pidfile"
  log "$name: stopped (pid $pid) in $(since "$t") s"
}

stop_one "schema registry" "$SR_PID" schema-registry "${SCHEMA_REGISTRY_STOP_TIMEOUT:-10}"
stop_one kafka "$KAFKA_PID" kafka.Kafka "${KAFKA_STOP_TIMEOUT:-30}"

if [ -n "$clean" ]; then
  if [ ! -d "$FAULTLINE_STATE" ]; then
    log "state dir $FAULTLINE_STATE: already absent"
  elif [ -f "$STATE_MARKER" ]; then
    rm -rf -- "$FAULTLINE_STATE"
    log "state dir $FAULTLINE_STATE: deleted"
  else
    die "$FAULTLINE_STATE has no $(basename "$STATE_MARKER") marker (not made by start.sh); not deleting it"
  fi
fi
