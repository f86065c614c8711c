"""`python -m desktop` and `honnin-desk`: start the desktop application (or ``--self-test`` it)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

SELF_TEST = "--self-test"


def main() -> int:
    """Start the desktop app and return its exit status."""
    if SELF_TEST in sys.argv[1:]:
        return self_test(sys.argv[1:])
    from desktop.ui.app import run

    return run(sys.argv)


def _data_dir(args: Sequence[str]) -> Path | None:
    """The value of ``--data-dir DIR`` / ``--data-dir=DIR`` (or ``--store``), if given."""
    for i, arg in enumerate(args):
        for flag in ("--data-dir", "--store"):
            if arg == flag and i + 1 < len(args):
                return Path(args[i + 1])
            if arg.startswith(flag + "="):
                return Path(arg.split("=", 1)[1])
    return None


def _check_policies() -> str:
    from desktop.services.policies import builtin_dir, builtin_policies

    found = builtin_policies()
    if not found:
        raise RuntimeError(f"no built-in policy in {builtin_dir()}")
    return f"{len(found)} built-in policies"


def _check_migrations() -> str:
    from desktop.store.migrate import MIGRATIONS_DIR, discover

    found = discover()
    if not found:
        raise RuntimeError(f"no migration in {MIGRATIONS_DIR}")
    return f"{len(found)} migrations"


def _check_translations() -> str:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desktop.ui.app import I18N_DIR

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    translator = QTranslator(app)
    if not translator.load("honnin_ja", str(I18N_DIR)):
        raise RuntimeError(f"honnin_ja.qm not loadable from {I18N_DIR}")
    return "honnin_ja.qm"


def _check_tesseract() -> str:
    import numpy as np

    from desktop.imaging import ocr

    missing = {"jpn", "eng"} - ocr.available_languages()
    if missing:
        raise RuntimeError(f"traineddata missing in {ocr.tessdata_dir()}: {sorted(missing)}")
    # A blank strip: loads the engine and its data end to end, reads nothing.
    ocr.recognize(np.full((48, 160), 255, dtype=np.uint8), lang="jpn+eng", psm=ocr.PSM_SINGLE_LINE)
    return f"Tesseract {ocr.version()}, tessdata {ocr.tessdata_dir()}"


def _check_mrz_font() -> str:
    from desktop.imaging.mrz import find_font

    font = find_font()
    if font is None:
        raise RuntimeError("OCR-B font not found (install fonts-ocr-b or set HONNIN_OCRB_FONT)")
    return font.name


def _check_store(root: Path | None) -> Callable[[], str]:
    def check() -> str:
        from desktop.services import letters
        from desktop.services.paths import store_dir
        from desktop.services.review import ResponseKind
        from desktop.ui import demo

        started = time.monotonic()
        store = demo.create_demo_store(store_dir(root))
        try:
            letters.find_font(store.session)
            for kind in ResponseKind:
                letters.validate_template(kind, letters.builtin_template(kind))
            count = len(list(store.folder.iterdir()))
        finally:
            store.remove()
        elapsed = time.monotonic() - started
        return (
            f"demo store created, letter font and templates found, removed "
            f"({count} files, {elapsed:.1f} s)"
        )

    return check


def self_test(args: Sequence[str]) -> int:
    """Check that the installed app finds its parts; 0 when all are there, else 1.

    Resources (policies, migrations, translations), Tesseract and its data, the fonts, and a
    throwaway demo store of invented cases under ``--data-dir`` (removed again). Prints one
    line per check (names and counts, no personal data).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks: list[tuple[str, Callable[[], str]]] = [
        ("policies", _check_policies),
        ("migrations", _check_migrations),
        ("translations", _check_translations),
        ("tesseract", _check_tesseract),
        ("mrz-font", _check_mrz_font),
        ("store", _check_store(_data_dir(args))),
    ]
    failed = 0
    for name, check in checks:
        try:
            detail = check()
        except Exception as error:  # noqa: BLE001 — every failure is reported, none escapes
            failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)  # noqa: T201
        else:
            print(f"ok   {name}: {detail}", flush=True)  # noqa: T201
    print("self-test", "passed" if not failed else f"failed ({failed})")  # noqa: T201
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
