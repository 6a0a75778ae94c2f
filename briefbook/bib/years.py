"""The years of the list and of the citations, with the letters that tell apart works by the same author in the same year (2021a, 2021b)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pybtex.style.template import Node, field, first_of, join, node, optional
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from .text import PLAIN_TEXT


def year_suffixes(listed: Iterable) -> dict[str, str]:
    """The letter that each entry's year takes in a list of entries, given in the list's order:
    "a", "b", ... for the works that share the cited author (:func:`cited_author`) and the year
    (or both lack one), in that order; "" for a work that shares them with no other."""
    works = defaultdict(list)
    for entry in listed:
        works[cited_author(entry), entry.fields.get("year", "")].append(entry.key)
    return {key: _letter(n) if len(keys) > 1 else "" for keys in works.values() for n, key in enumerate(keys)}


def _letter(n: int) -> str:
    """a, b, ..., z, then aa, ab, ..."""
    return _letter(n // 26 - 1) + chr(ord("a") + n % 26) if n >= 26 else chr(ord("a") + n)


def cited_author(entry) -> str:
    """The author as the citation in the text names it ("Knights and Smith", "Reuters"; the title
    when there is neither author nor editor), rendered by the book's :class:`ReferenceStyle`."""
    from .citations import CITING  # the citing style is built on these years: import it when used

    template = CITING.person.author_or_editor_or_title(full=False)
    return template.format_data({"entry": entry, "style": CITING}).render(PLAIN_TEXT)


def year_template(suffix: str) -> Node:
    """The year with its letter ("2021a"), or "n.d." ("n.d.-a") when the entry has no year."""
    return first_of[optional[join[field("year"), suffix]], join(sep="-")["n.d.", suffix]]


@node
def listed_year(children, context):
    """The year of an entry in the list being formatted, with the letter that
    :meth:`Style.label_entries` found for it in that list."""
    if children:
        raise ValueError(children)
    suffix = context["style"].year_suffixes.get(context["entry"].key, "")
    return year_template(suffix).format_data(context)


@node
def cited_year(children, data):
    """The year of a cited entry, with the letter it has in the bibliography the citation points to."""
    if children:
        raise ValueError(children)
    info = data["reference_info"]
    listed = listed_entries(info) if isinstance(info, SphinxReferenceInfo) else []
    suffix = _listed_suffixes(listed).get(data["entry"].key, "")
    return year_template(suffix).format_data(data)


_SUFFIXES: list[tuple[list, dict[str, str]]] = []  # (a list of entries, its letters), the last few lists


def _listed_suffixes(listed: list) -> dict[str, str]:
    """:func:`year_suffixes` of a bibliography, worked out once for all the citations that point to
    it (every citation of a page points to the same list; the entries are kept, so that their ids
    name them)."""
    for entries, suffixes in _SUFFIXES:
        if len(entries) == len(listed) and all(a is b for a, b in zip(entries, listed, strict=True)):
            return suffixes
    suffixes = year_suffixes(listed)
    _SUFFIXES[:] = [(list(listed), suffixes), *_SUFFIXES[:3]]
    return suffixes


def listed_entries(info: SphinxReferenceInfo) -> list:
    """The entries, in order, of the bibliography (the ``bibliography`` directive) that holds the cited
    entry: sphinxcontrib-bibtex's domain keeps one citation per listed entry, in the list's order."""
    citations = info.builder.env.get_domain("cite").citations
    where = next(
        (
            citation.bibliography_key
            for citation in citations
            if citation.citation_id == info.citation_id and citation.bibliography_key.docname == info.todocname
        ),
        None,
    )
    return [citation.entry for citation in citations if where is not None and citation.bibliography_key == where]
