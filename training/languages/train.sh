#!/usr/bin/env bash
# Reproduces the Spanish and French text models, their intent models and the language detector from ../shared/data
# and the lines written for this project (CPU; about an hour on two busy cores).
#
#   bash training/languages/train.sh
set -euo pipefail
cd "$(dirname "$0")"
DATA=${DATA:-../../../shared/data}
[ -d "$DATA/xed" ] || DATA=../../shared/data
RESOURCES=../../Sources/UndertoneEngine/Resources
python3 -m pip install -q -r ../requirements.txt
python3 domain.py
python3 intents.py
# The shipped models are the calibrated fits on four fifths of the lines (150 L-BFGS iterations), not refitted on all.
for language in es fr; do
    python3 train_language_text_model.py --data "$DATA" --languages "$language" --iterations 150 --no-refit \
        --out "$RESOURCES/emotion-model-$language.utm"
done
python3 train_language_detector.py --data "$DATA" --per-language 5000 --c 10 --out "$RESOURCES/language-model.uld"
# Intent models are trained in Swift, like the English one.
cd ../..
for language in es fr; do
    swift run -c release undertone intents train --data "training/languages/intents-$language.csv" \
        --out "Sources/UndertoneEngine/Resources/intent-model-$language.uti"
done
