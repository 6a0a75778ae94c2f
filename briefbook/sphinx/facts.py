"""The edition's facts in a build: read once, when the configuration is read, into the configuration
value ``briefbook_facts``, with the address and DOI of Sphinx's own configuration."""

from __future__ import annotations

from sphinx.errors import ConfigError

from ..edition import ConfigError as BadSetting
from ..edition import EditionFacts
from .project import root_of


def read_facts(app, config) -> None:
    """``config-inited``: :class:`briefbook.edition.EditionFacts` from the project and ``html_baseurl``."""
    try:
        config.briefbook_facts = EditionFacts.read(root_of(app), config.html_baseurl or "", config.briefbook_doi or "")
    except BadSetting as exc:
        raise ConfigError(str(exc)) from None


def facts_of(app_or_env) -> EditionFacts:
    return app_or_env.config.briefbook_facts
