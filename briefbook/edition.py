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

from .paths import read_yaml

BRIEF = {
    "title": "Are the Muqawama Signaling De-Escalation?",
    "authors": "Hamdi Malik and Crispin Smith",
    "publisher": "The Washington Institute for Near East Policy",
    "series": "Militia Spotlight",
    "date": "9 July 2021",
}
PDF_STEM = "muqawama-de-escalation-study-edition"
ADDRESS = re.compile(r"(https?://\S+?)(?=[.,;:]?(?:\s|$))")


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


def edition_line(root: Path | str) -> str:
    """The edition in one line, as the site's footer and the EPUB's first page give it."""
    sha = commit(root)
    return f"Study edition, version {version(root)}, {long_date(edition_date(root))}" + (
        f", commit {sha[:12]}." if sha else "."
    )


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
        for i, piece in enumerate(ADDRESS.split(text)):
            out.append(rf"\url{{{tex_url(piece)}}}" if i % 2 else tex(typographic(piece)))
    return "".join(out)


def tex_url(url: str) -> str:
    return re.sub(r"([#%])", r"\\\1", url)


def typographic(value: str) -> str:
    """The edition's own words in print, with typographic quotation marks and apostrophes."""
    from docutils.utils.smartquotes import educateQuotes

    return educateQuotes(value, language="en")


def licence() -> str:
    """The imprint's paragraph on rights, in LaTeX (:mod:`briefbook.licence`)."""
    from . import licence as rights  # it reads BRIEF from this module

    return rights.latex(lambda value: tex(typographic(value)))


def imprint(root: Path | str, author: str, copyright: str = "") -> str:
    """The imprint page (the title page's verso): what this copy is, and how to cite it."""
    from .cite import book_item

    when = edition_date(root)
    book = book_item(_project(root))
    sha = commit(root)
    breakable = r"\allowbreak{}".join(sha[i : i + 8] for i in range(0, len(sha), 8)) if sha else ""
    built = (
        rf"Built from commit \texttt{{{breakable}}} of the edition's sources."
        if sha
        else "Built outside a git checkout: no commit is recorded."
    )
    how = (Path(root) / "chapters" / "how-to-cite.md").is_file()
    more = (
        r" Other forms (APA, BibTeX), citation files, and how to cite one quotation, figure or claim: How to cite,"
        r" p.~\pageref{\detokenize{chapters/how-to-cite::doc}}."
        if how
        else ""
    )
    lines = [
        rf"\textbf{{{tex(typographic(book['title']))}}}\par",
        rf"{tex(typographic(book.get('note', '')))}\par\medskip",
        rf"Version {tex(version(root))}, {tex(long_date(when))}.\par",
        (rf"Online at \url{{{tex_url(book['URL'])}}}.\par" if book.get("URL") else ""),
        typographic(built) + r"\par\medskip",
        r"\textbf{How to cite this edition.}\par",
        tex_form(book, "chicago-author-date") + more + r"\par\medskip",
        (tex(typographic(f"Copyright © {copyright}.")) + r"\par") if copyright else "",
        licence() + r"\par",
        r"\medskip Typeset with XeLaTeX in Noto Serif, Noto Sans and Noto Naskh Arabic from the sources of"
        r" the HTML edition; quotations and data are printed exactly as the data give them.\par",
    ]
    body = "\n    ".join(line for line in lines if line)
    return rf"""
\null\vfill
\begin{{minipage}}{{\linewidth}}\small\raggedright\setlength{{\parskip}}{{0.35em}}
    {body}
\end{{minipage}}
"""


def latex_front_matter(root: Path | str, title: str, author: str, copyright: str = "") -> dict[str, str]:
    """``maketitle`` (half-title, title page, imprint) and the PDF metadata for ``latex_elements``.
    The pages are numbered in roman from the half-title on, without folios."""
    when = edition_date(root)
    cff = load_cff(root)
    main, _, sub = title.partition("? ")
    main = main + "?" if sub else title
    maketitle = rf"""
\pagenumbering{{roman}}
\begin{{center}}
  \vspace*{{5cm}}
  {{\LARGE\sffamily\bfseries {tex(main)}\par}}
  \vspace{{0.5cm}}
  {{\large\sffamily {tex(sub)}\par}}
\end{{center}}
\cleardoublepage
\begin{{center}}
  \vspace*{{2.5cm}}
  {{\Huge\bfseries {tex(main)}\par}}
  \vspace{{0.6cm}}
  {{\LARGE {tex(sub)}\par}}
  \vspace{{1.2cm}}
  {{\large A study edition of the brief by {tex(BRIEF["authors"])}\\[0.2em]
   {tex(BRIEF["publisher"])}, {tex(BRIEF["series"])} series, {tex(BRIEF["date"])}\par}}
  \vspace{{1.5cm}}
  {{\large {tex(typographic(author))}\par}}
  \vfill
  {{\large Version {tex(version(root))} \quad·\quad {tex(long_date(when))}\par}}
  \vspace{{1cm}}
\end{{center}}
\clearpage
{imprint(root, author, copyright)}
\cleardoublepage
"""
    subject = f"Study edition of {BRIEF['authors']}, {BRIEF['title']} ({BRIEF['publisher']}, {BRIEF['date']})"
    keywords = "; ".join(cff.get("keywords", []))
    meta = (
        r"\AtBeginDocument{\hypersetup{"
        rf"pdftitle={{{tex(title)}}}, pdfauthor={{{tex(author)}}}, "
        rf"pdfsubject={{{tex(subject)}}}, pdfkeywords={{{tex(keywords)}}}, "
        r"pdfcreator={Jupyter Book, Sphinx and XeLaTeX}, bookmarksnumbered=true}}"
    )
    return {"maketitle": maketitle, "preamble": meta + "\n"}
