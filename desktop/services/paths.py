"""Where things live: the store's folder (platform user-data folder unless overridden)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "HonninDesk"


def default_store_dir() -> Path:
    """The platform's user-data folder for the store (e.g. ``~/.local/share/HonninDesk``)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def store_dir(override: str | Path | None = None) -> Path:
    """The store's folder: ``override`` (``--store`` / ``--data-dir``) or the default."""
    if override is None or str(override) == "":
        return default_store_dir()
    return Path(override).expanduser()
