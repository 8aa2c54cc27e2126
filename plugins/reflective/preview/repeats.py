"""Each problem reported once per save, whichever process finds it first.

Owns `Repeats`, a logging filter on every handler: the quick render reports a save's
problems at once ("record"); the full build that follows, in its own process, is given
what was reported and stays quiet about a report it would only repeat ("suppress": its
heading and its `file:line` lines, which have a logger of their own); reading the site
into memory for the quick render reports nothing at all ("mute": the full build will).
"""

from __future__ import annotations

import logging

from ..core.problems import LINE_LOGGER, line_logger

OWN = "reflective.preview"  # the preview's own lines are never filtered


class Repeats(logging.Filter):
    """Problems are reported once per save: the quick render reports them (at once),
    the full build that follows stays quiet about a report it would only repeat (its
    heading and its `file:line` lines, which have a logger of their own)."""

    def __init__(self) -> None:
        super().__init__()
        self.mode: str | None = None  # "record" | "suppress" | "mute" | None
        self.seen: set[tuple[int, str]] = set()
        self._dropping = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or self.mode is None:
            return True
        if self.mode == "mute":  # reading the site for the quick render: the build reports
            return record.name.startswith(OWN)
        key = (record.levelno, record.getMessage())
        if self.mode == "record":
            self.seen.add(key)
            return True
        if record.name == LINE_LOGGER:  # a line of the report whose heading came before
            return not (self._dropping and key in self.seen)
        self._dropping = key in self.seen
        return not self._dropping

    def install(self) -> None:
        """On every handler there is (again before each build: some come late)."""
        line_logger()  # the problem lines' logger and handler, made on first use
        loggers = [logging.getLogger()] + [
            logger
            for logger in logging.Logger.manager.loggerDict.values()
            if isinstance(logger, logging.Logger)
        ]
        for logger in loggers:
            for handler in logger.handlers:
                if self not in handler.filters:
                    handler.addFilter(self)

    def uninstall(self) -> None:
        for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
            for handler in getattr(logger, "handlers", ()):
                handler.removeFilter(self)
