"""Idle lock: no keyboard or mouse input for a set time locks the window (the key is dropped)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleLock(QObject):
    """Watch the application's input and emit ``idle_timed_out`` after ``msecs`` without any.

    An event filter on the QApplication restarts a single-shot timer on every keyboard,
    mouse or touch input. The window reacts to the signal: it drops the store's key and asks
    for the password again. ``pause()`` stops watching while the window is locked.

    Signals:
        idle_timed_out(): no input for the whole interval.
    """

    idle_timed_out = Signal()

    def __init__(
        self, app: QApplication | QCoreApplication, msecs: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # A coarse timer may fire 5 % early: a 10-minute lock 30 s before its time.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(msecs)
        self.timer.timeout.connect(self._timed_out)
        app.installEventFilter(self)

    @classmethod
    def minutes(cls, app: QApplication, minutes: int, parent: QObject | None = None) -> IdleLock:
        """An idle lock of ``minutes`` minutes."""
        return cls(app, minutes * 60_000, parent)

    def set_interval(self, msecs: int) -> None:
        """Change the idle time (takes effect at once)."""
        self.timer.setInterval(msecs)
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        """Start (or restart) watching."""
        self.timer.start()

    def pause(self) -> None:
        """Stop watching (while locked)."""
        self.timer.stop()

    def uninstall(self) -> None:
        """Stop watching for good and remove the event filter."""
        self.timer.stop()
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()  # restart the countdown
        return False

    def _timed_out(self) -> None:
        log.info("idle lock after %d ms without input", self.timer.interval())
        self.idle_timed_out.emit()
