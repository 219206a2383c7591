#!/usr/bin/env bash
# The local stack as plain processes on 127.0.0.1 (no Docker): Temporal dev server + Web UI, Kafka (KRaft),
# MariaDB, Prometheus, node_exporter and Alertmanager.
#
#   scripts/stack.sh up [NAME...]    provision what is missing, start the servers, wait until each really answers
#   scripts/stack.sh down [NAME...]  stop them (data is kept under .vigil/<profile>)
#   scripts/stack.sh status   one line per server
#   scripts/stack.sh env      the environment Vigil's processes need for this stack (eval "$(... env)")
#
# VIGIL_PROFILE=test selects the test suite's own ports and data folder. Safe to run twice.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/common.sh"
for f in "$here"/servers/*.sh; do source "$f"; done

SERVERS=(mysql kafka temporal node_exporter prometheus alertmanager)
# Seconds each server gets to answer after start; Kafka and Temporal need the longest on a cold JVM/SQLite.
declare -A START_TIMEOUT=([mysql]=60 [kafka]=120 [temporal]=90 [node_exporter]=20 [prometheus]=60 [alertmanager]=30)

# The servers named on the command line (default: all), checked against the known list.
select_servers() {
  local name
  SELECTED=()
  [ $# -eq 0 ] && { SELECTED=("${SERVERS[@]}"); return; }
  for name in "$@"; do
    [[ " ${SERVERS[*]} " == *" $name "* ]] || fail "unknown server '$name' (known: ${SERVERS[*]})"
    SELECTED+=("$name")
  done
}

up() {
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR"
  bash "$here/provision.sh"
  local name
  for name in "${SELECTED[@]}"; do
    if is_running "$name" && "${name}_ready"; then
      say "$name already running ($("${name}_where"))"
      continue
    fi
    is_running "$name" && stop_server "$name"
    # Something else answering on this stack's port (another stack, a system service) would pass every readiness
    # check below and be used as ours, with its own data: refuse instead.
    if "${name}_ready"; then
      fail "$name: $("${name}_where") already answers, but not as this stack's process (another stack on the same port?): stop it or set this stack's port (VIGIL_*_PORT)"
    fi
    say "starting $name ..."
    "${name}_start"
  done
  for name in "${SELECTED[@]}"; do
    wait_until "$name" "${START_TIMEOUT[$name]}" "${name}_ready"
    say "$name ready: $("${name}_where")"
  done
  say "stack '$VIGIL_PROFILE' is up; data and logs in $VIGIL_STACK_DIR"
}

down() {
  local i
  # Reverse order: scrapers and clients first, storage last.
  for ((i = ${#SELECTED[@]} - 1; i >= 0; i--)); do
    if is_running "${SELECTED[$i]}"; then
      say "stopping ${SELECTED[$i]}"
      stop_server "${SELECTED[$i]}"
    fi
  done
}

status() {
  local name state rc=0
  for name in "${SERVERS[@]}"; do
    if ! is_running "$name"; then state="stopped"; rc=1
    elif "${name}_ready"; then state="ready"
    else state="running, not answering"; rc=1
    fi
    printf '%-14s %-24s %s\n' "$name" "$state" "$("${name}_where")"
  done
  return $rc
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  up) select_servers "$@"; up ;;
  down) select_servers "$@"; down ;;
  status) status ;;
  env) export_app_env; for v in TEMPORAL_ADDRESS KAFKA_BROKERS MYSQL_URL PROMETHEUS_URL ALERTMANAGER_URL VIGIL_WORKER_METRICS_PORT VIGIL_GRPC_PORT VIGIL_REST_PORT PATH VIGIL_SCHEMATHESIS; do printf 'export %s=%q\n' "$v" "${!v}"; done ;;
  *) echo "usage: $0 up [NAME...] | down [NAME...] | status | env   (NAME: ${SERVERS[*]})" >&2; exit 2 ;;
esac
