# Every target sets up what it needs on a fresh machine (Python 3.11 with venv and pip).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

.PHONY: install model example test lint typecheck check record eval bench screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/summarizer model install --parser-only --quiet

# The embedded default model: llama.cpp's server (built from source, ~5 min once) and the weights,
# by the same code as `summarizer model install` and scripts/install_model.sh.
model: install
	$(BIN)/summarizer model install

# The main job on the bundled examples, with the embedded model, offline.
example: model
	$(BIN)/summarizer summarize fixtures/examples/*.txt

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy summarizer tests benchmarks

test: install lint typecheck
	$(BIN)/python -m pytest -q

# Re-record the LLM exchanges that the replay tests use (fixtures/cassettes/) with the embedded
# model, and rewrite the report snapshots (fixtures/snapshots/); review both diffs before committing.
# "rewrite" starts each cassette afresh, so no stale exchange survives.
record: model
	$(BIN)/python -m pytest -q tests/test_replay.py --record-mode=rewrite

eval: model
	$(BIN)/summarizer eval ../shared/data/dev
	$(BIN)/summarizer eval ../shared/data/dev --llm none

bench: model
	$(BIN)/pip install --quiet -e '.[dev,local,bench]'
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

# The bundled examples as an HTML report, and a screenshot of it (needs Debian's chromium).
screenshot: model
	mkdir -p out
	$(BIN)/summarizer summarize fixtures/examples/*.txt --format html -o out/examples.html
	HTML=out/examples.html PYTHON=$(BIN)/python scripts/screenshot.sh out/examples.png 1280x2400
