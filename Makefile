# kinerja-kecamatan: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TAHUN ?=
TRIWULAN ?=
PORT ?= 8866
JOBS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install demo ingest batch quarter dashboard test test-fast lint format bench lab clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (kinerja)" > /dev/null
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install the package with its dev tools (idempotent)

ingest: install ## read data/raw and write data/processed
	$(PY) -m analysis ingest

batch: install ## render every report of the processed data (TAHUN=, TRIWULAN= to limit)
	$(PY) -m analysis batch $(if $(TAHUN),--tahun $(TAHUN)) $(if $(TRIWULAN),--triwulan $(TRIWULAN))

quarter: install ## the quarter for a scheduler: ingest, then batch, logged to logs/kuartal-YYYYMMDD.log; non-zero exit when it failed
	$(PY) -m analysis quarter

data/processed/kinerja.parquet: $(wildcard data/raw/*) | $(STAMP)
	$(PY) -m analysis ingest

dashboard: install data/processed/kinerja.parquet ## serve the gap explorer at http://127.0.0.1:8866 with Voila (PORT= to change)
	$(PY) -m analysis.reports.dashboard --port $(PORT)

demo: install ## the whole job on the bundled data: ingest, then every report -> reports/index.html
	$(PY) -m analysis ingest
	$(PY) -m analysis batch
	@echo "Laporan siap: $(CURDIR)/reports/index.html"

test: install ## run the test suite (notebooks and headless Chromium included) on JOBS=2 processes
	$(PY) -m pytest -n $(JOBS)

test-fast: install ## run the tests that need no notebook kernel or browser
	$(PY) -m pytest -m "not slow"

lint: install ## ruff over the package, tests, benchmarks and notebooks
	$(VENV)/bin/ruff check src tests benchmarks notebooks
	$(VENV)/bin/ruff format --check src tests benchmarks

format: install ## apply ruff's formatting and safe fixes
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks notebooks

bench: install ## run the benchmarks and write benchmarks/results.md
	$(PY) benchmarks/run_all.py

lab: install ## open JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab notebooks/

clean: ## remove generated outputs (keeps .venv and data/raw)
	rm -rf reports/* data/processed/*.parquet data/processed/*.csv .pytest_cache
