"""First run: create the store, its first administrator, show the recovery key once, choose
the company policy and the scanner hot folder."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.errors import HonninError
from desktop.services import accounts
from desktop.services.accounts import check_user_name
from desktop.services.policies import builtin_policies
from desktop.services.session import system_clock
from desktop.ui import preferences
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from desktop.services.ports import PolicyEngine, StoreOpener
    from desktop.services.session import Session

log = logging.getLogger(__name__)

MIN_PASSWORD = 10
"""The first administrator's password opens every record: at least this many characters."""


class IntroWizardPage(QWizardPage):
    def __init__(self, folder: str) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to Honnin Desk"))
        text = QLabel(
            self.tr(
                "Honnin Desk keeps the requests, the masked identity documents and the audit "
                "trail in one encrypted store on this computer. This wizard creates the store, "
                "its first administrator and the recovery key, and chooses your company's "
                "verification policy."
            )
        )
        text.setWordWrap(True)
        where = QLabel(self.tr("Store folder: %1").replace("%1", folder))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addWidget(where)
        layout.addStretch(1)


class AdminWizardPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("First administrator"))
        self.setSubTitle(
            self.tr("The administrator adds the other accounts. Choose a long password.")
        )
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("admin_name")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("admin_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("admin_repeat")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Account name"), self.name_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Password again"), self.repeat_edit)
        form.addRow(self.problem)
        for edit in (self.name_edit, self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self._changed)

    def problem_text(self) -> str:
        """Why the page cannot go on yet ("" when it can)."""
        name = self.name_edit.text()
        if not name:
            return ""
        try:
            check_user_name(name)
        except HonninError:
            return self.tr(
                "The account name must be 1 to 64 characters without spaces at the ends."
            )
        password = self.password_edit.text()
        if len(password) < MIN_PASSWORD:
            return self.tr("The password needs at least %n characters.", "", MIN_PASSWORD)
        if password != self.repeat_edit.text():
            return self.tr("The two passwords differ.")
        return ""

    def _changed(self) -> None:
        self.problem.setText(self.problem_text())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.name_edit.text()) and not self.problem_text()


class PolicyWizardPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Policy and scanner"))
        self.setSubTitle(
            self.tr(
                "The policy decides which documents prove a requester's identity. The scanner's "
                "hot folder is where your scanner saves files; Honnin Desk picks them up."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the store"))
        self.policy_combo = QComboBox()
        self.policy_combo.setObjectName("policy")
        japanese = QSettings().value(preferences.LANGUAGE, "ja") != "en"
        for policy in builtin_policies():
            title = policy.title_ja if japanese else policy.title_en
            self.policy_combo.addItem(f"{title} ({policy.name})", policy.name)
        self.policy_combo.setCurrentIndex(
            max(0, self.policy_combo.findData(accounts.DEFAULT_POLICY))
        )
        self.policy_file_button = QPushButton(self.tr("Policy file…"))
        self.policy_file_button.clicked.connect(self._choose_policy_file)
        self.hot_folder_edit = QLineEdit()
        self.hot_folder_edit.setObjectName("hot_folder")
        self.hot_folder_edit.setPlaceholderText(self.tr("(none: import files by hand)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_hot_folder)
        self.remove_originals = QCheckBox(
            self.tr("Remove scanned files from the folder once they are stored masked")
        )
        self.remove_originals.setChecked(True)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)

        policy_row = QHBoxLayout()
        policy_row.addWidget(self.policy_combo, 1)
        policy_row.addWidget(self.policy_file_button)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.hot_folder_edit, 1)
        folder_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Verification policy"), _wrap(policy_row))
        form.addRow(self.tr("Scanner hot folder"), _wrap(folder_row))
        form.addRow("", self.remove_originals)
        form.addRow(self.problem)

    def _choose_policy_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Policy file"), "", self.tr("Policy files (*.toml)")
        )
        if path:
            self.policy_combo.addItem(Path(path).name, path)
            self.policy_combo.setCurrentIndex(self.policy_combo.count() - 1)

    def _choose_hot_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Scanner hot folder"))
        if path:
            self.hot_folder_edit.setText(path)

    def validatePage(self) -> bool:
        folder = self.hot_folder_edit.text().strip()
        if folder and not Path(folder).is_dir():
            self.problem.setText(self.tr("The hot folder does not exist."))
            return False
        return self._wizard.create_store()


class RecoveryKeyWizardPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Recovery key"))
        self.setSubTitle(
            self.tr(
                "If every password is lost, only this key opens the store. It is shown once: "
                "print it or write it down, and keep it locked away from this computer."
            )
        )
        self.key_label = QLabel()
        self.key_label.setObjectName("recovery_key")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(font.pointSize() + 3)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("padding: 10px; border: 1px solid #888; background: #fafafa;")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self._print)
        self.stored_box = QCheckBox(self.tr("I have stored the recovery key in a safe place"))
        self.stored_box.setObjectName("stored")
        self.stored_box.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key_label)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(12)
        layout.addWidget(self.stored_box)
        layout.addStretch(1)

    def show_key(self, key: str) -> None:
        # Two lines of four groups read better aloud and on paper.
        groups = key.split("-")
        self.key_label.setText("-".join(groups[:4]) + "-\n" + "-".join(groups[4:]))
        self._key = key

    def isComplete(self) -> bool:
        return self.stored_box.isChecked()

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            painter.setFont(QFont("monospace", 12))
            painter.drawText(
                printer.pageLayout().paintRectPixels(printer.resolution()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                self.tr("Honnin Desk recovery key") + "\n\n" + self.key_label.text(),
            )
        finally:
            painter.end()


def _wrap(layout: QHBoxLayout) -> QWidget:
    box = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box


class FirstRunWizard(QWizard):
    """Create the store: administrator, policy, hot folder; then show the recovery key once.

    The store is created when the policy page is committed (no way back after that); the
    wizard then holds the administrator's ``session``. The hot folder goes into this
    workstation's settings.
    """

    def __init__(
        self,
        opener: StoreOpener,
        policies: PolicyEngine,
        *,
        folder: str = "",
        now: Callable[[], datetime] = system_clock,
        pool: QThreadPool | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool(self)
        self._creating: Worker | None = None
        self._opener = opener
        self._policies = policies
        self._now = now
        self.session: Session | None = None
        self.setWindowTitle(self.tr("Honnin Desk: first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(640, 460)
        self.intro_page = IntroWizardPage(folder)
        self.admin_page = AdminWizardPage()
        self.policy_page = PolicyWizardPage(self)
        self.recovery_page = RecoveryKeyWizardPage()
        for page in (self.intro_page, self.admin_page, self.policy_page, self.recovery_page):
            self.addPage(page)

    def create_store(self) -> bool:
        """Create the store with the entered administrator and policy.

        The key derivation (Argon2id, about 0.7 s) runs on the wizard's pool: the first call
        starts it and returns False (the wizard stays on the policy page, its buttons
        disabled); when the store exists the wizard moves on by itself. True once created.
        """
        if self.session is not None:
            return True
        if self._creating is not None:
            return False
        page = self.policy_page
        page.problem.setStyleSheet("color: palette(text);")
        page.problem.setText(self.tr("Creating the encrypted store…"))
        self._set_busy(True)
        worker = Worker(
            _create_job,
            self._opener,
            self._policies,
            self.admin_page.name_edit.text(),
            self.admin_page.password_edit.text(),
            str(page.policy_combo.currentData()),
            self._now,
        )
        worker.signals.result.connect(self._created)
        worker.signals.error.connect(self._not_created)
        worker.signals.finished.connect(self._creation_ended)
        self._creating = worker
        worker.start(self._pool)
        return False

    def is_creating(self) -> bool:
        """Whether the store is being created on the pool."""
        return self._creating is not None

    def _set_busy(self, busy: bool) -> None:
        for button in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.CancelButton,
        ):
            widget = self.button(button)
            if widget is not None:
                widget.setEnabled(not busy)
        self.policy_page.setEnabled(not busy)
        if busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def _created(self, result: object) -> None:
        session, key = cast("tuple[Session, str]", result)
        self.session = session
        page = self.policy_page
        self.admin_page.password_edit.clear()
        self.admin_page.repeat_edit.clear()
        settings = QSettings()
        settings.setValue(preferences.HOT_FOLDER, page.hot_folder_edit.text().strip())
        settings.setValue(
            preferences.REMOVE_ORIGINALS, "true" if page.remove_originals.isChecked() else "false"
        )
        page.problem.setText("")
        self.recovery_page.show_key(key)
        log.info("store created by the first-run wizard")

    def _not_created(self, error: object) -> None:
        page = self.policy_page
        page.problem.setStyleSheet("color: #b00020;")
        if isinstance(error, HonninError):
            log.info("store not created (%s)", type(error).__name__)
            page.problem.setText(str(error))
        else:
            log.error("store not created: %s", type(error).__name__)
            page.problem.setText(
                self.tr("The store could not be created: %1").replace("%1", str(error))
            )

    def _creation_ended(self) -> None:
        self._creating = None
        self._set_busy(False)
        if self.session is not None and self.currentPage() is self.policy_page:
            self.next()  # validatePage now returns True: on to the recovery key

    def reject(self) -> None:
        """Cancel, unless the store is being created (that cannot be stopped half-way)."""
        if self._creating is not None:
            return
        super().reject()


def _create_job(
    opener: StoreOpener,
    policies: PolicyEngine,
    admin: str,
    password: str,
    policy: str,
    now: Callable[[], datetime],
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> tuple[Session, str]:
    """Create the store and its first administrator (pool thread: Argon2id is slow)."""
    del cancelled  # the store is created in one step: nothing to stop half-way
    progress(0, 1)
    created = accounts.initialise(
        opener, policies, admin=admin, password=password, policy=policy, now=now
    )
    progress(1, 1)
    return created
