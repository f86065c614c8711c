"""Names and addresses match under the contract's folding rules, and only under them."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.matching import (
    NAME_VARIANTS,
    PREFECTURES,
    addresses_match,
    fold_address,
    fold_name,
    names_comparable,
    names_match,
    split_prefecture,
)

# --- names -------------------------------------------------------------------------------

# The pairs named in the contract and the brief; each must be folded by NAME_VARIANTS.
CONTRACT_VARIANTS = [
    ("髙", "高"),
    ("﨑", "崎"),
    ("嵜", "崎"),
    ("邊", "辺"),
    ("邉", "辺"),
    ("邊", "邉"),
    ("齋", "斎"),
    ("齊", "斎"),
    ("齋", "齊"),
    ("濵", "浜"),
    ("濱", "浜"),
    ("濵", "濱"),
    ("德", "徳"),
    ("澤", "沢"),
    ("廣", "広"),
    ("國", "国"),
    ("籠", "篭"),
    ("瀨", "瀬"),
    ("櫻", "桜"),
    ("與", "与"),
    ("曾", "曽"),
    ("嶋", "島"),
    ("峯", "峰"),
    ("冨", "富"),
    ("惠", "恵"),
    ("龍", "竜"),
    ("藏", "蔵"),
    ("槇", "槙"),
    ("眞", "真"),
    ("彌", "弥"),
    ("𠮷", "吉"),
]


@pytest.mark.parametrize(("variant", "canonical"), CONTRACT_VARIANTS)
def test_variant_kanji_of_names_match(variant: str, canonical: str) -> None:
    assert names_match(f"{variant}田 花子", f"{canonical}田 花子")
    assert names_match(f"{canonical}田 花子", f"{variant}田 花子")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("髙橋 一郎", "高橋一郎"),
        ("渡邊　美咲", "渡辺 美咲"),
        ("山﨑 翔太", "山崎翔太"),
        ("齋藤 花子", "斎藤花子"),
        ("長濵 健", "長浜 健"),
        ("山田 太郎", "山田　太郎"),  # full-width space
        ("山田 太郎", "山田太郎"),
        ("山田  太郎 ", " 山田 太郎"),
        ("ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"),  # half-width katakana
        ("ジョン・スミス", "ジョン スミス"),  # middle dot between the parts
        ("ジョン･スミス", "ジョンスミス"),  # half-width middle dot
        ("ジャン＝ポール", "ジャンポール"),
        ("ジャン゠ポール", "ジャン ポール"),  # katakana double hyphen
        ("ジョン·スミス", "ジョン・スミス"),  # Latin middle dot typed for ・
        ("YAMADA TARO", "Yamada Taro"),  # passport against the request
        ("ＹＡＭＡＤＡ　ＴＡＲＯ", "yamada taro"),
        ("葛\U000e0100西 太郎", "葛西 太郎"),  # an IVS variation selector picks a glyph only
    ],
)
def test_names_that_match(a: str, b: str) -> None:
    assert names_match(a, b)
    assert names_match(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("山田 太郎", "山田 次郎"),
        ("やまだ たろう", "ヤマダ タロウ"),  # a kana name is a different name
        ("山田 太郎", "やまだ たろう"),
        ("高橋 一郎", "髙橋 二郎"),
        ("斎藤 花子", "斉藤 花"),
        ("YAMADA TARO", "YAMADA JIRO"),
        ("山田 太郎", ""),
    ],
)
def test_names_that_do_not_match(a: str, b: str) -> None:
    assert not names_match(a, b)
    assert not names_match(b, a)


@pytest.mark.parametrize("blank", ["", " ", "　", "・"])
def test_a_blank_name_matches_nothing(blank: str) -> None:
    assert not names_match(blank, blank)


def test_fold_name_examples() -> None:
    assert fold_name("ＹＡＭＡＤＡ　Taro") == "yamadataro"
    assert fold_name("髙橋・一郎") == "高橋一郎"
    assert fold_name("渡邉 美咲") == "渡辺美咲"


def test_variant_table_is_complete_in_one_pass() -> None:
    for variant, canonical in NAME_VARIANTS.items():
        # A key NFKC changes could never be looked up; a value that is also a key would need
        # a second pass; a key mapped to itself is noise.
        assert unicodedata.normalize("NFKC", variant) == variant, variant
        assert unicodedata.normalize("NFKC", canonical) == canonical, canonical
        assert canonical not in NAME_VARIANTS, canonical
        assert variant != canonical
        assert fold_name(variant) == canonical


def test_variant_table_has_the_common_pairs() -> None:
    assert len(NAME_VARIANTS) >= 40


_NAME_CHARS = st.sampled_from(
    list("山田太郎花子高橋渡辺斎藤やまだヤマダｶﾀﾅAbcZ ・　＝")
    + list(NAME_VARIANTS)
    + list(NAME_VARIANTS.values())
)
_NAMES = st.text(_NAME_CHARS, max_size=12)


@given(st.one_of(_NAMES, st.text(max_size=20)))
def test_fold_name_is_idempotent(name: str) -> None:
    assert fold_name(fold_name(name)) == fold_name(name)


@given(_NAMES, _NAMES)
def test_names_match_is_symmetric(a: str, b: str) -> None:
    assert names_match(a, b) == names_match(b, a)


_HALF_KATAKANA = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノ",
        "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉ",
        strict=True,
    )
)
_WIDTH_CHARS = st.sampled_from(list(_HALF_KATAKANA) + list("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123 "))


@given(st.text(_WIDTH_CHARS, min_size=1, max_size=12).filter(str.strip))
def test_width_variants_of_a_name_match(name: str) -> None:
    full = "".join("　" if c == " " else chr(ord(c) + 0xFEE0) if c.isascii() else c for c in name)
    half = "".join(_HALF_KATAKANA.get(c, c) for c in name)
    assert names_match(name, full)
    assert names_match(name, half)
    assert names_match(full, half.lower())


# --- addresses ---------------------------------------------------------------------------

SHIBUYA = "渋谷2-24-12"


@pytest.mark.parametrize(
    "spelling",
    [
        "渋谷二丁目24番12号",
        "渋谷2-24-12",
        "渋谷２－２４－１２",
        "渋谷2丁目24-12",
        "渋谷二丁目二十四番十二号",
        "渋谷２丁目２４番地１２",
        "渋谷 2 - 24 - 12",
        "渋谷2‐24‐12",  # U+2010 hyphen
        "渋谷2‑24‑12",  # U+2011 non-breaking hyphen
        "渋谷2–24–12",  # en dash
        "渋谷2—24—12",  # em dash
        "渋谷2―24―12",  # horizontal bar
        "渋谷2−24−12",  # minus sign
        "渋谷2ー24ー12",  # prolonged sound mark
        "渋谷2ｰ24ｰ12",  # its half-width form
        "渋谷2の24の12",
        "渋谷2丁目24番地の12",
        "渋谷2-24-12号",
    ],
)
def test_spellings_of_one_address_fold_alike(spelling: str) -> None:
    assert fold_address(spelling) == SHIBUYA
    assert addresses_match(spelling, "渋谷二丁目24番12号")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # kanji numerals, with 十 / 百 / 〇 and the positional form
        ("中町百二番地", "中町102"),
        ("中町一〇二番地", "中町102"),
        ("中町二十番地", "中町20"),
        ("中町三十一番地の五", "中町31-5"),
        ("中町千二十番地", "中町1020"),
        # a prefecture on one side only
        ("東京都渋谷区渋谷二丁目24番12号", "渋谷区渋谷2-24-12"),
        ("三重県津市中町1-2", "津市中町一丁目2番"),
        ("北海道札幌市北区北十条西三丁目", "札幌市北区北10条西3丁目"),
        # a postal code at the head
        ("〒150-0002 東京都渋谷区渋谷2-24-12", "東京都渋谷区渋谷2-24-12"),
        ("〒1500002渋谷区渋谷2-24-12", "渋谷区渋谷2-24-12"),
        ("〒 150ー0002　渋谷区渋谷2-24-12", "渋谷区渋谷2-24-12"),
        # 大字 / 字
        ("長野県北村大字上田字中村102番地", "北村上田中村102"),
        ("北村小字中村5", "北村中村5"),
        # building and room
        ("渋谷2-24-12 ABCビル 201", "渋谷二丁目24番12号ABCビル201号室"),
        ("渋谷2-24-12-201", "渋谷二丁目24番12号201号室"),
        ("渋谷2-24-12 201", "渋谷2-24-12-201"),
        ("渋谷2-24-12 ａｂｃビル", "渋谷2-24-12ABCビル"),
        # ヶ / ケ / が between kanji
        ("千代田区霞が関1-1", "千代田区霞ヶ関一丁目1番"),
        ("八ケ岳町5", "八ヶ岳町5"),
        # variant kanji, and a variation selector that picks a glyph only
        ("横濱市中区1-1", "横浜市中区1-1"),
        ("葛\U000e0100飾区1-1", "葛飾区一丁目1番"),
    ],
)
def test_addresses_that_match(a: str, b: str) -> None:
    assert addresses_match(a, b)
    assert addresses_match(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("渋谷2-24-12", "渋谷2-24-13"),
        ("渋谷2-24-12", "渋谷2-2-412"),
        ("渋谷2-24-12", "渋谷22-4-12"),
        ("渋谷2-24-12 201", "渋谷2-24-12201"),  # a space between numbers separates them
        ("渋谷2-24-12", "渋谷2-24-12-201"),  # everything is compared, the room included
        ("東京都府中市宮西町1-1", "広島県府中市宮西町1-1"),  # two different prefectures
        ("東京都渋谷区渋谷2-24-12", "東京都"),
        ("渋谷2-24-12", ""),
        ("", ""),
        ("中町百二", "中町1002"),
    ],
)
def test_addresses_that_do_not_match(a: str, b: str) -> None:
    assert not addresses_match(a, b)
    assert not addresses_match(b, a)


def test_fold_address_keeps_the_prefecture() -> None:
    assert fold_address("東京都渋谷区渋谷二丁目24番12号") == "東京都渋谷区渋谷2-24-12"
    assert split_prefecture(fold_address("東京都渋谷区渋谷2-24-12")) == (
        "東京都",
        "渋谷区渋谷2-24-12",
    )
    assert split_prefecture("渋谷区渋谷2-24-12") == (None, "渋谷区渋谷2-24-12")


@pytest.mark.parametrize("prefecture", PREFECTURES)
def test_every_prefecture_is_forgiven_on_one_side(prefecture: str) -> None:
    assert len(PREFECTURES) == 47
    assert addresses_match(f"{prefecture}中央市本町1-2-3", "中央市本町一丁目2番3号")


def kanji_units(n: int) -> str:
    """Write 1..9999 as an address does: 二十四, 百二, 千二十."""
    digits = "〇一二三四五六七八九"
    out = ""
    for value, sign in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if digit == 1 else digits[digit]) + sign
    return out + (digits[n] if n else "")


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


_BLOCK = st.integers(min_value=1, max_value=9999)


@given(_BLOCK, _BLOCK, _BLOCK, st.sampled_from(["", "東京都", "〒150-0002 東京都"]))
def test_generated_spellings_match(chome: int, ban: int, go: int, head: str) -> None:
    plain = f"渋谷区本町{chome}-{ban}-{go}"
    spellings = [
        f"{head}渋谷区本町{kanji_units(chome)}丁目{kanji_units(ban)}番{kanji_units(go)}号",
        f"{head}渋谷区本町{chome}丁目{ban}番地{go}",
        full_width(f"{head}渋谷区本町{chome}－{ban}－{go}"),
        f"{head}渋谷区本町 {chome}ー{ban}ー{go}",
    ]
    for spelling in spellings:
        assert addresses_match(plain, spelling), spelling
    assert not addresses_match(plain, f"渋谷区本町{chome}-{ban}-{go + 1}")


_ADDRESS_CHARS = st.sampled_from(
    list("渋谷区本町東京都三重県大字字丁目番地号室のノ之ヶケが霞関一二三十百千〇万")
    + list("0123456789０１２ -－‐ー—−〒 　ABCビルabc濱髙")
)


@given(st.one_of(st.text(_ADDRESS_CHARS, max_size=24), st.text(max_size=24)))
def test_fold_address_is_idempotent(address: str) -> None:
    assert fold_address(fold_address(address)) == fold_address(address)


@given(st.text(_ADDRESS_CHARS, max_size=16), st.text(_ADDRESS_CHARS, max_size=16))
def test_addresses_match_is_symmetric(a: str, b: str) -> None:
    assert addresses_match(a, b) == addresses_match(b, a)


@pytest.mark.parametrize(
    ("a", "b", "comparable"),
    [
        ("YAMADA TARO", "山田 太郎", False),
        ("山田 太郎", "YAMADA TARO", False),
        ("YAMADA TARO", "Yamada Taro", True),
        ("山田 太郎", "山田太郎", True),
        ("ｙａｍａｄａ", "YAMADA", True),  # full-width Latin folds to Latin
        ("やまだ たろう", "山田 太郎", True),  # kana against kanji: compared (and differ)
    ],
)
def test_names_comparable_by_script(a: str, b: str, comparable: bool) -> None:
    assert names_comparable(a, b) is comparable
