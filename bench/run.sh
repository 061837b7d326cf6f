#!/usr/bin/env bash
# Runs the coordinator benchmarks of docs/benchmarks.md and keeps the results.
#
#   bench/run.sh            all: load 10x1x10k, load 100x4x100k, echo at both concurrencies,
#                           and load 100x4 at about half of the measured peak
#   bench/run.sh quick      load 10x1x10k only
#   PROFILE=1 bench/run.sh  the same, each JVM with a JFR CPU-time recording next to its results
#
# Results: $OUT (default bench/results/<timestamp>)/<name>.txt (the table) and .json.
# Environment: RUNS (measured jobs per configuration, default 3), JAVA_OPTS (extra JVM flags).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-jdk.sh

OUT=${OUT:-bench/results/$(date -u +%Y%m%d-%H%M%S)}
RUNS=${RUNS:-3}
JAR=bench/target/taskshard-bench-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ] || [ ! -f engine/target/taskshard-engine-0.1.0-SNAPSHOT.jar ] || [ ! -d bench/target/lib ]; then
  ./mvnw -q -o package -DskipTests -pl bench -am
fi
CP="$JAR:engine/target/taskshard-engine-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
mkdir -p "$OUT"

JFC=""
if [ "${PROFILE:-0}" = 1 ]; then
  # CPU-time sampling (JDK 25+, Linux) counts native code (SQLite, socket writes) too.
  JFC="$OUT/cpu-profile.jfc"
  "$JAVA_HOME/bin/jfr" configure --input profile jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=2ms \
    --output "$JFC" >/dev/null
fi

run() {
  local name=$1; shift
  local jfr=()
  if [ -n "$JFC" ]; then
    jfr=("-XX:StartFlightRecording=filename=$OUT/$name.jfr,settings=$JFC")
  fi
  echo "== $name: $* ($(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags on purpose
  TASKSHARD_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} "${jfr[@]}" \
    -cp "$CP" "$@" --json "$OUT/$name.json" | tee "$OUT/$name.txt"
}

# Best measured tasks/s of a LoadGenerator JSON (the results after the warm-up).
best_tasks_per_sec() {
  grep '"tasksPerSec"' "$1" | tail -n +2 | sed 's/[^0-9.]//g' | sort -n | tail -1
}

run load-10x1x10k io.taskshard.bench.LoadGenerator --peers 10 --slots 1 --tasks 10000 --runs "$RUNS"
if [ "${1:-all}" = quick ]; then
  exit 0
fi
run echo-10x1 io.taskshard.bench.EchoBaseline --peers 10 --slots 1 --messages 10000 --runs "$RUNS"
run load-100x4x100k io.taskshard.bench.LoadGenerator --peers 100 --slots 4 --tasks 100000 --runs "$RUNS"
run echo-100x4 io.taskshard.bench.EchoBaseline --peers 100 --slots 4 --messages 100000 --runs "$RUNS"

# Half of the peak: each task "runs" D ms, so 400 slots offer 400 * 1000 / D tasks/s.
peak=$(best_tasks_per_sec "$OUT/load-100x4x100k.json")
half_ms=$(awk -v p="$peak" 'BEGIN { printf "%d", 400 * 1000 / (p / 2) }')
echo "peak $peak tasks/s: half of it is a task duration of $half_ms ms"
run load-100x4-half-peak io.taskshard.bench.LoadGenerator --peers 100 --slots 4 --tasks 50000 \
  --task-duration-ms "$half_ms" --runs 1
