"""The whole desk through the windows: intake, scan, masks, review, letter, disposal, audit.

An operator's window opens a request and imports a generated scan; the automatic mask and a
hand-drawn one are burned in on save; the case is submitted. A supervisor's window finds it
in the review queue, approves it on the review screen, writes the disclosure notice from the
case's letters and records that it went by post; the case is closed. Later, the disposal run
destroys the page image and keeps its record; the audit chain verifies from end to end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from desktop.core.cases import CaseStatus
from desktop.core.documents import FieldName, SensitiveKind
from desktop.services import admin, audit, documents, intake, letters, review
from desktop.services.letters import DeliveryChannel
from desktop.services.review import ResponseKind
from desktop.ui.dialogs.decision_dialogs import ApproveDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.admin_audit import AdminAuditWidget
from desktop.ui.widgets.case_widget import CaseWidget
from desktop.ui.widgets.review_case import ReviewCaseWidget
from desktop.ui.widgets.review_queue import ReviewQueueView
from tests.synth import generate
from tests.ui.conftest import SUPERVISOR

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk

TIMEOUT = 90_000  # one real A4 scan through OCR on a loaded 2-core machine


def _window(qtbot: QtBot, desk: UiDesk, session: Session, pools: Pools) -> MainWindow:
    window = MainWindow(
        session, pools, opener=desk.opener, policies=desk.policies, idle_msecs=3_600_000
    )
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.idle_lock.pause()
    return window


@pytest.mark.tesseract
def test_intake_scan_review_letter_disposal(
    qtbot: QtBot,
    desk: UiDesk,
    operator: Session,
    supervisor: Session,
    pools: Pools,
    tmp_path: Path,
) -> None:
    sample = generate(1, 11, clean=True, layouts=["drivers_license/pre_ic"], capture="scan")[0]
    truth = sample.documents[0]
    scan = tmp_path / "scan.png"
    sample.image.save(scan)  # an invented person's generated licence (synthetic)

    # --- The operator: intake, scan, masks, submit. ---------------------------------------
    desk_window = _window(qtbot, desk, operator, pools)
    assert desk_window.role_tab("review_queue") is None  # not an operator's screen
    assert desk_window.role_tab("administration") is None
    request = {
        "received_on": "2026-11-20",
        "channel": "post",
        "request_types": ["disclosure"],
        "requester": "principal",
        "principal": {
            "name": truth.fields[FieldName.NAME],
            "birth_date": truth.fields[FieldName.BIRTH_DATE],
            "address": truth.fields[FieldName.ADDRESS],
        },
    }
    with qtbot.waitSignal(desk_window.case_created, timeout=20_000) as created:
        desk_window.create_case(request)
    case_id = str(created.args[0])
    (screen,) = desk_window.case_tabs()
    assert isinstance(screen, CaseWidget)
    with qtbot.waitSignal(screen.documents.page_ready, timeout=TIMEOUT):
        screen.documents.import_files([scan])
    qtbot.waitUntil(lambda: screen.editor.current_key() is not None)
    editor = screen.editor
    issued = next(t.box for t in truth.texts if t.field == FieldName.ISSUED_ON)
    editor.add_mask((issued.x - 4, issued.y - 4, issued.w + 8, issued.h + 8), "permanent_domicile")
    for name in (FieldName.NAME, FieldName.BIRTH_DATE, FieldName.ADDRESS):
        editor.field_edits[name].setText(truth.fields[name])
    with qtbot.waitSignal(screen.case_saved, timeout=TIMEOUT):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    (record,) = documents.list_documents(operator, case_id)
    assert {r.kind for r in record.regions} >= {SensitiveKind.PERMANENT_DOMICILE}
    qtbot.waitUntil(screen.can_submit, timeout=20_000)
    with qtbot.waitSignal(screen.case_submitted, timeout=20_000):
        qtbot.mouseClick(screen.checklist.submit_button, Qt.MouseButton.LeftButton)
    desk_window.close()

    # --- The supervisor: the queue, the review screen, approval. --------------------------
    window = _window(qtbot, desk, supervisor, pools)
    queue = window.role_tab("review_queue")
    assert isinstance(queue, ReviewQueueView)
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=20_000)
    window.tabs.setCurrentWidget(queue)
    queue.open_review_requested.emit(case_id)
    review_screen = window.tabs.currentWidget()
    assert isinstance(review_screen, ReviewCaseWidget)
    qtbot.waitUntil(lambda: review_screen.detail is not None, timeout=20_000)
    qtbot.waitUntil(review_screen.approve_button.isEnabled, timeout=20_000)
    qtbot.mouseClick(review_screen.approve_button, Qt.MouseButton.LeftButton)
    assert isinstance(review_screen.dialog, ApproveDialog)
    with qtbot.waitSignal(review_screen.case_decided, timeout=20_000):
        review_screen.dialog.accept()
    case = intake.get_case(supervisor, case_id)
    assert case.status is CaseStatus.APPROVED
    assert case.decided_by == SUPERVISOR
    qtbot.waitUntil(lambda: queue.model.rowCount() == 0, timeout=20_000)

    # --- The letter, from the case's letters; its delivery by post. -----------------------
    case_screen = window.open_case(case_id)
    assert isinstance(case_screen, CaseWidget)
    panel = case_screen.letters
    with qtbot.waitSignal(panel.letter_written, timeout=20_000):
        panel.write_letter(ResponseKind.DISCLOSURE_NOTICE)
    (letter,) = letters.list_letters(supervisor, case_id)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=20_000)
    panel.select_letter(letter.letter_id)
    with qtbot.waitSignal(panel.delivery_recorded, timeout=20_000):
        panel.record_delivery(DeliveryChannel.POST, supervisor.today())
    case = intake.get_case(supervisor, case_id)
    assert case.response_kind == ResponseKind.DISCLOSURE_NOTICE
    assert case.response_sent_on == supervisor.today()
    review.close(supervisor, case_id)
    window.close()  # closes the store: the key is dropped with the window

    # --- Months later: the disposal run destroys the image, keeps the record. -------------
    admin.set_retention(desk.admin, identity_days=30, request_form_days=30)
    desk.clock.advance(days=31)
    supervisor = desk.login(SUPERVISOR)
    audit_screen = AdminAuditWidget(supervisor, pools)
    qtbot.addWidget(audit_screen)
    with qtbot.waitSignal(audit_screen.documents_disposed, timeout=20_000) as disposed:
        audit_screen.dispose()
    assert disposed.args[0] == [record.document_id]
    (kept,) = documents.list_documents(supervisor, case_id)
    assert kept.disposed_at is not None  # the record of what was checked stays
    assert (kept.document_type, kept.regions) == (record.document_type, record.regions)
    assert kept.fields == {}  # what was read off the page goes with the image
    assert supervisor.store.documents.image(record.document_id) is None
    with qtbot.waitSignal(audit_screen.chain_verified, timeout=20_000) as verified:
        audit_screen.verify()
    assert verified.args == [True]
    check = audit.verify(supervisor)
    assert check.intact
    assert check.events >= 10
