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
    copies = {"version": new} | {k: json.dumps(v) for k, v in (("doi", facts.doi), ("url", facts.site_url)) if v}
    # CITATION.cff keeps its comments and layout: its own keys and its preferred citation's follow their version
    cff = re.sub(r"(?m)^(date-released|(  )?(url|doi)): .*\n", "", project.citation_file.read_text(encoding="utf-8"))
    cff = re.sub(r"(?m)^((?:  )?)version: .*$", lambda m: "\n".join(f"{m[1]}{k}: {v}" for k, v in copies.items()), cff)
    cff = re.sub(r"(?m)^version: .*$", rf"\g<0>\ndate-released: {released}", cff)
    project.citation_file.write_text(cff, encoding="utf-8")
    doi = {"id": f"https://doi.org/{facts.doi}"} if facts.doi else {}
    version_of = [{"identifier": facts.site_url, "relation": "isVersionOf"}]  # Zenodo mints the DOI: its record
    zenodo = {"publication_date": released, "related_identifiers": version_of}  # names the online book it is one of
    for path, more in ((project.zenodo_file, zenodo), (project.descriptor, {"homepage": facts.site_url, **doi})):
        meta = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k != "id"} | {"version": new}
        path.write_text(json.dumps(meta | more, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def refused(message: str, code: int = 2) -> int:
    print(f"release: {message}", file=sys.stderr)
    return code


def release(root: Path, new: str) -> int:
    project, nothing = Project(root), "; nothing was changed"
    if not re.fullmatch(SEMVER, new or ""):
        return refused(f"{new!r} is not a version of the form x.y.z")
    if not checked_address(settings(root).get("html_baseurl")):
        return refused("the book's public address is not set: give html_baseurl under sphinx: config: in _config.yml")
    status = ["git", "status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--ignored=no"]
    listed = subprocess.run(status, cwd=root, capture_output=True, text=True).stdout if commit(root) else ""
    if changed := [entry[3:] for entry in listed.split("\0") if entry]:  # new files too; none outside git
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
    # dist/: the site (both languages) zipped, the data package, the PDFs, the EPUBs and SHA256SUMS
    html, dist, stem = project.html_dir.resolve(), root / "dist", project.stem()
    pages = [(p, f"{stem}-html/{p.relative_to(html).as_posix()}") for p in html.rglob("*") if p.is_file()]
    made = [dist / f"{stem}-html.zip", html / project.download_names()["data"]]
    made += [project.published(kind, lang) for lang in LANGUAGES for kind in ("pdf", "epub")]
    deterministic_zip(made[0], pages, edition_date(root))
    for path in made[1:]:
        shutil.copyfile(path, dist / path.name)
    sums = "".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in made)
    (dist / "SHA256SUMS").write_text(sums, encoding="utf-8")
    print(f"[release] {new}: dist/\n{sums}", end="")
    return 0
