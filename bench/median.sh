#!/bin/bash
# The median (and minimum) wall time of N whole runs of a command, stdin from $IN:
#   IN=hits.txt bench/median.sh 9 "$(bench/release-dir)"/postback -c big.toml check --format plain
# Each run gets its own stdin, which `perf stat -r` does not give.
set -euo pipefail
n=$1
shift
for _ in $(seq "$n"); do
    start=$(date +%s.%N)
    "$@" < "${IN:-/dev/null}" > /dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
done | sort -n | awk '{ t[NR] = $1 } END { printf "median %.3f s, min %.3f s\n", t[int((NR + 1) / 2)], t[1] }'
