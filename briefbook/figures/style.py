"""The charts' shared style: the media they are drawn for, the colour-blind-safe palette on a light
or a dark ground, the day axis, and marks linked to the rows they stand for, each with a tooltip."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from .. import i18n  # noqa: E402
from ..data import STUDY_END, STUDY_START  # noqa: E402
from ..i18n import dates  # noqa: E402
from . import words  # noqa: E402

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#6E6E6E",
}
SIGNAL_STYLE = {  # colour, marker
    "escalatory": (OKABE_ITO["vermillion"], "^"),
    "mixed": (OKABE_ITO["purple"], "D"),
    "de-escalatory": (OKABE_ITO["blue"], "v"),
}
TYPE_STYLE = {  # colour, marker, hatch
    "airstrike": (OKABE_ITO["black"], "*", ""),
    "rocket": (OKABE_ITO["orange"], "o", "//"),
    "drone": (OKABE_ITO["sky"], "s", "\\\\"),
}
STRIKES_DAY = pd.Timestamp("2021-06-28")
BRIEF_DAY = pd.Timestamp("2021-07-09")
DAY_MARKS = ((STRIKES_DAY, "strikes", "--"), (BRIEF_DAY, "brief", ":"))  # the day, its words, its line
# The book's column is about 757 px wide at 1366 px; the wide charts are shown from 730 px of
# column up, the narrow ones below (briefbook.css). 96 CSS px to the inch.
WIDE_FROM_PX = 730


# The charts' fonts: DejaVu Sans, whose Arabic letters (with libraqm's shaping) keep the lines of an
# Arabic chart as tall as an English one's; then, in Arabic, Noto Sans Arabic (Debian's
# fonts-noto-core) for any letter it lacks. (Noto Sans Arabic first would double the height of every
# line: matplotlib spaces lines by the first font's metrics.) An SVG keeps its text as text and names
# these families; the page's own fonts (briefbook.css) cover Arabic too.
FONTS = {"en": "DejaVu Sans", "ar": ["DejaVu Sans", "Noto Sans Arabic"]}


@dataclass(frozen=True)
class Medium:
    """What a chart is drawn for: its width in inches (the width at which it is shown at scale 1),
    its text sizes in points (``small`` the smallest), its ground and its layout."""

    name: str
    width: float
    size: float
    small: float
    dark: bool = False
    narrow: bool = False
    language: str = i18n.SOURCE  # the language of its words (:mod:`.words`)

    @property
    def rtl(self) -> bool:
        """Whether its words read right to left (:mod:`.direction`)."""
        return i18n.direction(self.language) == "rtl"

    @property
    def ink(self) -> str:
        return "#E6E6E6" if self.dark else "#111111"

    @property
    def muted(self) -> str:
        return "#C4C4C4" if self.dark else "#333333"

    @property
    def grid(self) -> str:
        return "#3A3A3A" if self.dark else "#DDDDDD"

    @property
    def ground(self) -> str:
        """White on paper and light screens; none on dark ones, so the page's own ground shows."""
        return "none" if self.dark else "white"

    def type_colour(self, kind: str) -> str:
        colour = TYPE_STYLE[kind][0]
        return "#FFFFFF" if self.dark and colour == OKABE_ITO["black"] else colour

    def signal_colour(self, signal: str) -> str:
        return SIGNAL_STYLE[signal][0]

    def rc(self) -> dict:
        return {
            "font.family": FONTS[self.language],
            "font.size": self.size,
            "axes.titlesize": self.size + 0.5,
            "axes.titleweight": "bold",
            "axes.labelsize": self.size,
            "xtick.labelsize": self.size,
            "ytick.labelsize": self.size,
            "legend.fontsize": self.size,
            "legend.title_fontsize": self.size,
            "axes.edgecolor": self.muted,
            "axes.labelcolor": self.ink,
            "xtick.color": self.muted,
            "ytick.color": self.muted,
            "xtick.labelcolor": self.ink,
            "ytick.labelcolor": self.ink,
            "text.color": self.ink,
            "legend.labelcolor": self.ink,
            "figure.facecolor": self.ground,
            "axes.facecolor": self.ground,
            "savefig.facecolor": self.ground,
            "savefig.edgecolor": self.ground,
            "hatch.color": self.muted,
            "svg.fonttype": "none",
            "svg.hashsalt": "briefbook",
            "pdf.fonttype": 42,
        }


SCREEN = Medium("screen", width=7.8, size=9.5, small=8.5)
PHONE = Medium("phone", width=3.6, size=9, small=8.5, narrow=True)
PRINT = Medium("print", width=15.8 / 2.54, size=8, small=7.5)  # A4 less 2 x 2.6 cm: the text width
MEDIA = {m.name: m for m in (SCREEN, replace(SCREEN, name="screen-dark", dark=True), PHONE,
                             replace(PHONE, name="phone-dark", dark=True), PRINT)}  # fmt: skip
STYLE = SCREEN.rc()


def _plain(text: str) -> str:
    """Text from the data, shown as written: a '$' would otherwise start matplotlib's mathtext."""
    return str(text).replace("$", r"\$")


def short(text: str, width: int, lines: int = 1) -> str:
    """Text wrapped to ``lines`` lines of at most ``width`` characters, cut with an ellipsis."""
    if words.LRI in str(text):  # an isolated run: cut inside it, isolated line by line
        return words.short_isolated(str(text), width, lines, short)
    # A line may also break after the brief's ellipsis ("administration...learns"), adding no space.
    joined = str(text).replace("...", "...\x00 ")
    out = [line.replace("\x00 ", "").replace("\x00", "")
           for line in textwrap.wrap(joined, width, break_long_words=False, break_on_hyphens=False)]  # fmt: skip
    if len(out) > lines:
        out, last = out[:lines], out[lines - 1]
        if len(last) >= width and " " in last:
            last = last.rsplit(" ", 1)[0]
        out[-1] = last.rstrip(" ,;:.…") + "…"
    return "\n".join(out)


def event_titles(frame: pd.DataFrame, language: str = "en") -> list[str]:
    """What a tooltip says of each event (rows of the events table), as the lists name it
    (:meth:`briefbook.data.Dataset.evidence_label`)."""
    return [_plain(t) for t in words.event_titles(frame, language)]


def link(artist, gid: str, urls, titles) -> None:
    """Make ``artist``'s marks links to their rows (``#event-<id>``, ``#quote-<id>``,
    ``#claim-<id>``), each with a tooltip; :func:`briefbook.figures.svg.tooltips` writes them."""
    urls, titles = list(urls), list(titles)
    artist.set_gid(gid)
    if hasattr(artist, "set_urls"):
        artist.set_urls(urls)
    else:
        artist.set_url(urls[0])
    fig = artist.get_figure(root=True) if hasattr(artist, "get_figure") else artist.figure
    fig.__dict__.setdefault("briefbook_titles", {})[gid] = titles


# The marks' size (points across) and outline; the legends' markers are drawn as large as the
# marks they explain, with the same outline (a smaller one, under a heavier outline, shrank the
# white airstrike star of dark mode to a dot).
MARK_SIZE = 9
STAR_SIZE = 11  # the airstrike's star: a star's points need more room than a circle
MARK_EDGE = 0.6


def marks(ax, x, y, ids, prefix: str, titles, medium: Medium, *, marker: str, colour: str, size: float, gid: str):
    """One scatter collection: a mark per row, each a link to its row with a tooltip."""
    if len(x) == 0:
        return None
    edge = "#000000"
    collection = ax.scatter(x, y, marker=marker, s=size**2, c=colour, edgecolors=edge, linewidths=MARK_EDGE, zorder=3)
    link(collection, gid, [f"#{prefix}-{i}" for i in ids], titles)
    return collection


def signal_handles(medium: Medium, data=None) -> list:
    """A legend's entries for the signals (named from ``data``'s codes in a language other than English)."""
    return [
        Line2D([], [], marker=m, color=medium.signal_colour(s), markeredgecolor="black", linestyle="none",
               markersize=MARK_SIZE, markeredgewidth=MARK_EDGE, label=words.signal(data, s, medium.language))
        for s, (_, m) in SIGNAL_STYLE.items()
    ]  # fmt: skip


def type_handles(medium: Medium, window: str | None = None) -> list:
    out = [
        Line2D(
            [],
            [],
            marker=m,
            color=medium.type_colour(k),
            markeredgecolor="black",
            linestyle="none",
            markersize=STAR_SIZE if k == "airstrike" else MARK_SIZE,
            markeredgewidth=MARK_EDGE,
            label=words.weapon(k, medium.language),
        )
        for k, (_, m, _) in TYPE_STYLE.items()  # fmt: skip
    ]
    if window:
        out.append(Patch(facecolor="none", edgecolor=medium.muted, hatch="//", label=window))
    return out


def top_legend(ax, medium: Medium, handles: list, ncols: int | None = None) -> None:
    """A legend in one row (or ``ncols`` columns) above the axes, under its title."""
    from .direction import legend

    legend(ax, medium, handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=ncols or len(handles),
              frameon=False, borderaxespad=0.2, handletextpad=0.3, columnspacing=1.0, borderpad=0.1)  # fmt: skip


def day_axis(ax, medium: Medium, axis: str = "x") -> None:
    """Days of the study, 27 June to 10 July, across (``x``) or down the page (``y``): each day
    labelled at its middle, with a faint rule between days."""
    days = pd.date_range(STUDY_START, STUDY_END)
    edges = mdates.date2num(days)
    lim = (edges[0], edges[-1] + 1)
    if axis == "x":
        ax.set_xlim(*lim)
    else:
        ax.set_ylim(lim[1], lim[0])
    target = ax.xaxis if axis == "x" else ax.yaxis
    short = {d.month: f"{d:%b}" if medium.language == i18n.SOURCE else dates.month(d, medium.language, short=True)
             for d in days}  # fmt: skip
    if medium.language == i18n.SOURCE or axis != "x":
        names = [f"{d.day}\n{short[d.month]}" if axis == "x" else f"{d.day} {short[d.month]}" for d in days]
    else:  # months without short forms: each month named under its first day only
        names = [f"{d.day}\n{short[d.month]}" if i == 0 or d.day == 1 else f"{d.day}" for i, d in enumerate(days)]
    target.set_ticks(edges + 0.5, names)
    target.set_ticks(edges, minor=True)
    ax.tick_params(axis=axis, which="major", length=0)
    ax.tick_params(axis=axis, which="minor", length=3)
    ax.grid(axis=axis, which="minor", color=medium.grid, linewidth=0.6)
    ax.set_axisbelow(True)


def mark_days(ax, medium: Medium, label: bool, axis: str = "x") -> None:
    """The U.S. strikes (dashed) and the brief's day (dotted); labelled inside the axes' top, the
    first to the right of its line, the last to its left, so neither reaches a legend."""
    said = words.day_marks(medium.language)
    for day, key, style in DAY_MARKS:
        text = said[key]
        pos = mdates.date2num(day) + 0.5
        line = ax.axvline if axis == "x" else ax.axhline
        line(
            pos,
            color=medium.muted,
            linestyle=style,
            linewidth=1.1,
            gid=f"marker:{day.date()}:{ax.figure.axes.index(ax)}",
        )
        if label and axis == "x":
            right = day == BRIEF_DAY
            ax.annotate(text, (pos, 1.0), xycoords=("data", "axes fraction"), xytext=(-3 if right else 3, -3),
                        textcoords="offset points", va="top", ha="right" if right else "left",
                        fontsize=medium.small, color=medium.muted)  # fmt: skip
        elif label:
            ax.annotate(text, (1.0, pos), xycoords=("axes fraction", "data"), xytext=(-3, 2), textcoords="offset points",
                        va="bottom", ha="right", fontsize=medium.small, color=medium.muted)  # fmt: skip


def spread(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Offsets within a day, in (0, 1), for rows that share a day and a lane, in the table's order."""
    if frame.empty:
        return pd.Series(dtype=float)
    groups = frame.groupby(keys, sort=False)
    rank = groups.cumcount()
    size = groups[keys[0]].transform("size")
    return (rank + 1) / (size + 1)


def in_range(table: pd.DataFrame, start_col: str, end_col: str | None = None) -> pd.DataFrame:
    end_col = end_col or start_col
    mask = (table[end_col] >= STUDY_START) & (table[start_col] <= STUDY_END)
    return table[mask]
