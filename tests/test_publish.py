"""The build's parts, without building the book: publishing switches HTML, PDF, EPUB and
downloads together or not at all, and a failing stage publishes nothing; the lock keeps a second
build out and dies with its process; the
progress reaches the terminal while the tools' output goes to the log; failures read as a few
lines naming what failed and where. The last tests run Sphinx in-process on a tiny book."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT, html_stage, notebook

from briefbook.build import failures, publish
from briefbook.build.failures import BuildError
from briefbook.build.lock import locked
from briefbook.build.progress import Progress
from briefbook.build.stages import sphinx
from briefbook.i18n import LANGUAGES
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


def made(project: Project, text: str) -> tuple[dict, dict, dict]:
    """Each language's site, PDF and EPUB as the stages leave them in the working folder."""
    html, pdf, epub = {}, {}, {}
    for language in LANGUAGES:
        html[language] = project.sphinx_output("html", language)
        shutil.rmtree(html[language], ignore_errors=True)
        (html[language] / "chapters").mkdir(parents=True)
        (html[language] / "index.html").write_text(f"<p>{text} {language}</p>", encoding="utf-8")
        (html[language] / "chapters" / "overview.html").write_text(f"<p>{text}</p>", encoding="utf-8")
        pdf[language] = project.sphinx_output("latex", language) / "book.pdf"
        pdf[language].parent.mkdir(parents=True, exist_ok=True)
        pdf[language].write_bytes(f"%PDF {text} {language}".encode())
        epub[language] = project.sphinx_output("epub", language) / f"{project.stem(language)}.epub"
        epub[language].parent.mkdir(parents=True, exist_ok=True)
        epub[language].write_bytes(f"EPUB {text} {language}".encode())
    return html, pdf, epub


def published(project: Project, language: str = "en") -> dict[str, bytes]:
    files = {
        "index": project.site_dir(language) / "index.html",
        "pdf": project.pdf_file(language),
        "epub": project.epub_file(language),
    }
    site = project.site_dir(language)
    files |= {f"download-{key}": site / name for key, name in project.download_names(language).items()}
    return {key: path.read_bytes() for key, path in files.items()}


def everything(project: Project) -> dict[str, dict[str, bytes]]:
    return {language: published(project, language) for language in LANGUAGES}


@pytest.mark.unit
def test_publishing_switches_html_pdf_epub_and_downloads_together(layout):
    publish.publish(layout, *made(layout, "first"), "digest-1")
    for language in LANGUAGES:
        first = published(layout, language)
        assert first["index"] == f"<p>first {language}</p>".encode()
        assert first["pdf"] == f"%PDF first {language}".encode() and first["epub"] == f"EPUB first {language}".encode()
        assert first["download-pdf"] == first["pdf"] and first["download-epub"] == first["epub"]  # the files themselves
    # the Arabic edition beside the English: its pages under ar/, its files named for it
    assert layout.site_dir("ar") == layout.html_dir / "ar" and layout.pdf_file("ar").name.endswith("-ar-0.1.0.pdf")
    assert publish.published_digest(layout) == "digest-1"
    publish.publish(layout, *made(layout, "second"), "digest-2")
    for language in LANGUAGES:
        second = published(layout, language)
        assert (
            second["index"] == f"<p>second {language}</p>".encode()
            and second["pdf"] == f"%PDF second {language}".encode()
        )
    assert publish.published_digest(layout) == "digest-2"
    layout.pdf_file("ar").unlink()  # nor is a book without its Arabic PDF
    assert publish.published_digest(layout) is None
    publish.publish(layout, *made(layout, "second"), "digest-2")
    assert all(path.is_symlink() for path in (layout.html_dir, layout.pdf_path.parent, layout.epub_path.parent))
    layout.epub_path.unlink()  # a book without its EPUB is not the book its digest names
    assert publish.published_digest(layout) is None
    # one book is kept: the one published
    assert [p.name for p in layout.editions_dir.iterdir() if not p.is_symlink()] == [
        os.readlink(layout.editions_dir / "current")
    ]


# Each step of publishing; "epub": the step fails where it copies the EPUB to the downloads, the last copy.
STEPS = ["shutil.copytree", "shutil.copyfile", "shutil.copyfile-epub", "deterministic_zip", "link_published", "switch"]


@pytest.mark.unit
@pytest.mark.parametrize("step", STEPS)
def test_a_failing_step_leaves_the_previous_book_all_in_place(layout, monkeypatch, step):
    publish.publish(layout, *made(layout, "first"), "digest-1")
    before = everything(layout)
    new = made(layout, "second")
    step, _, only = step.partition("-")
    target = shutil if "." in step else publish
    name = step.rsplit(".", 1)[-1]
    real = getattr(target, name)
    failed = []

    def fail(*args, **kwargs):
        if step != "switch":  # part of the work done, then the disk fills
            real(*args, **kwargs)
        if not only or (args[0] == new[2][LANGUAGES[-1]] and Path(args[1]).parent.name == "downloads"):
            failed.append(args)
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(target, name, fail)
    with pytest.raises(OSError):
        publish.publish(layout, *new, "digest-2")
    assert failed
    assert everything(layout) == before
    assert publish.published_digest(layout) == "digest-1"
    assert [p.name for p in layout.editions_dir.iterdir() if not p.is_symlink()] == [
        os.readlink(layout.editions_dir / "current")
    ]


@pytest.mark.unit
@pytest.mark.parametrize("failing", ["epub", "pdf"])
def test_a_failing_stage_after_the_html_publishes_nothing(layout, monkeypatch, failing):
    """The EPUB (or the PDF) fails after the HTML was built: the last book, HTML, PDF and EPUB,
    is the one published, and the sources' digest still says it must be built again."""
    import briefbook.build as build

    publish.publish(layout, *made(layout, "first"), "digest-1")
    before = everything(layout)
    html, pdf, epub = made(layout, "second")

    def stage(name, result):
        def run(project, progress, language="en"):
            if name == failing and language == LANGUAGES[-1]:  # the last language's, after all the rest
                raise BuildError(f"[{name}] failed on purpose")
            return result[language]

        return run

    def sphinx(project, builder, progress, language="en", **options):
        return html[language] if builder == "html" else None

    monkeypatch.setattr(build, "sphinx", sphinx)
    monkeypatch.setattr(build.translations, "report", lambda *args: None)
    monkeypatch.setattr(build, "epub", stage("epub", epub))
    monkeypatch.setattr(build, "pdf", stage("pdf", pdf))
    progress = Progress(layout, out=sys.stdout)
    with pytest.raises(BuildError, match=f"\\[{failing}\\] failed on purpose"):
        build.run(layout, progress)
    progress.close()
    assert everything(layout) == before
    assert publish.published_digest(layout) == "digest-1"


@pytest.mark.unit
@pytest.mark.parametrize("edit", ["changed", "written back as it was"])
def test_every_format_and_edition_comes_from_one_reading_of_the_sources(layout, monkeypatch, capsys, edit):
    """A data table written to between the HTML and the EPUB stages (as an author saves a file
    during a build): the book is built again, so every format of both editions shows the same
    table, and the published digest is that of the sources it was built from."""
    import briefbook.build as build
    from briefbook.build.sources import sources_digest

    table = layout.table_file("quotations")
    original = table.read_bytes()
    saved = []

    def output(builder: str, language: str, name: str) -> Path:
        path = layout.sphinx_output(builder, language) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(table.read_bytes())  # what this stage read
        return path

    def sphinx(project, builder, progress, language="en", **options):
        if builder == "html":
            output("html", language, "index.html")
            return layout.sphinx_output("html", language)
        return None

    def epub(project, progress, language="en"):
        if not saved:  # once, after the English HTML
            saved.append(True)
            table.write_bytes(original + b"\n" if edit == "changed" else original)
            os.utime(table, ns=(1, 1))  # an editor's save, even of the same bytes, moves the time
        return output("epub", language, "book.epub")

    monkeypatch.setattr(build, "sphinx", sphinx)
    monkeypatch.setattr(build, "epub", epub)
    monkeypatch.setattr(build, "pdf", lambda project, progress, language="en": output("latex", language, "book.pdf"))
    monkeypatch.setattr(build.translations, "report", lambda *args: None)
    progress = Progress(layout, out=sys.stdout)
    assert build.run(layout, progress) is True
    progress.close()
    assert "changed while the book was built: data/quotations.csv; building it again" in capsys.readouterr().out
    now = table.read_bytes()
    for language in LANGUAGES:
        assert (layout.site_dir(language) / "index.html").read_bytes() == now
        assert layout.pdf_file(language).read_bytes() == now
        assert layout.epub_file(language).read_bytes() == now
    assert publish.published_digest(layout) == sources_digest(layout.root)
    progress = Progress(layout, out=sys.stdout)
    assert build.run(layout, progress) is False  # up to date, and truly so
    progress.close()


@pytest.mark.unit
def test_a_book_published_in_folders_by_an_older_build_is_kept_until_the_switch(layout, monkeypatch):
    layout.html_dir.mkdir(parents=True)
    (layout.html_dir / "index.html").write_text("<p>older</p>", encoding="utf-8")
    layout.pdf_path.parent.mkdir(parents=True)
    layout.pdf_path.write_bytes(b"%PDF older")
    monkeypatch.setattr(publish, "switch", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OSError):
        publish.publish(layout, *made(layout, "new"), "digest")
    assert (layout.html_dir / "index.html").read_text() == "<p>older</p>"
    assert layout.pdf_path.read_bytes() == b"%PDF older"
    assert publish.published_digest(layout) is None  # built by an older build: not skipped
    monkeypatch.undo()
    publish.publish(layout, *made(layout, "new"), "digest")
    assert (layout.html_dir / "index.html").read_text() == "<p>new en</p>"


@pytest.mark.unit
def test_a_second_lock_is_refused_and_a_killed_holder_leaves_none(layout):
    with locked(layout):
        with pytest.raises(BuildError, match=rf"another build is running in this checkout \(process {os.getpid()}, "):
            with locked(layout):
                pass
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom briefbook.build.lock import locked\n"
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


HOLDER_WITH_A_WORKER = """
import multiprocessing, sys, time
from pathlib import Path
from briefbook.build.lock import locked
from briefbook.project import Project

def worker(pipe):  # as Sphinx's parallel read: a forked process, here blocked on its pipe
    while True:
        pipe.send_bytes(b"x" * 65536)

if __name__ == "__main__":
    with locked(Project(Path(sys.argv[1]))):
        reader, writer = multiprocessing.get_context("fork").Pipe(duplex=False)
        child = multiprocessing.get_context("fork").Process(target=worker, args=(writer,))
        child.start()
        print(child.pid, flush=True)
        time.sleep(120)
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.unit
def test_a_killed_build_s_forked_workers_neither_keep_the_lock_nor_outlive_it(layout, tmp_path):
    """kill -9 of a build while Sphinx's forked readers run: the lock is free at once, and the
    readers die with the build (before the fix they held the lock, blocked, for minutes)."""
    script = tmp_path / "holder.py"
    script.write_text(HOLDER_WITH_A_WORKER, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, str(script), str(layout.root)], stdout=subprocess.PIPE, text=True)
    worker = int(holder.stdout.readline())
    try:
        assert alive(worker)
        with pytest.raises(BuildError, match=rf"\(process {holder.pid}, "):
            with locked(layout):
                pass
        holder.kill()
        holder.wait()
        with locked(layout):  # at once: the worker never held the lock
            pass
        deadline = time.monotonic() + 10
        while alive(worker):
            assert time.monotonic() < deadline, "the forked worker outlived the killed build"
            time.sleep(0.1)
    finally:
        if alive(worker):
            os.kill(worker, signal.SIGKILL)


@pytest.mark.unit
def test_progress_reaches_the_terminal_and_the_tools_output_the_log(layout, capfd):
    progress = Progress(layout, out=sys.stdout)
    log = progress.open_log()
    with progress.stage("stage"), progress.captured():
        print("said by Python")
        subprocess.run(["echo", "said by a child process"], check=True)
        progress.say("progress line")
    progress.close()
    out, err = capfd.readouterr()
    assert "progress line" in out and "[stage] done in" in out
    assert "said by" not in out + err
    text = log.read_text(encoding="utf-8")
    assert "said by Python" in text and "said by a child process" in text


@pytest.mark.unit
def test_a_missing_glyph_is_named_with_its_chapter_and_tex_line(tmp_path):
    tex = tmp_path / "book.tex"
    tex.write_text(
        "\\chapter{One}\n\\label{\\detokenize{chapters/one::doc}}\nplain\n"
        "\\chapter{Two}\n\\label{\\detokenize{chapters/two::doc}}\\label{\\detokenize{chapters/two:x}}\nA ☃ here.\n",
        encoding="utf-8",
    )
    log = "Missing character: There is no ☃ (U+2603) in font Noto Serif Regular/OT:script=\nlatn;language=dflt;!\n" * 2
    assert failures.missing_glyphs(log, tex) == [
        "  ☃ U+2603 SNOWMAN: not in the font Noto Serif Regular in chapters/two, book.tex line 6"
    ]
    assert failures.missing_glyphs("Output written on book.xdv", tex) == []


@pytest.mark.unit
def test_a_tex_error_is_named_with_its_line_and_chapter(tmp_path, layout):
    tex = tmp_path / "book.tex"
    tex.write_text("\\label{\\detokenize{chapters/one::doc}}\n\\badmacro\n", encoding="utf-8")
    log = "(./book.tex\n! Undefined control sequence.\nl.2 \\badmacro\n\n"
    assert failures.tex_error(log, tex, layout) == "Undefined control sequence. (chapters/one, book.tex line 2)"


@pytest.mark.unit
def test_a_tex_error_after_page_numbers_and_a_full_disk_are_named(tmp_path, layout):
    tex = tmp_path / "book.tex"
    tex.write_text("\\label{\\detokenize{chapters/one::doc}}\nx\n", encoding="utf-8")
    log = "(./book.tex [1] [2]\n[5] [6]! Unable to read an entire line---bufsize=200000.\nl.2 x\n"
    assert failures.tex_error(log, tex, layout) == (
        "Unable to read an entire line---bufsize=200000. (chapters/one, book.tex line 2)"
    )
    said = failures.tex_error("(./book.tex [1]", tex, layout, output="xdvipdfmx:fatal: No space left on device\n")
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
    assert failures.missing_glyphs(log, tex) == [
        "  ☃ U+2603 SNOWMAN: not in the font Noto Serif Regular in chapters/two, book.tex line 5"
    ]


@pytest.mark.unit
def test_a_copy_that_failed_for_many_files_is_one_line(layout):
    errors = [(f"/src/{n}", str(layout.root / "_build" / "book" / f"x{n}"),
               f"[Errno 28] No space left on device: '/x/{n}'") for n in range(5000)]  # fmt: skip
    said = failures.os_error(shutil.Error(errors), layout)
    assert said == "No space left on device: _build/book/x0 (and 4999 more files)"


@pytest.mark.unit
def test_sphinx_warnings_are_listed_once_with_short_paths(layout):
    root = str(layout.root)
    warnings = [f"{root}/chapters/a.md:3: WARNING: undefined label: 'x'\nmore detail"] * 2
    warnings += [f"{root}/chapters/b.md:{n}: WARNING: w{n}" for n in range(12)]
    message = failures.sphinx_warnings(warnings, layout)
    assert message.splitlines()[:2] == [
        "13 warning(s), which fail the build:",
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
def test_sphinx_in_process_names_the_failing_cell_and_its_error(tiny, capsys):
    progress = Progress(tiny, out=sys.stdout)
    progress.open_log()
    with pytest.raises(BuildError) as raised:
        sphinx(tiny, "html", progress)
    progress.close()
    assert re.fullmatch(
        r"\[HTML\] failed after \d+\.\d s: a notebook cell failed in notebook\.md, "
        r"code cell 2 \(line 1[56]: def broken\(\):\):\n  RuntimeError: broken on purpose",
        str(raised.value),
    )
    assert "2 of 2 pages to read" in capsys.readouterr().out
    assert "Traceback" in progress.log_path.read_text(encoding="utf-8")  # the full story is in the log


@pytest.mark.sphinx
def test_sphinx_in_process_lists_the_warnings_that_fail_the_build(tiny, capsys):
    notebook = tiny.root / "notebook.md"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("broken()\n", ""), encoding="utf-8")
    with pytest.raises(BuildError, match=r"1 warning\(s\), which fail the build:\n  index\.md:3: WARNING: "):
        html_stage(tiny)
    assert "execute notebook 1 of 1: notebook.md (" in capsys.readouterr().out


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
    html_stage(tiny)
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
        out = html_stage(tiny)
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    clean = html()
    assert b"term one" in clean["searchindex.js"]
    page.write_text(original + "\nAn extra sentence about zebrafinches and quokkas.\n", encoding="utf-8")
    assert b"quokka" in html()["searchindex.js"]
    page.write_text(original, encoding="utf-8")
    again = html()
    assert [name for name in sorted(clean.keys() | again.keys()) if clean.get(name) != again.get(name)] == []


@pytest.mark.unit
def test_data_made_invalid_during_the_build_are_validated_again_and_not_published(layout, monkeypatch, capsys):
    """The data were valid when the build started, then written to with a bad date: the second
    reading is validated before it is built, and nothing is published."""
    from conftest import edit_cell

    import briefbook.build as build
    from briefbook.build import sources

    valid = sources.read(layout.root)
    built = []

    def sphinx(project, builder, progress, language="en", **options):
        if not built:
            edit_cell(layout.table_file("quotations"), "askari-2021-07-08-restraint", "date", "2021-13-45")
        built.append(builder)
        return layout.sphinx_output("html", language)

    monkeypatch.setattr(build, "sphinx", sphinx)
    monkeypatch.setattr(build, "epub", lambda *a, **k: None)
    monkeypatch.setattr(build, "pdf", lambda *a, **k: None)
    monkeypatch.setattr(build.translations, "report", lambda *args: None)
    monkeypatch.setattr(build.publish, "publish", lambda *a: pytest.fail("published"))
    progress = Progress(layout, out=sys.stdout)
    with pytest.raises(BuildError, match="the data changed during the build, and are not valid; nothing was published"):
        build.run(layout, progress, valid=valid)
    progress.close()
    assert "data/quotations.csv:2: date: '2021-13-45' is not a date" in capsys.readouterr().err


@pytest.mark.sphinx
def test_a_cell_that_times_out_in_a_serial_read_says_so(tiny):
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
