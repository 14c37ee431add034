#!/usr/bin/env bash
# The engine's cost per customer turn, without a server: one chat of TURNS customer turns (the four texts REST ingest is
# measured with, scripts/wrk-ingest.lua, a thousand turns each in turn) read by `undertone analyze`, against a chat of
# one turn for the fixed cost (loading the models). Prints the user CPU of each of three runs and the cost a turn.
#
#   scripts/engine-turns.sh [BINARY] [TURNS]     defaults: .build/release/undertone 4000
set -euo pipefail
binary=${1:-.build/release/undertone}
turns=${2:-4000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
texts=(
    "hi I am calling about my last bill"
    "I have called three times about this charge and nobody has fixed it"
    "okay that makes sense thanks"
    "this is ridiculous I want to speak to a manager"
)
chat() {
    printf '{"v":1,"type":"call_started","call":"bench","at":0,"channel":"chat","customer":"c","queue":"billing"}\n'
    for ((turn = 0; turn < $1; turn++)); do
        printf '{"v":1,"type":"turn","call":"bench","at":%d,"utterance":"u%d","speaker":"customer","text":"%s"}\n' \
            $(((turn + 1) * 2000)) $((turn + 1)) "${texts[$(((turn / 1000) % 4))]}"
    done
}
chat "$turns" >"$dir/turns.jsonl"
chat 1 >"$dir/one.jsonl"
user() { /usr/bin/time -f %U "$binary" analyze "$1" 2>&1 >/dev/null | tail -1; }
fixed=()
whole=()
for _ in 1 2 3; do
    fixed+=("$(user "$dir/one.jsonl")")
    whole+=("$(user "$dir/turns.jsonl")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
echo "one turn: ${fixed[*]} s; $turns turns: ${whole[*]} s (user CPU, three runs)"
awk -v a="$(median "${whole[@]}")" -v b="$(median "${fixed[@]}")" -v n="$turns" \
    'BEGIN { printf "engine and timeline: %.3f ms a customer turn (medians)\n", (a - b) * 1000 / n }'
