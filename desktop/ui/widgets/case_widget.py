"""The case screen: the request, its documents, the page under review and the live checklist."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from desktop.core.errors import InputError, RefusedError
from desktop.services import documents, intake, review
from desktop.ui import preferences, texts
from desktop.ui.widgets.checklist_panel import ChecklistPanel
from desktop.ui.widgets.documents_panel import AnalysedPage, DocumentsPanel
from desktop.ui.widgets.letters_panel import LettersPanel
from desktop.ui.widgets.mask_editor import MaskEditorWidget, StoredView, decode_stored
from desktop.ui.workers import Worker, while_alive

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from PySide6.QtGui import QCloseEvent

    from desktop.services.ports import CaseRecord, DocumentRecord
    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)


def _submit_job(
    session: Session,
    case_id: str,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> CaseRecord:
    """Submit the case for review (write pool: the policy weighs it, the status is stored)."""
    del cancelled  # one transaction: nothing to stop half-way
    progress(0, 1)
    case = review.submit(session, case_id)
    progress(1, 1)
    return case


class CaseWidget(QWidget):
    """One case: intake summary, documents, page review with masks, checklist and Submit."""

    case_saved = Signal(str)  # case id: a page was stored
    case_submitted = Signal(str)  # case id: submitted for review

    def __init__(
        self,
        session: Session,
        case_id: str,
        pools: Pools,
        parent: QWidget | None = None,
        *,
        hot_folder: Path | None = None,
        remove_originals: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._pools = pools
        self._viewed: set[int] = set()
        self._showing: int | None = None  # the stored page being decoded for display
        self._submitting: Worker | None = None  # the submission being stored
        self.case: CaseRecord = intake.get_case(session, case_id)
        editable = self.case.status in intake.EDITABLE
        settings = QSettings()
        if hot_folder is None:
            folder = preferences.hot_folder(settings)
            hot_folder = Path(folder) if folder and Path(folder).is_dir() else None
        if remove_originals is None:
            remove_originals = preferences.remove_originals(settings)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.documents = DocumentsPanel(
            session,
            case_id,
            pools,
            hot_folder=hot_folder,
            remove_originals=remove_originals,
            editable=editable,
        )
        self.editor = MaskEditorWidget(session, case_id, pools)
        self.checklist = ChecklistPanel(session, case_id)
        self.letters = LettersPanel(session, case_id, pools)
        # The checklist matters while documents come in; the letters once the case is decided.
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.checklist)
        side.addWidget(self.letters)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1 if editable else 3)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.documents)
        splitter.addWidget(self.editor)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 1)
        # A decided case is about its letters: the side column gets the room.
        splitter.setSizes([260, 900, 320] if editable else [240, 640, 520])
        side.setSizes([600, 200] if editable else [260, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        self.documents.page_ready.connect(self._page_ready)
        self.documents.page_chosen.connect(self._page_chosen)
        self.documents.pages_changed.connect(self._update_submit)
        self.editor.page_saved.connect(self._page_saved)
        self.editor.page_discarded.connect(self._page_discarded)
        self.editor.page_corrected.connect(self._page_corrected)
        self.editor.page_viewed.connect(self._viewed.add)
        self.checklist.submit_clicked.connect(self.submit)
        self.letters.delivery_recorded.connect(
            lambda case_id, _letter: self.case_saved.emit(case_id)
        )

        self._show_summary()
        self.checklist.refresh()
        self._update_submit()

    # ------------------------------------------------------------------ public

    @property
    def case_id(self) -> str:
        """The case shown."""
        return self._case_id

    def viewed_documents(self) -> frozenset[int]:
        """The stored pages the operator has looked at in the editor."""
        return frozenset(self._viewed)

    def can_submit(self) -> bool:
        """Every stored page was seen, none is pending, and the case may still be submitted."""
        return self._submit_block() is None

    def submit(self) -> None:
        """Submit the case for review on the write pool (the policy weighs it once more)."""
        if not self.can_submit() or self._submitting is not None:
            return
        worker = Worker(_submit_job, self._session, self._case_id)
        worker.signals.result.connect(self._submitted)
        worker.signals.error.connect(self._not_submitted)
        worker.signals.finished.connect(self._submission_ended)
        self._submitting = worker
        self.documents.setEnabled(False)  # no page may be added while the case is submitted
        self._update_submit()
        worker.start(self._pools.write)

    def _submitted(self, case: object) -> None:
        self.case = case  # type: ignore[assignment]
        log.info("case %s submitted from the case screen", self._case_id)
        self._show_summary()
        self.editor.clear()
        self._update_submit()
        self.letters.refresh()
        self.case_submitted.emit(self._case_id)

    def refresh_case(self) -> None:
        """The case changed elsewhere (decided, a letter written): show its new state."""
        self.case = intake.get_case(self._session, self._case_id)
        self._show_summary()
        self._update_submit()
        self.letters.refresh()

    def _not_submitted(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, (InputError, RefusedError)):
            raise error  # a bug: to the crash handler
        self.case = intake.get_case(self._session, self._case_id)  # it may have moved on
        self._show_summary()
        self.documents.setEnabled(self.case.status in intake.EDITABLE)
        QMessageBox.warning(self, self.tr("Not submitted"), str(error))

    def _submission_ended(self) -> None:
        self._submitting = None
        self._update_submit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing discards unsaved pages: stop the analysis, drop the unmasked images."""
        self.editor.discard_all()
        self.documents.drop_unsaved()
        super().closeEvent(event)

    # ------------------------------------------------------------------ slots

    def unsaved_count(self) -> int:
        """Pages or files of this case not stored yet."""
        return self.documents.pending_count()

    def _page_ready(self, page: object) -> None:
        assert isinstance(page, AnalysedPage)
        if self.editor.current_key() is None:
            self.documents.select_key(page.key)

    def _page_chosen(self, chosen: object) -> None:
        if self.editor.is_saving():
            return
        if isinstance(chosen, AnalysedPage):
            self._showing = None
            if self.editor.current_key() != chosen.key:
                self.editor.load_page(chosen)
            return
        record: DocumentRecord = chosen  # type: ignore[assignment]
        try:
            png = documents.page_image(self._session, self._case_id, record.document_id)
        except (InputError, RefusedError) as exc:
            self.editor.clear()
            self.editor.message.setText(str(exc))
            return
        # Decoding a full page takes ~0.1 s: off the GUI thread.
        self._showing = record.document_id
        worker = Worker(decode_stored, record, png)
        worker.signals.result.connect(self._stored_decoded)
        worker.signals.error.connect(
            while_alive(self, lambda exc: self.editor.message.setText(str(exc)))
        )
        worker.start(self._pools.analysis)

    def _stored_decoded(self, view: object) -> None:
        assert isinstance(view, StoredView)
        if self._showing != view.record.document_id or self.editor.current_key() is not None:
            return  # the operator moved on meanwhile
        self.editor.show_stored(view)
        self._update_submit()

    def _page_saved(self, key: int, record: object) -> None:
        doc: DocumentRecord = record  # type: ignore[assignment]
        self._viewed.add(doc.document_id)  # the operator reviewed it in the editor to save it
        self.documents.mark_stored(key, doc)
        self.case = intake.get_case(self._session, self._case_id)
        self.checklist.refresh()
        self._update_submit()
        self.case_saved.emit(self._case_id)
        if self.documents.ready_pages():
            self._open_next()
        else:
            # Show what was stored: the operator sees the masks burned in.
            self._page_chosen(doc)

    def _page_corrected(self, record: object) -> None:
        doc: DocumentRecord = record  # type: ignore[assignment]
        self.documents.replace_record(doc)
        self.checklist.refresh()
        self._update_submit()
        self.case_saved.emit(self._case_id)

    def _page_discarded(self, key: int) -> None:
        self.documents.mark_discarded(key)
        self._update_submit()
        self._open_next()

    def _open_next(self) -> None:
        ready = self.documents.ready_pages()
        if ready:
            self.documents.select_key(ready[0].key)

    # ------------------------------------------------------------------ internals

    def _submit_block(self) -> str | None:
        """Why Submit is not possible now, or None."""
        if self.case.status not in intake.EDITABLE:
            return self.tr("This case was submitted.")
        if self.documents.pending_count():
            return self.tr("Review or discard every new page first.")
        stored = self.documents.stored_records()
        if not stored:
            return self.tr("Add at least one page first.")
        unseen = [r for r in stored if r.document_id not in self._viewed]
        if unseen:
            return self.tr("Look at every page first (%1 not viewed yet).").replace(
                "%1", str(len(unseen))
            )
        return None

    def _update_submit(self) -> None:
        block = self._submit_block()
        self.checklist.set_submit_state(block is None and self._submitting is None, block or "")

    def _show_summary(self) -> None:
        data: Mapping[str, Any] = self.case.intake
        status = texts.label(texts.CASE_STATUSES, self.case.status)
        kinds = "、".join(
            texts.label(texts.REQUEST_TYPES, t) for t in data.get("request_types", [])
        )
        requester = texts.label(texts.REQUESTERS, str(data.get("requester", "")))
        channel = data.get("channel")
        rows = [
            (self.tr("Case"), f"<b>{self._case_id}</b>（{_escape(status)}）"),
            (self.tr("Received"), _escape(str(data.get("received_on", "")))),
        ]
        if channel:
            rows.append((self.tr("Channel"), _escape(texts.label(texts.CHANNELS, str(channel)))))
        rows.append((self.tr("Request"), _escape(kinds)))
        rows.append((self.tr("Requester"), _escape(requester)))
        rows.append((self.tr("Principal"), _escape(_person(data.get("principal")))))
        if data.get("representative"):
            rows.append((self.tr("Representative"), _escape(_person(data.get("representative")))))
        cells = "　".join(f"<span style='color:gray'>{k}:</span> {v}" for k, v in rows)
        self.summary.setText(cells)


def _person(value: object) -> str:
    if not isinstance(value, dict):
        return ""
    parts = [str(value.get("name", ""))]
    if value.get("birth_date"):
        parts.append(str(value["birth_date"]))
    if value.get("address"):
        parts.append(str(value["address"]))
    return " / ".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
