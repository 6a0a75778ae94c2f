"""The PDF edition: fonts embedded, Arabic set in an Arabic font, every quotation present,
no missing glyphs, metadata, a sane page count, and nothing built again when nothing changed.
All on the session's built scratch copy of the book (conftest's ``book``)."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import ROOT, pdf_pages, run_build
from pypdf import PdfReader

from briefbook.data import load
from briefbook.markup import plain
from briefbook.project import Project

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def pdf(book):
    return Project(book).published("pdf")


def squash(text: str) -> str:
    """Compare text without the line breaks and hyphenation that typesetting adds."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def test_pdf_is_named_for_the_book_and_its_version(pdf):
    from briefbook import __version__

    assert pdf.name == f"muqawama-de-escalation-study-edition-{__version__}.pdf"


def test_every_font_is_embedded_and_arabic_has_its_own(pdf):
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        # name type... encoding emb sub uni object ID: 'emb' is the fifth column from the end
        assert cols[-5] == "yes", row
    assert any("NotoNaskhArabic" in row for row in rows)


def test_every_quotation_is_in_the_text(pdf):
    text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    data = load(ROOT / "data")
    for q in data.quotations.itertuples():
        assert squash(plain(q.text)) in text, q.id
    for t in data.translations.itertuples():
        assert squash(t.text) in text, t.id


def test_arabic_verse_is_in_the_text(pdf):
    """XeTeX shapes Arabic into presentation forms; NFKC maps them back to letters."""
    import unicodedata

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    letters = re.findall("[\u0621-\u064a]", unicodedata.normalize("NFKC", text))
    assert len(letters) >= 2 * 40  # the verse has over forty letters; it appears twice


def test_no_missing_glyphs(book):
    log = (Project(book).sphinx_output("latex") / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert "undefined references" not in log


def test_metadata_and_outline(pdf):
    reader = PdfReader(pdf)
    meta = reader.metadata
    assert meta.title.startswith("Are the Muqawama Signaling De-Escalation?")
    assert meta.author
    assert "Malik" in meta.subject and "Smith" in meta.subject
    assert "Iraq" in reader.metadata.get("/Keywords", "")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any("Overview" in t for t in titles)
    assert any("Glossary" in t for t in titles)
    assert 30 <= len(reader.pages) <= 150


def test_title_page_and_list_of_figures(pdf):
    """The front matter (half-title, title page, imprint; test_print reads it closely) names the
    brief's authors, the version and how to cite it, and is followed by the list of figures."""
    reader = PdfReader(pdf)
    front = [reader.pages[i].extract_text() for i in range(8)]
    assert any("Hamdi Malik and Crispin Smith" in page for page in front[:3])
    assert any("Version" in page and "How to cite" in page for page in front[:4])
    assert "List of Figures" in " ".join(front)


def test_figures_are_vector(pdf):
    reader = PdfReader(pdf)
    forms = 0
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for obj in xobjects.values():
            obj = obj.get_object()
            assert obj.get("/Subtype") != "/Image", "a raster image in the PDF"
            if obj.get("/Subtype") == "/Form":
                forms += 1
    assert forms >= 4


def test_rebuild_without_changes_builds_nothing(book, pdf):
    before = {p: p.stat().st_mtime_ns for p in (pdf, Project(book).html_dir / "index.html")}
    result = run_build(book)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "nothing has changed since the last build" in result.stdout
    assert "[HTML]" not in result.stdout and "PDF (XeLaTeX)" not in result.stdout
    assert {p: p.stat().st_mtime_ns for p in before} == before


def test_typographic_ligatures_are_set(pdf):
    """Attributions use an em dash; with fontspec it must not come out as three hyphens."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "---" not in text
    assert "—Abu Ali al-Askari" in text


def test_the_print_edition_keeps_the_order_and_the_edition_s_marks(pdf):
    """The register in print follows the order of time within a day; the brief's faults are marked."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    data = load(ROOT / "data")
    # The register (chapter 6) lists the statements by their first words, in the order of time.
    # The register's last column (how many other translations) is a lone number at a line's end, which
    # pdftotext may read between the lines of the first words beside it: left out here.
    flat_text = squash(re.sub(r"(?m)(^| )\d+$", "", text))
    register = flat_text[flat_text.rindex(squash("not counted among the other published translations")) :]
    register = register[: register.index(squash("Data and methods"))]
    words = [
        squash(data.evidence_label(q.id).split(": ", 1)[1].strip("“”…"))[:25] for q in data.quotations.itertuples()
    ]
    starts = [register.find(w) for w in words]
    assert -1 not in starts and starts == sorted(starts), list(zip(data.quotations["id"], starts, strict=True))
    flat = " ".join(text.split())
    assert "made a barrage of ⟨threats⟩ against" in flat
    assert "all your bases.⟨”⟩" in flat
    assert "Order within the day:" in flat


# --- Both editions' PDFs: colour, numbers, language, code blocks ---------------------------------

NUMBER = re.compile(r"(?<![\d.])(\d+\.\d+)(?![\d.])")


@pytest.fixture(scope="module")
def pdfs(book) -> dict[str, object]:
    project = Project(book)
    return {language: project.published("pdf", language) for language in ("en", "ar")}


def relative_luminance(rgb) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def as_rgb(colour) -> tuple[float, float, float]:
    """pdfplumber's fill colour (grey, RGB or CMYK components; None is black) as RGB."""
    if colour is None:
        return (0.0, 0.0, 0.0)
    values = tuple(colour) if isinstance(colour, (list, tuple)) else (colour,)
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return tuple(values[:3])


def pale_characters(pdf) -> dict[int, str]:
    """Each page's characters whose fill colour has a contrast under 4.5:1 (WCAG AA) on white paper."""
    found: dict[int, str] = {}
    for number, page in enumerate(pdf_pages(pdf), start=1):
        pale = [
            c["text"]
            for c in page.chars
            if 1.05 / (relative_luminance(as_rgb(c.get("non_stroking_color"))) + 0.05) < 4.5
        ]
        if pale:
            found[number] = "".join(pale)[:60]
    return found


def front_numbers(pdf) -> dict[str, list[str]]:
    """The two-level numbers of the contents and of the list of figures, as they read on the page
    (left to right, as digits are read in either language): the pages from each one's bookmark to
    the next (the contents, the list of figures, the preface)."""
    reader = PdfReader(pdf)
    starts = [reader.get_destination_page_number(item) for item in reader.outline[:3]]
    found = {}
    for name, first, last in zip(("contents", "figures"), starts, starts[1:], strict=False):
        numbers = []
        for page in pdf_pages(pdf)[first:last]:
            for line in page.extract_text_lines():
                numbers += NUMBER.findall(line["text"])
        found[name] = numbers
    return found


def html_numbers(html_dir) -> dict[str, list[str]]:
    """The HTML edition's section and figure numbers, in order."""
    from bs4 import BeautifulSoup

    sections, figures = set(), set()
    for page in html_dir.glob("chapters/*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        sections |= {s.get_text().strip(" .") for h in soup.find_all("h2") for s in h.select("span.section-number")}
        figures |= {NUMBER.search(s.get_text()).group(1) for s in soup.select("figcaption span.caption-number")}

    def order(numbers):
        return sorted(numbers, key=lambda n: tuple(map(int, n.split("."))))

    return {"contents": order(sections), "figures": order(figures)}


def test_no_character_is_pale_on_the_page(pdfs):
    """Every character, body text, tables, boxes and code alike, has a contrast of at least 4.5:1
    on white. Under bidi the Arabic PDF once kept a note box's background colour (#D0DEFA, 1.35:1)
    for the rest of the book."""
    for language, pdf in pdfs.items():
        assert pale_characters(pdf) == {}, language


def test_two_level_numbers_read_the_same_in_both_pdfs_and_the_html(book, pdfs):
    """Section and figure numbers (3.1, not 1.3) in the contents and the list of figures of both
    PDFs, in order, and the same as the HTML edition's."""
    project = Project(book)
    english, arabic = front_numbers(pdfs["en"]), front_numbers(pdfs["ar"])
    assert english == arabic
    assert english == html_numbers(project.html_dir) == html_numbers(project.html_dir / "ar")
    assert "3.1" in english["contents"] and "7.1" in english["figures"]


def test_each_pdf_declares_its_language(pdfs):
    """The catalogue's /Lang (hyperref's pdflang), which a screen reader uses to pick a voice.
    The PDFs are not tagged: XeLaTeX's tagging is out of reach of this build."""
    for language, pdf in pdfs.items():
        assert PdfReader(pdf).trailer["/Root"].get("/Lang") == language


def test_code_blocks_copy_as_written(pdfs):
    """A broken line of a code block (the How to cite page's BibTeX) shows no visible-space or
    continuation mark: what a reader copies is the BibTeX itself."""
    for pdf in pdfs.values():
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        # the continuation arrow (a math font's hook arrow) extracts as "↪" or ",→"
        assert "\u2423" not in text and "\u21aa" not in text and ",\u2192" not in text
        assert "@book{" in text.replace(" ", "")


# --- Page make-up: headings kept with what follows them, chapter titles on the text's side ------


def outline_entries(reader: PdfReader, depth: int = 0, items=None):
    """Each bookmark of the PDF with its depth (0: chapters, 1: sections, ...)."""
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from outline_entries(reader, depth + 1, item)
        else:
            yield item, depth


def body_lines(page, head: float, foot: float) -> list[dict]:
    """A page's text lines between its running head and its running foot."""
    return [line for line in page.extract_text_lines() if head < line["top"] < foot]


def stranded_headings(pdf) -> list[tuple[int, str]]:
    """The section headings (bookmarks below the chapters) that end their page: no line of text
    follows them above the running foot. The heading is its first line and what stands beside it
    (its number, set apart in the Arabic PDF) or continues it in its own face."""
    from collections import Counter

    reader = PdfReader(pdf)
    found = []
    pages = [page.extract_text_lines() for page in pdf_pages(pdf)]
    # the running foot is the last line of nearly every page, the running head the first
    foot = Counter(round(lines[-1]["top"]) for lines in pages if lines).most_common(1)[0][0] - 6
    head = Counter(round(lines[0]["top"]) for lines in pages if lines).most_common(1)[0][0] + 6
    for item, depth in outline_entries(reader):
        if depth == 0 or item.get("/Top") is None:
            continue
        number = reader.get_destination_page_number(item)
        anchor = pdf_pages(pdf)[number].height - float(item["/Top"])
        lines = [line for line in pages[number] if head < line["top"] < foot and line["top"] >= anchor - 2]
        if not lines:
            continue
        face, bottom, rest = lines[0]["chars"][0], lines[0]["bottom"], lines[1:]
        while rest and (
            rest[0]["top"] < bottom - 2
            or (
                rest[0]["chars"][0]["fontname"] == face["fontname"]
                and abs(rest[0]["chars"][0]["size"] - face["size"]) < 0.5
                and rest[0]["top"] - bottom < face["size"]
            )
        ):
            bottom, rest = max(bottom, rest[0]["bottom"]), rest[1:]
        if not rest:
            found.append((number + 1, item.title))
    return found


def test_no_section_heading_ends_a_page(pdfs):
    """A heading is on the page of what it heads. "3.5 Claims in this chapter" was left at the foot
    of a page below a figure that \\FloatBarrier had put out, its table on the next page: the room
    kept for the heading was measured while that page was still empty (\\pagegoal unset)."""
    for language, pdf in pdfs.items():
        assert stranded_headings(pdf) == [], language


def chapter_title_edges(pdf) -> dict[str, tuple[float, float]]:
    """Each chapter's title (the largest line on its first page): its left and right edges."""
    reader = PdfReader(pdf)
    edges = {}
    for item, depth in outline_entries(reader):
        if depth:
            continue
        page = pdf_pages(pdf)[reader.get_destination_page_number(item)]
        lines = page.extract_text_lines()
        if lines:
            title = max(lines, key=lambda line: line["chars"][0]["size"])
            edges[item.title] = (title["x0"], title["x1"], page.width)
    return edges


def test_arabic_chapter_titles_start_at_the_right(pdfs):
    """Every chapter title of the Arabic PDF ends at the right margin, where Arabic starts. "About
    this edition" was flush left: bidi's longtable output mirrors the page above a table that
    breaks, and the title was pushed right by \\raggedleft's outer skip, which the mirror moved."""
    edges = chapter_title_edges(pdfs["ar"])
    assert len(edges) >= 10
    right = max(x1 for _x0, x1, _w in edges.values())
    for title, (x0, x1, width) in edges.items():
        assert x1 > right - 3 and x0 > width / 3, (title, x0, x1)


BROWSER_ONLY = {"en": "In the browser the table can be sorted", "ar": "وفي المتصفّح يمكن فرز الجدول"}


def test_the_register_s_browser_instructions_are_only_in_the_html(book):
    """Sorting and filtering the register need the HTML book's script: the sentence that says so
    is in the site (``{only} html and not epub``), not in either PDF nor in the EPUBs, which have no
    script."""
    import zipfile

    project = Project(book)
    for language, sentence in BROWSER_ONLY.items():
        site = project.site_dir(language) / "chapters" / "quotations.html"
        assert sentence in site.read_text(encoding="utf-8"), language
        tex = (project.sphinx_output("latex", language) / "book.tex").read_text(encoding="utf-8")
        assert sentence not in tex, language
        with zipfile.ZipFile(project.published("epub", language)) as epub:
            pages = [epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith(".xhtml")]
        assert pages and not any(sentence in page for page in pages), language


def test_links_to_quotations_give_their_page_in_print(book, pdfs):
    """On paper a link leads nowhere: each link to a quotation (a card's "its row in the table",
    the register's first words to the card) gives the page, as a cite line does. The Arabic sets
    such a link as words, its page alone the link (test_pdf_arabic): the same pages."""
    project, found = Project(book), {}
    for language in ("en", "ar"):
        tex = (project.sphinx_output("latex", language) / "book.tex").read_text(encoding="utf-8")
        links = re.findall(r"\\hyperref\[\\detokenize\{([^}]+:quote-[^}]+)\}\]", tex)
        pages = re.findall(r"\\briefbookpageref\{[^{}]{1,8}\}\{(?:\\detokenize\{)?([^{}]+:quote-[^{}]+)\}", tex)
        found[language] = sorted(links), sorted(pages)
    links, pages = found["en"]
    assert len(links) >= 16 and links == pages
    assert found["ar"] == ([], pages)
    text = " ".join(subprocess.run(["pdftotext", str(pdfs["en"]), "-"], capture_output=True, text=True).stdout.split())
    assert re.search(r"its row in the table \(p\. \d+\)", text)


def link_colours() -> list[tuple[float, ...]]:
    """The links' colours of the print edition, as _config.yml's sphinxsetup gives them."""
    setup = (ROOT / "_config.yml").read_text(encoding="utf-8")
    found = re.findall(r"(?:Inner|Outer)LinkColor=\{rgb\}\{([\d.]+),([\d.]+),([\d.]+)\}", setup)
    assert found, "_config.yml: no InnerLinkColor/OuterLinkColor in sphinxsetup"
    return [tuple(float(v) for v in colour) for colour in found]


def in_colour(rgb: tuple[float, ...], colours: list[tuple[float, ...]]) -> bool:
    return any(max(abs(a - b) for a, b in zip(rgb, colour, strict=True)) < 0.02 for colour in colours)


def test_no_arabic_prose_takes_the_link_colour(pdfs):
    """Under bidi, a link that breaks across a right-to-left line left its colour on the Arabic
    prose after it (pp. 1, 7, the events table, the glossary): the Arabic PDF's links are not
    coloured, so no Arabic character is in a link's colour, inside or outside a link."""
    colours = link_colours()
    coloured: dict[int, str] = {}
    for number, page in enumerate(pdf_pages(pdfs["ar"]), start=1):
        found = [
            c["text"]
            for c in page.chars
            if "\u0600" <= c["text"] <= "\u06ff" and in_colour(as_rgb(c.get("non_stroking_color")), colours)
        ]
        if found:
            coloured[number] = "".join(found)[:40]
    assert coloured == {}


EXTENSION_CUT = re.compile(r"[\w-]\.\n(?:csv|json|md|bib|po|pot|zip|pdf|epub|txt|yml|yaml|cff|py|ipynb)\b")


def test_no_file_name_is_broken_after_its_dot(pdfs):
    """Sphinx lets inline code break after a full stop: "events." ended a line and "csv." began the
    next, a sentence ended and another begun. A name in code breaks before its dot (".csv") if at all."""
    for language, pdf in pdfs.items():
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert EXTENSION_CUT.findall(text) == [], language


def test_the_broken_name_check_sees_a_name_broken_after_its_dot():
    assert EXTENSION_CUT.findall("The same rows are in events.\ncsv.\nFile: claims.\ncsv") == ["s.\ncsv", "s.\ncsv"]
    assert EXTENSION_CUT.findall("in events\n.csv. The end.\nCSV files") == []


def test_numbers_with_dots_read_left_to_right_in_the_arabic_pdf(pdfs):
    """The licence's "4.0" (not "0.4"), the version, the figures' and sections' numbers ("7.1", not
    "1.7") in Arabic text: every number with dots of the Arabic PDF is one the English PDF has."""

    def numbers(pdf) -> set[str]:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        return set(
            re.findall(r"(?<![\d.])\d+\.\d+(?:\.\d+)?(?![\d.])", re.sub("[\u200e\u200f\u202a-\u202e]", "", text))
        )

    arabic, english = numbers(pdfs["ar"]), numbers(pdfs["en"])
    assert "4.0" in arabic and arabic <= english, sorted(arabic - english)


def test_the_brief_s_english_in_an_arabic_table_cell_is_an_english_paragraph(book):
    """The claims tables' "كلمات الموجز" cells: the brief's English is a left-to-right paragraph
    (flush left: \\raggedleft in bidi's mirrored cells), not an English run inside a right-to-left
    one (flush right)."""
    tex = (Project(book).sphinx_output("latex", "ar") / "book.tex").read_text(encoding="utf-8")
    english = r"\\begin\{briefbookenglish\}\\raggedleft\s*\\sphinxAtStartPar\s*(\\textenglish\{|\\DUrole\{[\w-]+\}\{)*“In the aftermath"
    assert re.search(english, tex)
