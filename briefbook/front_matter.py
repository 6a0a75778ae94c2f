"""The PDF's front matter (half-title, title page, imprint, PDF metadata) for ``latex_elements``, in
each language; in Arabic what stays English is marked ``\\textenglish``."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from string import Formatter

from sphinx.util.texescape import escape as tex

from . import cite, i18n
from . import licence as statement
from .edition import EditionFacts, typographic
from .i18n.dates import long_date
from .languages import LATIN_LETTERS
from .paths import read_yaml

FONTS = {"en": "Noto Serif, Noto Sans and Noto Naskh Arabic"}
# A run of Latin letters, with the numbers inside it ("CC BY 4.0"), set left to right in Arabic text.
LATIN = re.compile(rf"([{LATIN_LETTERS}]+(?:[ .-]+[{LATIN_LETTERS}0-9]+)*)")
URL = re.compile(r"(\\url\{[^}]*\})")
# A number with dots ("0.1.0", "4.0"): one left-to-right unit in right-to-left text.
DOTTED_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)+(?!\.?\d)")
FONTS_NAMED = "Amiri, Noto Serif, Noto Sans"


def _(message: str, language: str, root: Path | str) -> str:
    return i18n.gettext(message, language, Path(root))


def book_words(root: Path | str) -> list[str]:
    """The front matter's words (and the tables' words) from _config.yml and CITATION.cff, for the package's catalog."""
    try:
        config = read_yaml(Path(root) / "_config.yml") or {}
    except FileNotFoundError:
        config = {}
    facts = EditionFacts.read(root, "", "")
    found = [config.get("title"), config.get("author"), config.get("copyright"), facts.title, facts.abstract,
             facts.brief.names, facts.brief.publisher,
             *((config.get("sphinx") or {}).get("config") or {}).get("briefbook_table_words", {}).values()]  # fmt: skip
    return list(dict.fromkeys(str(word) for word in found if word))


def tex_form(item: dict, style: str) -> str:
    """A citation form (:mod:`briefbook.cite`) in LaTeX: italics, its own addresses as links, the rest typographic."""
    out, own = [], cite.item_addresses(item)
    for text, italic in cite.segments(item, style):
        if italic:
            out.append(rf"\emph{{{tex(typographic(text))}}}")
            continue
        for i, piece in enumerate(own.split(text) if own else [text]):
            out.append(rf"\url{{{tex_url(piece)}}}" if i % 2 else tex(typographic(piece)))
    return "".join(out)


def tex_url(url: str) -> str:
    """An address for ``\\url``: what no address may hold percent-encoded, ``#`` and ``%`` escaped."""
    url = re.sub(r'[\\{}\s"<>^`|\x00-\x1f\x7f]', lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)
    return re.sub(r"([#%])", r"\\\1", url)


def date_words(when: datetime, language: str) -> str:
    """A date in LaTeX, unbroken."""
    return tex(long_date(when, language)).replace(" ", "~")


def rights(facts: EditionFacts, language: str) -> str:
    """The imprint's paragraph on rights (:mod:`briefbook.licence`), in ``language``."""
    if language == "en":
        return statement.latex(facts.brief, lambda value: tex(typographic(value)))
    paragraph = statement.latex(facts.brief, _marked, lambda message: facts._(message, language))
    return URL.sub(lambda found: english(found.group(1), language), paragraph)


def english(latex: str, language: str) -> str:
    """LaTeX that is English, marked so inside another language's text."""
    return latex if language == "en" else rf"\textenglish{{{latex}}}"


def words(message: str, language: str, root: Path | str, **values: str) -> str:
    """``message`` translated into LaTeX, its ``{name}`` places filled with ``values`` (LaTeX);
    untranslated, the English marked as English."""
    text = _(message, language, root)
    in_english = text == message
    out = []
    for literal, name, _spec, _conv in Formatter().parse(text):
        out.append(tex(typographic(literal)).replace("\u00a0", "~") if in_english else _marked(literal))
        if name is not None:
            out.append(values[name])
    return english("".join(out), language) if in_english else "".join(out)


def _marked(text: str) -> str:
    """Arabic text in LaTeX, its runs of Latin letters marked as English."""
    pieces = LATIN.split(text)
    return "".join(
        english(tex(piece), "ar") if i % 2 else numbers(tex(piece).replace("\u00a0", "~"), "ar")
        for i, piece in enumerate(pieces)
    )


def numbers(latex: str, language: str) -> str:
    """Each number with dots marked as one left-to-right unit, an address left as it is."""
    if language == "en":
        return latex
    return re.sub(
        rf"{URL.pattern}|{DOTTED_NUMBER.pattern}", lambda m: m.group(1) or english(m.group(), language), latex
    )


def _title_parts(title: str) -> tuple[str, str]:
    for mark in ("? ", "؟ "):
        main, found, sub = title.partition(mark)
        if found:
            return main + mark.strip(), sub
    return title, ""


def imprint(facts: EditionFacts, author: str, copyright: str = "", language: str = "en") -> str:
    """The imprint page (the title page's verso): what this copy is, and how to cite it."""
    root, when, sha = facts.root, facts.date, facts.commit
    book = cite.book_item(facts, language)  # this edition's address
    breakable = r"\allowbreak{}".join(sha[i : i + 8] for i in range(0, len(sha), 8)) if sha else ""
    if sha:
        built = words("Built from commit {commit} of the edition's sources.", language, root,
                      commit=english(rf"\texttt{{{breakable}}}", language))  # fmt: skip
    else:
        built = words("Built outside a git checkout: no commit is recorded.", language, root)
    how = (Path(root) / "chapters" / "how-to-cite.md").is_file()
    page = r"\pageref{\detokenize{chapters/how-to-cite::doc}}"
    more = how and words("Other forms (APA, BibTeX), citation files, and how to cite one quotation, figure or claim:"
                         " How to cite, p.\u00a0{page}.", language, root, page=page)  # fmt: skip
    date = date_words(when, language)
    if language == "en":
        title, note = tex(typographic(book["title"])), tex(typographic(book.get("note", "")))
        cited = tex_form(book, "chicago-author-date") + (" " + more if more else "")
    else:
        title = tex(book["title"])
        the_brief = english(tex(typographic(f"“{facts.brief.title}”")), language)
        note = words("Study edition of {authors}, {title}, {publisher}, {date}.", language, root,
                     authors=words(facts.brief.names, language, root), title=the_brief,
                     publisher=words(facts.brief.publisher, language, root),
                     date=date_words(facts.brief.date, language))  # fmt: skip
        # the edition cited in its own language (briefbook.cite), its address marked as English
        form = numbers(tex_form(book, "chicago-author-date"), language)
        form = re.sub(r"\\url\{[^}]*\}", lambda m: english(m.group(), language), form)
        cited = form + (r"\par " + more if more else "")
    held = words("Copyright © {copyright}.", language, root, copyright=words(copyright, language, root))
    fonts = FONTS.get(language) or FONTS_NAMED
    online = book.get("URL") and words("Online at {address}.", language, root,
                                       address=english(rf"\url{{{tex_url(book['URL'])}}}", language))  # fmt: skip
    typeset = words("Typeset with XeLaTeX in {fonts} from the sources of the HTML edition; quotations and data are"
                    " printed exactly as the data give them.", language, root, fonts=english(fonts, language))  # fmt: skip
    lines = [rf"\textbf{{{title}}}\par", rf"{note}\par\medskip",
             words("Version {version}, {date}.", language, root, version=english(tex(facts.version), language), date=date)
             + r"\par", online and online + r"\par", built + r"\par\medskip",
             r"\textbf{" + words("How to cite this edition.", language, root) + r"}\par", cited + r"\par\medskip",
             copyright and held + r"\par", rights(facts, language) + r"\par", r"\medskip " + typeset + r"\par"]  # fmt: skip
    body = "\n    ".join(line for line in lines if line)
    # Flush with the start of the lines (under bidi, \raggedright sets a right-to-left paragraph flush left).
    flush = r"\raggedleft" if i18n.direction(language) == "rtl" else r"\raggedright"
    return rf"""
\null\vfill
\begin{{minipage}}{{\linewidth}}\small{flush}\setlength{{\parskip}}{{0.35em}}
    {body}
\end{{minipage}}
"""


def latex_front_matter(facts: EditionFacts, title: str, author: str, copyright: str = "", language: str = "en"):
    """``maketitle`` (half-title, title page, imprint) and the PDF metadata for ``latex_elements``."""
    root, when, brief = facts.root, facts.date, facts.brief
    main, sub = (tex(part) for part in _title_parts(_(title, language, root)))
    by = words("A study edition of the brief by {authors}", language, root,
               authors=words(brief.names, language, root))  # fmt: skip
    published = words("{publisher}, {series} series, {date}", language, root,
                      publisher=words(brief.publisher, language, root),
                      series=english(tex(brief.series), language), date=date_words(brief.date, language))  # fmt: skip
    contributors = words(author, language, root)
    edition = words("Version {version}", language, root, version=english(tex(facts.version), language))
    maketitle = rf"""
\pagenumbering{{roman}}
\begin{{center}}
  \vspace*{{5cm}}
  {{\LARGE\sffamily\bfseries {main}\par}}
  \vspace{{0.5cm}}
  {{\large\sffamily {sub}\par}}
\end{{center}}
\cleardoublepage
\begin{{center}}
  \vspace*{{2.5cm}}
  {{\Huge\bfseries {main}\par}}
  \vspace{{0.6cm}}
  {{\LARGE {sub}\par}}
  \vspace{{1.2cm}}
  {{\large {by}\\[0.2em]
   {published}\par}}
  \vspace{{1.5cm}}
  {{\large {contributors}\par}}
  \vfill
  {{\large {edition} \quad·\quad {date_words(when, language)}\par}}
  \vspace{{1cm}}
\end{{center}}
\clearpage
{imprint(facts, author, copyright, language)}
\cleardoublepage
"""
    subject = _("Study edition of {authors}, {title} ({publisher}, {date})", language, root).format(
        authors=_(brief.names, language, root), title=brief.title, publisher=_(brief.publisher, language, root),
        date=long_date(brief.date, language))  # fmt: skip
    keywords = "; ".join(facts.keywords)
    meta = (
        r"\AtBeginDocument{\hypersetup{"
        rf"pdftitle={{{tex(_(title, language, root))}}}, pdfauthor={{{tex(_(author, language, root))}}}, "
        rf"pdfsubject={{{tex(subject)}}}, pdfkeywords={{{tex(keywords)}}}, "
        r"pdfcreator={Jupyter Book, Sphinx and XeLaTeX}, bookmarksnumbered=true}}"
    )
    # The PDF's /Lang: hyperref writes the catalogue as the document begins, so it is set in the preamble.
    lang = rf"\hypersetup{{pdflang={{{language}}}}}"
    return {"maketitle": maketitle, "preamble": meta + "\n" + lang + "\n"}
