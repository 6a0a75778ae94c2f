"""Latin runs inside Arabic (briefbook.sphinx.bidi): each run isolated with the neutral characters
that belong to it, citations kept with the English quotation they follow, English blocks marked
left to right; the same in the pages a Sphinx run writes (HTML, EPUB) and in its LaTeX; and in the
built Arabic edition, every page, EPUB document and the PDF's cite lines (tier ``build``). Every block of
the Arabic edition against its golden output (tests/bidi_golden.py), and the invariants over generated ones."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from bidi_golden import GOLDEN, deserialize, serialize
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st

from briefbook.languages import LATIN_LETTERS, RTL_LETTER
from briefbook.sphinx.bidi import DIR, isolate
from briefbook.sphinx.nodes import arabic, english


def paragraph(*children) -> nodes.paragraph:
    return nodes.paragraph("", "", *[nodes.Text(c) if isinstance(c, str) else c for c in children])


def isolated(p: nodes.Element) -> list[str]:
    isolate(p)
    return [n.astext() for n in p.children if isinstance(n, english)]


def citation(label: str) -> nodes.inline:
    """As sphinxcontrib-bibtex writes one: a span holding the brackets and a link."""
    return nodes.inline("", "", nodes.Text("("), nodes.reference("", label, refuri="#x"), nodes.Text(")"),
                        classes=["bibtex-citation"])  # fmt: skip


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, runs",
    [
        ("فينبغي الاستشهاد به هكذا: Malik and Smith (2021).", ["Malik and Smith (2021)"]),
        ("من شبكة (NBC News 2021; The Times 2021) في", ["(NBC News 2021; The Times 2021)"]),
        ("(المصدر: The Quran n.d.)", ["The Quran n.d."]),
        ("طائرات F-15E. ثم", ["F-15E"]),
        ("«حتى الآن» (“so far”) و", ["(“so far”)"]),
        (
            "«If the American administration...learns the lesson…» قال",
            ["If the American administration...learns the lesson…"],
        ),
        ("كتب: “the resistance will refrain.” ثم", ["“the resistance will refrain.”"]),
        ("بياناته بصيغة CSV: الأحداث", ["CSV"]),
        ("عنوانه Are the Muqawama Signaling De-Escalation? وهو", ["Are the Muqawama Signaling De-Escalation?"]),
        ("نصّ [e]nd هنا", ["[e]nd"]),
        ("«The muqawama…» و«We call on our…»", ["The muqawama…", "We call on our…"]),
        ("الإصدار Version 0.1.0، ثم", ["Version 0.1.0"]),
        ("الإيداع 0f628e554072.", ["0f628e554072"]),
        ("برخصة CC Attribution (CC BY 4.0، https://x.org/)، والشيفرة", ["CC Attribution (CC BY 4.0، https://x.org/)"]),
        ("بصيغ (APA، BibTeX)، وملفات", ["APA", "BibTeX"]),  # an Arabic list in Arabic brackets
        ("في 28 June", ["June"]),
    ],
)
def test_a_run_takes_the_neutral_characters_that_belong_to_it(text, runs):
    assert isolated(paragraph(text)) == runs


@pytest.mark.unit
def test_an_arabic_comma_inside_a_run_s_brackets_is_marked_arabic():
    p = paragraph("برخصة CC Attribution (CC BY 4.0، https://x.org/)، والشيفرة")
    isolate(p)
    (run,) = [n for n in p.children if isinstance(n, english)]
    assert [n.astext() for n in run.findall(arabic)] == ["،"]


@pytest.mark.unit
def test_the_arabic_around_a_run_stays_as_it_was():
    p = paragraph("فينبغي الاستشهاد به هكذا: Malik and Smith (2021).")
    isolate(p)
    assert p.astext() == "فينبغي الاستشهاد به هكذا: Malik and Smith (2021)."
    assert [type(c) for c in p.children] == [nodes.Text, english, nodes.Text]
    assert str(p[0]) == "فينبغي الاستشهاد به هكذا: " and str(p[2]) == "."


@pytest.mark.unit
def test_an_english_quotation_and_its_citation_are_one_run():
    quote = english("", "", nodes.Text("“…capability of the enemy…”"))
    p = paragraph("ترجمة: ", quote, " ", citation("Islam Times 2021a"), "، ثم")
    assert isolated(p) == ["“…capability of the enemy…” (Islam Times 2021a)"]


@pytest.mark.unit
def test_a_citation_after_arabic_is_isolated_whole_with_its_brackets():
    p = paragraph("ويتوقّع الموجز أن تهدأ ", citation("Malik and Smith 2021"), ".")
    assert isolated(p) == ["(Malik and Smith 2021)"]


@pytest.mark.unit
def test_a_run_never_crosses_arabic_nor_a_node_holding_arabic():
    p = paragraph("Malik ", nodes.emphasis("", "المقاومة and Smith"), " Smith")
    isolate(p)
    assert [n.astext() for n in p.children if isinstance(n, english)] == ["Malik", "Smith"]
    assert [n.astext() for n in p[2].children if isinstance(n, english)] == ["and Smith"]


@pytest.mark.unit
def test_left_to_right_nodes_are_not_wrapped_again():
    p = paragraph(english("", "", nodes.Text("Hamdi Malik")))
    isolate(p)
    assert len(list(p.findall(english))) == 1
    block = nodes.literal_block("code here", "code here")
    isolate(block)
    assert not list(block.findall(english))


@pytest.mark.unit
def test_a_block_all_in_english_is_marked_left_to_right_and_arabic_blocks_are_not():
    english_cell = nodes.entry("", paragraph("“…allowing their leaders to satisfy their support bases.” ",
                                             citation("Malik and Smith 2021")))  # fmt: skip
    mixed_cell = nodes.entry("", paragraph("قال Malik"))
    row = nodes.row("", english_cell, mixed_cell)
    isolate(row)
    assert english_cell.get(DIR) == "ltr" and english_cell[0].get(DIR) == "ltr"
    assert mixed_cell.get(DIR) is None and mixed_cell[0].get(DIR) is None


@pytest.mark.unit
def test_a_whole_english_block_is_one_run():
    p = paragraph("“We are not bloodthirsty warmongers.” ", citation("Middle East Monitor 2021a"))
    assert isolated(p) == [p.astext()]


LANGUAGE = {"en": "english", "ar": "arabic"}


def latin_outside(markup: str) -> list[str]:
    """Runs of Latin letters outside \\textenglish{...} in LaTeX (commands and their names left out),
    and Arabic letters inside it (but for \\textarabic{...} inside it)."""
    depth, out, i, groups = 0, [], 0, []  # groups: (depth, "en" or "ar") of the open language groups
    while i < len(markup):
        opened = next((k for k in ("en", "ar") if markup.startswith(rf"\text{LANGUAGE[k]}{{", i)), None)
        if opened:
            groups.append((depth, opened))
            depth += 1
            i += len(rf"\text{LANGUAGE[opened]}{{")
            continue
        c = markup[i]
        english = bool(groups) and groups[-1][1] == "en"
        if c == "\\":
            m = re.match(r"\\[A-Za-z@]+", markup[i:])
            i += len(m.group()) if m else 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if groups and groups[-1][0] == depth:
                groups.pop()
        elif re.match("[A-Za-z]", c) and not english:
            out.append(re.match("[A-Za-z]+", markup[i:]).group())
            i += len(out[-1])
            continue
        elif "\u0600" <= c <= "\u06ff" and english:  # Arabic set as English: a font without its letters
            out.append(f"Arabic inside \\textenglish: {markup[max(0, i - 40) : i + 20]}")
        i += 1
    return out


@pytest.mark.unit
def test_the_latex_of_a_run_is_in_textenglish():
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from sphinx.writers.latex import LaTeXTranslator  # noqa: F401  # the writer's node names

    from briefbook.sphinx.nodes import depart_english_latex, visit_english_latex

    p = paragraph(
        "ويتوقّع الموجز أن تهدأ ", citation("Malik and Smith 2021"), "، F-15E و", nodes.literal("", "data/x.csv")
    )
    isolate(p)

    class Writer(nodes.SparseNodeVisitor):
        def __init__(self, document):
            super().__init__(document)
            self.body = []

        def visit_Text(self, node):
            self.body.append(str(node))

        visit_english = visit_english_latex
        depart_english = depart_english_latex

    writer = Writer(new_document("x", get_default_settings()))
    p.walkabout(writer)
    markup = "".join(writer.body)
    assert latin_outside(markup) == [], markup
    assert markup.count(r"\textenglish{") == 3
    assert r"\textenglish{\mbox{F-15E}}" in markup  # one word: never broken nor hyphenated


# ---- the pages a Sphinx run writes: HTML, EPUB and LaTeX of a small Arabic page -----------------

PAGE = """\
# نظرة عامة

(ch-overview)=
## الموجز

فينبغي الاستشهاد به هكذا: {cite:t}`malik2021muqawama`. وتذكر شبكة NBC ذلك {cite:p}`malik2021muqawama`،
ووصفته بأنه {en}`“the enemy…”` {cite:p}`malik2021muqawama`؛ والطائرات F-15E. وانظر (المصدر: The Quran n.d.)
و«If the American administration...learns the lesson…» على https://example.org/a/b#c.
برخصة Creative Commons (CC BY 4.0، https://example.org/x)، والشيفرة.

{en}`“We are not bloodthirsty warmongers.”` {cite:p}`malik2021muqawama`

وفيه رمز `chart("timeline")` للاختبار.

```python
from briefbook.figures import chart
```

```{data-card} quotations askari-2021-07-08-restraint
```

```{data-card} quotations khazali-2021-06-29-attrition
```

```{bibliography}
```
"""


ISOLATED = re.compile("\u2066[^\u2066\u2069]*\u2069")


def latin_in_html(path, xml: bool = False) -> list[str]:
    """Runs of Latin letters in the page's text (its article, or an EPUB document's body) that no
    element with ``dir="ltr"`` holds."""
    from lxml import etree
    from lxml import html as lxml_html

    tree = etree.parse(str(path)) if xml else lxml_html.parse(str(path))
    roots = (
        tree.xpath("//*[local-name()='article']")
        or tree.xpath("//*[@role='main']")
        or tree.xpath("//*[local-name()='body']")
    )
    found = []
    for root in roots:
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for value, owner in ((element.text, element), (element.tail, element.getparent())):
                shown = ISOLATED.sub(" ", value or "")  # text between U+2066 and U+2069 is isolated (SVG)
                if owner is not None and re.search("[A-Za-z]", shown) and not left_to_right(owner):
                    found.append(" ".join(value.split()))
    return found


def left_to_right(element) -> bool:
    """Whether the nearest ``dir`` above holds left to right (or the text is the page's code: a
    script or style); SVG text counts as isolated inside U+2066…U+2069."""
    while element is not None:
        if not isinstance(element.tag, str):
            element = element.getparent()
            continue
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("script", "style", "head"):
            return True
        if element.get("dir") in ("ltr", "rtl"):
            return element.get("dir") == "ltr"
        element = element.getparent()
    return False


@pytest.fixture(scope="module")
def small_arabic(tmp_path_factory):
    from print_languages_project import make_project
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    root = make_project(tmp_path_factory.mktemp("bidi"))
    (root / "index.md").write_text(PAGE, encoding="utf-8")
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('bibtex_reference_style = "author_year"\n')
    out = {}
    for builder in ("html", "epub", "latex"):
        with docutils_namespace():
            app = Sphinx(str(root), str(root), str(root / "_build" / builder), str(root / "_build" / f"doctrees-{builder}"),
                         builder, confoverrides={"language": "ar", "locale_dirs": ["locales"], "gettext_compact": False,
                                                 "briefbook_validate": False},
                         status=None, warning=None, freshenv=True)  # fmt: skip
            app.build()
        out[builder] = root / "_build" / builder
    return out


@pytest.mark.sphinx
def test_no_latin_run_of_an_arabic_page_is_left_unisolated_in_html_and_epub(small_arabic):
    from bs4 import BeautifulSoup

    page = small_arabic["html"] / "index.html"
    assert latin_in_html(page) == []
    html = page.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    citations = soup.select("span.bibtex-citation")
    assert len(citations) >= 5 and all(c.find_parent(attrs={"dir": "ltr"}) for c in citations)
    assert '<span class="english" dir="ltr" lang="en">The Quran n.d.</span>)' in html  # the abbreviation's period
    code = soup.select_one("div.highlight-python")  # a code block, left to right
    assert code is not None and (code.get("dir"), code.get("lang")) == ("ltr", "en")
    documents = [p for p in (small_arabic["epub"]).rglob("*.xhtml") if p.name != "nav.xhtml"]
    assert documents
    for document in documents:
        assert latin_in_html(document, xml=True) == [], document.name


@pytest.mark.sphinx
def test_an_english_block_in_an_arabic_page_is_set_left_to_right(small_arabic):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((small_arabic["html"] / "index.html").read_text(encoding="utf-8"), "html.parser")
    blocks = [p for p in page.select("div[role=main] p") if p.get_text().startswith("“We are not")]
    assert blocks  # the page's own paragraph, and the card's other translation of the same words
    assert all((block.get("dir"), block.get("lang")) == ("ltr", "en") for block in blocks)
    quoted = page.select_one("blockquote p")
    assert quoted is not None and quoted.find_parent(attrs={"dir": "ltr"}) or quoted.get("dir") == "ltr"


NOT_TEXT = re.compile(
    # an environment's argument that is no text: a class name, the bibliography's widest label (a width)
    r"\\begin\{(?:sphinxuseclass|sphinxthebibliography)\}\{[^}]*\}|\\(?:DUrole|hyperlink|hyperref|sphinxlineitem)\{[^}]*\}|\\(?:label|ref|pageref|hyperref|detokenize|begin|end|sphinxhref|url|sphinxurl|href|includegraphics|"
    r"sphinxincludegraphics|sphinxsetup|phantomsection|sphinxstepscope|sphinxAtStartPar|index|"
    r"sphinxcite|hypertarget|sphinxbibitem|bibitem|sphinxcrossref|sphinxstylestrong|cite)\b\*?"
    r"(?:\[[^\]]*\])*(?:\{(?:[^{}]|\{[^{}]*\})*\})?"
)


@pytest.mark.sphinx
def test_no_latin_run_of_the_arabic_latex_is_outside_textenglish(small_arabic):
    tex = (small_arabic["latex"] / "book.tex").read_text(encoding="utf-8")
    body = tex.split(r"\chapter{الموجز}", 1)[1].split(r"\renewcommand{\indexname}", 1)[0]
    body = body.split(r"\begin{sphinxVerbatim}")[0] + body.split(r"\end{sphinxVerbatim}")[-1]  # code as code
    left = latin_outside(NOT_TEXT.sub(" ", body))
    assert left == [], left


@pytest.mark.unit
@pytest.mark.parametrize("lines", [1, 2])
def test_a_chart_label_cut_keeps_its_closing_mark_and_balanced_isolates(lines):
    from briefbook.figures.style import short
    from briefbook.labels import LRI, PDI

    label = f"«{LRI}The muqawama reject attacking the Americans before the airstrikes{PDI}»"
    cut = short(label, 22, lines).split("\n")
    assert len(cut) == lines
    assert cut[0].startswith(f"«{LRI}") and cut[-1].endswith(f"…{PDI}»")
    assert all(line.count(LRI) == line.count(PDI) == 1 and line.index(LRI) < line.index(PDI) for line in cut)
    head = f"قيس الخزعلي، 29 حزيران: «{LRI}If the American administration...learns the lesson{PDI}»"
    (one,) = short(head, 40, 1).split("\n")
    assert one.endswith(f"…{PDI}»") and one.startswith("قيس الخزعلي") and len(one) <= 42


@pytest.mark.unit
@pytest.mark.parametrize("lines", [1, 2])
def test_an_english_chart_label_cut_inside_its_quotation_closes_it(lines):
    """As the Arabic labels above: "Qais al-Khazali, 29 June: “The muqawama…" had lost its closing mark."""
    from briefbook.figures.style import short

    label = "Qais al-Khazali, 29 June: “The muqawama reject attacking the Americans before the airstrikes…”"
    cut = short(label, 40, lines).split("\n")
    assert len(cut) == lines and cut[-1].endswith("…”") and all(len(line) <= 40 for line in cut), cut
    assert short("Sabereen News: the muqawama reject attacking the Americans", 30, 1).endswith("muqawama…")  # no mark
    assert short(label, 200) == label  # whole: as written


@pytest.mark.sphinx
def test_no_line_breaks_after_the_slash_of_an_arabic_date_in_html(small_arabic):
    from bs4 import BeautifulSoup

    shown = BeautifulSoup((small_arabic["html"] / "index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    assert "8 تموز/\u2060يوليو 2021" in shown and "تموز/يوليو" not in shown
    assert "F-\u206015E" in shown  # a one-word Latin run: no break after its hyphen
    tex = (small_arabic["latex"] / "book.tex").read_text(encoding="utf-8")
    assert "\u2060" not in tex  # the print faces have no glyph for it; TeX breaks no line there


# ---- the built Arabic edition -----------------------------------------------------------------

ENGLISH_CITE_WORDS = ("The study edition's contributors", "The study edition’s contributors", "In ", "version ")


def arabic_pages(site):
    from conftest import site_pages

    return [p for p in site_pages(site, "ar") if p.name not in ("genindex.html", "search.html")]


@pytest.mark.build
def test_every_latin_run_of_the_arabic_pages_and_epub_is_isolated(site, book, tmp_path):
    import zipfile

    from briefbook.project import Project

    left = [f"{p.relative_to(site)}: {run}" for p in arabic_pages(site) for run in latin_in_html(p)]
    epub = Project(book).published("epub", "ar")
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if name.endswith(".xhtml"):
                path = tmp_path / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(archive.read(name))
                left += [f"EPUB {name}: {run}" for run in latin_in_html(path, xml=True)]
    assert not left, f"{len(left)} runs of Latin letters outside a left-to-right element:\n" + "\n".join(left[:40])


@pytest.mark.build
def test_the_arabic_cite_lines_are_in_arabic_in_html_epub_and_pdf(site, book):
    import subprocess
    import zipfile

    from bs4 import BeautifulSoup

    from briefbook.project import Project

    lines = []
    for page in arabic_pages(site):
        lines += [
            p.get_text() for p in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("p.cite-line")
        ]
    assert len(lines) > 20
    with zipfile.ZipFile(Project(book).published("epub", "ar")) as archive:
        for name in archive.namelist():
            if name.endswith(".xhtml"):
                lines += [p.get_text() for p in BeautifulSoup(archive.read(name), "html.parser").select("p.cite-line")]
    text = subprocess.run(["pdftotext", str(Project(book).published("pdf", "ar")), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    lines += [line for line in text.splitlines() if "للاستشهاد" in line]
    for line in lines:
        assert not any(words in line for words in ENGLISH_CITE_WORDS), line
    assert all("الطبعة العربية" in line for line in lines[:5]), lines[:5]
    for name in ("book.bib", "book.json", "book.ris"):
        cited = (site / "ar" / "cite" / name).read_text(encoding="utf-8")
        # the Arabic edition's title and name; the English title only as the brief's, in the note
        assert "هل تلمّح المقاومة إلى خفض التصعيد؟ طبعة دراسية" in cited and "الطبعة العربية" in cited, name
        assert "A Study Edition" not in cited and "contributors" not in cited, name


@pytest.mark.build
def test_the_arabic_epub_s_metadata_and_nav_are_arabic(book):
    import zipfile

    from briefbook.project import Project

    with zipfile.ZipFile(Project(book).published("epub", "ar")) as archive:
        opf = archive.read("content.opf").decode("utf-8")
        nav = archive.read("nav.xhtml").decode("utf-8")
    for element in ("dc:description", "dc:creator", "dc:publisher", "dc:rights"):
        value = re.search(rf"<{element}[^>]*>([^<]*)</{element}>", opf).group(1)
        assert re.search("[\u0600-\u06ff]", value) and "contributors" not in value, (element, value)
    assert "Table of Contents" not in opf + nav and "<h1>المحتويات</h1>" in nav
    assert re.search(r'<html [^>]*dir="rtl"', nav)


@pytest.mark.sphinx
def test_emphasis_in_arabic_is_set_upright_in_print_and_marked_on_screen(small_arabic):
    tex = (small_arabic["latex"] / "book.tex").read_text(encoding="utf-8")
    # an other translation's note, in Arabic (data/arabic.csv), is emphasis in Arabic
    assert r"\sphinxstyleemphasis{أحد مقتطفَين" not in tex and "{أحد مقتطفَين" in tex
    assert r"\sphinxstyleemphasis{muqawama fasail}" in tex  # English emphasis as before
    html = (small_arabic["html"] / "index.html").read_text(encoding="utf-8")
    assert '<em class="upright">أحد مقتطفَين' in html and "<em>muqawama fasail</em>" in html


@pytest.mark.unit
def test_a_list_item_in_english_keeps_its_marker_on_the_page_s_side():
    item = nodes.list_item("", paragraph("“We are not bloodthirsty warmongers.” ", citation("Islam Times 2021a")))
    isolate(item)
    assert item.get(DIR) is None and item[0].get(DIR) == "ltr"


@pytest.mark.unit
def test_an_english_sentence_s_full_stop_at_the_end_of_a_block_is_the_run_s():
    entry = paragraph("ABC News (2021). Rocket attack. The page gives the time as 4:13 PM. Byline not shown.")
    assert isolated(entry) == [entry.astext()]  # the whole entry one run, its stop inside
    isolate(entry)
    assert entry.get(DIR) == "ltr"


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, runs",
    [
        ("كما يقول الموجز “in each case”.", ["“in each case”"]),  # an Arabic sentence's stop
        ("الإيداع 0f628e554072.", ["0f628e554072"]),
        ("قال Malik. ثم Smith", ["Malik", "Smith"]),  # before Arabic: the Arabic sentence's
        ("نصّ Malik and Smith. Reuters قال", ["Malik and Smith. Reuters"]),
    ],
)
def test_the_arabic_sentence_keeps_its_full_stop(text, runs):
    assert isolated(paragraph(text)) == runs


@pytest.mark.unit
def test_a_short_citation_in_arabic_is_kept_on_one_line():
    p = paragraph("ويتوقّع الموجز أن تهدأ ", citation("Malik and Smith 2021"), ".")
    isolate(p)
    (run,) = list(p.findall(english))
    assert "citation-run" in run["classes"]
    q = paragraph("قال Malik ", citation("Malik and Smith 2021"), " ثم")
    isolate(q)
    assert all("citation-run" not in r["classes"] for r in q.findall(english))  # words with it: may break


@pytest.mark.unit
def test_the_brief_s_first_words_are_in_english_marks_inside_the_isolate():
    """An evidence label in Arabic: «The revenge…» put English words in Arabic marks, outside the
    run; the brief's words keep their own marks, “…”, with them (pages and charts alike)."""
    from pathlib import Path

    from briefbook import labels
    from briefbook.data import load
    from briefbook.figures.style import short
    from briefbook.labels import LRI, PDI

    data = load(Path(__file__).parents[1] / "data")
    label = labels.evidence(data, "khazali-2021-06-29-revenge", "ar", True)
    assert label.endswith(f": {LRI}“The revenge of the precious blood…”{PDI}") and "«" not in label, label
    page = labels.evidence(data, "khazali-2021-06-29-revenge", "ar")
    assert page.endswith(": “The revenge of the precious blood…”") and LRI not in page
    quotation = data.row("quotations", "khazali-2021-06-29-revenge")
    assert labels.quoted(quotation, "ar") == f"{LRI}“The revenge of the precious blood…”{PDI}"
    p = paragraph(page)
    isolate(p)
    assert [r.astext() for r in p.findall(english)][-1] == "“The revenge of the precious blood…”"
    cut = short(f"قيس الخزعلي، 29 حزيران: {LRI}“The muqawama reject attacking the Americans”{PDI}", 40, 2).split("\n")
    assert cut[0].split(LRI)[1].startswith("“") and cut[-1].endswith(f"…”{PDI}"), cut


@pytest.mark.build
def test_the_arabic_evidence_lists_use_the_arabic_separator(site):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(
        (site / "ar" / "chapters" / "data-and-methods.html").read_text(encoding="utf-8"), "html.parser"
    )
    cells = [row.find_all("td")[-1] for row in page.select("table.claims-table tbody tr")]
    assert cells and any("؛ " in c.get_text() for c in cells)
    assert not any("; " in s for c in cells for s in c.find_all(string=True, recursive=False)), "a Latin '; '"
    assert "«The" not in page.get_text()


@pytest.mark.unit
def test_markup_for_another_writer_does_not_make_an_english_cell_arabic():
    """A claims table's cell opens with a label for the site's phone layout (raw HTML, its Arabic in
    an attribute): the brief's English words are still a left-to-right block, on screen and in print."""
    label = nodes.raw("", '<span class="cell-label" data-label="كلمات الموجز"></span>', format="html")
    p = paragraph(label, "“The rhetoric was backed with action.” ", citation("Malik and Smith 2021"))
    isolate(p)
    assert p.get(DIR) == "ltr"  # print sets the paragraph as an English block by this mark


@pytest.mark.build
def test_the_arabic_general_index_isolates_its_latin_runs_and_starts_on_the_right(site):
    from bs4 import BeautifulSoup

    html = (site / "ar" / "genindex.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    entries = page.select("table.indextable li a")
    assert entries and latin_in_html(site / "ar" / "genindex.html") == []
    mixed = [a for a in entries if "AAH" in a.get_text()]
    assert mixed and mixed[0].find("span", attrs={"dir": "ltr"}).get_text() == "(Asaib Ahl al-Haq (AAH))"
    for edition in ("", "ar/"):  # each entry under its letter: none under "Symbols" ("رموز"), as a quoted term was
        index = BeautifulSoup((site / edition / "genindex.html").read_text(encoding="utf-8"), "html.parser")
        groups = [h.get_text() for h in index.select("h2")]
        assert groups and all(len(group) == 1 and group.isalpha() for group in groups), (edition, groups)
    rtl = (site / "ar" / "_static" / "briefbook-rtl.css").read_text(encoding="utf-8")
    assert re.search(r'html\[dir="rtl"\] table\.indextable td \{\s*text-align: start;', rtl)


@pytest.mark.unit
def test_arabic_inside_a_code_block_is_marked_arabic():
    """A left-to-right code block (the Arabic edition's BibTeX) marks its Arabic runs as Arabic."""
    from types import SimpleNamespace

    from briefbook.sphinx.printing import RightToLeftCode

    class Writer(RightToLeftCode):
        body, config = ["<p>x</p>"], SimpleNamespace(language="ar")

    class Base:  # Sphinx writes the highlighted block whole and raises SkipNode
        def visit_literal_block(self, node):
            self.body.append('<pre><span class="s">{المساهمون في الطبعة}</span>, <span>{2026}</span></pre>')
            raise nodes.SkipNode

    writer = type("HTMLWriter", (Writer, Base), {})()
    with pytest.raises(nodes.SkipNode):
        writer.visit_literal_block(nodes.literal_block())
    body = writer.body
    assert body[0] == "<p>x</p>"
    assert body[1] == ('<pre><span class="s">{<span lang="ar" dir="rtl">المساهمون في الطبعة</span>}</span>, '
                       "<span>{2026}</span></pre>")  # fmt: skip


@pytest.mark.unit
def test_a_schema_rule_s_bounds_are_set_left_to_right():
    """ "from 2021-06-27 to 2021-07-10" inside Arabic words: each date an English (left-to-right)
    node, so that no renderer turns its digit groups round."""
    from briefbook.sphinx.nodes import english
    from briefbook.sphinx.tables import rules

    said = rules(
        {"name": "date", "constraints": {"minimum": "2021-06-27", "maximum": "2021-07-10"}}, {"schema": {}}, None
    )
    bounds = [n.astext() for n in said if isinstance(n, english)]
    assert bounds == ["2021-06-27", "2021-07-10"]


@pytest.mark.unit
def test_a_phone_card_s_arabic_cell_label_reads_from_the_right():
    """An Arabic column name on a stacked table's card is set right to left (``dir="rtl"``), even in
    a cell whose content is English (a file name, a checksum) and so left to right."""
    from briefbook.sphinx.util import table

    def labels(header: str) -> list[str]:
        grid = table([header], [["data/actors.csv"]], [1])
        return [n.astext() for n in grid.findall(nodes.raw) if "cell-label" in n.astext()]

    assert labels("الملف") == ['<span class="cell-label" dir="rtl" data-label="الملف"></span>']
    assert labels("File") == ['<span class="cell-label" data-label="File"></span>']


@pytest.mark.unit
def test_every_block_of_the_arabic_edition_is_isolated_as_its_golden_output():
    pairs = json.loads(gzip.decompress(GOLDEN.read_bytes()))
    changed = []
    for before, after in pairs:
        block = deserialize(before)
        isolate(block)
        if serialize(block) != after:
            changed.append(f"{deserialize(before).astext()!r}\n  now: {block.pformat()}")
    assert len(pairs) > 1000 and not changed, f"{len(changed)} blocks differ:\n" + "\n".join(changed[:5])


PIECES = [*"abZ ب ت،؛«»()[]“”‘’{}⟨⟩0 9..…?!:;-/'\"", "...", " ", "Ab", "كتب", "\u0651"]
INLINES = st.sampled_from(
    [
        lambda: citation("Malik 2021"),
        lambda: english("", "", nodes.Text("“x y”")),
        lambda: nodes.literal("", "x.csv"),
        lambda: nodes.emphasis("", "ب x"),
        lambda: nodes.emphasis("", "x y"),
        lambda: nodes.reference("", "2021", refuri="#y"),
        lambda: nodes.inline("", "", nodes.Text("a b"), classes=["field"]),
    ]
).map(lambda make: make())
TEXTS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)


@pytest.mark.unit
@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(TEXTS, INLINES), min_size=1, max_size=6))
def test_isolating_keeps_the_text_and_puts_every_latin_letter_and_no_arabic_one_in_a_run(children):
    p = paragraph(*children)
    text = p.astext()
    isolate(p)
    assert p.astext() == text
    latin = re.compile(f"[{LATIN_LETTERS}]")
    for t in p.findall(nodes.Text):
        owners = [a for a in ancestors(t) if isinstance(a, (english, nodes.literal))]
        assert owners or not latin.search(t), p.pformat()
        arabic_letter = any(c.isalpha() for c in RTL_LETTER.findall(t))
        assert not arabic_letter or not owners or any(isinstance(a, arabic) for a in ancestors(t)), p.pformat()


def ancestors(node: nodes.Node):
    while (node := node.parent) is not None:
        yield node
