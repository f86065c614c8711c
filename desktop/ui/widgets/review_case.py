"""The review screen of one case: intake, masked pages, checklist, audit trail, the decision."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.cases import CaseStatus
from desktop.core.errors import InputError, RefusedError
from desktop.core.reasons import Decision
from desktop.services import documents, queue, review
from desktop.services.letters import write_letter
from desktop.services.review import ResponseKind
from desktop.ui import texts
from desktop.ui.dialogs.decision_dialogs import ApproveDialog, RejectDialog, ReturnDialog
from desktop.ui.widgets.checklist_panel import DECISION_COLOURS
from desktop.ui.widgets.mask_editor import StoredView, decode_stored
from desktop.ui.workers import Worker, while_alive

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.services.ports import CaseRecord, DocumentRecord
    from desktop.services.queue import ReviewDetail, TrailEntry
    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)

THUMBNAIL = QSize(160, 110)


# --- jobs (pool threads: no widget) ----------------------------------------------------------


def _detail_job(
    session: Session,
    case_id: str,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> ReviewDetail:
    del progress, cancelled
    return queue.review_detail(session, case_id)


def _pages_job(
    session: Session,
    case_id: str,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> list[tuple[DocumentRecord, bytes]]:
    # Each view is recorded in the audit chain (a write): on the write pool.
    kept = [d for d in documents.list_documents(session, case_id) if d.disposed_at is None]
    out: list[tuple[DocumentRecord, bytes]] = []
    for done, record in enumerate(kept, start=1):
        if cancelled():
            break
        out.append((record, documents.page_image(session, case_id, record.document_id)))
        progress(done, len(kept))
    return out


def _approve_job(
    session: Session,
    case_id: str,
    note: str | None,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> CaseRecord:
    del progress, cancelled
    return review.approve(session, case_id, note)


def _return_job(
    session: Session,
    case_id: str,
    items: tuple[str, ...],
    text: str,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> CaseRecord:
    del progress, cancelled
    return queue.return_for_documents(session, case_id, items, text)


def _reject_job(
    session: Session,
    case_id: str,
    ground: str,
    reason: str,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> CaseRecord:
    del progress, cancelled
    return queue.reject_with_ground(session, case_id, ground, reason)


def _letter_job(
    session: Session,
    case_id: str,
    kind: ResponseKind,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> bytes:
    del progress, cancelled
    return write_letter(session, case_id, kind)


# --- the screen --------------------------------------------------------------------------------


class ReviewCaseWidget(QWidget):
    """A supervisor's review of one case: look at everything, then approve, return or reject.

    Signals:
        case_decided(case_id): a decision was stored (the queue should reload).
        letter_drafted(case_id, kind): the letter of a return or rejection was drafted
            (kind: ``request_documents`` or ``refusal``); its PDF is ``last_letter``.
        detail_loaded(): the case's detail is shown (also after a decision).
        pages_loaded(): every masked page is shown.
    """

    case_decided = Signal(str)
    letter_drafted = Signal(str, str)
    detail_loaded = Signal()
    pages_loaded = Signal()

    def __init__(
        self, session: Session, case_id: str, pools: Pools, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._pools = pools
        self._japanese = texts.ui_language() == "ja"
        self.detail: ReviewDetail | None = None
        self.views: dict[int, StoredView] = {}
        self.last_letter: tuple[str, bytes] | None = None
        self.dialog: QDialog | None = None
        self._busy = False
        self._pending_pages = 0
        self.shown_page: int | None = None

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.intake_label = QLabel()
        self.intake_label.setWordWrap(True)
        self.intake_label.setTextFormat(Qt.TextFormat.RichText)
        self.intake_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Pages: thumbnails, the list of documents, one page large.
        self.thumbnails = QListWidget()
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setIconSize(THUMBNAIL)
        self.thumbnails.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.thumbnails.setMovement(QListWidget.Movement.Static)
        self.thumbnails.setMinimumHeight(THUMBNAIL.height() + 50)
        self.pages_table = QTableWidget(0, 5)
        self.pages_table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Document"),
                self.tr("Whose"),
                self.tr("Added by"),
                self.tr("Added at"),
            ]
        )
        _read_only(self.pages_table)
        self.page_view = QLabel(self.tr("Choose a page."))
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidget(self.page_view)
        self.page_scroll.setWidgetResizable(True)

        # The verdict and the trail.
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        verdict_scroll = QScrollArea()
        verdict_scroll.setWidget(self.verdict_label)
        verdict_scroll.setWidgetResizable(True)
        self.trail_table = QTableWidget(0, 5)
        self.trail_table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Status change"),
                self.tr("Details"),
            ]
        )
        _read_only(self.trail_table)
        side = QTabWidget()
        side.addTab(verdict_scroll, self.tr("Checklist"))
        side.addTab(self.trail_table, self.tr("Audit trail"))
        self.side_tabs = side

        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        pages_layout.addWidget(self.thumbnails)
        pages_layout.addWidget(self.pages_table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(pages)
        splitter.addWidget(self.page_scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 1)

        # The decision.
        self.approve_button = QPushButton(self.tr("Approve"))
        self.return_button = QPushButton(self.tr("Return for documents"))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.approve_hint = QLabel()
        self.approve_hint.setWordWrap(True)
        self.approve_hint.setStyleSheet("color: #a35c00")
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_hint, 1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.intake_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.thumbnails.currentRowChanged.connect(self._show_page_at)
        self.pages_table.currentCellChanged.connect(self._page_row_chosen)
        self.approve_button.clicked.connect(self.ask_approve)
        self.return_button.clicked.connect(self.ask_return)
        self.reject_button.clicked.connect(self.ask_reject)
        self._set_buttons()
        self.reload(with_pages=True)

    @property
    def case_id(self) -> str:
        """The case shown."""
        return self._case_id

    # ------------------------------------------------------------------ loading

    def reload(self, *, with_pages: bool = False) -> None:
        """Read the case's detail on the read (analysis) pool; the pages too if asked.

        The pages are read first (each view is an audit event), so that the trail shown
        includes this screen's own views.
        """
        if not with_pages:
            self._read_detail()
            return
        try:
            queue.require_reviewer(self._session)  # no page is shown (nor its view recorded)
        except RefusedError as exc:
            self.message.setText(str(exc))
            self._set_buttons()
            return
        pages = Worker(_pages_job, self._session, self._case_id)
        pages.signals.result.connect(self._pages_read)
        pages.signals.error.connect(self._pages_not_read)
        pages.signals.finished.connect(self._read_detail)
        pages.start(self._pools.write)

    def _read_detail(self) -> None:
        worker = Worker(_detail_job, self._session, self._case_id)
        worker.signals.result.connect(self._detail_ready)
        worker.signals.error.connect(self._load_failed)
        worker.start(self._pools.analysis)

    def _detail_ready(self, result: object) -> None:
        assert isinstance(result, queue.ReviewDetail)
        self.detail = result
        self._render()
        for row in range(self.thumbnails.count()):  # pages decoded before the detail came
            item = self.thumbnails.item(row)
            item.setText(self._page_caption(int(item.data(Qt.ItemDataRole.UserRole))))
        self.detail_loaded.emit()

    def _load_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, (InputError, RefusedError)):
            raise error  # a bug: to the crash handler
        self.message.setText(str(error))
        self._set_buttons()
        self.detail_loaded.emit()

    def _pages_not_read(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, (InputError, RefusedError)):
            raise error  # a bug: to the crash handler
        self.message.setText(str(error))
        self.pages_loaded.emit()

    def _pages_read(self, result: object) -> None:
        pages: list[tuple[DocumentRecord, bytes]] = result  # type: ignore[assignment]
        self._pending_pages = len(pages)
        if not pages:
            self.pages_loaded.emit()
        for record, png in pages:
            # Decoding a full page takes ~0.1 s: off the GUI thread.
            worker = Worker(decode_stored, record, png)
            worker.signals.result.connect(self._page_decoded)
            worker.signals.error.connect(self._page_failed)
            worker.start(self._pools.analysis)

    def _page_decoded(self, result: object) -> None:
        assert isinstance(result, StoredView)
        self.views[result.record.document_id] = result
        self._page_done()

    def _page_failed(self, error: object) -> None:
        self.message.setText(str(error))
        self._page_done()

    def _page_done(self) -> None:
        self._pending_pages -= 1
        if self._pending_pages <= 0:
            self._show_thumbnails()
            self.pages_loaded.emit()

    # ------------------------------------------------------------------ rendering

    def _show_thumbnails(self) -> None:
        self.thumbnails.clear()
        order = self._page_order()
        for document_id in order:
            view = self.views.get(document_id)
            if view is None:
                continue
            pixmap = QPixmap.fromImage(view.qimage())
            thumb = pixmap.scaled(
                THUMBNAIL,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            item = QListWidgetItem(QIcon(thumb), self._page_caption(document_id))
            item.setData(Qt.ItemDataRole.UserRole, document_id)
            self.thumbnails.addItem(item)
        if self.thumbnails.count():
            self.thumbnails.setCurrentRow(0)

    def _page_order(self) -> list[int]:
        if self.detail is not None:
            return [p.document_id for p in self.detail.kept_pages()]
        return sorted(self.views)

    def _page_caption(self, document_id: int) -> str:
        page = self._page_info(document_id)
        if page is None:
            return str(document_id)
        return f"{page.number}. {texts.label(texts.DOCUMENT_TYPES, page.document_type)}"

    def _page_info(self, document_id: int) -> queue.PageInfo | None:
        if self.detail is None:
            return None
        return next((p for p in self.detail.pages if p.document_id == document_id), None)

    def _show_page_at(self, row: int) -> None:
        item = self.thumbnails.item(row) if row >= 0 else None
        if item is None:
            return
        self.show_page(int(item.data(Qt.ItemDataRole.UserRole)))

    def _page_row_chosen(self, row: int, *_: int) -> None:
        item = self.pages_table.item(row, 0) if row >= 0 else None
        if item is not None:
            self.show_page(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_page(self, document_id: int) -> None:
        """Show one masked page large."""
        view = self.views.get(document_id)
        if view is None:
            return
        self.shown_page = document_id
        pixmap = QPixmap.fromImage(view.qimage())
        width = max(self.page_scroll.viewport().width() - 8, 200)
        if pixmap.width() > width:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.page_view.setPixmap(pixmap)

    def _render(self) -> None:
        detail = self.detail
        assert detail is not None
        status = texts.label(texts.CASE_STATUSES, detail.status)
        self.title.setText(
            self.tr("Review of case %1 — %2").replace("%1", detail.case_id).replace("%2", status)
        )
        self.intake_label.setText(self._intake_html(detail))
        self._fill_pages(detail)
        self.verdict_label.setText(self._verdict_html(detail))
        self._fill_trail(detail.trail)
        self._set_buttons()

    def _intake_html(self, d: ReviewDetail) -> str:
        types = "、".join(texts.label(texts.REQUEST_TYPES, t) for t in d.request_types)
        rows = [
            (self.tr("Received"), d.received_on.isoformat()),
            (self.tr("Request"), types),
            (self.tr("Requester"), texts.label(texts.REQUESTERS, d.requester)),
            (self.tr("Principal"), _person_text(d.principal)),
        ]
        if d.representative is not None:
            rows.append((self.tr("Representative"), _person_text(d.representative)))
        if d.channel:
            rows.append((self.tr("Channel"), texts.label(texts.CHANNELS, d.channel)))
        rows.append((self.tr("Prepared by"), d.submitted_by or d.created_by))
        if d.business_days_left is not None:
            left = d.business_days_left
            if left < 0:
                due = self.tr("Overdue by %n business day(s)", "", -left)
            else:
                due = self.tr("%n business day(s) left", "", left)
            rows.append((self.tr("Deadline"), due))
        if d.decision_note and d.status is not CaseStatus.IN_REVIEW:
            rows.append((self.tr("Decision note"), d.decision_note))
        cells = "".join(
            f"<tr><td style='color:gray; padding-right:8px'>{_esc(k)}</td><td>{_esc(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table>{cells}</table>"

    def _fill_pages(self, d: ReviewDetail) -> None:
        self.pages_table.setRowCount(len(d.pages))
        for row, page in enumerate(d.pages):
            number = "—" if page.number is None else str(page.number)
            doc = texts.label(texts.DOCUMENT_TYPES, page.document_type)
            if page.disposed:
                doc += " " + self.tr("(image disposed of)")
            values = [
                number,
                doc,
                texts.label(texts.HOLDERS, page.holder),
                page.added_by,
                page.added_at.strftime("%Y-%m-%d %H:%M"),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, page.document_id)
                self.pages_table.setItem(row, column, item)
        self.pages_table.resizeColumnsToContents()

    def _document_text(self, document_id: int) -> str:
        page = self._page_info(document_id)
        if page is None:
            return str(document_id)
        doc = texts.label(texts.DOCUMENT_TYPES, page.document_type)
        holder = texts.label(texts.HOLDERS, page.holder)
        return (
            self.tr("No. %1 %2 (%3)")
            .replace("%1", str(page.number))
            .replace("%2", doc)
            .replace("%3", holder)
        )

    def _requirement_text(self, requirement: str) -> str:
        table = {
            "principal_identity": self.tr("The principal's identity"),
            "representative_identity": self.tr("The representative's identity"),
            "authority": self.tr("The legal representative's authority"),
            "power_of_attorney": self.tr("The power of attorney"),
        }
        return table.get(requirement, requirement)

    def rule_lines(self) -> list[str]:
        """The checklist as shown, in plain text: rule, met or not, the pages that met it."""
        detail = self.detail
        if detail is None or detail.verdict is None:
            return []
        lines = []
        for check in detail.verdict.checks:
            mark = "✔" if check.met else "□"
            docs = "、".join(self._document_text(i) for i in check.document_ids)
            text = f"{mark} {self._requirement_text(check.requirement)}"
            if docs:
                text += " — " + self.tr("satisfied by %1").replace("%1", docs)
            elif not check.met:
                text += " — " + self.tr("not satisfied")
            lines.append(text)
        return lines

    def reason_lines(self) -> list[str]:
        """The verdict's reasons as shown (UI language)."""
        detail = self.detail
        if detail is None or detail.verdict is None:
            return []
        return [r.text_ja if self._japanese else r.text_en for r in detail.verdict.reasons]

    def _verdict_html(self, d: ReviewDetail) -> str:
        verdict = d.verdict
        if verdict is None:
            return _esc(self.tr("The case has not been weighed against the policy."))
        colour = DECISION_COLOURS.get(Decision(verdict.decision), "black")
        decision = texts.label(texts.DECISIONS, verdict.decision)
        policy = self.tr("Policy: %1").replace("%1", verdict.policy)
        parts = [
            f"<div style='color:{colour}; font-size:14pt'>{_esc(decision)}</div>",
            f"<div>{_esc(policy)}</div>",
        ]
        if verdict.due_on is not None:
            due = self.tr("Due: %1").replace("%1", verdict.due_on.isoformat())
            parts.append(f"<div>{_esc(due)}</div>")
        rules = self.tr("Rules of the policy")
        parts.append(f"<div style='margin-top:6px'><b>{_esc(rules)}</b></div>")
        parts += [f"<div>{_esc(line)}</div>" for line in self.rule_lines()]
        reasons = self.reason_lines()
        if reasons:
            heading = _esc(self.tr("Why it is not verified"))
            parts.append(f"<div style='margin-top:6px'><b>{heading}</b></div>")
            parts += [f"<div style='color:#a35c00'>• {_esc(line)}</div>" for line in reasons]
        return "".join(parts)

    def _fill_trail(self, trail: tuple[TrailEntry, ...]) -> None:
        self.trail_table.setRowCount(len(trail))
        for row, entry in enumerate(trail):
            change = ""
            if entry.status_from or entry.status_to:
                change = "{} → {}".format(
                    texts.label(texts.CASE_STATUSES, entry.status_from or ""),
                    texts.label(texts.CASE_STATUSES, entry.status_to or ""),
                ).strip()
            details = [f"{k}={v}" for k, v in entry.detail]
            if entry.document_id is not None:
                details.insert(0, self.tr("page %1").replace("%1", str(entry.document_id)))
            values = [
                entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                entry.actor,
                self._action_text(entry.action),
                change,
                ", ".join(details),
            ]
            for column, value in enumerate(values):
                self.trail_table.setItem(row, column, QTableWidgetItem(value))
        self.trail_table.resizeColumnsToContents()

    def _action_text(self, action: str) -> str:
        table = {
            "open_case": self.tr("Opened the case"),
            "edit_case": self.tr("Edited the case"),
            "add_document": self.tr("Added a page"),
            "view_document": self.tr("Viewed a page"),
            "evaluate": self.tr("Weighed against the policy"),
            "submit": self.tr("Submitted for review"),
            "approve": self.tr("Approved"),
            "return": self.tr("Returned for documents"),
            "reject": self.tr("Rejected"),
            "close": self.tr("Closed"),
            "write_letter": self.tr("Drafted a letter"),
            "record_response": self.tr("Recorded a response"),
            "dispose": self.tr("Disposed of images"),
        }
        return table.get(action, action)

    def trail_actions(self) -> list[str]:
        """The trail's action codes in order (tests)."""
        return [e.action for e in self.detail.trail] if self.detail else []

    # ------------------------------------------------------------------ decisions

    def _set_buttons(self) -> None:
        d = self.detail
        open_ = d is not None and d.status is CaseStatus.IN_REVIEW and not self._busy
        self.return_button.setEnabled(open_)
        self.reject_button.setEnabled(open_)
        self.approve_button.setEnabled(open_ and d is not None and d.can_approve)
        why = self._approve_block_text()
        self.approve_hint.setText(why)
        self.approve_button.setToolTip(why)
        if d is not None and d.approve_block == "four_eyes":
            self.approve_button.setText(self.tr("Approve (not by the preparer)"))
        else:
            self.approve_button.setText(self.tr("Approve"))

    def _approve_block_text(self) -> str:
        d = self.detail
        if d is None or d.approve_block is None:
            return ""
        if d.approve_block == "four_eyes":
            return self.tr(
                "You prepared this case, so you cannot approve it: another supervisor must "
                "(four-eyes principle)."
            )
        if d.approve_block == "status":
            status = texts.label(texts.CASE_STATUSES, d.status)
            return self.tr("The case is no longer in review (%1).").replace("%1", status)
        return self.tr("Only supervisors can approve cases.")

    def ask_approve(self) -> None:
        """Open the approval dialog (a confirmation when the verdict is not verified)."""
        d = self.detail
        if d is None or not d.can_approve:
            return
        verified = d.verdict is not None and not d.verdict.approve_overrides
        dialog = ApproveDialog(d.case_id, verified, self)
        dialog.accepted.connect(lambda: self._decide(_approve_job, dialog.note()))
        self._open(dialog)

    def ask_return(self) -> None:
        """Open the return dialog: the missing items of the verdict, and free text."""
        d = self.detail
        if d is None:
            return
        reasons = () if d.verdict is None else d.verdict.reasons
        dialog = ReturnDialog(d.case_id, reasons, self._japanese, self)
        dialog.accepted.connect(
            lambda: self._decide(
                _return_job,
                tuple(dialog.items()),
                dialog.text(),
                letter=ResponseKind.REQUEST_DOCUMENTS,
            )
        )
        self._open(dialog)

    def ask_reject(self) -> None:
        """Open the rejection dialog: a ground of the policy and the reason."""
        d = self.detail
        if d is None:
            return
        dialog = RejectDialog(d.case_id, d.refusal_grounds, self._japanese, self)
        dialog.accepted.connect(
            lambda: self._decide(
                _reject_job, dialog.ground() or "", dialog.reason(), letter=ResponseKind.REFUSAL
            )
        )
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _decide(
        self, job: Callable[..., CaseRecord], *args: object, letter: ResponseKind | None = None
    ) -> None:
        self.dialog = None
        self._busy = True
        self.message.clear()
        self._set_buttons()
        worker = Worker(job, self._session, self._case_id, *args)
        worker.signals.result.connect(while_alive(self, lambda case: self._decided(case, letter)))
        worker.signals.error.connect(self._not_decided)
        worker.start(self._pools.write)

    def _decided(self, case: object, letter: ResponseKind | None) -> None:
        self._busy = False
        log.info("case %s decided on the review screen", self._case_id)
        self.case_decided.emit(self._case_id)
        self.reload()
        if letter is not None:
            worker = Worker(_letter_job, self._session, self._case_id, letter)
            worker.signals.result.connect(
                while_alive(self, lambda pdf: self._letter_ready(letter, pdf))
            )
            worker.signals.error.connect(self._letter_failed)
            worker.start(self._pools.write)

    def _not_decided(self, error: object) -> None:
        self._busy = False
        assert isinstance(error, BaseException)
        if not isinstance(error, (InputError, RefusedError)):
            raise error  # a bug: to the crash handler
        self.message.setText(self.tr("Not decided: %1").replace("%1", str(error)))
        self.reload()  # the case may have moved on meanwhile

    def _letter_ready(self, kind: ResponseKind, pdf: object) -> None:
        assert isinstance(pdf, bytes)
        self.last_letter = (kind.value, pdf)
        self.letter_drafted.emit(self._case_id, kind.value)
        self.reload()  # the trail now shows the letter

    def _letter_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, (InputError, RefusedError)):
            raise error
        self.message.setText(
            self.tr("The decision is stored, but the letter was not drafted: %1").replace(
                "%1", str(error)
            )
        )


def _read_only(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)


def _person_text(person: dict[str, str]) -> str:
    return "　".join(person[k] for k in ("name", "birth_date", "address") if person.get(k))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
