# The README's two commands: `make demo` and `make test`. Each sets up what it
# needs (a virtual environment in .venv, and for the tests a few Debian
# packages) and then does its job.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: demo test lint typecheck unit data system-deps clean

## Show the seed comparison as a table in the terminal.
demo: $(VENV)/.demo-installed
	$(BIN)/pmcompare show "product strategy" "product management"

## Run every check: lint, types, and the whole test suite.
test: $(VENV)/.dev-installed system-deps lint typecheck unit

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests benchmarks

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

unit: $(VENV)/.dev-installed
	$(BIN)/pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=25.1"

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e ".[sphinx,myst,markdown,mkdocs]" --group dev
	touch $@ $(VENV)/.demo-installed

## After editing the bundled data (or the model, pack reader or search): build it ahead of time into
## src/pmcompare/_bundled.pickle, and its search index into src/pmcompare/_bundled_index.marshal.
data: $(VENV)/.demo-installed
	$(BIN)/python -m pmcompare._bundled
	$(BIN)/python -c "from pmcompare.packs.fields import write_schema; write_schema()"

## Debian packages the tests drive for real: a browser, LaTeX, pdftotext.
system-deps:
	sh scripts/system-deps.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
