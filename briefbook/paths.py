"""Where the project's files live."""

from __future__ import annotations

from pathlib import Path

MARKER = Path("data") / "datapackage.json"


def is_notebook(path: Path) -> bool:
    """A MyST Markdown notebook: its jupytext front matter names a kernel."""
    try:
        return "kernelspec:" in path.read_text(encoding="utf-8")[:1000]
    except OSError:
        return False


def project_root(start: Path | str | None = None) -> Path:
    """Return the nearest folder at or above ``start`` that holds ``data/datapackage.json``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    raise FileNotFoundError(f"no {MARKER} found at or above {here}")
