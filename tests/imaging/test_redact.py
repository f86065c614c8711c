"""Measuring masks in an encoded page: the share of black pixels in each box."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from desktop.imaging.redact import black_fractions


def _png(black: tuple[int, int, int, int]) -> bytes:
    image = Image.new("RGB", (100, 60), "white")
    x, y, w, h = black
    ImageDraw.Draw(image).rectangle((x, y, x + w - 1, y + h - 1), fill=(10, 10, 10))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_each_box_is_measured_on_one_decode() -> None:
    png = _png((10, 10, 20, 10))
    fractions = black_fractions(png, [(10, 10, 20, 10), (10, 10, 40, 10), (60, 40, 10, 10)])
    assert fractions == [pytest.approx(1.0), pytest.approx(0.5), pytest.approx(0.0)]


def test_a_box_is_measured_by_its_part_inside_the_page() -> None:
    png = _png((90, 50, 10, 10))
    assert black_fractions(png, [(90, 50, 30, 30), (200, 200, 5, 5)]) == [
        pytest.approx(1.0),
        0.0,
    ]
