"""The themes' Jinja templates compiled once, not in every build: Jinja's own bytecode cache, kept
with the build's environment in the working folder. Jinja checks each template's source against
its cached code, so an edited template is compiled again."""

from __future__ import annotations

from pathlib import Path

FOLDER = "jinja"


def cache_compiled_templates(app) -> None:
    """``builder-inited``: the HTML (and EPUB) builders' template environment keeps its compiled code."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:
        return
    from jinja2 import FileSystemBytecodeCache

    folder = Path(app.doctreedir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app) -> dict:
    app.connect("builder-inited", cache_compiled_templates)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
