"""The extension's view of the project: its root, language, facts (``briefbook_facts``) and typed data."""

import functools
from pathlib import Path

from ..data import Dataset, load
from ..edition import EditionFacts
from ..i18n.data import localise
from ..project import Project


def read_facts(app, config) -> None:
    """``config-inited``: the edition's facts (the project's, ``html_baseurl``, ``briefbook_doi``) in its language."""
    facts = EditionFacts.read(project_of(app).root, config.html_baseurl or "", config.briefbook_doi or "")
    config.briefbook_facts = facts.in_language(config.language)


def project_of(env) -> Project:
    """The project of Sphinx's ``env`` (or its app, before env exists): ``briefbook_root``, by default its sources."""
    return Project(Path(env.config.briefbook_root or env.srcdir), env.config.language)


def is_site(app) -> bool:
    return app.builder.name == "html"  # the EPUB's builder is an HTML builder too


def dataset(env) -> Dataset:
    """The typed tables in the pages' language, read again once changed."""
    project = project_of(env)
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in project.data_files() if p.is_file())
    return typed(project.root, env.config.language, stamp)


@functools.lru_cache(maxsize=2)
def typed(root: Path, language: str, stamp: tuple) -> Dataset:
    return localise(load(Project(root).data_dir), language)
