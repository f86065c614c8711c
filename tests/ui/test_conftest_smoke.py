"""The shared fixtures build a store with three roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.cases import Role
from desktop.services import intake
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from desktop.services.session import Session
    from tests.ui.conftest import UiDesk


def test_roles_and_open_case(desk: UiDesk, operator: Session, supervisor: Session) -> None:
    assert desk.admin.user.role is Role.ADMINISTRATOR
    assert operator.user.role is Role.OPERATOR
    assert supervisor.user.role is Role.SUPERVISOR
    case = intake.open_case(operator, REQUEST, "test")
    assert case.case_id.startswith("2026-")
