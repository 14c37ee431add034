#!/usr/bin/env bash
# Schemathesis against the server's own /openapi.json with every check: a server on a temporary SQLite file with a
# known admin key, then every operation fuzzed from its schema (examples, coverage, fuzzing and stateful phases). Fails
# when Schemathesis finds a failure, or when the server is no longer up at the end (a crash).
#
#   scripts/schemathesis/run.sh                    # 25 examples per operation, about four minutes on 2 cores
#   MAX_EXAMPLES=500 scripts/schemathesis/run.sh   # the long run in docs/security.md
#
# Settings: MAX_EXAMPLES, SEED, WORKERS, UNDERTONE_BIN (a built `undertone`; built here when missing), SCHEMATHESIS_VENV
# (where Schemathesis is installed from scripts/schemathesis/requirements.txt, pinned by hash), REPORT_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
MAX_EXAMPLES=${MAX_EXAMPLES:-25}
SEED=${SEED:-1}
WORKERS=${WORKERS:-2}
VENV=${SCHEMATHESIS_VENV:-.build/schemathesis-venv}
REPORT_DIR=${REPORT_DIR:-.build/schemathesis-report}
BASELINE=${BASELINE-scripts/schemathesis/baseline.json}

if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --require-hashes --no-deps -r scripts/schemathesis/requirements.txt
fi
BIN=${UNDERTONE_BIN:-$(swift build --show-bin-path)/undertone}
[ -x "$BIN" ] || swift build --product undertone

work=$(mktemp -d)
key="ut_schemathesis_$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
UNDERTONE_ADMIN_KEY="$key" "$BIN" serve --port 0 --database "$work/undertone.sqlite" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
port=""
for _ in $(seq 1 600); do
    port=$(sed -n 's|^undertone listening on http://[^:]*:\([0-9]*\).*|\1|p' "$work/server.log" | head -n 1)
    [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.2
done
[ -n "$port" ] || { echo "the server did not start"; cat "$work/server.log"; exit 1; }

# The WebSocket routes are left out: an HTTP fuzzer can only be told 426 there (Tests/UndertoneServerTests test them over
# raw sockets). Findings accepted as they are, each with its reason, are in baseline.json (docs/security.md).
# POST /v1/keys is left out: Schemathesis 4.32.5 crashes on its schema in the coverage phase (a CPython SystemError
# inside Hypothesis, the same with every run of seed 1); the keys routes are tested in AccessTests and the session tests.
run_schemathesis() {
    "$VENV/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" --checks all -H "Authorization: Bearer $key" \
        --exclude-path-regex '/stream$|/feed/ws$|^/v1/telephony/' --exclude-name 'POST /v1/keys' \
        --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers "$WORKERS" --request-timeout 20 --no-color \
        ${BASELINE:+--baseline "$BASELINE"} --report junit --report-dir "$REPORT_DIR"
}
status=0
run_schemathesis 2>&1 | tee "$work/schemathesis.out" || status=${PIPESTATUS[0]}
# Schemathesis reports its own crashes while generating data (a Hypothesis or CPython error, not an answer of ours) as
# "Runtime Error"s. When those are all it found — no FAILURES section — the run is made once more; a failure of the
# server's answers fails at once, and a second run with errors fails too.
if [ "$status" -ne 0 ] && ! grep -q "= FAILURES =" "$work/schemathesis.out" && grep -q "Runtime Error" "$work/schemathesis.out"; then
    echo "Schemathesis stopped on an error of its own, not a failed check: running it once more"
    status=0
    run_schemathesis || status=$?
fi

if ! curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then
    echo "the server is down after the run"
    tail -n 50 "$work/server.log"
    exit 1
fi
echo "schemathesis exit status $status; the server is still up"
exit "$status"
