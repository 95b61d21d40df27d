#!/usr/bin/env bash
# Smoke test of a running local stack (start.sh first):
#   Kafka: a topic with 4 partitions, one message produced and consumed (kafkajs);
#   schema registry: Avro v1 registered, BACKWARD-compatible v2 accepted, an incompatible
#   v3 refused with 409. Uses a fresh subject each run (the registry is in-memory anyway).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

have_kafkajs || die "kafkajs not found: run npm install at the repo root"
(cd "$REPO_ROOT" && node "$LOCAL_DIR/smoke-kafka.cjs" "$KAFKA_HOST:$KAFKA_PORT")

sr="http://127.0.0.1:$SCHEMA_REGISTRY_PORT"
subject="${SMOKE_SUBJECT:-test-value}"
ct='Content-Type: application/vnd.schemaregistry.v1+json'
# request METHOD PATH [BODY] -> prints "STATUS BODY"
request() {
  local out code
  out="$(mktemp)"
  code="$(curl -s -o "$out" -w '%{http_code}' -X "$1" -H "$ct" "$sr$2" ${3:+--data "$3"})"
  echo "$code $(cat "$out")"
  rm -f "$out"
}
expect() { # expect STATUS "STATUS BODY" WHAT
  [ "${2%% *}" = "$1" ] || die "$3: expected HTTP $1, got: $2"
  log "$3: HTTP $2"
}

v1='{"schema":"{\"type\":\"record\",\"name\":\"Episode\",\"namespace\":\"faultline\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"duration_s\",\"type\":\"double\"}]}"}'
v2='{"schema":"{\"type\":\"record\",\"name\":\"Episode\",\"namespace\":\"faultline\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"duration_s\",\"type\":\"double\"},{\"name\":\"robot_id\",\"type\":[\"null\",\"string\"],\"default\":null}]}"}'
v3='{"schema":"{\"type\":\"record\",\"name\":\"Episode\",\"namespace\":\"faultline\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"duration_s\",\"type\":\"string\"},{\"name\":\"robot_id\",\"type\":[\"null\",\"string\"],\"default\":null}]}"}'

request DELETE "/subjects/$subject" >/dev/null
request DELETE "/subjects/$subject?permanent=true" >/dev/null
expect 200 "$(request POST "/subjects/$subject/versions" "$v1")" "register v1 (Avro record)"
expect 200 "$(request PUT "/config/$subject" '{"compatibility":"BACKWARD"}')" "set $subject compatibility BACKWARD"
expect 200 "$(request POST "/subjects/$subject/versions" "$v2")" "register v2 (adds optional field with default)"
expect 409 "$(request POST "/subjects/$subject/versions" "$v3")" "register v3 (duration_s double -> string)"
expect 200 "$(request GET "/subjects/$subject/versions")" "versions of $subject"
log "schema registry smoke: ok"
