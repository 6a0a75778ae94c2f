"""Command line: ``python -m briefbook validate|build``."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from .paths import project_root
from .validate import validate


def cmd_validate(root: Path) -> int:
    problems = validate(root / "data", root / "references.bib")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in the data; nothing was built.", file=sys.stderr)
        return 1
    print("data/: valid")
    return 0


def _stage(name: str, argv: list[str], root: Path) -> int:
    print(f"== {name}", flush=True)
    start = time.monotonic()
    code = subprocess.call(argv, cwd=root)
    print(f"== {name}: {'done' if code == 0 else 'FAILED'} in {time.monotonic() - start:.1f} s", flush=True)
    return code


def jupyter_book(root: Path, builder: str) -> list[str]:
    exe = Path(sys.executable).with_name("jupyter-book")
    return [str(exe), "build", str(root), "--builder", builder, "-W", "-n", "--keep-going"]


def cmd_build(root: Path) -> int:
    if cmd_validate(root):
        return 1
    return _stage("HTML", jupyter_book(root, "html"), root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the data package and report every problem")
    sub.add_parser("build", help="validate, then build the book")
    args = parser.parse_args(argv)
    root = project_root()
    return {"validate": cmd_validate, "build": cmd_build}[args.command](root)


if __name__ == "__main__":
    sys.exit(main())
