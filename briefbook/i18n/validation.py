"""The translators' catalogs (``locales/<language>/LC_MESSAGES/**/*.po``) checked as input, like the
data, each problem by file and line: the PO syntax line by line (Babel reads leniently: an unclosed
string silently loses its last letter); the English's placeholders (``{name}`` in the package's
catalog, ``%s``/``${name}`` in the themes', the MyST roles and targets in a page's, where a language's
role such as ``{en}`` may be added); no HTML or directive in a page's translation (MyST passes raw
HTML through) and no ``<>&`` in the themes' words (written into templates unescaped); no invisible
characters (:func:`briefbook.errors.invisible`)."""

from __future__ import annotations

import io
import re
import string
from collections import Counter
from pathlib import Path

from ..errors import Problem, invisible
from ..languages import LANGUAGES

PACKAGE_DOMAIN = "briefbook"
THEMES_DOMAIN = "sphinx"

KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
STRING = r'"(?:[^"\\]|\\[\\"abfnrtv]|\\[0-7]{1,3}|\\x[0-9A-Fa-f]{1,2})*"'
LINE = re.compile(rf"^(?:#.*|\s*|(?:#~ ?)?(?:{KEYWORD}\s+)?{STRING}\s*)$")


# MyST: roles ({name}`content`), the target of a role (`text <target>`) or of a link ([text](target)).
ROLE = re.compile(r"\{([\w:.+-]+)\}`([^`]*)`")
ROLE_TARGET = re.compile(r"<([^<>`]+)>\s*$")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"`[^`]*`")
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
DIRECTIVE = re.compile(r"(?:^|\n)\s*(?:`{3,}|~{3,}|:{3,})\s*\{|\{(?:raw|eval-rst)\}|^\s*\.\.\s+\w+::", re.M)
PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\$\{\w+\}")


def catalog_files(root: Path) -> list[Path]:
    return sorted((Path(root) / "locales").glob("*/LC_MESSAGES/**/*.po"))


def _roles(text: str) -> Counter:
    found = Counter((name, (ROLE_TARGET.search(content) or ["", ""])[1]) for name, content in ROLE.findall(text)
                    if name not in LANGUAGES)  # a span in a language, {en}`…`, a translator adds  # fmt: skip
    return found + Counter(("link", target) for target in LINK_TARGET.findall(text))


def message_problems(msgid: str, msgstr: str, domain: str, fuzzy: bool = False) -> list[str]:
    """What is wrong with one translation (``domain``: the catalog's name, as ``briefbook``). A fuzzy
    one is not published: only what it holds is checked, not its agreement with the English."""
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
        if ours != theirs:  # a translation may name a placeholder more or fewer times
            found.append(f"has the placeholders {sorted(theirs)} where the English has {sorted(ours)}")
    elif domain == THEMES_DOMAIN:
        if re.search(r"[<>&]", msgstr):
            found.append("holds <, > or &: the themes' words are written into the pages as they are; write text")
        if Counter(PRINTF.findall(msgid)) != Counter(PRINTF.findall(msgstr)):
            found.append(f"has the placeholders {sorted(PRINTF.findall(msgstr))} where the English has "
                         f"{sorted(PRINTF.findall(msgid))}")  # fmt: skip
    elif (ours := _roles(msgid)) != (theirs := _roles(msgstr)):
        missing, extra = ([f"{{{r}}}{' <' + t + '>' if t else ''}" for r, t in c.elements()]
                          for c in (ours - theirs, theirs - ours))  # fmt: skip
        found.append(f"does not have the English's roles and targets (missing {sorted(missing)}, "
                     f"added {sorted(extra)})")  # fmt: skip
    return found


def catalog_problems(root: Path) -> list[Problem]:
    """Every problem of every catalog under ``root``/locales, by file and line."""
    from babel.messages.pofile import read_po

    found: list[Problem] = []
    for path in catalog_files(root):
        name = path.relative_to(root).as_posix()
        domain = name.split("/LC_MESSAGES/", 1)[1].removesuffix(".po")
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            found.append(Problem(name, 0, "", f"not UTF-8 ({exc.reason} at byte {exc.start})"))
            continue
        syntax = [Problem(name, n, "", f"is not valid PO syntax (an unclosed string?): {line[:60]!r}")
                  for n, line in enumerate(text.splitlines(), 1) if not LINE.match(line)]  # fmt: skip
        try:
            catalog = [] if syntax else read_po(io.StringIO(text), abort_invalid=True)
        except Exception as exc:  # Babel's PoFileError, with its line
            syntax = [Problem(name, getattr(exc, "lineno", 0) or 0, "", f"cannot be read: {exc}")]
        found += syntax
        for message in catalog if not syntax else []:
            ids = message.id if isinstance(message.id, list | tuple) else (message.id,)
            strings = message.string if isinstance(message.string, list | tuple) else (message.string,)
            for msgstr in [s for s in strings if s] if message.id else []:
                for problem in message_problems(ids[-1] if len(strings) > 1 else ids[0], msgstr, domain, message.fuzzy):
                    found.append(Problem(name, message.lineno, "msgstr", problem))
    return found
