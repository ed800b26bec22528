#!/usr/bin/env bash
# Same-run comparison of the ringlog broker with Apache Kafka (issue 5's speed goals).
#
# 1. Resolves Apache Kafka's broker and its runtime dependencies from Maven Central with the
#    standalone pom bench/kafka-reference/pom.xml (not a reactor module: ./mvnw verify never fetches it).
# 2. Writes a single-node KRaft server.properties (log dir under --dir, i.e. the same file system as
#    ringlog's data), formats it (kafka.tools.StorageTool format --standalone), starts Kafka with
#    `java -cp` and the JVM flags of kafka-server-start.sh (-Xmx1G -Xms1G, G1), waits for its port.
# 3. Starts `bin/ringlog broker` as a separate process on --dir (durable store, write path auto).
# 4. Runs `ringlog bench --target broker` three times (512 B one in flight, 4 KiB one in flight,
#    512 B batched), each interleaving in rounds, in one client process:
#      kafka_fsync  Kafka, topic config flush.messages=1 (an fsync after every message; the topic-level
#                   form of log.flush.interval.messages=1)
#      kafka        Kafka, default flushing (no fsync on the produce path)
#      ringlog      the ringlog broker process (every ack durable)
# 5. Prints a table with ringlog/kafka_fsync and ringlog/kafka ratios (bench/summarize-broker-runs.py),
#    the load average, ready times and RSS; stops both brokers (by pid) at exit.
#
# Usage: bench/run-broker-vs-kafka.sh [--dir DIR] [--out DIR] [--rounds N] [--ops N] [--batched-ops N]
#                                      [--before TREE] [--extra BACKENDS] [--skip-batched] [--skip-4k]
#                                      [--no-kafka-fsync] [--write-path P]
#        --before TREE: also run TREE/bin/ringlog broker (another built checkout, e.g. the commit before a
#                       change) as row ringlog_before, interleaved with the others: a same-run before/after.
#        --extra BACKENDS: more broker-target rows, e.g. ringlog_memory,raw:auto (in the bench process).
#        --no-kafka-fsync: leave out the kafka_fsync row (the slowest: for a quick before/after).
#        --write-path P: pins the write path of the ringlog broker processes (a config file with
#                       ringlog.write.path=P) and of in-process rows (-Dringlog.store.writePath=P); auto
#                       calibrates per data directory and may pick differently for two brokers.
#        KAFKA_JAVA=/path/to/java overrides the JDK Kafka runs on (default: the JDK 25 bin/ringlog uses).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir=/tmp/ringlog-vs-kafka
out=""
rounds=5
ops=5000
batched_ops=200000
kafka_port=19092
ringlog_port=19192
before_port=19292
before=""
extra=""
batched=1
fourk=1
kafka_fsync=1
write_path=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --ops) ops="$2"; shift 2 ;;
    --batched-ops) batched_ops="$2"; shift 2 ;;
    --before) before="$(cd "$2" && pwd)"; shift 2 ;;
    --extra) extra="$2"; shift 2 ;;
    --skip-batched) batched=0; shift ;;
    --skip-4k) fourk=0; shift ;;
    --no-kafka-fsync) kafka_fsync=0; shift ;;
    --write-path) write_path="$2"; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
out="${out:-$dir/results}"
mkdir -p "$dir" "$out"
work="$(mktemp -d "$dir/run-XXXXXX")"
ringlog_config=()
if [ -n "$write_path" ]; then
  printf 'ringlog.write.path=%s\n' "$write_path" > "$work/ringlog.properties"
  ringlog_config=(--config "$work/ringlog.properties")
  export RINGLOG_JAVA_OPTS="${RINGLOG_JAVA_OPTS:-} -Dringlog.store.writePath=$write_path"
fi
kafka_pid=""; ringlog_pid=""; before_pid=""

stop() { # stop the brokers this script started, by pid
  for p in "$kafka_pid" "$ringlog_pid" "$before_pid"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      kill "$p" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$p" 2>/dev/null || true
    fi
  done
  rm -rf "$work/kafka-data" "$work/ringlog-data" "$work/before-data" "$work/bench"
}
trap stop EXIT

java_bin() {
  if [ -n "${KAFKA_JAVA:-}" ]; then echo "$KAFKA_JAVA"; return; fi
  local c
  for c in "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/temurin-25*/bin/java /usr/lib/jvm/*25*/bin/java; do
    [ -x "$c" ] && { echo "$c"; return; }
  done
  command -v java
}

wait_port() { # wait_port PORT PID NAME: until the port accepts connections (60 s), or the process died
  local i
  for i in $(seq 1 600); do
    (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 exited before listening; see its log in $work" >&2; return 1; }
    sleep 0.1
  done
  echo "$3 did not listen on $1 within 60 s" >&2; return 1
}

rss_mib() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status"; }

echo "== resolving Apache Kafka (bench/kafka-reference/pom.xml) into $work/kafka-lib"
(cd "$root" && ./mvnw -B -q -f bench/kafka-reference/pom.xml dependency:copy-dependencies \
  -DoutputDirectory="$work/kafka-lib")
java="$(java_bin)"
kafka_version="$(ls "$work/kafka-lib" | sed -n 's/^kafka_2.13-\(.*\)\.jar$/\1/p')"
echo "Kafka $kafka_version on $("$java" -version 2>&1 | head -n 1)"

cat > "$work/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$((kafka_port + 1))
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$((kafka_port + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$work/kafka-data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
num.partitions=1
group.initial.rebalance.delay.ms=0
EOF
cat > "$work/log4j2.properties" <<EOF
appender.file.type = File
appender.file.name = file
appender.file.fileName = $work/kafka.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
EOF
kafka_java=("$java" -Dlog4j2.configurationFile="$work/log4j2.properties" -cp "$work/kafka-lib/*")
cluster_id="$("${kafka_java[@]}" kafka.tools.StorageTool random-uuid | tail -n 1)"
"${kafka_java[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$work/server.properties" --standalone \
  > "$work/kafka-format.log" 2>&1

echo "== starting Kafka on 127.0.0.1:$kafka_port (data in $work/kafka-data)"
t0=$(date +%s%N)
# kafka-server-start.sh's defaults: KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS.
"${kafka_java[@]:0:2}" -Xmx1G -Xms1G -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
  -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
  -cp "$work/kafka-lib/*" kafka.Kafka "$work/server.properties" > "$work/kafka-stdout.log" 2>&1 &
kafka_pid=$!
wait_port "$kafka_port" "$kafka_pid" Kafka
kafka_ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

echo "== starting the ringlog broker on 127.0.0.1:$ringlog_port (data in $work/ringlog-data)"
"$root/bin/ringlog" --version > /dev/null 2>&1 || true   # builds first if sources changed
t0=$(date +%s%N)
"$root/bin/ringlog" broker "${ringlog_config[@]}" --data-dir "$work/ringlog-data" --listen "127.0.0.1:$ringlog_port" \
  > "$work/ringlog-broker.log" 2>&1 &
ringlog_pid=$!
wait_port "$ringlog_port" "$ringlog_pid" "ringlog broker"
ringlog_ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
# bin/ringlog execs java, so $ringlog_pid is the broker JVM.

backends="kafka=127.0.0.1:$kafka_port,ringlog=127.0.0.1:$ringlog_port"
if [ "$kafka_fsync" = 1 ]; then backends="kafka_fsync=127.0.0.1:$kafka_port?flush.messages=1,$backends"; fi
if [ -n "$before" ]; then
  echo "== starting the 'before' ringlog broker from $before on 127.0.0.1:$before_port"
  "$before/bin/ringlog" broker "${ringlog_config[@]}" --data-dir "$work/before-data" --listen "127.0.0.1:$before_port" \
    > "$work/before-broker.log" 2>&1 &
  before_pid=$!
  wait_port "$before_port" "$before_pid" "ringlog broker (before)"
  backends="$backends,ringlog_before=127.0.0.1:$before_port"
fi
if [ -n "$extra" ]; then backends="$backends,$extra"; fi
run() { # run NAME ARGS...: one interleaved bench invocation
  local name="$1"; shift
  echo "== $name (load average: $(cut -d' ' -f1-3 /proc/loadavg)) rows: $backends"
  "$root/bin/ringlog" bench --dir "$work/bench" --target broker --backend "$backends" --rounds "$rounds" \
    --json "$out/$name.json" "$@" | tee "$out/$name.txt"
  echo "load average after $name: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/$name.txt"
}
run latency-512 --size 512 --ops "$ops" --warmup 2000
if [ "$fourk" = 1 ]; then run latency-4096 --size 4096 --ops "$ops" --warmup 2000; fi
if [ "$batched" = 1 ]; then run batched-512 --size 512 --batched --ops "$batched_ops" --warmup 20000; fi

{
  echo "Kafka $kafka_version: ready ${kafka_ready_ms} ms after JVM start, RSS $(rss_mib "$kafka_pid") MiB after the runs"
  echo "ringlog: ready ${ringlog_ready_ms} ms after launcher start, RSS $(rss_mib "$ringlog_pid") MiB after the runs"
  if [ -n "$before_pid" ]; then echo "ringlog_before: RSS $(rss_mib "$before_pid") MiB after the runs"; fi
} | tee "$out/process.txt"
python3 "$root/bench/summarize-broker-runs.py" "$out" | tee "$out/summary.md"
