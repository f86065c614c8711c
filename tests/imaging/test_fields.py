"""Fields read off text lines: label-value geometry, era dates, OCR noise."""

from __future__ import annotations

from desktop.core.documents import DocumentType as T
from desktop.core.documents import FieldName as F
from desktop.imaging.fields import (
    build_lines,
    extract_fields,
    find_all,
    find_dates,
    fold,
    fuzzy_find,
    value_below,
    value_right,
)
from desktop.imaging.types import Box, Word

H = 30  # character height and width of the hand-made lines, in pixels


def make_words(rows: list[tuple[int, list[tuple[int, str]]]]) -> list[Word]:
    """Words from ``(y, [(x, text), ...])`` rows; every character is H × H pixels."""
    out = []
    for line_no, (y, words) in enumerate(rows):
        for x, text in words:
            out.append(Word(text, Box(x, y, H * len(text), H), 90.0, line_no))
    return out


def test_fuzzy_find_tolerates_one_error_in_four() -> None:
    assert fuzzy_find("運転免許証", "XX運転免詐証YY") == [(2, 7, 1)]
    assert fuzzy_find("本籍", "本藉") == []  # two characters: exact only
    assert fuzzy_find("保険者番号", "保険者名称") == []


def test_lines_keep_word_spaces_and_character_boxes() -> None:
    lines = build_lines(make_words([(100, [(10, "氏名"), (100, "山田"), (200, "太郎")])]))
    assert len(lines) == 1
    assert lines[0].text == "氏名山田太郎"
    assert lines[0].spaced == "氏名 山田 太郎"
    assert lines[0].span_box(2, 4) == Box(100, 100, 60, 30)


def test_value_right_stops_at_the_next_label() -> None:
    lines = build_lines(make_words([(0, [(0, "記号"), (70, "1234"), (200, "番号"), (270, "56")])]))
    hit = find_all(lines, "記号")[0]
    value = value_right(lines, hit, stop_at=["番号"])
    assert value is not None
    assert value.text == "1234"
    assert value.box == Box(70, 0, 120, 30)


def test_value_below_reads_the_next_line_under_the_label() -> None:
    lines = build_lines(make_words([(0, [(300, "本籍")]), (40, [(300, "TOKYO")])]))
    hit = find_all(lines, "本籍")[0]
    assert value_right(lines, hit) is None
    value = value_below(lines, hit)
    assert value is not None
    assert value.text == "TOKYO"


def test_era_and_western_dates_are_found() -> None:
    found = find_dates(fold("交付 令和3年05月12日 まで有効 2029/5/12 昭和60年4月12日生"))
    assert [f.value.isoformat() for f in found] == ["2021-05-12", "2029-05-12", "1985-04-12"]
    assert find_dates(fold("12 MAY 2029"))[0].value.isoformat() == "2029-05-12"
    assert find_dates(fold("令和元年５月１日"))[0].value.isoformat() == "2019-05-01"


def test_licence_fields() -> None:
    rows = [
        (0, [(0, "氏名"), (90, "山田"), (180, "太郎"), (400, "昭和60年4月12日生")]),
        (40, [(0, "住所"), (90, "東京都千代田区千代田1-1-1")]),
        (80, [(0, "交付"), (90, "令和3年05月12日"), (500, "12345")]),
        (120, [(0, "令和08年05月12日まで有効")]),
        (160, [(0, "番号"), (90, "第123456789012号")]),
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.DRIVERS_LICENSE)
    assert fields == {
        F.NAME: "山田 太郎",
        F.BIRTH_DATE: "1985-04-12",
        F.ADDRESS: "東京都千代田区千代田1-1-1",
        F.ISSUED_ON: "2021-05-12",
        F.EXPIRY_DATE: "2026-05-12",
        F.DOCUMENT_NUMBER: "123456789012",
    }


def test_labels_with_ocr_errors_still_give_fields() -> None:
    rows = [
        (0, [(0, "生年月目"), (150, "平成2年1月9日")]),  # 日→目
        (40, [(0, "有効期限"), (150, "令和9年3月31日")]),
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.HEALTH_INSURANCE_CARD)
    assert fields[F.BIRTH_DATE] == "1990-01-09"
    assert fields[F.EXPIRY_DATE] == "2027-03-31"


def test_nothing_read_gives_no_fields() -> None:
    assert extract_fields([], T.UNKNOWN) == {}
