#!/usr/bin/env bash
# Tests what packaging/jpackage/build.sh makes, the way a user runs it. .ci/run calls this.
set -euo pipefail

usage() {
  cat << 'EOF'
Usage: packaging/test/test-package.sh [--skip-build] [--dest DIR]

Builds the app-image and the .deb, then checks them:
  1. every launcher answers --version (taskshard-tui and taskshard: only when app-tui/app-gui
     are in the build; until then they are skipped, saying so)
  2. the packaged headless server, started with the shipped server.yaml on a free port (0) and a
     temp data dir, answers /healthz, with sqlite's native library loaded from the image
     (nothing unpacked to a temp dir)
  3. a packaged peer runs a small schema of shell commands against it to completion (exit 0)
  4. (app-gui in the build) the GUI, attached to that server, starts under Xvfb and shows its
     window, JavaFX's natives loaded from the image; a screenshot is saved as
     DEST/gui-screenshot.png when ImageMagick's `import` is there
  5. SIGTERM stops the server with exit code 0; no JVM warnings in the launchers' output
  6. dpkg-deb --info/--contents: the four launchers, the desktop entry, the systemd unit and
     /etc/taskshard/server.yaml as a conffile
Every wait is bounded; temp files and processes are cleaned up on exit.

Options:
  --skip-build  test the packages already in DEST
  --dest DIR    where the packages are built (default: target/packaging)
  -h, --help    this text

Examples:
  packaging/test/test-package.sh
  packaging/test/test-package.sh --skip-build     # after packaging/jpackage/build.sh deb
EOF
}

BUILD_TIMEOUT=10m   # about 2 minutes here; the backstop for a hung jlink/jpackage
HEALTH_TIMEOUT_S=60
PEER_TIMEOUT=120s
STOP_TIMEOUT_S=30
GUI_WINDOW_TIMEOUT_S=60
LOG_TAIL_LINES=40

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
dest=$root/target/packaging
skip_build=""

tmp=""
server_pid=""
gui_pid=""
xvfb_pid=""

check() { printf 'ok: %s\n' "$*"; }
skip() { printf 'SKIPPED: %s\n' "$*"; }
fail() {
  printf 'FAILED: %s\n' "$1"
  if [[ $# -ge 2 && -f $2 ]]; then tail -n "$LOG_TAIL_LINES" "$2" | sed 's/^/  | /'; fi
  exit 1
}

# Stops process $1 with SIGTERM, then SIGKILL after 10 s.
stop_process() {
  local pid=$1
  kill -0 "$pid" 2> /dev/null || return 0
  kill -TERM "$pid" 2> /dev/null || true
  for _ in $(seq 20); do
    kill -0 "$pid" 2> /dev/null || return 0
    sleep 0.5
  done
  kill -KILL "$pid" 2> /dev/null || true
}

on_exit() {
  local pid
  for pid in "$gui_pid" "$server_pid" "$xvfb_pid"; do
    if [[ -n $pid ]]; then stop_process "$pid"; fi
  done
  if [[ -n $tmp ]]; then rm -rf "$tmp"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

module_built() { [[ -f $root/$1/pom.xml ]]; }

# ---- the checks -------------------------------------------------------------------------------

build_packages() {
  if [[ -n $skip_build ]]; then
    skip "build (--skip-build): testing what is in $dest"
    return 0
  fi
  local started=$SECONDS
  timeout --kill-after=30s "$BUILD_TIMEOUT" "$root/packaging/jpackage/build.sh" deb --dest "$dest" < /dev/null \
    || fail "packaging/jpackage/build.sh deb failed or took over $BUILD_TIMEOUT"
  check "built the app-image and the .deb in $((SECONDS - started)) s"
}

# check_version LAUNCHER: it prints "taskshard VERSION" and exits 0.
check_version() {
  local out
  out=$("$image/bin/$1" --version 2>&1) || fail "$1 --version exited non-zero: $out"
  [[ $out == "taskshard "* ]] || fail "$1 --version printed '$out', want 'taskshard VERSION'"
  check "$1 --version: $out"
}

# check_launcher LAUNCHER COMMAND MODULE: the launcher runs COMMAND (its --help names it);
# skipped while MODULE (when given) is not in the build.
check_launcher() {
  local launcher=$1 command=$2 module=$3 out
  if [[ -n $module ]] && ! module_built "$module"; then
    skip "$launcher ($command): $module is not in this build yet (no $module/pom.xml); checked once it is merged"
    return 0
  fi
  check_version "$launcher"
  out=$("$image/bin/$launcher" --help 2>&1) || fail "$launcher --help exited non-zero: $out"
  [[ $out == *"Usage: taskshard $command"* ]] || fail "$launcher --help does not show 'Usage: taskshard $command': $out"
  check "$launcher runs 'taskshard $command'"
}

start_server() {
  local deadline
  port=""
  mkdir -p "$tmp/data" "$tmp/java-tmp"
  # The shipped example config must be valid; the flags move it to a free port and a temp dir.
  # java.io.tmpdir points at an empty dir of our own, to see that nothing is unpacked into it.
  JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$tmp/java-tmp" \
    "$image/bin/taskshard-server" --config "$root/packaging/systemd/server.yaml" \
    --bind 127.0.0.1 --port 0 --data "$tmp/data" > "$tmp/server.log" 2>&1 < /dev/null &
  server_pid=$!
  deadline=$((SECONDS + HEALTH_TIMEOUT_S))
  # Port 0 and the port it prints: no race with other programs opening ports meanwhile.
  until [[ -n $port ]] && curl -fsS --max-time 2 -o "$tmp/health.json" "http://127.0.0.1:$port/healthz" 2> /dev/null; do
    port=$(sed -nE 's|.*listening on http://127\.0\.0\.1:([0-9]+).*|\1|p' "$tmp/server.log" | head -n 1)
    kill -0 "$server_pid" 2> /dev/null || fail "taskshard-server exited before /healthz answered" "$tmp/server.log"
    ((SECONDS < deadline)) || fail "GET /healthz did not answer within $HEALTH_TIMEOUT_S s" "$tmp/server.log"
    sleep 0.5
  done
  check "taskshard-server (shipped server.yaml, port $port) answers /healthz: $(cat "$tmp/health.json")"
}

# sqlite-jdbc must have loaded the library shipped in the image, and unpacked nothing.
check_sqlite_native() {
  local maps unpacked
  maps=$(grep -o '/[^ ]*libsqlitejdbc[^ ]*' "/proc/$server_pid/maps" | sort -u || true)
  [[ $maps == "$image/lib/app/native/libsqlitejdbc.so" ]] \
    || fail "the server mapped '$maps', want $image/lib/app/native/libsqlitejdbc.so"
  unpacked=$(find "$tmp/data" "$tmp/java-tmp" -name '*sqlite*.so*' -print)
  [[ -z $unpacked ]] || fail "sqlite-jdbc unpacked its library at run time: $unpacked"
  check "sqlite native library loaded from the image ($maps), nothing unpacked"
}

# A packaged launcher given a command of its own runs that command: the admin commands the
# docs tell package users to run (taskshard token ...) must work without a source checkout.
check_admin_commands() {
  local out
  out=$("$image/bin/taskshard" token create --role viewer --name package-test --data "$tmp/data" 2>&1) \
    || fail "taskshard token create (desktop launcher) failed: $out"
  [[ $out == *tsk_* ]] || fail "taskshard token create printed no secret: $out"
  out=$("$image/bin/taskshard-server" token list --data "$tmp/data" 2>&1) \
    || fail "taskshard-server token list failed: $out"
  [[ $out == *package-test* && $out != *tsk_* ]] || fail "token list does not show the token (or shows a secret): $out"
  check "the packaged launchers run admin commands: token create / token list"
}

run_peer() {
  mkdir -p "$tmp/work"
  cat > "$tmp/schema.yaml" << 'EOF'
# Three shell tasks, one needing another: what a peer runs when CI starts it.
name: package-test
tasks:
  - {id: compile, command: "mkdir -p out && echo compiled > out/compile.txt"}
  - {id: test, needs: [compile], command: "test -f out/compile.txt && echo tested > out/test.txt"}
  - {id: lint, command: "mkdir -p out && echo linted > out/lint.txt"}
EOF
  timeout --kill-after=10s "$PEER_TIMEOUT" "$image/bin/taskshard-peer" --server "127.0.0.1:$port" \
    --schema "$tmp/schema.yaml" --runner shell --workdir "$tmp/work" --id package-test-peer \
    > "$tmp/peer.log" 2>&1 < /dev/null || fail "taskshard-peer failed (exit $?)" "$tmp/peer.log"
  [[ "$(cat "$tmp/work/out/compile.txt" "$tmp/work/out/test.txt" "$tmp/work/out/lint.txt" 2> /dev/null)" \
    == $'compiled\ntested\nlinted' ]] || fail "the peer exited 0 but its tasks' files are missing" "$tmp/peer.log"
  check "taskshard-peer ran the 3 shell tasks to completion (exit 0): $(tail -n 1 "$tmp/peer.log")"
}

stop_server() {
  local deadline rc=0
  kill -TERM "$server_pid"
  deadline=$((SECONDS + STOP_TIMEOUT_S))
  while kill -0 "$server_pid" 2> /dev/null; do
    ((SECONDS < deadline)) || fail "taskshard-server still runs $STOP_TIMEOUT_S s after SIGTERM" "$tmp/server.log"
    sleep 0.2
  done
  wait "$server_pid" || rc=$?
  server_pid=""
  [[ $rc -eq 0 ]] || fail "taskshard-server exited $rc after SIGTERM, want 0" "$tmp/server.log"
  check "SIGTERM stopped taskshard-server with exit code 0"
}

check_deb() {
  local deb contents info path desktop
  deb=$(find "$dest" -maxdepth 1 -name 'taskshard_*.deb' | head -n 1)
  [[ -n $deb ]] || fail "no taskshard_*.deb in $dest"
  info=$(dpkg-deb --info "$deb")
  contents=$(dpkg-deb --contents "$deb")
  for path in opt/taskshard/bin/taskshard opt/taskshard/bin/taskshard-tui opt/taskshard/bin/taskshard-server \
    opt/taskshard/bin/taskshard-peer usr/share/applications/taskshard.desktop \
    usr/share/icons/hicolor/256x256/apps/taskshard.png \
    usr/lib/systemd/system/taskshard.service etc/taskshard/server.yaml usr/bin/taskshard-server; do
    grep -q " \./$path\( \|$\)" <<< "$contents" || fail "$(basename "$deb") has no /$path"
  done
  grep -q '/etc/taskshard/server.yaml' < <(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles) \
    || fail "/etc/taskshard/server.yaml is not a conffile"
  grep -q 'Package: taskshard' <<< "$info" || fail "dpkg-deb --info shows no 'Package: taskshard'"
  desktop=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/applications/taskshard.desktop)
  grep -qx 'Exec=/opt/taskshard/bin/taskshard' <<< "$desktop" || fail "the desktop entry does not run the GUI launcher"
  grep -qx 'Icon=taskshard' <<< "$desktop" || fail "the desktop entry does not name the taskshard icon"
  check "$(basename "$deb") ($(du -h "$deb" | cut -f1)): launchers, desktop entry, unit file, conffile server.yaml"
  printf '%s\n' "$info" | sed -n 's/^ \(Package\|Version\|Architecture\|Installed-Size\):/  &/p'
  grep -E ' \./(opt/taskshard/bin/|usr/share/(applications|icons)/|usr/lib/systemd|etc/taskshard/|usr/bin/)' <<< "$contents" \
    | awk '$6 !~ /\/$/ {print "  " $6, $7, $8}'
}

# Prints the first top-level window of DISPLAY $1 titled "taskshard..." that is at least
# 200 px wide (JavaFX also maps a 10x10 helper window), as xwininfo shows it; nothing if none.
gui_window() {
  DISPLAY=$1 xwininfo -root -children 2> /dev/null | awk '
    /^ +0x[0-9a-f]+ "taskshard/ {
      if (match($0, /[0-9]+x[0-9]+\+/)) {
        size = substr($0, RSTART, RLENGTH - 1); split(size, wh, "x")
        if (wh[1] >= 200) { sub(/^ +/, ""); print; exit }
      }
    }'
}

# The GUI, attached to the packaged server, shows the job the peer ran.
check_gui() {
  local display deadline window
  if ! module_built app-gui; then
    skip "GUI under Xvfb: app-gui is not in this build yet (no app-gui/pom.xml); checked once it is merged"
    return 0
  fi
  command -v Xvfb > /dev/null || fail "the GUI check needs Xvfb (apt-get install xvfb)"
  command -v xwininfo > /dev/null || fail "the GUI check needs xwininfo (apt-get install x11-utils)"
  Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3> "$tmp/display" 2> "$tmp/xvfb.log" &
  xvfb_pid=$!
  deadline=$((SECONDS + 20))
  until [[ -s $tmp/display ]]; do
    ((SECONDS < deadline)) || fail "Xvfb did not start" "$tmp/xvfb.log"
    sleep 0.2
  done
  display=:$(tr -d '[:space:]' < "$tmp/display")
  # XDG dirs of its own: the GUI's remembered servers stay in the temp dir.
  DISPLAY=$display XDG_CONFIG_HOME=$tmp/xdg-config XDG_DATA_HOME=$tmp/xdg-data \
    "$image/bin/taskshard" --server "127.0.0.1:$port" > "$tmp/gui.log" 2>&1 < /dev/null &
  gui_pid=$!
  deadline=$((SECONDS + GUI_WINDOW_TIMEOUT_S))
  until window=$(gui_window "$display") && [[ -n $window ]]; do
    kill -0 "$gui_pid" 2> /dev/null || fail "the GUI (taskshard) exited before showing its window" "$tmp/gui.log"
    ((SECONDS < deadline)) || fail "the GUI showed no window within $GUI_WINDOW_TIMEOUT_S s" "$tmp/gui.log"
    sleep 0.5
  done
  grep -q " $image/lib/runtime/lib/libglass.so$" "/proc/$gui_pid/maps" \
    || fail "the GUI did not load JavaFX's libglass.so from the image's runtime" "$tmp/gui.log"
  sleep 3   # let it draw the job before the screenshot; nothing is asserted on timing
  if command -v import > /dev/null; then
    DISPLAY=$display import -window root "$dest/gui-screenshot.png"
    check "screenshot: $dest/gui-screenshot.png"
  fi
  kill -0 "$gui_pid" 2> /dev/null || fail "the GUI exited after showing its window" "$tmp/gui.log"
  check "the GUI (taskshard --server 127.0.0.1:$port) runs under Xvfb, JavaFX natives from the image: $window"
  stop_process "$gui_pid"
  gui_pid=""
  stop_process "$xvfb_pid"
  xvfb_pid=""
}

# The JVM warns on stderr ("WARNING: ...") about native access or sun.misc.Unsafe when a
# launcher lacks the options that allow them.
check_no_jvm_warnings() {
  local log
  for log in "$@"; do
    [[ -f $log ]] || continue
    if grep -q '^WARNING: ' "$log"; then fail "JVM warnings in $(basename "$log")" "$log"; fi
  done
  check "no JVM warnings in the launchers' output"
}

main() {
  while (($# > 0)); do
    case $1 in
      --skip-build) skip_build=1 ;;
      --dest)
        [[ $# -ge 2 ]] || fail "--dest needs a directory"
        dest=$2
        shift
        ;;
      -h | --help)
        usage
        return 0
        ;;
      *) fail "unknown argument '$1'; try --help" ;;
    esac
    shift
  done
  mkdir -p "$dest"
  dest=$(cd "$dest" && pwd -P)
  image=$dest/taskshard
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/taskshard-package-test.XXXXXX")

  build_packages
  check_launcher taskshard-server serve ""
  check_launcher taskshard-peer peer ""
  check_launcher taskshard-tui tui app-tui
  check_launcher taskshard gui app-gui
  start_server
  check_sqlite_native
  run_peer
  check_admin_commands
  check_gui
  stop_server
  check_no_jvm_warnings "$tmp/server.log" "$tmp/peer.log" "$tmp/gui.log"
  check_deb
  echo "package test passed in $SECONDS s"
}

main "$@"
