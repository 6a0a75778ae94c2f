"""A page's ``<meta>`` tags: Highwire Press, PRISM (``prism.edition``) and Dublin Core; the DOI names
the book only."""

from __future__ import annotations

from html import escape

from ..edition import EditionFacts
from . import Page, absolute, download, licence_url

DC = "http://purl.org/dc/elements/1.1/"
PRISM = "http://prismstandard.org/namespaces/basic/2.0/"


def highwire(ed: EditionFacts, page: Page) -> list[tuple[str, str]]:
    book, pdf = page.kind != "chapter", absolute(ed, download(ed, "pdf"))
    return [("citation_title", page.work_title(ed)), *([] if book else [("citation_inbook_title", ed._(ed.title))]),
            *(("citation_author", author.inverted) for author in ed.authors),
            ("citation_publication_date", f"{ed.date:%Y/%m/%d}"), ("citation_language", ed.language),
            *([("citation_publisher", ed.publisher)] if ed.publisher else []),
            *([("citation_doi", ed.doi)] if ed.doi and book else []),
            *([("citation_pdf_url", pdf)] if pdf else []), ("prism.edition", ed.version)]  # fmt: skip


def dublin_core(ed: EditionFacts, page: Page) -> list[tuple[str, str]]:
    return [("DC.title", page.work_title(ed)), *(("DC.creator", author.inverted) for author in ed.authors),
            ("DC.date", ed.date.date().isoformat()), ("DC.language", ed.language), ("DC.type", "Text"),
            *([("DC.publisher", ed.publisher)] if ed.publisher else []),
            *([("DC.identifier", f"https://doi.org/{ed.doi}")] if ed.doi and page.kind != "chapter" else []),
            *(("DC.rights", licence_url(n)) for n in ed.licences)]  # fmt: skip


def meta_tags(ed: EditionFacts, page: Page) -> str:
    """The tags as HTML, every value escaped for its attribute."""
    links = [f'<link rel="schema.DC" href="{DC}" />', f'<link rel="schema.prism" href="{PRISM}" />']
    metas = [
        f'<meta name="{escape(n)}" content="{escape(v)}" />' for n, v in highwire(ed, page) + dublin_core(ed, page)
    ]
    return "\n".join(links + metas) + "\n"
