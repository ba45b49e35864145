#!/usr/bin/env python3
"""Turns the JMH results of benchmarks/run.sh into docs/performance.md."""
import json, platform, subprocess, sys, datetime, os

def load(path):
    rows = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 1)[1]
        lane = r.get("params", {}).get("lane", "false")
        rows[(name, lane)] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
    return rows

none, agent = load(sys.argv[1]), load(sys.argv[2])
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# Performance\n")
print("Numbers from `benchmarks/run.sh` (JMH; the same benchmarks without and with `-javaagent:lane-agent.jar`,")
print("one after the other in one session). Re-run it to refresh this page; it overwrites it.\n")
print(f"- date: {datetime.date.today()}\n- machine: {os.cpu_count()} cores, {cpu}\n- JDK: {java}\n")
print("## Thread hand-off (issue #4)\n")
print("*Batch*: 1,000 tasks `execute`d back to back onto a one-thread `ThreadPoolExecutor` / `ForkJoinPool`, then a")
print("wait for the last; time per task — the hand-off itself. *Round trip*: one `submit(task).get()` / `.join()`,")
print("which wakes the parked worker every time. *With a lane*: the submitting thread is inside a request in")
print("lane `gray`, so the agent remembers the context at hand-off and restores it around the task.\n")
print("| hand-off | no agent (ns/op) | agent, no lane (ns/op) | agent, lane (ns/op) | added with a lane (ns) | ratio |")
print("|---|---|---|---|---|---|")
for name in ["threadPoolExecutorBatch", "forkJoinPoolBatch", "threadPoolExecutor", "forkJoinPool"]:
    base = none[(name, "false")]
    nolane = agent[(name, "false")]
    lane = agent[(name, "true")]
    print(f"| {name} | {base[0]:.0f} ± {base[1]:.0f} | {nolane[0]:.0f} ± {nolane[1]:.0f} | {lane[0]:.0f} ± {lane[1]:.0f} "
          f"| {lane[0]-base[0]:+.0f} | {lane[0]/base[0]:.3f} |")
print("\nTarget (issue #4): at most 50 ns added per hand-off. A round trip wakes a parked worker thread, so its")
print("absolute time (microseconds on 2 cores) and its run-to-run noise are much larger than the agent's share;")
print("read the added time against the ± columns.")

def kafka(path):
    line = open(path).read().split()
    return {kv.split("=")[0]: float(kv.split("=")[1]) for kv in line[1:]}

if len(sys.argv) > 4:
    kn, ka = kafka(sys.argv[3]), kafka(sys.argv[4])
    print("\n## Kafka per message (issue #5)\n")
    print(f"A timed loop against a real broker (KRaft, on this machine): {int(kn['messages']):,} messages produced, then")
    print("consumed iterating each batch; best of 3 rounds. *With the agent* the producing thread is inside a")
    print("request in lane `gray`, so every record carries the lane header and the consumer switches lanes per")
    print("record.\n")
    print("| side | no agent (ns/message) | agent, lane (ns/message) | added (ns) | ratio |")
    print("|---|---|---|---|---|")
    for side in ["produce", "consume"]:
        a, b = kn[f"{side}_ns_per_message"], ka[f"{side}_ns_per_message"]
        print(f"| {side} | {a:.0f} | {b:.0f} | {b-a:+.0f} | {b/a:.3f} |")
    print("\nTarget (issue #5): under 1 µs added per message each way.")
