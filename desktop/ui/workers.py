"""Background work for the GUI: a QRunnable worker, its signals, and the two thread pools.

Slow work (scans, store writes) never runs on the GUI thread. Inputs are immutable snapshots;
``run()`` never touches a widget; errors come back as objects for the window to show.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)


def while_alive(owner: QObject, fn: Callable[..., None]) -> Callable[..., None]:
    """``fn``, called only while ``owner`` still exists.

    A job may end after its screen was closed (a lock drops the key and the screens with it);
    Qt forgets connections to a deleted widget's methods, but not to a lambda or closure that
    reaches into the widget. Wrap those.
    """

    def call(*args: Any) -> None:
        if isValid(owner):
            fn(*args)

    return call


class WorkerSignals(QObject):
    """Signals of one worker, emitted from the pool thread and delivered on the GUI thread."""

    started = Signal()
    progress = Signal(int, int)
    result = Signal(object)
    error = Signal(object)
    finished = Signal()


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


class Worker(QRunnable):
    """Run ``fn(*args, progress=..., cancelled=...)`` on a pool thread.

    The function receives two keyword arguments: ``progress(done, total)`` to report progress
    and ``cancelled()`` returning True once ``cancel()`` was called; it should stop soon after.
    """

    _alive: ClassVar[set[Worker]] = set()  # running workers are kept alive until they finish

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self._fn = fn
        self._args = args
        self._cancelled = False

    def cancel(self) -> None:
        """Ask the job to stop; it finishes with an error of type ``Cancelled``."""
        self._cancelled = True

    def is_cancelled(self) -> bool:
        """Whether the user asked the job to stop."""
        return self._cancelled

    def start(self, pool: QThreadPool) -> None:
        """Queue the job on ``pool`` and keep it alive until it finishes."""
        Worker._alive.add(self)
        self.signals.finished.connect(lambda: Worker._alive.discard(self))
        pool.start(self)

    @Slot()
    def run(self) -> None:
        """Run the job; emit result or error, then finished."""
        self.signals.started.emit()
        try:
            value = self._fn(
                *self._args, progress=self.signals.progress.emit, cancelled=self.is_cancelled
            )
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the window as a message
            log.info("job %s failed: %s", getattr(self._fn, "__name__", "?"), type(exc).__name__)
            self.signals.error.emit(exc)
        else:
            if self._cancelled:
                self.signals.error.emit(Cancelled())
            else:
                self.signals.result.emit(value)
        finally:
            self.signals.finished.emit()


class Pools:
    """The two pools: analysis (cores - 1, at least 1) and write (one thread, every store write)."""

    def __init__(self) -> None:
        self.analysis = QThreadPool()
        cores = QThreadPool.globalInstance().maxThreadCount()
        self.analysis.setMaxThreadCount(max(1, cores - 1))
        self.write = QThreadPool()
        self.write.setMaxThreadCount(1)

    def drain(self, msecs: int = 30_000) -> bool:
        """Wait for both pools to finish; return True if they did within ``msecs``."""
        return bool(self.analysis.waitForDone(msecs)) and bool(self.write.waitForDone(msecs))
