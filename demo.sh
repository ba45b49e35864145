#!/usr/bin/env bash
# The local lane demo: the reference scenario (README; cat gray/prod, dog daily/gray/prod, routed by
# the VirtualServices and DestinationRules in istio-manifests/base) on this machine, with the agent.
# Builds what it needs on first use. Pass --no-agent to see the same without the agent.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f agent/target/lane-agent.jar ] || [ ! -f sample-apps/lane-demo-service/target/lane-demo-service.jar ] \
    || [ ! -f demo/target/demo.classpath ]; then
  echo "building the agent, the sample service and the demo (first run only)..."
  mvn -B -ntp -q -DskipTests install -pl agent,sample-apps/lane-demo-service,demo -am
fi
exec java -cp "demo/target/classes:$(cat demo/target/demo.classpath)" io.laneagent.demo.LaneDemo "$@"
