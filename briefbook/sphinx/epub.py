"""The EPUB 3 edition: Sphinx's builder with the edition's metadata, no scripts, the edition's line on its
first page, only the files the pages use, and a zip in a fixed order, dated."""

from __future__ import annotations

import re
import uuid
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

from ..archive import deterministic_zip
from ..edition import EditionFacts
from ..languages import SOURCE, direction
from .bidi import isolate, right_to_left
from .project import project_of
from .util import para, text

EPUB_CSS = "briefbook-epub.css"
STYLESHEETS = ("_static/epub.css", "_static/pygments.css", "_static/briefbook.css", f"_static/{EPUB_CSS}")
METAINFO = {"mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", "nav.xhtml"}
LINK = re.compile(r"""(?:\b(?:href|src)="([^"]*)"|url\(\s*['"]?([^'")]+)['"]?\s*\))""")


def identifier(facts: EditionFacts, title: str) -> tuple[str, str]:
    """The EPUB's identifier and scheme: the DOI, else the address, else a UUID of title and version."""
    if facts.doi:
        return f"https://doi.org/{facts.doi}", "DOI"
    if facts.base_url():
        return facts.base_url(), "URL"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{title} {facts.version}')}", "UUID"


class EditionEpubBuilder(Epub3Builder):
    template_dir = str(Path(__file__).resolve().parents[1] / "templates" / "epub")

    def init(self) -> None:
        super().init()
        self.add_css_file(EPUB_CSS, priority=800)  # after the extensions' (briefbook.css)
        config, facts, language = self.config, self.config.briefbook_facts, self.config.language
        authors = (" and " if language == SOURCE else facts._(", ")).join(facts._(a.name) for a in facts.authors)
        config.epub_basename = project_of(self.env).stem(language)  # the name publishing looks for
        config.epub_author = config.epub_publisher = authors  # published by its contributors: no one else is named
        config.epub_copyright = facts._(config.copyright)
        config.epub_description = facts._(facts.abstract)
        config.epub_identifier, config.epub_scheme = identifier(facts, config.project)
        if language != SOURCE:  # the contents' title in the edition's language (the guide, the nav)
            self.guide_titles = {**self.guide_titles, "toc": facts._("Contents")}

    def update_page_context(self, pagename: str, templatename: str, context: dict, event_arg) -> None:
        """:data:`STYLESHEETS` only (an embedded page has no scripts, no canonical link)."""
        context["css_files"] = [css for css in context.get("css_files", []) if css.filename in STYLESHEETS]

    def get_outdated_docs(self) -> str:
        """Every page, every time: the HTML builder reads changes first on the shared environment."""
        return "all documents"

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """No script in a page (sphinx-thebe adds one); the edition's line under the first page's title."""
        for node in [raw for raw in doctree.findall(nodes.raw) if "<script" in raw.astext()]:
            node.parent.remove(node)
        if docname == self.config.root_doc and (section := doctree.next_node(nodes.section)) is not None:
            line = para(text(self.config.briefbook_facts.line()), classes=["edition-line"])
            if right_to_left(self.config):  # written after the page's Latin runs were isolated: its own (the commit)
                isolate(line)
            section.insert(section.index(section.next_node(nodes.title)) + 1, line)
        super().write_doc(docname, doctree)

    def build_content(self) -> None:
        """Only the book's pages and the files they link to, directly or through a stylesheet; the SVG pages noted."""
        outdir = Path(self.outdir).resolve()
        todo = [page for doc in self.env.found_docs if (page := outdir / f"{doc}{self.out_suffix}").is_file()]
        used, self.svg_pages = set(todo), set()
        while todo:
            page = todo.pop()
            markup = page.read_text(encoding="utf-8", errors="replace")
            if page.suffix == self.out_suffix and "<svg" in markup:
                self.svg_pages.add(quote(page.relative_to(outdir).as_posix()))
            for match in LINK.finditer(markup):
                parts = urlsplit(match.group(1) or match.group(2))
                target = (page.parent / unquote(parts.path)).resolve()
                outside = parts.scheme or parts.netloc or not target.is_relative_to(outdir)
                if not outside and target not in used and target.is_file():
                    used.add(target)
                    todo += [target] if target.suffix in (self.out_suffix, ".css") else []
        for path in sorted(outdir.rglob("*")):
            name = path.relative_to(outdir).as_posix()
            if path.is_file() and path not in used and name not in METAINFO and not name.startswith("."):
                path.unlink()
        super().build_content()

    def content_metadata(self) -> dict:
        facts, svg_pages = self.config.briefbook_facts, self.svg_pages
        said = {"date": facts.date.strftime("%Y-%m-%dT%H:%M:%SZ"), "licences": facts.licences, "svg_pages": svg_pages}
        return super().content_metadata() | said | {"page_progression_direction": direction(self.config.epub_language)}

    def navigation_doc_metadata(self, navlist: list) -> dict:
        return {**super().navigation_doc_metadata(navlist), "dir": direction(self.config.epub_language)}

    def toc_metadata(self, level: int, navpoints: list) -> dict:
        """The NCX's ``dtb:uid`` is the package's identifier (Sphinx gives its XML id)."""
        return {**super().toc_metadata(level, navpoints), "uid": escape(self.config.epub_identifier)}

    def build_epub(self) -> None:
        """The zip: ``mimetype`` first and stored, then the metainfo and manifest files, dated."""
        outdir, date = Path(self.outdir), self.config.briefbook_facts.date
        files = [(outdir / n, n) for n in ("mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files)]
        deterministic_zip(outdir / f"{self.config.epub_basename}.epub", files, date, ordered=True, stored={"mimetype"})
