"""The ``<meta>`` tags of a page: Highwire Press (Google Scholar, Zotero, Mendeley), PRISM and
Dublin Core.

What each tag says, and why:

- ``citation_title``: the chapter's title on a chapter, with ``citation_inbook_title`` the book's
  (Zotero then saves a book section of this book; Google Scholar reads the same pair); on the
  landing page, and on the site's search and index pages, the book's own title.
- ``citation_author``: one tag per author, a person as "Family, Given".
- ``citation_publication_date``: YYYY/MM/DD, the edition's date (the last commit's).
- ``citation_pdf_url``: the PDF edition, only with the book's address (Google Scholar asks for an
  absolute URL, and a relative one would be resolved against wherever the page was opened).
- ``citation_doi``: the edition's DOI once minted, on the pages that present the book as a whole
  (a chapter has no DOI of its own, and the book's would misidentify it).
- ``citation_publisher``: only where CITATION.cff names a publisher (none is named today).
- The version: Highwire has no tag for it (``citation_technical_report_number`` would make the
  book a report). Zotero's Embedded Metadata translator reads ``prism.edition`` into the item's
  Edition (and Version) field, so the version is given there, and in JSON-LD as ``version``.
- Dublin Core (``DC.*``, declared with ``<link rel="schema.DC">``): title, creators, date (ISO),
  language, type ``Text``, the licences' addresses as ``DC.rights``, the DOI as ``DC.identifier``.
"""

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
