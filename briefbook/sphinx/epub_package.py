"""Sphinx's EPUB 3 builder with the edition's ``content.opf`` and ``nav.xhtml`` templates, only the
files the pages use, every page written each build, and a zip in a fixed order, dated."""

from __future__ import annotations

import re
from contextlib import contextmanager
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from sphinx.builders.epub3 import Epub3Builder

from .. import i18n
from ..archive import deterministic_zip
from ..languages import direction
from .project import facts_of, project_of

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "epub"
METAINFO = {"mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", "nav.xhtml"}
LINK = re.compile(r"""(?:\b(?:href|src)="([^"]*)"|url\(\s*['"]?([^'")]+)['"]?\s*\))""")


class EditionEpubBuilder(Epub3Builder):
    def get_outdated_docs(self) -> str:
        """Every page, every time: the HTML builder reads changes first on the shared environment, so
        Sphinx's test of dates would leave the EPUB's copy stale."""
        return "all documents"

    def leave_out_unused(self) -> None:
        """Only the book's pages and the files they link to, directly or through a stylesheet."""
        outdir = Path(self.outdir).resolve()
        used = {page for doc in self.env.found_docs if (page := outdir / f"{doc}{self.out_suffix}").is_file()}
        todo = list(used)
        while todo:
            page = todo.pop()
            for match in LINK.finditer(page.read_text(encoding="utf-8", errors="replace")):
                parts = urlsplit(match.group(1) or match.group(2))
                target = (page.parent / unquote(parts.path)).resolve()
                if parts.scheme or parts.netloc or not parts.path or target in used:
                    continue
                if not target.is_file() or not target.is_relative_to(outdir):
                    continue
                used.add(target)
                todo += [target] if target.suffix in (self.out_suffix, ".css") else []
        for path in sorted(outdir.rglob("*")):
            name = path.relative_to(outdir).as_posix()
            if path.is_file() and path not in used and name not in METAINFO and not name.startswith("."):
                path.unlink()

    def content_metadata(self) -> dict:
        metadata = super().content_metadata()
        facts = facts_of(self)
        metadata["date"] = facts.date.strftime("%Y-%m-%dT%H:%M:%SZ")
        metadata["licences"] = facts.licences
        metadata["page_progression_direction"] = direction(self.config.epub_language)
        outdir = Path(self.outdir)
        metadata["svg_pages"] = {
            quote(page.relative_to(outdir).as_posix())
            for page in outdir.rglob(f"*{self.out_suffix}")
            if "<svg" in page.read_text(encoding="utf-8")
        }
        return metadata

    def prepare_writing(self, docnames: set[str]) -> None:
        """Each page says its language, as the site's pages do."""
        super().prepare_writing(docnames)
        lang = escape(self.config.epub_language)
        self.globalcontext["html_tag"] = self.html_tag.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)

    def init(self) -> None:
        super().init()
        language = project_of(self.env).language
        if language != i18n.SOURCE:  # the contents' title in the edition's language (the guide, the nav)
            self.guide_titles = {
                **self.guide_titles,
                "toc": i18n.gettext("Contents", language, project_of(self.env).root),
            }

    def navigation_doc_metadata(self, navlist: list) -> dict:
        rtl = direction(self.config.epub_language) == "rtl"
        return {**super().navigation_doc_metadata(navlist), "dir": "rtl" if rtl else ""}

    @contextmanager
    def own_templates(self):
        sphinx_templates, self.template_dir = self.template_dir, str(TEMPLATES)
        try:
            yield
        finally:
            self.template_dir = sphinx_templates

    def build_navigation_doc(self) -> None:
        with self.own_templates():
            super().build_navigation_doc()

    def toc_metadata(self, level: int, navpoints: list) -> dict:
        """The NCX's ``dtb:uid`` is the package's identifier (Sphinx gives its XML id)."""
        return {**super().toc_metadata(level, navpoints), "uid": escape(self.config.epub_identifier)}

    def build_content(self) -> None:
        self.leave_out_unused()
        with self.own_templates():
            super().build_content()

    def build_epub(self) -> None:
        """The zip: ``mimetype`` first and stored, then the metainfo and manifest files, dated."""
        outdir = Path(self.outdir)
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        deterministic_zip(outdir / f"{self.config.epub_basename}.epub", [(outdir / name, name) for name in names],
                          facts_of(self).date, ordered=True, stored=frozenset({"mimetype"}))  # fmt: skip
