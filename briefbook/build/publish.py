"""Publishing: the new HTML, PDF, EPUB and downloads switch together, or not at all.

Each published book is a folder of its own under ``_build/book/``: ``html/`` (the English pages,
with the PDF, the EPUB and the zipped data package under ``downloads/``; the Arabic edition's
pages the same way under ``html/ar/``), ``pdf/<book>-<version>.pdf`` and
``pdf/<book>-ar-<version>.pdf``, the EPUBs likewise under ``epub/``, and the digest of the
sources it was built from.
``_build/book/current`` is a symbolic link to one of them, and the published paths are links
through it: ``_build/html`` to ``book/current/html``, ``_build/pdf`` to ``book/current/pdf`` and
``_build/epub`` to ``book/current/epub``. A new book is written whole beside the current one, then
``current`` is replaced by one rename: HTML, PDF, EPUB and downloads switch at once. A failure at
any point before that rename removes the new folder and leaves the previous book, all of it, in place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from .. import edition
from ..archive import deterministic_zip
from ..i18n import LANGUAGES
from ..project import Project

CURRENT = "current"
DIGEST = "sources.sha256"


def published_digest(project: Project) -> str | None:
    """The digest of the sources the published book was built from, if it is all there."""
    try:
        digest = (project.editions_dir / CURRENT / DIGEST).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    complete = all(
        path.is_file()
        for language in LANGUAGES
        for path in (project.site_dir(language) / "index.html", project.pdf_file(language), project.epub_file(language))
    )
    return digest if complete else None


def publish(project: Project, html: dict, pdf: dict, epub: dict, digest: str) -> Path:
    """Publish the HTML folders, the PDFs and the EPUBs built in the working folder, each a
    mapping of language to path; returns the new book's folder."""
    editions = project.editions_dir
    editions.mkdir(parents=True, exist_ok=True)
    book = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=editions))
    try:
        book.chmod(0o755)
        write_book(project, book, html, pdf, epub, digest)
        link_published(project)
        switch(editions, book.name)
    except BaseException:
        shutil.rmtree(book, ignore_errors=True)
        raise
    for old in editions.iterdir():  # earlier books, and any left by a build that was killed
        if old.name != book.name and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
    return book


def write_book(project: Project, book: Path, html: dict, pdf: dict, epub: dict, digest: str) -> None:
    """The whole new book in its own folder: each language's site, PDF, EPUB and downloads, the
    sources' digest."""
    for language in LANGUAGES:
        site = book / "html" / project.site_prefix(language)
        shutil.copytree(html[language], site)
        names = project.download_names(language)
        (site / names["pdf"]).parent.mkdir(parents=True, exist_ok=True)
        for made, published, download in (
            (pdf[language], project.pdf_file(language), names["pdf"]),
            (epub[language], project.epub_file(language), names["epub"]),
        ):
            (book / published.parent.name).mkdir(exist_ok=True)
            shutil.copyfile(made, book / published.parent.name / published.name)
            shutil.copyfile(made, site / download)
        stem = Path(names["data"]).stem
        deterministic_zip(site / names["data"], data_package_files(project, stem), edition.edition_date(project.root))
    (book / DIGEST).write_text(digest + "\n", encoding="utf-8")


def link_published(project: Project) -> None:
    """``_build/html``, ``_build/pdf`` and ``_build/epub`` as links through ``book/current``. A book
    that an older build published in those folders becomes the current book under ``book/`` first;
    if that fails half-way, it is moved back."""
    editions, published = project.editions_dir, (project.html_dir, project.pdf_path.parent, project.epub_path.parent)
    older = [path for path in published if path.exists() and not path.is_symlink()]
    if older:
        folder = Path(tempfile.mkdtemp(prefix="older-", dir=editions))
        moved = []
        try:
            for path in older:
                path.rename(folder / path.name)
                moved.append(path)
            if not (editions / CURRENT).is_symlink():
                switch(editions, folder.name)
            _links(editions, published)
        except BaseException:
            for path in moved:
                if path.is_symlink():
                    path.unlink()
                (folder / path.name).rename(path)
            shutil.rmtree(folder, ignore_errors=True)
            raise
    _links(editions, published)


def _links(editions: Path, published: tuple[Path, ...]) -> None:
    for path in published:
        if not path.is_symlink():
            path.symlink_to(os.path.relpath(editions / CURRENT / path.name, path.parent))


def switch(editions: Path, name: str) -> None:
    """Point ``current`` at the book ``name``: one rename, so readers see the old book or the new."""
    link = editions / f".{CURRENT}-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(name)
    os.replace(link, editions / CURRENT)


def data_package_files(project: Project, folder: str) -> list[tuple[Path, str]]:
    """The data package download: the tables, their schema and the bibliography, under ``folder/``."""
    return [(path, f"{folder}/{path.name}") for path in project.data_files()]
