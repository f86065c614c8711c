"""QApplication set-up: translators (Japanese by default), the main window, the event loop."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

if TYPE_CHECKING:
    from collections.abc import Sequence

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = ("ja", "en")  # ja is the default; en is the source language of every string


def preferred_language(settings: QSettings) -> str:
    """The UI language from the user's settings, Japanese unless English was chosen."""
    value = str(settings.value("ui/language", "ja"))
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


def run(argv: Sequence[str]) -> int:
    """Start the desktop application and return its exit status."""
    app = QApplication(list(argv))
    app.setOrganizationName("Honnin Desk")
    app.setApplicationName("Honnin Desk")
    translators = install_translators(app, preferred_language(QSettings()))
    label = QLabel(app.translate("App", "Honnin Desk: the desktop window is being built."))
    label.setMinimumSize(480, 120)
    label.show()
    status = int(app.exec())
    del translators
    return status
