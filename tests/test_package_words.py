"""The package's and the charts' words reach the Arabic catalog: `make translations` extracts every
message the code passes to a translation call (a call inside an f-string, or a keyword babel is not
told of, would be dropped from the catalog as obsolete, and the Arabic edition would fall back to
English), and the template's messages are the catalog's."""

from __future__ import annotations

import ast
import re

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

from briefbook.i18n.catalogs import KEYWORDS, extract_package

pytestmark = pytest.mark.unit

STRING = r"(?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')"  # one literal, in double or single quotes
CALL = re.compile(rf"(?<![`\w.])(?:{'|'.join(map(re.escape, KEYWORDS))})\(\s*((?:{STRING}\s*)+)[,)]")


def used() -> dict[str, str]:
    """Every string literal written as the first argument of a translation call in the code, by where it is."""
    found = {}
    for folder in (ROOT / "briefbook", ROOT / "figures"):
        for path in folder.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for match in CALL.finditer(text):  # (not in a docstring's ``_("…")``)
                line = text.count("\n", 0, match.start()) + 1
                found[ast.literal_eval(f"({match[1]})")] = f"{path.relative_to(ROOT)}:{line}"
    return found


def test_every_message_the_code_translates_is_extracted(tmp_path):
    pot = tmp_path / "briefbook.pot"
    extract_package(pot, figures=ROOT / "figures")
    with pot.open("rb") as handle:
        extracted = {message.id for message in read_po(handle) if message.id}
    missing = {words: where for words, where in used().items() if words not in extracted}
    assert not missing, missing
    catalog = ROOT / "locales" / "ar" / "LC_MESSAGES" / "briefbook.po"
    with catalog.open("rb") as handle:
        translated = {message.id for message in read_po(handle) if message.id and message.string}
    assert not {words: where for words, where in used().items() if words not in translated}
    assert len(used()) > 50  # the pattern finds the calls (the package has some 250 messages)
