#!/bin/sh
# work.sh SECONDS OUT [INPUT...]: what every genrule of the example runs. Sleeps SECONDS (the
# step's "real work"), hashes 8 MB of zeros (a little CPU, some 20 ms), then writes OUT: its
# own path and the digest of each INPUT, so dependents consume their dependencies' outputs.
set -eu
seconds=$1
out=$2
shift 2
sleep "$seconds"
cpu=$(head -c 8388608 /dev/zero | sha256sum | cut -d' ' -f1)
{
  echo "step $out: ${seconds}s of work, cpu digest $cpu"
  for input in "$@"; do
    echo "input $input: $(sha256sum < "$input" | cut -d' ' -f1)"
  done
} > "$out"
