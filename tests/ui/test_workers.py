"""Workers run jobs off the GUI thread and report progress, results, errors and cancellation."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import pytest

from desktop.ui.workers import Cancelled, Pools, Worker

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytestqt.qtbot import QtBot


@pytest.fixture
def pools(qapp: Any) -> Iterator[Pools]:
    p = Pools()
    yield p
    assert p.drain(), "a worker was still running at teardown"


def _job(n: int, *, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
    for i in range(n):
        progress(i + 1, n)
    return threading.get_ident()


def test_result_comes_from_another_thread(qtbot: QtBot, pools: Pools) -> None:
    worker = Worker(_job, 3)
    seen: list[tuple[int, int]] = []
    worker.signals.progress.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(worker.signals.result, timeout=5000) as blocker:
        worker.start(pools.analysis)
    assert blocker.args[0] != threading.get_ident()
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_error_becomes_an_object(qtbot: QtBot, pools: Pools) -> None:
    def fail(*, progress: Any, cancelled: Any) -> None:
        raise ValueError("bad page")

    worker = Worker(fail)
    with qtbot.waitSignal(worker.signals.error, timeout=5000) as blocker:
        worker.start(pools.write)
    assert isinstance(blocker.args[0], ValueError)


def test_cancel_ends_with_cancelled(qtbot: QtBot, pools: Pools) -> None:
    gate = threading.Event()

    def wait(*, progress: Any, cancelled: Callable[[], bool]) -> str:
        gate.wait(5)
        return "done"

    worker = Worker(wait)
    with qtbot.waitSignal(worker.signals.error, timeout=5000) as blocker:
        worker.start(pools.analysis)
        worker.cancel()
        gate.set()
    assert isinstance(blocker.args[0], Cancelled)
