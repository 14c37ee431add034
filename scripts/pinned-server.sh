# Sourced by scripts/loadtest-pinned.sh, scripts/wrk-ingest.sh and scripts/loadtest-nodes.sh.
#
# start_pinned_server BINARY: `BINARY serve` pinned to core 0 on a fresh temporary SQLite file (or $DATABASE) with an
# admin key made up for the run; stops it and removes the file on exit. Sets dir, key, port and server; cpu_ticks prints
# the server's user + system ticks.
#
# launch_server BINARY CORES DATABASE LOG: `BINARY serve` pinned to CORES on DATABASE with $key, its output in LOG, on a
# free-looking port (with $SERVER_ENV's VAR=value words in its environment, if set); waits until it answers. Sets
# launched_pid and launched_port (the caller stops it).
launch_server() {
    local binary=$1 cores=$2 database=$3 log=$4
    launched_port=$((18000 + RANDOM % 2000))
    # shellcheck disable=SC2086 # SERVER_ENV is a word list of VAR=value, set for this server only.
    env ${SERVER_ENV:-UNDERTONE_PINNED=1} taskset -c "$cores" "$binary" serve --port "$launched_port" --database "$database" --key "$key" >"$log" 2>&1 &
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

# How fast core 0 is right now: milliseconds for a fixed loop in awk. This machine's speed moves by a third and more
# from minute to minute (other tenants), so a figure is read beside the probes taken before and after its run.
speed_probe() {
    local start end
    start=$(date +%s%N)
    taskset -c 0 awk 'BEGIN { for (i = 0; i < 1e7; i++) s += i % 7; exit }'
    end=$(date +%s%N)
    echo "$(((end - start) / 1000000)) ms"
}

# With COUNT_SYSCALLS=1 (and perf installed): counts the server's WAL writes (pwrite64), fsyncs, socket writes and
# reads, futex calls and context switches while the load runs — counts that, unlike CPU time, do not move with the
# machine's speed. start_counting before the load, stop_counting N WHAT after it (N of WHAT: events, requests).
start_counting() {
    counter=
    [ "${COUNT_SYSCALLS:-}" = 1 ] || return 0
    command -v perf >/dev/null || { echo "COUNT_SYSCALLS needs perf (apt-get install linux-perf)" >&2; return 0; }
    perf stat -x, -o "$dir/counts.csv" -p "$server" -e context-switches -e \
        syscalls:sys_enter_pwrite64,syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync,syscalls:sys_enter_writev,syscalls:sys_enter_write,syscalls:sys_enter_read,syscalls:sys_enter_futex \
        >/dev/null 2>&1 &
    counter=$!
    sleep 0.5
}
stop_counting() {
    [ -n "$counter" ] || return 0
    kill -INT "$counter"
    wait "$counter" || true
    awk -F, -v n="$1" -v what="$2" '$1 ~ /^[0-9]+$/ { name = $3; sub(/^syscalls:sys_enter_/, "", name); printf "%s%s %.2f", (line ? ", " : ""), name, $1 / n; line = 1 }
        END { if (line) printf " a %s\n", what }' "$dir/counts.csv"
}
