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

if len(sys.argv) > 5:
    runs = {}
    for line in open(sys.argv[5]):
        kv = dict(x.split("=") for x in line.split()[1:])
        runs.setdefault(kv.pop("setup"), []).append({k: float(v) for k, v in kv.items()})
    def mean(setup, key):
        values = [r[key] for r in runs.get(setup, [])]
        return sum(values) / len(values) if values else float("nan")
    print("\n## End to end: cat → dog on loopback (issue #7)\n")
    print(f"cat(prod) → dog(prod) from `sample-apps/lane-demo-service` (Spring Boot 3.5, OpenFeign), each JVM `-Xmx256m`;")
    print("a Java load client in a third JVM sends `env: gray` requests from 8 threads, 20 s after a warm-up; the")
    print(f"setups alternate (none, lane-agent, OpenTelemetry Java agent {sys.argv[6]} with exporters off and propagators")
    print("`tracecontext,baggage`), two rounds each, averaged. All three JVMs share the 2 cores, so absolute")
    print("numbers are low; compare the columns. Start-up: process start to the first answer of cat. Memory: cat")
    print("after a full GC (heap in use; committed native memory by NMT: total and class metadata).\n")
    print("| setup | throughput (req/s) | p50 (µs) | p99 (µs) | cat start-up (s) | heap used (MB) | NMT committed (MB) | class (MB) |")
    print("|---|---|---|---|---|---|---|---|")
    for setup, label in [("none", "no agent"), ("lane", "lane-agent"), ("otel", "OpenTelemetry agent")]:
        print(f"| {label} | {mean(setup,'throughput'):.0f} | {mean(setup,'p50_us'):.0f} | {mean(setup,'p99_us'):.0f} | "
              f"{mean(setup,'startup_s'):.2f} | {mean(setup,'heap_used_kb')/1024:.1f} | {mean(setup,'nmt_total_committed_kb')/1024:.1f} | "
              f"{mean(setup,'nmt_class_committed_kb')/1024:.1f} |")
    base_t, lane_t = mean("none","throughput"), mean("lane","throughput")
    base_s, lane_s, otel_s = mean("none","startup_s"), mean("lane","startup_s"), mean("otel","startup_s")
    print(f"\nlane-agent vs no agent: throughput {lane_t/base_t*100:.1f} %, p99 {mean('lane','p99_us')/mean('none','p99_us')*100-100:+.1f} %, "
          f"start-up {lane_s-base_s:+.2f} s ({(lane_s/base_s-1)*100:+.0f} %; OpenTelemetry agent {otel_s-base_s:+.2f} s), "
          f"heap {(mean('lane','heap_used_kb')-mean('none','heap_used_kb'))/1024:+.1f} MB, "
          f"native committed {(mean('lane','nmt_total_committed_kb')-mean('none','nmt_total_committed_kb'))/1024:+.1f} MB.")
    print("\nTargets (issue #7): throughput ≥ 98 %, p99 added ≤ 3 %, start-up added ≤ 10 % and at most a quarter of")
    print("what the OpenTelemetry agent adds, memory added ≤ 10 MB.")

if len(sys.argv) > 7:
    print("\n## The agent's work per request (issue #7)\n")
    print("`PerRequestBenchmark`: read and validate the inbound `env` header, enter the request's scope, walk the")
    print("headers one outbound call carries, leave the scope — the agent's core, in-process, without the advice")
    print("calls around it. *none*: the request has no lane, the own lane goes out.\n")
    print("| inbound header | ns per request |")
    print("|---|---|")
    for r in json.load(open(sys.argv[7])):
        print(f"| {r['params']['inbound']} | {r['primaryMetric']['score']:.0f} ± {r['primaryMetric']['scoreError']:.0f} |")
