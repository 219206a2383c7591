#!/usr/bin/env bash
# Installs the Debian packages of the local stack when any is missing: MariaDB, Prometheus (with promtool),
# node_exporter and Alertmanager, and Chromium (headless, for the dashboard's browser tests and benchmark, driven by
# playwright-core, which never downloads a browser). Cached by apt itself: a second run only checks.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

need=()
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v mariadb >/dev/null || need+=(mariadb-client)
command -v prometheus >/dev/null || need+=(prometheus)
command -v promtool >/dev/null || need+=(prometheus)
command -v prometheus-node-exporter >/dev/null || need+=(prometheus-node-exporter)
command -v prometheus-alertmanager >/dev/null || need+=(prometheus-alertmanager)
command -v curl >/dev/null || need+=(curl)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
say "installing Debian packages: ${need[*]} (first run only; about a minute)"
$sudo apt-get update -q >"$VIGIL_TOOLS_DIR/apt.log" 2>&1 || true
# The packages' own init scripts must not start system-wide servers: we run our own instances.
printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
$sudo chmod +x /usr/sbin/policy-rc.d
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}" >>"$VIGIL_TOOLS_DIR/apt.log" 2>&1 \
  || fail "apt-get install ${need[*]} failed; see $VIGIL_TOOLS_DIR/apt.log"
$sudo rm -f /usr/sbin/policy-rc.d
