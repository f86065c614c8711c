"""From a new request to "submitted for review" through the case screen, with a generated scan.

The operator fills the intake form, imports a scan, sees the automatic mask, adds a mask by
hand, confirms the fields, saves; the stored page is black under both masks; the checklist
turns to verified; Submit puts the case in review.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from desktop.core.cases import CaseStatus, MaskOrigin
from desktop.core.documents import FieldName, SensitiveKind
from desktop.services import documents, intake, review
from desktop.ui.dialogs.intake_dialog import IntakeDialog
from desktop.ui.widgets.case_widget import CaseWidget
from desktop.ui.widgets.documents_panel import PageState
from tests.synth import generate
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools

SCAN_TIMEOUT_MS = 90_000  # one A4 page takes about 1-2 s; generous for a loaded CI machine


def _black(pixels: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    x, y, w, h = box
    return bool((pixels[y : y + h, x : x + w] <= 16).all())


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)


@pytest.mark.tesseract
def test_new_case_to_submitted_for_review(
    qtbot: QtBot, operator: Session, pools: Pools, tmp_path: Path
) -> None:
    sample = generate(1, 7, clean=True, layouts=["drivers_license/pre_ic"], capture="scan")[0]
    truth = sample.documents[0]
    scan = tmp_path / "scan.png"
    sample.image.save(scan)

    # 1. The intake form (its output is what opens the case).
    dialog = IntakeDialog(operator.today())
    qtbot.addWidget(dialog)
    dialog.received.setText("令和8年11月20日")
    dialog.request_boxes["disclosure"].setChecked(True)
    dialog.principal.name.setText(truth.fields[FieldName.NAME])
    dialog.principal.birth.setText(truth.fields[FieldName.BIRTH_DATE])
    dialog.principal.address.setText(truth.fields[FieldName.ADDRESS])
    assert dialog.ok_button.isEnabled()
    case = intake.open_case(operator, dialog.intake_json(), "intake form")

    # 2. The case screen; import the scan.
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    assert not widget.checklist.submit_button.isEnabled()  # nothing stored yet
    with qtbot.waitSignal(widget.documents.page_ready, timeout=SCAN_TIMEOUT_MS):
        (key,) = widget.documents.import_files([scan])
        assert widget.documents.entry_state(key) is PageState.ANALYSING
    qtbot.waitUntil(lambda: widget.editor.current_key() is not None)
    editor = widget.editor
    page_key = editor.current_key()
    assert page_key is not None
    assert widget.documents.entry_state(key) is None  # the file's row became its pages' rows
    assert widget.documents.entry_state(page_key) is PageState.READY

    # 3. The automatic mask covers the 本籍 (permanent domicile) of the pre-IC licence.
    (domicile,) = [(r.box.x, r.box.y, r.box.w, r.box.h) for r in truth.sensitive]
    automatic = [m for m in editor.masks() if m.origin is MaskOrigin.AUTOMATIC]
    assert any(
        m.kind == SensitiveKind.PERMANENT_DOMICILE and _overlap(m.box, domicile) > 0
        for m in automatic
    )

    # 4. A manual mask over the issue date; the operator confirms the fields.
    issued = next(t.box for t in truth.texts if t.field == FieldName.ISSUED_ON)
    manual = (issued.x - 4, issued.y - 4, issued.w + 8, issued.h + 8)
    editor.add_mask(manual, SensitiveKind.PERMANENT_DOMICILE)
    for name in (FieldName.NAME, FieldName.BIRTH_DATE, FieldName.ADDRESS):
        editor.field_edits[name].setText(truth.fields[name])

    # 5. Save: burned in on the pool, stored, shown again as stored.
    with qtbot.waitSignal(widget.case_saved, timeout=SCAN_TIMEOUT_MS):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    (record,) = documents.list_documents(operator, case.case_id)
    assert (SensitiveKind.PERMANENT_DOMICILE, manual, MaskOrigin.OPERATOR) in [
        (r.kind, r.box, r.origin) for r in record.regions
    ]
    png = documents.page_image(operator, case.case_id, record.document_id)
    with Image.open(io.BytesIO(png)) as stored:
        pixels = np.asarray(stored.convert("L"))
    assert _black(pixels, manual)
    assert _black(pixels, next(m.box for m in record.regions if m.origin is MaskOrigin.AUTOMATIC))
    name_box = next(t.box for t in truth.texts if t.field == FieldName.NAME)
    assert not _black(pixels, (name_box.x, name_box.y, name_box.w, name_box.h))
    assert widget.documents.entry_state(page_key) is PageState.STORED
    assert record.document_id in widget.viewed_documents()
    # The stored (masked) page is shown read-only at once.
    qtbot.waitUntil(lambda: editor.shown_document() == record.document_id)
    assert not editor.is_editable()

    # 6. The checklist was weighed again after the page was stored.
    evaluation = widget.checklist.evaluation
    assert evaluation is not None
    assert evaluation.decision == "verified"
    satisfied, missing, conflicts = widget.checklist.sentences()
    assert satisfied
    assert missing == []
    assert conflicts == []

    # 7. Submit for review.
    assert widget.checklist.submit_button.isEnabled()
    with qtbot.waitSignal(widget.case_submitted) as blocker:
        qtbot.mouseClick(widget.checklist.submit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [case.case_id]
    assert intake.get_case(operator, case.case_id).status is CaseStatus.IN_REVIEW
    assert not widget.checklist.submit_button.isEnabled()


def test_submit_waits_until_every_stored_page_was_viewed(
    qtbot: QtBot, operator: Session, pools: Pools
) -> None:
    from tests.ui.test_mask_editor import _page

    case = intake.open_case(
        operator,
        {
            "received_on": "2026-11-20",
            "request_types": ["disclosure"],
            "requester": "principal",
            "principal": {"name": "架空 太郎"},
        },
        "test",
    )
    # A page stored earlier (by another session of the screen).
    page = _page()
    masked = documents.mask_page(
        page.page,
        documents.regions_of(page.analysis),
        document_type=page.analysis.document_type,
        fields={},
    )
    from desktop.core.case import Holder

    stored = documents.add_page(operator, case.case_id, masked, holder=Holder.PRINCIPAL)
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    assert not widget.can_submit()
    assert widget.checklist.submit_hint.text()
    key = widget.documents.key_of_document(stored.document_id)
    assert key is not None
    widget.documents.select_key(key)
    qtbot.waitUntil(lambda: stored.document_id in widget.viewed_documents())
    assert widget.editor.title.text() != ""
    assert not widget.editor.is_editable()  # a stored page is shown read-only
    assert widget.can_submit()
    assert widget.checklist.submit_button.isEnabled()


def test_a_refused_submission_is_shown(
    qtbot: QtBot, operator: Session, pools: Pools, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.core.case import Holder
    from tests.ui.test_mask_editor import _page

    case = intake.open_case(operator, REQUEST, "test")
    page = _page()
    masked = documents.mask_page(
        page.page,
        documents.regions_of(page.analysis),
        document_type=page.analysis.document_type,
        fields={},
    )
    stored = documents.add_page(operator, case.case_id, masked, holder=Holder.PRINCIPAL)
    shown: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.widgets.case_widget.QMessageBox.warning",
        lambda _parent, _title, text: shown.append(text),
    )
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    widget.documents.select_key(widget.documents.key_of_document(stored.document_id) or 0)
    qtbot.waitUntil(widget.can_submit)
    review.submit(operator, case.case_id)  # submitted meanwhile from another screen
    widget.submit()
    assert not widget.checklist.submit_button.isEnabled()  # the store answers on the pool
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert widget.case.status is CaseStatus.IN_REVIEW
    qtbot.waitUntil(lambda: not widget.can_submit())
    assert not widget.documents.isEnabled()


def test_a_policy_that_cannot_be_loaded_is_said_in_place_of_the_checklist(
    qtbot: QtBot, operator: Session, pools: Pools, tmp_path: Path
) -> None:
    from desktop.services.accounts import POLICY_SETTING

    case = intake.open_case(operator, REQUEST, "test")
    operator.store.settings.set(POLICY_SETTING, str(tmp_path / "missing-policy.toml"))
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    assert widget.checklist.evaluation is None
    assert "missing-policy.toml" in widget.checklist.decision.text()
    assert widget.checklist.sentences() == ([], [], [])


def test_a_stored_pages_fields_are_corrected_until_submission(
    qtbot: QtBot, operator: Session, supervisor: Session, pools: Pools
) -> None:
    from desktop.core.case import Holder
    from desktop.core.documents import DocumentType
    from desktop.services import audit
    from tests.ui.test_mask_editor import _page

    case = intake.open_case(operator, REQUEST, "test")
    page = _page()
    masked = documents.mask_page(
        page.page,
        documents.regions_of(page.analysis),
        document_type=DocumentType.DRIVERS_LICENSE,
        fields={"name": "架空 太朗"},  # misread
    )
    stored = documents.add_page(operator, case.case_id, masked, holder=Holder.PRINCIPAL)
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    widget.documents.select_key(widget.documents.key_of_document(stored.document_id) or 0)
    editor = widget.editor
    qtbot.waitUntil(lambda: editor.shown_document() == stored.document_id)
    assert editor.is_correctable()
    assert editor.save_button.isEnabled()
    assert not editor.add_button.isEnabled()  # the masks are burned in
    assert not editor.field_edits["name"].isReadOnly()

    editor.field_edits["name"].setText(REQUEST["principal"]["name"])
    editor.field_edits["birth_date"].setText("昭和60年4月1日")
    with qtbot.waitSignal(editor.page_corrected, timeout=20_000):
        editor.save_button.click()
    kept = documents.list_documents(operator, case.case_id)[0]
    assert kept.fields["name"] == REQUEST["principal"]["name"]
    assert kept.fields["birth_date"] == "1985-04-01"  # era date stored in ISO form
    assert editor.message.text()
    qtbot.waitUntil(lambda: not editor.is_saving())
    assert audit.verify(supervisor).intact

    # A bad date is refused in place, nothing stored.
    editor.field_edits["expiry_date"].setText("someday")
    editor.save_button.click()
    assert "not a date" in editor.message.text()
    assert "expiry_date" not in documents.list_documents(operator, case.case_id)[0].fields

    # Once submitted, a stored page is read-only.
    editor.field_edits["expiry_date"].clear()
    review.submit(operator, case.case_id)
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    widget.documents.select_key(widget.documents.key_of_document(stored.document_id) or 0)
    editor = widget.editor
    qtbot.waitUntil(lambda: editor.shown_document() == stored.document_id)
    assert not editor.is_correctable()
    assert not editor.save_button.isEnabled()
    assert editor.field_edits["name"].isReadOnly()


def test_the_checklist_counts_business_days_to_the_deadline(
    qtbot: QtBot, operator: Session, pools: Pools
) -> None:
    from desktop.core.case import Holder
    from desktop.core.documents import DocumentType
    from desktop.services.accounts import POLICY_SETTING
    from tests.ui.test_mask_editor import _page

    operator.store.settings.set(POLICY_SETTING, "leverages")  # 14 business days
    case = intake.open_case(operator, REQUEST, "test")  # received Fri 2026-11-20
    page = _page()
    principal = REQUEST["principal"]
    masked = documents.mask_page(
        page.page,
        documents.regions_of(page.analysis),
        document_type=DocumentType.DRIVERS_LICENSE,
        fields={k: principal[k] for k in ("name", "birth_date", "address")},
    )
    documents.add_page(operator, case.case_id, masked, holder=Holder.PRINCIPAL)
    widget = CaseWidget(operator, case.case_id, pools, hot_folder=None, remove_originals=False)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.checklist.evaluation is not None)
    due = widget.checklist.due.text()
    assert "2026-12-11" in due
    # Today is Mon 2026-11-23, 勤労感謝の日: 24-27 Nov, 30 Nov-4 Dec, 7-11 Dec = 14 business
    # days (18 calendar days).
    assert "(14 business days left)" in due
