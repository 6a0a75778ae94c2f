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


def test_timeline_draws_each_event_and_statement_once(data):
    fig = figures.timeline(data)
    gids = [a.get_gid() for a in marks(fig, "event:")]
    assert sorted(gids) == sorted(f"event:{i}" for i in data.events["id"])
    gids = [a.get_gid() for a in marks(fig, "quote:")]
    assert sorted(gids) == sorted(f"quote:{i}" for i in data.quotations["id"])


def test_timeline_leaves_out_rows_outside_the_range(data):
    extra = data.events.iloc[[0]].copy()
    extra["id"] = "ev-2021-08-01-elsewhere-rocket"
    extra["date_start"] = extra["date_end"] = pd.Timestamp("2021-08-01")
    data.events = pd.concat([data.events, extra], ignore_index=True)
    fig = figures.timeline(data)
    assert "event:ev-2021-08-01-elsewhere-rocket" not in {a.get_gid() for a in marks(fig, "event:")}
    assert len(marks(fig, "event:")) == len(data.events) - 1


def test_windows_are_drawn_as_spans(data):
    windows = data.events[data.events["date_end"] > data.events["date_start"]]
    assert len(windows) >= 1
    for fig in (figures.timeline(data), figures.tempo(data)):
        spans = {a.get_gid(): a for a in marks(fig, "event:") if isinstance(a, Rectangle)}
        for ev in windows.itertuples():
            span = spans[f"event:{ev.id}"]
            days = (ev.date_end - ev.date_start).days + 1
            assert span.get_width() > days - 0.5


def test_tempo_draws_one_block_per_event(data):
    fig = figures.tempo(data)
    assert sorted(a.get_gid() for a in marks(fig, "event:")) == sorted(f"event:{i}" for i in data.events["id"])


def test_signals_draws_one_mark_per_device_of_each_statement(data):
    fig = figures.signals(data)
    expected = sorted(f"quote:{q.id}:{d}" for q in data.quotations.itertuples() for d in split(q.devices))
    assert sorted(a.get_gid() for a in marks(fig, "quote:")) == expected


def test_claims_draws_one_link_per_piece_of_evidence(data):
    fig = figures.claims(data)
    expected = sorted(f"link:{c.id}:{e}" for c in data.claims.itertuples() for e in split(c.evidence))
    assert sorted(a.get_gid() for a in marks(fig, "link:")) == expected


def test_palette_is_okabe_ito():
    palette = {c.upper() for c in figures.OKABE_ITO.values()}
    for colour, _ in figures.SIGNAL_STYLE.values():
        assert colour.upper() in palette
    for colour, _, _ in figures.TYPE_STYLE.values():
        assert colour.upper() in palette


def test_alt_text_is_written_from_the_data(data):
    for name in figures.FIGURES:
        text = figures.alt_text(name, data)
        assert len(text) > 80
    assert f"{len(data.events)} kinetic events" in figures.alt_text("timeline", data)


def test_saved_figures_are_byte_identical(tmp_path, data):
    first = figures.save(figures.timeline(data), tmp_path / "a" / "timeline")
    second = figures.save(figures.timeline(data), tmp_path / "b" / "timeline")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    svg = first[0].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
