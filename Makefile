# The doors: `make demo`, `make test`, `make lint`. Each sets itself up (a .venv,
# the Python packages, Graphviz) and is quick when that is already done.
VENV      ?= .venv
PY        := $(VENV)/bin/python
ARCHBOOK  := $(VENV)/bin/archbook
STAMP     := $(VENV)/.installed
SAMPLE    := src/archbook/samples/threads_api
OUT       ?= out

.PHONY: setup demo test lint bench clean lab app

setup: $(STAMP)
	@sh scripts/ensure-graphviz
	@sh scripts/ensure-chromium

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

demo: setup
	$(ARCHBOOK) analyse --sample
	$(ARCHBOOK) graph --sample -o $(OUT)/threads_api-layers.svg
	$(ARCHBOOK) trace --sample "GET /api/threads" -o $(OUT)/threads_api-trace.svg
	$(ARCHBOOK) lint-perf --sample "GET /api/threads"
	@rm -rf $(OUT)/threads_api && cp -r $(SAMPLE) $(OUT)/threads_api
	$(ARCHBOOK) plan $(OUT)/threads_api --feature password_reset
	@echo
	@echo "layer graph: $(OUT)/threads_api-layers.svg"
	@echo "request trace: $(OUT)/threads_api-trace.svg"
	@echo "plan: $(OUT)/threads_api/.claude/doc/password_reset/backend.md"
	$(PY) notebooks/build_notebooks.py --out $(OUT)/notebooks --html
	@echo
	@echo "notebooks, run headless: $(OUT)/notebooks/*.ipynb (static pages: $(OUT)/notebooks/*.html)"
	@echo "notebook plan: $(OUT)/notebooks/work/threads_api/.claude/doc/password_reset/backend.md"
	@echo "review report: $(OUT)/notebooks/architecture-review.html"
	@echo "interactive: make lab (JupyterLab on notebooks/), make app (Voilà app of 02)"

test: setup
	$(ARCHBOOK) check .
	cd $(SAMPLE) && PYTHONDONTWRITEBYTECODE=1 $(CURDIR)/$(PY) -m pytest -q -p no:cacheprovider
	$(PY) -m pytest
	$(PY) -m pytest -q -p no:cacheprovider --nbval notebooks/ --nbval-sanitize-with tests/notebooks/nbval_sanitize.cfg

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

app: setup
	$(VENV)/bin/voila notebooks/02_plan_feature.ipynb --strip_sources=True --no-browser

bench: setup
	$(PY) benchmarks/bench_scan.py
	$(PY) benchmarks/bench_scale.py

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
