"""The mask editor: automatic masks shown; add, move, resize and delete masks; zoom; discard."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QPoint, QPointF, Qt

from desktop.core.cases import MaskOrigin
from desktop.core.documents import DocumentType, FieldName, SensitiveKind
from desktop.imaging.pipeline import PageAnalysis, SensitiveRegion
from desktop.imaging.types import Box, Page
from desktop.services import intake
from desktop.ui.widgets.documents_panel import AnalysedPage, display_pixels
from desktop.ui.widgets.mask_editor import MaskEditorWidget, MaskItem
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

AUTO_BOX = (100, 80, 200, 40)


def _page() -> AnalysedPage:
    """An 800×600 page with one automatic mask, built without running the scan pipeline."""
    image = Image.new("RGB", (800, 600), "white")
    ImageDraw.Draw(image).rectangle((100, 80, 300, 120), fill=(40, 40, 40))
    page = Page(image, "card.png", 1)
    analysis = PageAnalysis(
        source="card.png",
        page=1,
        document_type=DocumentType.DRIVERS_LICENSE,
        confidence=0.87,
        fields={FieldName.NAME: "架空 太郎", FieldName.BIRTH_DATE: "1980-04-01"},
        mrz=None,
        sensitive_regions=(SensitiveRegion(SensitiveKind.PERMANENT_DOMICILE, Box(*AUTO_BOX)),),
        seconds=0.0,
        size=(800, 600),
    )
    return AnalysedPage(1, "card.png", page, analysis, display_pixels(page))


@pytest.fixture
def editor(qtbot: QtBot, operator: Session, pools: Pools) -> MaskEditorWidget:
    case = intake.open_case(operator, REQUEST, "test")
    widget = MaskEditorWidget(operator, case.case_id, pools)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.load_page(_page())
    return widget


def _viewport_point(editor: MaskEditorWidget, x: float, y: float) -> QPoint:
    return editor.view.mapFromScene(QPointF(x, y))


def _drag(qtbot: QtBot, editor: MaskEditorWidget, start: QPoint, end: QPoint) -> None:
    viewport = editor.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    qtbot.mouseMove(viewport, middle)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_automatic_masks_and_fields_are_shown(editor: MaskEditorWidget) -> None:
    masks = editor.masks()
    assert [(m.kind, m.box, m.origin) for m in masks] == [
        ("permanent_domicile", AUTO_BOX, MaskOrigin.AUTOMATIC)
    ]
    assert editor.type_combo.currentData() == "drivers_license"
    assert editor.field_edits["name"].text() == "架空 太郎"
    assert editor.confidence.text() == "87%"
    assert editor.is_editable()


def test_add_mask_programmatically_and_by_dragging(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    editor.add_mask((500, 400, 120, 60), SensitiveKind.INSURER_NUMBER)
    assert ("insurer_number", (500, 400, 120, 60), MaskOrigin.OPERATOR) in [
        (m.kind, m.box, m.origin) for m in editor.masks()
    ]

    start, end = _viewport_point(editor, 420, 250), _viewport_point(editor, 560, 330)
    _drag(qtbot, editor, start, end)
    drawn = [m for m in editor.masks() if m.box not in (AUTO_BOX, (500, 400, 120, 60))]
    assert len(drawn) == 1
    x, y, w, h = drawn[0].box
    scale = 1 / editor.view.zoom()  # one screen pixel in page pixels
    assert abs(x - 420) <= 2 * scale + 1
    assert abs(y - 250) <= 2 * scale + 1
    assert abs(w - 140) <= 3 * scale + 2
    assert abs(h - 80) <= 3 * scale + 2
    assert drawn[0].origin is MaskOrigin.OPERATOR


def test_a_tiny_drag_adds_nothing(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    point = _viewport_point(editor, 600, 500)
    _drag(qtbot, editor, point, point)
    assert len(editor.masks()) == 1


def test_move_a_mask_with_the_mouse(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    x, y, w, h = AUTO_BOX
    start = _viewport_point(editor, x + w / 2, y + h / 2)
    end = QPoint(start.x() + 60, start.y() + 40)
    _drag(qtbot, editor, start, end)
    (moved,) = editor.masks()
    scale = 1 / editor.view.zoom()
    assert abs(moved.box[0] - (x + 60 * scale)) <= 2 * scale + 1
    assert abs(moved.box[1] - (y + 40 * scale)) <= 2 * scale + 1
    assert moved.box[2:] == (w, h)
    assert moved.origin is MaskOrigin.OPERATOR  # a moved automatic mask is the operator's


def test_resize_a_mask_by_its_corner_handle(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    (item,) = editor.mask_items()
    item.setSelected(True)
    x, y, w, h = AUTO_BOX
    start = _viewport_point(editor, x + w, y + h)  # the bottom-right handle
    end = QPoint(start.x() + 50, start.y() + 30)
    _drag(qtbot, editor, start, end)
    (resized,) = editor.masks()
    scale = 1 / editor.view.zoom()
    assert resized.box[:2] == (x, y)  # the opposite corner stays
    assert abs(resized.box[2] - (w + 50 * scale)) <= 2 * scale + 1
    assert abs(resized.box[3] - (h + 30 * scale)) <= 2 * scale + 1
    assert resized.origin is MaskOrigin.OPERATOR


def test_resize_programmatically_keeps_at_least_a_pixel(editor: MaskEditorWidget) -> None:
    item = editor.add_mask((10, 10, 50, 50))
    item.resize_to(item.rect().adjusted(0, 0, -80, -80))
    assert item.box()[2] >= 1
    assert item.box()[3] >= 1


def test_delete_with_the_key_and_the_button(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    (item,) = editor.mask_items()
    item.setSelected(True)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert editor.masks() == ()

    added = editor.add_mask((200, 200, 50, 50))
    assert added.isSelected()
    assert editor.delete_button.isEnabled()
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert editor.masks() == ()


def test_kind_of_the_selected_mask_can_be_changed(editor: MaskEditorWidget) -> None:
    (item,) = editor.mask_items()
    item.setSelected(True)
    index = editor.kind_combo.findData("individual_number")
    editor.kind_combo.setCurrentIndex(index)
    editor.kind_combo.activated.emit(index)
    assert isinstance(item, MaskItem)
    assert editor.masks()[0].kind == "individual_number"


def test_zoom_with_the_wheel_and_fit(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    before = editor.view.zoom()
    editor.view.zoom_by(2.0)
    assert editor.view.zoom() == pytest.approx(before * 2.0)
    qtbot.mouseClick(editor.fit_button, Qt.MouseButton.LeftButton)
    assert editor.view.zoom() == pytest.approx(before, rel=0.05)
    qtbot.mouseClick(editor.actual_button, Qt.MouseButton.LeftButton)
    assert editor.view.zoom() == pytest.approx(1.0)


def test_wheel_zooms_in(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    from PySide6.QtCore import QPointF as Pt
    from PySide6.QtGui import QWheelEvent

    before = editor.view.zoom()
    centre = Pt(editor.view.viewport().rect().center())
    event = QWheelEvent(
        centre,
        editor.view.viewport().mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    editor.view.wheelEvent(event)
    assert editor.view.zoom() == pytest.approx(before * 1.25)


def test_discard_drops_the_page(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    with qtbot.waitSignal(editor.page_discarded) as blocker:
        qtbot.mouseClick(editor.discard_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [1]
    assert editor.current_key() is None
    assert editor.scene.items() == []
    assert not editor.is_editable()
    assert not editor.save_button.isEnabled()


def test_work_on_a_page_survives_showing_another(editor: MaskEditorWidget) -> None:
    editor.add_mask((400, 300, 60, 30), SensitiveKind.RESIDENT_RECORD_CODE)
    editor.field_edits["name"].setText("架空 訂正")
    first = editor.masks()
    other = _page()
    other = AnalysedPage(2, "other.png", other.page, other.analysis, other.pixels)
    editor.load_page(other)
    assert len(editor.masks()) == 1
    assert editor.field_edits["name"].text() == "架空 太郎"
    editor.load_page(_page())  # key 1 again
    assert editor.masks() == first
    assert editor.field_edits["name"].text() == "架空 訂正"


def test_middle_button_pans(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    editor.view.zoom_by(4.0)
    bar = editor.view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    viewport = editor.view.viewport()
    start = viewport.rect().center()
    end = QPoint(start.x() - 80, start.y())
    qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=end)
    assert bar.value() == before + 80
    assert len(editor.masks()) == 1  # panning adds no mask


def test_a_bad_date_field_stops_the_save(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    editor.field_edits["expiry_date"].setText("令和11年13月1日")
    editor.save()
    assert not editor.is_saving()
    assert editor.message.text()
    assert editor.is_editable()


def test_era_dates_in_fields_are_stored_in_iso(
    qtbot: QtBot, editor: MaskEditorWidget, operator: Session
) -> None:
    editor.field_edits["expiry_date"].setText("令和11年7月18日")
    with qtbot.waitSignal(editor.page_saved, timeout=60_000) as blocker:
        editor.save()
    record = blocker.args[1]
    assert record.fields["expiry_date"] == "2029-07-18"
    assert record.fields["birth_date"] == "1980-04-01"


def test_arrow_keys_nudge_the_selected_mask(qtbot: QtBot, editor: MaskEditorWidget) -> None:
    (item,) = editor.mask_items()
    item.setSelected(True)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Right)
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    (moved,) = editor.masks()
    assert moved.box == (AUTO_BOX[0] + 1, AUTO_BOX[1] + 10, AUTO_BOX[2], AUTO_BOX[3])
    assert moved.origin is MaskOrigin.OPERATOR
