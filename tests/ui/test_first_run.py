"""The first-run wizard creates the store, its administrator and policy, and shows the key."""

from __future__ import annotations

import re
import threading
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

    from desktop.services.ports import Store
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
    wizard.next()  # commits: the store is created here, on the pool
    assert wizard.is_creating()
    assert wizard.currentPage() is policy
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20_000)
    assert opener.exists()
    assert not wizard.is_creating()
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
    assert not wizard.is_creating()
    assert not opener.exists()


class _ThreadRecordingOpener(StoreOpener):
    """A real opener that notes the thread the store was created on."""

    created_on: int | None = None

    def create(self, admin: str, password: str) -> tuple[Store, str]:
        type(self).created_on = threading.get_ident()
        return super().create(admin, password)


def test_the_store_is_created_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, clock: Clock
) -> None:
    opener = _ThreadRecordingOpener(tmp_path / "store", kdf=FAST_KDF)
    wizard = FirstRunWizard(opener, FilePolicies(), folder=str(tmp_path / "store"), now=clock)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.admin_page.name_edit.setText("kanri")
    wizard.admin_page.password_edit.setText("a-long-password-1")
    wizard.admin_page.repeat_edit.setText("a-long-password-1")
    wizard.next()
    wizard.next()
    wizard.reject()  # cannot be cancelled half-way
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20_000)
    assert opener.created_on is not None
    assert opener.created_on != threading.get_ident()
    assert wizard.session is not None
    wizard.session.store.close()


def test_a_failed_creation_says_why_and_allows_a_retry(
    qtbot: QtBot, tmp_path: Path, clock: Clock
) -> None:
    wizard, opener = _wizard(qtbot, tmp_path, clock)
    wizard.next()
    wizard.admin_page.name_edit.setText("kanri")
    wizard.admin_page.password_edit.setText("a-long-password-1")
    wizard.admin_page.repeat_edit.setText("a-long-password-1")
    wizard.next()
    wizard.policy_page.policy_combo.addItem("missing.toml", str(tmp_path / "missing.toml"))
    wizard.policy_page.policy_combo.setCurrentIndex(wizard.policy_page.policy_combo.count() - 1)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.is_creating(), timeout=20_000)
    assert wizard.currentPage() is wizard.policy_page
    assert "missing.toml" in wizard.policy_page.problem.text()
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.policy_page.policy_combo.setCurrentIndex(
        wizard.policy_page.policy_combo.findData("leverages")
    )
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20_000)
    assert opener.exists()
    assert wizard.session is not None
    wizard.session.store.close()
