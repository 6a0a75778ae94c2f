"""Cite lines, the citation files (:mod:`briefbook.cite`), and the How to cite and About pages' directives:
a cite line is pending until its page is written, when its number, builder and address are known."""

from __future__ import annotations

import posixpath
import re
import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import cite, i18n
from .. import licence as rights
from ..i18n import N_
from ..labels import first_words
from .nodes import edition_about
from .printing import cite_where, edition_words
from .project import edition_language, facts_of, is_site, project_of
from .util import EditionDirective, _, fill, long_date, para

CHAPTER_LABEL = "ch-"  # a chapter's label, above its heading: its citable anchor once numbered
CITE_STYLE = "chicago-author-date"  # the cite lines' style, as the book's own citations


class cite_pending(nodes.General, nodes.Element):
    """A cite line until its page is written (:class:`ResolveCiteLines`)."""


class citation_forms(nodes.General, nodes.Element):
    """The How to cite page's forms of the book until the page is written."""


def note_inputs(env) -> None:
    project = project_of(env)
    for path in (project.citation_file, project.version_file, project.config_file):
        env.note_dependency(str(path))


def cite_line(env, anchor: str, page: str, title: str, numbered: str = "") -> cite_pending:
    """A cite line for ``page``'s ``anchor``; a ``numbered`` part ("figure", "chapter") gets its number later."""
    note_inputs(env)
    part = {"page": page, "title": title, "numbered": numbered, "docname": env.docname}
    env.get_domain("briefbook").cites[anchor] = part
    return cite_pending(anchor=anchor, docname=env.docname)


def claim_title(claim, env=None) -> str:
    return _("Claim {number}: {words}").format(number=claim.order, words=first_words(claim.claim))


def event_title(data, event_id: str, env=None) -> str:
    return _("Event: {event}").format(event=data.evidence_label(event_id))


def quotation_title(data, qid: str, env=None) -> str:
    q = data.quotation(qid)
    who = _("{speaker}, {date}: ‘{words}’").format(
        speaker=data.actor(q["speaker"])["name"], date=long_date(q["date"], env), words=data.first_words(qid)
    )
    return _("Quotation: {quotation}").format(quotation=who)


def part_of(env, anchor: str) -> cite.Part | None:
    """The part cited at ``anchor``, its title complete (a figure's with its number); a chapter only numbered."""
    found = env.get_domain("briefbook").cites[anchor]
    title, kind, number = found["title"], found.get("numbered", ""), None
    if kind == "figure":
        number = env.toc_fignumbers.get(found["page"], {}).get("figure", {}).get(anchor)
    elif kind == "chapter":
        number = env.toc_secnumbers.get(found["page"], {}).get("")
        if not number:  # a page outside the toctree's numbered parts (back matter)
            return None
    if kind:
        label = {"figure": (_("Figure: {title}"), _("Figure {number}: {title}")),
                 "chapter": (_("Chapter: {title}"), _("Chapter {number}: {title}"))}[kind][bool(number)]  # fmt: skip
        title = label.format(number=".".join(map(str, number or ())), title=title)
    return cite.Part(anchor, found["page"], title)


def parts(env) -> list[cite.Part]:
    return [p for anchor in sorted(env.get_domain("briefbook").cites) if (p := part_of(env, anchor))]


def form_nodes(item: dict, style: str, kept: str = "", address=None) -> list[nodes.Node]:
    """A rendered form as nodes: italics as emphasis, the item's addresses made by ``address`` (a link),
    ``kept`` (a part's title) as written, the rest the edition's own words."""
    plain = item.get("language", i18n.SOURCE) != i18n.SOURCE
    address = address or (lambda url: nodes.reference(url, url, refuri=url))
    own, keep = cite.item_addresses(item), re.compile(f"({re.escape(kept)})") if kept else None
    out: list[nodes.Node] = []
    for text, italic in cite.segments(item, style):
        if italic:
            out.append(nodes.emphasis("", text))
            continue
        for i, piece in enumerate(own.split(text) if own else [text]):  # the addresses at the odd places
            if i % 2:
                out.append(address(piece))
                continue
            for j, words in enumerate(keep.split(piece) if keep and not plain else [piece]):
                if words:
                    out.append(nodes.Text(words) if plain or j % 2 else edition_words("", words))
    return out


def file_links(paths: dict[str, str], docname: str, what: str) -> nodes.inline:
    """Links to citation files, relative to ``docname``, each named for whose citation it is."""
    here = posixpath.dirname(docname) or "."
    links = nodes.inline("", classes=["cite-files"])
    for i, (label, path) in enumerate(paths.items()):
        name = _("{format} citation of {what}").format(format=label, what=what)
        href, name = escape(posixpath.relpath(path, here)), escape(name)
        link = f'<a class="reference external" href="{href}" aria-label="{name}">{label}</a>'
        links += nodes.raw("", (" · " if i else "") + link, format="html")
    return links


class ChapterCiteLine(SphinxTransform):
    """A chapter ends with its cite line, at its label (``(ch-…)=``), kept if the chapter is numbered."""

    default_priority = 800

    def apply(self, **kwargs) -> None:
        anchor = next((i for i in self.document.ids if i.startswith(CHAPTER_LABEL)), None)
        heading = next(iter(self.document.findall(nodes.title)), None)
        if anchor is None or heading is None:
            return
        last = [s for s in self.document.findall(nodes.section) if not any(isinstance(c, nodes.section) for c in s)]
        where = last[-1] if last else self.document
        where += cite_line(self.env, anchor, self.env.docname, heading.astext(), numbered="chapter")


class ResolveCiteLines(SphinxPostTransform):
    default_priority = 100

    def run(self, **kwargs) -> None:
        env = self.env
        facts, language = facts_of(env), edition_language(env.config)
        book, base = cite.book_item(facts, language), facts.base_url(language)
        html = is_site(self.app)  # the site holds the citation files
        for node in list(self.document.findall(cite_pending)):
            part = part_of(env, node["anchor"])
            if part is None:
                node.parent.remove(node)
                continue
            shown = base + part.path() if base else part.path()

            def where(url: str, node=node) -> cite_where:  # in print, the page follows
                found = cite_where("", "", docname=node["docname"], anchor=node["anchor"], url=url if base else "",
                                   page_label=_("p."))  # fmt: skip
                found += nodes.reference(url, url, refuri=url) if base else nodes.Text(url)
                return found

            line = nodes.paragraph("", "", nodes.strong("", _("Cite:") + " "), classes=["cite-line"])
            line["support_smartquotes"] = False
            line += form_nodes(cite.part_item(book, part, shown), CITE_STYLE, part.title, where)
            if html:
                line += nodes.Text(" ")
                line += file_links(cite.file_names(part.anchor), node["docname"], part.title)
            node.replace_self(line)
        for node in list(self.document.findall(citation_forms)):
            node.replace_self(book_forms(book, node["docname"], html))


def book_forms(book: dict, docname: str, html: bool) -> list[nodes.Node]:
    out = []
    for style, label in cite.STYLES.items():
        form = nodes.paragraph("", "", nodes.strong("", f"{label}. "), classes=[f"citation-{label.lower()}"])
        form["support_smartquotes"] = False
        form += form_nodes(book, style)
        out.append(form)
    out.append(nodes.paragraph("", "", nodes.strong("", _("BibTeX."))))
    bib = cite.FORMATS["bib"][1](book).strip()
    out.append(nodes.literal_block(bib, bib, language="bibtex", classes=["citation-bibtex"]))
    if html:
        files = nodes.paragraph("", "", nodes.strong("", _("Citation files.") + " "), classes=["citation-files"])
        files += file_links(cite.file_names(cite.BOOK_FILE), docname, _("this edition"))
        files += nodes.Text(".")
        out.append(files)
    return out


def write_files(app, exception) -> None:
    """``build-finished`` (HTML): the citation files under ``cite/``, none left from an earlier build."""
    if exception is None and is_site(app):
        shutil.rmtree(Path(app.outdir, cite.FOLDER), ignore_errors=True)
        Path(app.outdir, cite.FOLDER).mkdir()
        for name, text in cite.files(facts_of(app), parts(app.env), edition_language(app.config)).items():
            Path(app.outdir, name).write_text(text, encoding="utf-8")


class EditionCitationDirective(EditionDirective):
    def run(self):
        note_inputs(self.env)
        return [citation_forms(docname=self.env.docname)]


class EditionAboutDirective(EditionDirective):
    """The About page's account of the edition (filled by :mod:`.transforms`)."""

    def run(self):
        for path in project_of(self.env).data_files():
            self.env.note_dependency(str(path))
        return [edition_about()]


class EditionLicenceDirective(EditionDirective):
    """The edition's licences, their addresses linked (the How to cite page)."""

    def run(self):
        grant = [nodes.reference(p, p, refuri=p) if lic else nodes.Text(p) for p, lic in rights.pieces(rights.grant(_))]
        covers = nodes.bullet_list()
        for lic in rights.LICENCES:
            covered = fill(_(N_("{licence} covers {parts}.")), licence=nodes.strong("", lic.short),
                           parts=_(lic.parts))  # fmt: skip
            covers += nodes.list_item("", para(*covered))
        return [
            para(*grant),
            covers,
            para(nodes.Text(rights.exception(_, self.config.briefbook_facts.brief))),
            para(nodes.Text(f"{rights.others(_)} {rights.reuse(_)} {rights.texts(_)}")),
        ]
