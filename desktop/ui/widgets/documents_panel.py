"""The pages of a case: stored ones, and new ones imported, dropped or picked up by the scanner.

Each file is decoded and analysed on the analysis pool; the result is an immutable
``AnalysedPage`` that the mask editor shows. The unmasked pixels stay in memory only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import documents
from desktop.ui import texts
from desktop.ui.workers import Cancelled, Worker

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from PIL.Image import Image as PILImage

    from desktop.imaging.pipeline import PageAnalysis
    from desktop.imaging.types import Page
    from desktop.services.ports import DocumentRecord
    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)

SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".pdf"})
"""Files the panel takes (others dropped into the hot folder are left alone)."""
KEY_ROLE = Qt.ItemDataRole.UserRole


class PageState(StrEnum):
    """Where a page (or a file not yet split into pages) stands."""

    WAITING = "waiting"
    ANALYSING = "analysing"
    READY = "ready"  # analysed, shown to the operator, not stored yet
    STORED = "stored"
    FAILED = "failed"
    CANCELLED = "cancelled"
    DISPOSED = "disposed"


@dataclass(frozen=True, slots=True, eq=False)
class AnalysedPage:
    """One analysed page, unmasked, in memory only: what the mask editor shows.

    Attributes:
        key: the panel's id of the page.
        source: the file name as the user knows it.
        page: the decoded page (the mask is burned into its pixels on save).
        analysis: what the pipeline found.
        pixels: the page as 32-bit BGRA rows for a QImage (built on the worker; never saved).
    """

    key: int
    source: str
    page: Page
    analysis: PageAnalysis
    pixels: bytes = field(repr=False)

    def qimage(self) -> QImage:
        """A QImage over ``pixels`` (no copy: keep this page alive as long as the image)."""
        width, height = self.page.size
        return QImage(self.pixels, width, height, 4 * width, QImage.Format.Format_RGB32)


def analyse_file(
    path: Path,
    first_key: int,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> tuple[AnalysedPage, ...]:
    """Decode ``path`` and analyse each page (runs on the analysis pool).

    Raises:
        InputError: the file cannot be read or decoded.
        Cancelled: the operator cancelled.
    """
    # Imaging is imported here so that opening the window does not load OpenCV.
    from desktop.imaging import decode, pipeline

    pages = decode.load_file(path)
    out: list[AnalysedPage] = []
    for number, page in enumerate(pages):
        if cancelled():
            raise Cancelled
        progress(number, len(pages))
        named = replace(page, source=path.name)
        analysis = pipeline.analyse(named)
        pixels = display_pixels(named)
        out.append(AnalysedPage(first_key + number, path.name, named, analysis, pixels))
    progress(len(pages), len(pages))
    return tuple(out)


STRIP_ROWS = 128
"""Rows converted at a time: each call holds the GIL only briefly, so the GUI stays fluid."""


def display_pixels(page: Page) -> bytes:
    """The page as 32-bit BGRA rows (Qt's ``Format_RGB32``) for the editor."""
    return image_pixels(page.image)


def image_pixels(image: PILImage) -> bytes:
    """A Pillow image as 32-bit BGRA rows (Qt's ``Format_RGB32``), converted strip by strip.

    One ``tobytes`` of a whole A4 page holds the GIL for tens of milliseconds, and Qt's own
    conversion longer still; strips keep every pause of the GUI thread under ~10 ms.
    """
    rgba = image.convert("RGBA")  # Pillow releases the GIL while converting
    width, height = rgba.size
    return b"".join(
        rgba.crop((0, top, width, min(top + STRIP_ROWS, height))).tobytes("raw", "BGRA")
        for top in range(0, height, STRIP_ROWS)
    )


@dataclass(slots=True)
class _Entry:
    """The panel's bookkeeping for one row (mutable: its state moves on)."""

    key: int
    state: PageState
    path: Path | None = None
    page: AnalysedPage | None = None
    record: DocumentRecord | None = None
    message: str = ""
    hot: bool = False  # came from the scanner's hot folder


class DocumentsPanel(QWidget):
    """The list of a case's pages, with import, drop, the hot folder, progress and cancel."""

    page_ready = Signal(object)  # AnalysedPage: analysed, waiting for the operator
    page_chosen = Signal(object)  # AnalysedPage or DocumentRecord the operator selected
    pages_changed = Signal()  # a page arrived, was stored, discarded or failed
    analysis_finished = Signal()  # the queue ran empty

    def __init__(
        self,
        session: Session,
        case_id: str,
        pools: Pools,
        parent: QWidget | None = None,
        *,
        hot_folder: Path | None = None,
        remove_originals: bool = False,
        editable: bool = True,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._pools = pools
        self._remove_originals = remove_originals
        self._entries: dict[int, _Entry] = {}
        self._queue: list[int] = []
        self._worker: Worker | None = None
        self._active: int | None = None
        self._next_key = 1
        self._seen_hot: set[Path] = set()
        self._keep_originals: set[Path] = set()
        self._hot_folder: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self.setAcceptDrops(editable)

        self.list = QListWidget()
        self.list.setObjectName("documentList")
        self.list.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import files…"))
        self.import_button.setEnabled(editable)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        hint = QLabel(self.tr("Drop scans here, or import them."))
        hint.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Documents"))
        title.setStyleSheet("font-weight: bold")
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.import_button.clicked.connect(self._choose_files)
        self.cancel_button.clicked.connect(self.cancel)
        self.list.currentItemChanged.connect(self._current_changed)
        self._watcher.directoryChanged.connect(self._scan_hot_folder)

        self.reload_stored()
        if hot_folder is not None and editable:
            self.set_hot_folder(hot_folder)

    # ------------------------------------------------------------------ public

    def reload_stored(self) -> None:
        """Show the pages stored in the case (a one-page read)."""
        for record in documents.list_documents(self._session, self._case_id):
            if any(
                e.record is not None and e.record.document_id == record.document_id
                for e in self._entries.values()
            ):
                continue
            state = PageState.STORED if record.disposed_at is None else PageState.DISPOSED
            self._add_entry(_Entry(self._take_key(), state, record=record))

    def import_files(self, paths: Iterable[Path | str], *, hot: bool = False) -> list[int]:
        """Queue files for analysis; return the keys of their rows ("waiting")."""
        keys = []
        for raw in paths:
            path = Path(raw)
            entry = _Entry(self._take_key(), PageState.WAITING, path=path, hot=hot)
            self._add_entry(entry)
            self._queue.append(entry.key)
            keys.append(entry.key)
        self._start_next()
        return keys

    def set_hot_folder(self, folder: Path | None) -> None:
        """Watch ``folder`` for new scans (None: stop watching)."""
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        self._hot_folder = folder
        if folder is None:
            return
        # Files already lying there when the case opens are not this case's pages.
        self._seen_hot = set(self._candidates(folder))
        self._watcher.addPath(str(folder))

    def cancel(self) -> None:
        """Stop the running analysis and drop every waiting file."""
        for key in self._queue:
            self._set_state(key, PageState.CANCELLED)
        self._queue.clear()
        if self._worker is not None:
            self._worker.cancel()
            self.status.setText(self.tr("Cancelling after the current page…"))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing drops the unmasked pages held for review."""
        self.drop_unsaved()
        super().closeEvent(event)

    def drop_unsaved(self) -> None:
        """Stop the analysis and forget every unmasked page not stored yet."""
        self.cancel()
        for key in [k for k, e in self._entries.items() if e.page is not None]:
            self.mark_discarded(key)

    def mark_stored(self, key: int, record: DocumentRecord) -> None:
        """The page ``key`` was stored masked: drop its pixels, remove the scanner's original."""
        entry = self._entries.get(key)
        if entry is None:
            return
        entry.page = None
        entry.record = record
        self._set_state(key, PageState.STORED)
        self.status.setText(self.tr("Page stored (masked)."))
        self._remove_original(entry)
        self.pages_changed.emit()

    def replace_record(self, record: DocumentRecord) -> None:
        """A stored page was corrected (type, fields, holder): show the new record."""
        for key, entry in self._entries.items():
            if entry.record is not None and entry.record.document_id == record.document_id:
                entry.record = record
                self._set_state(key, entry.state)
                return

    def mark_discarded(self, key: int) -> None:
        """The operator discarded the unmasked page ``key``: forget it."""
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        if entry.hot and entry.path is not None:
            # A page of it was not stored: the scanner's file stays for the operator.
            self._keep_originals.add(entry.path)
        row = self._row_of(key)
        if row is not None:
            self.list.takeItem(row)
        self.pages_changed.emit()

    def entry_state(self, key: int) -> PageState | None:
        """The state of row ``key`` (None: no such row)."""
        entry = self._entries.get(key)
        return None if entry is None else entry.state

    def pending_count(self) -> int:
        """Pages (or files) not stored yet: waiting, being analysed or to review."""
        pending = {PageState.WAITING, PageState.ANALYSING, PageState.READY}
        return sum(1 for e in self._entries.values() if e.state in pending)

    def stored_records(self) -> list[DocumentRecord]:
        """The stored pages whose images are kept, in list order."""
        return [
            e.record
            for e in self._entries.values()
            if e.record is not None and e.state is PageState.STORED
        ]

    def ready_pages(self) -> list[AnalysedPage]:
        """The analysed pages waiting for the operator."""
        return [e.page for e in self._entries.values() if e.page is not None]

    def is_busy(self) -> bool:
        """Whether a file is being analysed or waits for it."""
        return self._worker is not None or bool(self._queue)

    def key_of_document(self, document_id: int) -> int | None:
        """The row key of stored page ``document_id`` (None: not listed)."""
        for entry in self._entries.values():
            if entry.record is not None and entry.record.document_id == document_id:
                return entry.key
        return None

    def select_key(self, key: int) -> None:
        """Select row ``key`` (it is shown in the editor)."""
        row = self._row_of(key)
        if row is not None:
            self.list.setCurrentRow(row)

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept local files."""
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import the dropped files."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.import_files(paths)
        event.acceptProposedAction()

    # ------------------------------------------------------------------ internals

    def _take_key(self) -> int:
        key = self._next_key
        self._next_key += 1
        return key

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import scans"),
            "",
            self.tr("Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)"),
        )
        if names:
            self.import_files(names)

    @staticmethod
    def _candidates(folder: Path) -> list[Path]:
        try:
            return sorted(
                p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        except OSError:
            return []

    def _scan_hot_folder(self, _path: str = "") -> None:
        if self._hot_folder is None:
            return
        new = [p for p in self._candidates(self._hot_folder) if p not in self._seen_hot]
        self._seen_hot.update(new)
        if new:
            log.info("hot folder: %d new file(s)", len(new))
            self.import_files(new, hot=True)

    def scan_hot_folder_now(self) -> None:
        """Look into the hot folder at once (the watcher may report late)."""
        self._scan_hot_folder()

    def _start_next(self) -> None:
        if self._worker is not None or not self._queue:
            return
        key = self._queue.pop(0)
        entry = self._entries[key]
        assert entry.path is not None
        self._active = key
        self._set_state(key, PageState.ANALYSING)
        worker = Worker(analyse_file, entry.path, self._next_key)
        # Keys of the file's pages are taken now; at most MAX_PAGES of them.
        self._next_key += 100
        worker.signals.progress.connect(self._progressed)
        worker.signals.result.connect(self._analysed)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._worker_finished)
        self._worker = worker
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Analysing %1…").replace("%1", entry.path.name))
        worker.start(self._pools.analysis)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _analysed(self, pages: object) -> None:
        key = self._active
        assert key is not None
        assert isinstance(pages, tuple)
        source = self._entries.pop(key)
        row = self._row_of(key)
        if row is not None:
            self.list.takeItem(row)
        for page in pages:
            assert isinstance(page, AnalysedPage)
            entry = _Entry(page.key, PageState.READY, path=source.path, page=page, hot=source.hot)
            self._add_entry(entry, row)
            row = None if row is None else row + 1
        self.status.setText(self.tr("Pages ready to review: %1").replace("%1", str(len(pages))))
        self.pages_changed.emit()
        for page in pages:
            self.page_ready.emit(page)

    def _failed(self, error: object) -> None:
        key = self._active
        assert key is not None
        if isinstance(error, Cancelled):
            self._set_state(key, PageState.CANCELLED)
            self.status.setText(self.tr("Analysis cancelled."))
        else:
            entry = self._entries[key]
            entry.message = str(error)
            self._set_state(key, PageState.FAILED)
            self.status.setText(self.tr("Could not read the file: %1").replace("%1", str(error)))
        self.pages_changed.emit()

    def _worker_finished(self) -> None:
        self._worker = None
        self._active = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(bool(self._queue))
        if self._queue:
            self._start_next()
        else:
            self.analysis_finished.emit()

    def _add_entry(self, entry: _Entry, row: int | None = None) -> None:
        self._entries[entry.key] = entry
        item = QListWidgetItem(self._item_text(entry))
        item.setToolTip(item.text())
        item.setData(KEY_ROLE, entry.key)
        if row is None:
            self.list.addItem(item)
        else:
            self.list.insertItem(row, item)

    def _set_state(self, key: int, state: PageState) -> None:
        entry = self._entries.get(key)
        if entry is None:
            return
        entry.state = state
        row = self._row_of(key)
        if row is not None:
            item = self.list.item(row)
            item.setText(self._item_text(entry))
            # A failed file's row says why on hover (the status line only keeps the last).
            item.setToolTip(entry.message if entry.message else item.text())

    def _item_text(self, entry: _Entry) -> str:
        state = texts.label(texts.PAGE_STATES, entry.state)
        if entry.record is not None:
            kind = texts.label(texts.DOCUMENT_TYPES, entry.record.document_type)
            holder = texts.label(texts.HOLDERS, entry.record.holder)
            return f"{kind}（{holder}）— {state}"
        if entry.page is not None:
            kind = texts.label(texts.DOCUMENT_TYPES, entry.page.analysis.document_type)
            return f"{entry.page.source} p.{entry.page.page.number}: {kind} — {state}"
        name = entry.path.name if entry.path is not None else "?"
        return f"{name} — {state}"

    def _row_of(self, key: int) -> int | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(KEY_ROLE) == key:
                return row
        return None

    def _current_changed(self, current: QListWidgetItem | None, _previous: Any) -> None:
        if current is None:
            return
        entry = self._entries.get(int(current.data(KEY_ROLE)))
        if entry is None:
            return
        if entry.page is not None:
            self.page_chosen.emit(entry.page)
        elif entry.record is not None and entry.state is PageState.STORED:
            self.page_chosen.emit(entry.record)

    def _remove_original(self, entry: _Entry) -> None:
        """Delete the scanner's file once every page of it is stored, if the setting says so."""
        if not (entry.hot and self._remove_originals and entry.path is not None):
            return
        if entry.path in self._keep_originals:
            return
        siblings: Sequence[_Entry] = [e for e in self._entries.values() if e.path == entry.path]
        if all(e.state is PageState.STORED for e in siblings):
            try:
                entry.path.unlink()
            except OSError as exc:
                self.status.setText(
                    self.tr("Could not remove the scanner's file: %1").replace("%1", str(exc))
                )
            else:
                log.info("hot folder: original removed after storing %d page(s)", len(siblings))
