"""The edition's facts (VERSION, CITATION.cff, _config.yml, the commit and ONE date) and its rights in words, read
once into a frozen :class:`EditionFacts`: cite lines, JSON-LD, Highwire, the EPUB and the imprint state one day."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from functools import partial
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from docutils.utils.smartquotes import educateQuotes
from sphinx.errors import ConfigError as SphinxConfigError

from .i18n import SOURCE, gettext, long_date
from .paths import read_yaml
from .project import Project

ADDRESS = "_config.yml: sphinx: config: html_baseurl should be the book's address"
typographic = partial(educateQuotes, language="en")  # the edition's own words in print: typographic quotes, apostrophes
KINDS = {list: "list", str: "text", int: "number", float: "number", bool: "true/false"}  # YAML's, in words


class ConfigError(SphinxConfigError):
    """_config.yml holds what the book cannot use; the message names the file and the key."""


@dataclass(frozen=True)
class Author:
    name: str
    given: str = ""
    family: str = ""
    inverted = property(lambda self: f"{self.family}, {self.given}" if self.family and self.given else self.name)


def author(entry: dict) -> Author:
    given, family = str(entry.get("given-names") or ""), str(entry.get("family-names") or "")
    return Author(str(entry.get("name") or f"{given} {family}".strip()), given, family)


@dataclass(frozen=True)
class Brief:
    title: str
    authors: tuple[str, ...]
    publisher: str
    series: str
    date: date
    names = property(lambda self: " and ".join(self.authors))


@dataclass(frozen=True)
class Licence:
    spdx: str
    name: str
    short: str  # the name a line of text can carry
    url: str
    covers: str  # what it covers, in a word or three (translated)
    parts: str  # what it covers, in detail (translated)
    path: str  # its full text, in the sources


@dataclass(frozen=True)
class EditionFacts:
    """The facts, as the edition in ``language`` states them (:meth:`in_language`): its words, address and line."""

    root: Path
    version: str
    date: datetime
    commit: str | None
    title: str
    authors: tuple[Author, ...]
    brief: Brief
    notes: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()  # SPDX identifiers, as CITATION.cff's ``license`` names them
    publisher: str = ""  # only if CITATION.cff names one
    site_url: str = ""  # the book's address, ending in "/", or "" while unset
    doi: str = ""
    rights: tuple[Licence, ...] = ()  # _config.yml's briefbook_licences: the edition's own work's, its code's
    fonts: tuple[tuple[str, str], ...] = ()  # _config.yml's briefbook_print_fonts: (language, the PDF's typefaces)
    language: str = SOURCE

    @classmethod
    def read(cls, root: Path | str, site_url: str | None = None, doi: str | None = None) -> EditionFacts:
        """The facts of ``root``; address and DOI as given, else from _config.yml."""
        root, config, cff = Path(root), settings(Path(root)), read_yaml(Path(root) / "CITATION.cff")
        pref, ref, named = cff.get("preferred-citation") or {}, cff["references"][0], cff.get("license") or ()
        try:  # the edition's own work's licence and its code's
            given = config.get("briefbook_licences")
            rights = tuple(Licence(**given[part]) for part in ("edition", "code")) if given else ()
        except (KeyError, TypeError) as exc:
            where, needs = "_config.yml: sphinx: config: briefbook_licences", ", ".join(f.name for f in fields(Licence))
            raise ConfigError(f"{where} should give edition and code, each with {needs} ({exc})") from None
        return cls(
            root=root,
            version=(root / "VERSION").read_text(encoding="utf-8").strip(),
            date=edition_date(root, cff.get("date-released")),
            commit=commit(root),
            title=str(pref.get("title") or cff["title"]),
            authors=tuple(map(author, pref.get("authors") or cff["authors"])),
            brief=Brief(
                str(ref["title"]),
                tuple(author(a).name for a in ref.get("authors") or ()),
                str((ref.get("institution") or {}).get("name") or ""),
                str(ref.get("collection-title") or ""),
                date.fromisoformat(str(ref["date-published"])),
            ),
            notes=" ".join(str(pref.get("notes") or "").split()),
            abstract=" ".join(str(cff.get("abstract") or "").split()),
            keywords=tuple(map(str, cff.get("keywords") or ())),
            licences=(named,) if isinstance(named, str) else tuple(map(str, named)),
            publisher=str((pref.get("publisher") or {}).get("name") or ""),
            site_url=checked_address(config.get("html_baseurl") if site_url is None else site_url),
            doi=str((config.get("briefbook_doi") if doi is None else doi) or "").strip(),
            rights=rights,
            fonts=tuple((config.get("briefbook_print_fonts") or {}).items()),
        )

    def in_language(self, language: str) -> EditionFacts:
        return replace(self, language=language)

    def _(self, message: str) -> str:
        return gettext(message, self.language, self.root) if message else message

    def base_url(self) -> str:
        """The edition's address: the English at the book's, the others in a folder below it."""
        return self.site_url + Project.site_prefix(self.language) if self.site_url else ""

    def line(self) -> str:
        """The edition in one line (the site's footer, the EPUB's first page)."""
        text = self._("Study edition, version {version}, {date}.")
        if self.commit:
            text = self._("Study edition, version {version}, {date}, commit {commit}.")
        day = long_date(self.date, self.language)
        return text.format(version=self.version, commit=(self.commit or "")[:12], date=day)

    def holders(self) -> str:
        """The creators (CITATION.cff's authors) as a sentence names them."""
        names = " and ".join(a.name for a in self.authors)
        return names[:1].lower() + names[1:]

    def sentences(self, _: Callable[[str], str] = str) -> dict[str, str]:
        """The rights by name (grant, exception, others, reuse, texts, statement; covers) in ``_``'s language."""
        (own, code), brief = self.rights, self.brief
        said = {"covers": _(own.covers), "code_covers": _(code.covers)}
        said["grant"] = _(
            "The edition's own {covers} are licensed under the {name} licence ({short}, {url}), and its "
            "{code_covers} under the {code_name} ({code_url})."
        ).format(name=own.name, short=own.short, url=own.url, code_name=code.name, code_url=code.url, **said)
        said["exception"] = _(
            "Quoted material is outside these licences: the brief's text and the statements quoted from it "
            "(the brief {copyright}), other outlets' published translations and any other quotation "
            "remain the copyright of their owners and are reproduced here for commentary and criticism."
        ).format(copyright=f"© {brief.date.year} {_(brief.publisher)}")
        said["others"] = _(
            "The theme, scripts and fonts that the HTML and PDF editions include keep their own licences."
        )
        said["reuse"] = _(
            "Section 3 of {short} sets the conditions of reuse; among them, credit the creators ({holders}), "
            "give the licence and its address, and indicate any changes you made."
        ).format(short=own.short, holders=_(self.holders()))
        said["texts"] = _(
            "The licences' full texts are kept with the edition's sources, in LICENSE and the LICENSES folder."
        )
        return said | {"statement": f"{said['grant']} {said['exception']}"}

    def pieces(self, text: str) -> list[tuple[str, Licence | None]]:
        """``text`` split at the licences' addresses: (piece, its licence or None)."""
        by_url = {lic.url: lic for lic in self.rights}
        return [(p, by_url.get(p)) for p in re.split("(" + "|".join(map(re.escape, by_url)) + ")", text) if p]

    def footer_html(self, details: str | None = None, _: Callable[[str], str] = str) -> str:
        """The footer's licence line, the licences and ``details`` (the section on rights) linked; "" without them."""
        if not self.rights:
            return ""
        link = [f'<a rel="license" href="{escape(lic.url)}">{escape(lic.short)}</a>' for lic in self.rights]
        more = f' <a href="{escape(details)}">' + escape(_("Licence and rights")) + "</a>." if details else ""
        rest = _(
            "quotations are their owners' copyright, reproduced for commentary and criticism, "
            "and under neither licence."
        )
        said = {key: escape(self.sentences(_)[key]) for key in ("covers", "code_covers")}
        line = escape(_("Licence: {covers} {licence}, {code_covers} {code_licence}; {rest}"))
        line = line.format(licence=link[0], code_licence=link[1], rest=escape(rest), **said)
        return f'<p class="edition-licence">{line}{more}</p>'


def commit(root: Path | str, form: str = "%H") -> str | None:
    """The last commit's hash (or ``git log``'s ``form`` of it); None outside git."""
    argv = ["git", "log", "-1", f"--format={form}"]
    out = subprocess.run(argv, cwd=root, capture_output=True, text=True) if (Path(root) / ".git").exists() else None
    return out.stdout.strip() or None if out and out.returncode == 0 else None


def edition_date(root: Path, released=None) -> datetime:
    """SOURCE_DATE_EPOCH, else the later of ``date-released`` and the last commit's (outside git: the newest source)."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    if released is None and (root / "CITATION.cff").is_file():
        released = read_yaml(root / "CITATION.cff").get("date-released")
    if not (stamp := commit(root, "%ct")):
        sources = [root / n for n in ("VERSION", "CITATION.cff", "_config.yml", "_toc.yml", "index.md")]
        sources += [*root.glob("chapters/*.md"), *root.glob("data/*")]
        stamp = max((int(p.stat().st_mtime) for p in sources if p.is_file()), default=0)
    when = datetime.fromtimestamp(int(stamp), tz=UTC) if int(stamp) else datetime.now(tz=UTC)
    return max(when, datetime.fromisoformat(str(released)).replace(tzinfo=UTC)) if released else when


def source_date_epoch(root: Path) -> str:
    return str(int(edition_date(root).timestamp()))


def settings(root: Path) -> dict:
    """``sphinx: config:`` of _config.yml ({} without the file), else ConfigError."""
    try:
        config = read_yaml(root / "_config.yml")
    except FileNotFoundError:  # a bare Sphinx project (conf.py only)
        return {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"_config.yml: not valid YAML: {exc}".replace("\n", " ")) from None
    for where, key in (("", "sphinx"), (" under sphinx:", "config"), (" sphinx: config:", None)):
        if config is not None and not isinstance(config, dict):
            kind = KINDS.get(type(config), "value")
            raise ConfigError(f"_config.yml:{where} should hold settings (key: value), not a {kind}")
        config = (config or {}).get(key) if key else config
    return config or {}


def checked_address(value) -> str:
    """``html_baseurl``, ending in "/", or "" while unset; anything but an http(s) address: ConfigError."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise ConfigError(f"{ADDRESS} (https://...), not a {KINDS.get(type(value), 'value')}")
    try:
        # What an address may not hold: whatever would end an HTML attribute or a LaTeX argument.
        parts = None if re.search(r"[\x00-\x20\x7f\"'<>{}\\^`|]", url := value.strip()) else urlsplit(url)
        good = parts and parts.hostname and parts.scheme in ("http", "https") and not (parts.query or parts.fragment)
    except ValueError:  # an unclosed [ in the host, a port that is not a number
        good = False
    if not good:
        said = "with no query, fragment, space, quotation mark, brace or backslash"
        raise ConfigError(f"{ADDRESS}, http:// or https://, {said}; it is {url!r}")
    return url.rstrip("/") + "/"
