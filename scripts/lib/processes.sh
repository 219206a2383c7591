# Vigil's own processes for the main job, run detached like the servers (pid in RUN_DIR, log in LOG_DIR).
# Each entry: NAME|vigil arguments|port whose /metrics (or /healthz) answers once it is up|extra environment.
# Only the REST API gets the write token: the gRPC server asks for one only when VIGIL_API_TOKEN is set.
vigil_processes() {
  cat <<LIST
vigil-pipeline|worker pipeline|$VIGIL_WORKER_METRICS_PORT
vigil-analysis|worker analysis|$((VIGIL_WORKER_METRICS_PORT + 1))
vigil-storage|worker storage|$((VIGIL_WORKER_METRICS_PORT + 2))
vigil-retrieval|api retrieval|$((VIGIL_WORKER_METRICS_PORT + 3))
vigil-sla|worker sla|$((VIGIL_WORKER_METRICS_PORT + 4))
vigil-sla-api|api sla|$VIGIL_REST_PORT|VIGIL_API_TOKEN=${VIGIL_REST_TOKEN:-}
LIST
}

start_vigil_processes() {
  local name args port extra
  while IFS='|' read -r name args port extra; do
    if is_running "$name"; then say "$name already running"; continue; fi
    say "starting $name (vigil $args)"
    # shellcheck disable=SC2086 # args and extra are fixed lists from vigil_processes, split on purpose
    start_detached "$name" env $extra node "$VIGIL_ROOT/bin/vigil.mjs" $args
  done < <(vigil_processes)
  while IFS='|' read -r name args port extra; do
    wait_until "$name" 90 http_ok "http://127.0.0.1:$port/metrics"
    say "$name ready (metrics http://127.0.0.1:$port/metrics)"
  done < <(vigil_processes)
}

stop_vigil_processes() {
  local name args port extra
  while IFS='|' read -r name args port extra; do
    if is_running "$name"; then say "stopping $name"; stop_server "$name"; fi
  done < <(vigil_processes)
}
