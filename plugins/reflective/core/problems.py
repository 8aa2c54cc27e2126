"""Problems found in content: one record each, formatted one way everywhere.

Owns the `Problem` record (file, field path, line, message, suggestion), its one-line
rendering `file:line: field: message`, writing those lines to the log unwrapped
(`log_lines`), and the "did you mean" helper. Used by the parser, the validator, the
site model, the Pelican wiring and the CLI alike.
"""

from __future__ import annotations

import difflib
import logging
import sys
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


def closest_slug(folder: str, slugs, cutoff: float = 0.5) -> str | None:
    """The slug a misnamed comment folder most likely meant: the same answer as
    `closest(folder, slugs, cutoff)` (difflib), without its full comparison against
    every slug of a large site. Slugs are tried from the highest upper bound of their
    score (`quick_ratio`, which counts shared letters) down, and the search stops once
    no remaining bound reaches the best score found; ties go to the greater slug, as
    in `difflib.get_close_matches`."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(str(folder))
    bounds = []
    for slug in slugs:
        matcher.set_seq1(slug)
        if matcher.real_quick_ratio() >= cutoff:
            bound = matcher.quick_ratio()
            if bound >= cutoff:
                bounds.append((bound, slug))
    bounds.sort(reverse=True)
    best: tuple[float, str] | None = None
    for bound, slug in bounds:
        if best is not None and bound < best[0]:
            break
        matcher.set_seq1(slug)
        score = matcher.ratio()
        if score >= cutoff and (best is None or (score, slug) > best):
            best = (score, slug)
    return best[1] if best else None


def sort_key(problem: Problem):
    return (problem.file, problem.line or 0, problem.field)


# -- one line per problem in every log ------------------------------------------------
# Pelican's log handler (rich) wraps messages at the console's width, 80 columns when
# the output is not a terminal (CI logs, `make publish > log`), which cuts
# `file:line: field: message` in two. Problem lines go through their own logger, whose
# handler prints each one whole, as plain text, on Pelican's console (so they stay in
# order with Pelican's other messages), or gives it to the root handlers when Pelican's
# is not there (they do not wrap), or writes it to stderr.

LINE_LOGGER = "reflective.problems"


class OneLineHandler(logging.Handler):
    """Writes each record as one plain line; see the comment above."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            root = logging.getLogger()
            console = next(
                (h.console for h in root.handlers if getattr(h, "console", None) is not None),
                None,
            )
            if console is None and root.handlers:
                for handler in root.handlers:
                    if record.levelno >= handler.level:
                        handler.handle(record)
                return
            if console is not None:
                # Through the console, so that its progress display is redrawn below
                # the line; soft_wrap: the line is never cut, the terminal folds it.
                console.print(
                    record.getMessage(), soft_wrap=True, markup=False, highlight=False, emoji=False
                )
                return
            sys.stderr.write(record.getMessage() + "\n")
            sys.stderr.flush()
        except Exception:  # a logging handler never raises
            self.handleError(record)


def line_logger() -> logging.Logger:
    """The logger of problem lines, with its handler (added once per process)."""
    logger = logging.getLogger(LINE_LOGGER)
    if not any(isinstance(h, OneLineHandler) for h in logger.handlers):
        logger.addHandler(OneLineHandler())
        logger.propagate = False
    return logger


def log_lines(problems, level: int = logging.ERROR) -> None:
    """Log each problem as one `file:line: field: message` line, never wrapped."""
    logger = line_logger()
    for problem in problems:
        logger.log(level, problem.format())
