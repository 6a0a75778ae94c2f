"""A rebuild's pages are the same bytes as a clean build's.

Sphinx links each stylesheet with a checksum of the file it finds in the output's ``_static/``
(``mystnb.….css?v=51062b23``). It copies its own and the themes' static files there before it
writes the pages, but myst-nb copies its stylesheet only when the build ends: a clean build's
pages linked it bare, a rebuild's (which found the last build's copy) with its checksum. myst-nb's
own copying step is run here as the HTML builder starts, so every build finds the file.
"""

from __future__ import annotations

from pathlib import Path


def copy_mystnb_stylesheet(app) -> None:
    """``builder-inited``: myst-nb's stylesheet in ``_static/`` before any page is written."""
    if getattr(app.builder, "name", None) != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)  # what myst-nb runs at build-finished


def setup(app) -> dict:
    app.connect("builder-inited", copy_mystnb_stylesheet)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
