# The doors: `make demo`, `make test`, `make lint`. Each sets itself up (a .venv,
# the Python packages, Graphviz) and is quick when that is already done.
VENV      ?= .venv
PY        := $(VENV)/bin/python
ARCHBOOK  := $(VENV)/bin/archbook
STAMP     := $(VENV)/.installed
SAMPLE    := src/archbook/samples/threads_api
OUT       ?= out

.PHONY: setup demo test lint bench clean

setup: $(STAMP)
	@sh scripts/ensure-graphviz

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

demo: setup
	$(ARCHBOOK) analyse
	$(ARCHBOOK) graph -o $(OUT)/threads_api-layers.svg
	$(ARCHBOOK) trace "GET /api/threads" -o $(OUT)/threads_api-trace.svg
	$(ARCHBOOK) lint-perf "GET /api/threads"
	@rm -rf $(OUT)/threads_api && cp -r $(SAMPLE) $(OUT)/threads_api
	$(ARCHBOOK) plan $(OUT)/threads_api --feature password_reset
	@echo
	@echo "layer graph: $(OUT)/threads_api-layers.svg"
	@echo "request trace: $(OUT)/threads_api-trace.svg"
	@echo "plan: $(OUT)/threads_api/.claude/doc/password_reset/backend.md"

test: setup
	$(ARCHBOOK) check .
	cd $(SAMPLE) && PYTHONDONTWRITEBYTECODE=1 $(CURDIR)/$(PY) -m pytest -q -p no:cacheprovider
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

bench: setup
	$(PY) benchmarks/bench_scan.py

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
