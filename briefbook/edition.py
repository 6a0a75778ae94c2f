"""The edition's identity: version, date and commit, read from the project, and the PDF's front
matter (its citation from :mod:`briefbook.cite`).

The version is kept in one place, the file ``VERSION`` at the project's root; CITATION.cff,
.zenodo.json and data/datapackage.json carry copies that ``briefbook release`` writes and the
tests compare. Dates come from the last commit (or SOURCE_DATE_EPOCH), never from the clock,
so two builds of one commit say the same thing.
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sphinx.util.texescape import escape as tex

from .i18n import N_
from .paths import read_yaml

BRIEF = {
    "title": "Are the Muqawama Signaling De-Escalation?",
    "authors": N_("Hamdi Malik and Crispin Smith"),  # N_: translated where the Arabic edition names them
    "publisher": N_("The Washington Institute for Near East Policy"),
    "series": "Militia Spotlight",
    "date": "9 July 2021",
}
PDF_STEM = "muqawama-de-escalation-study-edition"


def item_addresses(item: dict) -> re.Pattern | None:
    """The addresses a citation form may link: the item's own (its URL, its DOI's address), never
    an address that the data's words happen to hold (those stay text). A pattern that splits a
    form with the addresses at the odd places; None when there are none."""
    own = [str(item[key]) for key in ("URL",) if item.get(key)]
    if item.get("DOI"):
        own += [f"https://doi.org/{item['DOI']}", str(item["DOI"])]
    own = sorted({a for a in own if a}, key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, own)) + ")") if own else None


def _project(root: Path | str):
    from .project import Project  # the layout; imported here, as Project asks this module for the version

    return Project(Path(root))


def version(root: Path | str) -> str:
    return _project(root).version_file.read_text(encoding="utf-8").strip()


def _git(root: Path | str, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def commit(root: Path | str) -> str | None:
    """The commit the book is built from, or None outside a git checkout."""
    if not (Path(root) / ".git").exists():
        return None
    return _git(root, "rev-parse", "HEAD")


def edition_date(root: Path | str) -> datetime:
    """SOURCE_DATE_EPOCH if set, else the last commit's date, else the newest source file's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    stamp = _git(root, "log", "-1", "--format=%ct") if (Path(root) / ".git").exists() else None
    if stamp:
        return datetime.fromtimestamp(int(stamp), tz=UTC)
    # Outside a git checkout (an unpacked archive): the newest of the edition's own sources.
    sources = [Path(root) / n for n in ("VERSION", "CITATION.cff", "_config.yml", "_toc.yml", "index.md")]
    sources += [*Path(root).glob("chapters/*.md"), *Path(root).glob("data/*")]
    newest = max((int(p.stat().st_mtime) for p in sources if p.is_file()), default=0)
    return datetime.fromtimestamp(newest, tz=UTC) if newest else datetime.now(tz=UTC)


def source_date_epoch(root: Path | str) -> str:
    return str(int(edition_date(root).timestamp()))


def long_date(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def edition_line(root: Path | str, language: str = "en") -> str:
    """The edition in one line, as the site's footer and the EPUB's first page give it, in ``language``."""
    from .i18n import dates, gettext

    sha = commit(root)
    when = dates.long_date(edition_date(root), language)
    if sha:
        line = gettext("Study edition, version {version}, {date}, commit {commit}.", language, Path(root))
    else:
        line = gettext("Study edition, version {version}, {date}.", language, Path(root))
    return line.format(version=version(root), date=when, commit=(sha or "")[:12])


def load_cff(root: Path | str) -> dict:
    return read_yaml(_project(root).citation_file)


def cff_authors(cff: dict) -> list[dict]:
    """The edition's authors as CITATION.cff gives them: those of its preferred citation, else its own."""
    return list((cff.get("preferred-citation") or {}).get("authors") or cff["authors"])


def cff_licences(cff: dict) -> list[str]:
    """The licences CITATION.cff names (``license:``, one or a list); none where it names none."""
    named = cff.get("license") or []
    return [str(n) for n in ([named] if isinstance(named, str) else named)]


def tex_form(item: dict, style: str) -> str:
    """A citation form (:mod:`briefbook.cite`) in LaTeX: the style's italics, its addresses as
    links that may break, the rest with typographic quotation marks."""
    from .cite import segments

    out = []
    for text, italic in segments(item, style):
        if italic:
            out.append(rf"\emph{{{tex(typographic(text))}}}")
            continue
        own = item_addresses(item)
        for i, piece in enumerate(own.split(text) if own else [text]):
            out.append(rf"\url{{{tex_url(piece)}}}" if i % 2 else tex(typographic(piece)))
    return "".join(out)


def tex_url(url: str) -> str:
    """An address as the argument of ``\\url``: what no address may hold as it is (backslashes,
    braces, spaces, quotation marks, ...) percent-encoded, so nothing in it can end the argument or
    start a command; then ``#`` and ``%`` escaped, as an argument of another command needs."""
    url = re.sub(r'[\\{}\s"<>^`|\x00-\x1f\x7f]', lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)
    return re.sub(r"([#%])", r"\\\1", url)


def typographic(value: str) -> str:
    """The edition's own words in print, with typographic quotation marks and apostrophes."""
    from docutils.utils.smartquotes import educateQuotes

    return educateQuotes(value, language="en")


def licence() -> str:
    """The imprint's paragraph on rights, in LaTeX (:mod:`briefbook.licence`)."""
    from . import licence as rights  # it reads BRIEF from this module

    return rights.latex(lambda value: tex(typographic(value)))


def latex_front_matter(
    root: Path | str, title: str, author: str, copyright: str = "", language: str = "en"
) -> dict[str, str]:
    """The PDF's front matter in ``language``: :func:`briefbook.front_matter.latex_front_matter`."""
    from .front_matter import latex_front_matter as front_matter

    return front_matter(root, title, author, copyright, language)
