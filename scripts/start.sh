#!/usr/bin/env bash
# `npm start`, the main job: provision what is missing, bring the local stack up, apply the database
# migrations, start Vigil's workers and APIs, backfill demo history once, and run a first pipeline cycle.
# Everything keeps running in the background; `npm stop` stops it all. Safe to run twice.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/common.sh"
source "$here/lib/processes.sh"

bash "$here/provision.sh"
export VIGIL_PROVISIONED=1
bash "$here/stack.sh" up
export_app_env
# REST writes need a bearer token: VIGIL_API_TOKEN if given (then gRPC asks for it too), else a local one made
# once and kept with the stack, for the REST API only.
VIGIL_REST_TOKEN="${VIGIL_API_TOKEN:-}"
if [ -z "$VIGIL_REST_TOKEN" ]; then
  token_file="$VIGIL_STACK_DIR/api-token"
  [ -s "$token_file" ] || node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("hex"))' >"$token_file"
  chmod 600 "$token_file"
  VIGIL_REST_TOKEN="$(cat "$token_file")"
fi
cd "$VIGIL_ROOT"

say "applying database migrations"
node bin/vigil.mjs migrate
start_vigil_processes

if [ ! -f "$VIGIL_STACK_DIR/demo-backfilled" ]; then
  say "backfilling 24 h of demo history (job=\"demo\") so the first analyses are complete"
  node bin/vigil.mjs demo backfill && date -u +%FT%TZ >"$VIGIL_STACK_DIR/demo-backfilled"
fi

say "running a first pipeline cycle now (the schedule then runs one every ${VIGIL_SCHEDULE_INTERVAL:-5m})"
node bin/vigil.mjs pipeline run || say "the first cycle failed; see $LOG_DIR/vigil-*.log and the Temporal Web UI"

cat >&2 <<INFO

Vigil is running.
  Temporal Web UI   http://127.0.0.1:$VIGIL_TEMPORAL_UI_PORT   (schedule "vigil-pipeline", workflows "pipeline-*")
  temporal CLI      $VIGIL_TOOLS_DIR/bin/temporal workflow list --address $TEMPORAL_ADDRESS
  Prometheus        $PROMETHEUS_URL
  Alertmanager      $ALERTMANAGER_URL   (add it as a target: POST /notification-targets {"kind":"alertmanager",...})
  MariaDB           $MYSQL_URL
  Kafka             $KAFKA_BROKERS (topic ${KAFKA_TOPIC:-prometheusdata})
  SLA REST API      http://127.0.0.1:$VIGIL_REST_PORT/docs   (writes: Bearer token = VIGIL_API_TOKEN, or the one in $VIGIL_STACK_DIR/api-token)
  gRPC retrieval    127.0.0.1:$VIGIL_GRPC_PORT   (npx vigil retrieve)
  logs              $LOG_DIR
Stop everything with: npm stop
INFO
