# Sourced by scripts/loadtest-pinned.sh, scripts/wrk-ingest.sh and scripts/loadtest-nodes.sh.
#
# start_pinned_server BINARY: `BINARY serve` pinned to core 0 on a fresh temporary SQLite file (or $DATABASE) with an
# admin key made up for the run; stops it and removes the file on exit. Sets dir, key, port and server; cpu_ticks prints
# the server's user + system ticks.
#
# launch_server BINARY CORES DATABASE LOG: `BINARY serve` pinned to CORES on DATABASE with $key, its output in LOG, on a
# free-looking port; waits until it answers. Sets launched_pid and launched_port (the caller stops it).
launch_server() {
    local binary=$1 cores=$2 database=$3 log=$4
    launched_port=$((18000 + RANDOM % 2000))
    taskset -c "$cores" "$binary" serve --port "$launched_port" --database "$database" --key "$key" >"$log" 2>&1 &
    launched_pid=$!
    for _ in $(seq 1 120); do
        curl -s -o /dev/null "http://127.0.0.1:$launched_port/healthz" && return 0
        sleep 1
    done
    echo "the server did not answer on port $launched_port; its log:" >&2
    cat "$log" >&2
    return 1
}

start_pinned_server() {
    dir=$(mktemp -d)
    key=ut_pinned$(date +%s)run$RANDOM
    trap 'kill -INT $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$dir"' EXIT
    server=
    launch_server "$1" 0 "${DATABASE:-$dir/store.sqlite}" "$dir/serve.log" || { server=$launched_pid; return 1; }
    server=$launched_pid
    port=$launched_port
}

# A process's user + system ticks.
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
cpu_ticks() { process_ticks "$server"; }
