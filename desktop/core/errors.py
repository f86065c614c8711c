"""Expected failures shared by every layer: bad input (exit 2) and refusals (exit 3)."""

from __future__ import annotations


class HonninError(Exception):
    """An expected failure that ends as one clear message, never a traceback."""


class InputError(HonninError):
    """Bad input: a file, a case or a value that cannot be used.

    Args:
        source: the file (or other input) at fault, as the user named it.
        message: what is wrong, in one line, without personal data.
        line: the line in ``source`` where the problem is, if known.
    """

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class RefusedError(HonninError):
    """The caller may not do this: wrong password, a role that lacks the right, four-eyes."""
