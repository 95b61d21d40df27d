#!/usr/bin/env bash
# Installs the tools that check the deployment files (test/deploy/deploy.test.ts):
#   - promtool, from Debian's `prometheus` package (the package also ships a Prometheus
#     daemon: where the package's install starts it, it is stopped again, see below)
#   - docker-compose, Debian's 1.29.2 (only `docker-compose config` is used: it parses,
#     interpolates and validates a compose file without a Docker daemon)
#   - chromium, Debian's browser, driven headless by playwright-core in the console's browser
#     tests (test/service/console.test.ts; Playwright's own browser download is not used)
#   - dashboard-check (deploy/tools/dashboard-check, Go): Grafana dashboards against the
#     Grafana Foundation SDK's schema, built into $FAULTLINE_CACHE/bin and rebuilt when its
#     go.mod, go.sum or main.go change
# Idempotent: a tool already there is skipped (about 0.1 s when all are).
# Env: FAULTLINE_CACHE (default ~/.cache/faultline).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TOOL_DIR="$REPO_ROOT/deploy/tools/dashboard-check"
DASHBOARD_CHECK_BIN="$FAULTLINE_CACHE/bin/dashboard-check"

t_all="$(now)"
mkdir -p "$FAULTLINE_CACHE/bin"

# --- Debian packages: promtool, docker-compose, chromium --------------------------------------------
t="$(now)"
declare -A PROVIDES=([prometheus]=promtool [docker-compose]=docker-compose [chromium]=chromium)
missing=()
for p in prometheus docker-compose chromium; do
  command -v "${PROVIDES[$p]}" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  log "checks: promtool, docker-compose and chromium present ($(promtool --version 2>&1 | awk 'NR==1 {print $3}'), $(docker-compose version --short 2>/dev/null), $(chromium --version 2>/dev/null | awk '{print $2}')), skipped"
else
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get: install promtool and docker-compose by hand"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}: run as root or install sudo (apt-get install -y ${missing[*]})"
    SUDO=(sudo)
  fi
  # Whether a Prometheus daemon already runs, so that only one started by this install is
  # stopped below.
  was_running=no
  if command -v pgrep >/dev/null 2>&1 && pgrep -x prometheus >/dev/null 2>&1; then was_running=yes; fi
  log "checks: apt-get install ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq >/dev/null
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian's prometheus package enables and starts its daemon where the init system lets it
  # (systemd; not in containers whose policy-rc.d forbids starting services). Only promtool
  # is wanted: stop the daemon and keep it from starting at boot.
  if [[ " ${missing[*]} " == *" prometheus "* ]] && [ "$was_running" = no ]; then
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      "${SUDO[@]}" systemctl disable --now prometheus >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/prometheus ]; then
      "${SUDO[@]}" /etc/init.d/prometheus stop >/dev/null 2>&1 || true
    fi
    if command -v pgrep >/dev/null 2>&1 && pgrep -x prometheus >/dev/null 2>&1; then
      log "checks: warning: a prometheus daemon is still running after the install (pid $(pgrep -x prometheus | tr '\n' ' '))"
    else
      log "checks: no prometheus daemon left running (only promtool is used)"
    fi
  fi
  for p in prometheus docker-compose chromium; do
    command -v "${PROVIDES[$p]}" >/dev/null 2>&1 || die "apt-get installed $p but ${PROVIDES[$p]} is not on PATH"
  done
  log "checks: installed ${missing[*]} in $(since "$t") s"
fi

# --- dashboard-check (Go) -----------------------------------------------------------------
t="$(now)"
command -v go >/dev/null 2>&1 || die "go not found (dashboard-check is built with go 1.26+)"
hash="$(cat "$TOOL_DIR/go.mod" "$TOOL_DIR/go.sum" "$TOOL_DIR/main.go" | sha256sum | cut -c1-16)-$(go env GOVERSION)"
stamp="$DASHBOARD_CHECK_BIN.hash"
if [ -x "$DASHBOARD_CHECK_BIN" ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$hash" ]; then
  log "dashboard-check: up to date ($DASHBOARD_CHECK_BIN), skipped"
else
  log "dashboard-check: building with $(go version | awk '{print $3}') ..."
  tmp="$DASHBOARD_CHECK_BIN.tmp-$$"
  trap 'rm -f "$tmp"' EXIT
  (cd "$TOOL_DIR" && GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false" go build -trimpath -o "$tmp" .) ||
    die "building deploy/tools/dashboard-check failed"
  mv "$tmp" "$DASHBOARD_CHECK_BIN"
  trap - EXIT
  printf '%s\n' "$hash" >"$stamp"
  log "dashboard-check: built $DASHBOARD_CHECK_BIN ($(du -h "$DASHBOARD_CHECK_BIN" | cut -f1)) in $(since "$t") s"
fi

log "checks: tools ready in $(since "$t_all") s (promtool, docker-compose, chromium, $DASHBOARD_CHECK_BIN)"
