"""The review queue and screen speak Japanese: every string is translated, and it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from desktop.ui import texts
from desktop.ui.dialogs.decision_dialogs import ReturnDialog
from desktop.ui.i18n_case_ja import TRANSLATIONS as CASE_TRANSLATIONS
from desktop.ui.i18n_review_ja import TRANSLATIONS
from desktop.ui.widgets.review_case import ReviewCaseWidget
from desktop.ui.widgets.review_queue import ReviewQueueView
from tests.services.test_queue import prepare
from tests.ui.i18n_support import assert_table_matches, installed

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

REVIEW_FILES = [
    "desktop/ui/widgets/review_queue.py",
    "desktop/ui/widgets/review_case.py",
    "desktop/ui/dialogs/decision_dialogs.py",
]


def test_every_string_of_the_review_screens_has_japanese(tmp_path: Path) -> None:
    assert_table_matches(REVIEW_FILES, TRANSLATIONS, tmp_path)


@pytest.fixture
def japanese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The review table (and the case screen's label tables) compiled to a .qm and installed."""
    with installed(qapp, {**CASE_TRANSLATIONS, **TRANSLATIONS}, tmp_path):
        yield


@pytest.mark.usefixtures("japanese")
def test_review_screens_in_japanese(
    qtbot: QtBot, operator: Session, supervisor: Session, pools: Pools
) -> None:
    assert texts.ui_language() == "ja"
    own = prepare(supervisor, "2026-11-20", with_licence=False)
    prepare(operator, "2026-11-20")

    view = ReviewQueueView(supervisor, pools)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.queue is not None, timeout=10_000)
    assert "審査待ち：2 件" in view.counts.text()
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "受付番号"
    assert view.model.headerData(7, Qt.Orientation.Horizontal) == "残り営業日"
    assert view.refresh_button.text() == "最新の情報に更新"

    widget = ReviewCaseWidget(supervisor, own, pools)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.detail_loaded, timeout=10_000):
        widget.show()
    assert widget.approve_button.text() == "承認（作成者以外）"
    assert "ダブルチェック" in widget.approve_button.toolTip()
    assert "審査待ち" in widget.title.text()
    (reason,) = widget.reason_lines()
    assert reason.startswith("ご本人の本人確認書類が足りません")
    widget.ask_return()
    dialog = widget.dialog
    assert isinstance(dialog, ReturnDialog)
    assert dialog.ok_button.text() == "差し戻して依頼書を作成"
    assert dialog.item_boxes[0][0].text() == reason
    dialog.reject()
    qtbot.waitUntil(lambda: not pools.write.activeThreadCount(), timeout=10_000)
