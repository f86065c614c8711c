"""Fill honnin_ja.ts from the translation tables after pyside6-lupdate (``make i18n``).

Usage: python resources/i18n/fill_ts.py resources/i18n/honnin_ja.ts

The tables are ``TRANSLATIONS`` dicts {(context, English source): Japanese} in
``desktop/ui/i18n_*_ja.py``. Every message found in a table gets its translation and loses
its ``unfinished`` mark; messages without one are listed on stderr and stay unfinished (the
test ``tests/ui/test_i18n.py`` then fails). Exit status 0, or 2 on a bad file.
"""

# A build script: it reports to the console, hence print.
# ruff: noqa: T201

from __future__ import annotations

import importlib
import pkgutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def tables() -> dict[tuple[str, str], str]:
    """Every (context, source) → Japanese of the ``desktop.ui.i18n_*_ja`` modules."""
    sys.path.insert(0, str(ROOT))
    import desktop.ui

    merged: dict[tuple[str, str], str] = {}
    for info in pkgutil.iter_modules(desktop.ui.__path__):
        if info.name.startswith("i18n_") and info.name.endswith("_ja"):
            module = importlib.import_module(f"desktop.ui.{info.name}")
            merged.update(module.TRANSLATIONS)
    return merged


def fill(ts: Path, table: dict[tuple[str, str], str]) -> tuple[int, list[tuple[str, str]]]:
    """Write the translations into ``ts``; return (filled, still unfinished)."""
    tree = ET.parse(ts)
    filled = 0
    missing: list[tuple[str, str]] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            text = table.get((name, source))
            if text is None:
                if translation.get("type") == "unfinished":
                    missing.append((name, source))
                continue
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                # Japanese has a single plural form.
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                form = ET.SubElement(translation, "numerusform")
                form.text = text
            else:
                translation.text = text
            filled += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(HEADER + body + "\n", encoding="utf-8")
    return filled, missing


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ts = Path(argv[1])
    try:
        filled, missing = fill(ts, tables())
    except (OSError, ET.ParseError) as exc:
        print(f"{ts}: {exc}", file=sys.stderr)
        return 2
    print(f"{ts}: {filled} translated, {len(missing)} unfinished")
    for context, source in missing:
        print(f"  unfinished: [{context}] {source!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
