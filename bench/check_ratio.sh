#!/usr/bin/env bash
# `check` of the --sample hits of a generated file against `urls` on that file, timed in
# turns so that both see the same machine: N rounds (default 15) of (urls, check), then the
# medians and the median of each round's ratio. The target is at most 1.5x.
#
#   bench/check_ratio.sh [ROUNDS] [CAMPAIGNS]        # defaults: 15 rounds, 20000 campaigns
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-15}
campaigns=${2:-20000}
cargo build --release --locked --bin postback >&2
postback=$(bench/release-dir)/postback
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/generate.py "$campaigns" > "$work/big.toml"
"$postback" -c "$work/big.toml" urls --level all --sample > "$work/hits.txt"
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
for _ in $(seq "$rounds"); do
    urls=$(seconds "$postback" -c "$work/big.toml" urls --format plain)
    check=$(seconds "$postback" -c "$work/big.toml" check --format plain < "$work/hits.txt")
    echo "$urls $check"
done | python3 -c '
import statistics, sys
rounds = [tuple(map(float, line.split())) for line in sys.stdin]
urls = statistics.median(u for u, _ in rounds)
check = statistics.median(c for _, c in rounds)
ratio = statistics.median(c / u for u, c in rounds)
print(f"urls {urls:.3f} s, check {check:.3f} s: {check / urls:.2f}x (median of the rounds: {ratio:.2f}x)")'
