"""The administration, dashboard and statistics screens speak Japanese: every string is there."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from desktop.ui.i18n_admin_ja import TRANSLATIONS
from desktop.ui.widgets.admin_audit import AdminAuditWidget
from desktop.ui.widgets.admin_settings import AdminSettingsWidget
from desktop.ui.widgets.admin_users import AddUserDialog, AdminUsersWidget
from desktop.ui.widgets.dashboard import DashboardWidget
from tests.ui.i18n_support import assert_table_matches, installed

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk

ADMIN_FILES = [
    "desktop/ui/widgets/admin_users.py",
    "desktop/ui/widgets/admin_settings.py",
    "desktop/ui/widgets/admin_audit.py",
    "desktop/ui/widgets/admin_recovery.py",
    "desktop/ui/widgets/dashboard.py",
    "desktop/ui/widgets/statistics_view.py",
]


def test_every_string_of_the_admin_screens_has_japanese(tmp_path: Path) -> None:
    assert_table_matches(ADMIN_FILES, TRANSLATIONS, tmp_path)


def test_placeholders_survive_translation() -> None:
    for (_context, source), text in TRANSLATIONS.items():
        for mark in ("%1", "%2", "%3"):
            assert (mark in source) == (mark in text), source


@pytest.fixture
def japanese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """This table compiled to a .qm and installed (removed afterwards)."""
    with installed(qapp, TRANSLATIONS, tmp_path):
        yield


@pytest.mark.usefixtures("japanese")
def test_admin_screens_in_japanese(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    users = AdminUsersWidget(desk.admin, pools)
    qtbot.addWidget(users)
    assert users.reset_button.text() == "パスワードを再設定…"
    dialog = AddUserDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "ユーザーの追加"
    dialog.password.setText("a")
    dialog.confirm.setText("b")
    assert dialog.message.text() == "二つのパスワードが一致しません。"
    settings = AdminSettingsWidget(desk.admin, pools)
    qtbot.addWidget(settings)
    settings.policy.setCurrentIndex(settings.policy.findData("leverages"))
    assert "回答期限: 書類がすべて届いてから 14 営業日" in settings.checklist.sentences()
    assert settings.in_force.text() == "適用中: appi-default"
    audit = AdminAuditWidget(desk.admin, pools)
    qtbot.addWidget(audit)
    with qtbot.waitSignal(audit.chain_verified, timeout=10_000):
        audit.verify()
    assert audit.verify_result.text().startswith("改ざんなし: ")
    board = DashboardWidget(desk.admin, pools)
    qtbot.addWidget(board)
    assert board.refresh_button.text() == "更新"
