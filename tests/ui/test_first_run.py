"""The first-run wizard creates the store, its administrator and policy, and shows the key."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWizard

from desktop.core.cases import Role
from desktop.services import accounts
from desktop.services.workspace import FilePolicies
from desktop.store.db import StoreOpener
from desktop.ui import preferences
from desktop.ui.dialogs.first_run_wizard import FirstRunWizard
from tests.ui.conftest import FAST_KDF

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.clock import Clock

KEY = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{8}){7}")


def _wizard(qtbot: QtBot, tmp_path: Path, clock: Clock) -> tuple[FirstRunWizard, StoreOpener]:
    opener = StoreOpener(tmp_path / "store", kdf=FAST_KDF)
    wizard = FirstRunWizard(opener, FilePolicies(), folder=str(tmp_path / "store"), now=clock)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard, opener


def test_wizard_creates_the_store(qtbot: QtBot, tmp_path: Path, clock: Clock) -> None:
    hot = tmp_path / "scans"
    hot.mkdir()
    wizard, opener = _wizard(qtbot, tmp_path, clock)
    assert wizard.currentPage() is wizard.intro_page
    wizard.next()
    page = wizard.admin_page
    assert not page.isComplete()
    qtbot.keyClicks(page.name_edit, "kanri")
    qtbot.keyClicks(page.password_edit, "short")
    assert not page.isComplete()
    assert page.problem.text()  # says why, as the user types
    page.password_edit.setText("a-long-password-1")
    page.repeat_edit.setText("a-long-password-2")
    assert not page.isComplete()
    page.repeat_edit.setText("a-long-password-1")
    assert page.isComplete()
    assert page.problem.text() == ""
    wizard.next()

    policy = wizard.policy_page
    assert policy.policy_combo.count() >= 6
    policy.policy_combo.setCurrentIndex(policy.policy_combo.findData("leverages"))
    policy.hot_folder_edit.setText(str(hot))
    assert not opener.exists()
    wizard.next()  # commits: the store is created here
    assert opener.exists()
    assert wizard.currentPage() is wizard.recovery_page
    key = wizard.recovery_page.key_label.text().replace("\n", "")
    assert KEY.fullmatch(key)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # not before the key is stored
    wizard.recovery_page.stored_box.setChecked(True)
    assert finish.isEnabled()

    session = wizard.session
    assert session is not None
    assert session.user.name == "kanri"
    assert session.user.role is Role.ADMINISTRATOR
    assert session.store.settings.get(accounts.POLICY_SETTING) == "leverages"
    assert QSettings().value(preferences.HOT_FOLDER) == str(hot)
    assert wizard.admin_page.password_edit.text() == ""
    session.store.close()
    # The key shown opens the store.
    recovered = opener.recover(key)
    recovered.close()
    again = accounts.unlock(opener, FilePolicies(), user="kanri", password="a-long-password-1")
    again.store.close()


def test_missing_hot_folder_keeps_the_wizard_on_the_page(
    qtbot: QtBot, tmp_path: Path, clock: Clock
) -> None:
    wizard, opener = _wizard(qtbot, tmp_path, clock)
    wizard.next()
    wizard.admin_page.name_edit.setText("kanri")
    wizard.admin_page.password_edit.setText("a-long-password-1")
    wizard.admin_page.repeat_edit.setText("a-long-password-1")
    wizard.next()
    wizard.policy_page.hot_folder_edit.setText(str(tmp_path / "no-such-folder"))
    wizard.next()
    assert wizard.currentPage() is wizard.policy_page
    assert wizard.policy_page.problem.text()
    assert not opener.exists()
