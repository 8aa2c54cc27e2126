"""Problems found in content: one record each, formatted one way everywhere.

Owns the `Problem` record (file, field path, line, message, suggestion), its one-line
rendering `file:line: field: message`, and the "did you mean" helper. Used by the
parser, the validator, the site model, the Pelican wiring and the CLI alike.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one file."""

    file: str
    field: str
    message: str
    line: int | None = None
    suggestion: str | None = None

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        if self.suggestion:
            text += f" (did you mean {self.suggestion!r}?)"
        return text

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Problem:
        return cls(**data)


def closest(word: str, choices, cutoff: float = 0.6) -> str | None:
    """The choice closest to `word`, if one is close enough to be a likely typo."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def sort_key(problem: Problem):
    return (problem.file, problem.line or 0, problem.field)
