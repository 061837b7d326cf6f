#!/usr/bin/env bash
# Tests bin/find-jdk.sh against fake JDKs (a `release` file and stub java/javac scripts) in a
# temp dir, so the result does not depend on what this machine has installed.
# Usage: bash bin/test-find-jdk.sh    (exit 0 when every check passes)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
finder="$here/find-jdk.sh"
tmp=$(mktemp -d)
tmp=$(cd "$tmp" && pwd -P)   # the finder reports physical paths (macOS: /tmp -> /private/tmp)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0

# The finder runs with a PATH of its own: the fake `java` dir plus only the tools it uses, so
# the machine's real java never leaks into a case.
sh_bin=$(command -v sh)
mkdir -p "$tmp/tools"
for tool in sed cat readlink dirname; do
  ln -s "$(command -v "$tool")" "$tmp/tools/$tool"
done

# make_jdk DIR VERSION [jre] [no-release]: a fake Java home. `java -version` answers like the
# real one, so homes without a release file can be tested too.
make_jdk() {
  local dir=$1 version=$2 kind=${3:-jdk} release=${4:-release}
  mkdir -p "$dir/bin"
  printf '#!/bin/sh\necho '\''openjdk version "%s" 2024-01-16'\'' >&2\n' "$version" > "$dir/bin/java"
  chmod +x "$dir/bin/java"
  if [[ $kind == jdk ]]; then
    printf '#!/bin/sh\necho "javac %s"\n' "$version" > "$dir/bin/javac"
    chmod +x "$dir/bin/javac"
  fi
  if [[ $release == release ]]; then
    printf 'IMPLEMENTOR="Test"\nJAVA_VERSION="%s"\nOS_NAME="Linux"\n' "$version" > "$dir/release"
  fi
}

# A fresh scene per case: $tmp/N/jvm/* and $tmp/N/sdk/* are the roots; $tmp/N/pathbin holds
# the `java` found on PATH (a symlink into $tmp/N/pathjdk, like /usr/bin/java on Debian).
scene=0
new_scene() {
  scene=$((scene + 1))
  root="$tmp/$scene"
  mkdir -p "$root/jvm" "$root/sdk" "$root/pathbin"
}
path_java() {
  make_jdk "$root/pathjdk" "$1"
  ln -s "$root/pathjdk/bin/java" "$root/pathbin/java"
}

# run_finder [JAVA_HOME]: runs the finder as a program; sets out, err, rc.
run_finder() {
  local env_args=(-u JAVA_HOME)
  if [[ $# -gt 0 ]]; then env_args=("JAVA_HOME=$1"); fi
  rc=0
  env "${env_args[@]}" TASKSHARD_JVM_ROOTS="$root/jvm/*:$root/sdk/*" \
    PATH="$root/pathbin:$tmp/tools" "$sh_bin" "$finder" > "$tmp/out" 2> "$tmp/err" || rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

check() {  # check NAME CONDITION-RESULT DETAIL
  if [[ $2 == 0 ]]; then
    passed=$((passed + 1))
    echo "  ok    $1"
  else
    failed=$((failed + 1))
    echo "  FAIL  $1: $3"
    echo "        stdout: $out"
    echo "        stderr: ${err//$'\n'/$'\n'        }"
  fi
}
expect_eq() { local r=0; [[ $3 == "$2" ]] || r=1; check "$1" "$r" "expected '$2', got '$3'"; }
expect_has() { local r=0; [[ $2 == *"$3"* ]] || r=1; check "$1" "$r" "expected it to contain '$3'"; }
expect_lacks() { local r=0; [[ $2 != *"$3"* ]] || r=1; check "$1" "$r" "expected it not to contain '$3'"; }

echo "find-jdk.sh tests"

new_scene
make_jdk "$root/jvm/java-17" 17.0.9
make_jdk "$root/jvm/java-8" 1.8.0_392
make_jdk "$root/jvm/java-21" 21.0.2
make_jdk "$root/jvm/jre-26" 26.0.1 jre
make_jdk "$root/jvm/temurin-25" 25
make_jdk "$root/sdk/21.0.5-tem" 21.0.5
path_java 11.0.20
run_finder
expect_eq "picks the newest JDK >= 21 (25, not a newer JRE)" "$root/jvm/temurin-25" "$out"
expect_eq "exits 0 when a JDK fits" 0 "$rc"
expect_eq "says nothing on stderr when it just picks" "" "$err"

run_finder "$root/jvm/java-21"
expect_eq "honours a JAVA_HOME that is a JDK >= 21" "$root/jvm/java-21" "$out"
expect_eq "no warning for a good JAVA_HOME" "" "$err"

run_finder "$root/jvm/java-17"
expect_eq "replaces a JAVA_HOME older than 21" "$root/jvm/temurin-25" "$out"
expect_has "warns that JAVA_HOME is not used" "$err" "JAVA_HOME=$root/jvm/java-17 is not a JDK 21+"

run_finder "$root/jvm/jre-26"
expect_eq "replaces a JAVA_HOME that is a JRE (no javac)" "$root/jvm/temurin-25" "$out"

new_scene
make_jdk "$root/jvm/a-21.0.10" 21.0.10
make_jdk "$root/jvm/b-21.0.2" 21.0.2
make_jdk "$root/jvm/c-21.0.9" 21.0.9
run_finder
expect_eq "same major: compares 21.0.10 > 21.0.9 numerically" "$root/jvm/a-21.0.10" "$out"

new_scene
make_jdk "$root/jvm/java-21" 21.0.2
make_jdk "$root/jvm/no-release-23" 23.0.1 jdk no-release
run_finder
expect_eq "reads the version from java -version without a release file" "$root/jvm/no-release-23" "$out"

new_scene
make_jdk "$root/jvm/java-17" 17.0.9
path_java 24.0.2
run_finder
expect_eq "finds the JDK behind the java on PATH (symlink resolved)" "$root/pathjdk" "$out"

new_scene
make_jdk "$root/jvm/java-17" 17.0.9
make_jdk "$root/jvm/java-8" 1.8.0_392
make_jdk "$root/jvm/jre-25" 25.0.1 jre
mkdir -p "$root/jvm/not-java/lib"
path_java 11.0.20
run_finder
expect_eq "fails (exit 1) when no JDK >= 21 exists" 1 "$rc"
expect_eq "prints no path when it fails" "" "$out"
expect_has "says what it needs" "$err" "needs a JDK (java and javac) of version 21 or newer"
expect_has "lists the old JDKs it found" "$err" "$root/jvm/java-17: Java 17.0.9"
expect_has "lists Java 8 by its old-style version" "$err" "$root/jvm/java-8: Java 1.8.0_392"
expect_has "lists the PATH java" "$err" "$root/pathjdk: Java 11.0.20"
expect_has "rejects a JRE without javac, saying so" "$err" "$root/jvm/jre-25: Java 25.0.1, a JRE only (no javac)"
expect_lacks "ignores dirs that hold no Java" "$err" "not-java"
expect_has "tells how to install one" "$err" "apt-get install openjdk-21-jdk"
expect_has "tells how to override" "$err" "export JAVA_HOME="

new_scene
run_finder
expect_has "says so when there is no Java at all" "$err" "no Java at all"

# Sourced, as mvnw does it: under `set -euf` (no globbing!) in a POSIX sh, and in bash.
# The snippets are single-quoted on purpose: the inner shell expands them.
# shellcheck disable=SC2016
sourced_snippet='set -euf; . "$1"; printf "%s|" "$JAVA_HOME"; "$2" -c "printf %s \"\$JAVA_HOME\""
  case $- in *f*) ;; *) echo " (set -f lost)" ;; esac'
new_scene
make_jdk "$root/jvm/java-22" 22
for shell in "$sh_bin" "$(command -v bash)"; do
  rc=0
  out=$(env -u JAVA_HOME TASKSHARD_JVM_ROOTS="$root/jvm/*" PATH="$root/pathbin:$tmp/tools" \
    "$shell" -c "$sourced_snippet" _ "$finder" "$sh_bin" 2> "$tmp/err") || rc=$?
  err=$(cat "$tmp/err")
  expect_eq "sourced by ${shell##*/} under set -euf: sets and exports JAVA_HOME, keeps set -f" \
    "$root/jvm/java-22|$root/jvm/java-22" "$out"
done
rm -rf "$root/jvm/java-22"
rc=0
# shellcheck disable=SC2016
out=$(env -u JAVA_HOME TASKSHARD_JVM_ROOTS="$root/jvm/*" PATH="$root/pathbin:$tmp/tools" \
  "$sh_bin" -c '. "$1" || { echo "source failed"; exit 0; }; echo "went on"' _ "$finder" 2> "$tmp/err") || rc=$?
err=$(cat "$tmp/err")
expect_eq "sourcing fails (so the caller can stop) when nothing fits" "source failed" "$out"

echo "find-jdk: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
