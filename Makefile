# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed

.PHONY: run test test-fast install install-test frontend frontend-test chromium openapi lint format migrate seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(RUNTIME_STAMP)

install: $(RUNTIME_STAMP)
install-test: $(TEST_STAMP)

# Builds the single-page app when there is one; the backend serves frontend/dist at /.
frontend:
	@if [ -f frontend/package.json ]; then cd frontend && npm ci --no-audit --no-fund && npm run build; \
	else echo "no frontend yet: serving the API only"; fi

# Browser tests drive Debian's Chromium; Playwright's own browser download does not work everywhere.
CHROMIUM ?= /usr/bin/chromium
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "The browser tests need Chromium at $(CHROMIUM). Install it (sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium." >&2; exit 1; fi

# Unit tests (Vitest), the type check and build, then the browser tests against the real backend.
frontend-test: install-test chromium
	cd frontend && npm ci --no-audit --no-fund && npm run test:unit && npm run build && CHROMIUM_PATH="$(CHROMIUM)" npm run test:browser

migrate: install
	$(BIN)/python -m api migrate

seed: migrate
	$(BIN)/python -m api seed-demo

run: install frontend seed
	$(BIN)/python -m api serve

# pytest runs on PYTEST_WORKERS processes (pytest-xdist), each with its own SQLite and PostgreSQL databases.
# The machines have two cores; PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist load

test: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .
	$(BIN)/python -m api export-openapi --check
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)
	$(MAKE) frontend-test

# The inner loop: the backend suite without its two slowest parts, the schemathesis fuzzing (marker fuzz)
# and the permission matrix (marker matrix). `make test` still runs everything, and so does CI.
test-fast: install-test
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not fuzz and not matrix"

openapi: install
	$(BIN)/python -m api export-openapi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) teilhabe.db teilhabe.db-* frontend/dist frontend/node_modules

# Benchmarks (bench/, README "Benchmarks"): API against the framework's ceiling on PostgreSQL, driven by wrk.
# `make bench-quick` takes a few minutes; `make bench` (full data: 1 000 000 registrations) under 30.
.PHONY: bench bench-quick bench-install
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@ $(RUNTIME_STAMP)

# wrk comes from Debian; installed here when we may (root), otherwise the run says what to do.
bench-install: $(BENCH_STAMP)
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; \
		else echo "wrk is missing: run 'sudo apt-get install -y wrk'" >&2; exit 1; fi; }

bench: bench-install
	$(BIN)/python -m bench run --mode full

bench-quick: bench-install
	$(BIN)/python -m bench run --mode quick
