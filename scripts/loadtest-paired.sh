#!/usr/bin/env bash
# Two builds compared under the same load at the same moment: `serve` of BINARY_A and of BINARY_B both on core 0, each on
# a fresh SQLite file, and two `undertone loadtest --url` (CALLS calls each, one event every INTERVAL_MS) at once on core
# 1. Prints each server's CPU per acknowledged event and their ratio (B / A).
#
# This machine's speed moves by a third and more from minute to minute (other tenants), so two builds measured one
# after the other differ by as much as any change being measured; run side by side, both see the same minutes. Sharing a
# core raises both figures (more context switches, colder caches), so the ratio is the result, not the figures: run it
# twice with the builds swapped (A/A gives 0.995–1.005 here). ENV_A / ENV_B set environment variables for one server
# (e.g. ENV_B=UNDERTONE_COMMIT_DELAY=5 with the same binary twice).
#
#   scripts/loadtest-paired.sh BINARY_A BINARY_B [CALLS] [INTERVAL_MS] [LOADTEST OPTIONS…]     defaults: 2500 2000 (5,000 calls in all)
#
# Further options go to both load generators (e.g. `--telephony twilio --turns 12`: Twilio Media Streams, CPU per
# message sent).
set -euo pipefail
binary_a=$1
binary_b=$2
calls=${3:-2500}
interval=${4:-2000}
shift $(($# < 4 ? $# : 4))
source "$(dirname "$0")/pinned-server.sh"
dir=$(mktemp -d)
key=ut_paired$(date +%s)run$RANDOM
pids=()
trap 'kill -INT "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"' EXIT
# launch NAME BINARY ENV: launch_server (pinned-server.sh) on core 0 with ENV for that server only.
launch() {
    mkdir -p "$dir/$1"
    SERVER_ENV=$3 launch_server "$2" 0 "$dir/$1/store.sqlite" "$dir/$1/serve.log"
    pids+=("$launched_pid")
}
launch a "$binary_a" "${ENV_A:-}"
server_a=$launched_pid
port_a=$launched_port
launch b "$binary_b" "${ENV_B:-}"
server_b=$launched_pid
port_b=$launched_port
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); core 0's speed probe: $(speed_probe)"
before_a=$(process_ticks "$server_a")
before_b=$(process_ticks "$server_b")
ramp=$((calls >= 2000 ? 10 : 5))
taskset -c 1 "$binary_a" loadtest --url "http://127.0.0.1:$port_a" --key "$key" --calls "$calls" --interval-ms "$interval" --ramp-seconds "$ramp" "$@" >"$dir/a/report.txt" &
load_a=$!
taskset -c 1 "$binary_a" loadtest --url "http://127.0.0.1:$port_b" --key "$key" --calls "$calls" --interval-ms "$interval" --ramp-seconds "$ramp" "$@" >"$dir/b/report.txt" &
load_b=$!
wait "$load_a" "$load_b"
after_a=$(process_ticks "$server_a")
after_b=$(process_ticks "$server_b")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); core 0's speed probe: $(speed_probe)"
# Events acknowledged, or the Twilio messages sent (`--telephony twilio`).
events() { grep -oE '^[0-9]+ (events acknowledged|Twilio messages sent)' "$1" | cut -d' ' -f1; }
events_a=$(events "$dir/a/report.txt")
events_b=$(events "$dir/b/report.txt")
awk -v a=$((after_a - before_a)) -v b=$((after_b - before_b)) -v ea="$events_a" -v eb="$events_b" -v hz="$(getconf CLK_TCK)" \
    -v na="$binary_a" -v nb="$binary_b" 'BEGIN {
        ma = a / hz * 1000 / ea; mb = b / hz * 1000 / eb
        printf "A %s: %.4f ms an event (%d events)\nB %s: %.4f ms an event (%d events)\nB / A: %.3f\n", na, ma, ea, nb, mb, eb, mb / ma
    }'
