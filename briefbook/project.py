"""The project's layout: where its files live (data, bibliography, build folders, download names)."""

from dataclasses import dataclass
from pathlib import Path

from .i18n import LANGUAGES, SOURCE
from .paths import display

PDF_STEM = "muqawama-de-escalation-study-edition"


def download_names(version: str, language: str = SOURCE) -> dict[str, str]:
    """The site-relative names of one language's PDF, EPUB and zipped data package (``<book>-ar-<version>.pdf``)."""
    name = f"downloads/{PDF_STEM}-{'' if language == SOURCE else f'{language}-'}{version}"
    return {"pdf": f"{name}.pdf", "epub": f"{name}.epub", "data": f"{name}-data.zip"}


@dataclass(frozen=True)
class Project:
    """The layout of a checkout (or of a scratch copy of one), as the edition in ``language`` sees it."""

    root: Path
    language: str = SOURCE
    work: str = ".work"  # the build's working folder in _build/; the preview's is "preview"

    data_dir = property(lambda self: self.root / "data")
    descriptor = property(lambda self: self.data_dir / "datapackage.json")
    bibliography = property(lambda self: self.root / "references.bib")
    anchors_file = property(lambda self: self.root / "published-anchors.txt")
    citation_file = property(lambda self: self.root / "CITATION.cff")
    zenodo_file = property(lambda self: self.root / ".zenodo.json")
    version_file = property(lambda self: self.root / "VERSION")
    config_file = property(lambda self: self.root / "_config.yml")
    toc_file = property(lambda self: self.root / "_toc.yml")
    locale_dir = property(lambda self: self.root / "locales")  # locales/<language>/LC_MESSAGES/
    work_dir = property(lambda self: self.root / "_build" / self.work)  # Sphinx's, the execution cache's, LaTeX's
    logs_dir = property(lambda self: self.root / "_build" / "logs")
    lock_file = property(lambda self: self.root / "_build" / ".lock")
    html_dir = property(lambda self: self.root / "_build" / "html")
    editions_dir = property(lambda self: self.root / "_build" / "book")  # the published books, one folder each
    version = property(lambda self: self.version_file.read_text(encoding="utf-8").strip())
    display = staticmethod(display)

    def table_file(self, table: str) -> Path:
        return self.data_dir / f"{table}.csv"

    def data_files(self) -> list[Path]:
        """What the data package download holds: the tables, their schema and the bibliography."""
        return [*sorted(self.data_dir.glob("*.csv")), self.descriptor, self.bibliography]

    def read_files(self) -> list[Path]:
        """The data files a page of this edition reads: the data package but other languages' translations."""
        others = {f"{lang.translation_table}.csv" for code, lang in LANGUAGES.items() if code != self.language}
        return [path for path in self.data_files() if path.name not in others]

    def stem(self, language: str = SOURCE) -> str:
        return Path(download_names(self.version, language)["pdf"]).stem

    def download_names(self, language: str = SOURCE) -> dict[str, str]:
        return download_names(self.version, language)

    def published(self, kind: str, language: str = SOURCE) -> Path:  # kind: "pdf" or "epub"
        return self.root / "_build" / kind / f"{self.stem(language)}.{kind}"

    @staticmethod
    def site_prefix(language: str = SOURCE) -> str:  # the English at the site's root, the others in a folder
        return "" if language == SOURCE else f"{language}/"

    def site_dir(self, language: str = SOURCE) -> Path:
        return self.html_dir / self.site_prefix(language)

    def sphinx_output(self, builder: str, language: str = SOURCE) -> Path:
        return self.work_dir / (builder if language == SOURCE else f"{builder}-{language}")
