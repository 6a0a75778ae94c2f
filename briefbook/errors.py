"""What is wrong with the book's input, each thing by file, row (line) and column."""

import difflib
import re
import unicodedata
from dataclasses import dataclass

# Unicode's twelve Bidi_Control characters (the "Trojan Source" controls, LRM, RLM, ALM), and the C0 and C1
# controls but a tab and a line break, which XML (EPUB) and XeLaTeX refuse.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def did_you_mean(word: str, known) -> str:
    """``; did you mean 'x'?``: the closest of ``known`` to a mistyped id or code, else ''."""
    folded = {str(k).casefold(): str(k) for k in known}
    close = difflib.get_close_matches(str(word).casefold(), folded, n=1, cutoff=0.6)
    return f"; did you mean {folded[close[0]]!r}?" if close else ""


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        return ": ".join(filter(None, (where, self.column, self.message)))


class DataError(Exception):
    """The data package does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def invisible(text: str) -> str | None:
    """What hides in ``text``: a bidirectional control or a control character, or None."""
    if hit := BIDI.search(text):
        said = f"holds the invisible bidirectional control U+{ord(hit[0]):04X} {unicodedata.name(hit[0])}"
        return f"{said} at character {hit.start() + 1}; remove it (Arabic needs no control characters)"
    if hit := CONTROL.search(text):
        return f"holds the control character U+{ord(hit[0]):04X} at character {hit.start() + 1}; remove it"
    return None
