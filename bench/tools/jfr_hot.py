#!/usr/bin/env python3
"""Summarise JFR CPU samples by thread group: where a load run spends its time.

  jfr print --json --stack-depth 64 --events jdk.CPUTimeSample,jdk.ExecutionSample,jdk.NativeMethodSample \
      rec.jfr > s.json
  python3 bench/tools/jfr_hot.py s.json [--from EPOCH_MS --to EPOCH_MS] [--top 15] [--group coordinator-loop]
      [--events cpu|exec]

--events cpu (the default when the recording has them) uses jdk.CPUTimeSample (JDK 25+, Linux,
enable with bench/tools/cpu-profile.jfc): samples taken per CPU time consumed, so counts are
proportional to CPU, native code (SQLite, socket writes) included. --events exec uses
jdk.ExecutionSample + jdk.NativeMethodSample (wall-clock sampling of running threads).

--from/--to: the measured window (LoadGenerator's JSON has it as results[i].window), so the
join phase and the warm-up do not blur the picture. Thread groups follow ProcessMeter.group().
For each group: samples, the top "self" frames (where the CPU is), and the top inclusive
frames from our own code and the libraries (what caused it). jdk.NativeMethodSample covers
threads inside native code (SQLite's JNI calls, socket writes); those are not burning Java CPU
but show where a thread waits or works outside the JVM.
"""
import argparse
import collections
import datetime
import json
import sys


def group(thread):
    name = thread.get("javaName") or thread.get("osName") or ""
    if name.startswith("taskshard-coordinator"):
        return "coordinator-loop"
    if name.startswith("taskshard-peer-send"):
        return "peer-senders (virtual)"
    if name.startswith("qtp") or "Jetty" in name or name.startswith("Scheduler-"):
        return "jetty"
    if name.startswith("HttpClient") or name.startswith("bench"):
        return "bench-clients"
    if thread.get("virtual"):
        return "other-virtual"
    return "other:" + name.split("-")[0]


def frame_name(f):
    m = f["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


def epoch_ms(ts):
    return datetime.datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp() * 1000


INTERESTING = ("io.taskshard", "com.fasterxml", "org.sqlite", "org.eclipse.jetty", "io.javalin",
               "ch.qos.logback", "java.util.TreeSet", "java.util.TreeMap", "java.util.HashMap", "java.util.ArrayList",
               "java.util.LinkedHashMap")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("samples")
    ap.add_argument("--from", dest="start", type=float)
    ap.add_argument("--to", dest="end", type=float)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--group", action="append")
    ap.add_argument("--events", choices=["cpu", "exec"])
    args = ap.parse_args()
    events = json.load(open(args.samples))["recording"]["events"]
    has_cpu = any(e["type"] == "jdk.CPUTimeSample" for e in events)
    mode = args.events or ("cpu" if has_cpu else "exec")
    wanted = {"jdk.CPUTimeSample"} if mode == "cpu" else {"jdk.ExecutionSample", "jdk.NativeMethodSample"}
    events = [e for e in events if e["type"] in wanted]
    by_group = collections.defaultdict(lambda: {"n": 0, "native": 0, "self": collections.Counter(),
                                                "incl": collections.Counter(), "incl_all": collections.Counter()})
    for e in events:
        v = e["values"]
        t = epoch_ms(v["startTime"])
        if (args.start and t < args.start) or (args.end and t > args.end):
            continue
        g = by_group[group(v.get("sampledThread") or v.get("eventThread") or {})]
        frames = (v.get("stackTrace") or {}).get("frames") or []
        if e["type"] == "jdk.NativeMethodSample":
            g["native"] += 1
        g["n"] += 1
        if not frames:
            continue
        g["self"][frame_name(frames[0])] += 1
        seen = set()
        for f in frames:
            n = frame_name(f)
            if n in seen:
                continue
            seen.add(n)
            g["incl_all"][n] += 1
            if n.startswith(INTERESTING):
                g["incl"][n] += 1
    total = sum(g["n"] for g in by_group.values())
    print(f"{total} samples ({'CPU time' if mode == 'cpu' else 'execution + native'})")
    for name, g in sorted(by_group.items(), key=lambda kv: -kv[1]["n"]):
        if args.group and name not in args.group:
            continue
        print(f"\n== {name}: {g['n']} samples ({100.0 * g['n'] / max(total, 1):.1f}%), "
              f"{g['native']} of them in native code")
        print("  top self frames:")
        for n, c in g["self"].most_common(args.top):
            print(f"    {100.0 * c / g['n']:5.1f}%  {n}")
        print("  top inclusive (taskshard, jackson, sqlite, jetty, collections):")
        for n, c in g["incl"].most_common(args.top):
            print(f"    {100.0 * c / g['n']:5.1f}%  {n}")


if __name__ == "__main__":
    sys.exit(main())
