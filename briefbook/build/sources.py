"""What the book is built from: the sources of a checkout, as a scratch copy and as one digest.

One rule says what is not a source (environments, build output, history, caches, charts drawn
by an older build into ``figures/``), and both the copy and the digest follow it. The digest is
the build's only "has anything changed?" check: when it equals the published book's, nothing is
built; otherwise Sphinx's environment and myst-nb's execution cache decide what to read again.

A :class:`Reading` of the sources is their digest and, for each file, its size, time and content:
the build takes one before it starts and compares it with the sources once every format of both
editions is made (:func:`changed`), so that a book is published only when all of it was built from
the one reading whose digest it records.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import edition

NOT_SOURCES = {".git", ".venv", ".venv-cff", "_build", "dist", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
# Folders that are sources of the repository but not of the book: the digest leaves them out.
NOT_BOOK = {".github", "bench", "tests"}


def drawn(folder: Path, name: str) -> bool:
    """A chart an older build drew into figures/, or a compiled catalog that Sphinx writes beside
    its translation (``locales/**/*.mo``): made by builds, ignored by git, never a source."""
    return (folder.name == "figures" and name.endswith((".svg", ".pdf", ".tmp"))) or name.endswith(".mo")


def copy_sources(root: Path, dest: Path) -> Path:
    """A scratch copy of the sources: no environments, build output, history or drawn charts."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return (NOT_SOURCES & set(names)) | {n for n in names if drawn(Path(folder), n)}

    shutil.copytree(root, dest, ignore=ignore)
    return dest


@dataclass(frozen=True)
class Reading:
    """The sources at one moment: their digest, and each file's (size, modification time, content
    digest) by its path in the checkout. The times catch an edit undone before the build ends."""

    digest: str
    files: dict[str, tuple[int, int, bytes]] = field(default_factory=dict, compare=False)


def read(root: Path) -> Reading:
    """One reading of everything the book is built from: every source file (chapters, data,
    package, configuration, requirements), and the commit and date the edition is stamped with."""
    digest = hashlib.sha256()
    files = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCES | NOT_BOOK)
        for name in sorted(names):
            path = Path(folder) / name
            if drawn(path.parent, name):
                continue
            rel = path.relative_to(root).as_posix()
            stat = path.stat()
            content = hashlib.sha256(path.read_bytes()).digest()
            files[rel] = (stat.st_size, stat.st_mtime_ns, content)
            digest.update(rel.encode() + b"\0")
            digest.update(content)
    digest.update(f"{edition.commit(root)}|{edition.source_date_epoch(root)}".encode())
    return Reading(digest.hexdigest(), files)


def sources_digest(root: Path) -> str:
    """The digest of the sources as they are now (:func:`read`)."""
    return read(root).digest


def changed(before: Reading, root: Path) -> list[str]:
    """What differs in the sources from the reading ``before``: the files (added, removed, written
    to, even if written back as they were) by their paths, or the edition's commit or date."""
    after = read(root)
    names = sorted(n for n in before.files.keys() | after.files.keys() if before.files.get(n) != after.files.get(n))
    if not names and after.digest != before.digest:
        names = ["the commit or date the edition is stamped with"]
    return names
