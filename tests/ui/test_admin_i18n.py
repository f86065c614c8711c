"""The administration, dashboard and statistics screens speak Japanese: every string is there."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTranslator

from desktop.ui.i18n_admin_ja import TRANSLATIONS
from desktop.ui.widgets.admin_audit import AdminAuditWidget
from desktop.ui.widgets.admin_settings import AdminSettingsWidget
from desktop.ui.widgets.admin_users import AddUserDialog, AdminUsersWidget
from desktop.ui.widgets.dashboard import DashboardWidget

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk

ROOT = Path(__file__).resolve().parents[2]
ADMIN_FILES = [
    "desktop/ui/widgets/admin_users.py",
    "desktop/ui/widgets/admin_settings.py",
    "desktop/ui/widgets/admin_audit.py",
    "desktop/ui/widgets/admin_recovery.py",
    "desktop/ui/widgets/dashboard.py",
    "desktop/ui/widgets/statistics_view.py",
]


def _tool(name: str) -> Path:
    tool = Path(sys.executable).with_name(name)
    if tool.exists():
        return tool
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return Path(found)


def test_every_string_of_the_admin_screens_has_japanese(tmp_path: Path) -> None:
    ts = tmp_path / "admin.ts"
    subprocess.run(
        [str(_tool("pyside6-lupdate")), "-silent", "-extensions", "py", "-locations", "none"]
        + [str(ROOT / f) for f in ADMIN_FILES]
        + ["-ts", str(ts)],
        check=True,
    )
    found = {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }
    assert found
    assert sorted(found - set(TRANSLATIONS)) == []
    assert sorted(set(TRANSLATIONS) - found) == []  # no stale entries


def test_placeholders_survive_translation() -> None:
    for (_context, source), text in TRANSLATIONS.items():
        for mark in ("%1", "%2", "%3"):
            assert (mark in source) == (mark in text), source


@pytest.fixture
def japanese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """This table compiled to a .qm and installed (removed afterwards)."""
    by_context: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (context, source), text in TRANSLATIONS.items():
        by_context[context].append((source, text))
    root = ET.Element("TS", version="2.1", language="ja_JP")
    for context, items in by_context.items():
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source, text in items:
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = text
    ts, qm = tmp_path / "admin_ja.ts", tmp_path / "admin_ja.qm"
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(_tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


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
