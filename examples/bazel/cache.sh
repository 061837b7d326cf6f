#!/usr/bin/env bash
# A real HTTP remote cache for Bazel on loopback: nginx with WebDAV PUT, data in a directory.
#
#   examples/bazel/cache.sh start DIR    starts it, prints its URL (http://127.0.0.1:PORT)
#   examples/bazel/cache.sh stop DIR     stops it (waits until nginx is gone)
#
# DIR holds everything: nginx.conf, nginx.pid, the logs, and data/ where Bazel's blobs land
# (data/<prefix>/ac/<hash> and data/<prefix>/cas/<hash>: Bazel appends /ac/ and /cas/ to the
# cache URL, so one server can hold several independent caches under different URL prefixes).
# Needs nginx with the DAV module (Debian: nginx-light). Runs as any user: nginx's worker
# drops to `nobody` when started as root, so data/ is made world-writable (PUTs fail with 500
# otherwise), and DIR itself searchable by others (its parents must be too, as /tmp is).
set -euo pipefail

DEFAULT_START_TIMEOUT_S=10
DEFAULT_STOP_TIMEOUT_S=10
PORT_ATTEMPTS=20

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

# alive PID: the process exists and is not a zombie (a daemon whose parent does not reap it
# stays a zombie for ever, and kill -0 still succeeds on zombies).
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2> /dev/null || true)
  [[ -n $state && $state != Z ]]
}

# Prints a TCP port on 127.0.0.1 that nothing listens on (a connect is refused).
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "cache.sh: no free port found on 127.0.0.1" >&2
  return 1
}

write_conf() { # DIR PORT
  cat > "$1/nginx.conf" << EOF
# Written by examples/bazel/cache.sh: a Bazel HTTP remote cache (GET and PUT of blobs).
worker_processes 1;
pid $1/nginx.pid;
error_log $1/error.log;
events { worker_connections 256; }
http {
  access_log $1/access.log;
  client_body_temp_path $1/tmp;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:$2;
    location / {
      root $1/data;
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:rw all:r;
    }
  }
}
EOF
}

start() { # DIR
  local dir port deadline
  mkdir -p "$1"
  dir=$(cd "$1" && pwd -P)
  mkdir -p "$dir/data" "$dir/tmp"
  # The worker must reach data/ and tmp/ (so DIR and its parents need o+x: mktemp -d gives 700)
  # and write in them.
  chmod go+x "$dir"
  chmod 777 "$dir/data" "$dir/tmp"
  if ! command -v nginx > /dev/null; then
    echo "cache.sh: nginx not found on PATH (Debian: apt-get install nginx-light)" >&2
    return 1
  fi
  # Another process may take the port between free_port and nginx's bind: then try another.
  for _ in $(seq "$PORT_ATTEMPTS"); do
    port=$(free_port)
    write_conf "$dir" "$port"
    rm -f "$dir/nginx.pid"
    if nginx -e "$dir/error.log" -c "$dir/nginx.conf" 2> "$dir/start.log"; then
      deadline=$((SECONDS + DEFAULT_START_TIMEOUT_S))
      # Ready when a PUT and a GET of a probe blob round-trip: this proves the worker can write.
      until curl -fsS --max-time 2 -X PUT --data probe "http://127.0.0.1:$port/probe/blob" > /dev/null 2>&1 \
        && [[ $(curl -fsS --max-time 2 "http://127.0.0.1:$port/probe/blob" 2> /dev/null) == probe ]]; do
        if ((SECONDS >= deadline)); then
          echo "cache.sh: nginx on 127.0.0.1:$port did not store and serve a blob within" \
            "$DEFAULT_START_TIMEOUT_S s (can its worker user reach $dir? every parent needs o+x);" \
            "its error log:" >&2
          tail -n 5 "$dir/error.log" >&2 || true
          stop "$dir" || true
          return 1
        fi
        sleep 0.2
      done
      rm -rf "$dir/data/probe"
      echo "http://127.0.0.1:$port"
      return 0
    fi
    if ! grep -q "Address already in use" "$dir/start.log"; then
      echo "cache.sh: nginx -c $dir/nginx.conf failed:" >&2
      cat "$dir/start.log" >&2
      return 1
    fi
  done
  echo "cache.sh: no port worked after $PORT_ATTEMPTS attempts" >&2
  return 1
}

stop() { # DIR
  local dir pid deadline
  dir=$(cd "$1" && pwd -P)
  [[ -f $dir/nginx.pid ]] || return 0
  pid=$(cat "$dir/nginx.pid")
  nginx -e "$dir/error.log" -c "$dir/nginx.conf" -s stop 2> /dev/null || kill -TERM "$pid" 2> /dev/null || true
  deadline=$((SECONDS + DEFAULT_STOP_TIMEOUT_S))
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      echo "cache.sh: nginx (pid $pid) still running $DEFAULT_STOP_TIMEOUT_S s after stop; killing it" >&2
      kill -KILL "$pid" 2> /dev/null || true
      break
    fi
    sleep 0.1
  done
  rm -f "$dir/nginx.pid"
}

[[ $# -eq 2 ]] || usage
case $1 in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) usage ;;
esac
