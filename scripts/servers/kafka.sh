# Apache Kafka in KRaft mode: one process is both broker and controller. Replication factor 1 everywhere,
# since there is a single broker.
kafka_home() { echo "$VIGIL_TOOLS_DIR/kafka/$KAFKA_VERSION"; }
kafka_java() { java -Xms256m -Xmx768m -Dlog4j2.configurationFile="$(kafka_home)/log4j2.yaml" -cp "$(kafka_home)/libs/*" "$@"; }
kafka_start() {
  local dir="$DATA_DIR/kafka" props="$DATA_DIR/kafka/server.properties"
  mkdir -p "$dir/logs"
  cat >"$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$VIGIL_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$VIGIL_KAFKA_PORT,CONTROLLER://127.0.0.1:$VIGIL_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$VIGIL_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/logs
num.partitions=6
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=168
PROPS
  if [ ! -f "$dir/logs/meta.properties" ]; then
    kafka_java kafka.tools.StorageTool format --cluster-id "$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)" \
      --config "$props" >>"$LOG_DIR/kafka.log" 2>&1 || fail "formatting Kafka storage failed; see $LOG_DIR/kafka.log"
  fi
  start_detached kafka java -Xms256m -Xmx768m -Dlog4j2.configurationFile="$(kafka_home)/log4j2.yaml" \
    -cp "$(kafka_home)/libs/*" kafka.Kafka "$props"
}
# The port opens before the broker has joined its own quorum; "Kafka Server started" is logged once it serves.
# grep -c reads all its input: with pipefail, grep -q would stop early and fail the pipeline on tail's SIGPIPE.
kafka_ready() {
  tcp_open "$VIGIL_KAFKA_PORT" && [ "$(log_since_start kafka | grep -c 'Kafka Server started')" -gt 0 ]
}
kafka_where() { echo "bootstrap 127.0.0.1:$VIGIL_KAFKA_PORT"; }
