"""XeLaTeX on a tiny Arabic project (print_languages_project): the fonts embedded, no missing
glyph, the Arabic title page and text extracted in reading order, English left to right."""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata

import pytest
from conftest import ROOT, pdf_pages
from print_languages_project import build_latex, make_project
from pypdf import PdfReader

from briefbook import edition
from briefbook.pipeline.worker import missing_glyphs

pytestmark = pytest.mark.build

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e]")


@pytest.fixture(scope="module")
def arabic_pdf(tmp_path_factory):
    out = build_latex(make_project(tmp_path_factory.mktemp("pdf-arabic")), "ar")
    env = dict(os.environ, SOURCE_DATE_EPOCH=edition.source_date_epoch(ROOT), FORCE_SOURCE_DATE="1")
    env["max_print_line"] = "100000"
    argv = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "book.tex"]
    done = subprocess.run(argv, cwd=out, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    log = (out / "book.log").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, log[-3000:]
    return out / "book.pdf", log, out / "book.tex"


def text_of(pdf, first: int, last: int) -> str:
    argv = ["pdftotext", "-f", str(first), "-l", str(last), str(pdf), "-"]
    text = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return BIDI_MARKS.sub("", unicodedata.normalize("NFKC", text))


def test_no_missing_glyph(arabic_pdf):
    _pdf, log, tex = arabic_pdf
    assert missing_glyphs(log, tex) == []


def test_every_font_is_embedded_and_arabic_is_set_in_amiri(arabic_pdf):
    pdf, _log, _tex = arabic_pdf
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows
    names = " ".join(row.split()[0] for row in rows)
    assert "Amiri-Regular" in names and "NotoSerif-Regular" in names


def test_the_title_page_is_arabic_and_extracts_in_reading_order(arabic_pdf):
    pdf, _log, _tex = arabic_pdf
    assert PdfReader(pdf).metadata.title == "هل تلمّح المقاومة إلى خفض التصعيد؟ طبعة دراسية"
    title_page = " ".join(text_of(pdf, 3, 3).split())
    # pdftotext gives right-to-left lines in logical order: the words read in their order.
    assert "المقاومة إلى خفض التصعيد؟" in title_page
    assert "طبعة دراسية للموجز الذي كتبه حمدي مالك وكريسبن سميث" in title_page
    assert "Militia Spotlight" in title_page  # English inside it, left to right


def test_arabic_text_and_the_english_quotation_are_extracted_whole(arabic_pdf):
    pdf, _log, _tex = arabic_pdf
    pages = len(PdfReader(pdf).pages)
    text = " ".join(text_of(pdf, 1, pages).split())
    assert "يتناول هذا الفصل سلسلة" in text
    assert "المحتويات" in text.replace(" ", "")  # Amiri's glyph positions make pdftotext split it
    # pdftotext reads a line of English in a right-to-left book with its closing bracket first: the words, in order
    assert "“We call on our brothers in the muqawama fasail [resistance armed groups" in text
    assert text.index("fasail [resistance armed groups") < text.index("to preserve rules of engagement")
    assert "This paragraph is not translated yet." in text


def test_a_link_its_page_follows_is_set_as_words_in_the_arabic_pdf(book):
    """XeTeX's reversal of a right-to-left line puts the ends of a link that wraps out of order, and
    xdvipdfmx drops the link ("Can't begin an annotation when one is pending"): in the Arabic PDF a
    link to a card, or any link too long to be sure of one line, is set as words, its page the link."""
    tex = (book / "_build" / ".work" / "latex-ar" / "book.tex").read_text(encoding="utf-8")
    pages = list(re.finditer(r"\\briefbookpageref\{[^}]*\}\{\\detokenize\{([^}]+)\}\}", tex))
    assert len(pages) > 40
    linked = [m[1] for m in pages if f"\\hyperref[\\detokenize{{{m[1]}}}]" in tex[max(0, m.start() - 600) : m.start()]]
    assert not linked, linked[:5]
    # a long link without a card (an event in a claims table) gives its page too, the words not a link
    assert "\\briefbookpageref{ص.}{\\detokenize{chapters/strikes-and-escalation:event-" in tex
    english = (book / "_build" / ".work" / "latex" / "book.tex").read_text(encoding="utf-8")
    assert "\\hyperref[\\detokenize{chapters/quotations:quote-" in english  # the English keeps its links


def test_the_edition_s_marks_open_where_their_words_start_in_both_pdfs(book):
    """⟨ ⟩ are set in a font of their own, a run XeTeX shapes left to right and does not mirror: in
    right-to-left text they came out reversed (⟩التهديدات⟨). Read in the page's visual order, every
    pair on a line is ⟨ … ⟩, in the Arabic PDF as in the English, as a browser shows them."""
    from briefbook.project import Project

    for language in ("en", "ar"):
        pairs = 0
        for page in pdf_pages(Project(book).published("pdf", language)):
            marks = [c for c in page.chars if c["text"] in "⟨⟩"]
            for line in {round(c["top"]) for c in marks}:
                shown = "".join(c["text"] for c in sorted(marks, key=lambda c: c["x0"]) if round(c["top"]) == line)
                assert shown == "⟨⟩" * (len(shown) // 2), (language, page.page_number, shown)
                pairs += len(shown) // 2
        assert pairs >= 3, language


@pytest.mark.parametrize("built_as", ["book", "addressed_build"])
def test_no_link_of_the_arabic_pdf_wraps(built_as, request):
    """XeTeX reverses the parts of a right-to-left line: a link that wrapped ended before it started,
    xdvipdfmx dropped it ("Can't begin an annotation when one is pending") and stretched the link
    before it over the lines between. In the Arabic PDF every link stays on its line, a word at a
    time (an address a part at a time, the cite lines' too where the book has an address): no such
    warning, and no link in the body is wider than a short phrase (the English PDF, where links wrap
    well, has many; so did the Arabic, 73, and with an address 9 warnings more)."""
    from briefbook.project import Project

    book = request.getfixturevalue(built_as)
    book = book[0] if isinstance(book, tuple) else book
    log = max((book / "_build" / "logs").glob("build-*-ar.log"), key=lambda p: p.stat().st_mtime).read_text()
    assert "applying rule 'xdvipdfmx'" in log, log[-2000:]  # the build that wrote the PDF
    assert "annotation" not in log, [line for line in log.splitlines() if "annotation" in line][:4]
    reader = PdfReader(Project(book).published("pdf", "ar"))
    links = [
        (label, float(rect[2]) - float(rect[0]))
        for page, label in zip(reader.pages, reader.page_labels, strict=True)
        for annotation in page.get("/Annots") or []
        if (rect := annotation.get_object()["/Rect"]) and annotation.get_object()["/Subtype"] == "/Link"
    ]
    body = [(label, width) for label, width in links if label.isdigit()]
    assert len(body) > 500 and all(width < 250 for _label, width in body), [b for b in body if b[1] >= 250][:8]
