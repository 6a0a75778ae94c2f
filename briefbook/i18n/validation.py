"""The translators' catalogs (``locales/<language>/LC_MESSAGES/**/*.po``) checked as input, like the
data, before the build writes anything: one problem a line, naming file and line
(:class:`briefbook.project.Problem`), reported by ``make validate`` and by the build's gate
(:func:`briefbook.validate.problems`).

- **Syntax.** Babel reads a PO file leniently: an unterminated string (``msgstr "عن هذه الطبعة``)
  loses its last letter without a word (Babel takes the last character for the closing quote).
  Every line is first read against the PO grammar (a comment, a keyword and one quoted string, or
  a continuation string), each string closed and its escapes valid.
- **Placeholders.** A translation has the placeholders of its English: ``{name}`` in the package's
  catalog (``str.format``: a misspelt one failed the build with a bare ``KeyError``), ``%s``,
  ``%(name)s`` and ``${name}`` in the themes' catalog (``sphinx.po``), and in a page's catalog the
  same MyST roles, the same targets of roles and links (a language's role, ``{en}``, may be added).
- **Markup.** A page's translation is MyST, which passes raw HTML through: no HTML tag, comment or
  entity, no directive (a ``raw`` or ``eval-rst`` block) in it. The themes' catalog is written
  into templates unescaped: no ``<``, ``>`` or ``&`` at all.
- **Invisible characters.** No bidirectional control (the twelve Bidi_Control characters, as in
  the data: :func:`briefbook.rules.invisible`) and no control character but a new line or a tab.
"""

from __future__ import annotations

import io
import re
import string
from collections import Counter
from pathlib import Path

from ..errors import Problem
from ..rules import invisible

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


def syntax_problems(text: str, name: str) -> list[Problem]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not LINE.match(line):
            found.append(Problem(name, number, "", f"is not valid PO syntax (an unclosed string?): {line[:60]!r}"))
    return found


def _brace_fields(text: str) -> Counter:
    fields: Counter = Counter()
    for _, field, _, _ in string.Formatter().parse(text):
        if field is not None:
            fields[field] += 1
    return fields


LANGUAGE_ROLES = ("ar", "en")  # a span in a language ({en}`Qais al-Khazali`): a translator adds them


def _roles(text: str) -> Counter:
    found: Counter = Counter()
    for name, content in ROLE.findall(text):
        if name in LANGUAGE_ROLES:
            continue
        target = ROLE_TARGET.search(content)
        found[(name, target[1] if target else "")] += 1
    found.update(("link", target) for target in LINK_TARGET.findall(text))
    return found


def message_problems(msgid: str, msgstr: str, domain: str, fuzzy: bool = False) -> list[str]:
    """What is wrong with one translation (``domain``: the catalog's name, as ``briefbook``). A fuzzy
    translation is not published (it was made for an older English): only what it holds is checked,
    not whether it agrees with the English it no longer translates."""
    found = []
    if problem := invisible(msgstr):
        found.append(problem)
    if fuzzy:
        if domain != PACKAGE_DOMAIN and domain != THEMES_DOMAIN and DIRECTIVE.search(msgstr):
            found.append("holds a directive (a raw or eval-rst block): a translation is text and the English's roles")
        if domain != PACKAGE_DOMAIN and (hit := TAG.search(CODE.sub("", msgstr))):
            found.append(f"holds raw HTML ({hit[0][:30]!r}): a translation reaches the page as text only")
        return found
    if domain == PACKAGE_DOMAIN:
        try:
            ours, theirs = _brace_fields(msgid), _brace_fields(msgstr)
        except ValueError as exc:
            return [*found, f"has a malformed placeholder ({exc}); write {{name}} as in the English"]
        if set(ours) != set(theirs):  # a translation may name a placeholder more or fewer times
            found.append(f"has the placeholders {sorted(theirs)} where the English has {sorted(ours)}")
    elif domain == THEMES_DOMAIN:
        if re.search(r"[<>&]", msgstr):
            found.append(
                "holds <, > or &: the themes' words are written into the pages as they are; write them as text"
            )
        if Counter(PRINTF.findall(msgid)) != Counter(PRINTF.findall(msgstr)):
            found.append(f"has the placeholders {sorted(PRINTF.findall(msgstr))} where the English has "
                         f"{sorted(PRINTF.findall(msgid))}")  # fmt: skip
    else:  # a page's catalog: MyST
        if DIRECTIVE.search(msgstr):
            found.append("holds a directive (a raw or eval-rst block): a translation is text and the English's roles")
        if hit := TAG.search(CODE.sub("", msgstr)):
            found.append(f"holds raw HTML ({hit[0][:30]!r}): a translation reaches the page as text only")
        ours, theirs = _roles(msgid), _roles(msgstr)
        if ours != theirs:
            missing = sorted(f"{{{r}}}{' <' + t + '>' if t else ''}" for r, t in (ours - theirs).elements())
            extra = sorted(f"{{{r}}}{' <' + t + '>' if t else ''}" for r, t in (theirs - ours).elements())
            found.append(f"does not have the English's roles and targets (missing {missing}, added {extra})")
    return found


def catalog_problems(root: Path) -> list[Problem]:
    """Every problem of every catalog under ``root``/locales, by file and line."""
    from babel.messages.pofile import read_po

    root = Path(root)
    found: list[Problem] = []
    for path in catalog_files(root):
        name = path.relative_to(root).as_posix()
        folder = path.parents[0]
        while folder.name != "LC_MESSAGES":
            folder = folder.parent
        domain = path.relative_to(folder).with_suffix("").as_posix()
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            found.append(Problem(name, 0, "", f"not UTF-8 ({exc.reason} at byte {exc.start})"))
            continue
        syntax = syntax_problems(text, name)
        if syntax:
            found += syntax
            continue
        try:
            catalog = read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True)
        except Exception as exc:  # Babel's PoFileError, with its line
            found.append(Problem(name, getattr(exc, "lineno", 0) or 0, "", f"cannot be read: {exc}"))
            continue
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
            strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
            for msgstr in strings:
                if msgstr:
                    for problem in message_problems(
                        ids[-1] if len(strings) > 1 else ids[0], msgstr, domain, fuzzy=message.fuzzy
                    ):
                        found.append(Problem(name, message.lineno, "msgstr", problem))
    return found
