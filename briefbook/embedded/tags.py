"""A page's ``<meta>`` tags: Highwire Press, PRISM (``prism.edition``) and Dublin Core; the DOI names
the book only."""

from __future__ import annotations

from html import escape

from . import Edition, Page

DC = "http://purl.org/dc/elements/1.1/"
PRISM = "http://prismstandard.org/namespaces/basic/2.0/"


def highwire(ed: Edition, page: Page) -> list[tuple[str, str]]:
    tags = [("citation_title", page.work_title(ed))]
    if page.is_chapter:
        tags.append(("citation_inbook_title", ed.title))
    tags += [("citation_author", author.inverted) for author in ed.authors]
    tags.append(("citation_publication_date", f"{ed.date:%Y/%m/%d}"))
    tags.append(("citation_language", ed.language))
    if ed.publisher:
        tags.append(("citation_publisher", ed.publisher))
    if ed.doi and not page.is_chapter:
        tags.append(("citation_doi", ed.doi))
    if pdf := ed.absolute(ed.pdf):
        tags.append(("citation_pdf_url", pdf))
    tags.append(("prism.edition", ed.version))
    return tags


def dublin_core(ed: Edition, page: Page) -> list[tuple[str, str]]:
    tags = [("DC.title", page.work_title(ed))]
    tags += [("DC.creator", author.inverted) for author in ed.authors]
    tags += [("DC.date", ed.date.isoformat()), ("DC.language", ed.language), ("DC.type", "Text")]
    if ed.publisher:
        tags.append(("DC.publisher", ed.publisher))
    if ed.doi and not page.is_chapter:
        tags.append(("DC.identifier", f"https://doi.org/{ed.doi}"))
    tags += [("DC.rights", url) for url in ed.licence_urls]
    return tags


def meta_tags(ed: Edition, page: Page) -> str:
    """The tags as HTML, every value escaped for its attribute."""
    links = [f'<link rel="schema.DC" href="{DC}" />', f'<link rel="schema.prism" href="{PRISM}" />']
    metas = [
        f'<meta name="{escape(name)}" content="{escape(value)}" />'
        for name, value in highwire(ed, page) + dublin_core(ed, page)
    ]
    return "\n".join(links + metas) + "\n"
