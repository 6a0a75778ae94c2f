"""Where the project's files live."""

import os
from pathlib import Path

MARKER = Path("data") / "datapackage.json"
BRIEF = "brief-2021-07-09-muqawama-de-escalation.txt"
BIBLIOGRAPHY = "references.bib"


def read_yaml(path: Path):
    """A YAML file of the project (_config.yml, CITATION.cff, _toc.yml), parsed by libyaml where PyYAML has it."""
    import yaml

    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def brief_file(root: Path) -> Path | None:
    """The brief's text (not in the repository): in ``$BRIEFBOOK_SOURCES``, else ``../shared/sources``, else None."""
    path = Path(os.environ.get("BRIEFBOOK_SOURCES") or Path(root).resolve().parent / "shared" / "sources") / BRIEF
    return path if path.is_file() else None


def display(path: Path) -> str:
    """A path as messages show it: relative to the working folder where it lies below it."""
    rel = os.path.relpath(path)
    return Path(path if rel.startswith("..") else rel).as_posix()


def is_notebook_text(text: str) -> bool:
    return "kernelspec:" in text[:1000]  # a MyST Markdown notebook's jupytext front matter names a kernel


def is_notebook(path: Path) -> bool:
    return path.is_file() and is_notebook_text(path.read_text(encoding="utf-8"))


def project_root(start: Path | str | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds ``data/datapackage.json``."""
    here = Path(start or Path.cwd()).resolve()
    if found := next((folder for folder in (here, *here.parents) if (folder / MARKER).is_file()), None):
        return found
    raise FileNotFoundError(f"no {MARKER} found at or above {here}")
