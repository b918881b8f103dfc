# Everything runs inside .venv (built from the pinned requirements) and
# node_modules (from package-lock.json); nothing relies on what happens to be
# installed on the machine beyond Python 3.11+, Node.js and Debian packages
# that scripts/system-deps checks for (and installs when run as root).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ZENSICAL_VENV := .venv-zensical
PAPER ?= a4
# mkdocs (MkDocs + Material, the default) or zensical: both build the same generated tree.
SITE_ENGINE ?= mkdocs
export SITE_ENGINE
ENGINE_DEPS := $(if $(filter zensical,$(SITE_ENGINE)),$(ZENSICAL_VENV)/.stamp)
# make pdf TOPICS=a,b DIFFICULTY=basic TAGS=x prints just that subset.
PDF_FILTERS := $(if $(TOPICS),--topics $(TOPICS)) $(if $(DIFFICULTY),--difficulty $(DIFFICULTY)) $(if $(TAGS),--tags $(TAGS))
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: dates in the PDFs, the deck and the sitemap come from the
# last commit, so two builds of the same commit are byte-identical.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)
export SOURCE_DATE_EPOCH

.DEFAULT_GOAL := help

.PHONY: help build pdf serve check test lint bench clean system-deps system-deps-test

help: ## Show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.build-stamp: requirements/build.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/build.txt
	@# The project itself is importable from the venv, from any folder (scripts, tests, workers).
	$(PY) -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'ml_interview_guide.pth').write_text('$(CURDIR)\n')"
	@touch $@

$(VENV)/.test-stamp: $(VENV)/.build-stamp requirements/test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/test.txt
	@touch $@

$(ZENSICAL_VENV)/.stamp: requirements/zensical.txt
	@test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/zensical.txt
	@touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

system-deps:
	@scripts/system-deps

system-deps-test:
	@scripts/system-deps --test

build: system-deps $(VENV)/.build-stamp node_modules/.stamp $(ENGINE_DEPS) ## Build the site and the PDFs into site/ (SITE_ENGINE=zensical for Zensical)
	$(PY) -m generator build --paper $(PAPER) --engine $(SITE_ENGINE)

pdf: system-deps $(VENV)/.build-stamp node_modules/.stamp ## Build only the PDFs (PAPER=letter for US Letter)
	$(PY) -m generator pdf --paper $(PAPER) $(PDF_FILTERS)

serve: system-deps $(VENV)/.build-stamp node_modules/.stamp ## Preview the site; regenerates and reloads when content/ changes
	$(PY) -m generator serve

check: system-deps $(VENV)/.build-stamp node_modules/.stamp ## Validate the question bank, every problem at once
	$(PY) -m generator check

test: lint ## Run the whole test suite (lint first)
	$(PY) -m pytest -q

lint: system-deps-test $(VENV)/.test-stamp node_modules/.stamp $(ZENSICAL_VENV)/.stamp ## Check the Python code with ruff
	$(PY) -m ruff check --output-format concise generator tests code_examples scripts

# Lighthouse is for `make bench` only: its own pinned lock, installed on first use.
scripts/lighthouse/node_modules/.stamp: scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	cd scripts/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: system-deps $(VENV)/.test-stamp node_modules/.stamp scripts/lighthouse/node_modules/.stamp $(ZENSICAL_VENV)/.stamp ## Measure build speed, page weights and Lighthouse scores (both site engines)
	$(PY) scripts/bench.py

clean: ## Remove build output and caches (keeps .venv and node_modules)
	rm -rf site build .cache .site.new-* .site.old-* .pytest_cache .ruff_cache
