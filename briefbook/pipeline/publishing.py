"""The sources as one digest (the build's one change check), and publishing: every format of both
editions switched at once, by renaming one link, or not at all."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from .. import edition
from ..archive import deterministic_zip
from ..languages import LANGUAGES
from ..project import Project

# What is not a source of the book: environments, output, history, caches, tests and tools.
NOT_SOURCES = {".git", ".venv", ".venv-cff", "_build", "dist", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
NOT_BOOK = {".github", "bench", "tests"}
CURRENT, DIGEST = "current", "sources.sha256"


def drawn(name: str, folder: Path) -> bool:
    """A chart an older build drew into figures/, or a catalog Sphinx compiled: made, never a source."""
    return (folder.name == "figures" and name.endswith((".svg", ".pdf", ".tmp"))) or name.endswith(".mo")


def copy_sources(root: Path, dest: Path) -> Path:
    """A scratch copy of the sources."""
    shutil.copytree(
        root, dest, ignore=lambda d, names: (NOT_SOURCES & set(names)) | {n for n in names if drawn(n, Path(d))}
    )
    return dest


def read_sources(root: Path) -> tuple[str, dict]:
    """The sources' digest (with the commit and date the edition is stamped with), and each file's
    size, time and content digest: an edit undone during the build still counts as a change."""
    digest, files = hashlib.sha256(), {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCES | NOT_BOOK)
        for name in sorted(n for n in names if not drawn(n, Path(folder))):
            path = Path(folder, name)
            content, stat = hashlib.sha256(path.read_bytes()).digest(), path.stat()
            files[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns, content)
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + content)
    digest.update(f"{edition.commit(root)}|{edition.source_date_epoch(root)}".encode())
    return digest.hexdigest(), files


def changed(before: tuple[str, dict], root: Path) -> list[str]:
    """What differs from the reading ``before``: files by path, or the edition's commit or date."""
    after = read_sources(root)
    names = sorted(n for n in before[1].keys() | after[1].keys() if before[1].get(n) != after[1].get(n))
    return names or (["the commit or date the edition is stamped with"] if after[0] != before[0] else [])


def published_digest(project: Project) -> str | None:
    """The digest of the sources of the published book, if all of it is there."""
    whole = all(
        p.is_file()
        for lang in LANGUAGES
        for p in (project.site_dir(lang) / "index.html", project.pdf_file(lang), project.epub_file(lang))
    )
    try:
        return (project.editions_dir / CURRENT / DIGEST).read_text(encoding="utf-8").strip() if whole else None
    except OSError:
        return None


def data_package_files(project: Project, folder: str) -> list[tuple[Path, str]]:
    """The data package download: the tables, their schema and the bibliography, under ``folder/``."""
    return [(path, f"{folder}/{path.name}") for path in project.data_files()]


def publish(project: Project, digest: str) -> Path:
    """Write the new book beside the published one under ``_build/book/``, then point ``current``
    at it; ``_build/html``, ``pdf`` and ``epub`` are links through ``current``. A failure before
    the switch removes the new folder and leaves the last book whole."""
    editions = project.editions_dir
    editions.mkdir(parents=True, exist_ok=True)
    book = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=editions))
    try:
        book.chmod(0o755)
        for lang in LANGUAGES:
            site = book / "html" / project.site_prefix(lang)
            shutil.copytree(project.sphinx_output("html", lang), site)
            names = project.download_names(lang)
            (site / names["pdf"]).parent.mkdir(parents=True, exist_ok=True)
            made = {"pdf": project.sphinx_output("latex", lang) / "book.pdf",
                    "epub": project.sphinx_output("epub", lang) / f"{project.stem(lang)}.epub"}  # fmt: skip
            for kind, published in (("pdf", project.pdf_file(lang)), ("epub", project.epub_file(lang))):
                (book / kind).mkdir(exist_ok=True)
                shutil.copyfile(made[kind], book / kind / published.name)
                shutil.copyfile(made[kind], site / names[kind])
            stem = Path(names["data"]).stem
            deterministic_zip(
                site / names["data"], data_package_files(project, stem), edition.edition_date(project.root)
            )
        (book / DIGEST).write_text(digest + "\n", encoding="utf-8")
        for path in (project.html_dir, project.pdf_file().parent, project.epub_file().parent):
            if not path.is_symlink():
                path.symlink_to(os.path.relpath(editions / CURRENT / path.name, path.parent))
        switch(editions, book.name)
    except BaseException:
        shutil.rmtree(book, ignore_errors=True)
        raise
    for old in editions.iterdir():  # earlier books, and any a killed build left
        if old.name != book.name and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
    return book


def switch(editions: Path, name: str) -> None:
    """Point ``current`` at the book ``name`` by one rename: readers see the old book or the new."""
    link = editions / f".{CURRENT}-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(name)
    os.replace(link, editions / CURRENT)
