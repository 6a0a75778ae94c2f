"""The charts of the Arabic edition: Arabic words in logical order, right to left where it reads,
the English charts unchanged; the notebooks' hidden first cell sets the drawing language."""

from __future__ import annotations

import functools
import re
import shutil
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from arabic_data import arabic
from charts import FIGURES, Chart, drawn
from conftest import ROOT

from briefbook import i18n
from briefbook.data import load
from briefbook.figures.output import render
from briefbook.sphinx.charts import key_notebook_to_its_inputs

pytestmark = pytest.mark.unit

SVG = "{http://www.w3.org/2000/svg}"
LATIN = re.compile(r"[A-Za-z]")
ARABIC = re.compile(r"[\u0600-\u06ff]")
PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufeff]")  # what arabic_reshaper would write


@functools.cache
def svg(name: str, medium: str) -> str:
    data = arabic(load(ROOT / "data"))
    return render(drawn(name, data, medium, "ar"), "svg").decode("utf-8")


def unquoted(text: str) -> str:
    """``text`` without what it quotes (« … », “ … ”, a quotation cut short at the end)."""
    return re.sub(r"«[^»]*(»|$)|“[^”]*(”|$)", "", text, flags=re.S)


def texts(markup: str) -> list[ET.Element]:
    return [t for t in ET.fromstring(markup).iter(f"{SVG}text") if (t.text or "").strip()]


@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize("medium", ["screen", "phone", "print"])
def test_arabic_charts_say_every_word_in_arabic(name, medium):
    """Labels, ticks, legends, titles and tooltips: Arabic, with Western digits; no English word but
    a statement's first words, quoted as the brief gives them (never this edition's rendering)."""
    markup = svg(name, medium)
    shown = [t.text for t in texts(markup)]
    titles = [t.text for t in ET.fromstring(markup).iter(f"{SVG}title") if t.text]
    assert sum(bool(ARABIC.search(t)) for t in shown) >= 5  # the rest: digits (days, counts)
    # a quotation may be wrapped over several lines (the phone's agenda): read the lines in order
    assert not LATIN.search(unquoted("\n".join(shown))), unquoted("\n".join(shown))
    assert not [t for t in titles if LATIN.search(unquoted(t))]
    assert not [t for t in shown if re.search(r"[\u0660-\u0669\u06f0-\u06f9]", t)]  # Western digits only
    assert titles and all(ARABIC.search(t) for t in titles)


def test_arabic_text_stays_in_logical_order_and_reads_right_to_left():
    markup = svg("timeline", "screen")
    shown = {t.text for t in texts(markup)}
    assert "الهجمات والغارات، بحسب الهدف" in shown  # as typed: not reversed, not reshaped
    assert "قيس الخزعلي" in shown
    assert not PRESENTATION_FORMS.search(markup)
    for element in texts(markup):  # the browser orders each line as matplotlib measured it
        assert "direction: rtl" in element.get("style", "")
    assert "'DejaVu Sans', 'Noto Sans Arabic'" in markup


def test_legends_and_titles_start_at_the_right():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    data = arabic(load(ROOT / "data"))
    fig = drawn("timeline", data, "screen", "ar").figure
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.canvas.draw()
    top = fig.axes[0]
    legend = top.get_legend()
    spots = {t.get_text(): t.get_window_extent(renderer) for t in legend.get_texts()}
    reading = ["غارة جوية", "صاروخ", "طائرة مسيّرة", "لا يُعرف تاريخه إلا ضمن نافذة زمنية"]
    lefts = [spots[w].x0 for w in reading]
    assert lefts == sorted(lefts, reverse=True)  # the first entry at the right, the next to its left
    for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
        if text.get_text():  # each mark at the right of its words, where a right-to-left reader meets it first
            # (a handle's extent is padded by half its marker's size: its box starts that much further in)
            pad = getattr(handle, "get_markersize", lambda: 0)() / 72 * fig.dpi / 2
            assert handle.get_window_extent(renderer).x0 + pad >= text.get_window_extent(renderer).x1 - 1
    assert top.get_title(loc="right") == "الهجمات والغارات، بحسب الهدف" and not top.get_title()
    assert top.yaxis.get_ticks_position() == "right"
    # time still runs from left to right
    days = [t.get_window_extent(renderer).x0 for t in fig.axes[1].get_xticklabels()]
    assert days == sorted(days)


@pytest.mark.parametrize("name", list(FIGURES))
def test_english_charts_read_left_to_right(name, monkeypatch):
    """The English chart, drawn in the kernel's default language: no text turned right to left, no
    Arabic letter, row names at the left."""
    monkeypatch.setattr(i18n, "_current", [])
    chart = Chart(FIGURES[name], load(ROOT / "data"))
    markup = chart.svg()
    assert "direction: rtl" not in markup and not ARABIC.search(markup)
    assert all(ax.yaxis.get_ticks_position() in ("left", "unknown", "default") for ax in chart.draw().figure.axes)


def test_a_chart_cell_draws_in_the_kernel_s_language(monkeypatch):
    monkeypatch.setattr(i18n, "_current", [])
    data = arabic(load(ROOT / "data"))
    i18n.use("ar")
    bundle = Chart(FIGURES["tempo"], data)._repr_mimebundle_()
    assert "عدد الأحداث في اليوم" in bundle["image/svg+xml"]
    assert bundle["text/plain"].startswith("كتل متراكمة") and not LATIN.search(bundle["text/plain"])
    assert "Events per day" in Chart(FIGURES["tempo"], load(ROOT / "data"), language="en").svg()


def hidden_cell(language: str | None, root=ROOT, chapter: str = "overview") -> str:
    env = SimpleNamespace(
        config=SimpleNamespace(language=language, briefbook_root=str(root)), srcdir=str(root),
        note_dependency=lambda path: None,
    )  # fmt: skip
    source = [(root / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")]
    key_notebook_to_its_inputs(SimpleNamespace(env=env), f"chapters/{chapter}", source)
    return source[0].split("```{code-cell} ipython3\n:tags: [remove-cell]\n", 1)[1].split("```", 1)[0]


def test_the_hidden_cell_sets_the_language_and_keys_the_cache_on_it(monkeypatch):
    english, arabic_cell = hidden_cell("en"), hidden_cell("ar")
    assert english != arabic_cell
    digest = re.compile(r"charts: ([0-9a-f]{64})")
    assert digest.search(english).group(1) != digest.search(arabic_cell).group(1)
    monkeypatch.setattr(i18n, "_current", [])
    exec(arabic_cell, {})  # what the kernel runs first
    assert i18n.current() == "ar"
    exec(english, {})
    assert i18n.current() == "en"


def test_the_cache_is_keyed_on_the_figure_s_code_not_on_the_package_s_other_modules(tmp_path):
    """Editing a figure's module re-executes its notebook alone (the key reads the figure's module
    and the package's drawing help, not every module of the package)."""
    import shutil

    for folder in ("data", "figures", "chapters", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    before = {c: hidden_cell("en", tmp_path, c) for c in ("overview", "strikes-and-escalation")}
    assert before == {c: hidden_cell("en", ROOT, c) for c in ("overview", "strikes-and-escalation")}
    tempo = tmp_path / "figures" / "tempo.py"
    tempo.write_text(tempo.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert hidden_cell("en", tmp_path, "strikes-and-escalation") != before["strikes-and-escalation"]
    assert hidden_cell("en", tmp_path, "overview") == before["overview"]


@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize("medium", ["screen", "phone", "print"])
def test_nothing_of_an_arabic_chart_is_cut_off(name, medium):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    fig = drawn(name, arabic(load(ROOT / "data")), medium, "ar").figure
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.canvas.draw()
    edge = fig.bbox.padded(1)
    shown = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    outside = [t.get_text()[:30] for t in shown if not (edge.contains(*t.get_window_extent(renderer).p0)
                                                        and edge.contains(*t.get_window_extent(renderer).p1))]  # fmt: skip
    assert not outside


def test_a_statement_s_english_first_words_keep_their_direction_in_an_arabic_label():
    """The brief's English inside an Arabic label is isolated (U+2066 … U+2069), so that its closing
    ellipsis is not carried to the other end by the right-to-left text around it."""
    from briefbook import labels

    data = arabic(load(ROOT / "data"))
    label = labels.quoted(data.row("quotations", "sabereen-2021-07-09-rules"), "ar")
    assert "\u2066“The muqawama are heading" in label and label.count("\u2066") == label.count("\u2069") == 1
    assert "\u2066" not in labels.quoted(load(ROOT / "data").row("quotations", "sabereen-2021-07-09-rules"), "en")


def test_every_tooltip_of_an_arabic_chart_isolates_its_latin_runs():
    """A claim's or label's tooltip in Arabic may hold English words (“change in the equation”):
    each run, with its English quotation marks, sits between LRI and PDI (set left to right)."""
    from briefbook.figures.output import TITLE, isolate
    from briefbook.labels import LRI, PDI

    assert (
        isolate("منه الحديث عن “change in the equation” (ترجمة)")
        == f"منه الحديث عن {LRI}“change in the equation”{PDI} (ترجمة)"
    )
    assert isolate(f"قال: {LRI}“The words”{PDI} و F-15E") == f"قال: {LRI}“The words”{PDI} و {LRI}F-15E{PDI}"
    data = arabic(load(ROOT / "data"))
    data.claims.loc[data.claims.index[0], "claim"] = "منه الحديث عن “change in the equation” في الموجز"
    for name in FIGURES:
        svg = ET.fromstring(Chart(FIGURES[name], data, "ar").svg())
        for title in svg.iter(TITLE):
            outside = re.sub(f"{LRI}[^{PDI}]*{PDI}", "", title.text or "")
            assert not re.search("[A-Za-z]", outside), (name, title.text)


def test_a_notebook_runs_again_only_for_the_translations_its_charts_read(data_copy):
    """The hidden cell's digest keys a notebook on the rows of arabic.csv that translate the tables
    its charts draw (and the codes and schema), not on the whole file: a new translation of the
    bibliography runs no notebook again, one of an event runs the event charts' notebooks."""
    root = data_copy.parent
    for folder in ("chapters", "figures", "locales"):
        shutil.copytree(ROOT / folder, root / folder)
    for name in ("_config.yml", "references.bib"):
        shutil.copy(ROOT / name, root / name)
    before = {chapter: hidden_cell("ar", root, chapter) for chapter in ("overview", "data-and-methods")}
    table = data_copy / "arabic.csv"
    rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
    reference = next(n for n, row in enumerate(rows) if row.startswith("references,"))
    rows[reference] = rows[reference].rstrip("\n") + " \n"  # a translation of the bibliography edited
    table.write_text("".join(rows), encoding="utf-8")
    assert {chapter: hidden_cell("ar", root, chapter) for chapter in before} == before
    edit_row = next(n for n, row in enumerate(rows) if row.startswith("claims,"))
    rows[edit_row] = rows[edit_row].rstrip("\n") + " \n"  # a claim's translation: the claims chart only
    table.write_text("".join(rows), encoding="utf-8")
    assert hidden_cell("ar", root, "overview") == before["overview"]
    assert hidden_cell("ar", root, "data-and-methods") != before["data-and-methods"]
