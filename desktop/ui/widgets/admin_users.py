"""Administration of accounts: the users table, add, disable / enable and reset a password."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cases import Action, Role, is_allowed
from desktop.services import admin
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def _job(fn: Callable[..., Any], *args: Any) -> Callable[..., Any]:
    """A worker function calling ``fn(*args)`` (one transaction: nothing to stop half-way)."""

    def run(*, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        del cancelled
        progress(0, 1)
        value = fn(*args)
        progress(1, 1)
        return value

    return run


class PasswordDialog(QDialog):
    """Ask for a new password twice (reset by an administrator, or enable an account).

    Its strings name their context: ``self.tr`` would look them up under the subclass's
    name when ``AddUserDialog`` runs this code.
    """

    def __init__(self, account: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("PasswordDialog", "New password for %1").replace(
                "%1", account
            )
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("PasswordDialog", "New password"), self.password)
        form.addRow(QCoreApplication.translate("PasswordDialog", "Repeat it"), self.confirm)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.password.textChanged.connect(self._check)
        self.confirm.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = bool(self.password.text()) and self.password.text() == self.confirm.text()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        mismatch = bool(self.confirm.text()) and not ok
        self.message.setText(
            QCoreApplication.translate("PasswordDialog", "The two passwords differ.")
            if mismatch
            else ""
        )

    def value(self) -> str:
        """The password typed (both fields agree once OK is enabled)."""
        return self.password.text()


class AddUserDialog(PasswordDialog):
    """Ask for a new account's name, role and first password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.name = QLineEdit()
        self.role = QComboBox()
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Add a user"))
        for role, label in (
            (Role.OPERATOR, self.tr("Operator")),
            (Role.SUPERVISOR, self.tr("Supervisor")),
            (Role.ADMINISTRATOR, self.tr("Administrator")),
        ):
            self.role.addItem(label, role.value)
        form = self.layout()
        assert isinstance(form, QFormLayout)
        form.insertRow(0, self.tr("User name"), self.name)
        form.insertRow(1, self.tr("Role"), self.role)
        self.name.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        super()._check()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(ok.isEnabled() and bool(self.name.text().strip()))

    def account(self) -> tuple[str, Role, str]:
        """(name, role, password) as typed."""
        return self.name.text().strip(), Role(self.role.currentData()), self.value()


class AdminUsersWidget(QWidget):
    """The accounts of the store: add, disable or enable, reset a password (administrators)."""

    users_changed = Signal()  # an account was added, disabled, enabled or got a new password
    failed = Signal(str)  # a refused or failed change, as shown in the message line

    class Column:
        """Columns of the table."""

        NAME, ROLE, ACTIVE = range(3)

    def __init__(self, session: Session, pools: Pools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pools = pools
        self._busy: Worker | None = None
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("User"), self.tr("Role"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.disable_button = QPushButton(self.tr("Disable"))
        self.enable_button = QPushButton(self.tr("Enable…"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.enable_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self._ask_add)
        self.disable_button.clicked.connect(self._disable_selected)
        self.enable_button.clicked.connect(self._ask_enable)
        self.reset_button.clicked.connect(self._ask_reset)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    # ------------------------------------------------------------------ public

    def refresh(self) -> None:
        """Reload the accounts (a few rows: one read on the GUI thread)."""
        if not is_allowed(self._session.user.role, Action.MANAGE_USERS):
            self.table.setRowCount(0)
            self.message.setText(self.tr("Only an administrator manages users."))
            self._update_buttons()
            return
        users = admin.list_users(self._session)
        roles = {
            Role.OPERATOR: self.tr("Operator"),
            Role.SUPERVISOR: self.tr("Supervisor"),
            Role.ADMINISTRATOR: self.tr("Administrator"),
        }
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            state = self.tr("Active") if user.active else self.tr("Disabled")
            for column, text in enumerate((user.name, roles[user.role], state)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.name)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def selected_user(self) -> str | None:
        """The account name of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), self.Column.NAME)
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select_user(self, name: str) -> None:
        """Select the row of ``name``."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, self.Column.NAME)
            if item is not None and item.text() == name:
                self.table.selectRow(row)
                return

    def add_user(self, name: str, role: Role, password: str) -> None:
        """Add an account on the write pool (Argon2 wraps its key slot)."""
        self._start(_job(admin.add_user, self._session, name, role, password))

    def disable_user(self, name: str) -> None:
        """Disable an account on the write pool (its key slot is removed)."""
        self._start(_job(admin.disable_user, self._session, name))

    def enable_user(self, name: str, password: str) -> None:
        """Enable an account with a new password on the write pool."""
        self._start(_job(admin.enable_user, self._session, name, password))

    def reset_password(self, name: str, password: str) -> None:
        """Give an account a new password on the write pool."""
        self._start(_job(admin.reset_password, self._session, name, password))

    # ----------------------------------------------------------------- private

    def _start(self, job: Callable[..., Any]) -> None:
        self.message.clear()
        worker = Worker(job)
        worker.signals.result.connect(self._done)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._finished)
        self._busy = worker
        self._update_buttons()
        worker.start(self._pools.write)

    def _done(self, _value: object) -> None:
        self._busy = None  # before the signal: a listener may start the next change
        self.message.setText(self.tr("Saved."))
        self.refresh()
        self.users_changed.emit()

    def _failed(self, error: object) -> None:
        self._finished()  # before the signal: a listener may try again at once
        text = str(error)
        self.message.setText(text)
        self.failed.emit(text)

    def _finished(self) -> None:
        self._busy = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        name = self.selected_user()
        user = None if name is None else self._session.store.users.get(name)
        idle = self._busy is None and is_allowed(self._session.user.role, Action.MANAGE_USERS)
        self.add_button.setEnabled(idle)
        self.disable_button.setEnabled(
            idle and user is not None and user.active and user.name != self._session.user.name
        )
        self.enable_button.setEnabled(idle and user is not None and not user.active)
        self.reset_button.setEnabled(idle and user is not None and user.active)

    def _ask_add(self) -> None:
        dialog = AddUserDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_user(*dialog.account())

    def _disable_selected(self) -> None:
        name = self.selected_user()
        if name is not None:
            self.disable_user(name)

    def _ask_enable(self) -> None:
        name = self.selected_user()
        if name is None:
            return
        dialog = PasswordDialog(name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.enable_user(name, dialog.value())

    def _ask_reset(self) -> None:
        name = self.selected_user()
        if name is None:
            return
        dialog = PasswordDialog(name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reset_password(name, dialog.value())
