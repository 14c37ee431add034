#!/usr/bin/env bash
# Counts the server's heap allocations a REST request: `undertone serve` pinned to core 0 on a fresh SQLite file, 1,000
# chats started, then REQUESTS one-event batches (customer turns, the texts of scripts/wrk-ingest.lua) posted one at a
# time over one connection by curl on core 1 — so each is its own commit — after 500 to warm up, with a uprobe on libc's
# malloc counted by `perf stat`. Unlike time, the count does not move with the machine's speed: the same build gives
# the same figure run after run. Needs root, perf and curl.
#
#   scripts/count-allocations.sh [BINARY] [REQUESTS]     defaults: .build/release/undertone 4000
set -euo pipefail
binary=${1:-.build/release/undertone}
requests=${2:-4000}
command -v perf >/dev/null || { echo "count-allocations: needs perf (apt-get install linux-perf)" >&2; exit 1; }
libc=$(ldd "$binary" | awk '/libc\.so\.6/ { print $3 }')
[ -n "$libc" ] || { echo "count-allocations: $binary does not link libc.so.6" >&2; exit 1; }
perf probe -q -d 'probe_libc:malloc' >/dev/null 2>&1 || true
perf probe -q -x "$libc" --add malloc || { echo "count-allocations: could not place a probe on $libc's malloc (root?)" >&2; exit 1; }
source "$(dirname "$0")/pinned-server.sh"
start_pinned_server "$binary"
trap 'kill -INT $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$dir"; perf probe -q -d "probe_libc:malloc" || true' EXIT

run=$(date +%s)
for n in $(seq 0 999); do
    printf '{"v":1,"type":"call_started","call":"alloc-%s-%d","at":0,"channel":"chat","customer":"c-%d","queue":"billing"}\n' "$run" "$n" "$n"
done >"$dir/starts.jsonl"
curl -sf -o /dev/null -H "Authorization: Bearer $key" -H "Content-Type: application/x-ndjson" --data-binary "@$dir/starts.jsonl" \
    "http://127.0.0.1:$port/v1/events" || { echo "count-allocations: could not start the chats" >&2; exit 1; }

# A curl config of COUNT requests from FIRST: one connection, one request after another.
turns() {
    local first=$1 count=$2 sent text
    local texts=("hi I am calling about my last bill" "I have called three times about this charge and nobody has fixed it"
        "okay that makes sense thanks" "this is ridiculous I want to speak to a manager")
    for ((sent = first; sent < first + count; sent++)); do
        text=${texts[$(((sent / 1000) % 4))]}
        printf 'next\nurl = "http://127.0.0.1:%s/v1/events"\nheader = "Authorization: Bearer %s"\n' "$port" "$key"
        printf 'header = "Content-Type: application/x-ndjson"\nfail\noutput = /dev/null\n'
        printf 'data-binary = "{\\"v\\":1,\\"type\\":\\"turn\\",\\"call\\":\\"alloc-%s-%d\\",\\"at\\":%d,\\"utterance\\":\\"u-%d\\",\\"speaker\\":\\"customer\\",\\"text\\":\\"%s\\"}"\n' \
            "$run" $((sent % 1000)) "$sent" "$sent" "$text"
    done
}
turns 1 500 >"$dir/warm.conf"
turns 501 "$requests" >"$dir/counted.conf"
taskset -c 1 curl -s --config "$dir/warm.conf" || { echo "count-allocations: a warm-up request failed" >&2; exit 1; }
perf stat -x, -e probe_libc:malloc -p "$server" -o "$dir/mallocs.csv" >/dev/null 2>&1 &
counter=$!
sleep 0.5
taskset -c 1 curl -s --config "$dir/counted.conf" || { echo "count-allocations: a counted request failed" >&2; exit 1; }
sleep 0.3
kill -INT "$counter"
wait "$counter" || true
awk -F, -v n="$requests" '$1 ~ /^[0-9]+$/ { printf "allocations (malloc): %d over %d requests: %.1f a request\n", $1, n, $1 / n }' "$dir/mallocs.csv"
