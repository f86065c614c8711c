"""The settings screen: sender, policy with its checklist, retention, idle lock, hot folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from desktop.services import admin
from desktop.ui.widgets.admin_settings import AdminSettingsWidget

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _widget(qtbot: QtBot, session: Session, pools: Pools) -> AdminSettingsWidget:
    widget = AdminSettingsWidget(session, pools)
    qtbot.addWidget(widget)
    return widget


def test_saves_every_setting(qtbot: QtBot, desk: UiDesk, pools: Pools, tmp_path: Path) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    widget.company_name.setText("架空商事株式会社")
    widget.company_address.setPlainText("東京都架空区1-2-3")
    widget.company_contact.setText("個人情報窓口")
    with qtbot.waitSignal(widget.settings_saved, timeout=10_000) as saved:
        widget.save_sender_button.click()
    assert saved.args == ["company_sender"]
    widget.identity_days.setValue(90)
    widget.request_form_days.setValue(400)
    with qtbot.waitSignal(widget.settings_saved, timeout=10_000):
        widget.save_retention()
    folder = tmp_path / "scans"
    folder.mkdir()
    widget.idle_minutes.setValue(7)
    widget.hot_folder.setText(str(folder))
    with qtbot.waitSignals(
        [widget.idle_lock_changed, widget.hot_folder_changed, widget.settings_saved],
        timeout=10_000,
    ):
        widget.save_lock_and_folder()
    stored = admin.read_settings(desk.admin)
    assert stored.sender == admin.CompanySender(
        "架空商事株式会社", "東京都架空区1-2-3", "個人情報窓口"
    )
    assert (stored.identity_retention_days, stored.request_form_retention_days) == (90, 400)
    assert stored.idle_lock_minutes == 7
    assert stored.hot_folder == str(folder.resolve())
    again = _widget(qtbot, desk.admin, pools)
    assert again.company_name.text() == "架空商事株式会社"
    assert again.idle_minutes.value() == 7


def test_policy_checklist_and_choice(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    assert widget.chosen_policy() == "appi-default"
    assert "appi-default" in widget.in_force.text()
    lines = widget.checklist.sentences()
    assert lines[0].startswith("Principal's ID: one photo document, or 2 different documents")
    assert any(line.startswith("Certificates without expiry") for line in lines)
    widget.policy.setCurrentIndex(widget.policy.findData("leverages"))
    lines = widget.checklist.sentences()
    assert lines[0].startswith("Principal's ID: one of ")
    assert "Passport" in lines[0]
    assert "Deadline: 14 business days after the complete documents arrive" in lines
    assert "Copies of identity documents: destroyed right after verification" in lines
    assert any(line.startswith("Refusal ground: ") for line in lines)
    with qtbot.waitSignal(widget.settings_saved, timeout=10_000):
        widget.apply_policy_button.click()
    assert admin.read_settings(desk.admin).policy == "leverages"
    assert "leverages" in widget.in_force.text()


def test_a_broken_policy_file_is_named(
    qtbot: QtBot, desk: UiDesk, pools: Pools, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("name = [\n", encoding="utf-8")
    widget = _widget(qtbot, desk.admin, pools)
    widget.policy.addItem(str(broken), str(broken))
    widget.policy.setCurrentIndex(widget.policy.count() - 1)
    assert widget.checklist.count() == 0
    assert "broken.toml" in widget.message.text()
    with qtbot.waitSignal(widget.failed, timeout=10_000):
        widget.apply_policy()
    assert admin.read_settings(desk.admin).policy == "appi-default"


def test_a_missing_hot_folder_is_refused(
    qtbot: QtBot, desk: UiDesk, pools: Pools, tmp_path: Path
) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    widget.hot_folder.setText(str(tmp_path / "nowhere"))
    with qtbot.waitSignal(widget.failed, timeout=10_000) as failed:
        widget.save_lock_and_folder()
    assert "not an existing folder" in failed.args[0]


@pytest.mark.parametrize("who", ["operator", "supervisor"])
def test_operator_and_supervisor_are_refused(
    qtbot: QtBot, request: pytest.FixtureRequest, pools: Pools, desk: UiDesk, who: str
) -> None:
    session: Session = request.getfixturevalue(who)
    widget = _widget(qtbot, session, pools)
    assert not widget.save_sender_button.isEnabled()
    assert not widget.apply_policy_button.isEnabled()
    widget.company_name.setText("乗っ取り")
    with qtbot.waitSignal(widget.failed, timeout=10_000) as failed:
        widget.save_sender()  # the service refuses, whatever the buttons say
    assert "may not" in failed.args[0]
    assert admin.read_settings(desk.admin).sender.name == ""
    assert not widget.save_sender_button.isEnabled()
