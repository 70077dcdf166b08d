#!/bin/bash
# Start-up against `true`: the shipped file's `urls` and `/bin/true` as whole processes, side
# by side in interleaved rounds (so a busy neighbour slows both), each round timing a batch
# of runs; prints each command's median per-run time and the ratio (target: at most 1.8x).
#   bench/startup.sh [ROUNDS] [RUNS_PER_ROUND]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-15}
runs=${2:-100}
cargo build --release --locked --quiet
bin=$(bench/release-dir)/postback
batch() {
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$@" > /dev/null 2>&1; done
    end=$(date +%s%N)
    echo $(((end - start) / runs))
}
median() { sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
true_ns=() ; urls_ns=()
for _ in $(seq "$rounds"); do
    true_ns+=("$(batch /bin/true)")
    urls_ns+=("$(batch "$bin" -c campaigns.toml urls)")
done
t=$(printf '%s\n' "${true_ns[@]}" | median)
u=$(printf '%s\n' "${urls_ns[@]}" | median)
awk -v t="$t" -v u="$u" 'BEGIN {
    printf "true: %.3f ms per run\npostback urls (shipped campaigns.toml): %.3f ms per run\nratio: %.2fx\n", t / 1e6, u / 1e6, u / t
}'
