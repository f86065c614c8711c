"""The documents panel: the scanner's hot folder, drop, an unreadable file, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.services import documents, intake
from desktop.ui.widgets.case_widget import CaseWidget
from desktop.ui.widgets.documents_panel import DocumentsPanel, PageState
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

TIMEOUT_MS = 60_000


def _small_scan(path: Path) -> Path:
    """A small page with a little ink: quick to analyse, nothing to mask."""
    image = Image.new("RGB", (480, 320), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 200, 80), fill=(30, 30, 30))
    image.save(path)
    return path


@pytest.fixture
def case_id(operator: Session) -> str:
    return intake.open_case(operator, REQUEST, "test").case_id


@pytest.mark.parametrize("remove", [True, False])
def test_hot_folder_file_waits_is_analysed_and_removed_only_once_stored(
    qtbot: QtBot,
    operator: Session,
    pools: Pools,
    case_id: str,
    tmp_path: Path,
    remove: bool,
) -> None:
    hot = tmp_path / "hot"
    hot.mkdir()
    _small_scan(hot / "already-there.png")  # lying there before the case opened: not taken
    widget = CaseWidget(operator, case_id, pools, hot_folder=hot, remove_originals=remove)
    qtbot.addWidget(widget)
    panel = widget.documents

    with qtbot.waitSignal(panel.page_ready, timeout=TIMEOUT_MS):
        scan = _small_scan(hot / "scan-0001.png")
        # The watcher reports on its own; looking at once makes the test independent of it.
        panel.scan_hot_folder_now()
        assert panel.pending_count() == 1
    qtbot.waitUntil(lambda: widget.editor.current_key() is not None)
    assert scan.exists()  # never removed before the masked page is stored
    assert len(panel.ready_pages()) == 1

    with qtbot.waitSignal(widget.case_saved, timeout=TIMEOUT_MS):
        widget.editor.save()
    assert len(documents.list_documents(operator, case_id)) == 1
    assert scan.exists() is not remove
    assert (hot / "already-there.png").exists()


def test_watcher_picks_up_a_new_file(
    qtbot: QtBot, operator: Session, pools: Pools, case_id: str, tmp_path: Path
) -> None:
    hot = tmp_path / "hot"
    hot.mkdir()
    panel = DocumentsPanel(operator, case_id, pools, hot_folder=hot)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.page_ready, timeout=TIMEOUT_MS):
        _small_scan(hot / "scan.png")
    assert panel.ready_pages()[0].source == "scan.png"


def test_dropped_files_are_imported(
    qtbot: QtBot, operator: Session, pools: Pools, case_id: str, tmp_path: Path
) -> None:
    panel = DocumentsPanel(operator, case_id, pools)
    qtbot.addWidget(panel)
    scan = _small_scan(tmp_path / "dropped.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(panel.page_ready, timeout=TIMEOUT_MS):
        panel.dropEvent(event)
    assert panel.ready_pages()[0].source == "dropped.png"


def test_unreadable_file_fails_with_a_message(
    qtbot: QtBot, operator: Session, pools: Pools, case_id: str, tmp_path: Path
) -> None:
    panel = DocumentsPanel(operator, case_id, pools)
    qtbot.addWidget(panel)
    bad = tmp_path / "notes.png"
    bad.write_text("not an image", encoding="utf-8")
    with qtbot.waitSignal(panel.analysis_finished, timeout=TIMEOUT_MS):
        (key,) = panel.import_files([bad])
    assert panel.entry_state(key) is PageState.FAILED
    assert "notes.png" in panel.status.text()
    assert panel.pending_count() == 0


def test_cancel_drops_waiting_files(
    qtbot: QtBot, operator: Session, pools: Pools, case_id: str, tmp_path: Path
) -> None:
    panel = DocumentsPanel(operator, case_id, pools)
    qtbot.addWidget(panel)
    first, second = _small_scan(tmp_path / "a.png"), _small_scan(tmp_path / "b.png")
    with qtbot.waitSignal(panel.analysis_finished, timeout=TIMEOUT_MS):
        key_a, key_b = panel.import_files([first, second])
        assert panel.cancel_button.isEnabled()
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.entry_state(key_b) is PageState.CANCELLED
    # The running file stops after its page: cancelled, or finished just before the click.
    assert panel.entry_state(key_a) in (PageState.CANCELLED, None)
    assert not panel.is_busy()


def test_closing_the_case_screen_discards_unsaved_pages(
    qtbot: QtBot, operator: Session, pools: Pools, case_id: str, tmp_path: Path
) -> None:
    widget = CaseWidget(operator, case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.documents.page_ready, timeout=TIMEOUT_MS):
        widget.documents.import_files([_small_scan(tmp_path / "a.png")])
    qtbot.waitUntil(lambda: widget.editor.current_key() is not None)
    widget.close()
    assert widget.editor.current_key() is None
    assert widget.editor.scene.items() == []
    assert widget.documents.ready_pages() == []
    assert documents.list_documents(operator, case_id) == []


def test_a_discarded_page_keeps_the_scanners_file(
    qtbot: QtBot, operator: Session, pools: Pools, case_id: str, tmp_path: Path
) -> None:
    hot = tmp_path / "hot"
    hot.mkdir()
    widget = CaseWidget(operator, case_id, pools, hot_folder=hot, remove_originals=True)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.documents.page_ready, timeout=TIMEOUT_MS):
        scan = _small_scan(hot / "scan.png")
        widget.documents.scan_hot_folder_now()
    qtbot.waitUntil(lambda: widget.editor.current_key() is not None)
    with qtbot.waitSignal(widget.editor.page_discarded):
        qtbot.mouseClick(widget.editor.discard_button, Qt.MouseButton.LeftButton)
    assert scan.exists()
    assert widget.documents.pending_count() == 0
    assert documents.list_documents(operator, case_id) == []
