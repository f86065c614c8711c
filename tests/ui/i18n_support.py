"""What the per-screen translation tests share: lupdate over some files, a table as a .qm."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTranslator

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


def tool(name: str) -> Path:
    """A Qt tool of the venv (pyside6-lupdate, pyside6-lrelease), or skip the test."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return beside
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return Path(found)


def messages(files: Iterable[str], folder: Path) -> set[tuple[str, str]]:
    """Every (context, source) that lupdate finds in ``files`` (paths from the repo root)."""
    ts = folder / "found.ts"
    subprocess.run(
        [str(tool("pyside6-lupdate")), "-silent", "-extensions", "py", "-locations", "none"]
        + [str(ROOT / f) for f in files]
        + ["-ts", str(ts)],
        check=True,
    )
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }


def assert_table_matches(
    files: Iterable[str], table: Mapping[tuple[str, str], str], folder: Path
) -> None:
    """Every string of ``files`` has its Japanese in ``table``, and no entry is stale."""
    found = messages(files, folder)
    assert found
    assert sorted(found - set(table)) == []
    assert sorted(set(table) - found) == []  # no stale entries


@contextmanager
def installed(
    qapp: QApplication, table: Mapping[tuple[str, str], str], folder: Path
) -> Iterator[None]:
    """``table`` compiled to a .qm with lrelease and installed while the block runs."""
    by_context: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (context, source), text in table.items():
        by_context[context].append((source, text))
    root = ET.Element("TS", version="2.1", language="ja_JP")
    for context, items in by_context.items():
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source, text in items:
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = text
    ts, qm = folder / "table_ja.ts", folder / "table_ja.qm"
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        yield
    finally:
        qapp.removeTranslator(translator)
