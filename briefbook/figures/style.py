"""What every chart shares: media, the Okabe–Ito palette (each colour doubled by a marker or hatch), the day axis,
legends, linked marks, labels. Right to left all but time is mirrored; text goes to matplotlib in logical order."""

import textwrap
from collections import namedtuple
from dataclasses import dataclass

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.transforms import IdentityTransform

from .. import i18n, languages
from ..data import split
from ..i18n import N_
from ..labels import LRI, PDI

OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "blue": "#0072B2"}
OKABE_ITO |= {"vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#6E6E6E"}
WIDE_FROM_PX = 730  # the wide charts from 730 px of column up, the narrow ones below (briefbook.css)
# DejaVu Sans keeps Arabic lines as tall as English ones; Noto Sans Arabic for any letter it lacks.
FONTS = {"en": "DejaVu Sans", "ar": ["DejaVu Sans", "Noto Sans Arabic"]}
SHAPES = {"*": N_("star"), "o": N_("circle"), "s": N_("square"), "^": N_("triangle pointing up")}
SHAPES.update({"D": N_("diamond"), "v": N_("triangle pointing down")})  # the markers in words (the data tables)
MARK_SIZE, STAR_SIZE, MARK_EDGE = 9, 11, 0.6  # points across; a star's points need more room
# A mark's link is a target at least 24 CSS px square (WCAG 2.5.8) where its chart is shown at its
# narrowest: the wide chart in a column of WIDE_FROM_PX, the narrow one in a 390 px phone's column.
TARGET_PX, NARROW_COLUMN_PX = 24, 358
PRINT_TALLEST = 200  # inches: TeX places no picture taller than 16,383 pt (227 in); LaTeX then fits it to the page
ABOVE = dict(loc="lower left", bbox_to_anchor=(0.0, 1.0), borderaxespad=0.2, borderpad=0.1)  # a legend over the axes
Link = namedtuple("Link", "row label table", defaults=[None])  # a cell: a link to a row (of table, else by its id)


class Rows(namedtuple("Rows", "headers widths cells")):
    """A chart's table: headers, columns' widths, rows of cells (text, a :class:`Link` or a list of both)."""

    def sources(self, data) -> list[str]:
        """The BibTeX keys the linked rows cite (an event's actor's too), in the table's order."""
        links = [v for row in self.cells for cell in row for v in (cell if isinstance(cell, list) else [cell])]
        rows = [data.row(v.table or data.schema.table_of(v.row), v.row) for v in links if isinstance(v, Link)]
        return [k for r in rows for k in split(r["source_keys"]) + split(r.get("actor_source_keys", ""))]


@dataclass(frozen=True)
class Medium:
    """What a chart is drawn for: width (inches), text sizes (points), layout (``narrow``: a phone), language."""

    name: str
    width: float
    size: float
    small: float
    narrow: bool = False
    language: str = languages.SOURCE
    ink, muted, grid, ground = "#111111", "#333333", "#DDDDDD", "white"  # dark mode: CSS variables (.svg)
    rtl = property(lambda self: languages.direction(self.language) == "rtl")

    def rc(self) -> dict:
        inked = ("axes.labelcolor", "xtick.labelcolor", "ytick.labelcolor", "text.color")  # legends: text.color
        muted = ("axes.edgecolor", "xtick.color", "ytick.color", "hatch.color")
        rc = {"font.size": self.size} | dict.fromkeys(inked, self.ink) | dict.fromkeys(muted, self.muted)
        rc |= {"figure.facecolor": self.ground, "axes.facecolor": self.ground, "axes.titleweight": "bold"}
        return rc | {"font.family": FONTS[self.language], "axes.titlesize": self.size + 0.5, "axes.axisbelow": True}

    def side(self, where: str = "left") -> str:
        """The side where a reader starts: ``where`` (as in English), or its mirror right to left."""
        return {"left": "right", "right": "left"}.get(where, where) if self.rtl else where

    def across(self, fraction: float) -> float:
        """A position across, in fractions of the width, mirrored right to left."""
        return 1.0 - fraction if self.rtl else fraction


SCREEN = Medium("screen", width=7.8, size=9.5, small=8.5)
PHONE = Medium("phone", width=3.6, size=9, small=8.5, narrow=True)
PRINT = Medium("print", width=15.8 / 2.54, size=8, small=7.5)  # A4 less 2 x 2.6 cm: the text width
MEDIA = {m.name: m for m in (SCREEN, PHONE, PRINT)}


class Targets(PolyCollection):
    """Links over marks with these corners (data): areas the eye cannot see but the pointer takes, ≥ ``side`` pt."""

    def __init__(self, corners, side: float):
        self.corners, self.side = np.asarray(corners, dtype=float), side  # the areas' paths made when drawn
        # an all but transparent grey, which dark mode keeps (its ground is "none", which takes no pointer)
        look = {"facecolor": OKABE_ITO["grey"], "alpha": 0.001, "edgecolor": "none", "transform": IdentityTransform()}
        super().__init__([], **look, zorder=4, clip_on=False, in_layout=False)

    def draw(self, renderer) -> None:
        shown = self.axes.transData.transform(self.corners.reshape(-1, 2)).reshape(self.corners.shape)
        low, high = shown.min(axis=1), shown.max(axis=1)
        grow = np.maximum(renderer.points_to_pixels(self.side) - (high - low), 0) / 2
        (x0, y0), (x1, y1) = (low - grow).T, (high + grow).T
        self.set_verts(boxes(x0, x1, y0, y1))
        super().draw(renderer)


class Drawing:
    """A chart drawn for a medium, ``height`` inches tall: its figure, and its linked marks' tooltips by gid."""

    def __init__(self, medium: Medium, height: float, schema=None):
        self.medium, self.schema, self.titles = medium, schema, {}  # the data's schema: the anchors' prefixes
        height = min(height, PRINT_TALLEST) if medium.name == PRINT.name else height
        self.figure = Figure(figsize=(medium.width, height), layout="constrained")
        column = WIDE_FROM_PX if medium.width * 96 >= WIDE_FROM_PX else NARROW_COLUMN_PX
        self.side = TARGET_PX * medium.width * 72 / column  # points

    def axes(self, *args, **kwargs):
        """``figure.subplots``, with the rows' names where a reader starts (right to left: at the right)."""
        made = self.figure.subplots(*args, **kwargs)
        for ax in np.atleast_1d(made) if self.medium.rtl else ():
            ax.yaxis.set(ticks_position="right", label_position="right")
        return made

    def link(self, artist, gid: str, rows, titles, table: str | None = None) -> None:
        """Make ``artist`` (words or :class:`Targets`) links to ``rows`` of one table, with tooltips."""
        rows = rows.tolist() if hasattr(rows, "tolist") else list(rows)  # an Arrow column iterates slowly
        prefix = self.schema.anchor(table or self.schema.table_of(rows[0]), "")
        urls = [f"#{prefix}{row}" for row in rows]
        artist.set_gid(gid)
        artist.set_urls(urls) if hasattr(artist, "set_urls") else artist.set_url(urls[0])
        self.titles[gid] = list(titles)

    def targets(self, ax, corners, gid: str, rows, titles) -> None:
        self.link(ax.add_collection(Targets(corners, self.side), autolim=False), gid, rows, titles)

    def marks(self, ax, x, y, rows, titles, look: tuple, gid: str, size: float | None = None) -> None:
        """One scatter collection of marks (``look``: colour, marker), a mark per row, each a link to its row."""
        colour, marker = look[:2]
        size = size or (STAR_SIZE if marker == "*" else MARK_SIZE)
        if len(x):
            ax.scatter(x, y, marker=marker, s=size**2, c=colour, edgecolors="#000000", linewidths=MARK_EDGE, zorder=3)
            self.targets(ax, np.column_stack([x, y])[:, None], gid, rows, titles)

    def blocks(self, ax, corners, gid: str, rows, titles, **look) -> None:
        """Boxes with those corners (if any), one path, each a link to its row."""
        if len(corners):
            ax.add_artist(PathPatch(Path.make_compound_path_from_polys(np.asarray(corners)), **look))
            self.targets(ax, corners, gid, rows, titles)

    def days(self, ax, marked: dict, axis: str = "x", label: bool = True) -> None:
        """The study window's days across (``x``) or down (``y``), named, ruled between; ``marked`` (day: words, line
        style) ruled and named at the top, toward the middle."""
        medium, lang, days, across = self.medium, self.medium.language, pd.date_range(*self.schema.window), axis == "x"
        edges, scale, english = mdates.date2num(days), ax.xaxis if across else ax.yaxis, lang == languages.SOURCE
        ax.set_xlim(edges[0], edges[-1] + 1) if across else ax.set_ylim(edges[-1] + 1, edges[0])
        month = {d.month: f"{d:%b}" if english else i18n.month(d, lang, short=True) for d in days}
        # across in Arabic, the month under the first day and the first of a month only
        between = "\n" if across else " "
        named = [not across or english or d == days[0] or d.day == 1 for d in days]
        names = [f"{d.day}{between}{month[d.month]}" if n else f"{d.day}" for d, n in zip(days, named, strict=True)]
        scale.set_ticks(edges + 0.5, names)
        scale.set_ticks(edges, minor=True)
        ax.tick_params(axis=axis, which="major", length=0)
        ax.tick_params(axis=axis, which="minor", length=3)
        ax.grid(axis=axis, which="minor", color=medium.grid, linewidth=0.6)
        for day, (said, style, *_rest) in marked.items():
            at, said, k = mdates.date2num(day) + 0.5, i18n.gettext(said, lang), ax.figure.axes.index(ax)
            right = day > days[len(days) // 2]  # its words toward the middle
            line = {"color": medium.muted, "linestyle": style, "linewidth": 1.1, "gid": f"marker:{day.date()}:{k}"}
            ax.axvline(at, **line) if across else ax.axhline(at, **line)
            note = {"size": medium.small, "color": medium.muted, "textcoords": "offset points"}
            if label and across:
                at = {"xy": (at, 1.0), "xycoords": ("data", "axes fraction"), "xytext": (-3 if right else 3, -3)}
                ax.annotate(said, **at, **note, va="top", ha="right" if right else "left")
            elif label:
                ax.annotate(said, (1.0, at), (-3, 2), ("axes fraction", "data"), va="bottom", ha="right", **note)

    def legend(self, target, handles: list, **kwargs):
        """``target.legend`` (at ``loc``, unframed); right to left, columns from the right and words before marks."""
        kwargs = {"frameon": False, "handletextpad": 0.3, "columnspacing": 1.0} | kwargs
        if self.medium.rtl:
            rows = -(-len(handles) // (ncols := kwargs.get("ncols", 1)))  # the columns from the right
            padded = handles + [Line2D([], [], linestyle="none", label="")] * (rows * ncols - len(handles))
            handles = [h for k in reversed(range(ncols)) for h in padded[k * rows : (k + 1) * rows]]
            kwargs["loc"] = " ".join(self.medium.side(w) for w in kwargs.get("loc", "best").split())
            if box := kwargs.get("bbox_to_anchor"):
                kwargs["bbox_to_anchor"] = (self.medium.across(box[0]), *box[1:])
            kwargs.update(alignment=self.medium.side(kwargs.get("alignment", "left")), markerfirst=False)
        return target.legend(handles=handles, **kwargs)


def boxes(x0, x1, y0, y1, turned: bool = False) -> np.ndarray:
    """The corners of boxes from (x0, y0) to (x1, y1), for a PolyCollection; ``turned``: x and y swapped."""
    points = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    return np.stack([np.stack((y, x) if turned else (x, y), axis=-1) for x, y in points], axis=1)


def spread(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Offsets within a day, in (0, 1), for rows that share a day and a lane, in the table's order."""
    groups = frame.groupby(keys, sort=False)
    return (groups.cumcount() + 1) / (groups[keys[0]].transform("size") + 1)


def plain(text: str) -> str:
    """Text from the data, shown as written: a '$' would otherwise start matplotlib's mathtext."""
    return str(text).replace("$", r"\$")


def short(text: str, width: int, lines: int = 1) -> str:
    """Text in ``lines`` lines of ``width`` characters, cut with an ellipsis; an isolated run cut inside it."""
    prefix, lri, rest = str(text).partition(LRI)
    if lri:
        inner, _pdi, suffix = rest.partition(PDI)
        opening = inner[:1] if inner[:1] in "“‘" and inner else ""
        closing = inner[-1:] if opening and inner.endswith(("”", "’")) else ""
        inner = inner[len(opening) : len(inner) - len(closing)]
        room = width - len(prefix) - len(suffix) - len(opening) - len(closing) - (0 if lines == 1 else 1)
        cut = short(inner, max(room, 8), lines).split("\n")
        out = [f"{LRI}{opening * (k == 0)}{line}{closing * (k == len(cut) - 1)}{PDI}" for k, line in enumerate(cut)]
        return prefix + "\n".join(out) + suffix
    joined = prefix.replace("...", "...\x00 ")  # a line may break after the brief's "..."
    wrapped = textwrap.wrap(joined, width, break_long_words=False, break_on_hyphens=False)
    out = [line.replace("\x00 ", "").replace("\x00", "") for line in wrapped]
    if len(out) > lines:
        out, last = out[:lines], out[lines - 1]
        last = last.rsplit(" ", 1)[0] if len(last) >= width - ("“" in prefix) and " " in last else last  # room: … ”
        kept = "".join([*out[:-1], last])  # a quotation cut is closed after its ellipsis, as the isolated one above
        out[-1] = last.rstrip(" ,;:.…") + "…" + "”" * (kept.count("“") > kept.count("”"))
    return "\n".join(out)
