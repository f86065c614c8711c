"""QApplication set-up: translators, the main window, and the event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


def run(argv: Sequence[str]) -> int:
    """Start the desktop application and return its exit status."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(list(argv))
    app.setApplicationName("Honnin Desk")
    label = QLabel(app.translate("App", "Honnin Desk: the desktop window is being built."))
    label.setMinimumSize(480, 120)
    label.show()
    return int(app.exec())
