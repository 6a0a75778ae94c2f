#!/usr/bin/env python3
"""Pre-commit check: notebooks are committed as plain text, without outputs.

Chapters with code are MyST Markdown notebooks (jupytext), which hold no outputs. An .ipynb
file, if one is ever added, must have every cell's outputs and execution count cleared.
Usage: check_notebooks.py FILE...   (exit 1, naming each offending file and cell)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def problems(path: Path) -> list[str]:
    if path.suffix != ".ipynb":
        return []
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("outputs") or cell.get("execution_count"):
            found.append(f"{path}: cell {number} has outputs; clear them (or keep the chapter as MyST Markdown)")
    return found


def main(argv: list[str]) -> int:
    found = [p for name in argv for p in problems(Path(name))]
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
