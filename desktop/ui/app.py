"""QApplication set-up: arguments, translators (Japanese by default), first run or sign-in,
the main window and the event loop; ``--demo`` and ``--screenshot``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.ui import preferences

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType

    from desktop.services.ports import PolicyEngine, StoreOpener
    from desktop.services.session import Session
    from desktop.ui.demo import DemoStore
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = ("ja", "en")  # ja is the default; en is the source language of every string


def preferred_language(settings: QSettings) -> str:
    """The UI language from the user's settings, Japanese unless English was chosen."""
    value = str(settings.value(preferences.LANGUAGE, "ja"))
    return value if value in LANGUAGES else "ja"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's own and Honnin Desk's translations for ``language``; return them (keep them)."""
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"honnin_{language}", str(I18N_DIR))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


@dataclass(frozen=True, slots=True)
class Options:
    """The command line of ``honnin-desk``."""

    demo: bool
    screenshot: Path | None
    data_dir: Path | None
    language: str | None
    idle_minutes: int | None


def parse_args(argv: Sequence[str]) -> Options:
    """Read the options (``argv`` without the program name)."""
    parser = argparse.ArgumentParser(
        prog="honnin-desk", description="Honnin Desk: identity verification desk (本人確認デスク)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway store with invented cases"
    )
    parser.add_argument(
        "--screenshot", metavar="DIR", type=Path, help="render each main screen to PNG and exit"
    )
    parser.add_argument(
        "--data-dir",
        "--store",
        dest="data_dir",
        metavar="DIR",
        type=Path,
        help="the store's folder (default: the user-data folder)",
    )
    parser.add_argument("--language", choices=LANGUAGES, help="UI language (default: ja)")
    parser.add_argument(
        "--idle-minutes", type=int, metavar="N", help="lock after N minutes without input"
    )
    args, _qt_args = parser.parse_known_args(list(argv))  # Qt's own (-style, …) pass through
    return Options(
        demo=bool(args.demo),
        screenshot=args.screenshot,
        data_dir=args.data_dir,
        language=args.language,
        idle_minutes=args.idle_minutes,
    )


def _crash_handler(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The one place unexpected errors reach: a message naming the error type, no data."""
    del tb
    log.error("unexpected error: %s", kind.__name__)
    if QApplication.instance() is not None:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "Honnin Desk"),
            QCoreApplication.translate(
                "App", "An unexpected error occurred (%1). Nothing unsaved was written."
            ).replace("%1", kind.__name__),
        )
    del exc


def run(argv: Sequence[str]) -> int:
    """Start the desktop application and return its exit status."""
    options = parse_args(argv[1:])
    if options.screenshot is not None:
        # Screenshots need no display: render off-screen unless a platform was chosen.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setOrganizationName("Honnin Desk")
    app.setApplicationName("Honnin Desk")
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Honnin Desk"))
    language = options.language or preferred_language(QSettings())
    translators = install_translators(app, language)
    sys.excepthook = _crash_handler

    from desktop.ui.workers import Pools

    pools = Pools()
    try:
        if options.screenshot is not None:
            from desktop.ui.screenshots import render_screens

            return render_screens(app, options.screenshot, _data_root(options), pools)
        return _run_window(app, options, pools)
    finally:
        pools.drain()
        del translators


def _data_root(options: Options) -> Path:
    from desktop.services.paths import store_dir

    return store_dir(options.data_dir)


def _run_window(app: QApplication, options: Options, pools: Pools) -> int:
    from desktop.services import workspace
    from desktop.ui.dialogs.first_run_wizard import FirstRunWizard
    from desktop.ui.dialogs.unlock_dialog import UnlockDialog
    from desktop.ui.main_window import MainWindow

    folder = _data_root(options)
    policies: PolicyEngine = workspace.FilePolicies()
    opener: StoreOpener = workspace.opener(folder)
    demo: DemoStore | None = None
    hint = ""
    session: Session | None
    if options.demo:
        from desktop.ui import demo as demo_module

        demo = demo_module.create_demo_store(folder)
        opener, policies, session = demo.opener, demo.policies, demo.session
        hint = demo_hint()
    elif not opener.exists():
        wizard = FirstRunWizard(opener, policies, folder=str(folder), pool=pools.analysis)
        wizard.exec()
        session = wizard.session  # once created, the store is used even if closed after
    else:
        dialog = UnlockDialog(opener, policies, pool=pools.analysis, pools=pools)
        dialog.exec()
        session = dialog.session if dialog.result() == QDialog.DialogCode.Accepted else None
    if session is None:
        return 0
    minutes = options.idle_minutes or preferences.idle_minutes(QSettings())
    window = MainWindow(
        session,
        pools,
        opener=opener,
        policies=policies,
        idle_msecs=max(1, minutes) * 60_000,
        unlock_hint=hint,
    )
    window.show()
    try:
        return int(app.exec())
    finally:
        window.close()
        pools.drain()
        if demo is not None:
            demo.remove()


def demo_hint() -> str:
    """The demo accounts, shown in the sign-in dialog of the demo."""
    from desktop.ui import demo

    return (
        QCoreApplication.translate(
            "App", "Demo accounts: %1 (operator), %2 (supervisor), %3 (administrator); password %4"
        )
        .replace("%1", demo.OPERATOR)
        .replace("%2", demo.SUPERVISOR)
        .replace("%3", demo.ADMIN)
        .replace("%4", demo.PASSWORD)
    )
