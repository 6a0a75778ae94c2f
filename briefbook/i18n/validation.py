"""The translators' catalogs (``locales/<language>/LC_MESSAGES/**/*.po``) checked as input, each problem by file
and line: PO syntax (Babel reads an unclosed string leniently), the English's placeholders, roles and targets, no
HTML or directive where a translation reaches a page as text, no invisible characters."""

from __future__ import annotations

import io
import re
import string
from collections import Counter
from pathlib import Path

from babel.messages.pofile import read_po

from ..errors import Problem
from ..languages import LANGUAGES
from ..rules import invisible

PACKAGE_DOMAIN, THEMES_DOMAIN = "briefbook", "sphinx"
STRING = r'"(?:[^"\\]|\\[\\"abfnrtv]|\\[0-7]{1,3}|\\x[0-9A-Fa-f]{1,2})*"'
LINE = re.compile(rf"^(?:#.*|\s*|(?:#~ ?)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{STRING}\s*)$")
# MyST: roles ({name}`content`), the target of a role (`text <target>`) or of a link ([text](target)).
ROLE = re.compile(r"\{([\w:.+-]+)\}`([^`]*)`")
ROLE_TARGET = re.compile(r"<([^<>`]+)>\s*$")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"`[^`]*`")
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
DIRECTIVE = re.compile(r"(?:^|\n)\s*(?:`{3,}|~{3,}|:{3,})\s*\{|\{(?:raw|eval-rst)\}|^\s*\.\.\s+\w+::", re.M)
PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\$\{\w+\}")


def references(text: str) -> Counter:
    """A page message's roles with their targets and its links ("{ref} <target>"); not a span in a language,
    {en}`…`, which a translator may add."""
    roles = [(name, (ROLE_TARGET.search(words) or ["", ""])[1]) for name, words in ROLE.findall(text)]
    roles += [("link", target) for target in LINK_TARGET.findall(text)]
    return Counter(f"{{{r}}}" + (f" <{t}>" if t else "") for r, t in roles if r not in LANGUAGES)


def message_problems(msgid: str, msgstr: str, domain: str, fuzzy: bool = False) -> list[str]:
    """What is wrong with one translation in the catalog ``domain``; of a fuzzy one (not published), only what it
    holds, not its agreement with the English."""
    found = [problem] if (problem := invisible(msgstr)) else []
    page = domain not in (PACKAGE_DOMAIN, THEMES_DOMAIN)
    if page and DIRECTIVE.search(msgstr):
        found.append("holds a directive (a raw or eval-rst block): a translation is text and the English's roles")
    if domain != PACKAGE_DOMAIN and (page or fuzzy) and (hit := TAG.search(CODE.sub("", msgstr))):
        found.append(f"holds raw HTML ({hit[0][:30]!r}): a translation reaches the page as text only")
    if fuzzy:
        return found
    if domain == PACKAGE_DOMAIN:
        try:
            ours, theirs = ({f for _, f, _, _ in string.Formatter().parse(s) if f is not None} for s in (msgid, msgstr))
        except ValueError as exc:
            return [*found, f"has a malformed placeholder ({exc}); write {{name}} as in the English"]
        ours, theirs = sorted(ours), sorted(theirs)  # a translation may name a placeholder more or fewer times
    elif domain == THEMES_DOMAIN:
        if re.search(r"[<>&]", msgstr):
            found.append("holds <, > or &: the themes' words are written into the pages as they are; write text")
        ours, theirs = sorted(PRINTF.findall(msgid)), sorted(PRINTF.findall(msgstr))
    else:
        ours, theirs = references(msgid), references(msgstr)
        missing, added = sorted((ours - theirs).elements()), sorted((theirs - ours).elements())
        if missing or added:
            return [*found, f"does not have the English's roles and targets (missing {missing}, added {added})"]
    if ours != theirs:
        found.append(f"has the placeholders {theirs} where the English has {ours}")
    return found


def catalog_problems(root: Path) -> list[Problem]:
    """Every problem of every catalog under ``root``/locales, by file and line."""
    found: list[Problem] = []
    for path in sorted((Path(root) / "locales").glob("*/LC_MESSAGES/**/*.po")):
        name = path.relative_to(root).as_posix()
        domain = name.split("/LC_MESSAGES/", 1)[1].removesuffix(".po")
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            found.append(Problem(name, 0, "", f"not UTF-8 ({exc.reason} at byte {exc.start})"))
            continue
        lines = text.splitlines()
        if syntax := [n for n, line in enumerate(lines, 1) if not LINE.match(line)]:
            said = "is not valid PO syntax (an unclosed string?)"
            found += [Problem(name, n, "", f"{said}: {lines[n - 1][:60]!r}") for n in syntax]
            continue
        try:
            catalog = read_po(io.StringIO(text), abort_invalid=True)
        except Exception as exc:  # Babel's PoFileError, with its line
            found.append(Problem(name, getattr(exc, "lineno", 0) or 0, "", f"cannot be read: {exc}"))
            continue
        for m in catalog:
            ids, strings = (x if isinstance(x, list | tuple) else (x,) for x in (m.id, m.string))
            for msgstr in [s for s in strings if s] if m.id else []:
                for problem in message_problems(ids[-1] if len(strings) > 1 else ids[0], msgstr, domain, m.fuzzy):
                    found.append(Problem(name, m.lineno, "msgstr", problem))
    return found
