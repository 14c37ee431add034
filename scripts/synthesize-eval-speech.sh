#!/usr/bin/env bash
# Speaks each line of a labelled JSON-lines file ({"id","text",…}) with eSpeak NG into DIR/ID.wav, mono 16-bit at 8 kHz
# (then coded to µ-law by `undertone speech-eval --labelled`) or at RATE: synthetic speech for comparing detection on
# typed and transcribed text (docs/speech.md). Needs espeak-ng, sox and python3 (Debian: apt-get install espeak-ng sox).
#
#   scripts/synthesize-eval-speech.sh examples/contact-centre-eval.jsonl DIR
#   scripts/synthesize-eval-speech.sh examples/contact-centre-eval-es.jsonl DIR es      (an eSpeak NG voice: es, fr…)
#   scripts/synthesize-eval-speech.sh examples/contact-centre-eval-fr.jsonl DIR fr 16000   (for speech-eval --wideband)
set -euo pipefail
file=$1
dir=$2
voice=${3:-en-us}
rate=${4:-8000}
mkdir -p "$dir"
python3 -c 'import json,sys
for line in open(sys.argv[1]):
    line = line.strip()
    if line:
        o = json.loads(line)
        print(str(o["id"]) + "\t" + o["text"].replace("\t", " "))' "$file" |
    while IFS=$'\t' read -r id text; do
        espeak-ng -v "$voice" -s 160 -w "$dir/$id.22k.wav" -- "$text"
        sox -q "$dir/$id.22k.wav" -r "$rate" -c 1 -b 16 "$dir/$id.wav" pad 0.3 0.8
        rm "$dir/$id.22k.wav"
    done
echo "$(ls "$dir"/*.wav | wc -l) recordings in $dir"
