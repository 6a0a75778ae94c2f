"""Shared fixtures (the project's paths, a writable copy of the data, one built copy of the book)
and the test tiers.

Every test names its one tier with a marker (``pytestmark = pytest.mark.unit`` at the top of a
module whose tests share it, ``@pytest.mark.build`` on each test of a module that mixes them);
a test that names none, or more than one, is an error collecting its module:

- ``unit``: no Sphinx build, no kernel, no browser;
- ``sphinx``: in-process Sphinx builds of small projects;
- ``build``: whole builds of the book (always in scratch copies, never into the repository's own
  ``_build/``), or a run of its notebooks in a Jupyter kernel;
- ``browser``: the built site in a headless browser.

``make check`` runs ``-m "unit or sphinx"`` without building the book; ``make test`` runs all.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import functools
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefbook import edition
from briefbook.pipeline import copy_sources

ROOT = Path(__file__).resolve().parents[1]
# The brief and the fact sheet sit beside the repository (../shared/sources), not in it. The tests
# that read them take the `sources` fixture; scratch copies never find them through the environment
# (a copy given made-up quotations would be refused its texts wherever $BRIEFBOOK_SOURCES is set),
# so a run is the same with the variable set or not.
SOURCES = Path(os.environ.pop("BRIEFBOOK_SOURCES", ROOT.parent / "shared" / "sources"))

# The address the tests give the book in a scratch copy (the repository's own stays unset).
ADDRESS = "https://example.org/muqawama/"

TIERS = ("unit", "sphinx", "build", "browser")


@pytest.hookimpl(wrapper=True)
def pytest_pycollect_makeitem(collector, name, obj):
    """A test that names no tier, or more than one, is an error collecting its module (which stops
    the run, under pytest-xdist too), whatever tiers ``-m`` selects."""
    made = yield
    for item in made if isinstance(made, list) else [made]:
        if isinstance(item, pytest.Function):
            tiers = [tier for tier in TIERS if item.get_closest_marker(tier)]
            if len(tiers) != 1:
                raise collector.CollectError(
                    f"{item.nodeid}: names {' and '.join(tiers) or 'no tier'}; each test needs exactly one "
                    f"tier marker of {', '.join(TIERS)} (tests/conftest.py)"
                )
    return made


# The session fixtures that build the book once for the whole run (below).
SHARED_BUILDS = ("built", "addressed_build")


def pytest_collection_modifyitems(items):
    """The order in which pytest-xdist hands whole files to its workers (``--dist loadfile`` with
    ``--no-loadscope-reorder``, as ``make test`` runs it), longest work first: the files whose tests build
    copies of the book of their own (which no second worker can share), then those that read a
    shared build, then those with in-process Sphinx builds, then the unit tests, many short ones that
    fill whichever worker is free last. A file keeps its place among its equals, its tests their order."""

    def rank(item) -> int:
        if item.get_closest_marker("build") or item.get_closest_marker("browser"):
            return 1 if any(name in item.fixturenames for name in SHARED_BUILDS) else 0
        return 2 if item.get_closest_marker("sphinx") else 3

    ranks: dict[Path, int] = {}
    for item in items:
        ranks[item.path] = min(ranks.get(item.path, 3), rank(item))
    items[:] = sorted(items, key=lambda item: ranks[item.path])


@pytest.fixture(autouse=True)
def forget_sphinx_catalogs():
    """After each test, what sphinx.testing's apps do when they end: Sphinx keeps the catalogs an
    app loaded for the life of the process, so an Arabic app's words would reach an English one."""
    yield
    import sphinx.locale

    sphinx.locale.translators.clear()


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
    the stage's output folder (:func:`briefbook.pipeline.book.edition`)."""
    from briefbook.pipeline.book import edition

    return edition(project)


def stage_here(project, language: str = "en", builder: str = "html", release: bool = False) -> tuple[Path, str]:
    """A small book's HTML (or other builder's) stage in this process, through the build's own
    configuration and Sphinx run (:func:`briefbook.pipeline.book.write_conf`,
    :func:`briefbook.pipeline.worker.sphinx`), for the tests whose subject is not the process (one
    costs its imports): the stage's output folder, and what Sphinx printed. The theme's stylesheet
    is left whole (cutting it costs a second). Python's gettext keeps the catalogs it has read, by
    path, for the life of the process: a test that changes a catalog builds at a path of its own."""
    from briefbook.pipeline.book import write_conf
    from briefbook.pipeline.worker import sphinx

    conf = write_conf(project, release)
    text = conf.read_text(encoding="utf-8") + "briefbook_lighter_theme = False\n"
    # Sphinx's defaults are one object for every app of a process, which Sphinx and the extensions add to (myst-nb's
    # ".md" suffix, the themes' templates): a setting left unset gets a value of this app's own, equal to the default.
    for name, default in (("source_suffix", {".rst": "restructuredtext"}), ("templates_path", [])):
        text += "" if f"\n{name} = " in "\n" + text else f"{name} = {default!r}\n"
    conf.write_text(text, encoding="utf-8")
    shown = sys.stdout
    with contextlib.redirect_stdout(io.StringIO()) as tools:  # Sphinx's status kept, the progress shown
        sphinx(project, builder, language, lambda text: print(text, file=shown), builder == "html")
    return project.sphinx_output(builder, language), tools.getvalue()


def plainly(result: subprocess.CompletedProcess, lines: int = 6) -> str:
    """The failure's message: a few lines, no traceback."""
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) <= lines, result.stderr
    return result.stderr


def copy_project(dest: Path) -> Path:
    """A scratch copy of the sources (:func:`briefbook.pipeline.copy_sources`)."""
    return copy_sources(ROOT, dest)


# The date every scratch build is stamped with: this checkout's, read once when the run (each of its
# workers) starts, so that a commit made while the tests run does not make one build of the same
# sources look like a new edition beside another.
EPOCH = os.environ.get("SOURCE_DATE_EPOCH") or edition.source_date_epoch(ROOT)


def epoch() -> str:
    return EPOCH


def run_build(project: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m briefbook build`` in a scratch copy, dated as this checkout's last commit."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch()}
    argv = [sys.executable, "-m", "briefbook", "build", *args]
    return subprocess.run(argv, cwd=cwd or project, capture_output=True, text=True, env=env)


def briefbook(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m briefbook ARGS`` in ``cwd``, run in-process through :func:`briefbook.cli.main`: what
    it prints and its exit status, as a process's (an exception it lets out fails the test, as a
    traceback would). For the tests not about the process itself: a process costs its imports each time."""
    from briefbook.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's --help and usage errors
            code = stop.code
    return subprocess.CompletedProcess(["briefbook", *args], code, out.getvalue(), err.getvalue())


def with_environments(project: Path) -> Path:
    """A scratch copy whose environments are this checkout's: ``.venv`` and ``.venv-cff`` linked,
    newer than the files they were made from, so that make sets nothing up."""
    ready = min((ROOT / name / ".ready").stat().st_mtime for name in (".venv", ".venv-cff"))
    for name in (".venv", ".venv-cff"):
        if not (project / name).exists():
            (project / name).symlink_to(ROOT / name)
    for name in ("requirements.txt", "requirements-cff.txt", "pyproject.toml"):
        os.utime(project / name, (ready - 1, ready - 1))
    return project


def make(project: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """``make ARGS`` as the guides print it, in a scratch copy (:func:`with_environments`), dated as
    this checkout's last commit."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch()}
    cwd = with_environments(project)
    return subprocess.run(["make", *args], cwd=cwd, capture_output=True, text=True, env=env, **kwargs)


def built_once(tmp_path_factory, name: str, prepare, by_make: bool = False) -> tuple[Path, subprocess.CompletedProcess]:
    """A scratch copy of the book built once for the whole run, however many pytest-xdist workers
    ask for it: the first to take the lock builds it (``prepare`` makes the copy and returns the
    folder to build from), the others wait and read what it printed."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the workers' temporary folders share the run's
    folder = base / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    printed = {stream: folder / f"{stream}.txt" for stream in ("returncode", "stdout", "stderr")}
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not printed["returncode"].exists():
            cwd = prepare(folder)
            result = make(cwd, "book") if by_make else run_build(cwd, cwd=cwd)
            for stream, path in printed.items():
                path.write_text(str(getattr(result, stream)), encoding="utf-8")
    returncode, stdout, stderr = (path.read_text(encoding="utf-8") for path in printed.values())
    argv = ["make", "book"] if by_make else ["python", "-m", "briefbook", "build"]
    result = subprocess.CompletedProcess(argv, int(returncode), stdout, stderr)
    assert result.returncode == 0, stdout[-3000:] + stderr[-3000:]
    return folder, result


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One scratch copy of the book, built once for the run, and what its build printed. Its
    folder's name has a space in it, so every test of the built book also tests such a path; it is
    built from its chapters/ folder, as an author may, so the build prints its paths whole."""
    folder, result = built_once(
        tmp_path_factory, "built", lambda folder: copy_project(folder / "the book") / "chapters"
    )
    return folder / "the book", result


@pytest.fixture(scope="session")
def book(built) -> Path:
    """The root of the built scratch copy (its _build/html and _build/pdf are the book)."""
    return built[0]


@pytest.fixture(scope="session")
def site(book) -> Path:
    """The built HTML book, in the scratch copy (never the repository's own _build)."""
    return book / "_build" / "html"


@functools.cache
def pdf_pages(pdf: Path) -> list:
    """The pages of a built PDF as pdfplumber reads them (characters, lines, size), read once a run in each
    worker: reading a PDF of the book takes pdfplumber seconds, and several tests read each page. The file
    stays open to the end of the run; only the shared builds, which no test changes, are read this way."""
    import pdfplumber

    return pdfplumber.open(pdf).pages


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
def addressed_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A scratch copy of the book with its address set (html_baseurl: https://example.org/muqawama/),
    built once for the run by ``make book`` as the guides print it: its root, and what make printed."""
    folder, result = built_once(
        tmp_path_factory, "addressed", lambda folder: set_address(copy_project(folder / "book")), by_make=True
    )
    return folder / "book", result


@pytest.fixture(scope="session")
def addressed_book(addressed_build) -> Path:
    """The addressed scratch copy's built HTML folder."""
    return addressed_build[0] / "_build" / "html"
