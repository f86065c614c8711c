"""The app's import answers every file of the bad-input corpus with one clear line, no crash.

The same generated corpus as ``tests/reliability`` (truncated, bit-flipped, bombs, wrong
formats...) goes through the documents panel of a case, as a drag and drop would bring it: each
file ends either as a failed row whose tooltip names the file and the problem in one line, or
(a damaged file that still decodes) as pages to review — never a crash, never anything stored,
and the files that must be refused are refused. Rerun: ``pytest
tests/ui/test_bad_imports.py``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from desktop.services import documents, intake
from desktop.ui.widgets.documents_panel import DocumentsPanel, PageState
from tests.reliability import corpus
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools


@pytest.fixture(scope="module")
def bad_images(tmp_path_factory: pytest.TempPathFactory) -> list[corpus.BadFile]:
    """The corpus's image files (light ones: the heavy decode into pages of minutes of OCR)."""
    files = corpus.generate(tmp_path_factory.mktemp("bad-imports"), seed=1)
    return [f for f in files if f.target == "image" and not f.heavy and f.path.is_file()]


def test_every_refused_file_is_a_failed_row_saying_why(
    qtbot: QtBot, operator: Session, pools: Pools, bad_images: list[corpus.BadFile]
) -> None:
    assert len(bad_images) >= 400
    case = intake.open_case(operator, REQUEST, "test")
    panel = DocumentsPanel(operator, case.case_id, pools)
    qtbot.addWidget(panel)
    panel.show()
    started = time.monotonic()
    keys = panel.import_files([f.path for f in bad_images])
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=300_000)
    elapsed = time.monotonic() - started

    problems: list[str] = []
    for f, key in zip(bad_images, keys, strict=True):
        state = panel.entry_state(key)
        if state is None and 0 in f.expect:
            continue  # decoded: its pages replaced the row, ready to review
        if state is not PageState.FAILED:
            problems.append(f"{f.kind} {f.path.name}: {state}")
            continue
        row = next(i for i in range(panel.list.count()) if f.path.name in panel.list.item(i).text())
        why = panel.list.item(row).toolTip()
        if "\n" in why.strip() or f.path.name not in why or "Traceback" in why:
            problems.append(f"{f.kind} {f.path.name}: {why!r}")
    assert not problems, "\n".join(problems[:20])
    failed = sum(panel.entry_state(k) is PageState.FAILED for k in keys)
    assert failed >= sum(set(f.expect) == {2} for f in bad_images)
    assert not documents.list_documents(operator, case.case_id)  # nothing stored
    print(f"\n{len(bad_images)} bad files through the import in {elapsed:.1f} s: {failed} refused")
