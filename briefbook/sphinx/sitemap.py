"""``sitemap.xml`` by sphinx-sitemap, when the book's address (``html_baseurl``) is set.

While the address is unset the extension is not loaded: it would only warn that it cannot write
the map. When it is, every page of the book is listed as ``<address><page>.html`` (without the
language and version that sphinx-sitemap puts in its addresses by default, which this book's
do not have). sphinx-sitemap lists the pages written by the build that runs; a build that reads
again only what changed writes only those, so the map is completed here with every page of the
book, and sorted, so that one book always gives the same map.
"""

from __future__ import annotations

import queue

from ..project import Project
from .project import edition_language, is_site

SITEMAP = "sphinx_sitemap"


def setup_sitemap(app) -> None:
    address = str(app.config.html_baseurl or "").strip()
    if not address:
        return
    app.setup_extension(SITEMAP)
    # The edition's address as Project.base_url gives it, ending in "/" (sphinx-sitemap would join
    # "https://example.org/book" and "index.html" without one), the Arabic's below ar/; each
    # edition's map lists its own pages. sphinx-sitemap prefers site_url.
    app.config.site_url = address.rstrip("/") + "/" + Project.site_prefix(edition_language(app.config))
    app.config.sitemap_url_scheme = "{link}"
    app.config.sitemap_excludes = ["search.html", "genindex.html"]
    app.connect("build-finished", complete_sitemap, priority=450)  # before sphinx-sitemap writes it (500)


def complete_sitemap(app, exception) -> None:
    """The site's map lists every page; other builders (the EPUB's pages are XHTML files inside
    its package) write none: what sphinx-sitemap gathered from them is dropped."""
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None:
        return
    found = set()
    while True:
        try:
            found.add(links.get_nowait())
        except queue.Empty:
            break
    if not is_site(app):
        return
    found |= {(app.builder.get_target_uri(doc), None) for doc in app.env.found_docs}
    for link in sorted(found, key=lambda pair: pair[0]):
        links.put(link)
