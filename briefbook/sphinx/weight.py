"""Lighter pages, every feature kept: no FontAwesome JavaScript (the theme's stylesheet draws the
icons from a webfont cut down to the icons the book shows), no Thebe (the book has nothing to
launch), and sphinx-design's assets only on pages that use its components."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from .project import is_site

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"\\([0-9a-f]+)"\}')
ICON_NAME = re.compile(r"\bfa-[a-z0-9-]+")
FONT_FACE = re.compile(r"@font-face\{[^}]*url\(\.\./vendor/fontawesome/webfonts/(fa-[a-z]+-\d+)\.woff2\)[^}]*\}")
UNUSED = ("sphinx-thebe", "thebe")


def on_config_inited(app, config) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


def drop_unused_assets(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: leave out Thebe everywhere and sphinx-design where unused."""
    body = context.get("body", "")
    unused = UNUSED if "sd-" in body else (*UNUSED, "design-tabs", "sphinx-design")

    def named(asset) -> str:  # a file's name, or an inline script's text (Thebe's configuration)
        return f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}".lower()

    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [a for a in context[key] if not any(u in named(a) for u in unused)]


def drop_thebe_config(app, doctree, docname) -> None:
    """``doctree-resolved``, after sphinx-thebe: its configuration block names a remote Binder
    repository on every notebook page, though nothing can be launched; leave it out."""
    from docutils import nodes

    for node in list(doctree.findall(nodes.raw)):
        if "x-thebe-config" in node.astext():
            node.parent.remove(node)


def site_texts(outdir: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The text of every page of the site and of every script it may load (fontawesome.js is no
    longer loaded), read once while they are unchanged: the icon cut and the stylesheet purge both
    look through them, one after the other."""
    pages = sorted(outdir.rglob("*.html"))
    scripts = sorted(p for p in (outdir / "_static").rglob("*.js") if p.name != "fontawesome.js")
    stamp = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in (*pages, *scripts))
    return _read_texts(stamp, len(pages))


@functools.lru_cache(maxsize=2)
def _read_texts(stamp: tuple, n_pages: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    texts = tuple(path.read_text(encoding="utf-8", errors="replace") for path, _, _ in stamp)
    return texts[:n_pages], texts[n_pages:]


def icons_in_use(outdir: Path) -> set[str]:
    """The icon classes that any page or script of the site names."""
    pages, scripts = site_texts(outdir)
    return {name for text in (*pages, *scripts) for name in ICON_NAME.findall(text)}


def cut_icons(app, exception) -> None:
    """``build-finished``: keep the icon rules and glyphs of the icons in use; the webfont shrinks
    from 150 KB to a few."""
    if exception is not None or not is_site(app):
        return
    outdir = Path(app.outdir)
    css_path = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    fonts = outdir / "_static" / "vendor" / "fontawesome" / "webfonts"
    if not css_path.is_file() or not fonts.is_dir():
        return
    used = icons_in_use(outdir)
    css = css_path.read_text(encoding="utf-8")
    glyphs: set[int] = set()

    def keep(match: re.Match) -> str:
        names = {n.removesuffix(":before").lstrip(".") for n in match.group(1).rstrip(",").split(",")}
        if names & used:
            glyphs.add(int(match.group(2), 16))
            return match.group(0)
        return ""

    css = ICON_RULE.sub(keep, css)

    def font(match: re.Match) -> str:
        name = match.group(1)
        source = fonts / f"{name}.ttf"  # the theme ships TrueType beside WOFF2, which would need Brotli
        if not source.is_file():
            return match.group(0)
        # the glyphs the cut font was made for, kept with the build's environment (not in the site)
        cut, made_for = fonts / f"{name}.book.woff", Path(app.doctreedir) / f"{name}.book.glyphs"
        wanted = " ".join(f"{g:x}" for g in sorted(glyphs | {0x20}))
        if not (cut.is_file() and made_for.is_file() and made_for.read_text(encoding="utf-8") == wanted):
            cut_font(source, cut, glyphs | {0x20})  # only when the icons in use have changed
            made_for.write_text(wanted, encoding="utf-8")
        return re.sub(
            r"src:[^;}]*", f'src:url(../vendor/fontawesome/webfonts/{name}.book.woff) format("woff")', match.group(0)
        )

    css = FONT_FACE.sub(font, css)
    css_path.write_text(css, encoding="utf-8")


def cut_font(source: Path, target: Path, unicodes: set[int]) -> None:
    """The font at ``source`` with the glyphs of ``unicodes`` only, as WOFF (zlib: no Brotli needed)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    face = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=unicodes)
    cutter.subset(face)
    subset.save_font(face, str(target), options)


CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def css_blocks(css: str) -> list[tuple[str, str]]:
    """The top-level blocks of a stylesheet: (prelude, body) pairs, at-rules included."""
    out, i, n = [], 0, len(css)
    while i < n:
        start = css.find("{", i)
        if start < 0:
            break
        depth, j = 1, start + 1
        while depth and j < n:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        out.append((css[i:start], css[start + 1 : j - 1]))
        i = j
    return out


def selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(), :not() ...)."""
    parts, depth, current = [], 0, []
    for c in prelude:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    return [*parts, "".join(current)]


def required(selector: str) -> set[str]:
    """The classes an element must have for ``selector`` to match it. Classes inside functional
    pseudo-classes (:not(), :is(), :where(), :has()) are not required, so they are left out; nor
    are the words of a comment before it (Pygments writes "/* Name.Class */" between its rules)."""
    selector = COMMENT.sub("", selector)
    while (start := selector.find("(")) >= 0:
        depth, end = 0, start
        for end in range(start, len(selector)):
            depth += {"(": 1, ")": -1}.get(selector[end], 0)
            if depth == 0:
                break
        selector = selector[:start] + selector[end + 1 :]
    return set(CLASS.findall(selector))


def purge(css: str, used: set[str]) -> str:
    """Drop the style rules that cannot match: every selector names a class that no page and no
    script of the site ever uses. Rules without classes, and at-rules other than media and
    supports queries, are kept as they are."""
    kept = []
    for prelude, body in css_blocks(css):
        head = prelude.strip()
        if head.startswith(("@media", "@supports", "@layer", "@container")):
            inner = purge(body, used)
            if inner.strip():
                kept.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@") or any(required(s) <= used for s in selectors(prelude)):
            kept.append(f"{prelude}{{{body}}}")
    return "".join(kept)


def classes_in_use(outdir: Path) -> set[str]:
    """Every class a page names, and every word a loaded script could add as a class."""
    used: set[str] = set()
    pages, scripts = site_texts(outdir)
    for page in pages:
        for attr in re.findall(r'class="([^"]*)"', page):
            used.update(attr.split())
    for script in scripts:
        used.update(TOKEN.findall(script))
    return used


# The stylesheets every page loads that are written for far more than this book uses: Bootstrap and
# the themes', myst-nb's (notebook outputs and widgets of every kind) and Pygments' (every token).
PURGED = ("styles/pydata-sphinx-theme.css", "pygments.css", "mystnb.*.css")


def purge_theme_css(app, exception) -> None:
    """``build-finished``: the stylesheets of :data:`PURGED` without the rules that no page of this
    book can match. Runs after myst-nb has copied its stylesheet (every build copies them afresh)."""
    if exception is not None or not is_site(app):
        return
    static = Path(app.outdir) / "_static"
    used = classes_in_use(Path(app.outdir))
    kept = Path(app.doctreedir) / "purged-css"  # each result, by what it was made from (and how)
    kept.mkdir(exist_ok=True)
    current, code = set(), Path(__file__).read_text(encoding="utf-8")
    for path in sorted(p for pattern in PURGED for p in static.glob(pattern)):
        css = path.read_text(encoding="utf-8")
        made = kept / hashlib.sha256("\0".join([code, css, *sorted(used)]).encode()).hexdigest()
        if not made.is_file():
            charset = '@charset "UTF-8";' if css.startswith('@charset "UTF-8";') else ""
            made.write_text(charset + purge(css.removeprefix(charset), used), encoding="utf-8")
        path.write_text(made.read_text(encoding="utf-8"), encoding="utf-8")
        current.add(made)
    for old in set(kept.iterdir()) - current:  # results no build asks for any more
        old.unlink()
