"""Known failures of the store, each naming the file; anything else is a bug and propagates."""

from __future__ import annotations

from desktop.core.errors import HonninError, InputError, RefusedError


class StoreError(HonninError):
    """A known failure of the store.

    Args:
        source: the file at fault (the database or its key-slot file).
        message: what is wrong, in one line, without personal data.
    """

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        self.line: int | None = None
        # Exception directly: the mixed-in InputError/RefusedError take other arguments.
        Exception.__init__(self, f"{source}: {message}")

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class WrongKey(StoreError, RefusedError):
    """A wrong password or recovery key, or an unknown user: nothing was changed (exit 3)."""


class StoreClosed(StoreError, RefusedError):
    """The store was closed (locked or signed out): its key is gone until someone unlocks it.

    A background job that was still reading when the window locked ends with this; screens
    treat it as a refusal, not as a bug.
    """


class TooManyAttempts(WrongKey):
    """Repeated wrong passwords: the slot refuses attempts until its back-off has passed."""


class DiskFull(StoreError, InputError):
    """The disk holding the store is full: the transaction was rolled back."""


class Corrupt(StoreError, InputError):
    """The database or its key-slot file is damaged, or they do not belong together."""


class Locked(StoreError, InputError):
    """Another process holds the database's write lock for longer than the busy timeout."""


class StoreExists(StoreError, InputError):
    """``init`` was pointed at a folder that already holds a store."""


class NoStore(StoreError, InputError):
    """The folder holds no store (or only half of one)."""


class SchemaMismatch(StoreError, InputError):
    """The store was made by a newer version, or a released migration file was edited."""


class NotFound(StoreError, InputError):
    """No case, document or user by that id."""


class Conflict(StoreError, InputError):
    """The record changed since it was read, or the change does not apply to its state."""
