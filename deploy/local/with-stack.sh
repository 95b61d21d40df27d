#!/usr/bin/env bash
# Runs a command with the local Kafka + schema registry up: installs them (cached), starts
# what is not running, exports KAFKA_BROKERS and SCHEMA_REGISTRY_URL to the command, and
# afterwards stops only what this script started. `npm test` and .ci/run go through it.
#   deploy/local/with-stack.sh npm run test:all
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

was_running=0
if port_open "$KAFKA_PORT" && registry_ready; then was_running=1; fi

bash "$LOCAL_DIR/install.sh"
bash "$LOCAL_DIR/start.sh"

export KAFKA_BROKERS="$KAFKA_HOST:$KAFKA_PORT"
export SCHEMA_REGISTRY_URL="http://127.0.0.1:$SCHEMA_REGISTRY_PORT"
status=0
"$@" || status=$?

if [ "$was_running" -eq 0 ]; then
  bash "$LOCAL_DIR/stop.sh" --clean || true
fi
exit "$status"
