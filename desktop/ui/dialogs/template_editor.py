"""The administrator's letter-template editor: text, placeholders, live validation, reset."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InputError, RefusedError
from desktop.services import letters
from desktop.services.review import ResponseKind
from desktop.ui import texts
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def _save_job(
    session: Session,
    kind: ResponseKind,
    text: str | None,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> ResponseKind:
    """Store the administrator's template, or go back to the built-in one (``text`` None)."""
    del progress, cancelled
    if text is None:
        letters.reset_template(session, kind)
    else:
        letters.save_template(session, kind, text)
    return kind


class TemplateEditorDialog(QDialog):
    """Edit the template of each letter kind; Save, Discard changes, Reset to built-in.

    The kind cannot be switched while there are unsaved changes (save or discard first), so
    no edit is lost silently. Saving and resetting run on the write pool.
    """

    template_saved = Signal(str)  # the letter kind whose template changed (saved or reset)

    def __init__(
        self,
        session: Session,
        pools: Pools,
        parent: QWidget | None = None,
        *,
        kind: ResponseKind = ResponseKind.REQUEST_DOCUMENTS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Letter templates"))
        self._session = session
        self._pools = pools
        self._stored = ""  # the text in force for the current kind
        self._busy = False
        self._valid = True
        self._customised = False

        self.kind = QComboBox()
        for each in ResponseKind:
            self.kind.addItem(self._kind_label(each), each.value)
        self.state = QLabel()
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.placeholders = QListWidget()
        for name in letters.PLACEHOLDERS:
            item = QListWidgetItem(f"{{{name}}}  {self._placeholder_help(name)}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.placeholders.addItem(item)
        self.placeholders.setToolTip(self.tr("Double-click to insert at the cursor."))
        self.validation = QLabel()
        self.validation.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.discard_button = QPushButton(self.tr("Discard changes"))
        self.reset_button = QPushButton(self.tr("Reset to built-in"))
        self.close_button = QPushButton(self.tr("Close"))
        syntax = QLabel(
            self.tr(
                "First line: the title. # starts a note, > aligns right, ^ centres; {{ }} braces."
            )
        )
        syntax.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Letter")))
        top.addWidget(self.kind, 1)
        top.addWidget(self.state)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Placeholders")))
        side_layout.addWidget(self.placeholders, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(syntax)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.validation)
        layout.addLayout(buttons)
        self.resize(900, 640)

        self.kind.currentIndexChanged.connect(lambda _: self._load())
        self.editor.textChanged.connect(self._validate)
        self.placeholders.itemDoubleClicked.connect(self._insert)
        self.save_button.clicked.connect(lambda: self.save())
        self.discard_button.clicked.connect(lambda: self._load())
        self.reset_button.clicked.connect(lambda: self.reset())
        self.close_button.clicked.connect(self.reject)
        index = self.kind.findData(kind.value)
        if index == self.kind.currentIndex():
            self._load()
        else:
            self.kind.setCurrentIndex(index)

    # ------------------------------------------------------------------ public

    def current_kind(self) -> ResponseKind:
        """The letter kind being edited."""
        return ResponseKind(self.kind.currentData())

    def is_modified(self) -> bool:
        """Whether the text differs from the template in force."""
        return self.editor.toPlainText() != self._stored

    def is_valid(self) -> bool:
        """Whether the text is a valid template."""
        return self._valid

    def is_busy(self) -> bool:
        """Whether a save or reset is under way."""
        return self._busy

    def save(self) -> None:
        """Store the edited text as the template of the current kind (write pool)."""
        if not self.is_modified() or not self._valid or self._busy:
            return
        self._run(self.editor.toPlainText())

    def reset(self) -> None:
        """Go back to the built-in template of the current kind (write pool)."""
        if self._busy:
            return
        self._run(None)

    # ------------------------------------------------------------------ internals

    def _run(self, text: str | None) -> None:
        worker = Worker(_save_job, self._session, self.current_kind(), text)
        worker.signals.result.connect(self._stored_done)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._ended)
        self._busy = True
        self._update()
        worker.start(self._pools.write)

    def _stored_done(self, kind: object) -> None:
        assert isinstance(kind, ResponseKind)
        log.info("letter template %s stored from the editor", kind.value)
        self._load()
        self.validation.setText(self.tr("Saved."))
        self.template_saved.emit(kind.value)

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, (InputError, RefusedError)):
            raise error  # a bug: to the crash handler
        self.validation.setText(str(error))

    def _ended(self) -> None:
        self._busy = False
        self._update()

    def _load(self) -> None:
        """Show the template in force for the chosen kind (dropping unsaved edits)."""
        kind = self.current_kind()
        try:
            self._stored = letters.template_text(self._session, kind)
        except InputError as exc:
            self._stored = ""
            self.validation.setText(str(exc))
        self.editor.setPlainText(self._stored)
        customised = letters.is_customised(self._session, kind)
        self.state.setText(self.tr("Edited") if customised else self.tr("Built-in"))
        self._customised = customised
        self._validate()

    def _validate(self) -> None:
        try:
            letters.validate_template(self.current_kind(), self.editor.toPlainText())
        except InputError as exc:
            self._valid = False
            self.validation.setText(str(exc))
        else:
            self._valid = True
            self.validation.setText(self.tr("The template is valid."))
        self._update()

    def _update(self) -> None:
        modified = self.is_modified()
        idle = not self._busy
        self.kind.setEnabled(idle and not modified)
        self.save_button.setEnabled(idle and modified and self._valid)
        self.discard_button.setEnabled(idle and modified)
        self.reset_button.setEnabled(idle and not modified and self._customised)

    def _insert(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        self.editor.insertPlainText(f"{{{name}}}")
        self.editor.setFocus()

    def _kind_label(self, kind: ResponseKind) -> str:
        return texts.label(texts.LETTER_KINDS, kind)

    def _placeholder_help(self, name: str) -> str:
        helps: dict[str, Any] = {
            "case_id": self.tr("case number"),
            "today": self.tr("date of the letter"),
            "received_on": self.tr("date the request was received"),
            "request_types": self.tr("what was requested"),
            "missing_items": self.tr("documents still needed, one per line"),
            "note": self.tr("the supervisor's words on returning the case"),
            "ground": self.tr("refusal ground (policy's wording)"),
            "reason": self.tr("reason for the refusal, as the supervisor wrote it"),
            "deadline": self.tr("response due date"),
            "addressee": self.tr("requester's name with the honorific"),
            "company_name": self.tr("company name (settings)"),
            "company_address": self.tr("company address (settings)"),
            "company_contact": self.tr("contact (settings)"),
        }
        return str(helps.get(name, ""))
