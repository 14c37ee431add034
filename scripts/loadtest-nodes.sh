#!/usr/bin/env bash
# Scale-out run (docs/performance.md, "Two nodes on one PostgreSQL"): two `undertone serve` processes on the PostgreSQL
# database $DATABASE (give it an empty one), node A pinned to the cores in $NODE_A_CORES (default 0), node B to
# $NODE_B_CORES (default 1), and one `undertone loadtest --url` against each node with CALLS calls, pinned to
# $LOAD_CORES (default: both cores; on a two-core machine nothing is left to itself). Each node relays its live feed
# to the other (LISTEN/NOTIFY), so each load test's feed carries both nodes' calls. Prints each node's load-test
# report, each node's CPU per acknowledged message, and the events per second of the two together.
#
#   DATABASE=postgres://… scripts/loadtest-nodes.sh [BINARY] [CALLS PER NODE] [INTERVAL_MS] [LOADTEST OPTIONS…]
set -euo pipefail
binary=${1:-.build/release/undertone}
calls=${2:-2000}
interval=${3:-2000}
shift $(($# < 3 ? $# : 3))
: "${DATABASE:?set DATABASE to an empty PostgreSQL database (postgres://user:password@host:port/name)}"
source "$(dirname "$0")/pinned-server.sh"
dir=$(mktemp -d)
key=ut_nodes$(date +%s)run$RANDOM
servers=()
trap 'for pid in "${servers[@]}"; do kill -INT "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$dir"' EXIT

ports=()
for node in a b; do
    cores_variable="NODE_${node^^}_CORES"
    cores=${!cores_variable:-$([ "$node" = a ] && echo 0 || echo 1)}
    launch_server "$binary" "$cores" "$DATABASE" "$dir/serve-$node.log" || { servers+=("$launched_pid"); echo "node $node did not start" >&2; exit 1; }
    servers+=("$launched_pid")
    ports+=("$launched_port")
done

# The whole machine's busy and idle ticks, and PostgreSQL's (its processes' user + system time).
machine() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; }
postgres() { pgrep -x postgres | xargs -r -I{} awk '{ print $14 + $15 }' /proc/{}/stat 2>/dev/null | awk '{ total += $1 } END { print total + 0 }'; }
before=("$(process_ticks "${servers[0]}")" "$(process_ticks "${servers[1]}")")
read -r busy_before idle_before < <(machine)
postgres_before=$(postgres)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for index in 0 1; do
    taskset -c "${LOAD_CORES:-0-1}" "$binary" loadtest --url "http://127.0.0.1:${ports[$index]}" --key "$key" --calls "$calls" \
        --interval-ms "$interval" "$@" >"$dir/report-$index.txt" 2>&1 &
    loads[index]=$!
done
wait "${loads[0]}" "${loads[1]}"
read -r busy_after idle_after < <(machine)
postgres_after=$(postgres)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
total=0
for index in 0 1; do
    node=$([ "$index" = 0 ] && echo A || echo B)
    echo "--- node $node"
    cat "$dir/report-$index.txt"
    events=$(grep -oE '^[0-9]+ events acknowledged' "$dir/report-$index.txt" | cut -d' ' -f1)
    rate=$(grep -oE '[0-9.]+ events/s' "$dir/report-$index.txt" | cut -d' ' -f1)
    total=$(awk -v a="$total" -v b="$rate" 'BEGIN { print a + b }')
    spent=$(($(process_ticks "${servers[$index]}") - before[index]))
    awk -v ticks="$spent" -v hz="$(getconf CLK_TCK)" -v events="$events" \
        'BEGIN { printf "node CPU: %.1f s, %.3f ms per event\n", ticks / hz, ticks / hz * 1000 / events }'
done
echo "both nodes: $total events/s"
awk -v busy=$((busy_after - busy_before)) -v idle=$((idle_after - idle_before)) -v pg=$((postgres_after - postgres_before)) \
    -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "machine busy %.0f%% of its cores; PostgreSQL %.1f s of CPU\n", busy * 100 / (busy + idle), pg / hz }'
