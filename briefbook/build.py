"""Building the book: validate, HTML (executing the notebooks), LaTeX, PDF, then publish.

Everything is built in a working folder, ``_build/.work``, which keeps Sphinx's environment,
the notebooks' execution cache and the LaTeX files between builds. Only when every stage has
succeeded are the results moved into place: ``_build/html`` (swapped whole, by renaming) and
``_build/pdf/<book>-<version>.pdf``. A failed build leaves the last good book untouched.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import yaml

from . import edition
from .paths import is_notebook
from .validate import brief_notice, report, validate

# What latexmk writes; everything else in the LaTeX folder is input to LaTeX.
LATEX_OUTPUTS = {".aux", ".log", ".out", ".toc", ".lof", ".lot", ".fls", ".fdb_latexmk", ".xdv", ".idx", ".ind", ".ilg"}
EXECUTED = re.compile(r"(\S+\.(?:md|ipynb)): (Executed notebook in ([\d.]+) seconds|Using cached notebook outputs)")


class BuildError(Exception):
    pass


def work_dir(root: Path) -> Path:
    """Jupyter Book's build folder inside the working folder (html, latex, .doctrees, cache)."""
    return root / "_build" / ".work" / "_build"


def html_dir(root: Path) -> Path:
    return root / "_build" / "html"


def pdf_path(root: Path) -> Path:
    return root / "_build" / "pdf" / f"{edition.PDF_STEM}-{edition.version(root)}.pdf"


def latex_log(root: Path) -> Path:
    return work_dir(root) / "latex" / "book.log"


def notebooks(root: Path) -> list[str]:
    """The chapters, in the order of the table of contents, that are notebooks."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    out = []
    for name in files:
        path = root / f"{name}.md"
        if is_notebook(path):
            out.append(f"{name}.md")
    return out


class Progress:
    """Prints one line per stage, with its time, and keeps the tools' own output in a log."""

    def __init__(self, root: Path):
        self.root = root
        self.logs = root / "_build" / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def say(self, text: str) -> None:
        print(text, flush=True)

    def run(self, name: str, argv: list[str], cwd: Path, log: str, env: dict | None = None, watch=None) -> None:
        start = time.monotonic()
        self.say(f"[{name}] ...")
        log_path = self.logs / log
        with log_path.open("w", encoding="utf-8") as out:
            proc = subprocess.Popen(
                argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
            )
            for line in proc.stdout:
                out.write(line)
                if watch:
                    watch(line)
            code = proc.wait()
        took = time.monotonic() - start
        if code:
            tail = log_path.read_text(encoding="utf-8").splitlines()[-40:]
            self.say("\n".join(tail))
            raise BuildError(f"[{name}] failed after {took:.1f} s; the whole log is {log_path.relative_to(self.root)}")
        self.say(f"[{name}] done in {took:.1f} s")


def jupyter_book(root: Path, builder: str) -> list[str]:
    exe = Path(sys.executable).with_name("jupyter-book")
    return [
        str(exe),
        "build",
        str(root),
        "--path-output",
        str(root / "_build" / ".work"),
        "--builder",
        builder,
        "-W",
        "-n",
        "--keep-going",
    ]


def build_html(root: Path, progress: Progress) -> None:
    books = notebooks(root)
    seen: list[str] = []
    ansi = re.compile(r"\x1b\[[0-9;]*m")

    def watch(line: str) -> None:
        match = EXECUTED.search(ansi.sub("", line))
        if match:
            name = Path(match.group(1)).resolve().relative_to(root).as_posix()
            seen.append(name)
            what = f"{match.group(3)} s" if match.group(3) else "cached"
            progress.say(f"  execute notebook {len(seen)} of {len(books)}: {name} ({what})")

    progress.run("HTML", jupyter_book(root, "html"), root, "html.log", watch=watch)
    if not seen:
        progress.say(f"  notebooks: none of the {len(books)} read again (nothing they depend on changed)")


def latex_inputs_digest(latex_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(latex_dir.iterdir()):
        if path.is_file() and path.suffix not in LATEX_OUTPUTS and path.name not in ("book.pdf", ".pdf.stamp"):
            digest.update(path.name.encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_pdf(root: Path, progress: Progress) -> Path:
    """LaTeX sources with Jupyter Book, then XeLaTeX through latexmk, unless the sources are unchanged.

    Returns the PDF in the working folder."""
    progress.run("LaTeX sources", jupyter_book(root, "latex"), root, "latex.log")
    latex = work_dir(root) / "latex"
    stamp = latex / ".pdf.stamp"
    digest = latex_inputs_digest(latex)
    if (latex / "book.pdf").is_file() and stamp.is_file() and stamp.read_text() == digest:
        progress.say("[PDF] LaTeX sources unchanged since the last PDF; LaTeX not run")
        return latex / "book.pdf"
    # Dates in the PDF (and its /ID) come from the last commit, so rebuilds give the same bytes.
    env = dict(
        os.environ,
        LATEXOPTS="-interaction=nonstopmode -halt-on-error",
        SOURCE_DATE_EPOCH=edition.source_date_epoch(root),
        FORCE_SOURCE_DATE="1",
    )
    stamp.unlink(missing_ok=True)
    progress.run(
        "PDF (XeLaTeX)",
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "book.tex"],
        latex,
        "pdf.log",
        env=env,
    )
    stamp.write_text(digest)
    return latex / "book.pdf"


def deterministic_zip(target: Path, files: list[tuple[Path, str]], when) -> None:
    """A zip whose bytes depend only on the files' contents and names."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, name in sorted(files, key=lambda item: item[1]):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    partial.replace(target)


def data_package_files(root: Path, folder: str) -> list[tuple[Path, str]]:
    files = [(p, f"{folder}/{p.name}") for p in sorted((root / "data").glob("*.csv"))]
    return files + [
        (root / "data" / "datapackage.json", f"{folder}/datapackage.json"),
        (root / "references.bib", f"{folder}/references.bib"),
    ]


def publish(root: Path, pdf: Path, progress: Progress) -> None:
    """Move the new book into place: the PDF, then the whole HTML folder in one rename."""
    from .project import Project

    start = time.monotonic()
    target = pdf_path(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_bytes() != pdf.read_bytes():
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(pdf, partial)
        partial.replace(target)

    new = root / "_build" / ".html.new"
    old = root / "_build" / ".html.old"
    for folder in (new, old):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(work_dir(root) / "html", new)
    names = Project(root).download_names()
    (new / names["pdf"]).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target, new / names["pdf"])
    deterministic_zip(
        new / names["data"], data_package_files(root, Path(names["data"]).stem), edition.edition_date(root)
    )
    live = html_dir(root)
    if live.exists():
        live.rename(old)
    new.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    progress.say(
        f"[publish] {live.relative_to(root)}/ and {target.relative_to(root)} in {time.monotonic() - start:.1f} s"
    )


NOT_SOURCES = {
    ".git",
    ".github",
    ".venv",
    ".venv-cff",
    "_build",
    "dist",
    "__pycache__",
    ".pytest_cache",
    "bench",
    "tests",
}


COPY_SKIP = {".venv", ".venv-cff", "_build", ".git", ".pytest_cache", "__pycache__", "dist"}


def copy_sources(root: Path, dest: Path) -> Path:
    """A scratch copy of the sources: no environments, build output, history or drawn figures."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        drawn = {n for n in names if Path(folder).name == "figures" and n.endswith((".svg", ".pdf"))}
        return (COPY_SKIP & set(names)) | drawn

    shutil.copytree(root, dest, ignore=ignore)
    return dest


def sources_digest(root: Path) -> str:
    """A digest of everything the book is built from: every source file (chapters, data, package,
    configuration, figures), the installed requirements, and the commit and date it is stamped with."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCES)
        for name in sorted(files):
            path = Path(folder) / name
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"{edition.commit(root)}|{edition.source_date_epoch(root)}".encode())
    return digest.hexdigest()


def _stamp(root: Path, what: str) -> Path:
    return root / "_build" / ".work" / f"{what}.sources"


def up_to_date(root: Path, what: str, output: Path, digest: str) -> bool:
    stamp = _stamp(root, what)
    return output.exists() and stamp.is_file() and stamp.read_text() == digest


def html_stage(root: Path, progress: Progress) -> bool:
    """Build the HTML unless nothing it is built from has changed; True if it was built."""
    if up_to_date(root, "html", html_dir(root) / "index.html", sources_digest(root)):
        progress.say("[HTML] sources unchanged since the last build; not rebuilt")
        return False
    build_html(root, progress)
    _stamp(root, "html").unlink(missing_ok=True)  # published with the PDF
    return True


def pdf_stage(root: Path, progress: Progress) -> bool:
    """Build the PDF unless nothing has changed, then publish HTML and PDF together."""
    after = sources_digest(root)  # the notebooks may have drawn the figures again
    if up_to_date(root, "pdf", pdf_path(root), after) and up_to_date(
        root, "html", html_dir(root) / "index.html", after
    ):
        progress.say("[PDF] sources unchanged since the last build; LaTeX not run")
        return False
    publish(root, build_pdf(root, progress), progress)
    for what in ("html", "pdf"):
        _stamp(root, what).write_text(after)
    return True


def build(root: Path) -> int:
    """Validate, build HTML and PDF in the working folder, and publish them only if all succeed."""
    start = time.monotonic()
    if report(validate(root / "data", root / "references.bib")):
        return 1
    progress = Progress(root)
    progress.say(f"[validate] data/ is valid ({time.monotonic() - start:.1f} s); {brief_notice(root)}")
    try:
        html_stage(root, progress)
        pdf_stage(root, progress)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        print("The last good book, if any, is left in place.", file=sys.stderr)
        return 1
    progress.say(f"[done] in {time.monotonic() - start:.1f} s")
    return 0
