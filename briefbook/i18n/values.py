"""The schema's values as a reader reads them (kinds of actor, event and medium, countries, whether
an attack was claimed, the fields' types), translated once, in the package's catalog: the data's
translation table does not translate them again (they are not ``x-translate``)."""

from __future__ import annotations

from . import N_

VALUES = {
    # events.type
    "airstrike": N_("airstrike"), "rocket": N_("rocket"), "drone": N_("drone"),
    # events.actor_status
    "claimed": N_("claimed"), "attributed": N_("attributed"), "unclaimed": N_("unclaimed"),
    # events.country
    "Iraq": N_("Iraq"), "Syria": N_("Syria"), "Iraq and Syria": N_("Iraq and Syria"),
    # actors.kind
    "person": N_("person"), "group": N_("group"), "committee": N_("committee"), "umbrella": N_("umbrella"),
    "collective": N_("collective"), "outlet": N_("outlet"), "state": N_("state"), "unknown": N_("unknown"),
    # quotations.medium
    "written statement": N_("written statement"), "televised speech": N_("televised speech"),
    "tweet": N_("tweet"), "Telegram post": N_("Telegram post"),
    # the data package's field types (the schema tables of Data and methods)
    "string": N_("string"), "integer": N_("integer"), "number": N_("number"), "date": N_("date"),
    "boolean": N_("boolean"),
}  # fmt: skip
