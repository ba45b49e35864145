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
java -jar "$jar" HandOffBenchmark "${opts[@]}" -p lane=false -rff "$out/none.json" | tail -5
java -jar "$jar" HandOffBenchmark "${opts[@]}" -jvmArgsAppend "-javaagent:$PWD/$agent" -rff "$out/agent.json" | tail -6
python3 benchmarks/report.py "$out/none.json" "$out/agent.json" > docs/performance.md
echo "wrote docs/performance.md"
