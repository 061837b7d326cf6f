#!/usr/bin/env python3
"""Integration test of the Bazel example: runs examples/bazel/run.sh and checks its claims.

    python3 examples/bazel/test_run.py [--peers 3] [--max-ratio 0.5]

Runs the real thing (Bazel, nginx, a coordinator, peers), then asserts:
  - the coordinator's job succeeded with every task done, and the schema lists exactly the
    workspace's targets;
  - the linear build reused nothing (every action ran locally, no cache hit);
  - every peer exited 0 and its final `bazel build //...` succeeded with every action it
    needed a remote cache hit: exactly the targets that machine had not built (or fetched as
    a dependency) during the sharded run, none run locally;
  - the measured sharded wall time is at most --max-ratio x the measured linear time.
Exit 0 when all hold; otherwise 1, listing every failed check. CI runs it (.ci/run).
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from report import parse_processes  # noqa: E402  (the parser run.sh's report uses)

DEFAULT_PEERS = 3
DEFAULT_MAX_RATIO = 0.5
RUN_TIMEOUT_S = 600  # run.sh bounds each of its waits; this is the backstop
SCHEMA = HERE.parent.parent / "schemas" / "bazel-example.yaml"


def schema_needs(path):
    """target -> the targets it needs, read from the example schema's one-line task maps."""
    needs = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        target = re.search(r'target:\s*"([^"]+)"', line)
        if target:
            listed = re.search(r"needs:\s*\[([^\]]*)\]", line)
            needs[target.group(1)] = re.findall(r'"([^"]+)"', listed.group(1)) if listed else []
    return needs


def with_dependencies(targets, needs):
    """The targets and, transitively, everything they need."""
    result, todo = set(), list(targets)
    while todo:
        target = todo.pop()
        if target not in result:
            result.add(target)
            todo.extend(needs.get(target, []))
    return result


def check_summary(s, needs, max_ratio):
    """Every claim the example makes, as a list of (ok, description)."""
    checks = []

    def check(ok, what):
        checks.append((bool(ok), what))

    targets = s["workspaceTargets"]
    check(len(targets) > 0 and s["schemaTargets"] == targets,
          f"the schema lists exactly the workspace's {len(targets)} targets")
    job = s["job"]
    check(job["state"] == "succeeded" and job["doneCount"] == job["taskCount"] == len(targets)
          and not job["failedTasks"],
          f"job {job['id']} succeeded with every task done (state {job['state']}, "
          f"{job['doneCount']}/{job['taskCount']} done, failed {job['failedTasks']})")

    linear_kinds = s["linear"]["processKinds"]
    check(linear_kinds.get("remote cache hit", 0) == 0 and sum(
        n for kind, n in linear_kinds.items() if kind != "internal") == len(targets),
        f"the linear build ran all {len(targets)} actions itself ({s['linear']['processesLine']})")

    for m in s["machines"]:
        check(m["exitCode"] == 0, f"{m['id']} exited 0 (got {m['exitCode']})")
        final = m["final"]
        log_text = Path(final["log"]).read_text(encoding="utf-8")
        parsed = parse_processes(log_text)
        check(final["exitCode"] == 0 and "Build completed successfully" in log_text,
              f"{m['id']}: the final bazel build //... succeeded (exit {final['exitCode']})")
        if parsed is None:
            check(False, f"{m['id']}: the final build printed Bazel's 'INFO: N processes' line")
            continue
        line, _, kinds = parsed
        hits = kinds.get("remote cache hit", 0)
        not_hits = {kind: n for kind, n in kinds.items() if kind not in ("internal", "remote cache hit")}
        local = with_dependencies({t["task"] for t in m["tasksRun"]}, needs)
        expected = len(targets) - len(local)
        check(not not_hits and hits > 0,
              f"{m['id']}: every action of the final build was a remote cache hit ({line})")
        check(hits == expected,
              f"{m['id']}: the final build fetched exactly the {expected} targets this machine did not "
              f"build or fetch itself (it ran {len(m['tasksRun'])}, had {len(local)}; hits {hits})")

    linear, sharded = s["linear"]["seconds"], s["sharded"]["seconds"]
    check(sharded is not None and sharded <= max_ratio * linear,
          f"sharded {sharded:.1f} s <= {max_ratio} x linear {linear:.1f} s = {max_ratio * linear:.1f} s "
          f"(ratio {sharded / linear:.2f})")
    c = s["comparison"]
    check(0 < c["sharded"]["makespanMs"] < c["linear"]["makespanMs"],
          f"the coordinator's comparison shows sharding faster than linear "
          f"({c['sharded']['makespanMs']} ms vs {c['linear']['makespanMs']} ms)")
    return checks


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", type=int, default=DEFAULT_PEERS)
    parser.add_argument("--max-ratio", type=float, default=DEFAULT_MAX_RATIO)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="taskshard-bazel-test.") as tmp:
        summary_path = Path(tmp) / "summary.json"
        command = [str(HERE / "run.sh"), "--peers", str(args.peers), "--summary", str(summary_path), "--keep"]
        print("$ " + " ".join(command), flush=True)
        try:
            rc = subprocess.run(command, stdin=subprocess.DEVNULL, timeout=RUN_TIMEOUT_S).returncode
        except subprocess.TimeoutExpired:
            print(f"FAIL: run.sh did not finish within {RUN_TIMEOUT_S} s")
            return 1
        if rc != 0:
            print(f"FAIL: run.sh exited with code {rc}")
            return 1
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        work_dir = Path(summary["machines"][0]["final"]["log"]).parent.parent if summary["machines"] else None
        try:
            checks = check_summary(summary, schema_needs(SCHEMA), args.max_ratio)
        finally:
            if work_dir and work_dir.name.startswith("taskshard-bazel."):
                subprocess.run(["rm", "-rf", str(work_dir)], check=False)
    print()
    for ok, what in checks:
        print(("PASS: " if ok else "FAIL: ") + what)
    failed = [what for ok, what in checks if not ok]
    print(f"\n{len(checks) - len(failed)} of {len(checks)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
