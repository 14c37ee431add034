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
# As the shipped files were made: Spanish refitted on everything after calibration; French (made while the machine was
# busiest) is the calibrated model fitted on four fifths, 150 iterations.
python3 train_language_text_model.py --data "$DATA" --languages es --out "$RESOURCES/emotion-model-es.utm"
python3 train_language_text_model.py --data "$DATA" --languages fr --iterations 150 --no-refit --out "$RESOURCES/emotion-model-fr.utm"
python3 train_language_detector.py --data "$DATA" --per-language 5000 --c 10 --out "$RESOURCES/language-model.uld"
# Intent models are trained in Swift, like the English one.
cd ../..
for language in es fr; do
    swift run -c release undertone intents train --data "training/languages/intents-$language.csv" \
        --out "Sources/UndertoneEngine/Resources/intent-model-$language.uti"
done
