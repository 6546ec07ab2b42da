# Two commands matter: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: run test lint format check messages browser docker clean bench bench-smoke wrk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(RUNTIME_STAMP) $@

## make run: set up, migrate SQLite, load demo content, serve on 127.0.0.1:8000
run: $(RUNTIME_STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

## make test: set up and run every test (SQLite, or DATABASE_URL when set)
test: $(DEV_STAMP) browser
	$(BIN)/python -m pytest

## make bench: province-sized data set on PostgreSQL, query counts, load tests,
## reports, exports, 200 parallel writers (20-40 min; see docs/benchmarks.md).
## Reuses lms_bench when bench_data is unchanged; BENCH_REBUILD=1 rebuilds it.
BENCH_SCALE ?= province
bench: $(RUNTIME_STAMP) wrk
	BENCH_SCALE=$(BENCH_SCALE) $(BIN)/python bench/run.py

## make bench-smoke: the benchmark tools at the tiny scale (also part of make test)
bench-smoke: $(DEV_STAMP)
	$(BIN)/python -m pytest -q tests/bench

## make wrk: Debian's wrk, the load generator of make bench
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

## make lint: ruff, the one lint config
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make check: Django's system checks and the missing-migration check
check: $(DEV_STAMP)
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

## make messages: refresh the translation catalogues (needs GNU gettext)
messages: $(DEV_STAMP)
	$(MANAGE) makemessages --locale id --ignore ".venv/*" --ignore "staticfiles/*"
	$(MANAGE) compilemessages --ignore ".venv/*"

## make browser: Debian's Chromium for the browser tests (never a download)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## make docker: build the production image (needs a Docker engine)
docker:
	docker build -t belajar-asn .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
