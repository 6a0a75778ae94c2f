"""Command line: ``python -m briefbook validate|build``."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import __version__

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


def _stage(name: str, argv: list[str], cwd: Path, env: dict | None = None) -> int:
    print(f"== {name}", flush=True)
    start = time.monotonic()
    code = subprocess.call(argv, cwd=cwd, env=env)
    print(f"== {name}: {'done' if code == 0 else 'FAILED'} in {time.monotonic() - start:.1f} s", flush=True)
    return code


def jupyter_book(root: Path, builder: str) -> list[str]:
    exe = Path(sys.executable).with_name("jupyter-book")
    return [str(exe), "build", str(root), "--builder", builder, "-W", "-n", "--keep-going"]


PDF_STEM = "muqawama-de-escalation-study-edition"
# What latexmk writes; everything else in _build/latex is input to LaTeX.
LATEX_OUTPUTS = {".aux", ".log", ".out", ".toc", ".lof", ".lot", ".fls", ".fdb_latexmk", ".xdv", ".idx", ".ind", ".ilg", ".stamp"}


def pdf_path(root: Path) -> Path:
    return root / "_build" / "pdf" / f"{PDF_STEM}-{__version__}.pdf"


def latex_inputs_digest(latex_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(latex_dir.iterdir()):
        if path.is_file() and path.suffix not in LATEX_OUTPUTS and path.name != "book.pdf":
            digest.update(path.name.encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_pdf(root: Path) -> int:
    """LaTeX sources with Jupyter Book, then XeLaTeX through latexmk, unless nothing changed."""
    code = _stage("LaTeX sources", jupyter_book(root, "latex"), root)
    if code:
        return code
    latex_dir = root / "_build" / "latex"
    target = pdf_path(root)
    stamp = latex_dir / ".briefbook-pdf.stamp"
    digest = latex_inputs_digest(latex_dir)
    if target.is_file() and stamp.is_file() and stamp.read_text() == digest:
        print(f"== PDF: LaTeX sources unchanged; {target.relative_to(root)} is up to date (LaTeX not run)")
        return 0
    env = dict(os.environ, LATEXOPTS="-interaction=nonstopmode -halt-on-error")
    code = _stage("PDF (XeLaTeX)", ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "book.tex"],
                  latex_dir, env=env)
    if code:
        print(f"XeLaTeX failed; see {latex_dir / 'book.log'}. The previous PDF, if any, is left in place.", file=sys.stderr)
        return code
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    shutil.copyfile(latex_dir / "book.pdf", partial)
    partial.replace(target)
    stamp.write_text(digest)
    print(f"== PDF: {target.relative_to(root)}")
    return 0


def cmd_build(root: Path) -> int:
    if cmd_validate(root):
        return 1
    code = _stage("HTML", jupyter_book(root, "html"), root)
    if code:
        return code
    return build_pdf(root)


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
