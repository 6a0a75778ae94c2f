"""The translations' gettext catalogs (``locales/<language>/LC_MESSAGES/**/*.po``): checked as input, counted,
the package's words extracted (Babel), every catalog updated from the English templates (sphinx-intl)."""

import io
import os
import re
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..package import Problem, invisible
from . import DOMAIN, LANGUAGES, SOURCE
from .data import clipped

PACKAGE = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "words": None}  # calls whose first argument is a message
THEMES = "sphinx"  # the themes' words, kept by hand in sphinx.po: never updated from a template
KINDS = {"fuzzy": "fuzzy (the English changed: review the translation)", "empty": "not translated"}
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
    """A page message's roles with their targets, and its links; not a language's span ({en}`…`: one may be added)."""
    roles = [(name, (ROLE_TARGET.search(words) or ["", ""])[1]) for name, words in ROLE.findall(text)]
    roles += [("link", target) for target in LINK_TARGET.findall(text)]
    return Counter(f"{{{r}}}" + (f" <{t}>" if t else "") for r, t in roles if r not in LANGUAGES)


def message_problems(msgid: str, msgstr: str, domain: str, fuzzy: bool = False) -> list[str]:
    """What is wrong with one translation in ``domain``; of a fuzzy one (not published), only what it holds."""
    found = [problem] if (problem := invisible(msgstr)) else []
    page = domain not in (DOMAIN, THEMES)
    if page and DIRECTIVE.search(msgstr):
        found.append("holds a directive (a raw or eval-rst block): a translation is text and the English's roles")
    if domain != DOMAIN and (page or fuzzy) and (hit := TAG.search(CODE.sub("", msgstr))):
        found.append(f"holds raw HTML ({hit[0][:30]!r}): a translation reaches the page as text only")
    if fuzzy:
        return found
    if domain == DOMAIN:  # its placeholders as sets: a translation may name one more or fewer times
        try:
            ours, theirs = ({f for _, f, _, _ in string.Formatter().parse(s) if f is not None} for s in (msgid, msgstr))
        except ValueError as exc:
            return [*found, f"has a malformed placeholder ({exc}); write {{name}} as in the English"]
    elif domain == THEMES:
        if re.search(r"[<>&]", msgstr):
            found.append("holds <, > or &: the themes' words are written into the pages as they are; write text")
        ours, theirs = sorted(PRINTF.findall(msgid)), sorted(PRINTF.findall(msgstr))
    else:
        ours, theirs = references(msgid), references(msgstr)
        missing, added = sorted((ours - theirs).elements()), sorted((theirs - ours).elements())
        if missing or added:
            return [*found, f"does not have the English's roles and targets (missing {missing}, added {added})"]
    if ours != theirs:
        found.append(f"has the placeholders {sorted(theirs)} where the English has {sorted(ours)}")
    return found


def catalog_problems(root: Path) -> list[Problem]:
    """Every problem of every catalog under ``root``/locales, by file and line."""
    found: list[Problem] = []
    for path in sorted((Path(root) / "locales").glob("*/LC_MESSAGES/**/*.po")):
        name = path.relative_to(root).as_posix()
        domain = name.split("/LC_MESSAGES/", 1)[1].removesuffix(".po")
        try:
            text = path.read_bytes().decode("utf-8")
            if syntax := [n for n, line in enumerate(text.splitlines(), 1) if not LINE.match(line)]:  # Babel: lenient
                said = "is not valid PO syntax (an unclosed string?)"
                found += [Problem(name, n, "", f"{said}: {text.splitlines()[n - 1][:60]!r}") for n in syntax]
                continue
            catalog = read_po(io.StringIO(text), abort_invalid=True)
        except UnicodeDecodeError as exc:
            found.append(Problem(name, 0, "", f"not UTF-8 ({exc.reason} at byte {exc.start})"))
        except Exception as exc:  # Babel's PoFileError, with its line
            found.append(Problem(name, getattr(exc, "lineno", 0) or 0, "", f"cannot be read: {exc}"))
        else:
            for m in catalog:
                ids, strings = (x if isinstance(x, list | tuple) else (x,) for x in (m.id, m.string))
                for msgstr in [s for s in strings if s] if m.id else []:
                    for problem in message_problems(ids[-1] if len(strings) > 1 else ids[0], msgstr, domain, m.fuzzy):
                        found.append(Problem(name, m.lineno, "msgstr", problem))
    return found


def status(locale_dir: Path, language: str, root: Path | None = None) -> tuple[str, list[str]]:
    """ "560 of 562 messages translated in 14 catalogs; 1 fuzzy (to review), 1 empty", and each (a release refuses)."""
    paths, states, unfinished = sorted((Path(locale_dir) / language / "LC_MESSAGES").rglob("*.po")), Counter(), []
    for path in paths:
        for m in (m for m in read_po(io.BytesIO(path.read_bytes())) if m.id):
            states[state := "empty" if not m.string else "fuzzy" if m.fuzzy else ""] += 1
            if state:
                name = path.relative_to(root).as_posix() if root else path.as_posix()
                unfinished.append(f"{name}:{m.lineno or 0}: {KINDS[state]}: {clipped(str(m.id))}")
    done = f"{states['']} of {states.total()} messages translated in {len(paths)} catalogs"
    summary = f"{done}; {states['fuzzy']} fuzzy (to review), {states['empty']} empty"
    return summary, unfinished if paths else [f"{Path(locale_dir) / language}: no catalogs"]


def extract_package(pot: Path, extra: list[str] = (), figures: Path | None = None) -> int:
    """The package's words, the book's charts' (``figures``) and ``extra`` ones into ``pot``; their number."""
    catalog = Catalog(project="briefbook", charset="utf-8")
    for name, folder in (("briefbook", PACKAGE), ("figures", figures or PACKAGE.parent / "figures")):
        for filename, lineno, message, comments, _ in extract_from_dir(folder, keywords=KEYWORDS):  # Babel's map: **.py
            if isinstance(message, str):
                catalog.add(message, locations=[(f"{name}/{filename}", lineno)], auto_comments=comments)
    for word in extra:
        catalog.add(word, locations=[("_config.yml", 0)])
    with pot.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, include_lineno=False)
    return len(catalog)


def update(locale_dir: Path, pot_dir: Path) -> str:
    """``sphinx-intl update`` of every translation's catalogs from the templates; a line per changed catalog."""
    (Path(pot_dir) / f"{THEMES}.pot").unlink(missing_ok=True)
    argv = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(pot_dir), "-d", str(locale_dir), "-j", "1"]
    argv += [f"--language={lang}" for lang in LANGUAGES if lang != SOURCE]
    done = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    for path in (path for path in Path(locale_dir).rglob("*.po") if path.stem != DOMAIN):
        text = path.read_text(encoding="utf-8")  # a page's messages are MyST, not Python formats: without the flag,
        kept = re.sub(r"(?m)^#,.*\n", lambda m: re.sub(r",? python-(brace-)?format", "", m[0]).replace("#\n", ""), text)
        if kept != text:  # msgfmt and Poedit accept a translation's added {en}`…`
            path.write_text(kept, encoding="utf-8")
    changed = [line.replace(f"{locale_dir}{os.sep}", "") for line in done.splitlines() if "Not Changed" not in line]
    return "; ".join([*changed, f"{done.count('Not Changed:')} catalogs not changed"])
