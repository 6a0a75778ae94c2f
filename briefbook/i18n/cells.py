"""What of the data package is translated, each piece named as ``data/arabic.csv`` names it,
``(table, id, field)``:

- the cells of the fields marked ``"x-translate": true`` in ``data/datapackage.json``
  (``("events", "ev-2021-07-06-erbil-drone", "description")``);
- the label and definition of each code of a coding scheme (``x-codes``):
  ``("codes", "quotations.signal.mixed", "label")``;
- the title and description of each resource and field: ``("schema", "events", "description")``,
  ``("schema", "events.place", "description")``. The book shows descriptions (the schema
  tables), not titles: a title may be translated, but none is required.

Validation (:mod:`.checks`), the coverage report and :func:`briefbook.i18n.data.localise` all
ask this module what there is to translate and what its English is now.
"""

from __future__ import annotations

import pandas as pd

from ..project import TABLES

CODES, SCHEMA = "codes", "schema"
CODE_FIELDS = ("label", "definition")
SCHEMA_FIELDS = ("title", "description")
SHOWN_SCHEMA_FIELDS = ("description",)
# Fields that hold what a publication printed (the statements, the brief's glosses and passages):
# their cell stays as printed, and the translation goes beside it, in <field>_translation.
QUOTED = {("quotations", "text"), ("quotations", "editorial_note"), ("claims", "brief_text")}

Key = tuple[str, str, str]


def resources(descriptor: dict) -> list[dict]:
    return [r for r in descriptor.get("resources", []) if isinstance(r.get("schema"), dict)]


def translatable(descriptor: dict) -> dict[str, list[str]]:
    """The fields marked ``x-translate`` of each table, in the schema's order."""
    return {
        r["name"]: [f["name"] for f in r["schema"]["fields"] if f.get("x-translate") is True]
        for r in resources(descriptor)
        if r["name"] in TABLES
    }


def descriptor_texts(descriptor: dict) -> dict[Key, str]:
    """Every translatable string of the descriptor ("" where a title or description is absent)."""
    out: dict[Key, str] = {}
    for r in resources(descriptor):
        for attr in SCHEMA_FIELDS:
            out[(SCHEMA, r["name"], attr)] = str(r.get(attr) or "")
        for f in r["schema"].get("fields", []):
            where = f"{r['name']}.{f['name']}"
            for attr in SCHEMA_FIELDS:
                out[(SCHEMA, where, attr)] = str(f.get(attr) or "")
            for code in f.get("x-codes", []):
                for attr in CODE_FIELDS:
                    out[(CODES, f"{where}.{code['value']}", attr)] = str(code.get(attr) or "")
    return out


def cell_texts(descriptor: dict, frames: dict[str, pd.DataFrame]) -> dict[Key, str]:
    """The English of every translatable cell ("" where the cell is empty), by (table, id, field)."""
    out: dict[Key, str] = {}
    for table, fields in translatable(descriptor).items():
        frame = frames.get(table)
        if frame is None or "id" not in frame:
            continue
        ids = frame["id"].astype(str).tolist()
        for name in fields:
            if name in frame:
                for row_id, cell in zip(ids, frame[name].fillna("").astype(str).tolist(), strict=True):
                    out.setdefault((table, row_id, name), cell)
    return out


def targets(descriptor: dict, frames: dict[str, pd.DataFrame]) -> dict[Key, str]:
    """Everything a row of the translation table may translate, with its English now."""
    return {**cell_texts(descriptor, frames), **descriptor_texts(descriptor)}


def required(descriptor: dict, frames: dict[str, pd.DataFrame], language: str) -> dict[Key, str]:
    """What the edition in ``language`` needs translated: every non-empty translatable cell, code
    label and definition, and description; not a title (the book shows none), nor the text of a
    statement whose original in ``language`` is sourced (it is shown instead of a translation)."""
    originals = set()
    quotations = frames.get("quotations")
    if quotations is not None and {"original_text", "original_language"} <= set(quotations.columns):
        has = (quotations["original_text"].fillna("").astype(str).str.strip() != "") & (
            quotations["original_language"] == language
        )
        originals = {("quotations", str(i), "text") for i in quotations.loc[has, "id"]}
    return {
        key: english
        for key, english in targets(descriptor, frames).items()
        if english.strip() and key not in originals and not (key[0] == SCHEMA and key[2] not in SHOWN_SCHEMA_FIELDS)
    }
