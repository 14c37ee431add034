#!/usr/bin/env bash
# Counts the server's heap allocations a REST request: `undertone serve` pinned to core 0 on a fresh SQLite file, 1,000
# chats started, then REQUESTS one-event batches (customer turns, the texts of scripts/wrk-ingest.lua) posted one at a
# time over one connection by curl on core 1 — so each is its own commit — after 500 to warm up, with a uprobe on libc's
# malloc counted by `perf stat`. Unlike time, the count does not move with the machine's speed: the same build gives
# the same figure run after run. Needs root, perf and curl.
#
# With `websocket` as the third argument, REQUESTS is a number of WebSocket calls instead: `undertone loadtest --url`
# on core 1 runs 200 calls to warm up, then REQUESTS calls (start, 12 turns, end; one message every 500 ms a call, each
# waiting for its ack) while the probe counts, and the count is given a message.
#
#   scripts/count-allocations.sh [BINARY] [REQUESTS] [rest|websocket]     defaults: .build/release/undertone 4000 rest
set -euo pipefail
binary=${1:-.build/release/undertone}
requests=${2:-4000}
mode=${3:-rest}
command -v perf >/dev/null || { echo "count-allocations: needs perf (apt-get install linux-perf)" >&2; exit 1; }
libc=$(ldd "$binary" | awk '/libc\.so\.6/ { print $3 }')
[ -n "$libc" ] || { echo "count-allocations: $binary does not link libc.so.6" >&2; exit 1; }
perf probe -q -d 'probe_libc:malloc' >/dev/null 2>&1 || true
perf probe -q -x "$libc" --add malloc || { echo "count-allocations: could not place a probe on $libc's malloc (root?)" >&2; exit 1; }
source "$(dirname "$0")/pinned-server.sh"
start_pinned_server "$binary"
trap 'kill -INT $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$dir"; perf probe -q -d "probe_libc:malloc" || true' EXIT

count_from() {
    perf stat -x, -e probe_libc:malloc -p "$server" -o "$dir/mallocs.csv" >/dev/null 2>&1 &
    counter=$!
    sleep 0.5
}

count_until() {
    sleep 0.3
    kill -INT "$counter"
    wait "$counter" || true
    awk -F, -v n="$1" -v what="$2" '$1 ~ /^[0-9]+$/ { printf "allocations (malloc): %d over %d %ss: %.1f a %s\n", $1, n, what, $1 / n, what }' \
        "$dir/mallocs.csv"
}

if [ "$mode" = websocket ]; then
    taskset -c 1 "$binary" loadtest --url "http://127.0.0.1:$port" --key "$key" --calls 200 --interval-ms 100 >/dev/null
    count_from
    taskset -c 1 "$binary" loadtest --url "http://127.0.0.1:$port" --key "$key" --calls "$requests" --interval-ms 500 >"$dir/report.txt"
    count_until "$(grep -oE '^[0-9]+ events acknowledged' "$dir/report.txt" | cut -d' ' -f1)" message
    exit 0
fi

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
count_from
taskset -c 1 curl -s --config "$dir/counted.conf" || { echo "count-allocations: a counted request failed" >&2; exit 1; }
count_until "$requests" request
