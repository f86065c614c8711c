"""When two names or two addresses are the same: folding tables for the contract's rules.

The rules are tables so that a reader can find and extend them in one place:
``NAME_VARIANTS`` (variant kanji of names), ``NAME_SEPARATORS``, ``HYPHENS``, ``PREFECTURES``
and ``ADDRESS_RULES`` (ordered regex rewrites, each with the reason it exists).
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import TYPE_CHECKING

from desktop.core.eras import KANJI_NUMERAL_CHARS, parse_kanji_number

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

# --- names -------------------------------------------------------------------------------

NAME_VARIANTS: Mapping[str, str] = MappingProxyType(
    {
        # variant (異体字 / 旧字体) → the form it is folded to. Keys and values are NFKC-stable
        # (NFKC already folds the CJK compatibility ideographs such as 神 U+FA19), and no value
        # is also a key, so one pass folds completely.
        "髙": "高",  # はしごだか
        "﨑": "崎",  # たつさき (U+FA11)
        "嵜": "崎",
        "碕": "崎",
        "邊": "辺",
        "邉": "辺",
        "齋": "斎",
        "齊": "斎",  # the contract folds 齋/齊/斎 together; 齊 is also the old form of 斉,
        "斉": "斎",  # so 斉 joins the group, or 齊藤 would match 斎藤 but not 斉藤
        "齌": "斎",
        "濵": "浜",
        "濱": "浜",
        "德": "徳",
        "澤": "沢",
        "廣": "広",
        "國": "国",
        "圀": "国",
        "篭": "籠",
        "瀨": "瀬",
        "櫻": "桜",
        "與": "与",
        "曾": "曽",
        "嶋": "島",
        "嶌": "島",
        "峯": "峰",
        "冨": "富",
        "惠": "恵",
        "龍": "竜",
        "藏": "蔵",
        "槇": "槙",
        "眞": "真",
        "彌": "弥",
        "𠮷": "吉",  # つちよし (U+20BB7)
        "邨": "村",
        "栁": "柳",
        "舘": "館",
        "桒": "桑",
        "淺": "浅",
        "澁": "渋",
        "瀧": "滝",
        "榮": "栄",
        "壽": "寿",
        "實": "実",
        "黑": "黒",
        "關": "関",
        "萬": "万",
        "條": "条",
        "傳": "伝",
        "禮": "礼",
        "靜": "静",
        "淸": "清",
        "靑": "青",
        "圓": "円",
        "兒": "児",
        "驛": "駅",
        "鐵": "鉄",
        "豐": "豊",
        "穗": "穂",
        "莊": "荘",
        "恆": "恒",
        "曉": "暁",
        "戶": "戸",
        "亞": "亜",
        "蘆": "芦",
        "檜": "桧",
        "嶽": "岳",
        "鷗": "鴎",
        "當": "当",
        "寳": "宝",
        "寶": "宝",
        "縣": "県",
        "來": "来",
        "龜": "亀",
        "應": "応",
        "奧": "奥",
    }
)
"""Variant kanji of names and the form both sides are folded to."""

NAME_SEPARATORS = frozenset(
    {
        "・",  # katakana middle dot (NFKC folds the half-width ･ to it)
        "·",  # Latin middle dot, typed for ・
        "=",  # ＝ between the parts of a foreign name in katakana (NFKC folds ＝ to =)
        "゠",  # katakana double hyphen, the same use
    }
)
"""Characters between the parts of a name that do not make it another name (with spaces)."""

# Variation selectors (IVS: 葛󠄀 / 葛󠄁) choose a glyph, not a character.
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_NAME_TABLE = str.maketrans(dict.fromkeys(NAME_SEPARATORS, "") | dict(NAME_VARIANTS))


def _fixpoint(step: Callable[[str], str], text: str) -> str:
    """Repeat ``step`` until nothing changes, so that folding is idempotent by construction.

    Normalisation, case folding and removals can each create input for another (a removed
    space joins a letter and a combining mark); a second pass almost never changes anything.
    """
    for _ in range(8):
        folded = step(text)
        if folded == text:
            break
        text = folded
    return text


def _width_and_case(text: str) -> str:
    # NFKC folds full/half width (ＹＡＭＡＤＡ, ﾔﾏﾀﾞ) and compatibility ideographs; casefold lets a
    # passport's YAMADA TARO match Yamada Taro. Kana stay kana: やまだ and ヤマダ differ.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _fold_name_once(text: str) -> str:
    text = _VARIATION_SELECTORS.sub("", _width_and_case(text))
    return "".join(text.split()).translate(_NAME_TABLE)


def fold_name(name: str) -> str:
    """Return the form of a name that two spellings of the same name share.

    Folds width, letter case, spaces and middle dots, variation selectors and the variant
    kanji of ``NAME_VARIANTS``; hiragana and katakana are not folded into each other.
    """
    return _fixpoint(_fold_name_once, name)


def names_match(a: str, b: str) -> bool:
    """Tell whether two names are the same name (a name that folds to nothing matches none)."""
    folded = fold_name(a)
    return bool(folded) and folded == fold_name(b)


def names_comparable(a: str, b: str) -> bool:
    """Tell whether two names are written in scripts that can be compared.

    A Japanese passport prints the name in Latin letters only (YAMADA TARO), and nothing
    reliable maps 山田 太郎 to it without the reading, so a Latin name is compared only with a
    Latin name, and a name in Japanese script only with one in Japanese script.
    """
    return _is_latin(a) == _is_latin(b)


def _is_latin(name: str) -> bool:
    folded = fold_name(name)
    return bool(folded) and all(ch.isascii() for ch in folded)


# --- addresses ---------------------------------------------------------------------------

HYPHENS = (
    "-"  # ASCII hyphen-minus (NFKC folds the full-width － and the small ﹣ to it)
    "\u2010"  # ‐ hyphen (NFKC folds the non-breaking hyphen ‑ to it)
    "\u2011"  # ‑ non-breaking hyphen
    "\u2012"  # ‒ figure dash
    "\u2013"  # – en dash
    "\u2014"  # — em dash
    "\u2015"  # ― horizontal bar
    "\u2212"  # − minus sign
    "\u2043"  # ⁃ hyphen bullet
    "\u30fc"  # ー prolonged sound mark, typed for a dash after a number (ｰ folds to it)
)
"""Every character written for the dash in 2-24-12; only read as one after a digit."""

PREFECTURES = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)
"""The 47 prefectures as written at the head of an address; one side may leave it out."""

_NUMERAL_RUN = re.compile(f"[{KANJI_NUMERAL_CHARS}]+")

ADDRESS_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # A postal code at the head (〒150-0002) is not part of the place.
        (rf"^〒?\s*\d{{3}}\s*[{HYPHENS}]\s*\d{{4}}|^〒\s*\d{{7}}", ""),
        # A space between two numbers separates them (2-24-12 201): keep it as a dash so
        # that removing the other spaces does not join the numbers.
        (r"(?<=\d)\s+(?=\d)", "-"),
        # Any other space is layout.
        (r"\s+", ""),
        # Every dash form after a number is the dash (2ー24−12, 2 – 24).
        (rf"(?<=\d)[{HYPHENS}]", "-"),
        # 大字 / 小字 / 字 name the kind of a district, not the district (大字上田字中村).
        (r"[大小]?字", ""),
        # 号室 after a room number is a unit word like 号 (201号室 = 201).
        (r"(?<=\d)号室", ""),
        # 丁目 / 番地 / 番 / 号 after a number are the dashes of 2-24-12.
        (r"(?<=\d)(?:丁目|番地|番|号)", "-"),
        # の / ノ / 之 between numbers is a dash too (24番地の12, 24の12).
        (r"(?<=[\d-])[のノ之](?=\d)", "-"),
        # A dash that is not followed by a number ends the block numbers (12号 ABCビル), or
        # doubles another (番地の → --).
        (r"-(?!\d)", ""),
        # ヶ / ケ / ヵ / が / ガ between kanji are one sound written five ways (霞ヶ関, 霞が関);
        # a kanji numeral before it is a digit by now (八ヶ岳 → 8ヶ岳).
        (r"(?<=[\u4e00-\u9fff\d])[ヶケヵがガ](?=[\u4e00-\u9fff])", "ケ"),
    )
)
"""Ordered rewrites of an address, applied after width, case and numeral folding."""


def _numerals_to_digits(match: re.Match[str]) -> str:
    # Every run of numeral kanji becomes digits, also inside place names (千代田 → 1000代田):
    # both sides are folded alike, so a name spelled the same way still compares equal, and
    # 第二ビル still matches 第2ビル.
    return str(parse_kanji_number(match[0]))


def _fold_address_once(text: str) -> str:
    text = _VARIATION_SELECTORS.sub("", _width_and_case(text))
    text = _NUMERAL_RUN.sub(_numerals_to_digits, text)
    for pattern, replacement in ADDRESS_RULES:
        text = pattern.sub(replacement, text)
    return text.translate(_NAME_TABLE)


def fold_address(address: str) -> str:
    """Return the form of an address that two spellings of the same address share.

    渋谷二丁目24番12号, 渋谷2-24-12, 渋谷２－２４－１２ and 渋谷2丁目24-12 all fold to
    渋谷2-24-12. The prefecture is kept; ``addresses_match`` forgives it on one side.
    """
    return _fixpoint(_fold_address_once, address)


def split_prefecture(folded: str) -> tuple[str | None, str]:
    """Split a folded address into its folded prefecture (None when absent) and the rest."""
    for prefecture in _FOLDED_PREFECTURES:
        if folded.startswith(prefecture) and len(folded) > len(prefecture):
            return prefecture, folded[len(prefecture) :]
    return None, folded


# Folded like the addresses they head: 三重県 is 3重県 and 千葉県 1000葉県 by then.
_FOLDED_PREFECTURES = tuple(fold_address(p) for p in PREFECTURES)


def addresses_match(a: str, b: str) -> bool:
    """Tell whether two addresses name the same place.

    Equal after ``fold_address``, except that a prefecture written on one side only is
    ignored (東京都渋谷区… matches 渋谷区…); two different prefectures never match. An address
    that folds to nothing matches none.
    """
    pref_a, rest_a = split_prefecture(fold_address(a))
    pref_b, rest_b = split_prefecture(fold_address(b))
    if not rest_a or rest_a != rest_b:
        return False
    return pref_a is None or pref_b is None or pref_a == pref_b
