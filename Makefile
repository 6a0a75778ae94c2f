# The book's commands. `make book` builds it, `make test` tests it; both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

CFF    := .venv-cff/.ready

.PHONY: book test check validate preview setup clean release anchors bench translations

$(READY): requirements.txt pyproject.toml
	scripts/system-deps.sh venv
	$(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned Python packages into $(VENV) (once; a few minutes, quietly)..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(CFF): requirements-cff.txt
	@echo "Setting up .venv-cff, cffconvert's own environment for the CITATION.cff tests (once)..."
	$(PYTHON) -m venv .venv-cff
	.venv-cff/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-cff.txt
	touch $@

setup: $(READY)

validate: $(READY)
	$(BIN)/python -m briefbook validate

# Live preview of both editions' HTML on http://127.0.0.1:$(PORT)/ (Arabic at /ar/), rebuilt after each
# save in the languages it concerns. make preview PORT=8001 for another port.
PORT ?= 8000
preview: $(READY)
	$(BIN)/python -m briefbook preview --port "$(PORT)"

book: $(READY)
	scripts/system-deps.sh pdf
	$(BIN)/python -m briefbook build

# Every tier, on both cores: pytest-xdist gives each worker whole test files (a module's fixtures are
# built once), and the one shared built book is built once for both (tests/conftest.py). The tests
# build their own scratch copies: none reads the repository's _build/, so `make book` is not a step.
# The files go out in conftest's order, the longest work first (--no-loadscope-reorder keeps it).
test: $(READY) $(CFF)
	scripts/system-deps.sh pdf browser epub
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# The fast tiers (unit tests and in-process Sphinx builds of small projects), without building the book;
# here pytest-xdist's own order (the files with the most tests first) was measured the faster.
check: $(READY) $(CFF)
	@echo "The unit and sphinx tiers on two cores: a dot per test as it passes, a percentage per line."
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "unit or sphinx"

# make release VERSION=x.y.z: set the version everywhere, move the changelog, build, write dist/
# VERSION reaches the command through the environment, quoted, never as shell text: whatever it
# holds (a tag name, say), the shell runs nothing of it, and briefbook refuses what is not x.y.z.
release: export VERSION := $(VERSION)
release: $(READY)
	@test -n "$$VERSION" || { echo "usage: make release VERSION=x.y.z"; exit 2; }
	scripts/system-deps.sh pdf
	$(BIN)/python -m briefbook release "$$VERSION"

# Build speed, validation and chart scaling, page and PDF sizes: bench/results.json and bench/README.md
bench: $(READY)
	scripts/system-deps.sh pdf browser
	$(BIN)/python bench/run.py

# Update the translations' catalogs (locales/) from the English and show what is left to translate.
translations: $(READY)
	$(BIN)/python -m briefbook translations update

# Record new citable anchors in published-anchors.txt after adding quotations, figures or claims.
anchors: book
	$(BIN)/python -m briefbook anchors

clean:
	rm -rf _build dist
