#!/usr/bin/env bash
# Real Bazel end to end: peers share the example workspace's targets through a coordinator and a
# real HTTP remote cache (nginx), measured against one machine building everything alone.
#
#   examples/bazel/run.sh [--peers N] [--summary FILE] [--keep]
#
#   --peers N       how many peers share the work (default 3)
#   --summary FILE  also write every figure as JSON (examples/bazel/test_run.py reads it)
#   --keep          keep the temp directory (logs, workspaces, cache) and say where it is
#
# What it does (docs/bazel.md explains why):
#   1. starts the remote cache (cache.sh: nginx on loopback) and a coordinator (taskshard serve);
#   2. LINEAR: one machine, its own copy of the workspace, output root and an empty cache
#      namespace, runs `bazel build //...` — timed;
#   3. SHARDED: N machines, each with its own copy and output root, run `taskshard peer
#      --runner bazel` together — timed from the first peer start to the last peer exit;
#   4. each machine's final `bazel build //...`, which must come from the remote cache;
#   5. prints linear, sharded, the cache hits of each final build and the coordinator's
#      comparison side by side (report.py).
# Before each timed part the Bazel servers are started and analyse //... (`build --nobuild`),
# for linear and peers alike.
# Everything started here is stopped on exit, failures and Ctrl-C included.
# Needs: bazel, nginx (with WebDAV; Debian: bazel-bootstrap nginx-light), curl, python3, a JDK 21+.
set -euo pipefail

DEFAULT_PEERS=3
BAZEL_COMMAND_TIMEOUT_S=300   # any one bazel command
PEER_TIMEOUT_S=300            # one peer, from start to exit
COORDINATOR_START_TIMEOUT_S=120
STOP_TIMEOUT_S=30
BAZEL_MAX_IDLE_S=300          # a Bazel server left behind (script killed by SIGKILL) exits then
LOG_TAIL_LINES=40

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
schema=$root/schemas/bazel-example.yaml

usage() {
  sed -n '4,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-2}"
}

peers=$DEFAULT_PEERS
summary=""
keep=""
while (($# > 0)); do
  case $1 in
    --peers) peers=${2:?--peers needs a number}; shift 2 ;;
    --summary) summary=${2:?--summary needs a file}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
if ! [[ $peers =~ ^[1-9][0-9]?$ ]]; then
  echo "run.sh: --peers must be a number from 1 to 99, got '$peers'" >&2
  exit 2
fi
if [[ -n $summary ]]; then summary=$(realpath -m "$summary"); fi
for tool in bazel nginx curl python3; do
  if ! command -v "$tool" > /dev/null; then
    echo "run.sh: '$tool' is not on PATH (Debian: apt-get install bazel-bootstrap nginx-light curl python3)" >&2
    exit 2
  fi
done

# Bazel counts JAVA_HOME among its startup settings: a command with another JAVA_HOME than the
# server's restarts the server (and a JDK-less Bazel such as Debian's runs its server on it).
# Export one JAVA_HOME here (a JDK 21+, found as the launcher finds it) for every Bazel command;
# the launcher hands the peers' tasks the caller's JAVA_HOME unchanged, so their Bazel runs see
# this very one and the warm-up, peer and final builds talk to the same servers.
# shellcheck source=bin/find-jdk.sh
. "$root/bin/find-jdk.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/taskshard-bazel.XXXXXX")
chmod go+x "$work" # nginx's worker user must reach the cache directory inside
results=$work/results
mkdir -p "$results"

# The settings every Bazel command here uses, peers included, so action keys (and so cache
# hits) match: one action at a time per machine (the 2-core box hosts several "machines" and
# linear is one of them), no sandbox (it may be unavailable in containers), a fixed action
# PATH (else each machine's PATH would be part of every key), no convenience symlinks (`//...`
# would walk into them).
build_flags=(--jobs=1 --spawn_strategy=local --incompatible_strict_action_env --symlink_prefix=/)
# startup_options NAME: the startup options of that machine's Bazel: its own output root, no
# ~/.bazelrc (the system one stays: Debian's Bazel needs it), and a small JVM that compiles
# with C1 only, which costs less CPU in a server that lives a minute or two.
startup_options() {
  printf '%s\n' "--output_user_root=$work/$1/bazel-root" --nohome_rc --host_jvm_args=-Xmx512m \
    --host_jvm_args=-XX:TieredStopAtLevel=1 "--max_idle_secs=$BAZEL_MAX_IDLE_S"
}

# Peers are short-lived JVMs, and here several start at once on one small machine: the quick
# compiler alone (C1) and the serial GC get them to work about a second sooner. A default only.
peer_java_opts=${TASKSHARD_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}

step="start"
cache_url=""
coordinator_pid=""
peer_pids=()
bazel_machines=() # machines whose Bazel server may be running

say() { printf '\n==== %s ====\n' "$1"; step=$1; }
now() { echo "$EPOCHREALTIME"; }
seconds_between() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

# alive PID: exists and is not a zombie.
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2> /dev/null || true)
  [[ -n $state && $state != Z ]]
}

# stop_pid PID NAME: SIGTERM, up to STOP_TIMEOUT_S, then SIGKILL.
stop_pid() {
  local deadline=$((SECONDS + STOP_TIMEOUT_S))
  alive "$1" || return 0
  kill -TERM "$1" 2> /dev/null || true
  while alive "$1"; do
    if ((SECONDS >= deadline)); then
      echo "$2 (pid $1) still running $STOP_TIMEOUT_S s after SIGTERM: SIGKILL"
      kill -KILL "$1" 2> /dev/null || true
      break
    fi
    sleep 0.2
  done
  wait "$1" 2> /dev/null || true
}

# bazel_in NAME ARGS...: bazel with that machine's startup options, in its workspace.
bazel_in() {
  local name=$1 opts
  shift
  mapfile -t opts < <(startup_options "$name")
  (cd "$work/$name/workspace" && timeout --kill-after=10s "$BAZEL_COMMAND_TIMEOUT_S" bazel "${opts[@]}" "$@")
}

# Stops a machine's Bazel server, with its own startup options (other options would start a
# new server first); kills it by its pid file if shutdown does not answer.
bazel_shutdown() {
  local name=$1 pid_file pid
  pid_file=$(find "$work/$name/bazel-root" -path '*/server/server.pid.txt' -print -quit 2> /dev/null || true)
  [[ -n $pid_file ]] || return 0
  pid=$(cat "$pid_file" 2> /dev/null || true)
  if [[ -z $pid ]] || ! alive "$pid"; then return 0; fi
  if ! BAZEL_COMMAND_TIMEOUT_S=$STOP_TIMEOUT_S bazel_in "$name" shutdown > /dev/null 2>&1; then
    echo "bazel shutdown of $name failed; stopping its server (pid $pid)"
  fi
  stop_pid "$pid" "the Bazel server of $name"
}

on_exit() {
  local rc=$? pid name
  trap - EXIT INT TERM
  for pid in "${peer_pids[@]}"; do stop_pid "$pid" "a peer"; done
  for name in "${bazel_machines[@]}"; do bazel_shutdown "$name"; done
  if [[ -n $coordinator_pid ]]; then stop_pid "$coordinator_pid" "the coordinator"; fi
  if [[ -n $cache_url ]]; then "$here/cache.sh" stop "$work/cache" || true; fi
  if [[ -n $keep ]]; then
    echo "kept: $work"
  else
    rm -rf "$work"
  fi
  if [[ $rc -ne 0 ]]; then echo "run.sh FAILED in step \"$step\" (exit $rc)" >&2; fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# fail MESSAGE [LOG]: says what went wrong, with the end of the log that tells why.
fail() {
  echo "run.sh: $1" >&2
  if [[ -n ${2:-} && -f $2 ]]; then
    echo "last lines of $2:" >&2
    tail -n "$LOG_TAIL_LINES" "$2" | sed 's/^/  | /' >&2
  fi
  exit 1
}

# machine NAME: a fresh copy of the workspace and an output root, as a separate CI machine has.
machine() {
  mkdir -p "$work/$1/bazel-root" "$work/$1/state"
  cp -R "$here/workspace" "$work/$1/workspace"
  rm -f "$work/$1/workspace"/bazel-* # convenience symlinks of a build in the source tree
  bazel_machines+=("$1")
}

# warm_up CACHE NAME...: gets those machines' Bazel ready, all at once, before a timed part:
# starts the server and loads and analyses //... with the very flags of the build to come
# (`--nobuild`: nothing runs, nothing is fetched from or stored in the cache). Linear and
# peers get the same, so what is timed is building, not starting the tool; each peer's own
# Bazel invocations still redo what analysis their target needs.
warm_up() {
  local cache=$1 name pids=() i=0
  shift
  for name in "$@"; do
    bazel_in "$name" build --nobuild "${build_flags[@]}" "--remote_cache=$cache" //... > "$work/$name/warm-up.log" 2>&1 &
    pids+=($!)
  done
  for name in "$@"; do
    wait "${pids[i]}" || fail "the warm-up (bazel build --nobuild) failed on $name" "$work/$name/warm-up.log"
    i=$((i + 1))
  done
}

say "build taskshard"
"$root/taskshard" --version > "$work/launcher.log" 2>&1 || fail "./taskshard does not start" "$work/launcher.log"
echo "bazel: $(command -v bazel) ($(dpkg-query -W -f='${Version}' bazel-bootstrap 2> /dev/null || bazel --version))," \
  "JAVA_HOME=$JAVA_HOME, $(nproc) CPUs"

say "remote cache (nginx) and coordinator"
cache_url=$("$here/cache.sh" start "$work/cache") || fail "the remote cache did not start"
echo "remote cache: $cache_url (linear: $cache_url/linear, peers: $cache_url/shared)"
"$root/taskshard" serve --port 0 --data "$work/coordinator" > "$work/coordinator.log" 2>&1 < /dev/null &
coordinator_pid=$!
deadline=$((SECONDS + COORDINATOR_START_TIMEOUT_S))
coordinator=""
until [[ -n $coordinator ]]; do
  coordinator=$(sed -n 's/^taskshard coordinator listening on \(http:[^ ]*\).*/\1/p' "$work/coordinator.log")
  alive "$coordinator_pid" || fail "the coordinator exited at start" "$work/coordinator.log"
  ((SECONDS < deadline)) || fail "the coordinator did not listen within $COORDINATOR_START_TIMEOUT_S s" "$work/coordinator.log"
  [[ -n $coordinator ]] || sleep 0.2
done
echo "coordinator: $coordinator"

say "linear: one machine builds everything"
machine linear
warm_up "$cache_url/linear" linear
echo "bazel build ${build_flags[*]} --remote_cache=$cache_url/linear //..."
start=$(now)
bazel_in linear build "${build_flags[@]}" "--remote_cache=$cache_url/linear" //... > "$results/linear.log" 2>&1 \
  || fail "the linear build failed" "$results/linear.log"
end=$(now)
seconds_between "$start" "$end" > "$results/linear.seconds"
grep -E '^INFO: (Elapsed|[0-9]+ process)' "$results/linear.log" || true
# What the workspace holds, so the report can check the schema lists exactly these targets.
bazel_in linear query 'kind(genrule, //...)' > "$results/workspace-targets.txt" 2> "$work/linear/query.log" \
  || fail "bazel query failed" "$work/linear/query.log"
bazel_shutdown linear

say "sharded: $peers peers share the targets"
names=()
for i in $(seq "$peers"); do
  machine "peer-$i"
  names+=("peer-$i")
done
warm_up "$cache_url/shared" "${names[@]}"
declare -A peer_of_pid
start=$(now)
echo "$start" > "$results/sharded.start"
for name in "${names[@]}"; do
  runner_options=()
  while IFS= read -r option; do runner_options+=(--runner-option "startup-option=$option"); done < <(startup_options "$name")
  for flag in "${build_flags[@]}" "--remote_cache=$cache_url/shared"; do runner_options+=(--runner-option "flag=$flag"); done
  TASKSHARD_JAVA_OPTS=$peer_java_opts timeout --kill-after=10s "$PEER_TIMEOUT_S" "$root/taskshard" peer --server "$coordinator" --schema "$schema" \
    --id "bazel-$name" --state-dir "$work/$name/state" --workdir "$work/$name/workspace" \
    --repo bazel-example --base-ref main --cache-id example-nginx \
    --runner bazel "${runner_options[@]}" > "$results/$name.peer.log" 2>&1 < /dev/null &
  peer_pids+=($!)
  peer_of_pid[$!]=$name
done
if ((peers > 0)); then echo "started: TASKSHARD_JAVA_OPTS='$peer_java_opts' taskshard peer --runner bazel ${runner_options[*]} (and --id, --workdir per peer)"; fi
# Each peer's exit time is taken when it exits (wait -n), not when the script gets to it.
while ((${#peer_pids[@]} > 0)); do
  rc=0
  done_pid=""
  wait -n -p done_pid "${peer_pids[@]}" || rc=$?
  [[ -n $done_pid ]] || fail "lost track of the peers (wait -n returned $rc without a pid)"
  echo "$rc $(now)" > "$results/${peer_of_pid[$done_pid]}.exit"
  echo "${peer_of_pid[$done_pid]} exited with code $rc"
  pending=()
  for pid in "${peer_pids[@]}"; do [[ $pid == "$done_pid" ]] || pending+=("$pid"); done
  peer_pids=(${pending[@]+"${pending[@]}"})
done
for name in "${names[@]}"; do
  read -r rc _ < "$results/$name.exit"
  [[ $rc -eq 0 ]] || fail "$name exited with code $rc" "$results/$name.peer.log"
done

say "final builds: every machine builds //... from the cache"
pids=()
for name in "${names[@]}"; do
  (
    start=$(now)
    rc=0
    bazel_in "$name" build "${build_flags[@]}" "--remote_cache=$cache_url/shared" //... > "$results/$name.final.log" 2>&1 || rc=$?
    echo "$rc $(seconds_between "$start" "$(now)")" > "$results/$name.final"
  ) &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
for name in "${names[@]}"; do
  read -r rc _ < "$results/$name.final"
  [[ $rc -eq 0 ]] || fail "the final build on $name failed (exit $rc)" "$results/$name.final.log"
  echo "$name: $(grep -E '^INFO: [0-9]+ process' "$results/$name.final.log" || echo 'no process summary')"
done

say "what the coordinator saw"
curl -fsS --max-time 10 "$coordinator/api/v1/jobs" > "$results/jobs.json" || fail "GET /api/v1/jobs failed"
job_id=$(python3 -c 'import json, sys; jobs = json.load(open(sys.argv[1]))["jobs"]; print(jobs[0]["id"] if len(jobs) == 1 else "")' \
  "$results/jobs.json")
[[ -n $job_id ]] || fail "expected exactly one job on the coordinator: $(cat "$results/jobs.json")"
curl -fsS --max-time 10 "$coordinator/api/v1/jobs/$job_id" > "$results/job.json" || fail "GET /api/v1/jobs/$job_id failed"
curl -fsS --max-time 10 "$coordinator/api/v1/jobs/$job_id/comparison" > "$results/comparison.json" \
  || fail "GET /api/v1/jobs/$job_id/comparison failed"
echo "job $job_id: GET $coordinator/api/v1/jobs/$job_id/comparison"

say "report"
report_args=("$results" --peers "$peers" --schema "$schema" --cache "$cache_url")
if [[ -n $summary ]]; then report_args+=(--summary "$summary"); fi
python3 "$here/report.py" "${report_args[@]}"
step="done"
