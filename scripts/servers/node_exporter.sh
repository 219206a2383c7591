# node_exporter: the machine's own metrics, scraped by Prometheus as job "host" (as the original did;
# docs/architecture.md).
node_exporter_start() {
  start_detached node_exporter prometheus-node-exporter --web.listen-address="127.0.0.1:$VIGIL_NODE_EXPORTER_PORT" \
    --no-collector.systemd
}
node_exporter_ready() { http_ok "http://127.0.0.1:$VIGIL_NODE_EXPORTER_PORT/metrics"; }
node_exporter_where() { echo "http://127.0.0.1:$VIGIL_NODE_EXPORTER_PORT/metrics"; }
