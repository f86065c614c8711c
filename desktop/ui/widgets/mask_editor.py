"""Page review: the page at full resolution, its masks (add, move, resize, delete), type, fields.

The unmasked page lives only in memory (a QImage in the scene); Save burns the masks in on the
analysis pool and stores the masked page; Discard drops the page.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyleOptionGraphicsItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.case import Holder, Requester
from desktop.core.cases import DocumentCategory, MaskOrigin, RegionRecord
from desktop.core.documents import DocumentType, FieldName, SensitiveKind
from desktop.core.eras import parse_date
from desktop.core.errors import HonninError
from desktop.services import documents, intake
from desktop.ui import texts
from desktop.ui.workers import Worker, while_alive

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from desktop.imaging.types import Page
    from desktop.services.documents import MaskedPage
    from desktop.services.ports import DocumentRecord
    from desktop.services.session import Session
    from desktop.ui.widgets.documents_panel import AnalysedPage
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)

HANDLE_PX = 9.0  # size of a resize handle on screen, whatever the zoom
MIN_MASK_PX = 4.0  # a drag shorter than this (page pixels) adds no mask
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.02, 16.0
DATE_FIELDS = frozenset({FieldName.BIRTH_DATE, FieldName.EXPIRY_DATE, FieldName.ISSUED_ON})
AUTOMATIC_COLOUR = QColor(220, 30, 30)
OPERATOR_COLOUR = QColor(30, 90, 230)


def _burn_job(
    page: Page,
    regions: tuple[RegionRecord, ...],
    document_type: DocumentType,
    fields: Mapping[str, str],
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> MaskedPage:
    """Burn the masks in and encode the page (analysis pool: pixels only, no store)."""
    del cancelled  # one short step: nothing to stop half-way
    progress(0, 1)
    masked = documents.mask_page(page, regions, document_type=document_type, fields=fields)
    progress(1, 1)
    return masked


def _store_job(
    session: Session,
    case_id: str,
    masked: MaskedPage,
    holder: Holder,
    category: DocumentCategory,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> DocumentRecord:
    """Verify and store the masked page (write pool: this thread's own store connection)."""
    del cancelled  # one transaction: stopping half-way would gain nothing
    progress(0, 1)
    record = documents.add_page(session, case_id, masked, holder=holder, category=category)
    progress(1, 1)
    return record


def _correct_job(
    session: Session,
    case_id: str,
    document_id: int,
    document_type: DocumentType,
    fields: Mapping[str, str],
    holder: Holder,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> DocumentRecord:
    """Store corrected type, fields and holder of a stored page (write pool)."""
    del cancelled  # one transaction
    progress(0, 1)
    record = documents.correct_page(
        session, case_id, document_id, document_type=document_type, fields=fields, holder=holder
    )
    progress(1, 1)
    return record


@dataclass(frozen=True, slots=True)
class _Draft:
    """The operator's unsaved work on a page, kept while another page is shown."""

    regions: tuple[RegionRecord, ...]
    document_type: str
    holder: str
    category: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True, eq=False)
class StoredView:
    """A stored (masked) page decoded for display: the record and its BGRA pixels."""

    record: DocumentRecord
    pixels: bytes
    width: int
    height: int

    def qimage(self) -> QImage:
        """A QImage over ``pixels`` (no copy: keep this view alive as long as the image)."""
        return QImage(
            self.pixels, self.width, self.height, 4 * self.width, QImage.Format.Format_RGB32
        )


def decode_stored(
    record: DocumentRecord,
    png: bytes,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> StoredView:
    """Decode a stored page's PNG for display (analysis pool: a big PNG takes ~0.1 s)."""
    del progress, cancelled  # one short step
    import io

    from PIL import Image

    from desktop.ui.widgets.documents_panel import image_pixels

    with Image.open(io.BytesIO(png)) as image:
        image.load()
        return StoredView(record, image_pixels(image), image.width, image.height)


class MaskItem(QGraphicsRectItem):
    """One mask on the page: a labelled rectangle the operator moves and resizes by its corners.

    The scene's coordinates are page pixels; the rectangle is relative to the item's position
    (the origin until the mask is moved, then whole pixels), and ``box()`` maps it to the page.
    """

    def __init__(
        self,
        rect: QRectF,
        kind: str,
        origin: MaskOrigin,
        *,
        editable: bool,
        on_changed: Callable[[], None],
    ) -> None:
        super().__init__(rect.normalized())
        self.kind = kind
        self.origin = origin
        self._on_changed = on_changed
        self._resizing: int | None = None  # index of the corner being dragged
        self._press_rect = QRectF()
        self._press_pos = QPointF()
        colour = AUTOMATIC_COLOUR if origin is MaskOrigin.AUTOMATIC else OPERATOR_COLOUR
        self._colour = colour
        pen = QPen(colour, 2)
        pen.setCosmetic(True)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(70)
        self.setBrush(QBrush(fill))
        self.setZValue(1)
        if editable:
            self.setFlags(
                QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
                | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
            )
            self.setAcceptHoverEvents(True)

    # ------------------------------------------------------------------ geometry

    def box(self) -> tuple[int, int, int, int]:
        """The mask in page pixels, ``(x, y, w, h)``, grown outward to whole pixels."""
        r = self.mapRectToScene(self.rect())
        x0, y0 = math.floor(r.left()), math.floor(r.top())
        x1, y1 = math.ceil(r.right()), math.ceil(r.bottom())
        return x0, y0, x1 - x0, y1 - y0

    def scene_rect(self) -> QRectF:
        """The mask in scene coordinates."""
        return self.mapRectToScene(self.rect())

    def set_kind(self, kind: str) -> None:
        """Change the kind (the label follows)."""
        self.kind = kind
        self._mark_operator()
        self.update()

    def _mark_operator(self) -> None:
        if self.origin is not MaskOrigin.OPERATOR:
            self.origin = MaskOrigin.OPERATOR
            self._colour = OPERATOR_COLOUR
            pen = QPen(OPERATOR_COLOUR, 2)
            pen.setCosmetic(True)
            self.setPen(pen)
            fill = QColor(OPERATOR_COLOUR)
            fill.setAlpha(70)
            self.setBrush(QBrush(fill))

    def _scale(self) -> float:
        scene = self.scene()
        views = scene.views() if scene is not None else []
        return views[0].transform().m11() if views else 1.0

    def _corners(self) -> list[QPointF]:
        r = self.rect()
        return [r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft()]

    def handle_rects(self) -> list[QRectF]:
        """The four corner handles, in item coordinates (constant size on screen)."""
        size = HANDLE_PX / max(self._scale(), 1e-6)
        return [QRectF(c.x() - size / 2, c.y() - size / 2, size, size) for c in self._corners()]

    def _handle_at(self, pos: QPointF) -> int | None:
        if not self.isSelected():
            return None
        for index, handle in enumerate(self.handle_rects()):
            if handle.contains(pos):
                return index
        return None

    def boundingRect(self) -> QRectF:
        """The rectangle plus room for the handles and the label."""
        size = HANDLE_PX / max(self._scale(), 1e-6)
        label = 22.0 / max(self._scale(), 1e-6)
        return self.rect().adjusted(-size, -size - label, size, size)

    def shape(self) -> Any:
        """Hit area: the rectangle and its handles."""
        path = super().shape()
        if self.isSelected():
            for handle in self.handle_rects():
                path.addRect(handle)
        return path

    # ------------------------------------------------------------------ painting

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """The rectangle, its kind above it, and handles when selected."""
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRect(self.rect())
        scale = max(self._scale(), 1e-6)
        painter.save()
        top_left = self.rect().topLeft()
        painter.translate(top_left)
        painter.scale(1 / scale, 1 / scale)
        font = QFont()
        font.setPixelSize(13)
        painter.setFont(font)
        text = texts.label(texts.SENSITIVE_KINDS, self.kind)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(text) + 8
        painter.fillRect(QRectF(0, -20, width, 19), self._colour)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(4, -20, width, 19), Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()
        if self.isSelected():
            pen = QPen(QColor("black"), 1)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(QColor("white"))
            for handle in self.handle_rects():
                painter.drawRect(handle)

    # ------------------------------------------------------------------ mouse

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """A diagonal cursor over a handle, a move cursor elsewhere."""
        index = self._handle_at(event.pos())
        if index is None:
            self.setCursor(Qt.CursorShape.SizeAllCursor)
        elif index in (0, 2):
            self.setCursor(Qt.CursorShape.SizeFDiagCursor)
        else:
            self.setCursor(Qt.CursorShape.SizeBDiagCursor)
        super().hoverMoveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """A press on a handle starts a resize; elsewhere, Qt's move."""
        self._resizing = self._handle_at(event.pos())
        if self._resizing is not None:
            self._press_rect = QRectF(self.rect())
            self._press_pos = event.pos()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Drag the corner being resized (the opposite corner stays)."""
        if self._resizing is None:
            super().mouseMoveEvent(event)
            return
        r = QRectF(self._press_rect)
        delta = event.pos() - self._press_pos
        corner = self._resizing
        if corner in (0, 3):
            r.setLeft(r.left() + delta.x())
        else:
            r.setRight(r.right() + delta.x())
        if corner in (0, 1):
            r.setTop(r.top() + delta.y())
        else:
            r.setBottom(r.bottom() + delta.y())
        self.resize_to(r)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """End a resize or a move."""
        self._resizing = None
        super().mouseReleaseEvent(event)

    def resize_to(self, rect: QRectF) -> None:
        """Set the rectangle (item coordinates), at least one pixel each way."""
        r = rect.normalized()
        # Whole page pixels: what is shown is exactly what will be burned in.
        r = QRectF(round(r.x()), round(r.y()), round(r.width()), round(r.height()))
        if r.width() < 1:
            r.setWidth(1)
        if r.height() < 1:
            r.setHeight(1)
        self.prepareGeometryChange()
        self.setRect(r)
        self._mark_operator()
        self._on_changed()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        """Moves snap to whole page pixels; a moved mask counts as the operator's."""
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            return QPointF(round(value.x()), round(value.y()))
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._mark_operator()
            self._on_changed()
        return super().itemChange(change, value)


class PageView(QGraphicsView):
    """The page: wheel zooms, the middle button (or Space + drag) pans, a drag adds a mask."""

    def __init__(self, editor: MaskEditorWidget) -> None:
        super().__init__()
        self._editor = editor
        self._drawing: QGraphicsRectItem | None = None
        self._start = QPointF()
        self._panning = False
        self._pan_from = QPointF()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setBackgroundBrush(QColor(90, 90, 90))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def zoom(self) -> float:
        """Screen pixels per page pixel."""
        return float(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        """Zoom by ``factor`` within the limits."""
        target = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM)
        factor = target / self.zoom()
        self.scale(factor, factor)

    def fit(self) -> None:
        """Show the whole page."""
        rect = self.sceneRect()
        if not rect.isEmpty():
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Wheel or Ctrl+wheel: zoom around the pointer."""
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Middle button: pan. Left button on the page (not on a mask): draw a new mask."""
        if event.button() == Qt.MouseButton.MiddleButton:
            self._panning = True
            self._pan_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        item = self.itemAt(event.position().toPoint())
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._editor.is_editable()
            and not isinstance(item, MaskItem)
        ):
            self.scene().clearSelection()
            self._start = self.mapToScene(event.position().toPoint())
            self._drawing = QGraphicsRectItem(QRectF(self._start, self._start))
            pen = QPen(OPERATOR_COLOUR, 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._drawing.setPen(pen)
            self._drawing.setZValue(2)
            self.scene().addItem(self._drawing)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Pan, or stretch the mask being drawn."""
        if self._panning:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        if self._drawing is not None:
            here = self.mapToScene(event.position().toPoint())
            self._drawing.setRect(QRectF(self._start, here).normalized())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """End a pan, or add the drawn mask."""
        if self._panning and event.button() == Qt.MouseButton.MiddleButton:
            self._panning = False
            self.unsetCursor()
            event.accept()
            return
        if self._drawing is not None:
            here = self.mapToScene(event.position().toPoint())
            rect = QRectF(self._start, here).normalized()
            self.scene().removeItem(self._drawing)
            self._drawing = None
            if rect.width() >= MIN_MASK_PX and rect.height() >= MIN_MASK_PX:
                self._editor.add_mask_rect(rect)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete / Backspace removes the selected masks."""
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._editor.delete_selected()
            event.accept()
            return
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        step = steps.get(Qt.Key(event.key()))
        if step is not None and self._editor.nudge_selected(
            *step, big=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        ):
            event.accept()
            return
        super().keyPressEvent(event)


class MaskEditorWidget(QWidget):
    """Review one page: masks, document type, holder and fields; save it masked or discard it."""

    page_saved = Signal(int, object)  # panel key, DocumentRecord
    page_discarded = Signal(int)  # panel key
    page_viewed = Signal(int)  # document id of a stored page shown
    page_corrected = Signal(object)  # DocumentRecord: a stored page's type / fields corrected
    save_failed = Signal(str)
    masks_changed = Signal()

    def __init__(
        self, session: Session, case_id: str, pools: Pools, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._pools = pools
        self._page: AnalysedPage | None = None
        self._record: DocumentRecord | None = None
        self._pixmap_item: QGraphicsPixmapItem | None = None
        self._saving: Worker | None = None
        # The save under way: page key, holder and category as chosen when Save was clicked.
        self._save_target: tuple[int, Holder, DocumentCategory] | None = None
        self._drafts: dict[int, _Draft] = {}
        self._stored_view: StoredView | None = None
        self._stored_editable = False  # the case of the stored page shown is in intake
        case = intake.get_case(session, case_id)
        self._requester = str(case.intake.get("requester", Requester.PRINCIPAL))

        self.scene = QGraphicsScene(self)
        self.view = PageView(self)
        self.view.setScene(self.scene)
        self.scene.selectionChanged.connect(self._selection_changed)

        # Toolbar: masks and zoom.
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add mask"))
        self.add_button.setToolTip(
            self.tr("Add a mask in the middle of the view (or drag on the page)")
        )
        self.kind_combo = QComboBox()
        for kind in SensitiveKind:
            self.kind_combo.addItem(texts.label(texts.SENSITIVE_KINDS, kind), str(kind))
        self.kind_combo.setToolTip(self.tr("Kind of the selected or the next mask"))
        self.delete_button = QToolButton()
        self.delete_button.setText(self.tr("Delete mask"))
        self.delete_button.setToolTip(self.tr("Delete the selected masks (Del)"))
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole page"))
        self.actual_button = QToolButton()
        self.actual_button.setText("100%")
        self.actual_button.setToolTip(self.tr("Full resolution"))
        tools = QHBoxLayout()
        tools.addWidget(self.add_button)
        tools.addWidget(self.kind_combo)
        tools.addWidget(self.delete_button)
        tools.addStretch(1)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.actual_button,
        ):
            tools.addWidget(button)

        # Side: what the page is.
        self.title = QLabel(self.tr("No page selected"))
        self.title.setStyleSheet("font-weight: bold")
        self.title.setWordWrap(True)
        self.type_combo = QComboBox()
        for doc_type in DocumentType:
            self.type_combo.addItem(texts.label(texts.DOCUMENT_TYPES, doc_type), str(doc_type))
        self.confidence = QLabel()
        self.holder_combo = QComboBox()
        for holder in Holder:
            self.holder_combo.addItem(texts.label(texts.HOLDERS, holder), str(holder))
        self.holder_combo.setEnabled(self._requester != Requester.PRINCIPAL)
        self.category_combo = QComboBox()
        for category in DocumentCategory:
            self.category_combo.addItem(texts.label(texts.CATEGORIES, category), str(category))
        self.field_edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(self.tr("Document type"), self.type_combo)
        form.addRow(self.tr("OCR confidence"), self.confidence)
        form.addRow(self.tr("Whose document"), self.holder_combo)
        form.addRow(self.tr("The page is"), self.category_combo)
        for name in FieldName:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            self.field_edits[str(name)] = edit
            form.addRow(texts.label(texts.FIELDS, name), edit)
        self.mask_count = QLabel()
        self.save_button = QPushButton(self.tr("Save masked page"))
        self.save_button.setDefault(True)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Drop this page without storing anything"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.title)
        side_layout.addLayout(form)
        side_layout.addWidget(self.mask_count)
        side_layout.addStretch(1)
        side_layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        side_layout.addLayout(buttons)
        side.setMinimumWidth(260)

        page_area = QWidget()
        page_layout = QVBoxLayout(page_area)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addLayout(tools)
        self.hint = QLabel(
            self.tr(
                "Drag on the page to add a mask. Drag a mask to move it, its corners to resize it, "
                "arrow keys nudge it; Del deletes it. Wheel: zoom; middle button: move the page."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555")
        page_layout.addWidget(self.hint)
        page_layout.addWidget(self.view, 1)
        splitter = QSplitter()
        splitter.addWidget(page_area)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.add_button.clicked.connect(self._add_in_view)
        self.delete_button.clicked.connect(self.delete_selected)
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.view.fit)
        self.actual_button.clicked.connect(self._actual_size)
        self.kind_combo.activated.connect(self._kind_chosen)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self._update_controls()

    # ------------------------------------------------------------------ showing a page

    def load_page(self, page: AnalysedPage) -> None:
        """Show an analysed (unmasked) page with its automatic masks, ready to edit.

        Work done on it earlier (masks, type, fields) is restored.
        """
        self._keep_draft()
        self._clear_scene()
        self._page = page
        self._record = None
        self._set_image(page.qimage())
        for region in documents.regions_of(page.analysis):
            self._add_item(QRectF(*region.box), region.kind, MaskOrigin.AUTOMATIC)
        analysis = page.analysis
        self.title.setText(
            self.tr("%1, page %2").replace("%1", page.source).replace("%2", str(page.page.number))
        )
        self._select_data(self.type_combo, str(analysis.document_type))
        self.confidence.setText(f"{round(analysis.confidence * 100)}%")
        self._select_data(self.holder_combo, str(Holder.PRINCIPAL))
        self._select_data(self.category_combo, str(DocumentCategory.IDENTITY))
        for name, edit in self.field_edits.items():
            edit.setText(str(analysis.fields.get(FieldName(name), "")))
        draft = self._drafts.get(page.key)
        if draft is not None:
            self._restore(draft)
        self.message.clear()
        self._update_controls()
        self.view.fit()
        self.masks_changed.emit()

    def show_stored(self, view: StoredView) -> None:
        """Show a stored (masked) page, read-only, with the outlines of its masks."""
        record = view.record
        self._keep_draft()
        self._clear_scene()
        self._page = None
        self._record = record
        self._stored_view = view  # the scene's pixmap may share its pixels
        # Read once per page shown (not on every control update); the service checks again.
        try:
            status = intake.get_case(self._session, self._case_id).status
        except HonninError:  # the store closed meanwhile (a lock): show it read-only
            status = None
        self._stored_editable = status in intake.EDITABLE
        self._set_image(view.qimage())
        for region in record.regions:
            self._add_item(QRectF(*region.box), region.kind, region.origin)
        self.title.setText(
            self.tr("Stored page %1 (masked)").replace("%1", str(record.document_id))
        )
        self._select_data(self.type_combo, str(record.document_type))
        self.confidence.setText("—")
        self._select_data(self.holder_combo, str(record.holder))
        self._select_data(self.category_combo, str(record.category))
        for name, edit in self.field_edits.items():
            edit.setText(str(record.fields.get(name, "")))
        self.message.clear()
        self._update_controls()
        self.view.fit()
        self.page_viewed.emit(record.document_id)

    def clear(self) -> None:
        """Show nothing; the page in memory is dropped (unsaved work on it is kept)."""
        self._keep_draft()
        self._clear_scene()
        self._page = None
        self._record = None
        self.title.setText(self.tr("No page selected"))
        self.confidence.clear()
        for edit in self.field_edits.values():
            edit.clear()
        self._update_controls()

    def current_key(self) -> int | None:
        """The panel key of the unmasked page shown, or None."""
        return None if self._page is None else self._page.key

    def shown_document(self) -> int | None:
        """The document id of the stored page shown, or None."""
        return None if self._record is None else self._record.document_id

    def is_editable(self) -> bool:
        """Whether an unmasked page is shown (stored pages are read-only)."""
        return self._page is not None and self._saving is None

    # ------------------------------------------------------------------ masks

    def mask_items(self) -> list[MaskItem]:
        """The masks on the page, top-left first."""
        items = [i for i in self.scene.items() if isinstance(i, MaskItem)]
        return sorted(items, key=lambda i: (i.box()[1], i.box()[0]))

    def masks(self) -> tuple[RegionRecord, ...]:
        """The masks as region records in page pixels (clipped to the page)."""
        width, height = self._image_size()
        out = []
        for item in self.mask_items():
            x, y, w, h = item.box()
            x0, y0 = max(x, 0), max(y, 0)
            x1, y1 = min(x + w, width), min(y + h, height)
            if x1 > x0 and y1 > y0:
                out.append(RegionRecord(item.kind, (x0, y0, x1 - x0, y1 - y0), item.origin))
        return tuple(out)

    def add_mask(self, box: tuple[int, int, int, int], kind: str | None = None) -> MaskItem:
        """Add an operator's mask at ``box`` (page pixels) and select it."""
        chosen = kind if kind is not None else str(self.kind_combo.currentData())
        item = self._add_item(QRectF(*box), chosen, MaskOrigin.OPERATOR)
        self.scene.clearSelection()
        item.setSelected(True)
        self.masks_changed.emit()
        return item

    def add_mask_rect(self, rect: QRectF) -> MaskItem:
        """Add an operator's mask covering ``rect`` (scene coordinates)."""
        r = rect.normalized()
        return self.add_mask(
            (int(r.x()), int(r.y()), max(1, round(r.width())), max(1, round(r.height())))
        )

    def delete_selected(self) -> int:
        """Delete the selected masks; return how many."""
        if not self.is_editable():
            return 0
        chosen = [i for i in self.scene.selectedItems() if isinstance(i, MaskItem)]
        for item in chosen:
            self.scene.removeItem(item)
        if chosen:
            self._masks_edited()
        return len(chosen)

    def nudge_selected(self, dx: int, dy: int, *, big: bool = False) -> bool:
        """Move the selected masks by one page pixel (ten with ``big``); False if none."""
        chosen = [i for i in self.scene.selectedItems() if isinstance(i, MaskItem)]
        if not chosen or not self.is_editable():
            return False
        factor = 10 if big else 1
        for item in chosen:
            item.moveBy(dx * factor, dy * factor)
        return True

    # ------------------------------------------------------------------ save / discard

    def save(self) -> None:
        """Burn the masks in (analysis pool) and store the masked page.

        On a stored page of a case still in intake, store the corrected document type,
        fields and holder instead (its masks are burned in and stay as they are).
        """
        if self._record is not None:
            self._save_corrections()
            return
        page = self._page
        if page is None or self._saving is not None:
            return
        doc_type = DocumentType(str(self.type_combo.currentData()))
        fields = self._checked_fields()
        if fields is None:
            return
        # Snapshots: the controls stay disabled until the save ends.
        self._save_target = (
            page.key,
            Holder(str(self.holder_combo.currentData())),
            DocumentCategory(str(self.category_combo.currentData())),
        )
        worker = Worker(_burn_job, page.page, self.masks(), doc_type, fields)
        worker.signals.result.connect(self._burned)
        self._watch_save(worker)
        self.message.setStyleSheet("color: palette(text)")
        self.message.setText(self.tr("Masking and saving…"))
        self._update_controls()
        worker.start(self._pools.analysis)

    def is_correctable(self) -> bool:
        """Whether a stored page is shown whose type, fields and holder may be corrected."""
        return (
            self._record is not None
            and self._record.disposed_at is None
            and self._saving is None
            and self._stored_editable
        )

    def _save_corrections(self) -> None:
        record = self._record
        if record is None or not self.is_correctable():
            return
        fields = self._checked_fields()
        if fields is None:
            return
        worker = Worker(
            _correct_job,
            self._session,
            self._case_id,
            record.document_id,
            DocumentType(str(self.type_combo.currentData())),
            fields,
            Holder(str(self.holder_combo.currentData())),
        )
        worker.signals.result.connect(self._corrected)
        self._watch_save(worker)
        self.message.setStyleSheet("color: palette(text)")
        self.message.setText(self.tr("Saving the corrections…"))
        self._update_controls()
        worker.start(self._pools.write)

    def _corrected(self, record: object) -> None:
        doc: DocumentRecord = record  # type: ignore[assignment]
        shown = self._record
        if shown is None or shown.document_id != doc.document_id:
            return  # the operator moved on: the correction is stored all the same
        self._record = doc
        self.message.setStyleSheet("color: #1b7f3b")
        self.message.setText(self.tr("Corrections saved."))
        self.page_corrected.emit(doc)

    def _watch_save(self, worker: Worker) -> None:
        """Make ``worker`` the save under way; its error or end is reported here."""
        self._saving = worker
        worker.signals.error.connect(self._save_error)
        worker.signals.finished.connect(while_alive(self, lambda: self._save_finished(worker)))

    def _checked_fields(self) -> dict[str, str] | None:
        """The fields as typed, dates in ISO form (era dates accepted); None after a bad date."""
        fields: dict[str, str] = {}
        for name, edit in self.field_edits.items():
            text = edit.text().strip()
            if not text:
                continue
            if name in DATE_FIELDS:
                try:
                    text = parse_date(text).isoformat()
                except ValueError:
                    label = texts.label(texts.FIELDS, name)
                    self.message.setStyleSheet("color: #b00020")
                    self.message.setText(
                        self.tr("%1 is not a date (e.g. 2029-07-18 or 令和11年7月18日).").replace(
                            "%1", label
                        )
                    )
                    edit.setFocus()
                    return None
                edit.setText(text)
            fields[name] = text
        return fields

    def discard(self) -> None:
        """Drop the unmasked page from memory without storing anything."""
        page = self._page
        if page is None or self._saving is not None:
            return
        self.clear()
        self._drafts.pop(page.key, None)
        self.page_discarded.emit(page.key)

    def discard_all(self) -> None:
        """Drop the page shown and every unsaved draft (the screen is closing).

        A save whose masks are still being burned stores nothing; one already in the
        store finishes there, and its result is ignored.
        """
        self._save_target = None
        self.clear()
        self._drafts.clear()

    def is_saving(self) -> bool:
        """Whether a save is under way."""
        return self._saving is not None

    # ------------------------------------------------------------------ internals

    def _burned(self, masked: object) -> None:
        """The masks are burned in: store the page on the write pool."""
        if self._save_target is None:
            return  # the editor was cleared meanwhile (the screen closed)
        _key, holder, category = self._save_target
        worker = Worker(_store_job, self._session, self._case_id, masked, holder, category)
        worker.signals.result.connect(self._stored)
        self._watch_save(worker)
        worker.start(self._pools.write)

    def _stored(self, record: object) -> None:
        doc: DocumentRecord = record  # type: ignore[assignment]
        if self._save_target is None:
            return
        key = self._save_target[0]
        log.info("case %s: page stored as document %d", self._case_id, doc.document_id)
        self._saving = None  # done: the screen may show the stored page at once
        self._save_target = None
        self.clear()
        self._drafts.pop(key, None)
        self.message.clear()
        self.page_saved.emit(key, doc)

    def _keep_draft(self) -> None:
        page = self._page
        if page is None or self._saving is not None:
            return
        self._drafts[page.key] = _Draft(
            regions=self.masks(),
            document_type=str(self.type_combo.currentData()),
            holder=str(self.holder_combo.currentData()),
            category=str(self.category_combo.currentData()),
            fields=tuple((k, e.text()) for k, e in self.field_edits.items()),
        )

    def _restore(self, draft: _Draft) -> None:
        for item in self.mask_items():
            self.scene.removeItem(item)
        for region in draft.regions:
            self._add_item(QRectF(*region.box), region.kind, region.origin)
        self._select_data(self.type_combo, draft.document_type)
        self._select_data(self.holder_combo, draft.holder)
        self._select_data(self.category_combo, draft.category)
        for name, text in draft.fields:
            self.field_edits[name].setText(text)

    def _save_error(self, error: object) -> None:
        self.message.setStyleSheet("color: #b00020")
        text = self.tr("The page was not stored: %1").replace("%1", str(error))
        self.message.setText(text)
        self.save_failed.emit(str(error))

    def _save_finished(self, worker: Worker) -> None:
        if self._saving is not worker:
            return  # the burn handed over to the store job, or the save already ended
        self._saving = None
        self._save_target = None
        self._update_controls()

    def _set_image(self, image: QImage) -> None:
        self._pixmap_item = self.scene.addPixmap(QPixmap.fromImage(image))
        self._pixmap_item.setZValue(0)
        self.scene.setSceneRect(QRectF(0, 0, image.width(), image.height()))

    def _image_size(self) -> tuple[int, int]:
        if self._pixmap_item is None:
            return 0, 0
        pixmap = self._pixmap_item.pixmap()
        return pixmap.width(), pixmap.height()

    def _clear_scene(self) -> None:
        self.scene.clear()  # the pixmap of the unmasked page goes with it
        self._pixmap_item = None
        self._stored_view = None

    def _add_item(self, rect: QRectF, kind: str, origin: MaskOrigin) -> MaskItem:
        item = MaskItem(
            rect, kind, origin, editable=self._page is not None, on_changed=self._masks_edited
        )
        self.scene.addItem(item)
        self._update_count()
        return item

    def _masks_edited(self) -> None:
        self._update_count()
        self.masks_changed.emit()

    def _update_count(self) -> None:
        count = sum(1 for i in self.scene.items() if isinstance(i, MaskItem))
        self.mask_count.setText(self.tr("Masks on this page: %1").replace("%1", str(count)))

    def _add_in_view(self) -> None:
        if not self.is_editable():
            return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        width, height = self._image_size()
        w, h = max(40, width // 8), max(20, height // 30)
        x = min(max(int(centre.x()) - w // 2, 0), max(width - w, 0))
        y = min(max(int(centre.y()) - h // 2, 0), max(height - h, 0))
        self.add_mask((x, y, w, h))

    def _actual_size(self) -> None:
        self.view.zoom_by(1.0 / self.view.zoom())

    def _kind_chosen(self, _index: int) -> None:
        kind = str(self.kind_combo.currentData())
        for item in self.scene.selectedItems():
            if isinstance(item, MaskItem) and self.is_editable():
                item.set_kind(kind)
        self.masks_changed.emit()

    def _selection_changed(self) -> None:
        chosen = [i for i in self.scene.selectedItems() if isinstance(i, MaskItem)]
        if len(chosen) == 1:
            self._select_data(self.kind_combo, chosen[0].kind)
        self.delete_button.setEnabled(self.is_editable() and bool(chosen))

    @staticmethod
    def _select_data(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _update_controls(self) -> None:
        editable = self.is_editable()
        # A stored page's masks are burned in; what was read off it can still be corrected.
        correctable = self._record is not None and self.is_correctable()
        for widget in (self.add_button, self.kind_combo, self.discard_button):
            widget.setEnabled(editable)
        self.save_button.setEnabled(editable or correctable)
        self.save_button.setText(
            self.tr("Save corrections") if self._record is not None else self.tr("Save masked page")
        )
        self.delete_button.setEnabled(editable and bool(self.scene.selectedItems()))
        self.type_combo.setEnabled(editable or correctable)
        self.category_combo.setEnabled(editable)
        self.holder_combo.setEnabled(
            (editable or correctable) and self._requester != Requester.PRINCIPAL
        )
        for edit in self.field_edits.values():
            edit.setReadOnly(not (editable or correctable))
        self._update_count()
