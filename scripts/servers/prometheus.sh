# Prometheus: job "host" scrapes node_exporter, job "vigil" scrapes Vigil's own processes' /metrics.
# The admin API is on so that the demo backfill and tests can ask it to reload blocks and clean tombstones.
prometheus_start() {
  local dir="$DATA_DIR/prometheus"
  mkdir -p "$dir/tsdb"
  cat >"$dir/prometheus.yml" <<YML
global:
  scrape_interval: 15s
  evaluation_interval: 15s
scrape_configs:
  - job_name: host
    static_configs:
      - targets: ['127.0.0.1:$VIGIL_NODE_EXPORTER_PORT']
  - job_name: vigil
    static_configs:
      - targets:
          - '127.0.0.1:$VIGIL_WORKER_METRICS_PORT'
          - '127.0.0.1:$((VIGIL_WORKER_METRICS_PORT + 1))'
          - '127.0.0.1:$((VIGIL_WORKER_METRICS_PORT + 2))'
          - '127.0.0.1:$((VIGIL_WORKER_METRICS_PORT + 3))'
          - '127.0.0.1:$((VIGIL_WORKER_METRICS_PORT + 4))'
          - '127.0.0.1:$VIGIL_REST_PORT'
YML
  start_detached prometheus prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/tsdb" \
    --web.listen-address="127.0.0.1:$VIGIL_PROMETHEUS_PORT" --storage.tsdb.retention.time=30d \
    --web.enable-admin-api --web.enable-lifecycle
}
prometheus_ready() { http_ok "http://127.0.0.1:$VIGIL_PROMETHEUS_PORT/-/ready"; }
prometheus_where() { echo "http://127.0.0.1:$VIGIL_PROMETHEUS_PORT"; }
