"""Shared fixtures (the project's paths, a writable copy of the data, one built copy of the book)
and the test tiers.

Every test gets one tier, a marker declared in pyproject.toml and given here, so that test files
need not mark themselves (see :func:`tier`):

- ``unit``: no Sphinx build (the default);
- ``sphinx``: in-process Sphinx builds of small projects;
- ``build``: whole builds of the book, always in scratch copies, never into the repository's
  own ``_build/``;
- ``browser``: the built site in a headless browser.

``make check`` runs ``-m "unit or sphinx"`` without building the book; ``make test`` runs all.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefbook import edition
from briefbook.pipeline import copy_sources

ROOT = Path(__file__).resolve().parents[1]
# The brief and the fact sheet sit beside the repository (../shared/sources), not in it.
SOURCES = Path(os.environ.get("BRIEFBOOK_SOURCES", ROOT.parent / "shared" / "sources"))

# The address the tests give the book in a scratch copy (the repository's own stays unset).
ADDRESS = "https://example.org/muqawama/"

TIERS = ("unit", "sphinx", "build", "browser")  # each later tier outranks the ones before it
BY_MODULE = {
    "test_browser": "browser", "test_build": "build", "test_pdf": "build", "test_reproducible": "build",
    "test_pdf_arabic": "build",  # XeLaTeX on a tiny Arabic project
    "test_install": "build",  # pip install of the package, then a tiny build
}  # fmt: skip
BY_FIXTURE = {
    "site": "build", "book": "build", "built": "build",  # the built copy of the book (below)
    "addressed_book": "build",  # a built copy with the book's address set (below)
    "small_book": "sphinx",  # test_metadata's small project
    "apps": "sphinx", "cited": "sphinx", "cited_html": "sphinx", "tiny": "sphinx", "two_languages": "sphinx",  # small Sphinx projects
    "cards_pages": "sphinx",  # test_i18n_cards' small project, in each language
    "small_arabic": "sphinx",  # test_bidi's small Arabic page, in HTML, EPUB and LaTeX
    "print_latex": "sphinx",  # test_print_languages' tiny project, in LaTeX in each language
    "two_editions": "sphinx", "addressed_editions": "sphinx",  # test_languages: English and Arabic
    "browser": "browser", "base_url": "browser", "visits": "browser",  # test_browser's Chromium
}  # fmt: skip
BY_CALL = {
    "Sphinx": "sphinx",
    "sphinx_build": "sphinx",
    "html_stage": "sphinx",
}  # tests that build a small project themselves
BY_NAME = {  # whole builds that neither their module nor a fixture announces
    "test_preview_serves_the_book_on_localhost": "build",  # sphinx-autobuild builds the whole book
    "test_a_data_edit_re_executes_exactly_the_notebooks_that_read_it": "build",
}


def tier(item: pytest.Item) -> str:
    """The item's tier: the highest that its module, its fixtures, its calls or its name imply."""
    found = {"unit", BY_MODULE.get(item.module.__name__ if item.module else "", "unit")}
    found |= {BY_FIXTURE[name] for name in getattr(item, "fixturenames", ()) if name in BY_FIXTURE}
    code = getattr(getattr(item, "function", None), "__code__", None)
    found |= {BY_CALL[name] for name in (code.co_names if code else ()) if name in BY_CALL}
    found.add(BY_NAME.get(getattr(item, "originalname", item.name), "unit"))
    return max(found, key=TIERS.index)


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        item.add_marker(getattr(pytest.mark, tier(item)))


@pytest.fixture(scope="session")
def sources() -> Path:
    if not (SOURCES / "facts.md").is_file():
        pytest.skip(f"the brief and fact sheet are not at {SOURCES} (set BRIEFBOOK_SOURCES)")
    return SOURCES


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ and references.bib that a test may break; returns the data folder."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path / "data"


def edit_cell(path: Path, row_id: str, column: str, value: str) -> None:
    """Set one cell of the row whose id is ``row_id``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    hits = [r for r in rows if r["id"] == row_id]
    assert hits, f"no row {row_id} in {path}"
    hits[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def line_of(path: Path, row_id: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(row_id + ","):
            return number
    raise AssertionError(f"{row_id} not found in {path}")


# A small MyST notebook for the build's tests of a failing or warning cell: its first code cell
# runs, its second is the test's.
NOTEBOOK = """\
---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---
# A notebook

```{code-cell} ipython3
x = 1
```

```{code-cell} ipython3
CELL
```
"""


def notebook(cell: str) -> str:
    """:data:`NOTEBOOK` with ``cell`` as its second code cell."""
    return NOTEBOOK.replace("CELL", cell)


def html_stage(project) -> Path:
    """A small book's HTML stage as ``briefbook build`` runs it, in a process of its own; returns
    the stage's output folder (:func:`briefbook.pipeline.edition`)."""
    from briefbook.pipeline import edition

    return edition(project)


def copy_project(dest: Path) -> Path:
    """A scratch copy of the sources (:func:`briefbook.pipeline.copy_sources`)."""
    return copy_sources(ROOT, dest)


def run_build(project: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m briefbook build`` in a scratch copy, dated as this checkout's last commit."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH") or edition.source_date_epoch(ROOT)}
    argv = [sys.executable, "-m", "briefbook", "build", *args]
    return subprocess.run(argv, cwd=cwd or project, capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One scratch copy of the book, built once for the session, and what its build printed. Its
    folder's name has a space in it, so every test of the built book also tests such a path; it is
    built from its chapters/ folder, as an author may, so the build prints its paths whole."""
    project = copy_project(tmp_path_factory.mktemp("built") / "the book")
    result = run_build(project, cwd=project / "chapters")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project, result


@pytest.fixture(scope="session")
def book(built) -> Path:
    """The root of the built scratch copy (its _build/html and _build/pdf are the book)."""
    return built[0]


@pytest.fixture(scope="session")
def site(book) -> Path:
    """The built HTML book, in the scratch copy (never the repository's own _build)."""
    return book / "_build" / "html"


def site_pages(site: Path, language: str | None = None) -> list[Path]:
    """The pages of a built site, of both editions or of one (the Arabic under ``ar/``): no file of
    the themes (``_static/``, ``_sources/``, ...) in either."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parts = page.relative_to(site).parts
        if any(part.startswith(("_", ".")) for part in parts):
            continue
        edition = "ar" if parts[0] == "ar" else "en"
        if language in (None, edition):
            found.append(page)
    return found


def set_address(project: Path, url: str = ADDRESS, doi: str = "") -> Path:
    """Set the book's address (and DOI) in a scratch copy's _config.yml, where the repository keeps them unset."""
    config = project / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert 'html_baseurl: ""' in text and 'briefbook_doi: ""' in text
    text = text.replace('html_baseurl: ""', f"html_baseurl: {url}").replace(
        'briefbook_doi: ""', f'briefbook_doi: "{doi}"'
    )
    config.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def addressed_book(tmp_path_factory) -> Path:
    """A scratch copy of the book with its address set (html_baseurl: https://example.org/muqawama/),
    built once for the session; returns its built HTML folder."""
    project = set_address(copy_project(tmp_path_factory.mktemp("addressed") / "book"))
    result = run_build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "_build" / "html"
