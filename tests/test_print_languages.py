"""The PDF in another language (briefbook.sphinx.printing and output, briefbook.front_matter): the
Arabic edition's preamble, title page and right-to-left marking, and the English edition as it was."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from print_languages_project import build_latex, make_project

from briefbook import front_matter
from briefbook.edition import EditionFacts
from briefbook.paths import read_yaml

TITLE_AR = "هل تلمّح المقاومة إلى خفض التصعيد؟"


@pytest.fixture(scope="module")
def print_latex(tmp_path_factory) -> dict[str, str]:
    root = make_project(tmp_path_factory.mktemp("print-languages"))
    return {lang: (build_latex(root, lang) / "book.tex").read_text(encoding="utf-8") for lang in ("en", "ar")}


def preamble(tex: str) -> str:
    return tex.split(r"\begin{document}")[0]


@pytest.mark.sphinx
def test_the_arabic_preamble_makes_arabic_the_main_language_with_western_digits(print_latex):
    head = preamble(print_latex["ar"])
    assert r"\setmainlanguage[numerals=maghrib]{arabic}\setotherlanguage{english}" in head
    assert r"\setmainlanguage{arabic}" not in head  # Sphinx's own, before hyperref, is left out
    # bidi (loaded with the right-to-left main language) must follow hyperref and xcolor.
    assert head.index(r"\usepackage{hyperref}") < head.index(r"\usepackage{polyglossia}")
    assert r"\setotherlanguage{arabic}" not in head
    sty = (ROOT / "briefbook" / "sphinx" / "briefbook-print-rtl.sty").read_text(encoding="utf-8")
    assert r"\renewfontfamily\arabicfont[Script=Arabic,Scale=1.1]{Amiri}" in sty
    assert r"\newfontfamily\arabicfontsf[Script=Arabic,Scale=1.1]{Amiri}" in sty
    assert r"\setmainfont{Noto Serif}" in head  # English stays in Noto Serif
    assert r"\usepackage{briefbook-print-rtl}" in head
    assert r"\renewcommand{\contentsname}{المحتويات}" in head and r"\renewcommand{\chaptername}{الفصل}" in head


@pytest.mark.sphinx
def test_the_english_preamble_is_unchanged(print_latex):
    head = preamble(print_latex["en"])
    assert r"\setmainlanguage{english}" in head and r"\setotherlanguage{arabic}" in head
    assert r"\newfontfamily\arabicfont[Script=Arabic,Scale=1.15]{Noto Naskh Arabic}" in head
    assert "Amiri" not in head and "briefbook-print-rtl" not in head and "numerals=maghrib" not in head
    assert "briefbookenglish" not in print_latex["en"]
    assert r"\title{Are the Muqawama Signaling De-Escalation? A Study Edition}" in head


@pytest.mark.sphinx
def test_the_arabic_title_page_and_running_heads_are_in_arabic(print_latex):
    tex = print_latex["ar"]
    assert rf"\title{{{TITLE_AR} طبعة دراسية}}" in tex
    assert r"\author{المساهمون في الطبعة الدراسية}" in tex
    title_page = tex.split(r"\begin{document}")[1].split(r"\clearpage")[0]
    assert rf"{{\Huge\bfseries {TITLE_AR}\par}}" in title_page
    assert "طبعة دراسية للموجز الذي كتبه حمدي مالك وكريسبن سميث" in title_page
    assert r"سلسلة \textenglish{Militia Spotlight}" in title_page
    assert "9~تموز/يوليو~2021" in title_page  # a date is not broken across lines
    assert "A study edition of the brief" not in tex
    assert f"pdftitle={{{TITLE_AR} طبعة دراسية}}" in tex
    # no Arabic words set as English (in the English font, left to right): the front matter's words are
    # translated once, from the catalog, and only what the catalog leaves in English is marked English
    english = re.findall(r"\\textenglish\{([^{}]*)\}", tex)
    assert english and not [words for words in english if re.search("[\u0600-\u06ff]", words)]


@pytest.mark.sphinx
def test_english_inside_arabic_is_marked_left_to_right(print_latex):
    body = print_latex["ar"].split(r"\begin{document}")[1]
    assert r"\textenglish{Militia Spotlight}" in body  # the {en} role
    # a Latin run in Arabic text, with its brackets (briefbook.sphinx.bidi)
    assert r"\textenglish{(Abu Ali al\sphinxhyphen{}Askari)}،" in body
    assert r'\sphinxcode{\sphinxupquote{chart("timeline")}}' in body  # briefbook-print-rtl.sty sets it LTR
    # An English paragraph, and the quotation as the brief gives it, are left-to-right blocks.
    assert re.search(
        r"\\begin\{briefbookenglish\}\s*\\sphinxAtStartPar\s*(\\textenglish\{)?This paragraph is not translated yet",
        body,
    )
    assert re.search(r"\\begin\{briefbookenglish\}\s*\\sphinxAtStartPar\s*(\\textenglish\{)?“We call on", body)
    # The English edition marks none of it.
    assert "This paragraph is not translated yet." in print_latex["en"]
    assert r"\textenglish{Abu Ali" not in print_latex["en"]


@pytest.mark.unit
def test_front_matter_words_come_from_the_catalog_and_english_is_marked():
    # A sentence with no Arabic yet is printed in English, marked as English.
    assert front_matter.words("No such sentence {x}.", "ar", ROOT, x="1") == r"\textenglish{No such sentence 1.}"
    # Latin words in an Arabic sentence (XeLaTeX, HTML) are marked as English.
    typeset = front_matter.words(
        "Typeset with XeLaTeX in {fonts} from the sources of the HTML edition; quotations and data are"
        " printed exactly as the data give them.",
        "ar", ROOT, fonts="F",
    )  # fmt: skip
    assert r"\textenglish{XeLaTeX}" in typeset and r"\textenglish{HTML}" in typeset and "صُفّت" in typeset
    # English words are escaped and given typographic quotes, as before.
    assert front_matter.words("The edition's {x}", "en", ROOT, x=r"\X") == r"The edition’s \X"


@pytest.mark.unit
def test_the_english_front_matter_is_the_same_whatever_the_arabic_catalog_says():
    book = read_yaml(ROOT / "_config.yml")
    en = front_matter.latex_front_matter(EditionFacts.read(ROOT), book["title"], book["author"], book["copyright"])
    assert "A study edition of the brief by Hamdi Malik and Crispin Smith" in en["maketitle"]
    assert "textenglish" not in en["maketitle"] and "briefbookenglish" not in en["maketitle"]
    assert "How to cite, p.~\\pageref" in en["maketitle"]


@pytest.mark.sphinx
def test_the_arabic_figure_label_is_the_html_s(print_latex):
    """Captions say "الشكل 1.1", as the HTML edition does (its "Fig. %s" from the catalog), not
    polyglossia's own "شكل"."""
    assert r"\renewcommand{\figurename}{الشكل\nobreakspace}" in preamble(print_latex["ar"])
    assert r"\renewcommand{\figurename}" not in preamble(print_latex["en"])


@pytest.mark.sphinx
def test_numbers_with_dots_in_arabic_text_are_one_left_to_right_unit(print_latex):
    """Set in the Arabic face inside right-to-left text, "2.1" reads "1.2" and "4.0" reads "0.4":
    in the body (a cite line's figure, a version) and in the front matter (the imprint's version,
    the licence's) each number with dots is marked as English."""
    body = print_latex["ar"].split(r"\begin{document}")[1]
    assert r"الشكل \textenglish{2.1} والإصدار \textenglish{0.1.0}." in body
    assert r"\textenglish{2.1}" not in print_latex["en"]
    arabic = EditionFacts.read(ROOT).in_language("ar")
    rights = front_matter.latex_front_matter(arabic, "A title", "Its authors")["maketitle"]
    assert r"\textenglish{4.0}" in rights and not re.search(r"[\u0600-\u06ff] \d+\.\d", rights), rights
    assert front_matter.numbers(r"نسخة 4.0 و\url{https://x.org/by/4.0/}", "ar") == (
        r"نسخة \textenglish{4.0} و\url{https://x.org/by/4.0/}"
    )
    book = read_yaml(ROOT / "_config.yml")
    imprint = front_matter.latex_front_matter(arabic, book["title"], book["author"], book["copyright"])
    assert not re.search(r"(?<!\{)\b\d+\.\d+\.\d+\b(?!\})", imprint["maketitle"]), "a version left unmarked"


@pytest.mark.sphinx
def test_the_space_after_an_english_label_stays_on_the_arabic_side(print_latex):
    """The label "Chicago. " before Arabic: the space that ends the English run, inside its left-to-right box,
    stood on the far side from the Arabic, which then ran into the label."""
    body = print_latex["ar"].split(r"\begin{document}")[1]
    assert r"\textenglish{\sphinxstylestrong{Chicago.}} المساهمون" in body


@pytest.mark.sphinx
def test_a_link_set_as_words_keeps_the_style_of_a_link(print_latex):
    """In the Arabic PDF a link its page follows (a link to a card; any link too long to be sure of one line)
    is set as words, the page the link (XeTeX's reversal of a wrapping link makes xdvipdfmx drop it): the words
    keep Sphinx's style of a link (\\sphinxcrossref: italic, as the register's first words are in the English
    PDF), without \\hyperref. The English PDF links both; only the link to a card gives its page."""
    arabic, english = (print_latex[lang].split(r"\begin{document}")[1] for lang in ("ar", "en"))
    long = r"\sphinxcrossref{\DUrole{std,std-ref}{The muqawama operations were {[}designed to{]}…}}"
    assert "{{" + long + r"}}\briefbookpageref{ص.}{\detokenize{index:overview}}" in arabic
    assert r"{\hyperref[\detokenize{index:overview}]{" + long + "}}." in english
    card, short = "index:quote-askari-2021-07-08-restraint", r"\sphinxcrossref{\DUrole{xref,myst}{8 تموز}}"
    assert "{{" + short + r"}}\briefbookpageref{ص.}{\detokenize{" + card + "}}" in arabic
    assert r"{\hyperref[\detokenize{" + card + "}]{" + short + r"}}\briefbookpageref{p.}" in english
    assert (
        r"\hyperref[\detokenize{index:overview}]" not in arabic and rf"\hyperref[\detokenize{{{card}}}]" not in arabic
    )
