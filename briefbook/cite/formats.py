"""The citation files, written from the CSL-JSON items by libraries: BibTeX by bibtexparser, RIS by
rispy, CSL-JSON as JSON. Each function returns the file's text; the same items give the same bytes.
"""

from __future__ import annotations

import json
import re

from .items import plain_title, title_pieces

# BibTeX for LaTeX: these characters are commands, comments or spaces there, and are written as
# the characters themselves in text fields (one pass, so that no escape is escaped again).
TEX_SPECIAL = {
    "\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
}  # fmt: skip
TEX_CHARACTER = re.compile("|".join(map(re.escape, TEX_SPECIAL)))
BIBTEX_TYPES = {"book": "book", "chapter": "incollection"}
RIS_TYPES = {"book": "BOOK", "chapter": "CHAP"}
LANGIDS = {"ar": "arabic"}  # biblatex's name of an item's language (CSL-JSON's ``language``)


def csl_json(items: list[dict]) -> str:
    return json.dumps(items, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _tex(value: str) -> str:
    return TEX_CHARACTER.sub(lambda m: TEX_SPECIAL[m.group()], value)


def _names(item: dict) -> str:
    """Authors for BibTeX: an organisation or a collective (``literal``) braced whole."""
    names = []
    for name in item.get("author", []):
        if "literal" in name:
            names.append("{" + _tex(name["literal"]) + "}")
        else:
            names.append(", ".join(_tex(name[k]) for k in ("family", "given") if name.get(k)))
    return " and ".join(names)


def _date(item: dict) -> list[int]:
    return item["issued"]["date-parts"][0]


def bibtex(items: list[dict]) -> str:
    import bibtexparser
    from bibtexparser.model import Entry, Field
    from bibtexparser.writer import BibtexFormat

    library = bibtexparser.Library()
    for item in items:
        year, month, day = (_date(item) + [None, None])[:3]
        fields = [
            ("author", _names(item)),
            # the words a style must not re-case (CSL's nocase) are braced, BibTeX's way of saying so
            ("title", "".join("{" + _tex(t) + "}" if kept else _tex(t) for t, kept in title_pieces(item["title"]))),
            ("booktitle", _tex(item.get("container-title", ""))),
            ("year", str(year)),
            ("date", f"{year:04d}-{month:02d}-{day:02d}" if day else ""),
            ("edition", _tex(item.get("edition", ""))),
            ("version", _tex(item.get("version", ""))),
            ("langid", LANGIDS.get(item.get("language", ""), "")),
            ("doi", item.get("DOI", "")),
            ("url", item.get("URL", "")),
            ("note", _tex(item.get("note", ""))),
        ]
        library.add(Entry(BIBTEX_TYPES[item["type"]], item["id"], [Field(k, v) for k, v in fields if v]))
    layout = BibtexFormat()
    layout.indent = "  "
    return bibtexparser.write_string(library, bibtex_format=layout)


def ris(items: list[dict]) -> str:
    import rispy

    class Writer(rispy.RisWriter):
        def set_header(self, count):
            return ""  # no reference number before each record: "TY" opens it

    records = []
    for item in items:
        year, month, day = (_date(item) + [1, 1])[:3]
        record = {
            "type_of_reference": RIS_TYPES[item["type"]],
            "id": item["id"],
            "title": plain_title(item["title"]),
            "authors": [
                n.get("literal") or ", ".join(n[k] for k in ("family", "given") if n.get(k)) for n in item["author"]
            ],
            "year": str(year),
            "date": f"{year:04d}/{month:02d}/{day:02d}",
            # RIS has no version: the edition's name (a translated edition) and the version, in ET
            "edition": ("، " if item.get("language") == "ar" else ", ").join(
                v for v in (item.get("edition", ""), item.get("version", "")) if v
            ),
            "language": item.get("language", ""),
        }
        if "container-title" in item:
            record["secondary_title"] = item["container-title"]
        if "DOI" in item:
            record["doi"] = item["DOI"]
        if "URL" in item:
            record["urls"] = [item["URL"]]
        if "note" in item:
            record["notes"] = [item["note"]]
        records.append({k: v for k, v in record.items() if v})
    return rispy.dumps(records, implementation=Writer)
