"""The schema's values as a reader reads them: the kinds of actor, event and medium, the countries
and whether an attack was claimed. A value is shown as it is in English and translated from the
package's catalog in another language (:func:`.util._`)."""

from __future__ import annotations

from .util import _

WORDS = {
    # events.type
    "airstrike": _("airstrike"), "rocket": _("rocket"), "drone": _("drone"),
    # events.actor_status
    "claimed": _("claimed"), "attributed": _("attributed"), "unclaimed": _("unclaimed"),
    # events.country
    "Iraq": _("Iraq"), "Syria": _("Syria"), "Iraq and Syria": _("Iraq and Syria"),
    # actors.kind
    "person": _("person"), "group": _("group"), "committee": _("committee"), "umbrella": _("umbrella"),
    "collective": _("collective"), "outlet": _("outlet"), "state": _("state"), "unknown": _("unknown"),
    # quotations.medium
    "written statement": _("written statement"), "televised speech": _("televised speech"),
    "tweet": _("tweet"), "Telegram post": _("Telegram post"),
}  # fmt: skip


def word(value: str, env) -> str:
    """A value of the schema in the page's language (a value it does not list, as it is)."""
    return _(WORDS.get(value, value), env)
