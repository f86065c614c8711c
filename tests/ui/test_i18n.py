"""Translations: honnin_ja.ts is complete and current, and the built .qm speaks Japanese."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "honnin_ja.ts"
QM = ROOT / "resources" / "i18n" / "honnin_ja.qm"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def test_no_unfinished_entries() -> None:
    messages = _messages(TS)
    assert messages
    unfinished = []
    for key, message in messages.items():
        translation = message.find("translation")
        assert translation is not None, key
        if translation.get("type") in ("vanished", "obsolete"):
            continue
        text = "".join(translation.itertext()).strip()
        if translation.get("type") == "unfinished" or not text:
            unfinished.append(key)
    assert unfinished == [], f"{len(unfinished)} unfinished in {TS.name}: {unfinished[:10]}"


def test_ts_lists_every_string_of_the_code(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        found = shutil.which("pyside6-lupdate")
        if found is None:
            pytest.skip("pyside6-lupdate is not installed")
        lupdate = Path(found)
    fresh = tmp_path / "fresh_ja.ts"
    subprocess.run(
        [
            str(lupdate),
            "-silent",
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            str(ROOT / "desktop" / "ui"),
            "-ts",
            str(fresh),
        ],
        check=True,
        timeout=120,
    )
    missing = sorted(set(_messages(fresh)) - set(_messages(TS)))
    assert missing == [], f"run `make i18n`: {len(missing)} new strings, e.g. {missing[:5]}"


def test_qm_translates_the_shell(qapp: Any) -> None:
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} missing: run `make i18n`"
    assert translator.translate("MainWindow", "Cases") == "案件一覧"
    assert translator.translate("UnlockDialog", "Sign in") == "サインイン"
    qapp.installTranslator(translator)
    try:  # the application fills in %n
        shown = QCoreApplication.translate("CaseTableModel", "Due in %n day(s)", None, 3)
    finally:
        qapp.removeTranslator(translator)
    assert shown == "期限まであと 3 日"


def test_tables_use_contexts_of_the_ts() -> None:
    """A table entry whose (context, source) the code no longer has is a stale translation."""
    from desktop.ui import i18n_shell_ja

    known = set(_messages(TS))
    stale = [key for key in i18n_shell_ja.TRANSLATIONS if key not in known]
    assert stale == []
