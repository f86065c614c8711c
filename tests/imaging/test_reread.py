"""A closer look at the lines that carry fields: which lines, which stretches, which reading."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from desktop.imaging.fields import build_lines, line_from_words
from desktop.imaging.reread import SURE, field_lines, reread
from desktop.imaging.types import Box, Word
from tests.synth.documents import font

H = 30  # character height of the hand-made lines, in pixels


def words_of(rows: list[tuple[int, list[tuple[int, str, float]]]]) -> list[Word]:
    """Words from ``(y, [(x, text, conf), ...])`` rows; every character is H × H pixels."""
    return [
        Word(text, Box(x, y, H * len(text), H), conf, n)
        for n, (y, row) in enumerate(rows)
        for x, text, conf in row
    ]


def test_label_and_date_and_address_lines_are_picked_and_others_are_not() -> None:
    lines = build_lines(
        words_of(
            [
                (0, [(0, "運転免許証", 95)]),
                (50, [(0, "氏名", 95), (100, "山田太郎", 60)]),
                (100, [(0, "昭和60年4月12日生", 80)]),
                (150, [(0, "東京都千代田区霞が関1丁目", 80)]),
                (200, [(0, "公安委員会", 95)]),
                (250, [(0, "住所", 95)]),
                (300, [(0, "大阪市北区", 80)]),
            ]
        )
    )
    picked = field_lines(lines)
    texts = [lines[i].text for i in picked]
    assert texts[0] == "氏名山田太郎"  # a label's line comes first
    assert "住所" in texts  # … and the value under a label that ends its line
    assert "大阪市北区" in texts
    assert "昭和60年4月12日生" in texts
    assert "東京都千代田区霞が関1丁目" in texts
    assert "運転免許証" not in texts
    assert "公安委員会" not in texts
    assert len(field_lines(lines, limit=2)) == 2


def _page(parts: list[tuple[int, str]], size: tuple[int, int], px: int) -> np.ndarray:
    """A white BGR page with text drawn at ``(x, text)`` on one row, characters ``px`` tall."""
    im = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(im)
    face = font("noto_sans", px)
    for x, text in parts:
        draw.text((x, 10), text, font=face, fill="black")
    return np.asarray(im)[:, :, ::-1].copy()


@pytest.mark.tesseract
def test_an_unsure_stretch_is_read_again_and_a_sure_one_is_kept() -> None:
    # The page at full resolution: 氏名 and a name 60 px tall; the first read saw it at half
    # the size and misread the name (unsure) and, surely, the label.
    image = _page([(20, "氏名"), (400, "宮坂 浩二")], (1000, 90), 60)
    scale = 0.5
    first = words_of([(5, [(10, "氏名", 95.0), (200, "品坂浩二", 40.0)])])
    lines = build_lines(first)
    again = reread(image, scale, lines, first, [0])
    assert again.replaced == (0,)
    line = again.lines[0]
    assert line.text == "氏名宮坂浩二"
    # The new reading's boxes are in the first read's pixels: the name starts near x = 200.
    start = line.text.index("宮")
    assert abs(line.boxes[start].x - 200) < 15

    # A first read sure of every word is not read again, right or wrong.
    sure = words_of([(5, [(10, "氏名", 95.0), (200, "品坂浩二", SURE + 1)])])
    kept = reread(image, scale, build_lines(sure), sure, [0])
    assert kept.replaced == ()
    assert kept.lines[0].text == "氏名品坂浩二"


@pytest.mark.tesseract
def test_a_blank_stretch_keeps_its_first_reading() -> None:
    image = np.full((90, 1000, 3), 255, np.uint8)
    first = words_of([(5, [(200, "山田", 20.0)])])
    lines = build_lines(first)
    out = reread(image, 0.5, lines, first, [0])
    assert out.replaced == ()
    assert out.lines[0] == lines[0]


def test_line_from_words_orders_words_left_to_right() -> None:
    words = words_of([(0, [(200, "太郎", 90), (0, "氏名", 90), (100, "山田", 90)])])
    assert line_from_words(words).spaced == "氏名 山田 太郎"


def test_stretches_part_at_wide_blank_gaps_only() -> None:
    from desktop.imaging.reread import _stretches

    row = [(0, "氏名", 90.0), (150, "山田", 90.0), (700, "太郎", 90.0)]
    line = build_lines(words_of([(100, row)]))[0]
    assert _stretches(line) == [Box(0, 100, 60, 30), Box(150, 100, 60, 30), Box(700, 100, 60, 30)]
    # Print in a gap (text the first read lost) joins the stretches on either side of it.
    joined = _stretches(line, lambda gap: gap.x > 200)
    assert joined == [Box(0, 100, 60, 30), Box(150, 100, 610, 30)]


def test_a_mark_far_taller_than_the_line_is_cut_at_the_lines_height() -> None:
    from desktop.imaging.reread import _stretches

    words = words_of([(100, [(0, "有効期限", 90), (150, "令和5年", 90)])])
    seal = Word("回", Box(300, 60, 30, 110), 20.0, 0)  # a seal read as a character
    line = build_lines([*words, seal])[0]
    assert line.box.h > 100
    (stretch,) = _stretches(line)
    assert stretch.h <= 40  # the line's own height, not the seal's
    assert stretch.right == 330


@pytest.mark.tesseract
def test_a_date_that_cannot_be_is_read_again_however_sure() -> None:
    image = _page([(20, "令和2年10月29日")], (1000, 90), 60)
    sure = words_of([(5, [(10, "令和2年19月29日", 95.0)])])  # month 19: misread
    again = reread(image, 0.5, build_lines(sure), sure, [0])
    assert again.replaced == (0,)
    assert "10月29日" in again.lines[0].text


def test_a_reading_that_drops_a_dash_between_digits_is_not_taken() -> None:
    from desktop.imaging.reread import _loses_dashes

    first = words_of(
        [(0, [(0, "霞が関", 70.0), (90, "2-", 80.0), (150, "1", 80.0), (180, "-2", 80.0)])]
    )
    dropped = words_of([(0, [(0, "霞が関", 79.0), (90, "2", 90.0), (120, "1-2", 90.0)])])
    kept = words_of([(0, [(0, "霞が関", 79.0), (90, "2-1-2", 90.0)])])
    assert _loses_dashes(first, dropped)
    assert not _loses_dashes(first, kept)
    assert not _loses_dashes(words_of([(0, [(0, "21", 50.0)])]), dropped)
