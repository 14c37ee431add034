#!/usr/bin/env bash
# The long fuzz run of docs/security.md: a million inputs per parser (ten chunks of 100,000, each its own process, so a
# crash names its chunk), release build with testing enabled. Chunks already in the log are skipped, so the run can be
# stopped and started again, or split between machines or cores with PARSERS.
#
#   scripts/fuzz-long.sh [LOG]                          LOG defaults to .build-release/fuzz.log
#   PARSERS="events routing" JOBS=2 scripts/fuzz-long.sh
#   SKIP_BUILD=1 CHUNK=1000 scripts/fuzz-long.sh /tmp/fuzz.log     (the built binary as it is; smaller chunks)
#
# Runs the test binary directly rather than `swift test`: SwiftPM locks its build folder, so two `swift test` runs on
# one folder take turns instead of using two cores. A chunk that fails leaves its output in LOG's folder as
# fuzz-fail-PARSER-FROM.log; run it again with UNDERTONE_FUZZ_LAST_INPUT=/tmp/fuzz-input to keep the input that did it.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-release
log=${1:-$scratch/fuzz.log}
parsers=${PARSERS:-events redaction audioFrames twilio audioHook policies scorecards wavFiles intentData routing}
jobs=${JOBS:-1}
chunk=${CHUNK:-100000}
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path "$scratch"
binary=$(find "$scratch/release/" -maxdepth 1 -name '*PackageTests.xctest' | head -n 1)
[ -x "$binary" ] || { echo "no test binary under $scratch/release" >&2; exit 1; }
mkdir -p "$(dirname "$log")"
touch "$log"

run_chunk() {
    local parser=$1 from=$2 out
    out=$(mktemp)
    local start end
    start=$(date +%s)
    if UNDERTONE_FUZZ_ITERATIONS=$chunk UNDERTONE_FUZZ_FROM=$from "$binary" --testing-library swift-testing \
        --filter "ParserFuzzTests/$parser" >"$out" 2>&1 && grep -q "Test run with 1 test in 1 suite passed" "$out"; then
        end=$(date +%s)
        echo "ok $parser $from $((end - start)) s load $(cut -d' ' -f1 /proc/loadavg)" >>"$log"
    else
        echo "FAIL $parser $from" >>"$log"
        cp "$out" "$(dirname "$log")/fuzz-fail-$parser-$from.log"
    fi
    rm -f "$out"
}

pending=()
for parser in $parsers; do
    for index in $(seq 0 9); do
        from=$((index * chunk))
        grep -q "^ok $parser $from " "$log" || pending+=("$parser $from")
    done
done
echo "${#pending[@]} chunks to run, $jobs at a time; log: $log"
running=0
for item in "${pending[@]}"; do
    # shellcheck disable=SC2086
    run_chunk $item &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
failed=$(grep -c '^FAIL' "$log" || true)
echo "done: $(grep -c '^ok' "$log") chunks passed, $failed failed (log: $log)"
[ "$failed" = 0 ]
