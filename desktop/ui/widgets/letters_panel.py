"""The letters of one case: those written, Write letter, Save PDF…, Record delivery…."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InputError, RefusedError
from desktop.services import intake, letters
from desktop.services.letters import DeliveryChannel
from desktop.services.review import ResponseKind
from desktop.ui import texts
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from desktop.services.ports import CaseRecord, StoredLetter
    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LettersView:
    """What the panel shows, read on a pool thread: the case and its letters."""

    case: CaseRecord
    letters: tuple[StoredLetter, ...]


def _load_job(
    session: Session,
    case_id: str,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> LettersView:
    del progress, cancelled
    case = intake.get_case(session, case_id)
    return LettersView(case, tuple(letters.list_letters(session, case_id)))


def _write_job(
    session: Session,
    case_id: str,
    kind: ResponseKind,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> int:
    """Render and store a letter (write pool: ~0.2 s of font subsetting, then one write)."""
    del progress, cancelled
    letter_id, _ = letters.create_letter(session, case_id, kind)
    return letter_id


def _save_job(
    session: Session,
    letter_id: int,
    dest: Path,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> Path:
    """Write a letter's PDF where the user chose (a letter holds no document image)."""
    del progress, cancelled
    return letters.export_letter(session, letter_id, dest)


def _delivery_job(
    session: Session,
    letter_id: int,
    channel: DeliveryChannel,
    on: date,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> int:
    del progress, cancelled
    letters.record_delivery(session, letter_id, channel, on)
    return letter_id


class DeliveryDialog(QDialog):
    """Asks how and when a letter went out (post or email attachment, a date)."""

    def __init__(self, today: date, earliest: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record delivery"))
        self.channel = QComboBox()
        self.channel.addItem(self.tr("Post"), DeliveryChannel.POST.value)
        self.channel.addItem(self.tr("Email attachment"), DeliveryChannel.EMAIL_ATTACHMENT.value)
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        form = QFormLayout()
        form.addRow(self.tr("Sent by"), self.channel)
        form.addRow(self.tr("Sent on"), self.date)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[DeliveryChannel, date]:
        """The channel and date picked."""
        return DeliveryChannel(self.channel.currentData()), self.date.date().toPython()  # type: ignore[return-value]


class LettersPanel(QWidget):
    """The letters of one case and what can be done with them.

    Reading runs on the analysis pool; writing a letter (rendering the PDF) and recording a
    delivery run on the write pool; nothing touches the store on the GUI thread.
    """

    letter_written = Signal(str, int)  # case id, letter id
    delivery_recorded = Signal(str, int)  # case id, letter id (the case may have changed)
    busy_changed = Signal(bool)

    COLUMNS = 4

    def __init__(
        self, session: Session, case_id: str, pools: Pools, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._pools = pools
        self._busy = 0
        self._view: LettersView | None = None

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Letter"), self.tr("Written"), self.tr("By"), self.tr("Delivery")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.kind = QComboBox()
        self.write_button = QPushButton(self.tr("Write letter"))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.delivery_button = QPushButton(self.tr("Record delivery…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        actions = QHBoxLayout()
        actions.addWidget(self.kind, 1)
        actions.addWidget(self.write_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.delivery_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        self.write_button.clicked.connect(lambda: self.write_letter())
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.delivery_button.clicked.connect(lambda: self.record_delivery())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.refresh()

    # ------------------------------------------------------------------ public

    @property
    def case_id(self) -> str:
        """The case shown."""
        return self._case_id

    def letters(self) -> tuple[StoredLetter, ...]:
        """The letters shown (empty until the first load is done)."""
        return () if self._view is None else self._view.letters

    def is_busy(self) -> bool:
        """Whether a load, write, save or delivery is under way."""
        return self._busy > 0

    def refresh(self) -> None:
        """Read the case and its letters again (analysis pool)."""
        self._start(Worker(_load_job, self._session, self._case_id), self._loaded, write=False)

    def write_letter(self, kind: ResponseKind | None = None) -> None:
        """Write (render and store) a letter of ``kind``, by default the kind chosen."""
        chosen = kind if kind is not None else self.kind.currentData()
        if chosen is None:
            return
        self.message.setText(self.tr("Writing the letter…"))
        worker = Worker(_write_job, self._session, self._case_id, ResponseKind(chosen))
        self._start(worker, self._written, write=True)

    def selected_letter(self) -> StoredLetter | None:
        """The letter selected in the table, or None."""
        rows = self.table.selectionModel().selectedRows()
        shown = self.letters()
        if not rows or rows[0].row() >= len(shown):
            return None
        return shown[rows[0].row()]

    def select_letter(self, letter_id: int) -> None:
        """Select a letter's row."""
        for row, letter in enumerate(self.letters()):
            if letter.letter_id == letter_id:
                self.table.selectRow(row)

    def save_pdf(self, dest: Path | None = None) -> None:
        """Save the selected letter's PDF to ``dest``, by default where the user chooses."""
        letter = self.selected_letter()
        if letter is None:
            return
        if dest is None:
            suggested = f"{letter.case_id}_{letter.kind}_{letter.letter_id}.pdf"
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save letter as PDF"), suggested, self.tr("PDF files (*.pdf)")
            )
            if not name:
                return
            dest = Path(name)
        worker = Worker(_save_job, self._session, letter.letter_id, dest)
        self._start(worker, self._saved, write=True)  # the export is an audit event

    def record_delivery(
        self, channel: DeliveryChannel | None = None, on: date | None = None
    ) -> None:
        """Record how and when the selected letter went out; ask when not given."""
        letter = self.selected_letter()
        if letter is None:
            return
        if channel is None or on is None:
            dialog = DeliveryDialog(self._session.today(), letter.created_at.date(), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            channel, on = dialog.chosen()
        worker = Worker(_delivery_job, self._session, letter.letter_id, channel, on)
        self._start(worker, self._delivered, write=True)

    # ------------------------------------------------------------------ workers

    def _start(self, worker: Worker, on_result: Callable[[Any], None], *, write: bool) -> None:
        worker.signals.result.connect(on_result)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._ended)
        self._busy += 1
        self.busy_changed.emit(True)
        self._update_buttons()
        worker.start(self._pools.write if write else self._pools.analysis)

    def _ended(self) -> None:
        self._busy -= 1
        self._update_buttons()
        if not self._busy:
            self.busy_changed.emit(False)

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, (InputError, RefusedError)):
            raise error  # a bug: to the crash handler
        self.message.setText(str(error))

    def _loaded(self, view: object) -> None:
        assert isinstance(view, LettersView)
        selected = self.selected_letter()
        self._view = view
        self._fill_kinds(view.case)
        self._fill_table(view.letters)
        if selected is not None:
            self.select_letter(selected.letter_id)
        self._update_buttons()

    def _written(self, letter_id: object) -> None:
        assert isinstance(letter_id, int)
        log.info("letter %s written from the letters panel", letter_id)
        self.message.setText(self.tr("The letter was written and stored."))
        self.letter_written.emit(self._case_id, letter_id)
        self._reload_selecting(letter_id)

    def _saved(self, dest: object) -> None:
        assert isinstance(dest, Path)
        self.message.setText(self.tr("Saved: %1").replace("%1", str(dest)))

    def _delivered(self, letter_id: object) -> None:
        assert isinstance(letter_id, int)
        self.message.setText(self.tr("The delivery was recorded."))
        self.delivery_recorded.emit(self._case_id, letter_id)
        self._reload_selecting(letter_id)

    def _reload_selecting(self, letter_id: int) -> None:
        def loaded(view: object) -> None:
            self._loaded(view)
            self.select_letter(letter_id)

        self._start(Worker(_load_job, self._session, self._case_id), loaded, write=False)

    # ------------------------------------------------------------------ display

    def kind_label(self, kind: str) -> str:
        """A letter kind in words."""
        return texts.label(texts.LETTER_KINDS, kind)

    def delivery_label(self, letter: StoredLetter) -> str:
        """How and when a letter went out, or that it has not been recorded."""
        if letter.delivered_on is None:
            return self.tr("Not recorded")
        how = (
            self.tr("Post")
            if letter.delivery_channel == DeliveryChannel.POST
            else self.tr("Email attachment")
        )
        return (
            self.tr("%1 on %2 (%3)")
            .replace("%1", how)
            .replace("%2", letter.delivered_on.isoformat())
            .replace("%3", letter.delivered_by or "")
        )

    def _fill_kinds(self, case: CaseRecord) -> None:
        current = self.kind.currentData()
        self.kind.clear()
        for kind in letters.allowed_kinds(case):
            self.kind.addItem(self.kind_label(kind), kind.value)
        index = self.kind.findData(current)
        if index >= 0:
            self.kind.setCurrentIndex(index)

    def _fill_table(self, shown: Sequence[StoredLetter]) -> None:
        self.table.setRowCount(len(shown))
        for row, letter in enumerate(shown):
            written = letter.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            cells = (
                self.kind_label(letter.kind),
                written,
                letter.created_by,
                self.delivery_label(letter),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _update_buttons(self) -> None:
        letter = self.selected_letter()
        idle = not self._busy
        self.kind.setEnabled(idle and self.kind.count() > 0)
        self.write_button.setEnabled(idle and self.kind.count() > 0)
        self.save_button.setEnabled(idle and letter is not None)
        self.delivery_button.setEnabled(idle and letter is not None and letter.delivered_on is None)
        if self._view is not None and self.kind.count() == 0:
            self.write_button.setToolTip(self.tr("No letter fits the case's status now."))
        else:
            self.write_button.setToolTip("")
