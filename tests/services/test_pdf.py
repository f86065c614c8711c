"""The PDF writer: embedded subset font, extractable text, page flow."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from desktop.core.errors import InputError
from desktop.services import letters
from desktop.services.pdf import FontError, Line, TrueType, render, wrap

if TYPE_CHECKING:
    from tests.services.conftest import Desk


@pytest.fixture
def font(desk: Desk) -> TrueType:
    try:
        return letters.find_font(desk.admin)
    except InputError:
        pytest.skip("no Japanese TrueType font installed")


def test_text_round_trips_and_the_font_is_a_small_subset(font: TrueType) -> None:
    pdf = render(font, [Line("受付番号：2026-000001"), Line("髙橋 﨑子 様", size=12)])
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "2026-000001" in text
    assert "様" in text
    assert b"/FontFile2" in pdf
    assert len(pdf) < len(font.data) / 20  # only the glyphs used are kept


def test_long_text_wraps_and_flows_onto_new_pages(font: TrueType) -> None:
    long = "本人確認書類" * 400
    parts = wrap(font, long, 10.5, 400)
    assert len(parts) > 10
    assert "".join(parts) == long
    pdf = render(font, [Line(long)])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    assert "".join(p.extract_text().replace("\n", "") for p in reader.pages) == long


def test_not_a_font() -> None:
    with pytest.raises(FontError):
        TrueType.parse(b"\x00\x01\x00\x00" + b"\x00" * 8)
    with pytest.raises(FontError):
        TrueType.parse(b"OTTO" + b"\x00" * 8)
