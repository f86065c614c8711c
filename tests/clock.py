"""A clock the tests move by hand, in Japanese time (services take ``now`` as a callable)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

JST = timezone(timedelta(hours=9))


class Clock:
    """A clock the test moves by hand (Japanese time)."""

    def __init__(self) -> None:
        self.current = datetime(2026, 11, 23, 10, 0, tzinfo=JST)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)
