"""The supervisor's decision dialogs: approve (note), return (missing items), reject (ground).

They only collect the supervisor's input; the review screen runs the decision on the write
pool and drafts the letter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.services.queue import ReasonLine, RefusalChoice


class _DecisionDialog(QDialog):
    """OK / Cancel under a body; OK is enabled only while the input is complete."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button: QPushButton = ok
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _titles(self, title: str, ok_text: str) -> None:
        self.setWindowTitle(title)
        self.ok_button.setText(ok_text)

    def _finish(self) -> None:
        self.layout_.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.is_complete())

    def is_complete(self) -> bool:
        """Whether the input is enough to decide."""
        return True


class ApproveDialog(_DecisionDialog):
    """Approve with an optional note; against a verdict other than verified, ask to confirm."""

    def __init__(self, case_id: str, verified: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles(self.tr("Approve %1").replace("%1", case_id), self.tr("Approve"))
        self.verified = verified
        intro = QLabel(self.tr("Identity verified: the response to the request may be prepared."))
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.confirm = QCheckBox(
            self.tr(
                "The policy's verdict is not 'verified'. I have checked the evidence and "
                "approve against it."
            )
        )
        self.warning = QLabel(
            self.tr("Approving against the policy's verdict is recorded in the audit trail.")
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020")
        if not verified:
            self.layout_.addWidget(self.warning)
            self.layout_.addWidget(self.confirm)
        self.layout_.addWidget(QLabel(self.tr("Note (optional):")))
        self.note_edit = QPlainTextEdit()
        self.layout_.addWidget(self.note_edit)
        self.confirm.toggled.connect(self._update)
        self._finish()

    def is_complete(self) -> bool:
        """Verified, or the supervisor confirmed approving against the verdict."""
        return self.verified or self.confirm.isChecked()

    def note(self) -> str | None:
        """The note, or None when blank."""
        text = self.note_edit.toPlainText().strip()
        return text or None


class ReturnDialog(_DecisionDialog):
    """Return for more documents: tick what is missing (the verdict's reasons), add text."""

    def __init__(
        self,
        case_id: str,
        reasons: Sequence[ReasonLine],
        japanese: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._titles(
            self.tr("Return %1 for more documents").replace("%1", case_id),
            self.tr("Return and draft the letter"),
        )
        intro = QLabel(
            self.tr(
                "Tick what the requester must send. The letter asking for it is drafted "
                "in Japanese."
            )
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.item_boxes: list[tuple[QCheckBox, ReasonLine]] = []
        for reason in reasons:
            box = QCheckBox(reason.text_ja if japanese else reason.text_en)
            box.setToolTip(reason.text_ja)
            box.setChecked(reason.missing)
            box.toggled.connect(self._update)
            self.layout_.addWidget(box)
            self.item_boxes.append((box, reason))
        if not reasons:
            none = QLabel(self.tr("The policy names nothing missing: write what is needed."))
            none.setWordWrap(True)
            self.layout_.addWidget(none)
        self.layout_.addWidget(QLabel(self.tr("Other items or remarks (printed in the letter):")))
        self.text_edit = QPlainTextEdit()
        self.text_edit.textChanged.connect(self._update)
        self.layout_.addWidget(self.text_edit)
        self._finish()

    def items(self) -> list[str]:
        """The reason codes of the ticked items (the letter lists them in Japanese)."""
        chosen = (reason.code for box, reason in self.item_boxes if box.isChecked())
        return list(dict.fromkeys(chosen))

    def item_texts(self) -> list[str]:
        """The ticked items in Japanese, as the letter prints them."""
        return [reason.text_ja for box, reason in self.item_boxes if box.isChecked()]

    def text(self) -> str:
        """The free text."""
        return self.text_edit.toPlainText().strip()

    def is_complete(self) -> bool:
        """Something is asked for."""
        return bool(self.items() or self.text())


class RejectDialog(_DecisionDialog):
    """Reject: pick one of the policy's refusal grounds and write the reason (required)."""

    def __init__(
        self,
        case_id: str,
        grounds: Sequence[RefusalChoice],
        japanese: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._titles(
            self.tr("Reject %1").replace("%1", case_id), self.tr("Reject and draft the letter")
        )
        self.layout_.addWidget(QLabel(self.tr("Ground (from the policy):")))
        self.ground_combo = QComboBox()
        for ground in grounds:
            self.ground_combo.addItem(ground.text_ja if japanese else ground.text_en, ground.code)
        self.ground_combo.setCurrentIndex(-1)
        self.ground_combo.currentIndexChanged.connect(self._update)
        self.layout_.addWidget(self.ground_combo)
        self.layout_.addWidget(QLabel(self.tr("Reason (required):")))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.textChanged.connect(self._update)
        self.layout_.addWidget(self.reason_edit)
        self._finish()

    def choose_ground(self, code: str) -> None:
        """Select the ground ``code`` (tests, keyboard users)."""
        self.ground_combo.setCurrentIndex(self.ground_combo.findData(code))

    def ground(self) -> str | None:
        """The chosen ground's code."""
        data = self.ground_combo.currentData()
        return None if data is None else str(data)

    def reason(self) -> str:
        """The written reason."""
        return self.reason_edit.toPlainText().strip()

    def is_complete(self) -> bool:
        """A ground is chosen and a reason written."""
        return self.ground() is not None and bool(self.reason())
