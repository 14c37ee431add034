#!/usr/bin/env bash
# REST ingest measured with wrk as docs/performance.md describes: `undertone serve` on a fresh SQLite file pinned to
# core 0, wrk (one thread, CONNECTIONS connections, one-event batches from scripts/wrk-ingest.lua to 1,000 chats started
# beforehand) on core 1, after a look at `GET /healthz` for the server's ceiling. Needs wrk (Debian: apt-get install wrk).
#
#   scripts/wrk-ingest.sh [BINARY] [SECONDS] [CONNECTIONS] [floor]     defaults: .build/release/undertone 30 64
#
# With "floor" every turn is the agent saying "ok", which the engine has next to nothing to do with: what is left is the
# request path's own cost (HTTP, the key, the shard's group, the SQLite transaction, the answer). COUNT_SYSCALLS=1
# also counts the server's system calls and context switches a request (perf; see pinned-server.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-.build/release/undertone}
seconds=${2:-30}
connections=${3:-64}
mode=${4:-}
command -v wrk >/dev/null || { echo "wrk-ingest: needs wrk (apt-get install wrk)" >&2; exit 1; }
source "$(dirname "$0")/pinned-server.sh"
start_pinned_server "$binary"

# The chats the turns go to, started in one batch.
run=$(date +%s)
calls=1000
for n in $(seq 0 $((calls - 1))); do
    printf '{"v":1,"type":"call_started","call":"wrk-%s-1-%d","at":0,"channel":"chat","customer":"c-%d","queue":"billing"}\n' "$run" "$n" "$n"
done >"$dir/starts.jsonl"
curl -sf -o /dev/null -H "Authorization: Bearer $key" -H "Content-Type: application/x-ndjson" --data-binary "@$dir/starts.jsonl" \
    "http://127.0.0.1:$port/v1/events" || { echo "wrk-ingest: could not start the chats" >&2; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); core 0's speed probe: $(speed_probe)"
echo "GET /healthz:"
taskset -c 1 wrk -t1 -c"$connections" -d10s "http://127.0.0.1:$port/healthz" | grep -E "Requests/sec|Latency|Non-2xx"
echo "POST /v1/events, one event a request:"
start_counting
before=$(cpu_ticks)
taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$here/wrk-ingest.lua" -H "Authorization: Bearer $key" \
    "http://127.0.0.1:$port" -- "$run" "$calls" ${mode:+"$mode"} | tee "$dir/report.txt" | grep -vE "^\s+[0-9.]+%|Latency Distribution"
after=$(cpu_ticks)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); core 0's speed probe: $(speed_probe)"
requests=$(grep -oE '^requests: [0-9]+' "$dir/report.txt" | cut -d' ' -f2)
awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v requests="$requests" \
    'BEGIN { printf "server CPU: %.1f s, %.3f ms per request\n", ticks / hz, ticks / hz * 1000 / requests }'
stop_counting "$requests" request
