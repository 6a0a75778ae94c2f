"""The citation files from one CSL-JSON item: BibTeX (bibtexparser), RIS (rispy), CSL-JSON; a part's
title kept as written (CSL's ``nocase``, BibTeX's braces)."""

from __future__ import annotations

import json
import re

# TeX's special characters, written as the characters themselves (one pass: no escape escaped again).
TEX_SPECIAL = {
    "\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
}  # fmt: skip
TEX_CHARACTER = re.compile("|".join(map(re.escape, TEX_SPECIAL)))
LANGIDS = {"ar": "arabic"}  # biblatex's name of an item's language


def _tex(value: str) -> str:
    return TEX_CHARACTER.sub(lambda m: TEX_SPECIAL[m.group()], value)


def _ymd(item: dict, default=None) -> list:
    return (item["issued"]["date-parts"][0] + [default, default])[:3]


def csl_json(item: dict) -> str:
    kept = {"title": f'<span class="nocase">{item["title"]}</span>'} if item["type"] == "chapter" else {}
    return json.dumps([item | kept], indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def bibtex(item: dict) -> str:
    import bibtexparser
    from bibtexparser.model import Entry, Field
    from bibtexparser.writer import BibtexFormat

    year, month, day = _ymd(item)
    names = " and ".join("{" + _tex(n["literal"]) + "}" if "literal" in n else
                         ", ".join(_tex(n[k]) for k in ("family", "given") if n.get(k)) for n in item["author"])  # fmt: skip
    title = _tex(item["title"])
    fields = [
        ("author", names), ("title", "{" + title + "}" if item["type"] == "chapter" else title),
        ("booktitle", _tex(item.get("container-title", ""))), ("year", str(year)),
        ("date", f"{year:04d}-{month:02d}-{day:02d}" if day else ""), ("edition", _tex(item.get("edition", ""))),
        ("version", _tex(item.get("version", ""))), ("langid", LANGIDS.get(item.get("language", ""), "")),
        ("doi", item.get("DOI", "")), ("url", item.get("URL", "")), ("note", _tex(item.get("note", ""))),
    ]  # fmt: skip
    library = bibtexparser.Library()
    kind = {"book": "book", "chapter": "incollection"}[item["type"]]
    library.add(Entry(kind, item["id"], [Field(k, v) for k, v in fields if v]))
    layout = BibtexFormat()
    layout.indent = "  "
    return bibtexparser.write_string(library, bibtex_format=layout)


def ris(item: dict) -> str:
    import rispy

    class Writer(rispy.RisWriter):
        def set_header(self, count):
            return ""  # no reference number before the record: "TY" opens it

    year, month, day = _ymd(item, 1)
    record = {
        "type_of_reference": {"book": "BOOK", "chapter": "CHAP"}[item["type"]], "id": item["id"],
        "title": item["title"], "year": str(year), "date": f"{year:04d}/{month:02d}/{day:02d}",
        "authors": [n.get("literal") or ", ".join(n[k] for k in ("family", "given") if n.get(k)) for n in item["author"]],
        # RIS has no version: the edition's name (a translated edition's) and the version, in ET
        "edition": ("، " if item.get("language") == "ar" else ", ").join(
            v for v in (item.get("edition", ""), item.get("version", "")) if v),
        "language": item.get("language", ""), "secondary_title": item.get("container-title", ""),
        "doi": item.get("DOI", ""), "urls": [item["URL"]] if "URL" in item else [],
        "notes": [item["note"]] if "note" in item else [],
    }  # fmt: skip
    return rispy.dumps([{k: v for k, v in record.items() if v}], implementation=Writer)


FORMATS = {"bib": ("BibTeX", bibtex), "ris": ("RIS", ris), "json": ("CSL-JSON", csl_json)}
