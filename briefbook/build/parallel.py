"""Reading the book's pages in two processes side by side (Sphinx's parallel read), so that its
notebooks execute two at a time.

Jupyter Book adds ``sphinx_multitoc_numbering``, which does not say whether it is safe for a
parallel read, so Sphinx would fall back to a serial one (with a warning, which fails the
build). It is safe: its only work, numbering the sections across the parts of the table of
contents, replaces ``TocTreeCollector.assign_section_numbers``, which Sphinx runs in the main
process once the pages read in every process have been merged. This extension, added by the build
beside the book's own, says so.
"""

from __future__ import annotations

JOBS = 2  # the book's machine has two cores; Sphinx reads in parallel only when more than 5 pages changed
SAFE_FOR_PARALLEL_READ = ("sphinx_multitoc_numbering",)


def declare_safe(app) -> None:
    for name in SAFE_FOR_PARALLEL_READ:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True


def setup(app) -> dict:
    app.connect("builder-inited", declare_safe)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
