"""The PDF's front matter (half-title, title page, imprint, PDF metadata) for ``latex_elements``, in
each language; in Arabic what stays English is marked ``\\textenglish``."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from string import Formatter

from sphinx.util.template import LaTeXRenderer
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
TEMPLATES = Path(__file__).resolve().parent / "templates" / "latex"


def _(message: str, language: str, root: Path | str) -> str:
    return i18n.gettext(message, language, Path(root))


def book_words(root: Path | str) -> list[str]:
    """The front matter's words (and the tables' words) from _config.yml and CITATION.cff, for the package's catalog."""
    try:
        config = read_yaml(Path(root) / "_config.yml") or {}
    except FileNotFoundError:
        config = {}
    facts = EditionFacts.read(root, "", "")
    own = (config.get("sphinx") or {}).get("config") or {}
    found = [config.get("title"), config.get("author"), config.get("copyright"), facts.title, facts.abstract,
             facts.brief.names, facts.brief.publisher, *own.get("briefbook_table_words", {}).values(),
             *own.get("briefbook_value_words", [])]  # fmt: skip
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


def imprint(facts: EditionFacts, author: str, copyright: str = "", language: str = "en") -> str:
    """The imprint page (the title page's verso): what this copy is, and how to cite it."""
    root, sha = facts.root, facts.commit
    book = cite.book_item(facts, language)  # this edition's address
    breakable = r"\allowbreak{}".join(sha[i : i + 8] for i in range(0, len(sha or ""), 8))
    commit = english(rf"\texttt{{{breakable}}}", language)
    more = (Path(root) / "chapters" / "how-to-cite.md").is_file() and words(
        "Other forms (APA, BibTeX), citation files, and how to cite one quotation, figure or claim:"
        " How to cite, p.\u00a0{page}.", language, root, page=r"\pageref{\detokenize{chapters/how-to-cite::doc}}")  # fmt: skip
    # the edition cited in its own language (briefbook.cite), its address marked as English
    cited = re.sub(r"\\url\{[^}]*\}", lambda m: english(m.group(), language),
                   numbers(tex_form(book, "chicago-author-date"), language))  # fmt: skip
    cited += (" " if language == "en" else r"\par ") + more if more else ""
    if language == "en":
        note = tex(typographic(book.get("note", "")))
    else:
        note = words("Study edition of {authors}, {title}, {publisher}, {date}.", language, root,
                     authors=words(facts.brief.names, language, root),
                     title=english(tex(typographic(f"“{facts.brief.title}”")), language),
                     publisher=words(facts.brief.publisher, language, root),
                     date=date_words(facts.brief.date, language))  # fmt: skip
    fonts = english(FONTS.get(language, FONTS_NAMED), language)
    return LaTeXRenderer([TEMPLATES]).render("imprint.tex.jinja", {
        "flush": r"\raggedleft" if i18n.direction(language) == "rtl" else r"\raggedright",
        "title": tex(typographic(book["title"]) if language == "en" else book["title"]), "note": note,
        "version": words("Version {version}, {date}.", language, root, version=english(tex(facts.version), language),
                         date=date_words(facts.date, language)),
        "online": book.get("URL") and words("Online at {address}.", language, root,
                                            address=english(rf"\url{{{tex_url(book['URL'])}}}", language)),
        "built": words("Built from commit {commit} of the edition's sources.", language, root, commit=commit)
        if sha else words("Built outside a git checkout: no commit is recorded.", language, root),
        "how": words("How to cite this edition.", language, root), "cited": cited,
        "held": copyright and words("Copyright © {copyright}.", language, root,
                                    copyright=words(copyright, language, root)),
        "rights": rights(facts, language),
        "typeset": words("Typeset with XeLaTeX in {fonts} from the sources of the HTML edition; quotations and data"
                         " are printed exactly as the data give them.", language, root, fonts=fonts),
    })  # fmt: skip


def latex_front_matter(facts: EditionFacts, title: str, author: str, copyright: str = "", language: str = "en"):
    """``maketitle`` (half-title, title page, imprint) and the PDF metadata for ``latex_elements``."""
    root, brief = facts.root, facts.brief
    named = _(title, language, root)
    main, mark, sub = (re.split("([?؟]) ", named, maxsplit=1) + ["", ""])[:3]  # a title, its subtitle
    maketitle = LaTeXRenderer([TEMPLATES]).render("front-matter.tex.jinja", {
        "main": tex(main + mark), "sub": tex(sub), "contributors": words(author, language, root),
        "by": words("A study edition of the brief by {authors}", language, root,
                    authors=words(brief.names, language, root)),
        "published": words("{publisher}, {series} series, {date}", language, root,
                           publisher=words(brief.publisher, language, root),
                           series=english(tex(brief.series), language), date=date_words(brief.date, language)),
        "edition": words("Version {version}", language, root, version=english(tex(facts.version), language)),
        "date": date_words(facts.date, language), "imprint": imprint(facts, author, copyright, language),
    })  # fmt: skip
    subject = _("Study edition of {authors}, {title} ({publisher}, {date})", language, root).format(
        authors=_(brief.names, language, root), title=brief.title, publisher=_(brief.publisher, language, root),
        date=long_date(brief.date, language))  # fmt: skip
    meta = (
        r"\AtBeginDocument{\hypersetup{"
        rf"pdftitle={{{tex(named)}}}, pdfauthor={{{tex(_(author, language, root))}}}, "
        rf"pdfsubject={{{tex(subject)}}}, pdfkeywords={{{tex('; '.join(facts.keywords))}}}, "
        r"pdfcreator={Jupyter Book, Sphinx and XeLaTeX}, bookmarksnumbered=true}}"
    )
    # The PDF's /Lang: hyperref writes the catalogue as the document begins, so it is set in the preamble.
    return {"maketitle": maketitle + "\n", "preamble": f"{meta}\n\\hypersetup{{pdflang={{{language}}}}}\n"}
