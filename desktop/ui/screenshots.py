"""``honnin-desk --screenshot DIR``: render each main screen of a demo store to PNG, then exit.

The screens are shown off-screen-sized and grabbed with ``QWidget.grab()``: first run,
sign-in, the main window with its case list and a case with a page in the mask editor. The
demo store is removed afterwards.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.ui.demo import DemoStore
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)

SETTLE_SECONDS = 10.0
"""At most this long for a screen's background work (page loads) before it is grabbed."""


def _settle(app: QApplication, pools: Pools, seconds: float = 0.3) -> None:
    """Let queued events, layouts and workers finish (bounded)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    quiet_until = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        busy = pools.analysis.activeThreadCount() or pools.write.activeThreadCount()
        if busy:
            quiet_until = time.monotonic() + seconds
        elif time.monotonic() >= quiet_until:
            return
        time.sleep(0.01)


def _save(widget: QWidget, path: Path, app: QApplication, pools: Pools) -> None:
    widget.show()
    _settle(app, pools)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    log.info("screenshot %s written", path.name)


def render_screens(app: QApplication, out: Path, root: Path, pools: Pools) -> int:
    """Write the screens' PNGs into ``out``; return the exit status (0)."""
    from desktop.services import documents as document_service
    from desktop.services import intake
    from desktop.ui import demo
    from desktop.ui.app import demo_hint
    from desktop.ui.dialogs.first_run_wizard import FirstRunWizard
    from desktop.ui.dialogs.unlock_dialog import UnlockDialog
    from desktop.ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    store = demo.create_demo_store(root)
    written: list[Path] = []
    try:
        # First run: a folder that holds no store (nothing is created: no page is committed).
        preview = store.folder.parent / (store.folder.name + "-preview")
        from desktop.services import workspace

        wizard = FirstRunWizard(workspace.opener(preview), store.policies, folder=str(preview))
        wizard.resize(720, 520)
        _save(wizard, out / "01-first-run.png", app, pools)
        wizard.next()
        wizard.admin_page.name_edit.setText(demo.ADMIN)
        wizard.admin_page.password_edit.setText("x" * 12)
        wizard.admin_page.repeat_edit.setText("x" * 12)
        _save(wizard, out / "02-first-run-admin.png", app, pools)
        wizard.next()
        _save(wizard, out / "03-first-run-policy.png", app, pools)
        wizard.close()
        written += [out / "01-first-run.png", out / "02-first-run-admin.png"]

        unlock = UnlockDialog(store.opener, store.policies, hint=demo_hint())
        unlock.user_edit.setText(demo.OPERATOR)
        _save(unlock, out / "04-sign-in.png", app, pools)
        unlock.close()

        window = MainWindow(store.session, pools, opener=store.opener, policies=store.policies)
        window.resize(1280, 800)
        _save(window, out / "05-main-window.png", app, pools)

        with_page = next(
            (
                row.case_id
                for row in intake.list_cases(store.session)
                if document_service.list_documents(store.session, row.case_id)
                and row.status in intake.EDITABLE
            ),
            None,
        )
        if with_page is not None:
            case_widget = window.open_case(with_page)
            _settle(app, pools)
            _show_first_page(case_widget, store.session, with_page)
            _save(window, out / "06-case-mask-editor.png", app, pools)
        window.idle_lock.pause()
        window.close()
        _settle(app, pools, 0.05)
        _supervisor_screens(app, out, store, pools)
    finally:
        pools.drain()
        store.remove()
    del written
    QCoreApplication.processEvents()
    return 0


def _supervisor_screens(app: QApplication, out: Path, store: DemoStore, pools: Pools) -> None:
    """The screens of the supervisor's and administrator's day, signed in as the administrator."""
    from desktop.core.cases import CaseStatus
    from desktop.services import accounts, intake
    from desktop.services import letters as letter_service
    from desktop.ui import demo
    from desktop.ui.main_window import MainWindow

    session = accounts.unlock(store.opener, store.policies, user=demo.ADMIN, password=demo.PASSWORD)
    window = MainWindow(session, pools, opener=store.opener, policies=store.policies)
    window.resize(1280, 800)
    window.show()
    try:
        for name, file in (
            ("review_queue", "07-review-queue.png"),
            ("dashboard", "10-dashboard.png"),
            ("statistics", "11-statistics.png"),
            ("audit", "13-audit-and-disposal.png"),
            ("administration", "12-administration.png"),
        ):
            tab = window.role_tab(name)
            if tab is None:
                continue
            window.tabs.setCurrentWidget(tab)
            count = getattr(tab, "count", None)
            if name == "statistics" and callable(count):
                count()
            verify = getattr(tab, "verify", None)
            if name == "audit" and callable(verify):
                verify()
            _save(window, out / file, app, pools)
        in_review = intake.list_cases(session, CaseStatus.IN_REVIEW)
        if in_review:
            window.open_review(in_review[0].case_id)
            _settle(app, pools, 0.5)
            _save(window, out / "08-review-case.png", app, pools)
        with_letter = next(
            (
                case.case_id
                for case in intake.list_cases(session, CaseStatus.APPROVED)
                if letter_service.list_letters(session, case.case_id)
            ),
            None,
        )
        if with_letter is not None:
            window.open_case(with_letter)
            _save(window, out / "09-case-letters.png", app, pools)
    finally:
        window.idle_lock.pause()
        window.close()
        _settle(app, pools, 0.05)


def _show_first_page(widget: object, session: object, case_id: str) -> None:
    """Select the case's first stored page in the case screen (when it offers a documents panel)."""
    from desktop.services import documents as document_service

    panel = getattr(widget, "documents", None)
    if panel is None or not hasattr(panel, "key_of_document"):
        return
    records = document_service.list_documents(session, case_id)  # type: ignore[arg-type]
    if not records:
        return
    key = panel.key_of_document(records[0].document_id)
    if key is not None:
        panel.select_key(key)
