#!/usr/bin/env bash
# One load run as docs/performance.md describes: `undertone serve` on a fresh SQLite file pinned to core 0, and
# `undertone loadtest --url` pinned to core 1. Prints the load average before and after, the server's CPU per
# acknowledged message (user + system time while the load ran), its RSS before the load and at its peak (and the
# difference per call), and the load test's report. Arguments after the third go to `undertone loadtest` as they are
# (e.g. --partials 2 --audio-share 0.1; --telephony twilio --turns 12 for Twilio Media Streams of 24 s each, where the
# CPU is per message sent, nothing being acknowledged). DATABASE=postgres://… runs the server on that PostgreSQL database instead of
# a fresh SQLite file (give it an empty database: the calls of a run are new, but what is there stays).
# COUNT_SYSCALLS=1 also counts the server's system calls and context switches a message (perf; see pinned-server.sh).
# STEADY=FROM-TO (seconds after the load starts, e.g. 12-24 for 5,000 calls with a 10 s ramp: every call live, none
# ended) also gives the server's CPU per event in that window — the steady state, no connection opening or closing —
# and what the run cost beyond it per call: its connection, upgrade and close, its first and last events, and the
# ramp's and the tail's lower event rates (smaller groups).
#
#   scripts/loadtest-pinned.sh [BINARY] [CALLS] [INTERVAL_MS] [LOADTEST OPTIONS…]   defaults: .build/release/undertone 1000 2000
set -euo pipefail
binary=${1:-.build/release/undertone}
calls=${2:-1000}
interval=${3:-2000}
shift $(($# < 3 ? $# : 3))
source "$(dirname "$0")/pinned-server.sh"
start_pinned_server "$binary"

rss_before=$(awk '/VmRSS/ { print $2 }' "/proc/$server/status")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); core 0's speed probe: $(speed_probe)"
start_counting
before=$(cpu_ticks)
/usr/bin/time -f "load generator CPU: %U s user, %S s system, %e s elapsed" -o "$dir/time.txt" \
    taskset -c 1 "$binary" loadtest --url "http://127.0.0.1:$port" --key "$key" --calls "$calls" --interval-ms "$interval" "$@" >"$dir/report.txt" &
load=$!
# Events the server has taken so far (its `/metrics`).
taken() { curl -s -H "Authorization: Bearer $key" "http://127.0.0.1:$port/metrics" | awk '/^undertone_events_total/ { n += $2 } END { print n + 0 }'; }
if [ -n "${STEADY:-}" ]; then
    sleep "${STEADY%-*}"
    steady_ticks=$(cpu_ticks)
    steady_events=$(taken)
    sleep $((${STEADY#*-} - ${STEADY%-*}))
    steady_ticks=$(($(cpu_ticks) - steady_ticks))
    steady_events=$(($(taken) - steady_events))
fi
wait "$load"
after=$(cpu_ticks)
cat "$dir/report.txt" "$dir/time.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); core 0's speed probe: $(speed_probe)"
# Events acknowledged, or (`--telephony twilio`) the Twilio messages sent.
events=$(grep -oE '^[0-9]+ (events acknowledged|Twilio messages sent)' "$dir/report.txt" | cut -d' ' -f1)
frames=$(grep -oE '^[0-9]+ audio frames acknowledged' "$dir/report.txt" | cut -d' ' -f1 || true)
awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v events="$events" -v frames="${frames:-0}" \
    'BEGIN { printf "server CPU: %.1f s, %.3f ms per message (%d events, %d audio frames)\n", ticks / hz, ticks / hz * 1000 / (events + frames), events, frames }'
if [ -n "${STEADY:-}" ]; then
    awk -v ticks=$((after - before)) -v steady="$steady_ticks" -v taken="$steady_events" -v hz="$(getconf CLK_TCK)" -v events="$events" -v calls="$calls" \
        'BEGIN { per = steady / hz * 1000 / taken; printf "server CPU in the steady window: %.3f ms per event (%d events); beyond it, %.2f ms per call\n", per, taken, (ticks / hz * 1000 - per * events) / calls }'
fi
stop_counting $((events + ${frames:-0})) message
peak=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
awk -v before="$rss_before" -v peak="$peak" -v calls="$calls" \
    'BEGIN { printf "server RSS: %.0f MiB before the load, %.0f MiB at its peak: %.1f KiB per live call\n", before / 1024, peak / 1024, (peak - before) / calls }'
