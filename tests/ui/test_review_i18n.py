"""The review queue and screen speak Japanese: every string is translated, and it shows."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTranslator

from desktop.ui import texts
from desktop.ui.dialogs.decision_dialogs import ReturnDialog
from desktop.ui.i18n_case_ja import TRANSLATIONS as CASE_TRANSLATIONS
from desktop.ui.i18n_review_ja import TRANSLATIONS
from desktop.ui.widgets.review_case import ReviewCaseWidget
from desktop.ui.widgets.review_queue import ReviewQueueView
from tests.services.test_queue import prepare

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

ROOT = Path(__file__).resolve().parents[2]
REVIEW_FILES = [
    "desktop/ui/widgets/review_queue.py",
    "desktop/ui/widgets/review_case.py",
    "desktop/ui/dialogs/decision_dialogs.py",
]


def _tool(name: str) -> Path:
    tool = Path(sys.executable).with_name(name)
    if tool.exists():
        return tool
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return Path(found)


def test_every_string_of_the_review_screens_has_japanese(tmp_path: Path) -> None:
    ts = tmp_path / "review.ts"
    subprocess.run(
        [str(_tool("pyside6-lupdate")), "-silent", "-extensions", "py", "-locations", "none"]
        + [str(ROOT / f) for f in REVIEW_FILES]
        + ["-ts", str(ts)],
        check=True,
    )
    found = {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }
    assert found
    assert sorted(found - set(TRANSLATIONS)) == []
    assert sorted(set(TRANSLATIONS) - found) == []  # no stale entries


@pytest.fixture
def japanese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The review table (and the case screen's label tables) compiled to a .qm and installed."""
    by_context: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (context, source), text in {**CASE_TRANSLATIONS, **TRANSLATIONS}.items():
        by_context[context].append((source, text))
    root = ET.Element("TS", version="2.1", language="ja_JP")
    for context, items in by_context.items():
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source, text in items:
            message = ET.SubElement(element, "message")
            if "%n" in source:
                message.set("numerus", "yes")
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation")
            if "%n" in source:
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
    ts, qm = tmp_path / "review_ja.ts", tmp_path / "review_ja.qm"
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(_tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


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
