#!/usr/bin/env bash
# One load run on a caller -> callee service pair on loopback, both with or without lane-agent: wrk with
# env: gray against the caller, which calls the callee over Spring Cloud OpenFeign. Prints one RESULT line:
# throughput, p99, CPU per request of each service (from /proc), and the answer (which must show the lane
# at the callee when the agent is on). With a JFR file prefix as 4th argument, both record a profile.
#
# Usage: benchmarks/pair-load.sh boot2|boot3 none|forward|<agent jar> <seconds> [jfr prefix]
#   forward (boot3 only): no agent, the caller forwards env to its Feign call by hand (the sample service's
#   --forward.env=true): what carrying the header costs without the agent
#   boot2: Spring Boot 2.7 (javax, Tomcat 9) + Spring Cloud OpenFeign 3.1 (testing/apps/spring-web-boot2)
#   boot3: Spring Boot 3.5 + OpenFeign 4.3, the sample service's cat -> dog (sample-apps/lane-demo-service)
set -euo pipefail
cd "$(dirname "$0")/.."
pair=$1 agent=$2 seconds=$3 jfr=${4:-}
opts=(-Xmx256m -XX:+UseSerialGC)
app_opts=()
case $agent in
  none) ;;
  forward) [ "$pair" = boot3 ] || { echo "forward: boot3 only" >&2; exit 2; }; app_opts+=(--forward.env=true) ;;
  *) opts+=("-javaagent:$agent") ;;
esac
# JFR_SETTINGS: another .jfc than JFR's "profile" (say, one sampling every millisecond)
# -XX:+DebugNonSafepoints: without it JFR puts each sample at the nearest safepoint's frame, which in inlined code
# can be another method (samples in code the run never executed showed up)
jfr_opt() { [ -n "$jfr" ] && echo "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:StartFlightRecording=filename=$jfr-$1.jfr,settings=${JFR_SETTINGS:-profile},dumponexit=true" || true; }
# PORTS: "<caller> <callee>" (default 18180 18181), for two pairs at once (benchmarks/pair-side-by-side.sh)
read -r caller_port callee_port <<< "${PORTS:-18180 18181}"
# PIN=1: the caller alone on CPU 0, the callee and wrk on CPU 1 (taskset), so that the caller's CPU per request is
# not also the cost of sharing a core with the others (on 2 cores their placement moved it by +-20 % a run).
# Not with pair-side-by-side.sh: both callers would share CPU 0
pin() { [ -n "${PIN:-}" ] && echo "taskset -c $([ "$1" = caller ] && echo 0 || echo 1)" || true; }
case $pair in
  boot2)
    app=testing/apps/spring-web-boot2
    cp="$app/target/classes:$(cat $app/target/app.classpath)"
    start() { exec $(pin "$1") java "${opts[@]}" $(jfr_opt "$1") -cp "$cp" io.laneagent.testapp.springweb2.SpringWeb2App --server.port="$2" \
      --server.address=127.0.0.1 --downstream.url="http://127.0.0.1:$callee_port" --spring.main.banner-mode=off \
      --logging.level.root=WARN; }
    ready="LANE-TEST-APP READY"
    url="http://127.0.0.1:$caller_port/hop"
    ;;
  boot3)
    jar=sample-apps/lane-demo-service/target/lane-demo-service.jar
    start() { exec $(pin "$1") java "${opts[@]}" $(jfr_opt "$1") -jar "$jar" --spring.application.name="$1" --env=prod --server.port="$2" \
      --server.address=127.0.0.1 --next="$([ "$1" = caller ] && echo true || echo false)" \
      --service.url="http://127.0.0.1:$callee_port" --spring.main.banner-mode=off --logging.level.root=WARN \
      --logging.level.io.laneagent.sample=INFO "${app_opts[@]}"; }
    ready="Started DemoServiceApplication"
    url="http://127.0.0.1:$caller_port/sayHello"
    ;;
  *) echo "unknown pair $pair" >&2; exit 2 ;;
esac
logs=$(mktemp -d)
# stdin is a pipe that stays open: the test apps end when their standard input closes
start callee $callee_port < <(sleep 100000) > "$logs/callee.log" 2>&1 & callee=$!
start caller $caller_port < <(sleep 100000) > "$logs/caller.log" 2>&1 & caller=$!
trap 'kill $caller $callee 2>/dev/null; wait $caller $callee 2>/dev/null || true; rm -rf "$logs"' EXIT
for _ in $(seq 1 900); do
  grep -q "$ready" "$logs/caller.log" && grep -q "$ready" "$logs/callee.log" && break
  sleep 0.1 # waiting for two JVMs to print their ready line
done
# CONNECTIONS: wrk's threads and connections (default "2 16")
read -r wrk_threads wrk_connections <<< "${CONNECTIONS:-2 16}"
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# CPU ticks per thread group (the thread name with its digits as #): "name ticks" lines; a thread that ended in
# the window is missing from the second snapshot, so groups are only compared, never summed to the total
threads() { for t in /proc/$1/task/*/stat; do sed -E 's/^[0-9]+ \((.*)\) [A-Z] (([^ ]+ ){10})([0-9]+) ([0-9]+).*/\1|\4 \5/' "$t" 2>/dev/null; done |
  awk -F'|' '{n=$1; gsub(/[0-9]+/, "#", n); gsub(/ /, "_", n); split($2, t, " "); s[n] += t[1] + t[2]} END {for (n in s) print n, s[n]}'; }
compiler_ticks() { threads "$1" | awk '/CompilerThre/ {s += $2} END {print s + 0}'; }
# the number of requests a wrk output reports
requests_in() { echo "$1" | awk '/requests in/ {print $1}'; }
# WARMUP: seconds of load before the measured window, or "jit" (the default): load in 10 s slices until a slice
# in which both services' JIT compiler threads took under 2 % of their CPU (at most 600 s; the warm-up's
# seconds are printed as warmup_s). A fixed warm-up measured the JIT's warm-up instead: pinned, the caller
# compiled for ~140 s and cost ~400 µs a request at 30 s, ~100 µs once compiled (2026-12-04)
warmup=${WARMUP:-jit} warmed=0 curve=
if [ "$warmup" = jit ]; then
  while [ "$warmed" -lt 600 ]; do
    a0=$(cpu $caller) b0=$(cpu $callee) j0=$(( $(compiler_ticks $caller) + $(compiler_ticks $callee) ))
    slice=$($(pin wrk) wrk -t"$wrk_threads" -c"$wrk_connections" -d10s -H 'env: gray' "$url")
    warmed=$(( warmed + 10 ))
    a1=$(cpu $caller) b1=$(cpu $callee) j1=$(( $(compiler_ticks $caller) + $(compiler_ticks $callee) ))
    curve="$curve $(( (a1 - a0) * 10000 / ($(requests_in "$slice") + 1) ))" # + 1: no division by zero when a slice got no answer
    [ $(( (j1 - j0) * 50 )) -lt $(( a1 - a0 + b1 - b0 )) ] && break
  done
else
  $(pin wrk) wrk -t"$wrk_threads" -c"$wrk_connections" -d"${warmup}s" -H 'env: gray' "$url" > /dev/null
  warmed=$warmup
fi
# MEASURE_AT: a time (epoch seconds) the measured window starts at, not before: two pairs measured side by side
# share the same moment of the machine; until then the load goes on
if [ -n "${MEASURE_AT:-}" ] && [ "$(date +%s)" -lt "$MEASURE_AT" ]; then
  timeout $(( MEASURE_AT - $(date +%s) )) $(pin wrk) wrk -t"$wrk_threads" -c"$wrk_connections" -d1h -H 'env: gray' "$url" > /dev/null || true
fi
c0=$(cpu $caller) d0=$(cpu $callee)
[ -n "${THREAD_CPU:-}" ] && t0=$(threads $caller)
out=$($(pin wrk) wrk -t"$wrk_threads" -c"$wrk_connections" -d"${seconds}s" --latency -H 'env: gray' "$url")
c1=$(cpu $caller) d1=$(cpu $callee)
[ -n "${THREAD_CPU:-}" ] && t1=$(threads $caller)
requests=$(requests_in "$out")
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
p99=$(echo "$out" | awk '/ 99%/ {v=$2; if (v ~ /ms$/) {sub(/ms/, "", v); print v*1000} else if (v ~ /us$/) {sub(/us/, "", v); print v} else {sub(/s/, "", v); print v*1000000}}')
answer=$(curl -s -H 'env: gray' "$url" | tr ' ' '_')
echo "RESULT pair=$pair setup=$(case $agent in none|forward) echo $agent ;; *) echo lane ;; esac) warmup_s=$warmed rps=$rps p99_us=$p99" \
  "caller_cpu_us=$(( (c1 - c0) * 10000 / requests )) callee_cpu_us=$(( (d1 - d0) * 10000 / requests )) answer=$answer"
# the warm-up curve: the caller's CPU per request (µs) in each 10 s slice of the JIT warm-up
[ -n "$curve" ] && echo "WARMUP caller_cpu_us per 10 s:$curve"
# THREAD_CPU=1: the caller's CPU per request by thread group (µs), the largest first
[ -n "${THREAD_CPU:-}" ] && join <(echo "$t0" | sort) <(echo "$t1" | sort) |
  awk -v r="$requests" '{d = ($3 - $2) * 10000 / r; if (d > 0) printf "%s=%.0f\n", $1, d}' | sort -t= -k2 -nr |
  tr '\n' ' ' | sed 's/^/THREADS caller /; s/ $/\n/'
true
