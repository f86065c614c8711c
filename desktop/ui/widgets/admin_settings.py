"""Administration of the store's settings: sender, policy and its checklist, retention, lock."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cases import Action, is_allowed
from desktop.core.errors import InputError
from desktop.services import admin
from desktop.ui import texts
from desktop.ui.workers import Worker, while_alive

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def _job(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[..., Any]:
    def run(*, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        del cancelled  # one transaction: nothing to stop half-way
        progress(0, 1)
        value = fn(*args, **kwargs)
        progress(1, 1)
        return value

    return run


class PolicyChecklist(QListWidget):
    """A policy's requirements as a read-only checklist, in words."""

    def show_policy(self, view: admin.PolicyView) -> None:
        """Replace the list with the rules of ``view``."""
        self.clear()
        for rule in view.rules:
            item = QListWidgetItem(self.sentence(rule))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # shown, not ticked by hand
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, rule.code.value)
            self.addItem(item)

    def sentences(self) -> list[str]:
        """The lines shown, in order."""
        return [self.item(i).text() for i in range(self.count())]

    def sentence(self, rule: admin.PolicyRule) -> str:
        """One requirement in words (the UI's language)."""
        code = admin.RuleCode
        docs = ", ".join(texts.label(texts.DOCUMENT_TYPES, d) for d in rule.documents)
        number = str(rule.number)
        words = {
            code.PRINCIPAL_ONE_OF: self.tr("Principal's ID: one of %1"),
            code.PRINCIPAL_PHOTO_OR_OTHERS: self.tr(
                "Principal's ID: one photo document, or %2 different documents of %1"
            ),
            code.REPRESENTATIVE_ID_ONE_OF: self.tr("Representative's own ID: one of %1"),
            code.REPRESENTATIVE_ID_PHOTO_OR_OTHERS: self.tr(
                "Representative's own ID: one photo document, or %2 different documents of %1"
            ),
            code.REPRESENTATIVE_ID_NOT_ASKED: self.tr("Representative's own ID: not asked for"),
            code.AUTHORITY_MINOR: self.tr("Parent of a minor proves authority with: %1"),
            code.AUTHORITY_ADULT_WARD: self.tr(
                "Guardian of an adult ward proves authority with: %1"
            ),
            code.AGENT_ID_ONE_OF: self.tr("Appointed agent's own ID: one of %1"),
            code.AGENT_ID_PHOTO_OR_OTHERS: self.tr(
                "Appointed agent's own ID: one photo document, or %2 different documents of %1"
            ),
            code.AGENT_ID_NOT_ASKED: self.tr("Appointed agent's own ID: not asked for"),
            code.POWER_OF_ATTORNEY: self.tr("Appointed agent: a power of attorney"),
            code.CERTIFICATE_AGE: self.tr(
                "Certificates without expiry: issued at most %2 months before receipt"
            ),
            code.DEADLINE: self.tr(
                "Deadline: %2 business days after the complete documents arrive"
            ),
            code.NO_DEADLINE: self.tr("Deadline: none set (answer without delay)"),
            code.DISPOSE_AFTER_VERIFICATION: self.tr(
                "Copies of identity documents: destroyed right after verification"
            ),
            code.REFUSAL_GROUND: self.tr("Refusal ground: %3"),
        }
        if rule.code is code.FEE:
            text = {
                "free": self.tr("Fee: none"),
                "may_charge": self.tr("Fee: may be charged"),
                "fixed": self.tr("Fee: %2 yen"),
            }.get(rule.text, rule.text)
        elif rule.code is code.DISPOSE_AFTER_RETENTION:
            text = (
                self.tr("Copies of identity documents: destroyed %2 days after closing")
                if rule.number
                else self.tr(
                    "Copies of identity documents: destroyed after the store's retention period"
                )
            )
        else:
            text = words[rule.code]
        text = text.replace("%1", docs).replace("%2", number).replace("%3", rule.text)
        if rule.product_default:
            text += self.tr(" (product default)")
        return text


class AdminSettingsWidget(QWidget):
    """The store's settings: company sender, policy in force, retention, idle lock, hot folder."""

    settings_saved = Signal(str)  # what changed: company_sender, policy, retention, lock_and_folder
    idle_lock_changed = Signal(int)  # minutes: the window's idle timer should follow
    hot_folder_changed = Signal(str)  # the folder ("" none): case screens should watch it
    failed = Signal(str)  # a refused or failed change, as shown in the message line

    def __init__(self, session: Session, pools: Pools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pools = pools
        self._busy: Worker | None = None

        self.company_name = QLineEdit()
        self.company_address = QPlainTextEdit()
        self.company_address.setFixedHeight(60)
        self.company_contact = QLineEdit()
        self.save_sender_button = QPushButton(self.tr("Save sender"))
        sender_box = QGroupBox(self.tr("Company (sender of letters)"))
        sender_form = QFormLayout(sender_box)
        sender_form.addRow(self.tr("Company name"), self.company_name)
        sender_form.addRow(self.tr("Address"), self.company_address)
        sender_form.addRow(self.tr("Contact"), self.company_contact)
        sender_form.addRow(self.save_sender_button)

        self.policy = QComboBox()
        for name in admin.policy_choices():
            self.policy.addItem(name, name)
        self.policy_file_button = QPushButton(self.tr("Policy file…"))
        self.in_force = QLabel()
        self.checklist = PolicyChecklist()
        self.apply_policy_button = QPushButton(self.tr("Put this policy in force"))
        policy_box = QGroupBox(self.tr("Verification policy"))
        policy_layout = QVBoxLayout(policy_box)
        chooser = QHBoxLayout()
        chooser.addWidget(self.policy, 1)
        chooser.addWidget(self.policy_file_button)
        policy_layout.addWidget(self.in_force)
        policy_layout.addLayout(chooser)
        policy_layout.addWidget(self.checklist, 1)
        policy_layout.addWidget(self.apply_policy_button)

        self.identity_days = QSpinBox()
        self.identity_days.setRange(1, admin.MAX_RETENTION_DAYS)
        self.request_form_days = QSpinBox()
        self.request_form_days.setRange(1, admin.MAX_RETENTION_DAYS)
        self.save_retention_button = QPushButton(self.tr("Save retention"))
        retention_box = QGroupBox(self.tr("Retention after closing (where the policy sets none)"))
        retention_form = QFormLayout(retention_box)
        retention_form.addRow(self.tr("Identity documents (days)"), self.identity_days)
        retention_form.addRow(self.tr("Request forms (days)"), self.request_form_days)
        retention_form.addRow(self.save_retention_button)

        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(admin.MIN_IDLE_LOCK_MINUTES, admin.MAX_IDLE_LOCK_MINUTES)
        self.hot_folder = QLineEdit()
        self.hot_folder_button = QPushButton(self.tr("Choose…"))
        self.save_desk_button = QPushButton(self.tr("Save lock and folder"))
        desk_box = QGroupBox(self.tr("Workstation"))
        desk_form = QFormLayout(desk_box)
        desk_form.addRow(self.tr("Lock after idle (minutes)"), self.idle_minutes)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.hot_folder, 1)
        folder_row.addWidget(self.hot_folder_button)
        desk_form.addRow(self.tr("Scanner hot folder"), folder_row)
        desk_form.addRow(self.save_desk_button)

        self.message = QLabel()
        self.message.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(sender_box)
        left.addWidget(retention_box)
        left.addWidget(desk_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(policy_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)

        self.save_sender_button.clicked.connect(self.save_sender)
        self.apply_policy_button.clicked.connect(self.apply_policy)
        self.policy.currentIndexChanged.connect(self._show_chosen_policy)
        self.policy_file_button.clicked.connect(self._choose_policy_file)
        self.save_retention_button.clicked.connect(self.save_retention)
        self.hot_folder_button.clicked.connect(self._choose_hot_folder)
        self.save_desk_button.clicked.connect(self.save_lock_and_folder)
        self.reload()

    # ------------------------------------------------------------------ public

    def reload(self) -> None:
        """Show the stored settings (a few keys: read on the GUI thread)."""
        stored = admin.read_settings(self._session)
        self.company_name.setText(stored.sender.name)
        self.company_address.setPlainText(stored.sender.address)
        self.company_contact.setText(stored.sender.contact)
        self.identity_days.setValue(stored.identity_retention_days)
        self.request_form_days.setValue(stored.request_form_retention_days)
        self.idle_minutes.setValue(stored.idle_lock_minutes)
        self.hot_folder.setText(stored.hot_folder)
        self.in_force.setText(self.tr("In force: %1").replace("%1", stored.policy))
        self._select_policy(stored.policy)
        self._show_chosen_policy()
        editable = self._editable()
        for button in self._save_buttons():
            button.setEnabled(editable)
        if not editable:
            self.message.setText(self.tr("Only an administrator changes settings."))

    def chosen_policy(self) -> str:
        """The policy chosen in the list (a built-in name or a file path)."""
        return str(self.policy.currentData() or self.policy.currentText())

    def save_sender(self) -> None:
        """Store the company sender (write pool)."""
        sender = admin.CompanySender(
            self.company_name.text(),
            self.company_address.toPlainText(),
            self.company_contact.text(),
        )
        self._start("company_sender", _job(admin.set_company_sender, self._session, sender))

    def apply_policy(self) -> None:
        """Put the chosen policy in force (write pool)."""
        self._start("policy", _job(admin.set_policy, self._session, self.chosen_policy()))

    def save_retention(self) -> None:
        """Store the retention periods (write pool)."""
        self._start(
            "retention",
            _job(
                admin.set_retention,
                self._session,
                identity_days=self.identity_days.value(),
                request_form_days=self.request_form_days.value(),
            ),
        )

    def save_lock_and_folder(self) -> None:
        """Store the idle-lock minutes and the hot folder (write pool)."""
        session, minutes, folder = self._session, self.idle_minutes.value(), self.hot_folder.text()

        def both() -> tuple[int, str]:
            admin.set_idle_lock_minutes(session, minutes)
            return minutes, admin.set_hot_folder(session, folder)

        self._start("lock_and_folder", _job(both))

    # ----------------------------------------------------------------- private

    def _editable(self) -> bool:
        return is_allowed(self._session.user.role, Action.EDIT_SETTINGS)

    def _save_buttons(self) -> list[QPushButton]:
        return [
            self.save_sender_button,
            self.apply_policy_button,
            self.save_retention_button,
            self.save_desk_button,
        ]

    def _select_policy(self, name: str) -> None:
        index = self.policy.findData(name)
        if index < 0:
            self.policy.addItem(name, name)
            index = self.policy.count() - 1
        self.policy.setCurrentIndex(index)

    def _show_chosen_policy(self) -> None:
        try:
            view = admin.policy_view(self._session, self.chosen_policy())
        except InputError as exc:  # a broken policy file: say which line, show nothing
            self.checklist.clear()
            self.message.setText(str(exc))
            return
        self.checklist.show_policy(view)

    def _choose_policy_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a policy file"), "", self.tr("Policy files (*.toml)")
        )
        if path:
            self._select_policy(path)

    def _choose_hot_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the scanner's hot folder"), self.hot_folder.text()
        )
        if folder:
            self.hot_folder.setText(folder)

    def _start(self, what: str, job: Callable[..., Any]) -> None:
        self.message.clear()
        worker = Worker(job)
        worker.signals.result.connect(while_alive(self, lambda value: self._saved(what, value)))
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._finished)
        self._busy = worker
        for button in self._save_buttons():
            button.setEnabled(False)
        worker.start(self._pools.write)

    def _saved(self, what: str, value: object) -> None:
        self._finished()  # before the signals: a listener may save again at once
        self.message.setText(self.tr("Saved."))
        if what == "lock_and_folder" and isinstance(value, tuple):
            minutes, folder = value
            self.hot_folder.setText(str(folder))
            self.idle_lock_changed.emit(int(minutes))
            self.hot_folder_changed.emit(str(folder))
        if what == "policy":
            self.in_force.setText(self.tr("In force: %1").replace("%1", str(value)))
        self.settings_saved.emit(what)

    def _failed(self, error: object) -> None:
        self._finished()  # before the signal: a listener may try again at once
        text = str(error)
        self.message.setText(text)
        self.failed.emit(text)

    def _finished(self) -> None:
        self._busy = None
        for button in self._save_buttons():
            button.setEnabled(self._editable())
