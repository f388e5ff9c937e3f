#!/usr/bin/env bash
# Regenerates the figures of docs/performance.md: runs the benchmarks (criterion, each with its
# baseline in the same run), measures memory per version, and prints the machine and the table
# of ratios. Extra arguments go to criterion, e.g. `benches/report.sh put` for one group (the
# table then shows the other rows from their last run, or "not measured").
#
# Takes about 4 minutes on 2 cores. Timing varies with the machine's load: run it on an idle
# machine, and compare ratios (each taken within one run), not absolute times.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench --bench model -- "$@" >&2
memory=$(cargo run --release --quiet --example memory | sed -n 's/^bytes per version beyond the key bytes: //p')

echo "Machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'),"\
    "$(nproc) cores, $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}'); $(rustc --version)"
echo
cargo run --release --quiet --example perf_report -- --memory "$memory"
