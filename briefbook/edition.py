"""The edition's identity: version and date, and the LaTeX front matter built from them."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from sphinx.util.texescape import escape as tex

from . import __version__

BRIEF = {
    "title": "Are the Muqawama Signaling De-Escalation?",
    "authors": "Hamdi Malik and Crispin Smith",
    "publisher": "The Washington Institute for Near East Policy",
    "series": "Militia Spotlight",
    "date": "9 July 2021",
}
KEYWORDS = "Iraq; militias; muqawama; Kataib Hezbollah; Asaib Ahl al-Haq; de-escalation; signalling; United States"


def edition_date(root: Path | str) -> datetime:
    """The date of the edition: SOURCE_DATE_EPOCH if set, else the last commit's, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
        return datetime.fromtimestamp(int(out.stdout.strip()), tz=timezone.utc)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return datetime.now(tz=timezone.utc)


def citation_text(title: str, author: str, when: datetime) -> str:
    return (f"{author} ({when.year}). {title}, version {__version__}. Study edition of {BRIEF['authors']}, "
            f"“{BRIEF['title']}”, {BRIEF['publisher']}, {BRIEF['date']}.")


def latex_front_matter(title: str, author: str, when: datetime) -> dict[str, str]:
    """``maketitle`` and the PDF metadata for Sphinx's ``latex_elements``."""
    main, _, sub = title.partition("? ")
    main = main + "?" if sub else title
    date = f"{when.day} {when:%B %Y}"
    cite = citation_text(title, author, when)
    maketitle = rf"""
\begin{{titlepage}}
  \centering
  \vspace*{{3cm}}
  {{\Huge\bfseries {tex(main)}\par}}
  \vspace{{0.6cm}}
  {{\LARGE {tex(sub)}\par}}
  \vspace{{1.2cm}}
  {{\large A study edition of the brief by {tex(BRIEF['authors'])}\\[0.2em]
   {tex(BRIEF['publisher'])}, {tex(BRIEF['series'])} series, {tex(BRIEF['date'])}\par}}
  \vspace{{1.5cm}}
  {{\large {tex(author)}\par}}
  \vfill
  {{\large Version {tex(__version__)} \quad·\quad {tex(date)}\par}}
  \vspace{{1cm}}
  \begin{{minipage}}{{0.85\linewidth}}\small
    \textbf{{How to cite this edition.}} {tex(cite)}
  \end{{minipage}}
  \vspace{{1cm}}
\end{{titlepage}}
"""
    subject = f"Study edition of {BRIEF['authors']}, {BRIEF['title']} ({BRIEF['publisher']}, {BRIEF['date']})"
    meta = (r"\AtBeginDocument{\hypersetup{"
            rf"pdftitle={{{tex(title)}}}, pdfauthor={{{tex(author)}}}, "
            rf"pdfsubject={{{tex(subject)}}}, pdfkeywords={{{tex(KEYWORDS)}}}, "
            r"pdfcreator={Jupyter Book, Sphinx and XeLaTeX}, bookmarksnumbered=true}}")
    version = rf"\newcommand{{\briefbookversion}}{{{tex(__version__)}}}"
    return {"maketitle": maketitle, "preamble": meta + "\n" + version + "\n"}
