"""The letters panel on a real store: write on a pool, save the PDF, record its delivery."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from desktop.core.errors import InputError
from desktop.services import audit, intake, letters, review
from desktop.services.letters import DeliveryChannel
from desktop.services.review import ResponseKind
from desktop.ui.widgets.letters_panel import LettersPanel
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk

MISSING_JA = "ご本人の本人確認書類が足りません。"
"""The start of the Japanese sentence of photo_id_or_two_documents (appi-default policy)."""


@pytest.fixture(autouse=True)
def _needs_a_japanese_font(desk: UiDesk) -> None:
    try:
        letters.find_font(desk.admin)
    except InputError:
        pytest.skip("no Japanese TrueType font installed")


def poppler(tool: str, path: Path) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip("poppler-utils not installed")
    args = [found, "-enc", "UTF-8", str(path), "-"] if tool == "pdftotext" else [found, str(path)]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def returned_case(operator: Session, supervisor: Session) -> str:
    """A case submitted without documents and returned: the policy names what is missing."""
    case_id = intake.open_case(operator, REQUEST, "intake").case_id
    case = review.submit(operator, case_id)
    assert case.verdict is not None
    assert case.verdict.reasons
    review.return_case(supervisor, case_id, None, items=[case.verdict.reasons[0].code])
    return case_id


def cell(panel: LettersPanel, row: int, column: int) -> str:
    item = panel.table.item(row, column)
    assert item is not None
    return item.text()


def make_panel(qtbot: QtBot, session: Session, case_id: str, pools: Pools) -> LettersPanel:
    panel = LettersPanel(session, case_id, pools)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=10_000)
    return panel


def test_write_save_and_deliver_a_request_for_documents(
    qtbot: QtBot,
    desk: UiDesk,
    operator: Session,
    supervisor: Session,
    pools: Pools,
    tmp_path: Path,
) -> None:
    case_id = returned_case(operator, supervisor)
    panel = make_panel(qtbot, operator, case_id, pools)
    kinds = [panel.kind.itemData(i) for i in range(panel.kind.count())]
    assert kinds == ["request_documents"]  # the only letter a returned case may get
    assert panel.table.rowCount() == 0
    assert not panel.save_button.isEnabled()
    assert not panel.delivery_button.isEnabled()

    with qtbot.waitSignal(panel.letter_written, timeout=20_000) as written:
        panel.write_button.click()
    assert written.args is not None
    assert written.args[0] == case_id
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and not panel.is_busy(), timeout=10_000)
    letter = panel.selected_letter()
    assert letter is not None
    assert letter.letter_id == written.args[1]
    assert cell(panel, 0, 2) == "sagyou"

    dest = tmp_path / "out" / "letter.pdf"
    dest.parent.mkdir()
    panel.save_pdf(dest)
    qtbot.waitUntil(lambda: dest.exists() and not panel.is_busy(), timeout=10_000)
    text = poppler("pdftotext", dest).replace("\n", "")
    assert MISSING_JA in text
    assert f"受付番号：{case_id}" in text
    assert "令和8年11月23日（2026年11月23日）" in text
    fonts = poppler("pdffonts", dest)
    assert "CID TrueType" in fonts
    assert " yes yes yes " in fonts

    with qtbot.waitSignal(panel.delivery_recorded, timeout=10_000):
        panel.record_delivery(DeliveryChannel.POST, desk.clock.current.date())
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=10_000)
    stored = panel.letters()[0]
    assert (stored.delivery_channel, stored.delivered_by) == ("post", "sagyou")
    assert "2026-11-23" in cell(panel, 0, 3)
    assert not panel.delivery_button.isEnabled()  # recorded once
    case = intake.get_case(operator, case_id)
    assert case.response_kind == "request_documents"
    assert audit.verify(desk.admin).intact


def test_a_refused_write_shows_the_reason(
    qtbot: QtBot, operator: Session, supervisor: Session, pools: Pools
) -> None:
    case_id = returned_case(operator, supervisor)
    panel = make_panel(qtbot, operator, case_id, pools)
    panel.write_letter(ResponseKind.COMPLETION)  # not for a returned case
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=10_000)
    assert "cannot write a completion letter" in panel.message.text()
    assert panel.table.rowCount() == 0


def test_the_kind_chooser_follows_the_status(
    qtbot: QtBot, operator: Session, supervisor: Session, pools: Pools
) -> None:
    case_id = intake.open_case(operator, REQUEST, "intake").case_id
    review.submit(operator, case_id)
    review.reject(supervisor, case_id, "identity_unverifiable", reason="氏名が一致しないため")
    panel = make_panel(qtbot, operator, case_id, pools)
    assert [panel.kind.itemData(i) for i in range(panel.kind.count())] == ["refusal"]
    with qtbot.waitSignal(panel.letter_written, timeout=20_000):
        panel.write_button.click()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and not panel.is_busy(), timeout=10_000)
    (stored,) = letters.list_letters(operator, case_id)
    assert stored.kind == "refusal"
