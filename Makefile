# Two entry points, each doing its own set-up on a fresh machine:
#   make build   install Broadside and build the PDFs from content/ into dist/
#   make test    install the test tools, then lint, type-check and run the tests
# and for the pages (see README, "The layout corpus"):
#   make contact-sheet   every page of every corpus campaign, for a person to look at
#   make visual-update   store the corpus pages as rendered now as the visual references
#                        (CAMPAIGNS="seed german" for some of them only)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
# Some machines' pip configuration names package indexes that are not there, and pip warns
# about each, for every package: a wall of lines. Only those lines are dropped; any other
# warning or error, and pip's exit status (pipefail), get through.
UNWARN := sed -u '/^WARNING: Location .* is ignored: it is neither a file nor a directory\.$$/d'
SHELL := bash
.SHELLFLAGS := -o pipefail -c

.PHONY: build test system-deps contact-sheet visual-update

system-deps:
	@scripts/system-deps.sh

$(BIN)/python:
	@echo "creating $(VENV)"
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	@echo "installing Broadside into $(VENV) (pinned by constraints.txt)"
	@$(PIP) -e . 2>&1 | $(UNWARN)
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@echo "installing the test tools into $(VENV)"
	@$(PIP) -e '.[test]' 2>&1 | $(UNWARN)
	@touch $@

build: system-deps $(VENV)/.installed
	$(BIN)/broadside build

test: system-deps $(VENV)/.installed-test
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/pytest -q -n 2 --dist loadgroup -p no:cacheprovider

contact-sheet: system-deps $(VENV)/.installed-test
	$(BIN)/python -m tests.visual sheet

visual-update: system-deps $(VENV)/.installed-test
	$(BIN)/python -m tests.visual update $(CAMPAIGNS)
