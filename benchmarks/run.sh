#!/usr/bin/env bash
# Runs the JMH benchmarks without and with the agent, one after the other in one session, and writes
# docs/performance.md. Usage: benchmarks/run.sh [extra JMH options]   (after: mvn -B -ntp -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
agent=agent/target/lane-agent.jar
[ -f "$jar" ] && [ -f "$agent" ] || mvn -B -ntp -q -DskipTests install
out=$(mktemp -d)
opts=(-f 1 -wi 3 -w 2s -i 5 -r 2s -rf json "$@")
java -jar "$jar" "HandOffBenchmark|ReactorChainBenchmark|LogEventBenchmark|GrpcCallBenchmark" "${opts[@]}" -p lane=false -rff "$out/none.json" | tail -10
java -jar "$jar" "HandOffBenchmark|ReactorChainBenchmark|LogEventBenchmark|GrpcCallBenchmark" "${opts[@]}" -jvmArgsAppend "-javaagent:$PWD/$agent" -rff "$out/agent.json" | tail -18
# lane.mdc=false: the agent attached and in a lane, the log events left alone
java -jar "$jar" LogEventBenchmark "${opts[@]}" -p lane=true -jvmArgsAppend "-javaagent:$PWD/$agent=mdc=false -Dbench.expect.lane=none" -rff "$out/mdc-off.json" | tail -4
# the agent's core per request, in-process (no agent attached: it is the code under test); the MBean's counters alone
java -jar "$jar" "PerRequestBenchmark|CountersBenchmark" "${opts[@]}" -rff "$out/per-request.json" | tail -6

# Kafka: a real broker (KRaft) from the test fixture's class path, one timed loop without and one with the agent
broker_cp=$(cat testing/apps/kafka-broker/target/app.classpath)
kdir=$(mktemp -d)
kport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$kdir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$kport,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$kport
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$kdir/data
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
group.initial.rebalance.delay.ms=0
num.partitions=1
PROPS
java -cp "$broker_cp" kafka.tools.StorageTool format -t "$(python3 -c 'import uuid,base64; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode()[:22])')" -c "$kdir/server.properties" > "$kdir/format.log" 2>&1
java -Xmx1g -cp "$broker_cp" kafka.Kafka "$kdir/server.properties" > "$kdir/broker.log" 2>&1 &
broker_pid=$!
trap 'kill $broker_pid 2>/dev/null; wait $broker_pid 2>/dev/null || true; rm -rf "$kdir"' EXIT
for _ in $(seq 1 600); do (echo > /dev/tcp/127.0.0.1/$kport) 2>/dev/null && break; sleep 0.1; done
messages=${KAFKA_MESSAGES:-100000}
java -cp "$jar" io.laneagent.benchmarks.KafkaPerMessage "127.0.0.1:$kport" "$messages" 3 | grep RESULT > "$out/kafka-none.txt"
java -javaagent:"$PWD/$agent" -cp "$jar" io.laneagent.benchmarks.KafkaPerMessage "127.0.0.1:$kport" "$messages" 3 | grep RESULT > "$out/kafka-agent.txt"
cat "$out/kafka-none.txt" "$out/kafka-agent.txt"
# Kafka lane isolation (issue #17): the consumer's filter per record polled, against the agent without isolation in
# the same session — a base pod keeping every record, and a gray lane pod getting the gray half of records where every
# second one is the application's own `env: daily` — and one base pod's admin requests a minute (check every 10 s)
java -javaagent:"$PWD/$agent=kafka.isolation=true" -cp "$jar" io.laneagent.benchmarks.KafkaPerMessage "127.0.0.1:$kport" "$messages" 3 \
  | grep RESULT > "$out/kafka-isolation-base.txt"
java -javaagent:"$PWD/$agent" -Dbench.half.daily=true -cp "$jar" io.laneagent.benchmarks.KafkaPerMessage "127.0.0.1:$kport" "$messages" 3 \
  | grep RESULT > "$out/kafka-half.txt"
java -javaagent:"$PWD/$agent=kafka.isolation=true,local=gray" -Dbench.half.daily=true -Dbench.expect.seen=$((messages / 2)) -cp "$jar" \
  io.laneagent.benchmarks.KafkaPerMessage "127.0.0.1:$kport" "$messages" 3 | grep RESULT > "$out/kafka-isolation-lane.txt"
java -javaagent:"$PWD/$agent=kafka.isolation=true" -cp "$jar" io.laneagent.benchmarks.KafkaIsolationAdminLoad "127.0.0.1:$kport" 120 \
  | grep RESULT > "$out/kafka-isolation-admin.txt"
cat "$out/kafka-isolation-base.txt" "$out/kafka-half.txt" "$out/kafka-isolation-lane.txt" "$out/kafka-isolation-admin.txt"

# RabbitMQ: a node of its own from Debian's rabbitmq-server (installed if missing), the same two loops
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server; }
rdir=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rport=$(free_port); repmd=$(free_port)
echo '[].' > "$rdir/enabled_plugins"
RABBITMQ_NODENAME="bench$rport@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$rport \
  RABBITMQ_DIST_PORT=$(free_port) ERL_EPMD_PORT=$repmd RABBITMQ_MNESIA_BASE="$rdir/mnesia" RABBITMQ_LOG_BASE="$rdir/log" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$rdir/enabled_plugins" RABBITMQ_CONFIG_FILE="$rdir/rabbitmq" \
  RABBITMQ_ADVANCED_CONFIG_FILE="$rdir/advanced.config" RABBITMQ_CONF_ENV_FILE="$rdir/env.conf" \
  /usr/lib/rabbitmq/bin/rabbitmq-server > "$rdir/server.log" 2>&1 &
rabbit_pid=$!
trap 'kill $broker_pid 2>/dev/null; kill $rabbit_pid 2>/dev/null; epmd -port $repmd -kill > /dev/null 2>&1; wait 2>/dev/null || true; rm -rf "$kdir" "$rdir"' EXIT
for _ in $(seq 1 900); do grep -q "Starting broker... completed" "$rdir/server.log" 2>/dev/null && break; sleep 0.1; done
java -cp "$jar" io.laneagent.benchmarks.RabbitPerMessage "$rport" "$messages" 3 | grep RESULT > "$out/rabbit-none.txt"
java -javaagent:"$PWD/$agent" -cp "$jar" io.laneagent.benchmarks.RabbitPerMessage "$rport" "$messages" 3 | grep RESULT > "$out/rabbit-agent.txt"
# the same header set by the application, without the agent: what the header itself costs client and broker
java -cp "$jar" io.laneagent.benchmarks.RabbitPerMessage "$rport" "$messages" 3 app-header | grep RESULT > "$out/rabbit-app-header.txt"
cat "$out/rabbit-none.txt" "$out/rabbit-agent.txt" "$out/rabbit-app-header.txt"
kill $rabbit_pid 2>/dev/null || true  # the script exec's the Erlang VM: this is the node

# RocketMQ: a name server and broker from the test fixture's class path (Maven Central), the same two loops;
# 20,000 messages, not 100,000: each synchronous send waits about a millisecond for the broker here
rocket_cp=$(cat testing/apps/rocketmq-broker/target/app.classpath)
qdir=$(mktemp -d)
nport=$(free_port)
bport=$(python3 -c 'import socket,random
def free(p):
    s=socket.socket()
    try: s.bind(("127.0.0.1",p)); return True
    except OSError: return False
    finally: s.close()
while True:
    p=random.randint(20000,60000)
    if free(p) and free(p-2) and free(p+1): print(p); break')
echo "listenPort=$nport" > "$qdir/namesrv.properties"
printf 'brokerClusterName=Bench\nbrokerName=bench\nbrokerId=0\nnamesrvAddr=127.0.0.1:%s\nbrokerIP1=127.0.0.1\nlistenPort=%s\nstorePathRootDir=%s/store\nstorePathCommitLog=%s/store/commitlog\nautoCreateTopicEnable=true\nmappedFileSizeCommitLog=268435456\nflushDiskType=ASYNC_FLUSH\n' \
  "$nport" "$bport" "$qdir" "$qdir" > "$qdir/broker.properties"
ROCKETMQ_HOME=$qdir java -Xmx512m -XX:+UseSerialGC -Duser.home="$qdir" -cp "$rocket_cp" org.apache.rocketmq.namesrv.NamesrvStartup \
  -c "$qdir/namesrv.properties" > "$qdir/namesrv.log" 2>&1 &
namesrv_pid=$!
for _ in $(seq 1 600); do grep -q "boot success" "$qdir/namesrv.log" 2>/dev/null && break; sleep 0.1; done
ROCKETMQ_HOME=$qdir java -Xmx1g -XX:+UseSerialGC -Duser.home="$qdir" -cp "$rocket_cp" org.apache.rocketmq.broker.BrokerStartup \
  -c "$qdir/broker.properties" > "$qdir/broker.log" 2>&1 &
rocket_pid=$!
trap 'kill $broker_pid $namesrv_pid $rocket_pid $rabbit_pid 2>/dev/null; epmd -port $repmd -kill > /dev/null 2>&1; wait 2>/dev/null || true; rm -rf "$kdir" "$rdir" "$qdir"' EXIT
for _ in $(seq 1 1200); do grep -q "boot success" "$qdir/broker.log" 2>/dev/null && break; sleep 0.1; done
java -Drocketmq.client.logUseSlf4j=true -cp "$jar" io.laneagent.benchmarks.RocketPerMessage "127.0.0.1:$nport" "${ROCKET_MESSAGES:-20000}" 3 | grep RESULT > "$out/rocket-none.txt"
java -Drocketmq.client.logUseSlf4j=true -javaagent:"$PWD/$agent" -cp "$jar" io.laneagent.benchmarks.RocketPerMessage "127.0.0.1:$nport" "${ROCKET_MESSAGES:-20000}" 3 \
  | grep RESULT > "$out/rocket-agent.txt"
cat "$out/rocket-none.txt" "$out/rocket-agent.txt"
kill $rocket_pid $namesrv_pid 2>/dev/null || true


# End to end: cat -> dog (the sample service) on loopback under load, with no agent, with lane-agent and
# with the OpenTelemetry Java agent (exporters off, propagators tracecontext,baggage), alternating.
sample=sample-apps/lane-demo-service/target/lane-demo-service.jar
[ -f "$sample" ] || mvn -B -ntp -q -DskipTests install -pl sample-apps/lane-demo-service -am
otel_version=2.33.1
otel=benchmarks/target/otel/opentelemetry-javaagent-$otel_version.jar
[ -f "$otel" ] || mvn -B -ntp -q dependency:copy -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$otel_version \
  -DoutputDirectory=benchmarks/target/otel
seconds=${E2E_SECONDS:-20}
clients=${E2E_CLIENTS:-8}
: > "$out/e2e.txt"
for round in 1 2; do
  for setup in none lane otel; do
    case $setup in
      none) agent_opt=none ;;
      lane) agent_opt="-javaagent:$PWD/$agent" ;;
      otel) agent_opt="-javaagent:$PWD/$otel -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none -Dotel.propagators=tracecontext,baggage" ;;
    esac
    echo "e2e round $round: $setup"
    java -cp "$jar" io.laneagent.benchmarks.ChainLoad "$PWD/$sample" "$agent_opt" "$seconds" "$clients" \
      | grep RESULT | sed "s/^RESULT/RESULT setup=$setup/" >> "$out/e2e.txt"
  done
done
cat "$out/e2e.txt"

# Start-up: JVM start to "Started …" of the sample service, alternating setups, medians.
off=$(for i in servlet jdk-httpserver http-url-connection jdk-httpclient okhttp apache-httpclient-4 apache-httpclient-5 feign \
  spring-web-clients spring-webflux executors kafka reactor reactor-netty logback log4j2 grpc rabbitmq rocketmq; do printf 'instrumentation.%s.enabled=false,' "$i"; done)
java -cp "$jar" io.laneagent.benchmarks.StartupTime "$PWD/$sample" "${STARTUP_ROUNDS:-10}" \
  none=none \
  lane="-javaagent:$PWD/$agent" \
  lane-off="-javaagent:$PWD/$agent=${off%,}" \
  otel="-javaagent:$PWD/$otel -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none -Dotel.propagators=tracecontext,baggage" \
  | tee "$out/startup-runs.txt" | grep RESULT > "$out/startup.txt"
cat "$out/startup.txt"

# Start-up with class data sharing: Spring Boot's AppCDS recipe on JDK 17 (extracted jar, -XX:ArchiveClassesAtExit
# in a training run, -XX:SharedArchiveFile after) and the JDK 25 AOT cache (-XX:AOTCacheOutput, -XX:AOTCache), each
# archive trained without the agent and, the way docs/architecture.md says, with it (AppCDS: the agent steps aside, and
# lane.weave-ahead writes the woven classes beside a copy of the archive; AOT cache: it installs as a dry run, so the
# cache holds its classes too, and weaves ahead into <cache>.lane-woven).
cds=$(mktemp -d)
java -Djarmode=tools -jar "$sample" extract --destination "$cds/app" > /dev/null
app="$cds/app/lane-demo-service.jar"
train=(-Dspring.context.exit=onRefresh -jar "$app" --spring.application.name=train --env=prod --server.port=0 --spring.main.banner-mode=off)
java -XX:ArchiveClassesAtExit="$cds/app.jsa" "${train[@]}" > "$cds/train-cds.log" 2>&1
java -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent -XX:ArchiveClassesAtExit="$cds/app-agent.jsa" \
  -javaagent:"$PWD/$agent" "${train[@]}" > "$cds/train-cds-agent.log" 2>&1
# lane.weave-ahead beside a copy of the archive (README): the runs with the copy take the woven classes from there
cp "$cds/app.jsa" "$cds/app-woven.jsa"
java -Dlane.weave-ahead="$cds/app-woven.jsa.lane-woven" -javaagent:"$PWD/$agent" -jar "$app" > "$cds/weave-ahead.log" 2>&1
java -cp "$jar" io.laneagent.benchmarks.StartupTime "$app" "${STARTUP_ROUNDS:-10}" \
  none=none lane="-javaagent:$PWD/$agent" cds="-XX:SharedArchiveFile=$cds/app.jsa" \
  cds+lane="-XX:SharedArchiveFile=$cds/app.jsa -javaagent:$PWD/$agent" \
  cds-woven-ahead+lane="-XX:SharedArchiveFile=$cds/app-woven.jsa -javaagent:$PWD/$agent" \
  cds-trained-with-lane+lane="-XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent -XX:SharedArchiveFile=$cds/app-agent.jsa -javaagent:$PWD/$agent" \
  | tee "$out/archive-runs.txt" | grep RESULT | sed 's/^RESULT/RESULT jdk=17/' > "$out/archive.txt"
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -x "$jdk25/bin/java" ]; then
  "$jdk25/bin/java" -XX:AOTCacheOutput="$cds/app.aot" "${train[@]}" > "$cds/train-aot.log" 2>&1
  "$jdk25/bin/java" -XX:AOTCacheOutput="$cds/app-agent.aot" -javaagent:"$PWD/$agent" "${train[@]}" > "$cds/train-aot-agent.log" 2>&1
  "$jdk25/bin/java" -cp "$jar" io.laneagent.benchmarks.StartupTime "$app" "${STARTUP_ROUNDS:-10}" \
    none=none lane="-javaagent:$PWD/$agent" aot="-XX:AOTCache=$cds/app.aot" \
    aot+lane="-XX:AOTCache=$cds/app-agent.aot -javaagent:$PWD/$agent" \
    | tee -a "$out/archive-runs.txt" | grep RESULT | sed 's/^RESULT/RESULT jdk=25/' >> "$out/archive.txt"
fi
rm -rf "$cds"
cat "$out/archive.txt"

# Two real service pairs under wrk (issue #19): Spring Boot 2.7 javax + OpenFeign 3.1, and the sample service (Boot 3.5
# + OpenFeign 4.3) cat -> dog; three alternating rounds without and with the agent, then one profiled run of each
# with the agent (the agent's share of the CPU samples).
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f testing/apps/spring-web-boot2/target/app.classpath ] || mvn -B -ntp -q -DskipTests install -pl testing/apps/spring-web-boot2 -am
: > "$out/pairs.txt"
for round in 1 2 3; do
  for pair in boot2 boot3; do
    for setup in none "$PWD/$agent"; do
      benchmarks/pair-load.sh "$pair" "$setup" "${PAIR_SECONDS:-20}" | grep RESULT >> "$out/pairs.txt"
    done
  done
done
for pair in boot2 boot3; do
  benchmarks/pair-load.sh "$pair" "$PWD/$agent" "${PAIR_SECONDS:-20}" "$out/profile-$pair" > /dev/null
  for side in caller callee; do
    python3 benchmarks/jfr_share.py "$out/profile-$pair-$side.jfr" "$pair-$side" >> "$out/pairs.txt"
    python3 benchmarks/jfr_alloc.py "$out/profile-$pair-$side.jfr" "$pair-$side" | grep RESULT >> "$out/pairs.txt"
  done
done
cat "$out/pairs.txt"

python3 benchmarks/report.py "$out/none.json" "$out/agent.json" "$out/kafka-none.txt" "$out/kafka-agent.txt" "$out/e2e.txt" "$otel_version" "$out/per-request.json" "$out/startup.txt" "$out/archive.txt" "$out/pairs.txt" "$out/mdc-off.json" "$out/rabbit-none.txt" "$out/rabbit-agent.txt" "$out/rocket-none.txt" "$out/rocket-agent.txt" "$out/rabbit-app-header.txt" "$out/kafka-isolation-base.txt" "$out/kafka-half.txt" "$out/kafka-isolation-lane.txt" "$out/kafka-isolation-admin.txt" > docs/performance.md
echo "wrote docs/performance.md"
