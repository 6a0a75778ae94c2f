"""Reading the book's pages in two processes side by side (Sphinx's parallel read), so that its
notebooks execute two at a time.

Both processes keep their notebooks' outputs in myst-nb's execution cache, one SQLite database
that jupyter-cache creates on first use. Two processes creating it at once collide ("table
settings already exists"), so the database is made in the main process, when the builder starts
and before any page is read (:func:`create_execution_cache`).

sphinx-external-toc loads ``sphinx_multitoc_numbering`` (whatever ``use_multitoc_numbering``
says), which does not say whether it is safe for a parallel read, so Sphinx would fall back to a
serial one (with a warning, which fails the build). It is safe: its only work, numbering the
sections across the parts of the table of contents, replaces
``TocTreeCollector.assign_section_numbers``, which Sphinx runs in the main process once the pages
read in every process have been merged. This extension, added by the build beside the book's
own, says so.
"""

from __future__ import annotations

JOBS = 2  # the book's machine has two cores; Sphinx reads in parallel only when more than 5 pages changed
SAFE_FOR_PARALLEL_READ = ("sphinx_multitoc_numbering",)


def declare_safe(app) -> None:
    for name in SAFE_FOR_PARALLEL_READ:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True


def create_execution_cache(app) -> None:
    """``builder-inited``, after myst-nb has set the cache's folder: create its database now."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache" or not config.execution_cache_path:
        return
    from jupyter_cache import get_cache

    get_cache(config.execution_cache_path).db  # noqa: B018  # creates the database and its tables


def setup(app) -> dict:
    app.connect("builder-inited", declare_safe)
    app.connect("builder-inited", create_execution_cache, priority=800)  # myst-nb's own runs at 500
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
