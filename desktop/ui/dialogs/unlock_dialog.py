"""Sign-in and unlock: a user name and a password open the store (the key is unwrapped)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop.core.errors import HonninError, InputError, RefusedError
from desktop.services import accounts
from desktop.services.session import system_clock
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from desktop.services.ports import PolicyEngine, StoreOpener
    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def _unlock_job(
    opener: StoreOpener,
    policies: PolicyEngine,
    user: str,
    password: str,
    now: Callable[[], datetime],
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> Session:
    """Unwrap the key (Argon2id, ~0.5 s) and open the store (analysis pool)."""
    del cancelled  # one key derivation: nothing to stop half-way
    progress(0, 1)
    session = accounts.unlock(opener, policies, user=user, password=password, now=now)
    progress(1, 1)
    return session


class UnlockDialog(QDialog):
    """Ask for a user name and password and unlock the store with them.

    With ``locked_user`` the dialog unlocks a locked window: the name is fixed and a
    "Sign out" button lets someone else sign in instead (``sign_out_requested``).

    The key derivation runs on ``pool`` (the analysis pool; by default a pool of the
    dialog's own), so the window stays responsive; the dialog cannot be closed meanwhile.

    Signals:
        unlocked(Session): the store was opened; the dialog then accepts.
        unlock_refused(): the name or password was refused (the message is shown).
        sign_out_requested(): the user chose to sign out instead of unlocking.
    """

    unlocked = Signal(object)
    unlock_refused = Signal()
    sign_out_requested = Signal()

    def __init__(
        self,
        opener: StoreOpener,
        policies: PolicyEngine,
        *,
        locked_user: str = "",
        hint: str = "",
        now: Callable[[], datetime] = system_clock,
        pool: QThreadPool | None = None,
        pools: Pools | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool(self)
        self._pools = pools  # for the recovery dialog (its work runs on the write pool)
        self._unlocking: Worker | None = None
        self._opener = opener
        self._policies = policies
        self._now = now
        self.session: Session | None = None
        self.setWindowTitle(self.tr("Honnin Desk: unlock") if locked_user else self.tr("Sign in"))
        self.setMinimumWidth(420)

        self.intro = QLabel(
            self.tr("The window was locked. Enter your password to continue.")
            if locked_user
            else self.tr("Sign in with your account to open the store.")
        )
        self.intro.setWordWrap(True)
        self.user_edit = QLineEdit(locked_user)
        self.user_edit.setObjectName("user")
        self.user_edit.setReadOnly(bool(locked_user))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.hint_label = QLabel(hint)
        self.hint_label.setWordWrap(True)
        self.hint_label.setVisible(bool(hint))

        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            self.tr("Unlock") if locked_user else self.tr("Sign in"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        # Return in the password field signs in; the buttons stay out of the key handling so
        # that one key press is never two attempts (each wrong one counts).
        for button in (self.ok_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)):
            button.setAutoDefault(False)
        self.sign_out_button = None
        if locked_user:
            self.sign_out_button = self.buttons.addButton(
                self.tr("Sign out"), QDialogButtonBox.ButtonRole.ResetRole
            )
            self.sign_out_button.setAutoDefault(False)
            self.sign_out_button.clicked.connect(self._sign_out)
        self.recover_button = None
        if not locked_user and pools is not None and hasattr(opener, "recover"):
            self.recover_button = self.buttons.addButton(
                self.tr("Lost every password?"), QDialogButtonBox.ButtonRole.HelpRole
            )
            self.recover_button.setAutoDefault(False)
            self.recover_button.clicked.connect(self.recover)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self.try_unlock)
        self.user_edit.textChanged.connect(self._update)
        self.password_edit.textChanged.connect(self._update)
        (self.password_edit if locked_user else self.user_edit).setFocus()
        self._update()

    def recover(self) -> None:
        """Open the recovery-key dialog; once a new password is set, sign in with it."""
        from desktop.ui.widgets.admin_recovery import AdminRecoveryDialog

        assert self._pools is not None
        dialog = AdminRecoveryDialog(
            cast("Any", self._opener), self._policies, self._pools, self, now=self._now
        )
        dialog.recovered.connect(self._recovered)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_dialog: QDialog | None = dialog
        dialog.open()

    def _recovered(self, name: str) -> None:
        self.user_edit.setText(name)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self.error_label.setStyleSheet("color: #1b7f3b;")
        self.error_label.setText(self.tr("A new password is set: sign in with it."))
        self.error_label.show()

    def _update(self) -> None:
        idle = self._unlocking is None
        self.ok_button.setEnabled(
            idle and bool(self.user_edit.text() and self.password_edit.text())
        )
        self.user_edit.setEnabled(idle)
        self.password_edit.setEnabled(idle)
        for button in (
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            self.sign_out_button,
        ):
            if button is not None:
                button.setEnabled(idle)

    def is_unlocking(self) -> bool:
        """Whether the key is being derived (the controls are disabled meanwhile)."""
        return self._unlocking is not None

    def try_unlock(self) -> None:
        """Unlock with the entered name and password on the pool; the result comes back."""
        if not self.ok_button.isEnabled():
            return
        worker = Worker(
            _unlock_job,
            self._opener,
            self._policies,
            self.user_edit.text(),
            self.password_edit.text(),
            self._now,
        )
        worker.signals.result.connect(self._unlock_done)
        worker.signals.error.connect(self._unlock_failed)
        worker.signals.finished.connect(self._unlock_ended)
        self._unlocking = worker
        self.error_label.hide()
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._update()
        worker.start(self._pool)

    def reject(self) -> None:
        """Close the dialog, except while the key is derived (its store would stay open)."""
        if self._unlocking is None:
            super().reject()

    def _unlock_done(self, result: object) -> None:
        session: Session = result  # type: ignore[assignment]
        self._unlocking = None
        self.unsetCursor()
        self.session = session
        self.password_edit.clear()
        self.unlocked.emit(session)
        self.accept()

    def _unlock_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, HonninError):
            raise error  # a bug: to the crash handler
        log.info("sign-in refused (%s)", type(error).__name__)
        self._unlocking = None
        self.unsetCursor()
        self._update()
        self._show_error(error)
        self.unlock_refused.emit()

    def _unlock_ended(self) -> None:
        if self._unlocking is not None:  # neither result nor a known error: a bug
            self._unlocking = None
            self.unsetCursor()
            self._update()

    def _show_error(self, exc: HonninError) -> None:
        # The store's back-off refusal is a RefusedError too; tell it apart by its class name
        # (the UI does not import the store).
        if type(exc).__name__ == "TooManyAttempts":
            text = self.tr("Too many wrong passwords. Wait a little and try again.")
        elif isinstance(exc, RefusedError):
            text = self.tr("Wrong user name or password.")
        elif isinstance(exc, InputError):
            text = self.tr("There is no store in this folder.")
        else:
            text = self.tr("The store could not be opened: %1").replace("%1", str(exc))
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setText(text)
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _sign_out(self) -> None:
        self.sign_out_requested.emit()
        self.reject()
