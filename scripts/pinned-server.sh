# Sourced by scripts/loadtest-pinned.sh and scripts/wrk-ingest.sh: starts `BINARY serve` pinned to core 0 on a fresh
# temporary SQLite file (or $DATABASE) with an admin key made up for the run, waits for it to answer, and stops it and
# removes the file on exit. Sets dir, key, port and server; cpu_ticks prints the server's user + system ticks.
start_pinned_server() {
    local binary=$1
    dir=$(mktemp -d)
    key=ut_pinned$(date +%s)run$RANDOM
    port=$((18000 + RANDOM % 2000))
    taskset -c 0 "$binary" serve --port "$port" --database "${DATABASE:-$dir/store.sqlite}" --key "$key" >"$dir/serve.log" 2>&1 &
    server=$!
    trap 'kill -INT $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$dir"' EXIT
    for _ in $(seq 1 120); do
        curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
        sleep 1
    done
    echo "the server did not answer on port $port; its log:" >&2
    cat "$dir/serve.log" >&2
    return 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
