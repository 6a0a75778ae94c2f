# The book's commands. `make book` builds it, `make test` tests it; both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: book test validate setup clean

$(READY): requirements.txt pyproject.toml
	scripts/system-deps.sh venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

setup: $(READY)

validate: $(READY)
	$(BIN)/python -m briefbook validate

book: $(READY)
	scripts/system-deps.sh pdf
	$(BIN)/python -m briefbook build

test: book
	$(BIN)/python -m pytest

clean:
	rm -rf _build figures/*.svg figures/*.pdf
