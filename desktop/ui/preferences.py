"""The workstation's UI preferences in QSettings, declared once with their defaults.

Only UI preferences live here (language, idle-lock minutes, the scanner hot folder of this
workstation, window geometry); policy, retention and accounts live in the encrypted store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

LANGUAGE = "ui/language"
IDLE_MINUTES = "lock/idle_minutes"
HOT_FOLDER = "scanner/hot_folder"
REMOVE_ORIGINALS = "scanner/remove_originals"  # remove scanned files once stored masked
GEOMETRY = "window/geometry"

DEFAULT_IDLE_MINUTES = 10
MIN_IDLE_MINUTES, MAX_IDLE_MINUTES = 1, 240


def idle_minutes(settings: QSettings) -> int:
    """Minutes without input before the window locks (clamped to 1–240)."""
    try:
        value = int(str(settings.value(IDLE_MINUTES, DEFAULT_IDLE_MINUTES)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return min(max(value, MIN_IDLE_MINUTES), MAX_IDLE_MINUTES)


def hot_folder(settings: QSettings) -> str:
    """The scanner's hot folder of this workstation ("" when none is set)."""
    return str(settings.value(HOT_FOLDER, "") or "")


def remove_originals(settings: QSettings) -> bool:
    """Whether scanned files are removed from the hot folder once stored masked."""
    return str(settings.value(REMOVE_ORIGINALS, "false")).lower() in ("true", "1")
