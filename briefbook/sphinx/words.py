"""The schema's values in the page's language (:data:`briefbook.i18n.values.VALUES`)."""

from __future__ import annotations

from ..i18n.values import VALUES
from .util import _


def word(value: str, env) -> str:
    """A value of the schema in the page's language (a value it does not list, as it is)."""
    return _(VALUES.get(value, value), env)
