"""What is wrong with the book's input, each thing by file, row (line) and column."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


def did_you_mean(word: str, known) -> str:
    """``; did you mean 'x'?``: the closest of ``known`` to a mistyped id or code (difflib), else ''."""
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
        return ": ".join(filter(None, (f"{self.file}:{self.row}" if self.row else self.file, self.column, self.message)))


class DataError(Exception):
    """The data package does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
