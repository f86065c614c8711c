"""The policy's verdict on a case, live: what is satisfied, missing or in conflict, the due date."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.case import case_from_json
from desktop.core.errors import HonninError
from desktop.core.policy import decide
from desktop.core.reasons import Decision, ReasonCode
from desktop.services import deadlines, policies, review
from desktop.services.texts import Lang, reason_message
from desktop.ui import texts

if TYPE_CHECKING:
    from datetime import date

    from desktop.core.policy import Policy
    from desktop.core.policy.engine import Evaluation
    from desktop.services.session import Session

log = logging.getLogger(__name__)

MISSING = frozenset(
    {
        ReasonCode.PHOTO_ID_OR_TWO_DOCUMENTS,
        ReasonCode.REPRESENTATIVE_ID_MISSING,
        ReasonCode.AUTHORITY_PROOF_MISSING,
        ReasonCode.POWER_OF_ATTORNEY_MISSING,
    }
)
"""Reasons that say a document is still to come; every other reason is a conflict."""

DECISION_COLOURS = {
    Decision.VERIFIED: "#1b7f3b",
    Decision.MORE_DOCUMENTS_NEEDED: "#a35c00",
    Decision.REJECTED: "#b00020",
}


class ChecklistPanel(QWidget):
    """Beside the documents: the verdict, refreshed after every stored page, and Submit."""

    submit_clicked = Signal()
    evaluated = Signal(object)  # the engine's Evaluation

    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._policy: Policy | None = None
        self._policy_name = ""
        self.evaluation: Evaluation | None = None
        self._lang = Lang.JA if texts.ui_language() == "ja" else Lang.EN

        title = QLabel(self.tr("Checklist"))
        title.setStyleSheet("font-weight: bold")
        self.decision = QLabel()
        self.decision.setWordWrap(True)
        self.policy_label = QLabel()
        self.policy_label.setWordWrap(True)
        self.due = QLabel()
        self.due.setWordWrap(True)
        self.satisfied = QLabel()
        self.satisfied.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.conflicts = QLabel()
        self.conflicts.setWordWrap(True)
        self.submit_hint = QLabel()
        self.submit_hint.setWordWrap(True)
        self.submit_button = QPushButton(self.tr("Submit for review"))
        self.submit_button.setEnabled(False)
        for label in (self.satisfied, self.missing, self.conflicts, self.decision, self.due):
            label.setTextFormat(Qt.TextFormat.RichText)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.decision)
        layout.addWidget(self.policy_label)
        layout.addWidget(self.due)
        layout.addWidget(self.satisfied)
        layout.addWidget(self.missing)
        layout.addWidget(self.conflicts)
        layout.addStretch(1)
        layout.addWidget(self.submit_hint)
        layout.addWidget(self.submit_button)
        self.setMinimumWidth(280)
        self.submit_button.clicked.connect(self.submit_clicked)

    def refresh(self) -> None:
        """Weigh the case again (the verdict is stored) and show the result.

        A user who may not weigh cases (an administrator), or a case that can no longer be
        weighed, gets the reason in place of the checklist.
        """
        try:
            case = review.evaluate(self._session, self._case_id)
            name = review.policy_in_force(self._session)
            if self._policy is None or name != self._policy_name:
                self._policy = policies.load_policy(name)
                self._policy_name = name
        except HonninError as exc:
            self.evaluation = None
            self.decision.setText(_escape(self.tr("No checklist: %1").replace("%1", str(exc))))
            for label in (self.satisfied, self.missing, self.conflicts, self.due):
                label.clear()
            return
        # The stored verdict carries English sentences only; the engine's reasons, with their
        # parameters, give the operator's sentences in the UI language.
        evaluation = decide(
            case_from_json(review.case_document(self._session, case), case.case_id),
            self._policy,
        )
        self.evaluation = evaluation
        self._render(evaluation, case.due_on if case.due_on else evaluation.due_on)
        self.evaluated.emit(evaluation)

    def set_submit_state(self, enabled: bool, hint: str = "") -> None:
        """Enable Submit (or not) and say why it is not."""
        self.submit_button.setEnabled(enabled)
        self.submit_hint.setText(hint)

    def sentences(self) -> tuple[list[str], list[str], list[str]]:
        """(satisfied, missing, conflicts) as shown, in plain text (for tests and copying)."""
        evaluation = self.evaluation
        if evaluation is None:
            return [], [], []
        satisfied = [self._requirement_text(str(c.requirement)) for c in evaluation.checks if c.met]
        missing = [reason_message(r, self._lang) for r in evaluation.reasons if r.code in MISSING]
        conflicts = [
            reason_message(r, self._lang) for r in evaluation.reasons if r.code not in MISSING
        ]
        return satisfied, missing, conflicts

    # ------------------------------------------------------------------ internals

    def _requirement_text(self, requirement: str) -> str:
        table = {
            "principal_identity": self.tr("The principal's identity is proven."),
            "representative_identity": self.tr("The representative's identity is proven."),
            "authority": self.tr("The legal representative's authority is proven."),
            "power_of_attorney": self.tr("The power of attorney is there."),
        }
        return table.get(requirement, requirement)

    def _render(self, evaluation: Evaluation, due_on: date | None) -> None:
        colour = DECISION_COLOURS.get(evaluation.decision, "black")
        decision = texts.label(texts.DECISIONS, evaluation.decision)
        self.decision.setText(f"<span style='color:{colour}; font-size: 14pt'>{decision}</span>")
        policy = self._policy
        if policy is not None:
            title = policy.title_ja if self._lang is Lang.JA else policy.title_en
            self.policy_label.setText(self.tr("Policy: %1").replace("%1", title))
        if due_on is not None:
            days = deadlines.days_left(self._session, due_on, self._session.today())
            text = self.tr("Due: %1 (%2 business days left)").replace("%1", due_on.isoformat())
            text = text.replace("%2", str(days))
            if days < 0:
                text = self.tr("Due: %1 (overdue)").replace("%1", due_on.isoformat())
            self.due.setText(text)
        elif evaluation.decision == Decision.MORE_DOCUMENTS_NEEDED:
            self.due.setText(self.tr("Due date: counted from the day every document is in."))
        else:
            self.due.setText(self.tr("Due date: without delay (the policy sets no period)."))
        satisfied, missing, conflicts = self.sentences()
        self.satisfied.setText(self._section(self.tr("Satisfied"), "✔", "#1b7f3b", satisfied))
        self.missing.setText(self._section(self.tr("Missing"), "□", "#a35c00", missing))
        self.conflicts.setText(self._section(self.tr("Conflicts"), "⚠", "#b00020", conflicts))

    def _section(self, heading: str, mark: str, colour: str, lines: list[str]) -> str:
        if not lines:
            none = self.tr("None")
            body = f"<div style='color:gray'>{_escape(none)}</div>"
        else:
            body = "".join(
                f"<div style='margin-left:6px'><span style='color:{colour}'>{mark}</span> "
                f"{_escape(line)}</div>"
                for line in lines
            )
        return f"<div><b>{_escape(heading)}</b>{body}</div>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
