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

from . import edition

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


# What latexmk writes; everything else in _build/latex is input to LaTeX.
LATEX_OUTPUTS = {".aux", ".log", ".out", ".toc", ".lof", ".lot", ".fls", ".fdb_latexmk", ".xdv", ".idx", ".ind", ".ilg", ".stamp"}


def pdf_path(root: Path) -> Path:
    return root / "_build" / "pdf" / f"{edition.PDF_STEM}-{edition.version(root)}.pdf"


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
    # Dates in the PDF (and its /ID) come from the last commit, so rebuilds give the same bytes.
    env = dict(os.environ, LATEXOPTS="-interaction=nonstopmode -halt-on-error",
               SOURCE_DATE_EPOCH=edition.source_date_epoch(root), FORCE_SOURCE_DATE="1")
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


def publish_downloads(root: Path) -> None:
    """Put the PDF and the zipped data package in the site, where every page's footer links them."""
    from .sphinxext import download_names

    html = root / "_build" / "html"
    names = download_names(root)
    (html / names["pdf"]).parent.mkdir(parents=True, exist_ok=True)
    partial = html / f"{names['pdf']}.partial"
    shutil.copyfile(pdf_path(root), partial)
    partial.replace(html / names["pdf"])
    deterministic_zip(html / names["data"], data_package_files(root, Path(names["data"]).stem), edition.edition_date(root))


def data_package_files(root: Path, folder: str) -> list[tuple[Path, str]]:
    files = [(p, f"{folder}/{p.name}") for p in sorted((root / "data").glob("*.csv"))]
    return files + [(root / "data" / "datapackage.json", f"{folder}/datapackage.json"),
                    (root / "references.bib", f"{folder}/references.bib")]


def cmd_build(root: Path) -> int:
    if cmd_validate(root):
        return 1
    code = _stage("HTML", jupyter_book(root, "html"), root)
    if code:
        return code
    code = build_pdf(root)
    if code:
        return code
    publish_downloads(root)
    return 0


def cmd_anchors(root: Path) -> int:
    """Record every citable anchor of the built site in published-anchors.txt (kept ones stay)."""
    from .sphinxext import ANCHORS_FILE, published_anchors

    record = root / "_build" / ".doctrees" / "briefbook-anchors.txt"
    if not record.is_file():
        print("build the book first (make book)", file=sys.stderr)
        return 1
    current = set(record.read_text(encoding="utf-8").split())
    kept = set(published_anchors(root))
    lost = sorted(kept - current)
    if lost:
        print("these published anchors are gone from the site:\n" + "\n".join(lost), file=sys.stderr)
        return 1
    header = ("# Published anchors: every page and citable anchor (quotations, figures, claims, events) that\n"
              "# citations may point to. The build fails when one disappears. Add new ones with\n"
              "# `python -m briefbook anchors`; never delete a line without a note in CHANGELOG.md.\n")
    (root / ANCHORS_FILE).write_text(header + "\n".join(sorted(current | kept)) + "\n", encoding="utf-8")
    print(f"{ANCHORS_FILE}: {len(current | kept)} anchors ({len(current - kept)} new)")
    return 0


SEMVER = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$"


def set_version(root: Path, new: str, released: str) -> None:
    """Write the version into VERSION and every file that carries a copy of it."""
    import json
    import re

    (root / "VERSION").write_text(new + "\n", encoding="utf-8")
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    cff = re.sub(r"(?m)^(\s*version: ).*$", rf"\g<1>{new}", cff)
    if re.search(r"(?m)^date-released: ", cff):
        cff = re.sub(r"(?m)^date-released: .*$", f"date-released: {released}", cff)
    else:
        cff = re.sub(r"(?m)^(version: .*)$", rf"\1\ndate-released: {released}", cff, count=1)
    (root / "CITATION.cff").write_text(cff, encoding="utf-8")
    for name in (".zenodo.json", "data/datapackage.json"):
        path = root / name
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["version"] = new
        if name == ".zenodo.json":
            meta["publication_date"] = released
        path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def release_changelog(root: Path, new: str, released: str) -> None:
    path = root / "CHANGELOG.md"
    text = path.read_text(encoding="utf-8")
    if "## [Unreleased]" not in text:
        raise SystemExit("CHANGELOG.md has no '## [Unreleased]' section")
    if f"## [{new}]" in text:
        raise SystemExit(f"CHANGELOG.md already has a section for {new}")
    path.write_text(text.replace("## [Unreleased]", f"## [Unreleased]\n\n## [{new}] - {released}", 1), encoding="utf-8")


def deterministic_zip(target: Path, files: list[tuple[Path, str]], when) -> None:
    """A zip whose bytes depend only on the files' contents and names."""
    import zipfile

    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    partial = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, name in sorted(files, key=lambda item: item[1]):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    partial.replace(target)


def write_dist(root: Path) -> Path:
    """dist/: the HTML as a zip, the PDF, the data package as a zip, and SHA256SUMS."""
    version = edition.version(root)
    when = edition.edition_date(root)
    dist = root / "dist"
    dist.mkdir(exist_ok=True)
    stem = f"{edition.PDF_STEM}-{version}"
    html = root / "_build" / "html"
    deterministic_zip(dist / f"{stem}-html.zip",
                      [(p, f"{stem}-html/{p.relative_to(html).as_posix()}") for p in html.rglob("*") if p.is_file()], when)
    deterministic_zip(dist / f"{stem}-data.zip", data_package_files(root, f"{stem}-data"), when)
    shutil.copyfile(pdf_path(root), dist / f"{stem}.pdf")
    names = [f"{stem}-html.zip", f"{stem}.pdf", f"{stem}-data.zip"]
    sums = "".join(f"{hashlib.sha256((dist / n).read_bytes()).hexdigest()}  {n}\n" for n in names)
    (dist / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return dist


def cmd_release(root: Path, new: str) -> int:
    import re
    from datetime import datetime, timezone

    if not re.match(SEMVER, new or ""):
        print(f"release: {new!r} is not a version of the form x.y.z", file=sys.stderr)
        return 2
    released = datetime.now(tz=timezone.utc).date().isoformat()
    release_changelog(root, new, released)
    set_version(root, new, released)
    print(f"== Version {new} set in VERSION, CITATION.cff, .zenodo.json and data/datapackage.json; changelog moved")
    code = cmd_build(root)
    if code:
        return code
    dist = write_dist(root)
    print(f"== Release {new}: {dist.relative_to(root)}/")
    print((dist / "SHA256SUMS").read_text(encoding="utf-8"), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the data package and report every problem")
    sub.add_parser("build", help="validate, then build the book")
    sub.add_parser("anchors", help="record the built site's citable anchors in published-anchors.txt")
    rel = sub.add_parser("release", help="set the version everywhere, move the changelog, build, write dist/")
    rel.add_argument("version", help="the new version, x.y.z")
    args = parser.parse_args(argv)
    root = project_root()
    if args.command == "release":
        return cmd_release(root, args.version)
    return {"validate": cmd_validate, "build": cmd_build, "anchors": cmd_anchors}[args.command](root)


if __name__ == "__main__":
    sys.exit(main())
