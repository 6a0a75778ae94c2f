"""The extension's view of the project: its layout (configuration value ``briefbook_root``,
by default Sphinx's source folder) and the data package, read once per process while its files
are unchanged (:func:`briefbook.project.read_package`)."""

from __future__ import annotations

from pathlib import Path

from ..data import Dataset, from_package
from ..i18n import LANGUAGES, SOURCE
from ..i18n.data import localise
from ..package import Package, read_package
from ..project import Project

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def project_of(env) -> Project:
    """The project as this build's edition sees it (its language gives its address)."""
    return Project(Path(env.config.briefbook_root or env.srcdir), edition_language(env.config))


def root_of(app) -> Path:
    """The project's root (configuration value ``briefbook_root``, by default Sphinx's source folder;
    a small project may load a module of the extension without the value)."""
    return Path(getattr(app.config, "briefbook_root", "") or app.srcdir)


def edition_language(config) -> str:
    """The configuration's language if it is one of the book's, else the English."""
    found = getattr(config, "language", None) or SOURCE
    return found if found in LANGUAGES else SOURCE


def is_site(app) -> bool:
    """Whether the builder writes the HTML site: the one that holds the citation files, the site
    map, the pages' metadata and footer, the published anchors. The EPUB's builder is an HTML
    builder too (format "html"), whose pages go into its package instead."""
    return app.builder.name == "html"


def dataset(env) -> Dataset:
    """The typed tables of the project's package, made once per reading of it, in the language of
    the pages (``env.config.language``; :func:`briefbook.i18n.data.localise`)."""
    package: Package = read_package(project_of(env).data_dir)
    cached = package.__dict__.get("_dataset")
    if cached is None:
        cached = package.__dict__["_dataset"] = from_package(package)
    return localise(cached, edition_language(env.config))


def code_files(*, extension: bool = True) -> list[Path]:
    """The package's own code, which draws the charts and (``extension``) renders the pages."""
    files = sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    return files if extension else [p for p in files if PACKAGE_DIR / "sphinx" not in p.parents]
