"""The case screen speaks Japanese: every string of its files is translated, and it shows."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTranslator

from desktop.services import intake
from desktop.ui import texts
from desktop.ui.i18n_case_ja import TRANSLATIONS
from desktop.ui.widgets.case_widget import CaseWidget
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

ROOT = Path(__file__).resolve().parents[2]
CASE_FILES = [
    "desktop/ui/texts.py",
    "desktop/ui/widgets/case_widget.py",
    "desktop/ui/widgets/checklist_panel.py",
    "desktop/ui/widgets/documents_panel.py",
    "desktop/ui/widgets/mask_editor.py",
    "desktop/ui/dialogs/intake_dialog.py",
]


def _tool(name: str) -> Path:
    tool = Path(sys.executable).with_name(name)
    if tool.exists():
        return tool
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return Path(found)


def test_every_string_of_the_case_screen_has_japanese(tmp_path: Path) -> None:
    ts = tmp_path / "case.ts"
    subprocess.run(
        [str(_tool("pyside6-lupdate")), "-silent", "-extensions", "py", "-locations", "none"]
        + [str(ROOT / f) for f in CASE_FILES]
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
    """The case screen's table compiled to a .qm and installed (removed afterwards)."""
    by_context: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (context, source), text in TRANSLATIONS.items():
        by_context[context].append((source, text))
    root = ET.Element("TS", version="2.1", language="ja_JP")
    for context, items in by_context.items():
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source, text in items:
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = text
    ts, qm = tmp_path / "case_ja.ts", tmp_path / "case_ja.qm"
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(_tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.mark.usefixtures("japanese")
def test_case_screen_in_japanese(qtbot: QtBot, operator: Session, pools: Pools) -> None:
    assert texts.ui_language() == "ja"
    case = intake.open_case(operator, REQUEST, "test")
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    assert widget.editor.save_button.text() == "マスクして保存"
    assert widget.checklist.submit_button.text() == "審査に回付"
    assert "受付中" in widget.summary.text()
    _, missing, _ = widget.checklist.sentences()
    assert missing
    assert missing[0].startswith("ご本人の本人確認書類が足りません")
    assert texts.label(texts.SENSITIVE_KINDS, "permanent_domicile") == "本籍"


def test_without_translation_the_screen_is_english(
    qtbot: QtBot, operator: Session, pools: Pools
) -> None:
    assert texts.ui_language() == "en"
    case = intake.open_case(operator, REQUEST, "test")
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    _, missing, _ = widget.checklist.sentences()
    assert missing[0].startswith("The principal's identity is not proven")
