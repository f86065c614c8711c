"""The case screen speaks Japanese: every string of its files is translated, and it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from desktop.services import intake
from desktop.ui import texts
from desktop.ui.i18n_case_ja import TRANSLATIONS
from desktop.ui.widgets.case_widget import CaseWidget
from tests.ui.conftest import REQUEST
from tests.ui.i18n_support import assert_table_matches, installed

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

CASE_FILES = [
    "desktop/ui/texts.py",
    "desktop/ui/widgets/case_widget.py",
    "desktop/ui/widgets/checklist_panel.py",
    "desktop/ui/widgets/documents_panel.py",
    "desktop/ui/widgets/mask_editor.py",
    "desktop/ui/dialogs/intake_dialog.py",
]


def test_every_string_of_the_case_screen_has_japanese(tmp_path: Path) -> None:
    assert_table_matches(CASE_FILES, TRANSLATIONS, tmp_path)


@pytest.fixture
def japanese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The case screen's table compiled to a .qm and installed (removed afterwards)."""
    with installed(qapp, TRANSLATIONS, tmp_path):
        yield


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
