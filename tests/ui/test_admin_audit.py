"""The audit screen: chain verification (intact, then broken by tampering), export, disposal."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

import sqlcipher3

from desktop.core.case import Holder
from desktop.core.documents import DocumentType
from desktop.services import admin, documents, intake, review
from desktop.services.documents import MaskedPage
from desktop.store.db import DB_NAME, parse_recovery_key
from desktop.ui.widgets.admin_audit import AdminAuditWidget
from tests.services.conftest import png
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def _widget(qtbot: QtBot, session: Session, pools: Pools) -> AdminAuditWidget:
    widget = AdminAuditWidget(session, pools)
    qtbot.addWidget(widget)
    return widget


def _tamper(desk: UiDesk, event_id: int) -> None:
    """Change one audit row behind the app's back, through a raw SQLCipher connection."""
    conn = sqlcipher3.connect(str(desk.directory / DB_NAME), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{parse_recovery_key(desk.recovery_key).hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 3")
        conn.execute("UPDATE audit_events SET actor = 'mallory' WHERE id = ?", (event_id,))
    finally:
        conn.close()


def test_verify_shows_intact_then_broken_after_tampering(
    qtbot: QtBot, desk: UiDesk, pools: Pools
) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    with qtbot.waitSignal(widget.chain_verified, timeout=10_000) as verified:
        widget.verify_button.click()
    assert verified.args == [True]
    assert widget.verify_result.text().startswith("Intact: ")
    assert "\n" not in widget.verify_result.text()
    _tamper(desk, 2)
    with qtbot.waitSignal(widget.chain_verified, timeout=10_000) as verified:
        widget.verify()
    assert verified.args == [False]
    assert widget.verify_result.text().startswith("BROKEN: the first broken link is event 2 ")


def test_export_csv_for_an_auditor(
    qtbot: QtBot, desk: UiDesk, pools: Pools, tmp_path: Path
) -> None:
    widget = _widget(qtbot, desk.admin, pools)
    target = tmp_path / "audit.csv"
    with qtbot.waitSignal(widget.audit_exported, timeout=10_000) as exported:
        widget.export_csv_to(target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["event_id", "at", "user", "action"]
    assert exported.args == [str(target), len(rows) - 1]
    assert [r[3] for r in rows[1:3]] == ["init", "manage_users"]
    assert "audit.csv" in widget.export_result.text()


def test_supervisor_may_verify_but_not_export(
    qtbot: QtBot, supervisor: Session, pools: Pools, tmp_path: Path
) -> None:
    widget = _widget(qtbot, supervisor, pools)
    with qtbot.waitSignal(widget.chain_verified, timeout=10_000):
        widget.verify()
    with qtbot.waitSignal(widget.failed, timeout=10_000) as failed:
        widget.export_csv_to(tmp_path / "audit.csv")
    assert "may not" in failed.args[0]
    assert not (tmp_path / "audit.csv").exists()


def test_operator_may_not_dispose(qtbot: QtBot, operator: Session, pools: Pools) -> None:
    widget = _widget(qtbot, operator, pools)
    with qtbot.waitSignal(widget.failed, timeout=10_000) as failed:
        widget.dispose()
    assert "may not" in failed.args[0]
    assert widget.dispose_button.isEnabled()


def test_disposal_removes_images_and_keeps_the_record(
    qtbot: QtBot, desk: UiDesk, operator: Session, supervisor: Session, pools: Pools
) -> None:
    admin.set_policy(desk.admin, "leverages")  # identity copies destroyed once verified
    case = intake.open_case(operator, REQUEST, "test")
    page = MaskedPage(png(), 200, 120, DocumentType.PASSPORT, {"name": "架空 花子"})
    stored = documents.add_page(operator, case.case_id, page, holder=Holder.PRINCIPAL)
    review.submit(operator, case.case_id)
    widget = _widget(qtbot, desk.admin, pools)
    with qtbot.waitSignal(widget.documents_disposed, timeout=10_000) as nothing:
        widget.dispose()
    assert nothing.args == [[]]  # still in review: nothing is due
    review.approve(supervisor, case.case_id)

    qtbot.waitUntil(widget.due_button.isEnabled, timeout=10_000)
    widget.show_due()
    qtbot.waitUntil(lambda: widget.table.rowCount() == 1, timeout=10_000)
    assert desk.admin.store.documents.image(stored.document_id) is not None  # only listed

    qtbot.waitUntil(widget.dispose_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(widget.documents_disposed, timeout=10_000) as disposed:
        widget.dispose_button.click()
    assert disposed.args == [[stored.document_id]]
    assert desk.admin.store.documents.image(stored.document_id) is None
    record = desk.admin.store.documents.get(stored.document_id)
    assert record is not None
    assert record.document_type is DocumentType.PASSPORT
    assert record.disposed_by == desk.admin.user.name
    assert record.fields == {}
    row = widget.rows()[0]
    assert row[:5] == [
        str(stored.document_id),
        case.case_id,
        "Passport",
        "After the decision",
        desk.admin.user.name,
    ]
    assert "1 image(s) destroyed" in widget.disposal_result.text()
    events = [e for e in desk.admin.store.audit.events() if e.action == "dispose"]
    assert [e.document_id for e in events] == [stored.document_id]
    assert desk.admin.store.audit.verify().intact
