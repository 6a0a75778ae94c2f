"""Chart functions draw one mark per row in the date range, windows as spans, reproducibly."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT
from matplotlib.patches import Rectangle

from briefbook import figures
from briefbook.data import load, split


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
    fig = figures.timeline(data)
    assert sorted(linked(fig, "events:", "windows:")) == sorted(f"#event-{i}" for i in data.events["id"])
    assert sorted(linked(fig, "quotes:")) == sorted(f"#quote-{i}" for i in data.quotations["id"])


def test_timeline_leaves_out_rows_outside_the_range(data):
    extra = data.events.iloc[[0]].copy()
    extra["id"] = "ev-2021-08-01-elsewhere-rocket"
    extra["date_start"] = extra["date_end"] = pd.Timestamp("2021-08-01")
    data.events = pd.concat([data.events, extra], ignore_index=True)
    fig = figures.timeline(data)
    urls = linked(fig, "events:", "windows:")
    assert "#event-ev-2021-08-01-elsewhere-rocket" not in urls
    assert len(urls) == len(data.events) - 1


def test_windows_are_drawn_as_spans(data):
    windows = data.events[data.events["date_end"] > data.events["date_start"]]
    assert len(windows) >= 1
    fig = figures.timeline(data)
    spans = {url: path for c in marks(fig, "windows:") for url, path in zip(c.get_urls(), c.get_paths(), strict=True)}
    for ev in windows.itertuples():
        extent = spans[f"#event-{ev.id}"].get_extents()
        assert extent.width > (ev.date_end - ev.date_start).days + 1 - 0.5
    blocks = [p for p in marks(figures.tempo(data), "window:") if isinstance(p, Rectangle)]
    assert len(blocks) == len(windows.groupby(["date_start", "date_end", "type"]))
    assert all(b.get_width() > 1.5 for b in blocks)


def test_tempo_counts_every_event_once(data):
    fig = figures.tempo(data)
    bars = sum(p.get_height() for p in marks(fig, "day:"))
    blocks = sum(p.get_height() for p in marks(fig, "window:"))
    assert bars + blocks == len(data.events)
    # a bar's height is its day's count of that weapon
    day = data.events[data.events["date_start"] == data.events["date_end"]]
    counts = day.groupby(["date_start", "type"]).size()
    for p in marks(fig, "day:"):
        _, when, kind, n = p.get_gid().split(":")
        assert int(n) == counts.get((pd.Timestamp(when), kind), 0) == p.get_height()


def test_signals_draws_one_mark_per_device_of_each_statement(data):
    fig = figures.signals(data)
    expected = sorted(f"quote:{q.id}:{d}" for q in data.quotations.itertuples() for d in split(q.devices))
    assert sorted(a.get_gid() for a in marks(fig, "quote:")) == expected


def test_claims_draws_one_link_per_piece_of_evidence(data):
    fig = figures.claims(data)
    expected = sorted(f"link:{c.id}:{e}" for c in data.claims.itertuples() for e in split(c.evidence))
    assert sorted(a.get_gid() for a in marks(fig, "link:")) == expected


def test_every_mark_is_coloured_from_the_okabe_ito_palette(data):
    """What the charts draw, not what the constants say: every coloured mark's colour is one of
    Okabe and Ito's, and no two signals or weapons share one."""
    from matplotlib.colors import to_hex, to_rgba_array

    from briefbook.figures.style import OKABE_ITO

    palette = {c.lower() for c in OKABE_ITO.values()} | {"#ffffff", "#000000"}
    for name, draw in figures.DRAW.items():
        fig = draw(data)
        for artist in marks(fig, "events:") + marks(fig, "quotes:") + marks(fig, "day:") + marks(fig, "evidence:"):
            colours = artist.get_facecolor() if hasattr(artist, "get_facecolor") else artist.get_markerfacecolor()
            for colour in to_rgba_array(colours):
                assert to_hex(colour, keep_alpha=False) in palette, (name, artist.get_gid(), to_hex(colour))
    legend = figures.timeline(data).axes[1].get_legend()
    shown = [to_hex(h.get_color()) for h in legend.legend_handles]
    assert len(set(shown)) == len(shown)


def test_alt_text_is_written_from_the_data(data):
    for name in figures.FIGURES:
        text = figures.alt_text(name, data)
        assert len(text) > 80
    assert f"{len(data.events)} kinetic events" in figures.alt_text("timeline", data)


def test_a_chart_cell_output_is_byte_identical_and_undated(data):
    """The notebook output of a chart: SVG and PDF, the same bytes every time, no dates."""
    first, second = (
        figures.chart("timeline", data)._repr_mimebundle_(),
        figures.chart("timeline", data)._repr_mimebundle_(),
    )
    assert first["image/svg+xml"] == second["image/svg+xml"]
    assert first["application/pdf"] == second["application/pdf"]
    assert first["application/pdf"].startswith(b"%PDF") and b"CreationDate" not in first["application/pdf"]
    assert "<dc:date>" not in first["image/svg+xml"]
    assert first["text/plain"] == figures.alt_text("timeline", data)


def test_an_unknown_chart_is_named():
    with pytest.raises(KeyError, match="unknown chart 'pie'"):
        figures.chart("pie")
