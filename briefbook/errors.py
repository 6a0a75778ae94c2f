"""What is wrong with the book's input, each thing by file, row (line) and column."""

from __future__ import annotations

from dataclasses import dataclass


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
