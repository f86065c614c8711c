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
    merge_mrz,
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


def test_zero_padded_dates_with_a_misread_zero_are_repaired() -> None:
    # 0 read as 9 or 6 in a zero-padded month or day that cannot be one otherwise.
    assert find_dates("1954年11月68日")[0].value.isoformat() == "1954-11-08"
    assert find_dates("2022年91月31日")[0].value.isoformat() == "2022-01-31"
    assert find_dates("令和3年12月30日")[0].value.isoformat() == "2021-12-30"


def test_western_date_with_garbled_era_in_brackets() -> None:
    # 2029年(令和11年)09月22日まで有効, the small bracketed era lost to OCR.
    assert find_dates("2029(4809朋22日まで有効")[0].value.isoformat() == "2029-09-22"


def test_name_without_its_label() -> None:
    # Licence: the 氏名 label read as one stray character before the name and birth date.
    rows = [(0, [(0, "中"), (60, "寺島"), (150, "千尋"), (300, "平成6年8月22日生")])]
    fields = extract_fields(build_lines(make_words(rows)), T.DRIVERS_LICENSE)
    assert fields[F.NAME] == "寺島 千尋"
    # Notice: the name under its reading (furigana), above the birth date, no label.
    rows = [
        (0, [(100, "むらせ"), (220, "たかゆき")]),
        (40, [(100, "村瀬"), (200, "隆之")]),
        (80, [(0, "生年月日"), (150, "平成元年6月10日")]),
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.PENSION_BOOK)
    assert fields[F.NAME] == "村瀬 隆之"
    assert fields[F.BIRTH_DATE] == "1989-06-10"


def test_address_behind_a_misread_label_and_chome_repaired() -> None:
    rows = [(0, [(0, "な所"), (90, "静岡県沼津市北野5」目13番18号")])]
    fields = extract_fields(build_lines(make_words(rows)), T.MY_NUMBER_CARD)
    assert fields[F.ADDRESS] == "静岡県沼津市北野5丁目13番18号"
    # 本籍's value is never taken for the address.
    rows = [(0, [(0, "本藉"), (90, "宮城県石巻市")])]
    assert F.ADDRESS not in extract_fields(build_lines(make_words(rows)), T.DRIVERS_LICENSE)


def test_residence_card_name_in_roman_letters_without_label() -> None:
    rows = [(0, [(0, "在留カード")]), (40, [(0, "REYES"), (200, "XIAOMING")])]
    fields = extract_fields(build_lines(make_words(rows)), T.RESIDENCE_CARD)
    assert fields[F.NAME] == "REYES XIAOMING"


def test_register_birth_after_its_vertical_label() -> None:
    rows = [(0, [(0, "長女"), (90, "生出"), (180, "昭和四十年一月十四日")])]
    fields = extract_fields(build_lines(make_words(rows)), T.FAMILY_REGISTER)
    assert fields[F.BIRTH_DATE] == "1965-01-14"


def test_valid_mrz_fills_and_overrides_passport_fields() -> None:
    rows = [(0, [(0, "04 NOV 2017"), (400, "04 NOV 2027")]), (40, [(0, "17 AUG 2002")])]
    lines = build_lines(make_words(rows))
    fields = merge_mrz(
        {F.NAME: "KAYUK"},
        lines,
        surname="TAKASE",
        given_names="YUKO",
        number="MZ7791291",
        birth_date="2002-08-17",
        expiry_date="2027-11-04",
    )
    assert fields == {
        F.NAME: "TAKASE YUKO",
        F.DOCUMENT_NUMBER: "MZ7791291",
        F.BIRTH_DATE: "2002-08-17",
        F.EXPIRY_DATE: "2027-11-04",
        F.ISSUED_ON: "2017-11-04",
    }


def test_era_names_with_one_character_misread() -> None:
    assert find_dates("有効期良。倒和8年7月31日")[0].value.isoformat() == "2026-07-31"
    assert find_dates("申和22年6月3日生")[0].value.isoformat() == "1947-06-03"
    assert find_dates("令利7年5月24日")[0].value.isoformat() == "2025-05-24"
    assert find_dates("半成12年8月31日")[0].value.isoformat() == "2000-08-31"


def test_unlabelled_name_ends_at_a_wide_gap_and_skips_address_lines() -> None:
    rows = [
        (0, [(0, "730177375460")]),
        (40, [(0, "浅野奈々"), (400, "回")]),  # a mark far to the right is not the name
        (80, [(0, "昭和22年6月3日生")]),
    ]
    assert extract_fields(build_lines(make_words(rows)), T.MY_NUMBER_CARD)[F.NAME] == "浅野奈々"
    rows = [
        (0, [(0, "な所"), (90, "静岡県沼津市北野")]),  # the address, its label misread
        (40, [(0, "昭和32年3月29日生")]),
    ]
    assert F.NAME not in extract_fields(build_lines(make_words(rows)), T.MY_NUMBER_CARD)


def test_certificate_whose_label_column_was_lost() -> None:
    # Only the values were read: the birth date is the one that lies decades before the
    # date of issue; the name is on the line above it.
    rows = [
        (0, [(300, "印鑑登録証明書")]),
        (60, [(300, "村瀬"), (400, "由紀"), (470, "子")]),
        (100, [(300, "史和34年5月29日")]),  # 昭 misread
        (140, [(300, "広島県広島市中区港南5丁目45番地8")]),
        (300, [(100, "令和7年4月10日")]),
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.SEAL_CERTIFICATE)
    assert fields[F.NAME] == "村瀬 由紀子"
    assert fields[F.BIRTH_DATE] == "1959-05-29"
    assert fields[F.ADDRESS] == "広島県広島市中区港南5丁目45番地8"
    # One date only: nothing to tell a birth date by.
    rows = [(0, [(300, "令和7年4月10日")])]
    assert F.BIRTH_DATE not in extract_fields(build_lines(make_words(rows)), T.SEAL_CERTIFICATE)
