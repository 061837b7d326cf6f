#!/usr/bin/env python3
"""Prints what examples/bazel/run.sh measured, side by side, and optionally writes it as JSON.

    report.py RESULTS_DIR --peers N --schema FILE --cache URL [--summary FILE]

RESULTS_DIR holds what run.sh left there: linear.log and linear.seconds (the linear build),
sharded.start and peer-I.exit ("code epoch-seconds"), peer-I.final ("code seconds") and
peer-I.final.log (each final build), workspace-targets.txt (bazel query), jobs.json, job.json
and comparison.json (the coordinator's answers).
"""

import argparse
import json
import re
import sys
from pathlib import Path

# Bazel's closing line, e.g. "INFO: 25 processes: 1 internal, 24 remote cache hit."
# (singular "1 process: 1 internal." and bare "0 processes." exist too).
PROCESSES_LINE = re.compile(r"^INFO: (\d+) process(?:es)?(?:: (.*?))?\.\s*$")
PROCESS_KIND = re.compile(r"^(\d+) (.+)$")


def parse_processes(log_text):
    """The last process summary of a Bazel log: (line, total, {kind: count}), or None."""
    found = None
    for line in log_text.splitlines():
        match = PROCESSES_LINE.match(line)
        if match:
            kinds = {}
            for part in (match.group(2) or "").split(","):
                part = part.strip()
                if not part:
                    continue
                kind = PROCESS_KIND.match(part)
                if not kind:
                    raise ValueError(f"unexpected part '{part}' in Bazel's line: {line}")
                kinds[kind.group(2)] = kinds.get(kind.group(2), 0) + int(kind.group(1))
            found = (line.strip(), int(match.group(1)), kinds)
    return found


def schema_targets(path):
    """The `target:` values of the example schema (its tasks are one-line flow maps)."""
    return sorted(re.findall(r'target:\s*"([^"]+)"', Path(path).read_text(encoding="utf-8")))


def attempt_times(job_detail, field):
    """Every attempt's `field` (epoch ms) in a job detail answer."""
    return [a[field] for task in job_detail["tasks"] for a in task.get("attempts", []) if a.get(field)]


def first_line(path):
    return Path(path).read_text(encoding="utf-8").split()


def collect(results, peers, schema, cache):
    results = Path(results)
    linear_log = (results / "linear.log").read_text(encoding="utf-8")
    linear_processes = parse_processes(linear_log)
    sharded_start = float((results / "sharded.start").read_text().strip())
    job_detail = json.loads((results / "job.json").read_text())
    comparison = json.loads((results / "comparison.json").read_text())

    machines = []
    for i in range(1, peers + 1):
        name = f"peer-{i}"
        exit_code, exit_at = first_line(results / f"{name}.exit")
        final_code, final_seconds = first_line(results / f"{name}.final")
        final_log = (results / f"{name}.final.log").read_text(encoding="utf-8")
        processes = parse_processes(final_log)
        peer_id = f"bazel-{name}"
        ran = [
            {"task": task["id"], "ms": attempt.get("durationMs", 0)}
            for task in job_detail["tasks"]
            for attempt in task.get("attempts", [])
            if attempt.get("peer") == peer_id and attempt.get("state") == "succeeded"
        ]
        machines.append({
            "id": peer_id,
            "exitCode": int(exit_code),
            "exitAfterSeconds": round(float(exit_at) - sharded_start, 2),
            "tasksRun": ran,
            "final": {
                "exitCode": int(final_code),
                "seconds": float(final_seconds),
                "processesLine": processes[0] if processes else None,
                "processes": processes[1] if processes else None,
                "processKinds": processes[2] if processes else {},
                "log": str(results / f"{name}.final.log"),
            },
        })

    return {
        "peers": peers,
        "cache": cache,
        "schemaTargets": schema_targets(schema),
        "workspaceTargets": sorted(
            line.strip() for line in (results / "workspace-targets.txt").read_text().splitlines() if line.strip()),
        "linear": {
            "seconds": float((results / "linear.seconds").read_text().strip()),
            "processesLine": linear_processes[0] if linear_processes else None,
            "processKinds": linear_processes[2] if linear_processes else {},
        },
        "sharded": {
            "seconds": max(m["exitAfterSeconds"] for m in machines) if machines else None,
            # Where the measured time goes beyond the tasks: peers starting, and ending.
            "firstAssignedAfterSeconds": round(min(attempt_times(job_detail, "assignedAt")) / 1000 - sharded_start, 2),
            "lastEndedAfterSeconds": round(max(attempt_times(job_detail, "endedAt")) / 1000 - sharded_start, 2),
        },
        "machines": machines,
        "job": {key: job_detail["job"].get(key) for key in ("id", "state", "taskCount", "doneCount", "failedTasks")},
        "comparison": comparison,
    }


def render(s):
    c = s["comparison"]
    linear, sharded = s["linear"]["seconds"], s["sharded"]["seconds"]
    c_linear, c_sharded = c["linear"]["makespanMs"] / 1000, c["sharded"]["makespanMs"] / 1000
    out = [
        "",
        f"taskshard + Bazel: {len(s['schemaTargets'])} targets, {s['peers']} peers, "
        f"remote cache {s['cache']} (nginx), job {s['job']['id']} {s['job']['state']}",
        "",
        f"  {'':34}{'measured (wall)':>17}{'coordinator':>15}",
        f"  {'linear: 1 machine builds //...':34}{linear:>15.1f} s{c_linear:>13.1f} s"
        "   (coordinator: sum of the task durations)",
        f"  {'sharded: ' + str(s['peers']) + ' peers':34}{sharded:>15.1f} s{c_sharded:>13.1f} s"
        "   (measured: first peer start to last peer exit)",
        f"  {'sharded / linear':34}{sharded / linear:>17.2f}{c_sharded / c_linear:>15.2f}"
        f"   (coordinator's speedup x{c.get('speedupVsLinear', 0):.2f})",
        f"  {'lower bound of the sharded run':34}{'':>17}{c['lowerBound']['ms'] / 1000:>13.1f} s",
        "",
        f"  sharded, measured: the first task was assigned {s['sharded']['firstAssignedAfterSeconds']:.1f} s after "
        f"the peers started, the last one ended at {s['sharded']['lastEndedAfterSeconds']:.1f} s",
        "",
        f"  linear build: {s['linear']['processesLine']}",
        "",
        f"  {'peer':16}{'tasks run':>16}{'exit after':>12}{'final build':>13}   final build's processes (Bazel)",
    ]
    for m in s["machines"]:
        work = sum(t["ms"] for t in m["tasksRun"]) / 1000
        tasks = f"{len(m['tasksRun'])} ({work:.1f} s)"
        line = m["final"]["processesLine"] or "no process summary"
        out.append(f"  {m['id']:16}{tasks:>16}{m['exitAfterSeconds']:>10.1f} s{m['final']['seconds']:>11.1f} s   "
                   f"{line.removeprefix('INFO: ')}")
    return "\n".join(out)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--peers", type=int, required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--summary")
    args = parser.parse_args(argv)
    summary = collect(args.results, args.peers, args.schema, args.cache)
    print(render(summary))
    if summary["schemaTargets"] != summary["workspaceTargets"]:
        print("\nWARNING: the schema and the workspace list different targets:"
              f"\n  only in the schema: {sorted(set(summary['schemaTargets']) - set(summary['workspaceTargets']))}"
              f"\n  only in the workspace: {sorted(set(summary['workspaceTargets']) - set(summary['schemaTargets']))}")
    if args.summary:
        Path(args.summary).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"\nsummary: {args.summary}")


if __name__ == "__main__":
    main(sys.argv[1:])
