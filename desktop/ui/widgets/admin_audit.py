"""Audit and disposal: verify the audit chain, export it for an auditor, dispose of due images."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import admin, audit
from desktop.ui import texts
from desktop.ui.workers import Worker, while_alive

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from desktop.services.ports import ChainCheck
    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def _job(fn: Callable[..., Any], *args: Any) -> Callable[..., Any]:
    def run(*, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        del cancelled  # each step is one store call: nothing to stop half-way
        progress(0, 1)
        value = fn(*args)
        progress(1, 1)
        return value

    return run


class AdminAuditWidget(QWidget):
    """Verify the audit chain, export it as CSV, and run the disposal of due images."""

    chain_verified = Signal(bool)  # intact or not
    audit_exported = Signal(str, int)  # file, number of events
    documents_disposed = Signal(list)  # ids of the documents whose images were destroyed
    failed = Signal(str)  # a refused or failed step, as shown in its line

    def __init__(self, session: Session, pools: Pools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pools = pools
        self._workers: set[Worker] = set()

        self.verify_button = QPushButton(self.tr("Verify the audit chain"))
        self.verify_result = QLabel(self.tr("Not verified yet."))
        self.export_button = QPushButton(self.tr("Export CSV for an auditor…"))
        self.export_result = QLabel()
        audit_box = QGroupBox(self.tr("Audit chain"))
        audit_layout = QVBoxLayout(audit_box)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.verify_result, 1)
        audit_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.export_result, 1)
        audit_layout.addLayout(row)

        self.due_button = QPushButton(self.tr("Show what is due"))
        self.dispose_button = QPushButton(self.tr("Dispose of due documents"))
        self.disposal_result = QLabel()
        self.disposal_result.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Document"),
                self.tr("Case"),
                self.tr("Type"),
                self.tr("Rule"),
                self.tr("Disposed by"),
                self.tr("Disposed at"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        disposal_box = QGroupBox(self.tr("Disposal of identity-document images"))
        disposal_layout = QVBoxLayout(disposal_box)
        row = QHBoxLayout()
        row.addWidget(self.due_button)
        row.addWidget(self.dispose_button)
        row.addStretch(1)
        disposal_layout.addLayout(row)
        disposal_layout.addWidget(self.disposal_result)
        disposal_layout.addWidget(self.table, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(audit_box)
        layout.addWidget(disposal_box, 1)

        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self._ask_export)
        self.due_button.clicked.connect(self.show_due)
        self.dispose_button.clicked.connect(self.dispose)

    # ------------------------------------------------------------------ public

    def verify(self) -> None:
        """Recompute the chain on the analysis pool; the result shows in one line."""
        self.verify_button.setEnabled(False)
        self.verify_result.setText(self.tr("Verifying…"))
        self._run(
            self._pools.analysis,
            _job(audit.verify, self._session),
            self._verified,
            self.verify_result,
            self.verify_button,
        )

    def export_csv_to(self, path: Path) -> None:
        """Write the chain as CSV to ``path`` on the write pool (the export is recorded)."""
        self.export_button.setEnabled(False)
        self.export_result.setText(self.tr("Exporting…"))
        self._run(
            self._pools.write,
            _job(admin.export_audit_csv, self._session, path),
            lambda count: self._exported(path, count),
            self.export_result,
            self.export_button,
        )

    def show_due(self) -> None:
        """List the images due for disposal (analysis pool); nothing is destroyed."""
        self._disposal_busy(True)
        self._run(
            self._pools.analysis,
            _job(admin.due_for_disposal, self._session),
            self._due_listed,
            self.disposal_result,
            None,
        )

    def dispose(self) -> None:
        """Destroy the due images on the write pool; the list shows what was disposed."""
        self._disposal_busy(True)
        self.disposal_result.setText(self.tr("Disposing…"))
        self._run(
            self._pools.write,
            _job(admin.dispose_with_record, self._session),
            self._disposed,
            self.disposal_result,
            None,
        )

    def rows(self) -> list[list[str]]:
        """The disposal table as text, row by row."""
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(self.table.columnCount())]
            out.append([c.text() if c is not None else "" for c in cells])
        return out

    # ----------------------------------------------------------------- private

    def _run(
        self,
        pool: Any,
        job: Callable[..., Any],
        done: Callable[[Any], None],
        line: QLabel,
        button: QPushButton | None,
    ) -> None:
        worker = Worker(job)
        worker.signals.result.connect(while_alive(self, done))

        def idle() -> None:
            if button is not None:
                button.setEnabled(True)
            else:
                self._disposal_busy(False)

        # Buttons come back before the failure is announced: a listener may try again.
        def failed(error: object) -> None:
            idle()
            self._failed(line, error)

        worker.signals.error.connect(while_alive(self, failed))

        def finished() -> None:
            self._workers.discard(worker)
            idle()

        worker.signals.finished.connect(while_alive(self, finished))
        self._workers.add(worker)
        worker.start(pool)

    def _disposal_busy(self, busy: bool) -> None:
        self.due_button.setEnabled(not busy)
        self.dispose_button.setEnabled(not busy)

    def _verified(self, check: ChainCheck) -> None:
        self.verify_button.setEnabled(True)  # before the signal: a listener may verify again
        if check.intact:
            text = self.tr("Intact: %1 events, every link verified.")
            self.verify_result.setText(text.replace("%1", str(check.events)))
        else:
            text = self.tr("BROKEN: the first broken link is event %1 (of %2 events).")
            self.verify_result.setText(
                text.replace("%1", str(check.first_broken)).replace("%2", str(check.events))
            )
        self.chain_verified.emit(check.intact)

    def _exported(self, path: Path, count: int) -> None:
        self.export_button.setEnabled(True)
        text = self.tr("%1 events written to %2.")
        self.export_result.setText(text.replace("%1", str(count)).replace("%2", path.name))
        self.audit_exported.emit(str(path), count)

    def _show_records(self, records: Sequence[admin.DisposalRecord]) -> None:
        rules = {
            "after_decision": self.tr("After the decision"),
            "retention": self.tr("Retention period passed"),
        }
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            at = "" if record.disposed_at is None else record.disposed_at.strftime("%Y-%m-%d %H:%M")
            cells = (
                str(record.document_id),
                record.case_id,
                texts.label(texts.DOCUMENT_TYPES, record.document_type),
                rules.get(record.rule, record.rule),
                record.disposed_by,
                at,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _due_listed(self, records: list[admin.DisposalRecord]) -> None:
        self._disposal_busy(False)
        self._show_records(records)
        text = self.tr("%1 document image(s) are due for disposal.")
        self.disposal_result.setText(text.replace("%1", str(len(records))))

    def _disposed(self, records: list[admin.DisposalRecord]) -> None:
        self._disposal_busy(False)  # before the signal: a listener may run it again
        self._show_records(records)
        text = self.tr(
            "%1 image(s) destroyed; the record of each document and its audit event are kept."
        )
        self.disposal_result.setText(text.replace("%1", str(len(records))))
        self.documents_disposed.emit([r.document_id for r in records])

    def _failed(self, line: QLabel, error: object) -> None:
        text = str(error)
        line.setText(text)
        self.failed.emit(text)

    def _ask_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit chain"), "audit.csv", self.tr("CSV files (*.csv)")
        )
        if name:
            self.export_csv_to(Path(name))
