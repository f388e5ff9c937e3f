#!/usr/bin/env bash
# The HTTP comparison of docs/performance.md: the bucket-versioning server (s3 dialect, in
# memory, no signature checks) and moto's S3 server (the pinned version of the SDK suites'
# requirements), each under the same bucket-versioning-load workload, in one run. Prints the
# machine and the report as Markdown.
#
#   benches/http_vs_moto.sh                 # 16 clients, 60 s per endpoint
#   CLIENTS=4 DURATION=10 benches/http_vs_moto.sh
#
# Both servers and the load generator share the machine: run it on an otherwise idle one, and
# compare the ratio (taken within one run), not absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."

clients=${CLIENTS:-16}
duration=${DURATION:-60}
venv=${BV_SDK_VENV:-target/sdk-venv}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

cargo build --release --quiet -p bucket-versioning-server -p bucket-versioning-load >&2

# moto, pinned: the SDK suites' virtualenv (made here when the tests have not made it yet).
if [ ! -x "$venv/bin/moto_server" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -r crates/server/tests/sdk/requirements.txt
fi
moto_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$venv/bin/moto_server" -H 127.0.0.1 -p "$moto_port" > "$work/moto.log" 2>&1 &
pids+=($!)

target/release/bucket-versioning serve --dialect s3 --bind 127.0.0.1:0 > "$work/bv.out" 2> "$work/bv.log" &
pids+=($!)

# The server's first stdout line names its address; moto answers once it is up.
bv_url=""
for _ in $(seq 1 600); do
    bv_url=$(sed -n 's/^bucket-versioning listening on \(http:[^ ]*\).*/\1/p' "$work/bv.out" | head -1)
    if [ -n "$bv_url" ] && curl -s -o /dev/null "http://127.0.0.1:$moto_port/"; then
        break
    fi
    sleep 0.1
done
if [ -z "$bv_url" ]; then
    echo "error: the server did not start:" >&2
    cat "$work/bv.log" >&2
    exit 1
fi

echo "Machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'),"\
    "$(nproc) cores, $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}'); $(rustc --version);"\
    "moto $("$venv/bin/python" -c 'import moto; print(moto.__version__)')"
echo "Workload: $clients clients, $duration s per endpoint, 1 KiB objects over 256 keys, seed 1"
echo
# moto answers some listings with a 500 under concurrent writes: the report counts them, and
# they do not stop the comparison.
target/release/bucket-versioning-load --quiet --format markdown --max-unexpected 1000 --clients "$clients" --duration "$duration" \
    --endpoint "bucket-versioning=$bv_url" --endpoint "moto=http://127.0.0.1:$moto_port" --baseline moto
