#!/usr/bin/env bash
# Provisions everything the local stack needs, caching it: Debian packages, the temporal CLI, the Kafka jars,
# grpcurl and schemathesis (test clients), node_modules and the native kernel. The first run on a fresh machine
# takes a few minutes; later runs take a second.
set -euo pipefail
[ "${VIGIL_PROVISIONED:-}" = 1 ] && exit 0
here="$(dirname "$0")"
source "$here/lib/common.sh"
mkdir -p "$VIGIL_TOOLS_DIR"

step() { say "provision [$1/7] $2"; }
step 1 "Debian packages (MariaDB, Prometheus, node_exporter)"
bash "$here/provision/system.sh"
step 2 "temporal CLI"
bash "$here/provision/temporal.sh"
step 3 "Apache Kafka"
bash "$here/provision/kafka.sh"
step 4 "grpcurl (the gRPC reflection test's client)"
bash "$here/provision/grpcurl.sh"
step 5 "node_modules"
lock_hash="$(sha256sum "$VIGIL_ROOT/package-lock.json" | cut -d' ' -f1)"
# Under a lock: two stacks of one checkout brought up at once (a test profile beside the local one) would
# otherwise run npm ci together, each deleting the node_modules the other is filling.
mkdir -p "$VIGIL_TOOLS_DIR"
exec 9>"$VIGIL_TOOLS_DIR/npm-ci.lock"
flock 9
if [ ! -f "$VIGIL_ROOT/node_modules/.vigil-lock" ] || [ "$(cat "$VIGIL_ROOT/node_modules/.vigil-lock")" != "$lock_hash" ]; then
  say "npm ci (first run only)"
  (cd "$VIGIL_ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$lock_hash" >"$VIGIL_ROOT/node_modules/.vigil-lock"
fi
flock -u 9
step 6 "native Holt-Winters grid kernel (optional)"
bash "$here/build-native.sh" --if-changed
step 7 "schemathesis (the REST API's contract test)"
bash "$here/provision/schemathesis.sh"
export VIGIL_PROVISIONED=1
