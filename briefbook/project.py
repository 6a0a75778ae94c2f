"""The project's layout: where its files live (data, descriptor, bibliography, build folders,
download names), and the data package (:class:`briefbook.package.Package`), read once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .i18n import SOURCE
from .paths import brief_file, project_root

TABLES = ("actors", "events", "quotations", "translations", "claims")
# Every resource of the package: the tables, and the translations of their words into each
# language of the book but English (briefbook.i18n.data).
TRANSLATION_TABLES = {"ar": "arabic"}
RESOURCES = (*TABLES, *TRANSLATION_TABLES.values())
PDF_STEM = "muqawama-de-escalation-study-edition"
DOWNLOADS = "downloads"


@dataclass(frozen=True)
class Project:
    """The layout of a checkout (or of a scratch copy of one), as one edition sees it: ``language``
    names the edition (its address, :attr:`base_url`); the layout is the same for all."""

    root: Path
    language: str = SOURCE

    @classmethod
    def find(cls, start: Path | str | None = None) -> Project:
        return cls(project_root(start))

    data_dir = property(lambda self: self.root / "data")
    descriptor = property(lambda self: self.data_dir / "datapackage.json")
    bibliography = property(lambda self: self.root / "references.bib")
    anchors_file = property(lambda self: self.root / "published-anchors.txt")
    citation_file = property(lambda self: self.root / "CITATION.cff")
    zenodo_file = property(lambda self: self.root / ".zenodo.json")
    version_file = property(lambda self: self.root / "VERSION")
    changelog = property(lambda self: self.root / "CHANGELOG.md")
    config_file = property(lambda self: self.root / "_config.yml")
    toc_file = property(lambda self: self.root / "_toc.yml")
    dist_dir = property(lambda self: self.root / "dist")

    def table_file(self, table: str) -> Path:
        return self.data_dir / f"{table}.csv"

    def data_files(self) -> list[Path]:
        """What the data package download holds: the tables, their schema and the bibliography."""
        return [*sorted(self.data_dir.glob("*.csv")), self.descriptor, self.bibliography]

    preview_dir = property(lambda self: self.build_dir / "preview")
    build_dir = property(lambda self: self.root / "_build")

    @property
    def work_dir(self) -> Path:
        """Where builds run: Sphinx's environment, the execution cache, the LaTeX files."""
        return self.build_dir / ".work"

    logs_dir = property(lambda self: self.build_dir / "logs")
    lock_file = property(lambda self: self.build_dir / ".lock")
    html_dir = property(lambda self: self.build_dir / "html")

    @property
    def version(self) -> str:
        return self.version_file.read_text(encoding="utf-8").strip()

    def stem(self, language: str = SOURCE) -> str:
        """The name of one language's files: ``<book>-<version>``, ``<book>-ar-<version>``."""
        return f"{PDF_STEM}-{self.version}" if language == SOURCE else f"{PDF_STEM}-{language}-{self.version}"

    pdf_path = property(lambda self: self.pdf_file())
    epub_path = property(lambda self: self.epub_file())

    def pdf_file(self, language: str = SOURCE) -> Path:
        return self.build_dir / "pdf" / f"{self.stem(language)}.pdf"

    def epub_file(self, language: str = SOURCE) -> Path:
        return self.build_dir / "epub" / f"{self.stem(language)}.epub"

    @staticmethod
    def site_prefix(language: str = SOURCE) -> str:
        """Where a language's pages lie in the site: the English at its root, the others in a
        folder named by the language (``ar/``)."""
        return "" if language == SOURCE else f"{language}/"

    def site_dir(self, language: str = SOURCE) -> Path:
        """One language's pages in the published site: ``_build/html``, ``_build/html/ar``."""
        return self.html_dir / self.site_prefix(language)

    def download_names(self, language: str = SOURCE) -> dict[str, str]:
        """File names, under the downloads/ folder of one language's pages, of the PDF, the EPUB
        and the zipped data package."""
        stem = self.stem(language)
        return {
            "pdf": f"{DOWNLOADS}/{stem}.pdf",
            "epub": f"{DOWNLOADS}/{stem}.epub",
            "data": f"{DOWNLOADS}/{stem}-data.zip",
        }

    def brief(self) -> Path | None:
        """The brief's text, which is not part of the repository (:func:`briefbook.paths.brief_file`)."""
        return brief_file(self.root)

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the working folder where it lies below it."""
        rel = os.path.relpath(path)
        return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()

    # The build's folders (briefbook.build): Sphinx's outputs, environment and execution cache in
    # the working folder; each published book in a folder of its own under editions_dir.

    def sphinx_output(self, builder: str, language: str = SOURCE) -> Path:
        """Where a Sphinx builder ("html", "epub", "latex") writes one language's book, in the working folder."""
        return self.work_dir / (builder if language == SOURCE else f"{builder}-{language}")

    @property
    def doctree_dir(self) -> Path:
        """Sphinx's environment and doctrees of the English book, shared by its HTML, EPUB and LaTeX builders."""
        return self.doctrees(SOURCE)

    def doctrees(self, language: str = SOURCE) -> Path:
        """One language's environment and doctrees (each language is a reading of its own)."""
        return self.work_dir / (".doctrees" if language == SOURCE else f".doctrees-{language}")

    @property
    def locale_dir(self) -> Path:
        """The translations' gettext catalogs, ``locales/<language>/LC_MESSAGES/``."""
        return self.root / "locales"

    @property
    def editions_dir(self) -> Path:
        """The published books, one folder each; html_dir, the PDF and the EPUB are links through its ``current``."""
        return self.build_dir / "book"
