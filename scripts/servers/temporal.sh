# Temporal dev server: SQLite file under the stack folder (workflows survive a restart), Web UI on.
# WAL with synchronous=normal: a committed transaction survives a crash of the server process (what a local stack
# needs) without an fsync per write, which otherwise dominates an on-demand workflow's latency.
# No newsfeed fetch: these machines have no internet.
# The search attributes are the ones Vigil's workflows set, so runs can be filtered in the Web UI.
temporal_start() {
  mkdir -p "$DATA_DIR/temporal"
  start_detached temporal "$VIGIL_TOOLS_DIR/bin/temporal" server start-dev \
    --ip 127.0.0.1 --port "$VIGIL_TEMPORAL_PORT" --ui-ip 127.0.0.1 --ui-port "$VIGIL_TEMPORAL_UI_PORT" \
    --db-filename "$DATA_DIR/temporal/temporal.db" --log-level warn \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal --ui-disable-news-fetch \
    --search-attribute VigilMetric=Keyword --search-attribute VigilKind=Keyword
}
temporal_ready() {
  "$VIGIL_TOOLS_DIR/bin/temporal" operator cluster health --address "127.0.0.1:$VIGIL_TEMPORAL_PORT" >/dev/null 2>&1 \
    && http_ok "http://127.0.0.1:$VIGIL_TEMPORAL_UI_PORT/"
}
temporal_where() { echo "grpc 127.0.0.1:$VIGIL_TEMPORAL_PORT, Web UI http://127.0.0.1:$VIGIL_TEMPORAL_UI_PORT"; }
