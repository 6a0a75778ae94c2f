"""The print edition read as a publisher would: front matter in order, an imprint that says what
this copy is, back matter unnumbered with the bibliography in its chapter, no running head on an
empty page, figures at full width, tables ragged right, nothing in the margins, page numbers in
the cite lines, typographic prose beside exact data, and the Arabic verse set right to left.

The book read is the session's shared build (conftest's ``book``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from conftest import ROOT
from pypdf import PdfReader
from pypdf.generic import ContentStream
from test_citation import render

from briefbook import edition
from briefbook.data import load
from briefbook.edition import EditionFacts
from briefbook.markup import plain
from briefbook.project import Project

CM = 72 / 2.54
ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
PAUSE_MARKS = set(map(chr, range(0x06D6, 0x06DD)))


@pytest.fixture(scope="module")
def pdf(book) -> Path:
    return Project(book).published("pdf")


@pytest.fixture(scope="module")
def reader(pdf) -> PdfReader:
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    """The text of each page, in reading order."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def layout(pdf) -> ElementTree.Element:
    """pdftotext's pages, blocks, lines and words, each with its box in points from the top left."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return ElementTree.fromstring(re.sub(r' xmlns="[^"]+"', "", out.stdout))


@pytest.fixture(scope="module")
def block(layout) -> dict[str, float]:
    """The text block set in _config.yml (sphinxsetup's hmargin and vmargin), in points."""
    setup = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    setup = setup["latex_elements"]["sphinxsetup"]
    (left, right), (top, bottom) = (
        [float(v) * CM for v in re.search(rf"{name}=\{{([\d.]+)cm,([\d.]+)cm\}}", setup).groups()]
        for name in ("hmargin", "vmargin")
    )
    page = next(layout.iter("page"))
    width, height = float(page.get("width")), float(page.get("height"))
    return {"left": left, "right": width - right, "top": top, "bottom": height - bottom}


def box(node) -> tuple[float, float, float, float]:
    return tuple(float(node.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def flat(text: str) -> str:
    return " ".join(text.split())


def outline(reader) -> list[tuple[str, int]]:
    """The top level of the PDF's outline: each title and the index of its page."""
    return [(i.title, reader.get_destination_page_number(i)) for i in reader.outline if not isinstance(i, list)]


@pytest.mark.build
def test_front_matter_is_in_book_order(pages):
    """Half-title, title page, imprint, contents, list of figures: each on its own page, in
    that order, with nothing but blank pages between them."""
    filled = [(i, page) for i, page in enumerate(pages) if page.strip()]
    (half, title, imprint, contents, *_rest) = [page for _, page in filled]
    assert "Are the Muqawama Signaling De-Escalation?" in flat(half)
    assert "Hamdi Malik" not in half and len(half.split()) <= 12, half
    assert "A study edition of the brief by Hamdi Malik and Crispin Smith" in flat(title)
    assert "How to cite this edition" in flat(imprint) and "Licence" in imprint
    assert contents.split()[0] == "Contents"
    figures = next(page for _, page in filled[4:] if page.split()[:3] == ["List", "of", "Figures"])
    assert pages.index(figures) > pages.index(contents)


@pytest.mark.build
def test_the_imprint_says_which_copy_this_is_and_how_to_cite_it(book, pages):
    imprint = next(page for page in pages if "How to cite this edition" in page)
    (item,) = json.loads((book / "_build" / "html" / "cite" / "book.json").read_text(encoding="utf-8"))
    sha = edition.commit(book)  # the shared build's copy may or may not be a git checkout
    assert f"Version {edition.EditionFacts.read(book).version}" in imprint
    assert sha in squash(imprint) if sha else "no commit is recorded" in flat(imprint)
    # the Chicago form that citeproc-py renders from the book's CSL-JSON, as the How to cite page gives it
    assert squash(edition.typographic(render(item, "chicago-author-date"))) in squash(imprint)
    # Its statement of the licences: tests/test_licence.py.


@pytest.mark.build
def test_no_page_has_a_running_head_without_body_text(layout, block):
    for number, page in enumerate(layout.iter("page"), start=1):
        words = [box(w) for w in page.iter("word")]
        head = [w for w in words if w[3] < block["top"]]
        body = [w for w in words if w[1] >= block["top"] - 2 and w[3] <= block["bottom"] + 2]
        assert body or not head, f"page {number} has a running head and no text"


@pytest.mark.build
def test_back_matter_is_unnumbered_and_the_bibliography_is_in_references(reader):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    back = next(part for part in toc["parts"] if not part.get("numbered"))
    titles = []
    for chapter in back["chapters"]:
        source = (ROOT / chapter["file"]).with_suffix(".md").read_text(encoding="utf-8")
        titles.append(re.search(r"^# (.+)$", source, re.M).group(1).strip())
    items = outline(reader)
    names = [title for title, _ in items]
    assert names[-len(titles) :] == titles, names  # the last chapters, without numbers
    assert "Bibliography" not in names
    # Every entry of references.bib is printed inside the References chapter.
    start = next(page for title, page in items if title == "References")
    end = next((page for _, page in items if page > start), len(reader.pages))
    keys = re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M)
    dests = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    for key in keys:
        where = [page for name, page in dests.items() if name.startswith("cite.") and name.endswith(f":cite-{key}")]
        assert where and all(start <= page < end for page in where), (key, where, start, end)


@pytest.mark.build
def test_list_of_figures_has_short_captions(pages, reader):
    """Each entry of the list of figures holds on one line, ending with its page number."""
    lof = next(page for page in pages if page.split()[:3] == ["List", "of", "Figures"])
    lines = [line.strip() for line in lof.splitlines()[1:] if line.strip()]
    lines = [line for line in lines if not re.fullmatch(r"[ivxlc]+|\d+", line)]  # the folio
    entries = [line for line in lines if re.match(r"\d+\.\d+\s", line)]
    assert entries and len(entries) == len(lines), lines
    assert all(re.search(r"\s\d+$", line) for line in entries), entries
    assert len(entries) == sum(1 for page in pages for _ in re.finditer(r"^\s*Fig\. \d+\.\d+:", page, re.M))


@pytest.mark.build
def test_print_describes_no_screen_layout(book, pages):
    """What a phone shows (the timeline as an agenda, the claims matrix turned) is said in the HTML
    book, beside its chart, and not in print, where the charts are drawn for the page."""
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert "On a phone" not in text and "matrix is turned" not in text
    methods = (book / "_build" / "html" / "chapters" / "data-and-methods.html").read_text(encoding="utf-8")
    assert "On a phone the matrix is turned" in methods


def figure_widths(reader) -> list[tuple[int, float]]:
    """The printed width of every form XObject (the charts are vector PDFs), page by page."""
    widths = []
    for number, page in enumerate(reader.pages, start=1):
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        if not xobjects:
            continue
        stack, ctm = [], [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                a, b, c, d, e, f = (float(v) for v in operands)
                A, B, C, D, E, F = ctm
                ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
            elif op == b"Do":
                form = xobjects[operands[0]].get_object()
                if form.get("/Subtype") == "/Form":
                    x0, _, x1, _ = (float(v) for v in form["/BBox"])
                    widths.append((number, (x1 - x0) * ctm[0]))
    return widths


@pytest.mark.build
def test_every_figure_is_set_at_the_full_text_width(reader, block):
    widths = figure_widths(reader)
    text_width = block["right"] - block["left"]
    assert len(widths) >= 4
    for page, width in widths:
        assert width >= 0.9 * text_width, f"a figure on page {page} is {width:.0f} pt wide of {text_width:.0f}"


@pytest.mark.build
def test_each_quotation_card_is_printed_once(pages):
    """Each statement's full text, and one cite line for it, are printed once: the register is a
    table of first words, and every other mention links to the card."""
    text = "\f".join(pages)
    data = load(ROOT / "data")
    for q in data.quotations.itertuples():
        assert squash(text).count(squash(plain(q.text))) == 1, q.id
    cited = re.findall(r"Cite: .{0,80}? \d{4}\. “[^”‘]{0,80}‘", flat(text))  # a quotation's first words in single marks
    assert len(cited) == len(data.quotations)


@pytest.mark.build
def test_cite_lines_give_the_page_of_what_they_cite(pages, reader):
    assert ".html#" not in flat("\n".join(pages))
    labels = reader.page_labels
    found = chapters = 0
    for index, page in enumerate(pages):
        for match in re.finditer(r"Cite:", page):
            # wide enough for a line set in a table cell, whose words pdftotext interleaves with its neighbours'
            rest = flat(page[match.end() :] + (pages[index + 1] if index + 1 < len(pages) else ""))[:800]
            cited = re.search(r"\bp\. (\w+)\.", rest)
            assert cited, rest
            chapter = re.match(r".{0,80}?“Chapter (\d+): ([^”]+)”", rest)
            if chapter:  # a chapter's line, at its end, gives the page where the chapter begins
                start = labels.index(cited.group(1))
                assert start <= index and chapter.group(2).lower() in flat(pages[start]).lower(), rest
                chapters += 1
            else:  # the card, figure, claim or event begins on this page or the one before
                assert cited.group(1) in labels[max(index - 1, 0) : index + 1], (labels[index], rest)
            found += 1
    data = load(ROOT / "data")
    assert chapters == 8 and found >= len(data.quotations) + 4 + len(data.claims) + len(data.events) + chapters


@pytest.mark.build
def test_narrow_table_columns_are_ragged_right(layout, block):
    """Justified narrow columns open wide gaps between words; ragged right keeps every space at
    its natural width (about a quarter of the word height; the widest seen is 0.36). A gap that
    ends where many lines of the page begin is the space between two columns, not in one."""
    narrow = 0.5 * (block["right"] - block["left"])
    for number, page in enumerate(layout.iter("page"), start=1):
        starts = [round(box(line.find("word"))[0]) for line in page.iter("line")]
        columns = {x for x in starts if starts.count(x) >= 3}
        for cell in page.iter("block"):
            x0, _, x1, _ = box(cell)
            lines = cell.findall("line")
            if x1 - x0 > narrow or len(lines) < 2:
                continue
            for line in lines[:-1]:
                words = line.findall("word")
                for a, b in zip(words, words[1:], strict=False):
                    (_, top, right, bottom), (left, *_rest) = box(a), box(b)
                    if round(left) in columns:
                        continue
                    assert left - right < 0.5 * (bottom - top), (
                        f"page {number}: a gap between {a.text!r} and {b.text!r}"
                    )


@pytest.mark.build
def test_nothing_runs_into_the_margins(layout, block):
    """Long hashes, commits and addresses break inside the text block."""
    for number, page in enumerate(layout.iter("page"), start=1):
        for word in page.iter("word"):
            x0, _, x1, _ = box(word)
            assert block["left"] - 1 <= x0 and x1 <= block["right"] + 1, f"page {number}: {word.text[:50]!r}"


@pytest.mark.build
def test_prose_has_typographic_quotes_and_data_stays_as_written(pages):
    text = flat("\n".join(pages))
    assert "“change in the equation”" in text and '"change in the equation"' not in text
    assert "The study edition’s contributors" in text  # the edition's own words, in cite lines too
    # Text from the data keeps its straight quotes and its three full stops.
    assert "('[s]o far', 'for now')" in text
    assert "heading toward...changing" in text


def verse_lines(page) -> list[tuple[float, list]]:
    """The page's lines of Arabic with at least ten words (pdftotext splits Arabic at its marks,
    and gives each glyph its own height): each line's right edge, taken from its letters rather
    than the marks above them, and its words from right to left."""
    words = sorted((w for w in page.iter("word") if ARABIC.search(w.text)), key=lambda w: box(w)[3])
    rows: list[list] = []
    for word in words:
        if rows and box(word)[3] - box(rows[-1][-1])[3] <= 5:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        if len(row) >= 10:
            row.sort(key=lambda w: -box(w)[2])
            letters = [w for w in row if any(unicodedata.category(c) != "Mn" for c in w.text)]
            lines.append((box(letters[0])[2], row))
    return lines


@pytest.mark.build
def test_the_arabic_verse_is_a_right_to_left_block_without_a_stranded_pause_mark(layout):
    verses = 0
    for number, page in enumerate(layout.iter("page"), start=1):
        lines = verse_lines(page)
        if not lines:
            continue
        verses += 1
        first = unicodedata.normalize("NFKC", next(w.text for w in lines[0][1] if box(w)[2] == lines[0][0]))
        assert first.startswith("و"), f"page {number}: the verse does not begin at the right"
        assert max(r for r, _ in lines) - min(r for r, _ in lines) < 2, f"page {number}: not flush right"
        for _, words in lines:
            assert not set(words[0].text) <= PAUSE_MARKS, f"page {number}: a line begins with a pause mark"
            assert not any(w.text.isascii() for w in words), f"page {number}: Latin text beside the verse"
    assert verses >= 2


# --- Unit tests of the print layout's mechanisms (no build) --------------------------------------


def table_of(rows: list[list[str]]):
    """A docutils table whose first row is its head."""
    from docutils import nodes

    group = nodes.tgroup(cols=len(rows[0]))
    group += [nodes.colspec(colwidth=1) for _ in rows[0]]
    head, body = nodes.thead(), nodes.tbody()
    for number, cells in enumerate(rows):
        row = nodes.row()
        row += [nodes.entry("", nodes.paragraph(text=cell)) for cell in cells]
        (head if number == 0 else body).append(row)
    group += [head, body]
    return nodes.table("", group)


@pytest.mark.unit
def test_table_columns_take_the_width_their_cells_need():
    """A column of single digits stays narrow, a column of long notes is not a ribbon, and no
    column is narrower than its longest word (table bodies are not hyphenated). The shares sum to
    the whole width."""
    from briefbook.sphinx.printing import LINE_CHARS, column_widths

    note = "Order within the day: the strikes fell in the early morning, before any statement. " * 3
    rows = [["When (local)", "What", "Other translations"]]
    rows += [[f"28 June 2021, early morning. {note}", "Airstrike: al-Bukamal and al-Qaim " * 3, "2"]] * 4
    when, what, other = column_widths(table_of(rows))
    assert when + what + other == 100
    assert other < 15 and when >= 30  # the old widths gave a 12-character "When" and a wide digit column
    rows = [["Field", "Type"], ["actor_source_keys", "string"]]
    field, _ = column_widths(table_of(rows))
    assert field * LINE_CHARS / 100 - 2 >= len("actor_source_keys")


@pytest.mark.unit
def test_the_front_matter_keeps_dates_whole_and_declares_the_language():
    from briefbook.front_matter import latex_front_matter

    for language in ("en", "ar"):
        front = latex_front_matter(EditionFacts.read(ROOT).in_language(language),
                                   "Are the Muqawama Signaling De-Escalation? A Study Edition",
                                   "The study edition's contributors")  # fmt: skip
        assert rf"\hypersetup{{pdflang={{{language}}}}}" in front["preamble"]
    english = latex_front_matter(
        EditionFacts.read(ROOT), "Are the Muqawama Signaling De-Escalation? A Study Edition", "x"
    )
    assert "9~July~2021" in english["maketitle"]  # "9 July / 2021" no more on the title page


@pytest.mark.unit
def test_the_arabic_imprint_gives_the_licence_in_arabic_from_the_catalog():
    from briefbook import i18n
    from briefbook.front_matter import latex_front_matter

    page = latex_front_matter(EditionFacts.read(ROOT).in_language("ar"), "A title", "Its authors")["maketitle"]
    heading = i18n.gettext("Licence.", "ar", ROOT)
    assert heading != "Licence." and rf"\textbf{{{heading}}}" in page
    assert "The edition's own" not in page and "Quoted material is outside" not in page
    assert r"\textenglish{\url{https://creativecommons.org/licenses/by/4.0/}}" in page
    assert r"\raggedleft" in page  # flush with the start of an Arabic line
    assert i18n.gettext("Version", "ar", ROOT) + r" \textenglish{" in page  # a version: one left-to-right unit


@pytest.mark.build
def test_a_long_table_is_set_a_chunk_of_rows_at_a_time(tmp_path):
    """longtable sets its rows a chunk at a time only where it counts them, at the row's end: the
    ragged-right columns of ``briefbook-print.sty`` keep that end (``\\arraybackslash`` lost it, and
    a table of 800 events, set in one piece, exceeded TeX's main memory). Here each row asks for
    the page it is set on: the later rows are set after the first pages were put out."""
    import sphinx

    rows = "".join(rf"row {n} \pageref{{row{n}}} & \sphinxAtStartPar text \\ \hline" + "\n" for n in range(120))
    (tmp_path / "t.tex").write_text(
        "\\def\\sphinxdocclass{report}\\documentclass{sphinxmanual}\\usepackage{polyglossia}"
        "\\setmainlanguage{english}\\usepackage{sphinx}\\usepackage{hyperref}\\usepackage{briefbook-print}\n"
        "\\setcounter{LTchunksize}{10}\\begin{document}\n"
        f"\\begin{{longtable}}{{\\X{{1}}{{2}}\\X{{1}}{{2}}}}\n{rows}\\end{{longtable}}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    highlighting = "\\ProvidesPackage{sphinxhighlight}\n"  # Pygments' macros, which Sphinx writes
    (tmp_path / "sphinxhighlight.sty").write_text(highlighting, encoding="utf-8")
    inputs = [Path(sphinx.__file__).parent / "texinputs", ROOT / "briefbook" / "sphinx", ""]
    env = {**os.environ, "TEXINPUTS": ":".join(map(str, inputs))}
    subprocess.run(["xelatex", "-no-pdf", "-interaction=nonstopmode", "t.tex"], cwd=tmp_path, env=env,
                   capture_output=True, check=False)  # fmt: skip
    log = (tmp_path / "t.log").read_text(encoding="utf-8", errors="replace")
    pages = [int(p) for p in re.findall(r"`row\d+' on page (\d+) undefined", log)]
    assert len(pages) == 120, log[-2000:]
    assert pages[0] == 1 and pages[-1] > 1, "every row was set before any page was put out"


@pytest.mark.unit
def test_the_imprint_of_a_copy_built_outside_git_says_so():
    """A scratch copy without git (the benchmark's scaled data package) has no commit to print."""
    import dataclasses

    from briefbook.front_matter import latex_front_matter

    page = latex_front_matter(dataclasses.replace(EditionFacts.read(ROOT), commit=None), "A title", "x")["maketitle"]
    assert "Built outside a git checkout: no commit is recorded." in page
