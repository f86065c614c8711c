"""The new-request form: when and how it came, what is asked, who asks; checked as typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.case import Requester, RequestType
from desktop.core.eras import parse_date, to_era
from desktop.core.errors import InputError
from desktop.services.intake import CHANNELS, validate_intake
from desktop.ui import texts

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

SOURCE = "intake form"
ERROR_STYLE = "color: #b00020"
OK_STYLE = "color: #555555"


class PersonGroupBox(QGroupBox):
    """Name, birth date and address of one person, each with its own message."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.name = QLineEdit()
        self.birth = QLineEdit()
        self.address = QLineEdit()
        self.name_note = QLabel()
        self.birth_note = QLabel()
        self.address_note = QLabel()
        self.birth.setPlaceholderText(self.tr("e.g. 1990-01-02 or 平成2年1月2日"))
        for edit in (self.name, self.birth, self.address):
            edit.setMinimumWidth(240)
        for note in (self.name_note, self.birth_note, self.address_note):
            note.setWordWrap(True)
        form = QGridLayout(self)
        for row, (label, edit, note) in enumerate(
            (
                (self.tr("Name"), self.name, self.name_note),
                (self.tr("Date of birth"), self.birth, self.birth_note),
                (self.tr("Address"), self.address, self.address_note),
            )
        ):
            form.addWidget(QLabel(label), row, 0)
            form.addWidget(edit, row, 1)
            form.addWidget(note, row, 2)
        form.setColumnStretch(1, 2)
        form.setColumnStretch(2, 1)


class IntakeDialog(QDialog):
    """Form for a new request; ``intake_json()`` is what ``intake.open_case`` takes.

    Every field is checked as it is typed; the reason shows beside the field and OK stays
    disabled until the form is complete and valid. Dates accept Western and era forms
    (令和8年11月20日, R8.11.20, 平成2年1月2日).
    """

    def __init__(
        self,
        today: date,
        parent: QWidget | None = None,
        *,
        initial: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(self.tr("New request"))

        self.received = QLineEdit(today.isoformat())
        self.received_note = QLabel()
        self.received_note.setWordWrap(True)
        self.channel = QComboBox()
        for code in ("post", "email", "web_form", "counter"):
            assert code in CHANNELS
            self.channel.addItem(texts.label(texts.CHANNELS, code), code)
        self.request_boxes: dict[str, QCheckBox] = {}
        types = QWidget()
        types_layout = QGridLayout(types)
        types_layout.setContentsMargins(0, 0, 0, 0)
        for index, kind in enumerate(RequestType):
            box = QCheckBox(texts.label(texts.REQUEST_TYPES, kind))
            self.request_boxes[str(kind)] = box
            types_layout.addWidget(box, index // 2, index % 2)
        self.types_note = QLabel()
        self.requester = QComboBox()
        for who in Requester:
            self.requester.addItem(texts.label(texts.REQUESTERS, who), str(who))
        self.principal = PersonGroupBox(self.tr("Principal (the person the data is about)"))
        self.representative = PersonGroupBox(self.tr("Representative (who makes the request)"))
        self.form_note = QLabel()
        self.form_note.setWordWrap(True)
        self.form_note.setStyleSheet(ERROR_STYLE)

        top = QFormLayout()
        received_row = QHBoxLayout()
        received_row.addWidget(self.received, 1)
        received_row.addWidget(self.received_note, 1)
        top.addRow(self.tr("Received on"), received_row)
        top.addRow(self.tr("Channel"), self.channel)
        top.addRow(self.tr("Request"), types)
        top.addRow("", self.types_note)
        top.addRow(self.tr("Requester"), self.requester)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open case"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.principal)
        layout.addWidget(self.representative)
        layout.addWidget(self.form_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

        for edit in (self.received, *self._person_edits()):
            edit.textChanged.connect(self.validate)
        for box in self.request_boxes.values():
            box.toggled.connect(self.validate)
        self.requester.currentIndexChanged.connect(self.validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if initial:
            self._fill(initial)
        self.validate()

    # ------------------------------------------------------------------ public

    def intake_json(self) -> dict[str, Any]:
        """The request as the contract's CASE.json (plus ``channel``), dates in ISO form.

        Raises:
            InputError: the form is not valid (see ``validate``).
        """
        problems = self._problems()
        if problems:
            raise InputError(SOURCE, "the form is not complete")
        data = self._raw_json()
        return validate_intake(data, SOURCE)

    def validate(self) -> bool:
        """Check every field, show the reasons beside them, enable OK when all is well."""
        problems = self._problems()
        self.ok_button.setEnabled(not problems)
        self.form_note.setText("")
        if not problems:
            # The same reader as the command line has the last word.
            try:
                validate_intake(self._raw_json(), SOURCE)
            except InputError as exc:
                self.ok_button.setEnabled(False)
                self.form_note.setText(str(exc))
                return False
        return not problems

    def accept(self) -> None:
        """Close with OK only when the form is valid."""
        if self.validate():
            super().accept()

    # ------------------------------------------------------------------ checks

    def _problems(self) -> list[str]:
        problems: list[str] = []
        received = self._check_date(self.received, self.received_note, required=True)
        if received is not None and received > self._today:
            self._note(self.received_note, self.tr("The date received is in the future."))
            problems.append("received")
        elif received is None:
            problems.append("received")
        if not any(box.isChecked() for box in self.request_boxes.values()):
            self._note(self.types_note, self.tr("Tick at least one request."))
            problems.append("types")
        else:
            self._note(self.types_note, "", error=False)
        has_rep = self._has_representative()
        self.representative.setEnabled(has_rep)
        people = [self.principal] + ([self.representative] if has_rep else [])
        if not has_rep:
            for note in (
                self.representative.name_note,
                self.representative.birth_note,
                self.representative.address_note,
            ):
                note.clear()
        for person in people:
            if not person.name.text().strip():
                self._note(person.name_note, self.tr("Enter the name."))
                problems.append("name")
            else:
                self._note(person.name_note, "", error=False)
            birth = self._check_date(person.birth, person.birth_note, required=False)
            if person.birth.text().strip() and birth is None:
                problems.append("birth")
            elif birth is not None and received is not None and birth > received:
                self._note(person.birth_note, self.tr("Born after the date received?"))
                problems.append("birth")
        return problems

    def _check_date(self, edit: QLineEdit, note: QLabel, *, required: bool) -> date | None:
        text = edit.text().strip()
        if not text:
            if required:
                self._note(note, self.tr("Enter the date."))
            else:
                self._note(note, "", error=False)
            return None
        try:
            day = parse_date(text)
        except ValueError as exc:
            self._note(note, self.tr("Not a date (e.g. 2026-11-20, 令和8年11月20日, R8.11.20)."))
            note.setToolTip(str(exc))
            return None
        note.setToolTip("")
        try:
            shown = f"{day.isoformat()}（{to_era(day)}）"
        except ValueError:
            shown = day.isoformat()
        self._note(note, "= " + shown, error=False)
        return day

    @staticmethod
    def _note(label: QLabel, text: str, *, error: bool = True) -> None:
        label.setText(text)
        label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    # ------------------------------------------------------------------ helpers

    def _has_representative(self) -> bool:
        return str(self.requester.currentData()) != Requester.PRINCIPAL

    def _person_edits(self) -> list[QLineEdit]:
        return [
            edit
            for box in (self.principal, self.representative)
            for edit in (box.name, box.birth, box.address)
        ]

    @staticmethod
    def _date(text: str) -> date | None:
        try:
            return parse_date(text)
        except ValueError:
            return None

    def _person_json(self, box: PersonGroupBox) -> dict[str, str]:
        out = {"name": box.name.text().strip()}
        birth = self._date(box.birth.text()) if box.birth.text().strip() else None
        if birth is not None:
            out["birth_date"] = birth.isoformat()
        if box.address.text().strip():
            out["address"] = box.address.text().strip()
        return out

    def _raw_json(self) -> dict[str, Any]:
        received = self._date(self.received.text())
        data: dict[str, Any] = {
            "received_on": received.isoformat() if received else self.received.text(),
            "channel": str(self.channel.currentData()),
            "request_types": [k for k, box in self.request_boxes.items() if box.isChecked()],
            "requester": str(self.requester.currentData()),
            "principal": self._person_json(self.principal),
        }
        if self._has_representative():
            data["representative"] = self._person_json(self.representative)
        return data

    def _fill(self, initial: Mapping[str, Any]) -> None:
        if "received_on" in initial:
            self.received.setText(str(initial["received_on"]))
        index = self.channel.findData(initial.get("channel"))
        if index >= 0:
            self.channel.setCurrentIndex(index)
        for kind in initial.get("request_types", []):
            if kind in self.request_boxes:
                self.request_boxes[kind].setChecked(True)
        index = self.requester.findData(initial.get("requester"))
        if index >= 0:
            self.requester.setCurrentIndex(index)
        for key, box in (("principal", self.principal), ("representative", self.representative)):
            person = initial.get(key)
            if isinstance(person, dict):
                box.name.setText(str(person.get("name", "")))
                box.birth.setText(str(person.get("birth_date", "")))
                box.address.setText(str(person.get("address", "")))
