"""The build's parts, without building the book: publishing switches HTML, PDF, EPUB and
downloads together or not at all, and a failing stage publishes nothing; the lock keeps a second
build out; failures read as a few lines naming what failed and where. The last tests run one
language's stages (briefbook.pipeline.book.edition, a process of its own) on a tiny book."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, html_stage, notebook, stage_here

import briefbook.pipeline.book as pipeline
from briefbook.languages import LANGUAGES
from briefbook.pipeline import BuildError, worker
from briefbook.pipeline.book import locked
from briefbook.project import Project


@pytest.fixture
def layout(tmp_path, monkeypatch) -> Project:
    """A project with its data and version, and no book published yet."""
    root = tmp_path / "book"
    shutil.copytree(ROOT / "data", root / "data")
    for name in ("VERSION", "references.bib"):
        shutil.copy(ROOT / name, root / name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return Project(root)


def made(project: Project, text: str) -> None:
    """Each language's site, PDF and EPUB as the editions' processes leave them in the working folder."""
    for language in LANGUAGES:
        html = project.sphinx_output("html", language)
        shutil.rmtree(html, ignore_errors=True)
        (html / "chapters").mkdir(parents=True)
        (html / "index.html").write_text(f"<p>{text} {language}</p>", encoding="utf-8")
        (html / "chapters" / "overview.html").write_text(f"<p>{text}</p>", encoding="utf-8")
        for path in (project.sphinx_output("latex", language) / "book.pdf",
                     project.sphinx_output("epub", language) / f"{project.stem(language)}.epub"):  # fmt: skip
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f"{path.suffix} {text} {language}".encode())


def published(project: Project, language: str = "en") -> dict[str, bytes]:
    site = project.site_dir(language)
    files = {"index": site / "index.html"} | {kind: project.published(kind, language) for kind in ("pdf", "epub")}
    files |= {f"download-{key}": site / name for key, name in project.download_names(language).items()}
    return {key: path.read_bytes() for key, path in files.items()}


def everything(project: Project) -> dict[str, dict[str, bytes]]:
    return {language: published(project, language) for language in LANGUAGES}


def only_the_current_book(project: Project) -> bool:
    books = [p.name for p in project.editions_dir.iterdir() if not p.is_symlink()]
    return books == [os.readlink(project.editions_dir / "current")]


@pytest.mark.unit
def test_publishing_switches_html_pdf_epub_and_downloads_together(layout):
    made(layout, "first")
    pipeline.publish(layout, "digest-1")
    first = everything(layout)
    assert first["en"]["index"] == b"<p>first en</p>" and first["ar"]["pdf"] == b".pdf first ar"
    assert first["en"]["download-pdf"] == first["en"]["pdf"] and first["ar"]["download-epub"] == first["ar"]["epub"]
    assert pipeline.published_digest(layout) == "digest-1"
    made(layout, "second")
    pipeline.publish(layout, "digest-2")
    assert everything(layout)["ar"]["index"] == b"<p>second ar</p>"
    assert pipeline.published_digest(layout) == "digest-2" and only_the_current_book(layout)


# Each step of publishing; "-epub": the step fails where it copies the last language's EPUB to its downloads;
# "os.replace-current": where ``current`` is switched to the new book.
STEPS = ["shutil.copytree", "shutil.copyfile", "shutil.copyfile-epub", "deterministic_zip", "os.replace-current"]


@pytest.mark.unit
@pytest.mark.parametrize("step", STEPS)
def test_a_failing_step_leaves_the_previous_book_all_in_place(layout, monkeypatch, step):
    made(layout, "first")
    pipeline.publish(layout, "digest-1")
    before = everything(layout)
    made(layout, "second")
    step, _, only = step.partition("-")
    target = {"shutil": shutil, "os": os}.get(step.split(".")[0], pipeline)
    name = step.rsplit(".", 1)[-1]
    real = getattr(target, name)
    failed = []

    def fail(*args, **kwargs):
        last_epub = str(args[0]).endswith(".epub") and f"-{list(LANGUAGES)[-1]}-" in Path(args[0]).name
        chosen = {"": True, "epub": last_epub and Path(args[1]).parent.name == "downloads"}.get(only)
        chosen = Path(args[1]).name == "current" if only == "current" else chosen
        if not chosen or step != "os.replace":  # part of the work done, then the disk fills
            real(*args, **kwargs)
        if chosen:
            failed.append(args)
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(target, name, fail)
    with pytest.raises(OSError):
        pipeline.publish(layout, "digest-2")
    assert failed
    assert everything(layout) == before
    assert pipeline.published_digest(layout) == "digest-1" and only_the_current_book(layout)


@pytest.fixture
def stages(layout, monkeypatch):
    """The build with its editions' processes replaced by ``stages.run(project)``."""

    class Stages:
        run = staticmethod(lambda project: made(project, "second"))

    monkeypatch.setattr(pipeline, "editions", lambda project, *args: Stages.run(project))
    return Stages


@pytest.mark.unit
def test_a_failing_edition_publishes_nothing(layout, stages):
    """One edition's process fails (after the other's HTML, EPUB and PDF were made): the last book
    stays published, and the sources' digest still says it must be built again."""
    made(layout, "first")
    pipeline.publish(layout, "digest-1")
    before = everything(layout)

    def fail(project):
        made(project, "second")
        raise BuildError("[PDF (XeLaTeX), Arabic] failed on purpose")

    stages.run = fail
    with pytest.raises(BuildError, match=r"failed on purpose\nThe tools' output is in .*the last good book"):
        pipeline.run(layout, release=False)
    assert everything(layout) == before
    assert pipeline.published_digest(layout) == "digest-1"


@pytest.mark.unit
@pytest.mark.parametrize("edit", ["changed", "written back as it was"])
def test_every_format_and_edition_comes_from_one_reading_of_the_sources(layout, stages, capsys, edit):
    """A data table written to while the editions are built (as an author saves a file): the book
    is built again, so every format of both editions shows the same table, and the published
    digest is that of the sources it was built from."""
    table = layout.table_file("quotations")
    original = table.read_bytes()
    runs = []

    def build(project):
        made(project, table.read_text(encoding="utf-8")[-20:])  # what this build read
        if not runs:
            table.write_bytes(original + b"\n" if edit == "changed" else original)
            os.utime(table, ns=(1, 1))  # an editor's save, even of the same bytes, moves the time
        runs.append(project)

    stages.run = build
    pipeline.run(layout, release=False)
    assert "changed while the book was built: data/quotations.csv; building it again" in capsys.readouterr().out
    assert len(runs) == 2
    for language in LANGUAGES:
        assert (
            published(layout, language)["index"]
            == f"<p>{table.read_text(encoding='utf-8')[-20:]} {language}</p>".encode()
        )
    assert pipeline.published_digest(layout) == pipeline.read_sources(layout.root)[0]
    pipeline.run(layout, release=False)
    assert "nothing has changed since the last build" in capsys.readouterr().out and len(runs) == 2


@pytest.mark.unit
def test_data_made_invalid_during_the_build_are_validated_again_and_not_published(layout, stages, capsys):
    """The data were valid when the build started, then written to with a bad date: the new
    reading is validated before it is built, and nothing is published."""
    from conftest import edit_cell

    stages.run = lambda project: edit_cell(
        layout.table_file("quotations"), "askari-2021-07-08-restraint", "date", "2021-13-45"
    )
    with pytest.raises(
        BuildError, match="the data changed during the build, and are not valid\n.*nothing was published"
    ):
        pipeline.run(layout, release=False)
    assert "data/quotations.csv:2: date: '2021-13-45' is not a date" in capsys.readouterr().err
    assert pipeline.published_digest(layout) is None


@pytest.mark.unit
def test_a_second_lock_is_refused_and_a_killed_holder_leaves_none(layout):
    with locked(layout):
        with pytest.raises(BuildError, match=rf"another build is running in this checkout \(process {os.getpid()}, "):
            with locked(layout):
                pass
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom briefbook.pipeline.book import locked\n"
         "from pathlib import Path\nfrom briefbook.project import Project\n"
         "with locked(Project(Path(sys.argv[1]))):\n"
         "    print('locked', flush=True); time.sleep(60)", str(layout.root)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(BuildError, match=rf"\(process {holder.pid}, "):
        with locked(layout):
            pass
    holder.kill()
    holder.wait()
    with locked(layout):  # the kernel released the lock of the killed process
        pass


@pytest.mark.unit
def test_a_released_lock_names_no_build(layout):
    with pytest.raises(RuntimeError), locked(layout):
        assert layout.lock_file.read_text().startswith(f"process {os.getpid()}, started ")
        raise RuntimeError("the build failed")
    assert layout.lock_file.read_text() == ""  # not a finished build's "process N, started …"


@pytest.mark.unit
def test_a_missing_glyph_is_named_with_its_chapter_and_tex_line(tmp_path):
    tex = tmp_path / "book.tex"
    tex.write_text(
        "\\chapter{One}\n\\label{\\detokenize{chapters/one::doc}}\nplain\n"
        "\\chapter{Two}\n\\label{\\detokenize{chapters/two::doc}}\\label{\\detokenize{chapters/two:x}}\nA ☃ here.\n",
        encoding="utf-8",
    )
    log = "Missing character: There is no ☃ (U+2603) in font Noto Serif Regular/OT:script=\nlatn;language=dflt;!\n" * 2
    assert worker.missing_glyphs(log, tex) == [
        "  ☃ U+2603 SNOWMAN: not in the font Noto Serif Regular in chapters/two, book.tex line 6"
    ]
    assert worker.missing_glyphs("Output written on book.xdv", tex) == []


@pytest.mark.unit
def test_a_tex_error_is_named_with_its_line_and_chapter(tmp_path):
    tex = tmp_path / "book.tex"
    tex.write_text("\\label{\\detokenize{chapters/one::doc}}\n\\badmacro\n", encoding="utf-8")
    log = "(./book.tex\n! Undefined control sequence.\nl.2 \\badmacro\n\n"
    assert worker.tex_error(log, tex) == "Undefined control sequence. (chapters/one, book.tex line 2)"


@pytest.mark.unit
def test_a_tex_error_after_page_numbers_and_a_full_disk_are_named(tmp_path):
    tex = tmp_path / "book.tex"
    tex.write_text("\\label{\\detokenize{chapters/one::doc}}\nx\n", encoding="utf-8")
    log = "(./book.tex [1] [2]\n[5] [6]! Unable to read an entire line---bufsize=200000.\nl.2 x\n"
    assert worker.tex_error(log, tex) == (
        "Unable to read an entire line---bufsize=200000. (chapters/one, book.tex line 2)"
    )
    said = worker.tex_error("(./book.tex [1]", tex, output="xdvipdfmx:fatal: No space left on device\n")
    assert said.startswith("No space left on device (ENOSPC): XeLaTeX could not write ")


@pytest.mark.unit
def test_a_missing_glyph_is_placed_in_the_body_not_in_the_preamble_s_titles(tmp_path):
    tex = tmp_path / "book.tex"
    tex.write_text(
        "\\title{A ☃ title}\n\\markboth{☃}{☃}\n\\begin{document}\n"
        "\\label{\\detokenize{chapters/two::doc}}\nA ☃ here.\n",
        encoding="utf-8",
    )
    log = "Missing character: There is no ☃ (U+2603) in font Noto Serif Regular/OT:script=latn;language=dflt;!\n"
    assert worker.missing_glyphs(log, tex) == [
        "  ☃ U+2603 SNOWMAN: not in the font Noto Serif Regular in chapters/two, book.tex line 5"
    ]


@pytest.mark.unit
def test_a_copy_that_failed_for_many_files_is_one_line(layout, monkeypatch):
    monkeypatch.chdir(layout.root)  # a path as messages show it: from the folder the command runs in
    errors = [(f"/src/{n}", str(layout.root / "_build" / "book" / f"x{n}"),
               f"[Errno 28] No space left on device: '/x/{n}'") for n in range(5000)]  # fmt: skip
    said = worker.os_error(shutil.Error(errors))
    assert said == "No space left on device: _build/book/x0 (and 4999 more files)"


@pytest.mark.unit
def test_sphinx_warnings_are_listed_once_with_short_paths(layout):
    root = str(layout.root)
    warnings = [f"{root}/chapters/a.md:3: WARNING: undefined label: 'x'\nmore detail"] * 2
    warnings += [f"{root}/chapters/b.md:{n}: WARNING: w{n}" for n in range(12)]
    message = worker.sphinx_warnings("\n".join(warnings), layout.root)
    assert message.splitlines()[:2] == [
        "13 warnings, which fail the build:",
        "  chapters/a.md:3: WARNING: undefined label: 'x'",
    ]
    assert message.splitlines()[-1] == "  ... and 3 more"


TINY = {
    "_config.yml": """\
        title: Tiny
        execute:
          execute_notebooks: cache
        sphinx:
          config:
            nb_execution_raise_on_error: true
            nb_execution_show_tb: true
        """,
    "_toc.yml": "format: jb-book\nroot: index\nchapters:\n  - file: notebook\n",
    "index.md": "# Tiny\n\nSee {ref}`a-label-nowhere`.\n",
    "notebook.md": notebook('def broken():\n    raise RuntimeError("broken on purpose")\nbroken()'),
}


@pytest.fixture
def tiny(tmp_path) -> Project:
    """A tiny Jupyter Book: a page with a broken reference, a notebook whose second cell fails."""
    root = tmp_path / "tiny book"
    root.mkdir()
    for name, text in TINY.items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return Project(root)


@pytest.mark.sphinx
def test_a_failing_cell_is_named_with_its_error_and_the_traceback_kept_in_the_log(tiny, capsys):
    with pytest.raises(BuildError) as raised:
        html_stage(tiny)
    assert re.fullmatch(
        r"\[HTML\] failed after \d+\.\d s: a notebook cell failed in notebook\.md, "
        r"code cell 2 \(line 1[56]: def broken\(\):\):\n  RuntimeError: broken on purpose",
        str(raised.value),
    )
    assert "2 of 2 pages to read" in capsys.readouterr().out
    log = (tiny.logs_dir / "html-en.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "Running Sphinx" in log  # the tools' output, the full story


@pytest.mark.sphinx
def test_the_warnings_that_fail_the_build_are_listed(tiny, capsys):
    notebook = tiny.root / "notebook.md"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("broken()\n", ""), encoding="utf-8")
    with pytest.raises(BuildError, match=r"1 warning, which fails the build:\n  index\.md:3: WARNING: "):
        html_stage(tiny)
    assert "[HTML] ..." in capsys.readouterr().out


def settle(tiny: Project, cell: str) -> None:
    """The tiny book with no broken reference, its notebook's second cell ``cell``."""
    (tiny.root / "index.md").write_text("# Tiny\n", encoding="utf-8")
    notebook = tiny.root / "notebook.md"
    text = notebook.read_text(encoding="utf-8")
    start = text.index("def broken():")
    notebook.write_text(text[:start] + cell + "\n```\n", encoding="utf-8")


@pytest.mark.sphinx
def test_folders_outside_the_book_are_not_read(tiny, capsys):
    """A stray copy of a build folder (``_build.orig/``, its hidden ``.work/`` holding cached
    notebooks) once had its notebooks read as pages, and the progress extension fail on them."""
    settle(tiny, "y = 2")
    config = tiny.config_file
    config.write_text("only_build_toc_files: true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    notebook = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    for stray in ("_build.orig/.work/html/_sources/old.ipynb", "chapters/.ipynb_checkpoints/x.ipynb"):
        (tiny.root / stray).parent.mkdir(parents=True, exist_ok=True)
        (tiny.root / stray).write_text(notebook, encoding="utf-8")
    (tiny.root / "_build.orig" / ".work" / "page.md").write_text("# Stray\n", encoding="utf-8")
    stage_here(tiny)  # the build's configuration and Sphinx run (write_conf, worker.sphinx), in this process
    assert "2 of 2 pages to read" in capsys.readouterr().out


@pytest.mark.sphinx
def test_what_a_cell_writes_to_stderr_fails_the_build_and_reaches_no_page(tiny):
    """A chart's matplotlib warning was printed into the book as a stderr cell."""
    settle(tiny, 'import warnings\nwarnings.warn("constrained_layout not applied")')
    with pytest.raises(BuildError) as raised:
        html_stage(tiny)
    assert re.search(r"notebook\.md:1\d: WARNING: stderr was found in the cell outputs of cell \d", str(raised.value))


@pytest.mark.sphinx
def test_a_rebuild_after_an_edit_undone_writes_what_a_clean_build_writes(tiny):
    """Edit a page, build, undo the edit, build: the same bytes as a clean build. Sphinx kept the
    edit's words in the search index (with no page), lost the glossary's index entries, and linked
    myst-nb's stylesheet with a checksum only once an earlier build had copied it."""
    settle(tiny, "y = 2")
    (tiny.root / "glossary.md").write_text("# Glossary\n\n```{glossary}\nTerm one\n  A definition.\n```\n")
    toc = tiny.root / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "  - file: glossary\n", encoding="utf-8")
    page = tiny.root / "index.md"
    original = page.read_text(encoding="utf-8")

    def html() -> dict[str, bytes]:
        out = stage_here(tiny)[0]  # the build's Sphinx run (worker.sphinx), in this process
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    clean = html()
    assert b"term one" in clean["searchindex.js"]
    page.write_text(original + "\nAn extra sentence about zebrafinches and quokkas.\n", encoding="utf-8")
    assert b"quokka" in html()["searchindex.js"]
    page.write_text(original, encoding="utf-8")
    again = html()
    assert [name for name in sorted(clean.keys() | again.keys()) if clean.get(name) != again.get(name)] == []


@pytest.mark.sphinx
def test_a_cell_that_times_out_says_so(tiny):
    settle(tiny, "import time\ntime.sleep(30)")
    config = tiny.config_file
    config.write_text(config.read_text(encoding="utf-8").replace("execute:\n", "execute:\n  timeout: 2\n"))
    with pytest.raises(BuildError) as raised:
        html_stage(tiny)
    assert re.fullmatch(
        r"\[HTML\] failed after \d+\.\d s: a notebook cell failed in notebook\.md, code cell 2 \(line 1\d: "
        r"import time\):\n  TimeoutError: A cell timed out while it was being executed, after 2 seconds\.",
        str(raised.value),
    ), str(raised.value)


@pytest.mark.sphinx
def test_notebooks_run_in_the_edition_s_own_process_and_are_then_cached(tiny, capsys):
    """No Jupyter kernel (each started Python and imported pandas and matplotlib again): the cells run
    where Sphinx runs, and a second build takes them from myst-nb's cache."""
    settle(tiny, 'import sys\nassert "sphinx.application" in sys.modules, "run in a kernel"\nprint("ran")')
    out = html_stage(tiny)
    assert re.search(r"execute notebook 1 of 1: notebook\.md \(\d+\.\d+ s\)", capsys.readouterr().out)
    assert "ran" in (out / "notebook.html").read_text(encoding="utf-8")  # what it printed, as a kernel's output
    (tiny.root / "index.md").write_text("# Tiny, again\n", encoding="utf-8")
    (tiny.root / "notebook.md").touch()
    html_stage(tiny)
    assert "execute notebook 1 of 1: notebook.md (cached)" in capsys.readouterr().out


@pytest.mark.unit
def test_only_the_stage_that_reads_the_environment_counts_its_pages(tmp_path):
    from types import SimpleNamespace

    from briefbook.pipeline.worker import Notebooks

    said = []
    env = SimpleNamespace(found_docs=set("abc"), doc2path=lambda docname: tmp_path / f"{docname}.md")
    app = SimpleNamespace(connect=lambda *args, **kwargs: None)
    for first, changed in ((True, {"a"}), (False, set()), (False, set())):  # HTML reads a page; EPUB and LaTeX share it
        Notebooks(app, said.append, first).before(app, env, changed)
    assert said == ["  1 of 3 pages to read"]
    Notebooks(app, said.append, True).before(app, env, set())
    assert said[-1] == "  0 of 3 pages to read"  # the first stage says so even when no page changed


@pytest.mark.unit
def test_the_latex_warnings_left_are_counted_on_the_console(layout, monkeypatch):
    from types import SimpleNamespace

    tex = layout.sphinx_output("latex", "en") / "book.tex"
    tex.parent.mkdir(parents=True, exist_ok=True)
    log = (
        "Package fancyhdr Warning: \\headheight is too small (14.0pt): \n(fancyhdr)  Make it at least 18.9pt\n"
        "LaTeX Warning: Reference `x' on page 3 undefined on input line 9.\nLaTeX Font Warning: Font shape\n"
        "Overfull \\hbox (2.0pt too wide) in paragraph\n"
    )
    printed = (
        "LaTeX Warning: a first run's, gone from the last log\nxdvipdfmx:warning: Can't begin an annotation\n"
        'xdvipdfmx:warning: Interpreting special command bann (pdf:) failed.\nxdvipdfmx:warning: >> at page="13"\n'
    )

    # latexmk, ended, having printed ``printed`` and TeX its ``log`` (without stdout: its watchdog)
    def latexmk(argv, stdout=None, **kwargs):
        if stdout:
            stdout.write(printed)
            tex.with_suffix(".log").write_text(log, encoding="utf-8")
        return SimpleNamespace(pid=0, wait=lambda: 0, returncode=0)

    monkeypatch.setattr(worker.subprocess, "Popen", latexmk)
    said = []
    list(worker.pdf(layout, "en", said.append))
    assert said == [f"  4 LaTeX warnings left (in {worker.display(tex.with_suffix('.log'))})"]
    log, printed = "", "Latexmk: All targets are up-to-date\n"
    list(worker.pdf(layout, "en", said.append))
    assert len(said) == 1  # nothing said when none is left


@pytest.mark.unit
def test_tex_s_files_left_cut_short_by_a_stopped_run_are_not_read_again(tmp_path, monkeypatch):
    """A PDF stage stopped mid-run (another stage failed, the build was killed) can leave book.aux cut short; the
    next run starts without TeX's files, not with "File ended while scanning use of \\@newl@bel" in every build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625832000")
    project = Project(tmp_path)
    tex = project.sphinx_output("latex", "en") / "book.tex"
    tex.parent.mkdir(parents=True)
    body = "\\section{A}\\label{a}See~\\ref{a}.\\index{a}\\printindex"  # a label and an index, as the book's
    tex.write_text(
        f"\\documentclass{{article}}\\usepackage{{makeidx}}\\makeindex\\begin{{document}}{body}\\end{{document}}\n"
    )

    def run() -> None:
        stage = worker.pdf(project, "en", print)
        next(stage)
        next(stage, None)

    run()  # a whole run
    assert tex.with_suffix(".pdf").is_file()
    # then a run stopped while it wrote book.aux: the file cut short, and no mark that the run finished
    tex.with_suffix(".aux").write_text("\\relax\n\\newlabel{a}{{1}{1")
    tex.with_suffix(".finished").unlink(missing_ok=True)
    tex.with_suffix(".pdf").unlink()
    run()  # before: BuildError "File ended while scanning use of \\@newl@bel", and so in every later build
    assert tex.with_suffix(".pdf").is_file()
