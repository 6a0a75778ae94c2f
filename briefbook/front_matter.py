"""The PDF's front matter (half-title, title page, imprint, PDF metadata) for ``latex_elements``, in
each language; in Arabic what stays English is marked ``\\textenglish``."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from string import Formatter

from sphinx.util.template import LaTeXRenderer
from sphinx.util.texescape import escape as tex

from . import cite, i18n
from .edition import EditionFacts, settings, typographic
from .languages import LATIN_RUN
from .paths import read_yaml

URL = re.compile(r"(\\url\{[^}]*\})")
# An address, or a number with dots ("0.1.0", "4.0"): one left-to-right unit in right-to-left text.
UNITS = re.compile(rf"{URL.pattern}|(?<![\d.])\d+(?:\.\d+)+(?!\.?\d)")
TEMPLATES = LaTeXRenderer([str(Path(__file__).resolve().parent / "templates" / "latex")])


def book_words(root: Path | str) -> list[str]:
    """The front matter's and the tables' words from _config.yml and CITATION.cff, for the package's catalog."""
    config, facts, own = read_yaml(Path(root) / "_config.yml"), EditionFacts.read(root, "", ""), settings(Path(root))
    found = [*map(config.get, ("title", "author", "copyright")), facts.title, facts.abstract, facts.brief.names]
    found += [facts.brief.publisher, *own.get("briefbook_table_words", {}).values(), facts.holders()]
    found += [words for lic in facts.rights for words in (lic.covers, lic.parts)]
    return list(dict.fromkeys(str(word) for word in found + own.get("briefbook_value_words", []) if word))


def tex_form(item: dict, style: str) -> str:
    """A citation form (:mod:`briefbook.cite`) in LaTeX: italics, its own addresses as links, the rest typographic."""
    out, own = [], cite.item_addresses(item)
    for text, italic in cite.segments(item, style):
        for i, piece in enumerate([text] if italic else own.split(text)):
            latex = rf"\url{{{tex_url(piece)}}}" if i % 2 else tex(typographic(piece))
            out.append(rf"\emph{{{latex}}}" if italic else latex)
    return "".join(out)


def tex_url(url: str) -> str:
    """An address for ``\\url``: what no address may hold percent-encoded, ``#`` and ``%`` escaped."""
    url = re.sub(r'[\\{}\s"<>^`|\x00-\x1f\x7f]', lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)
    return re.sub(r"([#%])", r"\\\1", url)


def english(latex: str, language: str) -> str:
    return latex if language == "en" else rf"\textenglish{{{latex}}}"


def numbers(latex: str, language: str) -> str:
    """Each number with dots marked as one left-to-right unit, an address left as it is."""
    return latex if language == "en" else UNITS.sub(lambda m: m.group(1) or english(m.group(), "ar"), latex)


def to_latex(text: str, language: str) -> str:
    """Text in LaTeX, typographic in English; in Arabic, its runs of Latin letters marked as English."""
    if language == "en":
        return tex(typographic(text)).replace("\u00a0", "~")
    pieces = enumerate(LATIN_RUN.split(text))
    return "".join(english(tex(p), "ar") if i % 2 else numbers(tex(p).replace("\u00a0", "~"), "ar") for i, p in pieces)


def words(message: str, language: str, root: Path | str, **values: str) -> str:
    """``message`` translated, in LaTeX, its ``{name}`` places filled with ``values``; untranslated, marked English."""
    text, out = i18n.gettext(message, language, Path(root)), ""
    for literal, name, _spec, _conv in Formatter().parse(text):
        out += to_latex(literal, "en" if text == message else language) + (values[name] if name is not None else "")
    return english(out, language) if text == message else out


def latex_front_matter(facts: EditionFacts, title: str, author: str, copyright: str = ""):
    """``maketitle`` (half-title, title page, and the imprint: what this copy is, how to cite it) and the PDF
    metadata for ``latex_elements``, in the edition's language."""
    language, brief, named = facts.language, facts.brief, facts._(title)
    _ = partial(words, language=language, root=facts.root)
    main, mark, sub = (re.split("([?؟]) ", named, maxsplit=1) + ["", ""])[:3]  # a title, its subtitle
    sha, book, version = facts.commit or "", cite.book_item(facts), english(tex(facts.version), language)
    brief_day, day = (tex(i18n.long_date(when, language)).replace(" ", "~") for when in (brief.date, facts.date))
    statement = facts.pieces(facts.sentences(facts._)["statement"]) if facts.rights else ()  # not yet LaTeX
    body = "".join(english(rf"\url{{{p}}}", language) if lic else to_latex(p, language) for p, lic in statement)
    # the edition cited in its own language (briefbook.cite), its address marked as English
    cited = URL.sub(lambda m: english(m.group(), language), numbers(tex_form(book, "chicago-author-date"), language))
    if (facts.root / "chapters" / "how-to-cite.md").is_file():
        more = _(
            "Other forms (APA, BibTeX), citation files, and how to cite one quotation, figure or claim:"
            " How to cite, p.\u00a0{page}.",
            page=r"\pageref{\detokenize{chapters/how-to-cite::doc}}",
        )
        cited += (" " if language == "en" else r"\par ") + more
    of_brief = {"authors": _(brief.names), "publisher": _(brief.publisher), "date": brief_day}  # as the pages name it
    of_brief["title"] = english(tex(typographic(f"“{brief.title}”")), language)
    of_brief["series"] = english(tex(brief.series), language)
    note = tex(typographic(book.get("note", "")))
    if language != "en":
        note = _("Study edition of {authors}, {title}, {publisher}, {date}.", **of_brief)
    built = _("Built outside a git checkout: no commit is recorded.")
    if sha:
        breakable = r"\allowbreak{}".join(sha[i : i + 8] for i in range(0, len(sha), 8))
        commit = english(rf"\texttt{{{breakable}}}", language)
        built = _("Built from commit {commit} of the edition's sources.", commit=commit)
    maketitle = TEMPLATES.render(
        "front-matter.tex.jinja",
        {
            "main": tex(main + mark),
            "sub": tex(sub),
            "contributors": _(author),
            "by": _("A study edition of the brief by {authors}", **of_brief),
            "published": _("{publisher}, {series} series, {date}", **of_brief),
            "edition": _("Version {version}", version=version),
            "date": day,
            "flush": r"\raggedleft" if i18n.direction(language) == "rtl" else r"\raggedright",
            "title": tex(typographic(book["title"]) if language == "en" else book["title"]),
            "note": note,
            "version": _("Version {version}, {date}.", version=version, date=day),
            "online": book.get("URL")
            and _("Online at {address}.", address=english(rf"\url{{{tex_url(book['URL'])}}}", language)),
            "built": built,
            "how": _("How to cite this edition."),
            "cited": cited,
            "held": copyright and _("Copyright © {copyright}.", copyright=_(copyright)),
            "rights": r"\textbf{" + _("Licence.") + "} " + body if facts.rights else "",
            "typeset": _(
                "Typeset with XeLaTeX in {fonts} from the sources of the HTML edition; quotations and data are printed"
                " exactly as the data give them.",
                fonts=english(dict(facts.fonts).get(language, ""), language),
            ),
        },
    )
    pdf = {"pdftitle": named, "pdfauthor": facts._(author), "pdfsubject": book.get("note", "")}  # subject: the brief
    pdf |= {"pdfkeywords": "; ".join(facts.keywords), "pdfcreator": "Jupyter Book, Sphinx and XeLaTeX"}
    meta = ", ".join(f"{key}={{{tex(value)}}}" for key, value in pdf.items())
    # The PDF's /Lang: hyperref writes the catalogue as the document begins, so it is set in the preamble.
    preamble = rf"\AtBeginDocument{{\hypersetup{{{meta}, bookmarksnumbered=true}}}}" + "\n"
    preamble += rf"\hypersetup{{pdflang={{{language}}}}}" + "\n"
    return {"maketitle": maketitle + "\n", "preamble": preamble}
