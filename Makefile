# Two entry points, each doing its own set-up on a fresh machine:
#   make build   install Broadside and build the PDFs from content/ into dist/
#   make test    install the test tools, then lint, type-check and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: build test system-deps

system-deps:
	@scripts/system-deps.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	@touch $@

build: system-deps $(VENV)/.installed
	$(BIN)/broadside build

test: system-deps $(VENV)/.installed-test
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/pytest -q -n 2 -p no:cacheprovider
