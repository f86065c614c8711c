"""Recovery: open the store with its recovery key and set an administrator's new password."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.services import admin
from desktop.services.session import system_clock
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from desktop.services.ports import PolicyEngine
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


class AdminRecoveryDialog(QDialog):
    """Every administrator password lost: the recovery key sets a new one (or a new account).

    The work (open with the key, wrap a key slot with Argon2) runs on the write pool; the
    dialog closes itself with ``recovered`` once the password is set, and the window then
    shows its ordinary unlock dialog.
    """

    recovered = Signal(str)  # the administrator's account name, ready to sign in
    failed = Signal(str)  # a wrong key or a refused account, as shown in the dialog

    def __init__(
        self,
        opener: admin.RecoveryOpener,
        policies: PolicyEngine,
        pools: Pools,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = system_clock,
    ) -> None:
        super().__init__(parent)
        self._opener = opener
        self._policies = policies
        self._pools = pools
        self._now = now
        self._worker: Worker | None = None
        self.setWindowTitle(self.tr("Recover with the recovery key"))
        self.explanation = QLabel(
            self.tr("Type the recovery key, then the administrator's name and new password.")
        )
        self.explanation.setWordWrap(True)
        self.key = QLineEdit()
        self.key.setPlaceholderText("xxxxxxxx-xxxxxxxx-…")
        self.account = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout(self)
        form.addRow(self.explanation)
        form.addRow(self.tr("Recovery key"), self.key)
        form.addRow(self.tr("Administrator"), self.account)
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Repeat it"), self.confirm)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.recover)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.key, self.account, self.password, self.confirm):
            edit.textChanged.connect(self._check)
        self._check()

    def recover(self) -> None:
        """Set the password on the write pool (the key stays in the worker's arguments only)."""
        if self._worker is not None or not self._ready():
            return
        opener, policies, now = self._opener, self._policies, self._now
        key, name, password = self.key.text(), self.account.text().strip(), self.password.text()

        def job(*, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> str:
            del cancelled  # one transaction: nothing to stop half-way
            progress(0, 1)
            admin.recover_administrator(
                opener, policies, recovery_key=key, admin=name, password=password, now=now
            )
            progress(1, 1)
            return name

        worker = Worker(job)
        worker.signals.result.connect(self._done)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._finished)
        self._worker = worker
        self.message.setText(self.tr("Setting the password…"))
        self._check()
        worker.start(self._pools.write)

    def _ready(self) -> bool:
        return (
            bool(self.key.text().strip())
            and bool(self.account.text().strip())
            and bool(self.password.text())
            and self.password.text() == self.confirm.text()
        )

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self._worker is None and self._ready())

    def _done(self, name: Any) -> None:
        self._finished()
        self.recovered.emit(str(name))
        self.accept()

    def _failed(self, error: object) -> None:
        self._finished()  # before the signal: the user may correct the key and try again
        text = str(error)
        self.message.setText(text)
        self.failed.emit(text)

    def _finished(self) -> None:
        self._worker = None
        self._check()
