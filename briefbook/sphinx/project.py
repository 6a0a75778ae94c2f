"""The extension's view of the project: its root (``briefbook_root``, else the source folder), the
edition's language and the data package, typed once per reading."""

from __future__ import annotations

import functools
from pathlib import Path

from ..data import Dataset, from_package
from ..i18n.data import localise
from ..languages import SOURCE
from ..package import read_package
from ..project import Project


def root_of(app) -> Path:
    return Path(app.config.briefbook_root or app.srcdir)


def edition_language(config) -> str:
    """The edition's language: Sphinx's ``language`` (one of ``briefbook_languages``, checked)."""
    return getattr(config, "language", None) or SOURCE


def project_of(env) -> Project:
    return Project(Path(env.config.briefbook_root or env.srcdir), env.config.language)


def is_site(app) -> bool:
    """Whether the builder writes the HTML site (the EPUB's builder is an HTML builder too)."""
    return app.builder.name == "html"


def dataset(env) -> Dataset:
    """The typed tables of the project's package in the pages' language (read again once changed)."""
    project = project_of(env)
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in project.data_files() if p.is_file())
    return _dataset(project.root, env.config.language, stamp)


@functools.lru_cache(maxsize=2)
def _dataset(root: Path, language: str, stamp: tuple) -> Dataset:
    return localise(from_package(read_package(Project(root).data_dir)), language)
