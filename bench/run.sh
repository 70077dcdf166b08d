#!/usr/bin/env bash
# The performance benchmark (targets in bench/README.md): builds the release binaries, generates the workload, and times
# postback, the toml-crate floor and the Python equivalent side by side (medians of RUNS runs,
# default 5), checking that postback and Python print the same bytes. Not part of `cargo test`.
#
#   bench/run.sh            # or RUNS=9 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin postback --example toml_floor >&2
RELEASE_DIR=$(bench/release-dir) exec python3 bench/run.py
