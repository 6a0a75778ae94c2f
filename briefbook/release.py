"""``briefbook release x.y.z``: set the version, address and DOI everywhere, move the changelog, build, write
dist/; refused without an address, with uncommitted changes or an incomplete translation."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from .archive import deterministic_zip
from .edition import EditionFacts, checked_address, commit, edition_date, settings
from .i18n import LANGUAGES, SOURCE, catalogs
from .pipeline.book import build
from .project import Project

SEMVER = r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?"  # the whole version: re.fullmatch


def set_version(root: Path, new: str, released: str) -> None:
    """Write the version, address and DOI into VERSION and every file that carries a copy of them."""
    project, facts = Project(root), EditionFacts.read(root)
    project.version_file.write_text(new + "\n", encoding="utf-8")
    copies = {"doi": facts.doi, "url": facts.site_url}

    def versioned(found: re.Match) -> str:  # the file's own keys, and its preferred citation's, beside its version
        indent = found.group(1)
        lines = [f"{indent}version: {new}", *([] if indent else [f"date-released: {released}"])]
        return "\n".join(lines + [f"{indent}{key}: {json.dumps(value)}" for key, value in copies.items() if value])

    cff = re.sub(r"(?m)^(date-released|(  )?(url|doi)): .*\n", "", project.citation_file.read_text(encoding="utf-8"))
    project.citation_file.write_text(re.sub(r"(?m)^((?:  )?)version: .*$", versioned, cff), encoding="utf-8")
    for path in (project.zenodo_file, project.descriptor):
        meta = json.loads(path.read_text(encoding="utf-8")) | {"version": new}
        if path == project.zenodo_file:  # Zenodo mints the DOI: the record names the online book it is a version of
            meta |= {"publication_date": released}
            meta["related_identifiers"] = [{"identifier": facts.site_url, "relation": "isVersionOf"}]
        else:
            meta.pop("id", None)
            meta |= {"homepage": facts.site_url} | ({"id": f"https://doi.org/{facts.doi}"} if facts.doi else {})
        path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_dist(project: Project) -> Path:
    """dist/: the site (both languages) zipped, the data package, the PDFs, the EPUBs and SHA256SUMS."""
    html, dist, stem = project.html_dir.resolve(), project.root / "dist", project.stem()
    pages = [(p, f"{stem}-html/{p.relative_to(html).as_posix()}") for p in html.rglob("*") if p.is_file()]
    deterministic_zip(dist / f"{stem}-html.zip", pages, edition_date(project.root))
    made = [html / project.download_names()["data"]]
    made += [path for lang in LANGUAGES for path in (project.pdf_file(lang), project.epub_file(lang))]
    for path in made:
        shutil.copyfile(path, dist / path.name)
    names = [f"{stem}-html.zip", *(path.name for path in made)]
    sums = "".join(f"{hashlib.sha256((dist / n).read_bytes()).hexdigest()}  {n}\n" for n in names)
    (dist / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return dist


def uncommitted(root: Path) -> list[str]:
    """The paths that differ from the last commit (new and not ignored included); none outside git."""
    argv = ["git", "status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--ignored=no"]
    out = subprocess.run(argv, cwd=root, capture_output=True, text=True) if commit(root) else None
    return [e[3:] for e in out.stdout.split("\0") if e] if out else []


def refused(message: str, code: int = 2) -> int:
    print(f"release: {message}", file=sys.stderr)
    return code


def release(root: Path, new: str) -> int:
    project, nothing = Project(root), "; nothing was changed"
    if not re.fullmatch(SEMVER, new or ""):
        return refused(f"{new!r} is not a version of the form x.y.z")
    if not checked_address(settings(root).get("html_baseurl")):
        return refused("the book's public address is not set: give html_baseurl under sphinx: config: in _config.yml")
    if changed := uncommitted(root):
        more = f"\n  ... and {len(changed) - 20} more" * (len(changed) > 20)
        return refused(
            "the checkout has changes that are not committed, and the edition names the commit it is built from;"
            f" commit them (or put them away), then release{nothing}:\n  " + "\n  ".join(changed[:20]) + more
        )
    languages = [lang for lang in LANGUAGES if lang != SOURCE]
    if unfinished := [line for lang in languages for line in catalogs.status(project.locale_dir, lang, root)[1]]:
        return refused(f"the translations are not complete{nothing}:\n" + "\n".join(unfinished), 1)
    # What setting the version rewrites: put back if the build (which validates the data) fails.
    history = root / "CHANGELOG.md"
    touched = [project.version_file, history, project.citation_file, project.zenodo_file, project.descriptor]
    before = {path: path.read_bytes() for path in touched if path.is_file()}
    released = edition_date(root, datetime.now(tz=UTC).date()).date().isoformat()  # SOURCE_DATE_EPOCH's, if set
    if "## [Unreleased]" not in (changelog := history.read_text(encoding="utf-8")) or f"## [{new}]" in changelog:
        return refused(f"CHANGELOG.md needs an '## [Unreleased]' section and none for {new}{nothing}")
    history.write_text(changelog.replace("## [Unreleased]", f"## [Unreleased]\n\n## [{new}] - {released}", 1), "utf-8")
    set_version(root, new, released)
    print(f"[release] version {new}, address and DOI set in VERSION, CITATION.cff, .zenodo.json, data/datapackage.json")
    if code := build(root, release=True):  # fails, too, on any page passage left in English
        for path, content in before.items():
            path.write_bytes(content)
        return refused("the build failed; the version, the changelog and the citation files are as they were", code)
    dist = write_dist(project)
    print(f"[release] {new}: {dist.relative_to(root)}/")
    print((dist / "SHA256SUMS").read_text(encoding="utf-8"), end="")
    return 0
