"""The review screen: a supervisor approves, returns (letter drafted) or rejects; four-eyes."""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from typing import TYPE_CHECKING, Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop.core.cases import CaseStatus, NotPermitted
from desktop.services import audit, intake, queue, review
from desktop.ui.dialogs.decision_dialogs import ApproveDialog, RejectDialog, ReturnDialog
from desktop.ui.widgets.review_case import ReviewCaseWidget
from tests.services.test_queue import add_licence, open_case, prepare
from tests.ui.conftest import OPERATOR, SUPERVISOR

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk

TIMEOUT = 20_000


def _open(qtbot: QtBot, session: Session, case_id: str, pools: Pools) -> ReviewCaseWidget:
    widget = ReviewCaseWidget(session, case_id, pools)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    with qtbot.waitSignals([widget.detail_loaded, widget.pages_loaded], timeout=TIMEOUT):
        widget.show()
    return widget


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)  # a letter to an invented requester (synthetic test data)
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return re.sub(r"\s+", "", done.stdout.decode("utf-8"))


def _fonts_embedded(pdf: bytes) -> bool:
    reader = PdfReader(BytesIO(pdf))
    found = False
    for page in reader.pages:
        fonts: Any = page["/Resources"]["/Font"]  # type: ignore[index]
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
            found = True
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_supervisor_approves_a_case_prepared_by_an_operator(
    qtbot: QtBot, desk: UiDesk, operator: Session, supervisor: Session, pools: Pools
) -> None:
    case_id = open_case(operator, "2026-11-20")
    licence = add_licence(operator, case_id)
    review.submit(operator, case_id)

    widget = _open(qtbot, supervisor, case_id, pools)

    # Everything the supervisor decides on is on screen.
    assert case_id in widget.title.text()
    assert "架空 花子" in widget.intake_label.text()
    assert "2026-11-20" in widget.intake_label.text()
    assert widget.thumbnails.count() == 1
    thumbnail = widget.thumbnails.item(0)
    assert thumbnail.text() == "1. Driver's licence"
    assert not thumbnail.icon().isNull()
    assert widget.shown_page == licence
    assert widget.page_view.pixmap() is not None
    assert not widget.page_view.pixmap().isNull()
    assert widget.pages_table.rowCount() == 1
    added_by = widget.pages_table.item(0, 3)
    assert added_by is not None
    assert added_by.text() == OPERATOR
    (rule,) = widget.rule_lines()
    assert rule.startswith("✔")
    assert "No. 1" in rule  # the licence (page 1) satisfied the principal's identity
    assert widget.reason_lines() == []
    actions = widget.trail_actions()
    assert actions[:3] == ["open_case", "add_document", "submit"]
    assert "view_document" in actions  # opening the screen showed the page: recorded
    cells = (
        widget.trail_table.item(r, c)
        for r in range(widget.trail_table.rowCount())
        for c in range(widget.trail_table.columnCount())
    )
    trail_text = " ".join(item.text() for item in cells if item is not None)
    assert "架空" not in trail_text  # no personal data in the trail

    assert widget.approve_button.isEnabled()
    assert widget.approve_hint.text() == ""
    qtbot.mouseClick(widget.approve_button, Qt.MouseButton.LeftButton)
    dialog = widget.dialog
    assert isinstance(dialog, ApproveDialog)
    assert dialog.ok_button.isEnabled()  # verified: no confirmation needed
    dialog.note_edit.setPlainText("原本と照合済み")
    with qtbot.waitSignal(widget.case_decided, timeout=TIMEOUT) as decided:
        dialog.accept()
    assert decided.args == [case_id]
    case = intake.get_case(supervisor, case_id)
    assert case.status is CaseStatus.APPROVED
    assert case.decided_by == SUPERVISOR
    assert case.decision_note == "原本と照合済み"
    qtbot.waitUntil(
        lambda: widget.detail is not None and widget.detail.status is CaseStatus.APPROVED
    )
    assert not widget.approve_button.isEnabled()
    assert not widget.return_button.isEnabled()
    assert audit.verify(supervisor).intact


def test_the_preparer_cannot_approve_their_own_case(
    qtbot: QtBot, desk: UiDesk, supervisor: Session, pools: Pools
) -> None:
    case_id = prepare(supervisor, "2026-11-20")  # the supervisor prepared and submitted it

    widget = _open(qtbot, supervisor, case_id, pools)

    assert not widget.approve_button.isEnabled()
    assert "four-eyes" in widget.approve_button.toolTip()
    assert "four-eyes" in widget.approve_hint.text()
    assert "preparer" in widget.approve_button.text()
    assert widget.return_button.isEnabled()  # returning needs no second person
    widget.ask_approve()
    assert widget.dialog is None  # nothing opens for a disabled decision
    with pytest.raises(NotPermitted, match="four-eyes"):
        review.approve(supervisor, case_id)
    assert intake.get_case(supervisor, case_id).status is CaseStatus.IN_REVIEW
    # Another reviewer (the administrator) may.
    other = _open(qtbot, desk.admin, case_id, pools)
    assert other.approve_button.isEnabled()


def test_return_with_chosen_items_drafts_a_letter_with_them(
    qtbot: QtBot,
    desk: UiDesk,
    operator: Session,
    supervisor: Session,
    pools: Pools,
    tmp_path: Path,
) -> None:
    # An appointed agent's request with only the principal's licence: the agent's ID and
    # the power of attorney are missing.
    case_id = open_case(
        operator,
        "2026-11-20",
        requester="appointed_agent",
        representative={"name": "代理 次郎", "address": "大阪府架空市4-5-6"},
    )
    add_licence(operator, case_id)
    review.submit(operator, case_id)
    widget = _open(qtbot, supervisor, case_id, pools)
    assert widget.thumbnails.count() == 1
    assert len(widget.reason_lines()) == 2

    qtbot.mouseClick(widget.return_button, Qt.MouseButton.LeftButton)
    dialog = widget.dialog
    assert isinstance(dialog, ReturnDialog)
    # The verdict's missing items are offered, ticked.
    assert [reason.code for _, reason in dialog.item_boxes] == [
        "representative_id_missing",
        "power_of_attorney_missing",
    ]
    assert all(box.isChecked() for box, _ in dialog.item_boxes)
    for box, _ in dialog.item_boxes:
        box.setChecked(False)
    assert not dialog.ok_button.isEnabled()  # nothing asked for yet
    (_, agent_id), (attorney_box, attorney) = dialog.item_boxes
    attorney_box.setChecked(True)
    remark = "委任状には請求者ご本人の実印を押印してください"
    dialog.text_edit.setPlainText(remark)
    assert dialog.ok_button.isEnabled()
    assert dialog.items() == ["power_of_attorney_missing"]

    events: list[tuple[str, ...]] = []
    widget.case_decided.connect(lambda c: events.append(("decided", c)))
    widget.letter_drafted.connect(lambda c, k: events.append(("letter", c, k)))
    with qtbot.waitSignal(widget.letter_drafted, timeout=TIMEOUT):
        dialog.accept()
    assert events == [("decided", case_id), ("letter", case_id, "request_documents")]
    case = intake.get_case(supervisor, case_id)
    assert case.status is CaseStatus.RETURNED
    assert widget.last_letter is not None
    kind, pdf = widget.last_letter
    assert kind == "request_documents"
    text = _pdf_text(pdf, tmp_path)
    assert "委任状" in attorney.text_ja
    assert _squash(attorney.text_ja) in text  # the ticked item, in Japanese
    assert _squash(agent_id.text_ja) not in text  # the unticked one is not asked for
    assert remark in text
    assert case_id in text
    assert _fonts_embedded(pdf)
    trail = queue.audit_trail(supervisor, case_id)
    assert [e.action for e in trail][-2:] == ["return", "write_letter"]
    assert audit.verify(supervisor).intact


def test_reject_with_a_ground_and_reason_drafts_the_refusal(
    qtbot: QtBot, desk: UiDesk, operator: Session, supervisor: Session, pools: Pools, tmp_path: Path
) -> None:
    case_id = prepare(operator, "2026-11-20", with_licence=False)
    widget = _open(qtbot, supervisor, case_id, pools)

    qtbot.mouseClick(widget.reject_button, Qt.MouseButton.LeftButton)
    dialog = widget.dialog
    assert isinstance(dialog, RejectDialog)
    assert dialog.ground_combo.count() >= 4  # the policy's grounds
    assert not dialog.ok_button.isEnabled()
    dialog.choose_ground("identity_unverifiable")
    assert not dialog.ok_button.isEnabled()  # the reason is required
    reason = "提出された書類の氏名が請求書の氏名と一致しないため"
    dialog.reason_edit.setPlainText(reason)
    assert dialog.ok_button.isEnabled()

    with qtbot.waitSignal(widget.letter_drafted, timeout=TIMEOUT) as drafted:
        dialog.accept()
    assert drafted.args == [case_id, "refusal"]
    case = intake.get_case(supervisor, case_id)
    assert case.status is CaseStatus.REJECTED
    last = [e for e in queue.audit_trail(supervisor, case_id) if e.action == "reject"][-1]
    assert ("ground", "identity_unverifiable") in last.detail
    assert widget.last_letter is not None
    text = _pdf_text(widget.last_letter[1], tmp_path)
    ground_ja = supervisor.policies.refusal_grounds(review.policy_in_force(supervisor))[
        "identity_unverifiable"
    ]
    assert _squash(ground_ja) in text
    assert reason in text
    assert audit.verify(supervisor).intact


def test_approving_against_the_verdict_needs_a_confirmation(
    qtbot: QtBot, desk: UiDesk, operator: Session, supervisor: Session, pools: Pools
) -> None:
    case_id = prepare(operator, "2026-11-20", with_licence=False)
    widget = _open(qtbot, supervisor, case_id, pools)
    widget.ask_approve()
    dialog = widget.dialog
    assert isinstance(dialog, ApproveDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(widget.case_decided, timeout=TIMEOUT):
        dialog.accept()
    assert intake.get_case(supervisor, case_id).status is CaseStatus.APPROVED
    last = queue.audit_trail(supervisor, case_id)[-1]
    assert last.action == "approve"
    assert ("override", "True") in last.detail


def test_a_refused_decision_is_shown_in_one_message(
    qtbot: QtBot, desk: UiDesk, operator: Session, supervisor: Session, pools: Pools
) -> None:
    case_id = prepare(operator, "2026-11-20")
    widget = _open(qtbot, supervisor, case_id, pools)
    review.approve(desk.admin, case_id)  # decided elsewhere meanwhile
    widget.ask_return()
    dialog = widget.dialog
    assert isinstance(dialog, ReturnDialog)
    dialog.text_edit.setPlainText("運転免許証の裏面")
    with qtbot.waitSignal(widget.detail_loaded, timeout=TIMEOUT):
        dialog.accept()
    assert "Not decided" in widget.message.text()
    assert "return" in widget.message.text()
    assert widget.last_letter is None
    assert intake.get_case(supervisor, case_id).status is CaseStatus.APPROVED
    assert not widget.return_button.isEnabled()


def test_operators_get_no_review_screen(
    qtbot: QtBot, desk: UiDesk, operator: Session, pools: Pools
) -> None:
    case_id = prepare(operator, "2026-11-20")
    widget = ReviewCaseWidget(operator, case_id, pools)
    qtbot.addWidget(widget)
    assert "supervisors" in widget.message.text()
    assert widget.detail is None
    assert widget.thumbnails.count() == 0
    for button in (widget.approve_button, widget.return_button, widget.reject_button):
        assert not button.isEnabled()
    assert pools.drain()
    actions = [e.action for e in queue.audit_trail(desk.admin, case_id)]
    assert "view_document" not in actions


def test_from_the_operators_screen_to_the_supervisors_approval(
    qtbot: QtBot, desk: UiDesk, operator: Session, supervisor: Session, pools: Pools
) -> None:
    from desktop.core.case import Holder
    from desktop.services import documents
    from desktop.ui.widgets.case_widget import CaseWidget
    from tests.ui.conftest import REQUEST
    from tests.ui.test_mask_editor import AUTO_BOX, _page

    # The operator stores a masked page (the 本籍 box burned in) and submits on the case screen.
    case_id = intake.open_case(operator, REQUEST, "test").case_id
    page = _page()
    principal = REQUEST["principal"]
    masked = documents.mask_page(
        page.page,
        documents.regions_of(page.analysis),
        document_type=page.analysis.document_type,
        fields={k: principal[k] for k in ("name", "birth_date", "address")},
    )
    stored = documents.add_page(operator, case_id, masked, holder=Holder.PRINCIPAL)
    screen = CaseWidget(operator, case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(screen)
    screen.documents.select_key(screen.documents.key_of_document(stored.document_id) or 0)
    qtbot.waitUntil(screen.can_submit, timeout=TIMEOUT)
    with qtbot.waitSignal(screen.case_submitted, timeout=TIMEOUT):
        qtbot.mouseClick(screen.checklist.submit_button, Qt.MouseButton.LeftButton)

    # The supervisor sees the masked page, black under the mask, and approves.
    widget = _open(qtbot, supervisor, case_id, pools)
    view = widget.views[stored.document_id]
    x, y, w, h = AUTO_BOX
    assert view.qimage().pixelColor(x + w // 2, y + h // 2).lightness() <= 16
    assert view.qimage().pixelColor(x + w + 50, y + h // 2).lightness() > 200
    assert widget.rule_lines()[0].startswith("✔")
    qtbot.mouseClick(widget.approve_button, Qt.MouseButton.LeftButton)
    assert isinstance(widget.dialog, ApproveDialog)
    with qtbot.waitSignal(widget.case_decided, timeout=TIMEOUT):
        widget.dialog.accept()
    assert intake.get_case(supervisor, case_id).status is CaseStatus.APPROVED
    check = audit.verify(supervisor)
    assert check.intact
    assert check.first_broken is None
