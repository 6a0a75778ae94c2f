"""A tiny project with the book's extension and its print settings (_config.yml's latex_*), built
with Sphinx's LaTeX builder in a language: shared by test_print_languages (the LaTeX) and
test_pdf_arabic (XeLaTeX on it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from briefbook.paths import read_yaml

PAGE = """\
(overview)=
# نظرة عامة

يتناول هذا الفصل سلسلة {en}`Militia Spotlight` وتصريحات أبو علي العسكري (Abu Ali al-Askari)، وفيه
رمز `chart("timeline")` للاختبار. انظر الشكل 2.1 والإصدار 0.1.0.

This paragraph is not translated yet.

{strong}`Chicago. `المساهمون في الطبعة الدراسية.

انظر {ref}`The muqawama operations were [designed to]… <overview>`.

[8 تموز](#quote-askari-2021-07-08-restraint)

```{data-card} quotations askari-2021-07-08-restraint
```
"""


def copy_inputs(root: Path, catalogs: tuple[str, ...] = ("briefbook.po",)) -> Path:
    """The book's data, bibliography, version and citation file in a small project at ``root``,
    with ``catalogs`` of the Arabic; returns the Arabic catalogs' folder."""
    shutil.copytree(ROOT / "data", root / "data")
    for name in ("references.bib", "VERSION", "CITATION.cff"):
        shutil.copy(ROOT / name, root / name)
    catalog = root / "locales" / "ar" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    for name in catalogs:
        shutil.copy(ROOT / "locales" / "ar" / "LC_MESSAGES" / name, catalog / name)
    return catalog


def make_project(root: Path) -> Path:
    """The project: the data, the print catalog, the book's LaTeX settings and one page."""
    copy_inputs(root)
    book = read_yaml(ROOT / "_config.yml")
    latex = {key: value for key, value in book["sphinx"]["config"].items() if key.startswith("latex_")}
    latex["latex_additional_files"] = [str(ROOT / f) for f in latex["latex_additional_files"]]
    conf = [
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "briefbook.sphinx"]',
        'bibtex_bibfiles = ["references.bib"]',
        'exclude_patterns = ["_build", "data", "locales"]',
        f"project = {book['title']!r}",
        f"author = {book['author']!r}",
        f"copyright = {book['copyright']!r}",
        'latex_engine = "xelatex"',
        'latex_documents = [("index", "book.tex", project, author, "manual")]',
        *(f"{key} = {value!r}" for key, value in latex.items()),
    ]
    (root / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    (root / "index.md").write_text(PAGE, encoding="utf-8")
    return root


def build_latex(root: Path, language: str) -> Path:
    """The project's LaTeX in ``language``; returns its output folder."""
    out = root / "_build" / f"latex-{language}"
    with docutils_namespace():
        app = Sphinx(
            str(root), str(root), str(out), str(root / "_build" / f"doctrees-{language}"), "latex",
            confoverrides={"language": language, "locale_dirs": ["locales"], "gettext_compact": False},
            status=None, warning=None, freshenv=True,
        )  # fmt: skip
        app.build()
    return out
