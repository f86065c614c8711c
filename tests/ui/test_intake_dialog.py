"""The intake form: era dates accepted, reasons shown beside fields as typed, OK only when valid."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from desktop.core.errors import InputError
from desktop.services import intake
from desktop.ui.dialogs.intake_dialog import IntakeDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session

TODAY = date(2026, 11, 23)


@pytest.fixture
def dialog(qtbot: QtBot) -> IntakeDialog:
    widget = IntakeDialog(TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _type(edit: QLineEdit, text: str) -> None:
    """Type character by character (QTest.keyClicks aborts on characters beyond Latin-1)."""
    for char in text:
        edit.insert(char)


def _fill_minimum(qtbot: QtBot, dialog: IntakeDialog) -> None:
    dialog.received.clear()
    _type(dialog.received, "令和8年11月20日")
    dialog.request_boxes["disclosure"].setChecked(True)
    _type(dialog.principal.name, "架空 花子")
    _type(dialog.principal.birth, "平成2年1月2日")
    _type(dialog.principal.address, "東京都架空区1-2-3")


def test_empty_form_cannot_be_accepted(dialog: IntakeDialog) -> None:
    assert not dialog.ok_button.isEnabled()
    assert dialog.types_note.text()
    assert dialog.principal.name_note.text()
    with pytest.raises(InputError):
        dialog.intake_json()


def test_era_dates_are_read_and_shown_in_iso(qtbot: QtBot, dialog: IntakeDialog) -> None:
    _fill_minimum(qtbot, dialog)
    assert dialog.ok_button.isEnabled()
    assert "2026-11-20" in dialog.received_note.text()
    assert "1990-01-02" in dialog.principal.birth_note.text()
    assert dialog.intake_json() == {
        "received_on": "2026-11-20",
        "channel": "post",
        "request_types": ["disclosure"],
        "requester": "principal",
        "principal": {
            "name": "架空 花子",
            "birth_date": "1990-01-02",
            "address": "東京都架空区1-2-3",
        },
    }


def test_bad_date_is_explained_beside_the_field_as_typed(
    qtbot: QtBot, dialog: IntakeDialog
) -> None:
    _fill_minimum(qtbot, dialog)
    dialog.principal.birth.clear()
    _type(dialog.principal.birth, "平成31年5月1日")  # 平成 ended on 4月30日
    assert not dialog.ok_button.isEnabled()
    assert dialog.principal.birth_note.text()
    assert "1990" not in dialog.principal.birth_note.text()
    dialog.principal.birth.clear()
    qtbot.keyClicks(dialog.principal.birth, "H2.1.2")
    assert dialog.ok_button.isEnabled()


def test_future_received_date_and_birth_after_receipt_are_refused(
    qtbot: QtBot, dialog: IntakeDialog
) -> None:
    _fill_minimum(qtbot, dialog)
    dialog.received.setText("2026-12-01")
    assert not dialog.ok_button.isEnabled()
    assert dialog.received_note.text()
    dialog.received.setText("2026-11-20")
    dialog.principal.birth.setText("2026-11-21")
    assert not dialog.ok_button.isEnabled()
    dialog.principal.birth.setText("")
    assert dialog.ok_button.isEnabled()  # a birth date is optional
    assert "birth_date" not in dialog.intake_json()["principal"]


def test_representative_is_required_when_someone_else_asks(
    qtbot: QtBot, dialog: IntakeDialog
) -> None:
    _fill_minimum(qtbot, dialog)
    assert not dialog.representative.isEnabled()
    dialog.requester.setCurrentIndex(dialog.requester.findData("legal_representative"))
    assert dialog.representative.isEnabled()
    assert not dialog.ok_button.isEnabled()
    assert dialog.representative.name_note.text()
    _type(dialog.representative.name, "架空 一郎")
    assert dialog.ok_button.isEnabled()
    data = dialog.intake_json()
    assert data["requester"] == "legal_representative"
    assert data["representative"] == {"name": "架空 一郎"}


def test_accepted_form_opens_a_case(qtbot: QtBot, dialog: IntakeDialog, operator: Session) -> None:
    _fill_minimum(qtbot, dialog)
    dialog.channel.setCurrentIndex(dialog.channel.findData("counter"))
    dialog.request_boxes["correction"].setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    case = intake.open_case(operator, dialog.intake_json(), "intake form")
    assert case.intake["channel"] == "counter"
    assert case.intake["request_types"] == ["disclosure", "correction"]
    assert case.received_on == date(2026, 11, 20)


def test_initial_values_fill_the_form(dialog: IntakeDialog, qtbot: QtBot) -> None:
    again = IntakeDialog(
        TODAY,
        initial={
            "received_on": "2026-11-01",
            "channel": "email",
            "request_types": ["cessation_of_use"],
            "requester": "appointed_agent",
            "principal": {"name": "架空 次郎"},
            "representative": {"name": "架空 代理", "address": "大阪府架空市1"},
        },
    )
    qtbot.addWidget(again)
    assert again.ok_button.isEnabled()
    data = again.intake_json()
    assert data["requester"] == "appointed_agent"
    assert data["representative"]["address"] == "大阪府架空市1"
