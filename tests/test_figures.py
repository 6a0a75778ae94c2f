"""Chart functions draw one mark per row in the date range, windows as spans, reproducibly."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from charts import FIGURES, MEDIA, Chart
from charts import fig as figure
from conftest import ROOT, edit_cell

from briefbook.data import load, split

pytestmark = pytest.mark.unit


@pytest.fixture
def data():
    return load(ROOT / "data")


def marks(fig, prefix: str) -> list:
    found = []
    for ax in fig.axes:
        for artist in [*ax.lines, *ax.patches, *ax.collections]:
            gid = artist.get_gid() or ""
            if gid.startswith(prefix):
                found.append(artist)
    return found


def linked(fig, *prefixes: str) -> list[str]:
    """The rows a chart's collections stand for: one link (#event-id, #quote-id) per mark."""
    return [url for p in prefixes for c in marks(fig, p) for url in c.get_urls()]


def test_timeline_draws_each_event_and_statement_once(data):
    fig = figure("timeline", data)
    assert sorted(linked(fig, "events:", "windows:")) == sorted(f"#event-{i}" for i in data.events["id"])
    assert sorted(linked(fig, "quotes:")) == sorted(f"#quote-{i}" for i in data.quotations["id"])


def test_no_row_outside_the_study_window_reaches_a_chart(data_copy):
    """The charts draw every row: validation, run once before any build, refuses a date outside the study
    window (the schema's date constraints), so no chart filters the rows again."""
    from briefbook.validate import validate

    first = load(data_copy).events.iloc[0]
    for column in ("date_start", "date_end"):
        edit_cell(data_copy / "events.csv", first.id, column, "2021-08-01")
    said = "\n".join(str(p) for p in validate(data_copy))
    for column in ("date_start", "date_end"):
        assert f"{column}: '2021-08-01' is outside the study window" in said, said


def test_windows_are_drawn_as_spans(data):
    windows = data.events[data.events["date_end"] > data.events["date_start"]]
    assert len(windows) >= 1
    fig = figure("timeline", data)
    spans = {url: box for c in marks(fig, "windows:") for url, box in zip(c.get_urls(), c.corners, strict=True)}
    for ev in windows.itertuples():
        assert np.ptp(spans[f"#event-{ev.id}"][:, 0]) > (ev.date_end - ev.date_start).days + 1 - 0.5
    blocks = {
        url: box
        for c in marks(figure("tempo", data), "windows:")
        for url, box in zip(c.get_urls(), c.corners, strict=True)
    }
    assert set(blocks) == {f"#event-{i}" for i in windows["id"]}  # one block per window, not one per day
    for ev in windows.itertuples():
        days = (ev.date_end - ev.date_start).days + 1
        width, height = np.ptp(blocks[f"#event-{ev.id}"], axis=0)
        assert width > days - 0.5 and height == pytest.approx(1 / days)


def test_tempo_counts_every_event_once(data):
    """A block per event: a day's event is one event tall on its day; an event known only to a
    window of n days is 1/n tall across those n days, so that its area is one event too."""
    fig = figure("tempo", data)
    area = 0.0
    for collection in marks(fig, "events:") + marks(fig, "windows:"):
        for width, height in np.ptp(collection.corners, axis=1):
            area += height * round(width + 0.24)  # blocks leave 0.12 of a day either side
    assert area == pytest.approx(len(data.events))
    drawn = [u for c in marks(fig, "events:") + marks(fig, "windows:") for u in c.get_urls()]
    assert sorted(drawn) == sorted(f"#event-{i}" for i in data.events["id"])


def test_signals_draws_one_mark_per_device_of_each_statement(data):
    fig = figure("signals", data)
    devices = [c["value"] for c in data.codes("quotations", "devices")]
    drawn = {c.get_gid(): sorted(int(x) for x in c.corners[:, 0, 0]) for c in marks(fig, "quote:")}
    expected = {
        f"quote:{q.id}": sorted(devices.index(d) for d in split(q.devices)) for q in data.quotations.itertuples()
    }
    assert drawn == expected


def test_claims_draws_one_mark_per_piece_of_evidence(data):
    fig = figure("claims", data)
    expected = sorted(f"link:{c.id}:{e}" for c in data.claims.itertuples() for e in split(c.evidence))
    assert sorted(a.get_gid() for a in marks(fig, "link:")) == expected


def test_every_mark_is_coloured_from_the_okabe_ito_palette(data):
    """What the charts draw, not what the constants say: every coloured mark's colour is one of
    Okabe and Ito's, and no two signals or weapons share one."""
    from matplotlib.colors import to_hex, to_rgba_array

    from briefbook.figures.style import OKABE_ITO

    palette = {c.lower() for c in OKABE_ITO.values()} | {"#ffffff", "#000000"}
    for name in FIGURES:
        for medium in MEDIA.values():
            drawn = figure(name, data, medium.name)
            for a in [a for ax in drawn.axes for a in [*ax.collections, *ax.patches]]:  # the marks and their links
                for colour in to_rgba_array(a.get_facecolor()):
                    assert to_hex(colour, keep_alpha=False) in palette, (name, medium.name, a.get_gid())
    legend = figure("timeline", data).axes[1].get_legend()
    shown = [to_hex(h.get_color()) for h in legend.legend_handles]
    assert len(set(shown)) == len(shown)


def test_alt_text_is_written_from_the_data(data):
    for module in FIGURES.values():
        assert len(module.alt_text(data, "en")) > 80
    assert f"{len(data.events)} kinetic events" in FIGURES["timeline"].alt_text(data, "en")


def test_the_timeline_s_alt_text_describes_its_phone_variant_too(data):
    """One alt text labels both variants of a chart (the page shows one): the timeline's, whose
    phone variant is an agenda of days, not rows by target and speaker, says so, in both languages."""
    from briefbook.i18n.data import localise

    english = FIGURES["timeline"].alt_text(data, "en")
    assert "grouped by target" in english and "On a phone the chart is drawn instead as an agenda" in english
    arabic = FIGURES["timeline"].alt_text(localise(data, "ar"), "ar")
    assert "أجندة" in arabic and "On a phone" not in arabic


def test_a_chart_cell_output_is_byte_identical_and_undated(data):
    """The notebook output of a chart: SVG and PDF, the same bytes every time, no dates."""
    first, second = (
        Chart(FIGURES["timeline"], data, "en")._repr_mimebundle_(),
        Chart(FIGURES["timeline"], data, "en")._repr_mimebundle_(),
    )
    assert first["image/svg+xml"] == second["image/svg+xml"]
    assert first["application/pdf"] == second["application/pdf"]
    assert first["application/pdf"].startswith(b"%PDF") and b"CreationDate" not in first["application/pdf"]
    assert "<dc:date>" not in first["image/svg+xml"]
    assert first["text/plain"] == FIGURES["timeline"].alt_text(data, "en")


def test_each_chart_lists_the_rows_it_draws(data):
    """The table beside a chart is the chart's own rows(): a row for each event or statement the
    timeline draws, each linked to its row; their sources the keys those rows cite."""
    rows = FIGURES["timeline"].rows(data, "en")
    linked = [c[0].row for c in rows.cells]
    assert sorted(linked) == sorted([*data.events["id"], *data.quotations["id"]])
    assert len(rows.headers) == len(rows.widths) == len(rows.cells[0])
    assert set(rows.sources(data)) >= {k for keys in data.events["source_keys"] for k in keys.split(";") if k.strip()}
    claims = FIGURES["claims"].rows(data, "en")
    assert [c[1].row for c in claims.cells] == list(data.claims["id"]) and claims.cells[0][1].table == "claims"
    assert [c[0].row for c in FIGURES["tempo"].rows(data, "en").cells] == list(data.events["id"])


def test_a_figure_loads_by_its_path_without_the_book_on_the_import_path(monkeypatch, tmp_path):
    """The extension loads the book's ``figures/`` folder by its path, as a package of a name of its own, whose
    figures import what they share relatively: the editions' processes run with ``python -P`` (the book's folder is
    not on the import path), and one beside another checkout must not take that checkout's."""
    import shutil
    from types import SimpleNamespace

    from briefbook.sphinx.charts import figure

    def load(root, name):  # the figure as the extension loads it for a book at ``root``
        config = SimpleNamespace(briefbook_root=str(root), language="en")
        return figure(SimpleNamespace(config=config, srcdir=str(root)), name)

    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", ".", str(ROOT))])
    for name in [m for m in sys.modules if m == "figures" or m.startswith(("figures.", "briefbook_figures_"))]:
        monkeypatch.delitem(sys.modules, name)
    for path in sorted((ROOT / "figures").glob("[!_]*.py")):
        assert callable(load(ROOT, path.stem).alt_text), path
    assert "figures" not in sys.modules
    shutil.copytree(ROOT / "figures", tmp_path / "figures", ignore=shutil.ignore_patterns("__pycache__"))
    init = tmp_path / "figures" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8").replace('"--"', '"-."'), encoding="utf-8")  # another checkout's
    other, ours = load(tmp_path, "tempo"), load(ROOT, "tempo")
    assert other is not ours and other.MARKED != ours.MARKED
    # a package that fails to load is not left half made: once mended, the next figure loads it whole
    broken = shutil.copytree(tmp_path / "figures", tmp_path / "broken" / "figures")
    mended = (broken / "__init__.py").read_text(encoding="utf-8")
    (broken / "__init__.py").write_text("raise RuntimeError('broken on purpose')\n" + mended, encoding="utf-8")
    with pytest.raises(RuntimeError, match="broken on purpose"):
        load(broken.parent, "tempo")
    (broken / "__init__.py").write_text(mended, encoding="utf-8")
    assert callable(load(broken.parent, "tempo").alt_text)
