#!/usr/bin/env bash
# Peak memory on a large file: generates N campaigns (default 200,000, about 110 MB) and
# prints each command's peak RSS next to the file's size. Needs GNU time. Not part of
# `cargo test`.
#
#   bench/memory.sh          # or N=900000 bench/memory.sh for a 500 MB file
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200000}
cargo build --release --locked --bin postback >&2
file=$(mktemp --suffix=.toml)
trap 'rm -f "$file"' EXIT
python3 bench/generate.py "$N" > "$file"
size=$(stat -c %s "$file")
echo "file: $N campaigns, $((size / 1024 / 1024)) MiB"
bin=$(bench/release-dir)/postback
some=$((100000 + N / 2))
for cmd in "validate" "urls --format plain" "list --format json" "add goal $some Extra --value extra --dry-run"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "%M" "$bin" -c "$file" $cmd > /dev/null 2> "$file.time" || true
  kb=$(tail -1 "$file.time")
  rm -f "$file.time"
  echo "$cmd: $((kb / 1024)) MiB peak, $(( kb * 100 / (size / 1024) ))% of the file"
done
