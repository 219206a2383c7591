# Alertmanager: where Vigil's SLO notifications go. Its one receiver has no integrations (nothing leaves the
# machine); tests read what arrived back through the API (GET /api/v2/alerts). Short group timings so that a
# test sees alerts grouped and flushed within seconds, not the production defaults' minutes.
# Clustering is off (empty --cluster.listen-address): a single instance must never gossip, and the cluster's
# default 0.0.0.0:9094 is this server's own API port in the local profile.
alertmanager_start() {
  local dir="$DATA_DIR/alertmanager"
  mkdir -p "$dir/data"
  cat >"$dir/alertmanager.yml" <<YML
route:
  receiver: vigil-api-only
  group_by: ['alertname']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: vigil-api-only
YML
  start_detached alertmanager prometheus-alertmanager --config.file="$dir/alertmanager.yml" \
    --storage.path="$dir/data" --web.listen-address="127.0.0.1:$VIGIL_ALERTMANAGER_PORT" \
    --cluster.listen-address=
}
alertmanager_ready() { http_ok "http://127.0.0.1:$VIGIL_ALERTMANAGER_PORT/-/ready"; }
alertmanager_where() { echo "http://127.0.0.1:$VIGIL_ALERTMANAGER_PORT"; }
