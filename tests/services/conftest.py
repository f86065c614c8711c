"""Fixtures of the service tests: a fake store, a settable clock, sessions of each role."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageDraw

from desktop.core.cases import Role
from desktop.services import accounts
from tests.clock import Clock
from tests.services.fakes import FakeOpener, FakePolicies, FakeStore

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.services.session import Session


REQUEST = {
    "received_on": "2026-11-20",
    "request_types": ["disclosure"],
    "requester": "principal",
    "principal": {"name": "架空 花子", "birth_date": "1990-01-02", "address": "東京都架空区1-2-3"},
}


@dataclass
class Desk:
    """A fake store with one user of each role (plus a second operator and supervisor)."""

    opener: FakeOpener
    policies: FakePolicies
    clock: Clock
    admin: Session

    @property
    def store(self) -> FakeStore:
        assert self.opener.store is not None
        return self.opener.store

    def login(self, name: str) -> Session:
        return accounts.unlock(
            self.opener, self.policies, user=name, password=f"pw-{name}", now=self.clock
        )


@pytest.fixture
def desk() -> Desk:
    opener, policies, clock = FakeOpener(), FakePolicies(), Clock()
    admin, _ = accounts.initialise(opener, policies, admin="admin", password="pw-admin", now=clock)
    for name, role in (
        ("olivia", Role.OPERATOR),
        ("oscar", Role.OPERATOR),
        ("sam", Role.SUPERVISOR),
        ("sue", Role.SUPERVISOR),
    ):
        accounts.add_user(admin, name, role, f"pw-{name}")
    return Desk(opener, policies, clock, admin)


def png(
    size: tuple[int, int] = (200, 120), black: Sequence[tuple[int, int, int, int]] = ()
) -> bytes:
    """A synthetic light-grey page with text-like strokes and the given boxes painted black."""
    im = Image.new("RGB", size, (235, 235, 230))
    draw = ImageDraw.Draw(im)
    for y in range(10, size[1] - 10, 14):
        draw.line([(8, y), (size[0] - 8, y)], fill=(90, 90, 90), width=2)
    for x, y, w, h in black:
        draw.rectangle([x, y, x + w - 1, y + h - 1], fill=(0, 0, 0))
    out = io.BytesIO()
    im.save(out, format="PNG")
    return out.getvalue()
