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
    rows = [(0, [(0, "住所"), (90, "北海道函館市富士見6]目38番地3")])]
    fields = extract_fields(build_lines(make_words(rows)), T.POWER_OF_ATTORNEY)
    assert fields[F.ADDRESS] == "北海道函館市富士見6丁目38番地3"
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


def test_one_stroke_characters_are_kept_and_table_rules_dropped() -> None:
    # 一 in 十一日 is a box a few pixels tall, like a rule; a rule is many characters wide.
    words = make_words([(0, [(0, "令和六年十月十"), (240, "日")]), (60, [(0, "本籍")])])
    words.append(Word("一", Box(212, 13, 26, 4), 90.0, 0))
    words.append(Word("ー", Box(0, 45, 600, 3), 90.0, 1))
    lines = build_lines(words)
    assert [ln.text for ln in lines] == ["令和六年十月十一日", "本籍"]
    assert find_dates(lines[0].text)[0].value.isoformat() == "2024-10-11"


def test_close_lines_are_not_read_interleaved() -> None:
    # A licence's expiry band, read as one tall box and a smaller word, and the first word
    # of the line under it: within the row's height, but in the band's columns and below it.
    words = [
        Word("令和6年", Box(0, 0, 100, 100), 90.0, 0),
        Word("7月7日まで有効", Box(110, 60, 200, 40), 90.0, 0),
        Word("中型車に限る", Box(20, 95, 60, 20), 90.0, 1),
    ]
    texts = [ln.text for ln in build_lines(words)]
    assert texts == ["令和6年7月7日まで有効", "中型車に限る"]
    # Tesseract's boxes of one line may overlap: they stay one line.
    words = [Word("昭和", Box(0, 4, 200, 25), 90.0, 0), Word("60年", Box(50, 0, 60, 39), 90.0, 0)]
    assert [ln.text for ln in build_lines(words)] == ["昭和60年"]


def test_kanji_numeral_six_and_era_misreads() -> None:
    # 六 read as 太 or 大 where only a numeral can stand; a 日 read as 晶.
    assert find_dates("令和太年十二月十五晶")[0].value.isoformat() == "2024-12-15"
    assert find_dates("令和七年太月十九日")[0].value.isoformat() == "2025-06-19"
    assert find_dates("大正十年三月一日")[0].value.isoformat() == "1921-03-01"
    # An unknown character before 和 with a year 令和 has not reached is 昭和.
    assert find_dates("軌和56年6月19日生")[0].value.isoformat() == "1981-06-19"
    assert not find_dates("軌和5年6月19日")


def test_expiry_before_a_misread_suffix_and_day() -> None:
    rows = [(0, [(0, "2027人(人年)07朋21昌まで有")])]
    fields = extract_fields(build_lines(make_words(rows)), T.DRIVERS_LICENSE)
    assert fields[F.EXPIRY_DATE] == "2027-07-21"


def test_other_date_labels_are_not_the_birth_label() -> None:
    rows = [
        (0, [(0, "和征月日"), (150, "1954年01月19日")]),
        (40, [(0, "付年月日"), (150, "2023年03月15日")]),
        (80, [(0, "住民となった年月日"), (300, "2023年04月01日")]),
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.RESIDENCE_CARD)
    assert fields[F.BIRTH_DATE] == "1954-01-19"


def test_expiry_after_the_date_of_issue_when_its_label_is_lost() -> None:
    rows = [
        (0, [(0, "交付年月日"), (160, "令和2年3月7日"), (400, "間生間愉"), (530, "令和3年7月31日")])
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.HEALTH_INSURANCE_CARD)
    assert fields[F.ISSUED_ON] == "2020-03-07"
    assert fields[F.EXPIRY_DATE] == "2021-07-31"


def test_date_beside_its_label_on_a_line_of_its_own() -> None:
    # The value printed larger than the label is read as a line of its own, higher up.
    words = [
        Word("平成13年10月21日", Box(200, 0, 400, 50), 90.0, 0),
        Word("生年月日", Box(0, 36, 100, 25), 90.0, 1),
    ]
    lines = build_lines(words)
    assert len(lines) == 2
    assert extract_fields(lines, T.PENSION_BOOK)[F.BIRTH_DATE] == "2001-10-21"


def test_names_found_without_labels() -> None:
    # My Number card: the name above the address above the birth date.
    rows = [
        (0, [(0, "星野"), (90, "隆之")]),
        (60, [(0, "京都府宇治市南町六丁目45番29号")]),
        (120, [(0, "昭和42年3月22日生")]),
    ]
    assert extract_fields(build_lines(make_words(rows)), T.MY_NUMBER_CARD)[F.NAME] == "星野 隆之"
    # A notice whose birth date was lost: the name under its reading.
    rows = [
        (0, [(0, "なかがわ"), (150, "しょうへい")]),
        (40, [(0, "中川翔平")]),
        (80, [(0, "令和8年6月21日")]),
    ]
    assert extract_fields(build_lines(make_words(rows)), T.PENSION_BOOK)[F.NAME] == "中川翔平"
    # A residence card: marks before the Roman name, its spaces lost.
    rows = [(0, [(0, "在留カード")]), (40, [(0, "“GURUNG"), (250, "XIAOMING")])]
    fields = extract_fields(build_lines(make_words(rows)), T.RESIDENCE_CARD)
    assert fields[F.NAME] == "GURUNG XIAOMING"
    rows = [(0, [(0, "在留カード")]), (40, [(0, "*"), (60, "。"), (120, "LIANAPAULA")])]
    fields = extract_fields(build_lines(make_words(rows)), T.RESIDENCE_CARD)
    assert fields[F.NAME] == "LIANAPAULA"


def test_address_repairs() -> None:
    # 住居地 misread, the prefecture's 県 misread; a birthplace is never the address.
    rows = [(0, [(0, "時地"), (90, "茨城県つくば市栄町一丁目45番地")])]
    fields = extract_fields(build_lines(make_words(rows)), T.RESIDENCE_CARD)
    assert fields[F.ADDRESS] == "茨城県つくば市栄町一丁目45番地"
    rows = [(0, [(0, "住所"), (90, "福岡上福岡市博多区富士見六丁目45番10号")])]
    fields = extract_fields(build_lines(make_words(rows)), T.SEAL_CERTIFICATE)
    assert fields[F.ADDRESS] == "福岡県福岡市博多区富士見六丁目45番10号"
    rows = [(0, [(0, "住所"), (90, "福岡市博多区富士見六丁目45番10号")])]
    fields = extract_fields(build_lines(make_words(rows)), T.SEAL_CERTIFICATE)
    assert fields[F.ADDRESS] == "福岡市博多区富士見六丁目45番10号"
    rows = [(0, [(0, "【出生地】"), (160, "埼玉県所沢市")])]
    assert F.ADDRESS not in extract_fields(build_lines(make_words(rows)), T.FAMILY_REGISTER)


def test_dashes_between_address_digits_and_marks_before_a_licence_number() -> None:
    rows = [
        (0, [(0, "住所"), (90, "東京都千代田区霞が関2ー1一2")]),
        (40, [(0, "番号"), (90, "<"), (150, "012345678900")]),
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.DRIVERS_LICENSE)
    assert fields[F.ADDRESS] == "東京都千代田区霞が関2-1-2"
    assert fields[F.DOCUMENT_NUMBER] == "012345678900"


def test_a_value_that_names_no_place_is_not_the_address() -> None:
    rows = [
        (0, [(0, "住所"), (90, "登録番号702737")]),
        (40, [(0, "千葉県千葉市中央区旭町5丁目32番地24")]),
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.SEAL_CERTIFICATE)
    assert fields[F.ADDRESS] == "千葉県千葉市中央区旭町5丁目32番地24"


def test_a_valid_until_date_under_the_issue_label_is_not_the_issue_date() -> None:
    rows = [
        (0, [(0, "交付"), (90, "令和01年05』07昌")]),
        (40, [(0, "2024年(令和06年)06月01日まで有効")]),
    ]
    fields = extract_fields(build_lines(make_words(rows)), T.DRIVERS_LICENSE)
    assert F.ISSUED_ON not in fields
    assert fields[F.EXPIRY_DATE] == "2024-06-01"


def test_a_date_printed_larger_and_higher_than_its_label_is_beside_it() -> None:
    # 交付日 in small print; its date to the right, larger, its top well above the label's.
    words = [
        Word("交付日", Box(180, 989, 111, 55), 95.0, 0),
        Word("令和7年7月2日", Box(533, 944, 313, 66), 95.0, 1),
    ]
    fields = extract_fields(build_lines(words), T.PENSION_BOOK)
    assert fields[F.ISSUED_ON] == "2025-07-02"
    # A date a whole row above the label is not beside it.
    words[1] = Word("令和7年7月2日", Box(533, 900, 313, 66), 95.0, 1)
    assert F.ISSUED_ON not in extract_fields(build_lines(words), T.PENSION_BOOK)
