#!/bin/sh
# Finds a JDK (java *and* javac) of major version >= 21 so nobody has to pick one by hand:
# the machine's default `java` is often older (17 on Debian 12), and the build needs 21.
#
#   . bin/find-jdk.sh     sets and exports JAVA_HOME; the `.` fails, after saying why, if no JDK fits
#   sh bin/find-jdk.sh    prints the chosen JAVA_HOME on stdout (exit 1 if no JDK fits)
#
# Order: $JAVA_HOME when it is a JDK >= 21 (an explicit choice wins); otherwise the newest
# JDK >= 21 among the usual install places and the `java` on PATH.
#
# Environment:
#   TASKSHARD_JVM_ROOTS   colon-separated glob patterns of JDK homes to scan instead of the
#                         defaults below (the tests point it at fake JDKs)
#   TASKSHARD_MIN_JAVA    lowest acceptable major version (default 21)
#
# Plain POSIX sh: `mvnw` (/bin/sh, possibly `set -euf`) and bash scripts both source it. Every
# helper name starts with taskshard_ / _tsj_ so it cannot clash with the caller's names.

TASKSHARD_DEFAULT_MIN_JAVA=21
TASKSHARD_DEFAULT_JVM_ROOTS="/usr/lib/jvm/*:/usr/local/lib/jvm/*:${HOME:-/nonexistent}/.sdkman/candidates/java/*:/opt/java/*:/Library/Java/JavaVirtualMachines/*/Contents/Home"

# Prints the full version of the Java installed at $1 ("21.0.2", "25", "1.8.0_392"),
# read from $1/release, else from `$1/bin/java -version`. Fails if neither tells.
taskshard_jdk_version() {
  _tsj_v=""
  if [ -r "$1/release" ]; then
    while IFS= read -r _tsj_line || [ -n "$_tsj_line" ]; do
      case $_tsj_line in
        JAVA_VERSION=*)
          _tsj_v=${_tsj_line#JAVA_VERSION=}
          _tsj_v=${_tsj_v#\"}
          _tsj_v=${_tsj_v%%\"*}
          break ;;
      esac
    done < "$1/release"
  fi
  if [ -z "$_tsj_v" ] && [ -x "$1/bin/java" ]; then
    # e.g. openjdk version "17.0.15" 2025-04-15 (possibly after a "Picked up ..." line)
    _tsj_out=$("$1/bin/java" -version 2>&1) || _tsj_out=""
    case $_tsj_out in
      *'version "'*) _tsj_v=${_tsj_out#*version \"}; _tsj_v=${_tsj_v%%\"*} ;;
    esac
  fi
  [ -n "$_tsj_v" ] || return 1
  printf '%s\n' "$_tsj_v"
}

# Prints the major version of a full version string: 21.0.2 -> 21, 25 -> 25, 1.8.0_392 -> 8.
taskshard_java_major() {
  case $1 in
    1.*) _tsj_m=${1#1.} ;;
    *) _tsj_m=$1 ;;
  esac
  _tsj_m=${_tsj_m%%[!0-9]*}
  [ -n "$_tsj_m" ] || return 1
  printf '%s\n' "$_tsj_m"
}

# True if version $1 is newer than $2, comparing numeric components left to right.
_tsj_newer() {
  _tsj_a=$1
  _tsj_b=$2
  while [ -n "$_tsj_a" ] || [ -n "$_tsj_b" ]; do
    _tsj_x=${_tsj_a%%[!0-9]*}
    _tsj_y=${_tsj_b%%[!0-9]*}
    if [ "${_tsj_x:-0}" -gt "${_tsj_y:-0}" ]; then return 0; fi
    if [ "${_tsj_x:-0}" -lt "${_tsj_y:-0}" ]; then return 1; fi
    _tsj_a=${_tsj_a#"$_tsj_x"}
    _tsj_a=${_tsj_a#?}
    _tsj_b=${_tsj_b#"$_tsj_y"}
    _tsj_b=${_tsj_b#?}
  done
  return 1
}

# Follows symlinks to the real file (readlink -f is missing on older macOS).
_tsj_resolve() {
  _tsj_p=$1
  while [ -L "$_tsj_p" ]; do
    _tsj_l=$(readlink "$_tsj_p") || break
    case $_tsj_l in
      /*) _tsj_p=$_tsj_l ;;
      *) _tsj_p=$(dirname "$_tsj_p")/$_tsj_l ;;
    esac
  done
  printf '%s\n' "$_tsj_p"
}

# Looks at one candidate home $1: notes what it is in _tsj_found (for the error message) and
# keeps it in _tsj_best if it is the newest fitting JDK so far. Non-Java dirs are skipped quietly.
_tsj_consider() {
  [ -d "$1" ] || return 0
  _tsj_h=$(cd "$1" 2>/dev/null && pwd -P) || return 0
  case $_tsj_seen in *"|$_tsj_h|"*) return 0 ;; esac
  _tsj_seen="$_tsj_seen|$_tsj_h|"
  [ -x "$_tsj_h/bin/java" ] || return 0
  if ! _tsj_ver=$(taskshard_jdk_version "$_tsj_h") || ! _tsj_maj=$(taskshard_java_major "$_tsj_ver"); then
    _tsj_found="$_tsj_found
  $_tsj_h: unknown version"
    return 0
  fi
  if [ ! -x "$_tsj_h/bin/javac" ]; then
    _tsj_found="$_tsj_found
  $_tsj_h: Java $_tsj_ver, a JRE only (no javac)"
    return 0
  fi
  _tsj_found="$_tsj_found
  $_tsj_h: Java $_tsj_ver"
  [ "$_tsj_maj" -ge "$_tsj_min" ] || return 0
  if [ -z "$_tsj_best" ] || [ "$_tsj_maj" -gt "$_tsj_best_maj" ] \
      || { [ "$_tsj_maj" -eq "$_tsj_best_maj" ] && _tsj_newer "$_tsj_ver" "$_tsj_best_ver"; }; then
    _tsj_best=$_tsj_h
    _tsj_best_ver=$_tsj_ver
    _tsj_best_maj=$_tsj_maj
  fi
}

# True if $1 is a JDK (java + javac) of at least the minimum major version.
_tsj_fits() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _tsj_ver=$(taskshard_jdk_version "$1") || return 1
  _tsj_maj=$(taskshard_java_major "$_tsj_ver") || return 1
  [ "$_tsj_maj" -ge "$_tsj_min" ]
}

_tsj_fail() {
  _tsj_where=$(printf '%s\n' "$_tsj_roots" | sed 's/:/, /g')
  cat >&2 <<EOF
taskshard needs a JDK (java and javac) of version $_tsj_min or newer, and found none.
Looked at \$JAVA_HOME, $_tsj_where and the java on PATH. Found:${_tsj_found:-
  no Java at all}
Install a JDK $_tsj_min+ (it is then found by itself, no setting needed), for example:
  Ubuntu 22.04+ / Debian 13+:  sudo apt-get install openjdk-${_tsj_min}-jdk
  any Linux:                   Eclipse Temurin $_tsj_min (adoptium.net), unpacked under /opt/java/
  SDKMAN:                      sdk install java ${_tsj_min}-tem
  macOS (Homebrew):            brew install --cask temurin@${_tsj_min}
or point JAVA_HOME at one you have:  export JAVA_HOME=/path/to/jdk-${_tsj_min}
EOF
}

# Sets and exports JAVA_HOME to a fitting JDK, or explains on stderr and fails.
taskshard_find_jdk() {
  _tsj_min=${TASKSHARD_MIN_JAVA:-$TASKSHARD_DEFAULT_MIN_JAVA}
  _tsj_roots=${TASKSHARD_JVM_ROOTS:-$TASKSHARD_DEFAULT_JVM_ROOTS}
  _tsj_found=""
  _tsj_seen=""
  _tsj_best=""
  _tsj_best_ver=""
  _tsj_best_maj=0

  if [ -n "${JAVA_HOME:-}" ]; then
    if _tsj_fits "$JAVA_HOME"; then
      export JAVA_HOME
      return 0
    fi
    _tsj_consider "$JAVA_HOME"
  fi

  # The caller may run with `set -f` (mvnw does); the roots are globs, so expand them here.
  _tsj_noglob=""
  case $- in *f*) _tsj_noglob=1 ;; esac
  set +f
  _tsj_ifs=$IFS
  IFS=:
  # Unquoted on purpose: split on ':' and expand each pattern.
  # shellcheck disable=SC2086
  for _tsj_dir in $_tsj_roots; do
    IFS=$_tsj_ifs
    _tsj_consider "$_tsj_dir"
  done
  IFS=$_tsj_ifs
  if [ -n "$_tsj_noglob" ]; then set -f; fi

  if _tsj_java=$(command -v java 2>/dev/null) && [ -n "$_tsj_java" ]; then
    _tsj_java=$(_tsj_resolve "$_tsj_java")
    _tsj_consider "$(dirname "$(dirname "$_tsj_java")")"
  fi

  if [ -z "$_tsj_best" ]; then
    _tsj_fail
    return 1
  fi
  if [ -n "${JAVA_HOME:-}" ]; then
    echo "taskshard: JAVA_HOME=$JAVA_HOME is not a JDK $_tsj_min+; using $_tsj_best (Java $_tsj_best_ver) instead" >&2
  fi
  JAVA_HOME=$_tsj_best
  export JAVA_HOME
  return 0
}

if taskshard_find_jdk; then
  # Run as a program rather than sourced: tell the caller what was chosen.
  case ${0##*/} in find-jdk.sh) printf '%s\n' "$JAVA_HOME" ;; esac
  true
else
  false
fi
