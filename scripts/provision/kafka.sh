#!/usr/bin/env bash
# Resolves the Apache Kafka broker jars (KRaft mode, no ZooKeeper) from Maven Central into
# $VIGIL_TOOLS_DIR/kafka/<version>/libs, with log4j2 configured to log to stdout (our log file).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

dest="$VIGIL_TOOLS_DIR/kafka/$KAFKA_VERSION"
[ -f "$dest/.complete" ] && exit 0
say "resolving Apache Kafka $KAFKA_VERSION from Maven Central (~45 MB of jars; first run only)"
rm -rf "$dest"
mkdir -p "$dest/libs"
mvn -q -B -f "$(dirname "$0")/kafka-pom.xml" -Dkafka.version="$KAFKA_VERSION" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dest/libs" >"$dest/mvn.log" 2>&1 \
  || fail "mvn could not resolve Kafka $KAFKA_VERSION; see $dest/mvn.log"
cat >"$dest/log4j2.yaml" <<'YAML'
Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        Pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: kafka.server.KafkaConfig
        level: WARN
      - name: org.apache.kafka.clients
        level: WARN
YAML
touch "$dest/.complete"
