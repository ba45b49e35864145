#!/usr/bin/env python3
"""Where a JFR recording's sampled allocations (jdk.ObjectAllocationSample, weighted by the bytes each sample
stands for) come from: the share whose nearest frame outside the JDK is the agent's own code, and the agent's
top allocation sites. JDK frames are skipped because they allocate for their caller (a StringBuilder growing, a
map resizing). Advice inlined into a library method shows as that method, so this share is a floor for the
advice and exact for the helpers it calls. Prints one RESULT line, then the sites.
Usage: jfr_alloc.py <file.jfr> <label> [sites]"""
import collections, json, subprocess, sys

JDK = ("java/", "jdk/", "sun/", "javax/", "com/sun/")
data = json.loads(subprocess.run(["jfr", "print", "--json", "--events", "jdk.ObjectAllocationSample", sys.argv[1]],
                                 capture_output=True, text=True, check=True).stdout)
total = agent = 0
sites = collections.Counter()
for event in data["recording"]["events"]:
    values = event["values"]
    weight = values.get("weight", 0)
    stack = values.get("stackTrace")
    if not stack:
        continue
    total += weight
    for frame in stack["frames"]:
        name = frame["method"]["type"]["name"]
        if name.startswith(JDK):
            continue
        if name.startswith("io/laneagent/") and not name.startswith(("io/laneagent/testapp", "io/laneagent/sample")):
            agent += weight
            top = stack["frames"][0]
            sites[f'{values["objectClass"]["name"]} at {name}.{frame["method"]["name"]} (top {top["method"]["type"]["name"]}.{top["method"]["name"]})'] += weight
        break
print(f"RESULT alloc={sys.argv[2]} sampled_mb={total / 1e6:.1f} agent_pct={agent * 100.0 / max(total, 1):.2f}")
for site, weight in sites.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 15):
    print(f"  {weight * 100.0 / max(total, 1):6.2f} %  {site}")
