"""Sensitive regions from text: label → value boxes, generous fallback, My Number digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.documents import DocumentType as T
from desktop.core.documents import SensitiveKind as K
from desktop.imaging.fields import build_lines
from desktop.imaging.regions import (
    my_number_valid,
    passport_domicile_regions,
    text_regions,
    vertical_header_regions,
)
from desktop.imaging.types import Box, Word

H = 30
SIZE = (2000, 1400)


def make_words(rows: list[tuple[int, list[tuple[int, str]]]]) -> list[Word]:
    """Words from ``(y, [(x, text), ...])`` rows; every character is H × H pixels."""
    out = []
    for line_no, (y, words) in enumerate(rows):
        for x, text in words:
            out.append(Word(text, Box(x, y, H * len(text), H), 90.0, line_no))
    return out


def with_check_digit(body: str) -> str:
    total = sum(int(body[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    rem = total % 11
    return body + str(0 if rem <= 1 else 11 - rem)


def test_known_my_numbers() -> None:
    assert my_number_valid(with_check_digit("12345678901"))
    assert my_number_valid("123456789018")
    assert not my_number_valid("123456789012")
    assert not my_number_valid("12345678901")
    assert not my_number_valid("１２３４５６７８９０１８")


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(1, 9))
def test_one_wrong_digit_fails_the_check(body: str, delta: int) -> None:
    good = with_check_digit(body)
    bad = good[:11] + str((int(good[11]) + delta) % 10)
    assert my_number_valid(good)
    assert not my_number_valid(bad)


def covers(outer: Box, inner: Box) -> bool:
    return outer.contains(inner)


def test_multi_line_domicile_is_masked_whole() -> None:
    rows = [
        (100, [(100, "本籍"), (250, "東京都千代田区千代田一丁目")]),
        (140, [(250, "1番地の2")]),
        (200, [(100, "氏名"), (250, "山田"), (350, "太郎")]),
    ]
    regions = text_regions(build_lines(make_words(rows)), T.RESIDENCE_CERTIFICATE, SIZE)
    dom = [r for r in regions if r.kind is K.PERMANENT_DOMICILE]
    assert len(dom) == 1
    assert covers(dom[0].box, Box(250, 100, 13 * H, H))
    assert covers(dom[0].box, Box(250, 140, 5 * H, H))
    assert dom[0].box.bottom < 200  # the name under it stays readable


def test_passport_domicile_below_its_label() -> None:
    rows = [
        (100, [(100, "国籍"), (600, "本籍")]),
        (140, [(100, "JAPAN"), (600, "TOKYO")]),
    ]
    regions = text_regions(build_lines(make_words(rows)), T.PASSPORT, SIZE)
    dom = [r for r in regions if r.kind is K.PERMANENT_DOMICILE]
    assert dom
    assert any(covers(r.box, Box(600, 140, 5 * H, H)) for r in dom)
    assert not any(r.box.x <= 100 + 5 * H and r.box.y <= 140 for r in dom if r.box.x < 600)


def test_unreadable_value_is_masked_generously() -> None:
    rows = [(100, [(100, "本籍")]), (400, [(100, "氏名"), (250, "山田")])]
    regions = text_regions(build_lines(make_words(rows)), T.RESIDENCE_CERTIFICATE, SIZE)
    dom = [r for r in regions if r.kind is K.PERMANENT_DOMICILE]
    assert dom
    assert dom[0].reason == "fallback"
    assert covers(dom[0].box, Box(170, 95, 20 * H, 40))


def test_insurance_card_numbers() -> None:
    rows = [
        (
            100,
            [
                (100, "記号"),
                (200, "1234"),
                (400, "番号"),
                (500, "56"),
                (600, "(枝番)"),
                (800, "01"),
            ],
        ),
        (200, [(100, "保険者番号"), (300, "01130012")]),
        (300, [(100, "保険者名称"), (300, "全国健康保険協会")]),
    ]
    regions = text_regions(build_lines(make_words(rows)), T.HEALTH_INSURANCE_CARD, SIZE)
    insurer = [r for r in regions if r.kind is K.INSURER_NUMBER]
    symbol = [r for r in regions if r.kind is K.INSURED_SYMBOL_NUMBER]
    assert len(insurer) == 1
    assert covers(insurer[0].box, Box(300, 200, 8 * H, H))
    assert any(covers(r.box, Box(200, 100, 4 * H, H)) for r in symbol)
    assert any(covers(r.box, Box(500, 100, 2 * H, H)) for r in symbol)
    assert any(covers(r.box, Box(800, 100, 2 * H, H)) for r in symbol)
    # the insurer's name is not masked
    assert not any(r.box.intersection(Box(300, 300, 8 * H, H)).area for r in regions)


@pytest.mark.parametrize("spaced", [True, False])
def test_a_valid_twelve_digit_number_anywhere_is_masked(spaced: bool) -> None:
    number = with_check_digit("98765432101")
    text = f"{number[:4]} {number[4:8]} {number[8:]}" if spaced else number
    rows = [(500, [(700, "備考"), (900, text)])]
    regions = text_regions(build_lines(make_words(rows)), T.UNKNOWN, SIZE)
    assert [r.kind for r in regions] == [K.INDIVIDUAL_NUMBER]


def test_an_invalid_twelve_digit_number_is_left() -> None:
    rows = [(500, [(700, "番号"), (900, "123456789012")])]
    assert text_regions(build_lines(make_words(rows)), T.UNKNOWN, SIZE) == []


def test_residence_certificate_codes() -> None:
    rows = [
        (100, [(100, "住民票コード"), (400, "12345678901")]),
        (200, [(100, "個人番号"), (400, "1234567890")]),  # misread: too short, still masked
        (300, [(100, "筆頭者"), (400, "山田"), (500, "一郎")]),
    ]
    regions = text_regions(build_lines(make_words(rows)), T.RESIDENCE_CERTIFICATE, SIZE)
    kinds = {r.kind for r in regions}
    assert kinds == {K.RESIDENT_RECORD_CODE, K.INDIVIDUAL_NUMBER, K.PERMANENT_DOMICILE}


def test_my_number_card_front_title_is_not_a_number_label() -> None:
    rows = [(100, [(100, "個人番号カード")]), (200, [(100, "氏名"), (250, "山田")])]
    assert text_regions(build_lines(make_words(rows)), T.MY_NUMBER_CARD, SIZE) == []


def test_pension_number() -> None:
    rows = [(100, [(100, "基礎年金番号"), (400, "1234-567890")])]
    regions = text_regions(build_lines(make_words(rows)), T.PENSION_BOOK, SIZE)
    assert regions
    assert all(r.kind is K.BASIC_PENSION_NUMBER for r in regions)
    assert any(covers(r.box, Box(400, 100, 11 * H, H)) for r in regions)


def test_family_register_head_name_is_masked_with_the_domicile() -> None:
    rows = [
        (100, [(100, "本籍"), (250, "東京都千代田区千代田一丁目1番地")]),
        (200, [(100, "氏名"), (250, "山田"), (350, "太郎")]),
        (300, [(100, "戸籍事項"), (250, "戸籍改製")]),
    ]
    regions = text_regions(build_lines(make_words(rows)), T.FAMILY_REGISTER, SIZE)
    dom = [r for r in regions if r.kind is K.PERMANENT_DOMICILE]
    assert any(covers(r.box, Box(250, 200, 5 * H, H)) for r in dom)
    assert not any(r.box.intersection(Box(250, 300, 4 * H, H)).area for r in regions)


def test_misread_domicile_label_at_line_start() -> None:
    rows = [
        (100, [(100, "本藉"), (250, "茨城県つくば市")]),
        (200, [(100, "住所"), (250, "千葉県")]),
    ]
    regions = text_regions(build_lines(make_words(rows)), T.DRIVERS_LICENSE, SIZE)
    assert [r.kind for r in regions] == [K.PERMANENT_DOMICILE]
    assert covers(regions[0].box, Box(250, 100, 7 * H, H))


def test_every_insurance_card_number_but_dates_is_masked() -> None:
    rows = [
        (100, [(100, "言己号"), (200, "1234"), (400, "番考"), (500, "56"), (800, "00")]),
        (200, [(100, "生年月日"), (300, "平成2年1月9日")]),
        (300, [(100, "保険者番考"), (300, "01130012")]),
    ]
    regions = text_regions(build_lines(make_words(rows)), T.HEALTH_INSURANCE_CARD, SIZE)
    for box in (Box(200, 100, 4 * H, H), Box(500, 100, 2 * H, H), Box(300, 300, 8 * H, H)):
        assert any(covers(r.box, box) for r in regions)
    assert not any(r.box.intersection(Box(300, 200, 8 * H, H)).area for r in regions)


def test_lost_branch_number_after_its_label_is_masked() -> None:
    # 枝番's value was not read: the row's mask runs on past the label.
    rows = [
        (100, [(100, "記号"), (200, "1234"), (400, "番号"), (500, "56"), (600, "(枝番)")]),
        (200, [(100, "保険者番号"), (300, "01130012")]),
    ]
    regions = text_regions(build_lines(make_words(rows)), T.HEALTH_INSURANCE_CARD, SIZE)
    symbol = [r for r in regions if r.kind is K.INSURED_SYMBOL_NUMBER]
    assert any(covers(r.box, Box(800, 100, 2 * H, H)) for r in symbol)


def test_vertical_register_header_is_masked_from_the_edge_to_the_head_name() -> None:
    # Columns as rows, the page's right-most column first: the 本籍 column unread, then the
    # 氏名 column, then the 編製 note and the members.
    rows = [
        (160, [(100, "氏名"), (400, "山田"), (500, "太郎")]),
        (320, [(100, "平成六年三月二十日編製")]),
        (520, [(100, "父"), (400, "長男")]),
    ]
    size = (3000, 2000)
    regions = vertical_header_regions(build_lines(make_words(rows)), size)
    assert [r.kind for r in regions] == [K.PERMANENT_DOMICILE]
    box = regions[0].box
    assert covers(box, Box(400, 20, 2000, 120))  # the unread 本籍 column
    assert covers(box, Box(400, 160, 4 * H, H))  # the head's name
    assert not box.intersection(Box(100, 320, 10 * H, H)).area  # the 編製 note
    assert not vertical_header_regions(build_lines(make_words(rows[2:])), size)


def test_passport_domicile_by_its_place_above_the_mrz() -> None:
    # A TD3 page: 44 MRZ characters of 30 px; the Registered Domicile's label was lost.
    pitch = 30
    mrz1 = "P<JPNYAMADA<<TARO" + "<" * 27
    mrz2 = "TK12345673JPN8001014M3001012" + "<" * 14 + "02"
    rows = [
        # 11.8 px/mm: the date of birth, sex and domicile, dates of issue and expiry rows
        (353, [(470, "JAPAN"), (1000, "01JAN1980")]),
        (435, [(470, "M"), (707, "TOKYO")]),
        (518, [(470, "01JAN2020"), (1000, "01JAN2030")]),
        (760, [(70, mrz1)]),
        (840, [(70, mrz2)]),
    ]
    words = [
        Word(w.text, Box(w.box.x, w.box.y, pitch * len(w.text), w.box.h), w.conf, w.line)
        if w.text.startswith(("P<", "TK"))
        else w
        for w in make_words(rows)
    ]
    size = (1500, 1060)
    regions = passport_domicile_regions(build_lines(words), size)
    assert [r.kind for r in regions] == [K.PERMANENT_DOMICILE]
    box = regions[0].box
    assert covers(box, Box(707, 435, 5 * H, H))
    for plain in (Box(470, 435, H, H), Box(1000, 353, 9 * H, H), Box(1000, 518, 9 * H, H)):
        assert box.intersection(plain).area < 0.5 * plain.area
    assert not passport_domicile_regions(build_lines(make_words(rows[:3])), size)


def test_vertical_register_header_from_its_domicile_alone() -> None:
    # Neither 氏名 nor 編製 read: the header ends where the first member's column begins.
    rows = [
        (100, [(300, "北海道旭川市旭町六丁目四番地")]),
        (380, [(900, "平成十七年三月二十八日広島県広島市中区で出生")]),
    ]
    regions = vertical_header_regions(build_lines(make_words(rows)), (3000, 2000))
    assert len(regions) == 1
    box = regions[0].box
    assert covers(box, Box(300, 100, 14 * H, H))
    assert covers(box, Box(300, 200, 4 * H, H))  # the head's unread 氏名 column
    assert not box.intersection(Box(900, 380, 10 * H, H)).area


def test_digits_misread_as_letters_stay_in_the_number() -> None:
    # 記号・番号 run together and the 枝番 00 read as OU: all of it is masked.
    rows = [(100, [(100, "記号"), (200, "0279045347299OU")])]
    regions = text_regions(build_lines(make_words(rows)), T.HEALTH_INSURANCE_CARD, SIZE)
    assert any(covers(r.box, Box(200, 100, 15 * H, H)) for r in regions)


def test_residence_certificate_rows_past_dashed_rules_and_short_codes() -> None:
    # A photographed certificate: every label but 住民となった misread, dashed table rules
    # read as rows of dashes, the code read short (8 of its 11 digits).
    rows = [
        (100, [(100, "作民となった年"), (400, "令和4年3月10日")]),
        (130, [(900, "ニーー一")]),
        (160, [(100, "4閉"), (400, "京都府京都市左京区")]),
        (190, [(800, "ューニーーーー一")]),
        (220, [(100, "聞参者"), (400, "金森"), (500, "香織")]),
        (280, [(100, "作民民県コー"), (400, "|54456550]")]),
    ]
    lines = build_lines(make_words(rows))
    regions = text_regions(lines, T.RESIDENCE_CERTIFICATE, SIZE)
    head = lines[4].span_box(3, 7)
    code = lines[5].span_box(7, 15)
    assert any(r.kind is K.PERMANENT_DOMICILE and r.box.contains(head) for r in regions)
    assert any(r.kind is K.RESIDENT_RECORD_CODE and r.box.contains(code) for r in regions)
