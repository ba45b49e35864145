#!/usr/bin/env python3
"""The share of a JFR recording's CPU samples that are in the agent's own code, split into the per-request
core (io.laneagent.bootstrap, our relocated opentelemetry-context, helpers) and Byte Buddy (transforming
classes loaded while the recording ran). Prints one RESULT line. Usage: jfr_share.py <file.jfr> <label>"""
import json, subprocess, sys

data = json.loads(subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", sys.argv[1]],
                                 capture_output=True, text=True, check=True).stdout)
total = core = transforming = 0
for event in data["recording"]["events"]:
    stack = event["values"].get("stackTrace")
    if not stack:
        continue
    total += 1
    names = [f["method"]["type"]["name"] for f in stack["frames"]]
    if any(n.startswith("io/laneagent/shaded/net/bytebuddy") for n in names):
        transforming += 1
    elif any(n.startswith("io/laneagent/") and not n.startswith("io/laneagent/testapp") and not n.startswith("io/laneagent/sample")
             for n in names):
        core += 1
print(f"RESULT profile={sys.argv[2]} samples={total} core_pct={core * 100.0 / max(total, 1):.2f} "
      f"bytebuddy_pct={transforming * 100.0 / max(total, 1):.2f}")
