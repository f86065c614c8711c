"""Invented people: names in kanji with readings and Latin spellings, addresses, birth dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tests.synth.numbers import full_width, kanji_numeral

if TYPE_CHECKING:
    import random

# (kanji, reading, Hepburn). Combined at random, so every full name is an invented person.
FAMILY_NAMES: tuple[tuple[str, str, str], ...] = (
    ("青柳", "あおやぎ", "AOYAGI"),
    ("浅野", "あさの", "ASANO"),
    ("石森", "いしもり", "ISHIMORI"),
    ("岩城", "いわき", "IWAKI"),
    ("上原", "うえはら", "UEHARA"),
    ("大槻", "おおつき", "OTSUKI"),
    ("奥平", "おくだいら", "OKUDAIRA"),
    ("柏木", "かしわぎ", "KASHIWAGI"),
    ("金森", "かなもり", "KANAMORI"),
    ("川端", "かわばた", "KAWABATA"),
    ("北沢", "きたざわ", "KITAZAWA"),
    ("久保田", "くぼた", "KUBOTA"),
    ("黒岩", "くろいわ", "KUROIWA"),
    ("小松原", "こまつばら", "KOMATSUBARA"),
    ("榊原", "さかきばら", "SAKAKIBARA"),
    ("桜井", "さくらい", "SAKURAI"),
    ("篠原", "しのはら", "SHINOHARA"),
    ("白石", "しらいし", "SHIRAISHI"),
    ("杉浦", "すぎうら", "SUGIURA"),
    ("関口", "せきぐち", "SEKIGUCHI"),
    ("高瀬", "たかせ", "TAKASE"),
    ("竹内", "たけうち", "TAKEUCHI"),
    ("千葉", "ちば", "CHIBA"),
    ("筒井", "つつい", "TSUTSUI"),
    ("寺島", "てらしま", "TERASHIMA"),
    ("富永", "とみなが", "TOMINAGA"),
    ("中川", "なかがわ", "NAKAGAWA"),
    ("西村", "にしむら", "NISHIMURA"),
    ("野々村", "ののむら", "NONOMURA"),
    ("橋爪", "はしづめ", "HASHIZUME"),
    ("浜田", "はまだ", "HAMADA"),
    ("平野", "ひらの", "HIRANO"),
    ("藤沢", "ふじさわ", "FUJISAWA"),
    ("星野", "ほしの", "HOSHINO"),
    ("真鍋", "まなべ", "MANABE"),
    ("水野", "みずの", "MIZUNO"),
    ("宮坂", "みやさか", "MIYASAKA"),
    ("村瀬", "むらせ", "MURASE"),
    ("森下", "もりした", "MORISHITA"),
    ("矢吹", "やぶき", "YABUKI"),
    ("山岸", "やまぎし", "YAMAGISHI"),
    ("吉岡", "よしおか", "YOSHIOKA"),
    ("渡部", "わたなべ", "WATANABE"),
    ("髙木", "たかぎ", "TAKAGI"),  # variant kanji 髙, as some registers print it
    ("山﨑", "やまさき", "YAMASAKI"),  # variant kanji 﨑
)
MALE_GIVEN: tuple[tuple[str, str, str], ...] = (
    ("亮介", "りょうすけ", "RYOSUKE"),
    ("健太", "けんた", "KENTA"),
    ("翔平", "しょうへい", "SHOHEI"),
    ("大輔", "だいすけ", "DAISUKE"),
    ("拓海", "たくみ", "TAKUMI"),
    ("直樹", "なおき", "NAOKI"),
    ("浩二", "こうじ", "KOJI"),
    ("誠", "まこと", "MAKOTO"),
    ("悠真", "ゆうま", "YUMA"),
    ("隆之", "たかゆき", "TAKAYUKI"),
    ("和也", "かずや", "KAZUYA"),
    ("慎吾", "しんご", "SHINGO"),
    ("陽斗", "はると", "HARUTO"),
    ("修", "おさむ", "OSAMU"),
    ("光太郎", "こうたろう", "KOTARO"),
    ("蒼", "あおい", "AOI"),
)
FEMALE_GIVEN: tuple[tuple[str, str, str], ...] = (
    ("美咲", "みさき", "MISAKI"),
    ("由紀子", "ゆきこ", "YUKIKO"),
    ("陽菜", "ひな", "HINA"),
    ("彩花", "あやか", "AYAKA"),
    ("恵美", "えみ", "EMI"),
    ("真由美", "まゆみ", "MAYUMI"),
    ("千尋", "ちひろ", "CHIHIRO"),
    ("奈々", "なな", "NANA"),
    ("優子", "ゆうこ", "YUKO"),
    ("花音", "かのん", "KANON"),
    ("智子", "ともこ", "TOMOKO"),
    ("結衣", "ゆい", "YUI"),
    ("早苗", "さなえ", "SANAE"),
    ("里美", "さとみ", "SATOMI"),
    ("凛", "りん", "RIN"),
    ("香織", "かおり", "KAORI"),
)
FOREIGN_FAMILY = (
    "NGUYEN",
    "TRAN",
    "PHAM",
    "SANTOS",
    "REYES",
    "GARCIA",
    "LI",
    "WANG",
    "ZHANG",
    "KIM",
    "PARK",
    "SILVA",
    "GURUNG",
    "SHRESTHA",
    "PEREIRA",
    "MILLER",
)
FOREIGN_GIVEN = (
    "VAN AN",
    "THI LAN",
    "MARIA",
    "JOSE LUIS",
    "XIAOMING",
    "MEIHUA",
    "JIWOO",
    "MINSU",
    "ANA PAULA",
    "RAM BAHADUR",
    "DAVID",
    "SOFIA",
    "MINH DUC",
    "LING",
)
NATIONALITIES = (
    "ベトナム",
    "フィリピン",
    "中国",
    "韓国",
    "ブラジル",
    "ネパール",
    "米国",
    "インドネシア",
)
STATUSES = (
    "永住者",
    "技術・人文知識・国際業務",
    "留学",
    "家族滞在",
    "特定技能１号",
    "定住者",
    "日本人の配偶者等",
    "技能実習",
)

# (prefecture, Latin name as the passport prints it, cities of it)
PREFECTURES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("北海道", "HOKKAIDO", ("札幌市中央区", "旭川市", "函館市")),
    ("宮城県", "MIYAGI", ("仙台市青葉区", "石巻市")),
    ("茨城県", "IBARAKI", ("水戸市", "つくば市")),
    ("埼玉県", "SAITAMA", ("さいたま市浦和区", "川越市", "所沢市")),
    ("千葉県", "CHIBA", ("千葉市中央区", "船橋市", "柏市")),
    ("東京都", "TOKYO", ("千代田区", "渋谷区", "世田谷区", "八王子市", "杉並区", "町田市")),
    ("神奈川県", "KANAGAWA", ("横浜市港北区", "川崎市中原区", "相模原市", "藤沢市")),
    ("新潟県", "NIIGATA", ("新潟市中央区", "長岡市")),
    ("静岡県", "SHIZUOKA", ("静岡市葵区", "浜松市中央区", "沼津市")),
    ("愛知県", "AICHI", ("名古屋市中区", "豊田市", "岡崎市")),
    ("京都府", "KYOTO", ("京都市左京区", "宇治市")),
    ("大阪府", "OSAKA", ("大阪市北区", "堺市堺区", "豊中市", "吹田市")),
    ("兵庫県", "HYOGO", ("神戸市中央区", "姫路市", "西宮市")),
    ("広島県", "HIROSHIMA", ("広島市中区", "福山市")),
    ("福岡県", "FUKUOKA", ("福岡市博多区", "北九州市小倉北区", "久留米市")),
    ("沖縄県", "OKINAWA", ("那覇市", "浦添市")),
)
TOWNS = (
    "桜丘町",
    "若葉",
    "緑が丘",
    "本町",
    "中央",
    "旭町",
    "東雲",
    "松原",
    "青葉台",
    "栄町",
    "富士見",
    "港南",
    "日の出町",
    "柳町",
    "千代が丘",
    "宮前",
    "南町",
    "北野",
    "梅ケ丘",
    "清水",
)
BUILDINGS = ("コーポ若葉", "サンハイツ", "メゾン桜", "グランドパレス", "緑荘", "レジデンス青葉")


@dataclass(frozen=True, slots=True)
class Address:
    """An invented Japanese address.

    Attributes:
        prefecture, city, town: 東京都, 渋谷区, 桜丘町.
        chome: the 丁目 number, or 0 when the town has none.
        banchi, go: the block and house numbers (go 0: none).
        building: a building and room, or "".
    """

    prefecture: str
    city: str
    town: str
    chome: int
    banchi: int
    go: int
    building: str

    def text(self, style: str = "kanji_chome", *, prefecture: bool = True) -> str:
        """The address as a document prints it.

        Styles: "kanji_chome" (二丁目24番12号), "banchi" (2丁目24番地12), "kanji_all"
        (二丁目二十四番地十二, family registers), "hyphen" (2-24-12), "full" (２丁目２４番１２号).
        """
        head = (self.prefecture if prefecture else "") + self.city + self.town
        c, b, g = self.chome, self.banchi, self.go
        if style == "kanji_chome":
            tail = (f"{kanji_numeral(c)}丁目" if c else "") + f"{b}番" + (f"{g}号" if g else "")
            if not g:
                tail = tail[:-1] + "番地"
        elif style == "banchi":
            tail = (f"{c}丁目" if c else "") + f"{b}番地" + (f"{g}" if g else "")
        elif style == "kanji_all":
            tail = (f"{kanji_numeral(c)}丁目" if c else "") + f"{kanji_numeral(b)}番地"
            tail += kanji_numeral(g) if g else ""
        elif style == "hyphen":
            tail = "-".join(str(n) for n in (c, b, g) if n)
        elif style == "full":
            tail = full_width((f"{c}丁目" if c else "") + f"{b}番" + (f"{g}号" if g else ""))
        else:
            raise ValueError(f"unknown address style {style!r}")
        building = (" " + self.building) if self.building and style != "kanji_all" else ""
        return head + tail + building

    def domicile(self) -> str:
        """A 本籍 as a family register writes it: town and 番地, kanji numerals, no building."""
        return self.text("kanji_all")


@dataclass(frozen=True, slots=True)
class Person:
    """An invented person.

    Attributes:
        family, given: the name in kanji (or Latin capitals for a foreign resident).
        family_kana, given_kana: readings in hiragana ("" for a foreign resident).
        family_latin, given_latin: Latin capitals (Hepburn for Japanese names).
        sex: "M" or "F".
        birth: date of birth.
        address: where the person lives.
        domicile: the 本籍 (permanent domicile).
        foreign: a foreign resident (residence card holder).
        nationality: for a foreign resident, as the residence card prints it.
    """

    family: str
    given: str
    family_kana: str
    given_kana: str
    family_latin: str
    given_latin: str
    sex: str
    birth: date
    address: Address
    domicile: Address
    foreign: bool = False
    nationality: str = "日本"

    @property
    def name(self) -> str:
        """The contract's name: family and given name with one space."""
        return f"{self.family} {self.given}"

    @property
    def latin_name(self) -> str:
        """SURNAME GIVEN, as a passport or residence card prints it."""
        return f"{self.family_latin} {self.given_latin}"

    @property
    def sex_ja(self) -> str:
        """男 or 女."""
        return "男" if self.sex == "M" else "女"


def random_address(rng: random.Random) -> Address:
    """An invented address: a real prefecture and city, an invented town and numbers."""
    pref, _latin, cities = rng.choice(PREFECTURES)
    return Address(
        prefecture=pref,
        city=rng.choice(cities),
        town=rng.choice(TOWNS),
        chome=rng.choice((0, 1, 2, 3, 4, 5, 6)),
        banchi=rng.randint(1, 48),
        go=rng.choice((0, rng.randint(1, 30), rng.randint(1, 30))),
        building=rng.choice(
            ("",) * 3
            + tuple(f"{b}{rng.randint(1, 9)}0{rng.randint(1, 8)}号" for b in BUILDINGS[:2])
        ),
    )


def prefecture_latin(prefecture: str) -> str:
    """The Latin name of a prefecture (TOKYO for 東京都)."""
    for pref, latin, _cities in PREFECTURES:
        if pref == prefecture:
            return latin
    raise KeyError(prefecture)


def random_date(rng: random.Random, first: date, last: date) -> date:
    """A date between first and last, both included."""
    return first + timedelta(days=rng.randint(0, (last - first).days))


def random_person(
    rng: random.Random,
    *,
    family: tuple[str, str, str] | None = None,
    sex: str | None = None,
    born: tuple[date, date] = (date(1940, 1, 1), date(2006, 12, 31)),
    foreign: bool = False,
) -> Person:
    """An invented person born between the ``born`` bounds.

    Args:
        rng: the sample's random source.
        family: a family name to share (members of one family register).
        sex: "M" or "F", random when None.
        born: the range of birth dates.
        foreign: a foreign resident with a Latin name (residence card).
    """
    sex = sex or rng.choice("MF")
    birth = random_date(rng, *born)
    address = random_address(rng)
    domicile = random_address(rng)
    domicile = Address(
        domicile.prefecture, domicile.city, domicile.town, domicile.chome, domicile.banchi, 0, ""
    )
    if foreign:
        fam, giv = rng.choice(FOREIGN_FAMILY), rng.choice(FOREIGN_GIVEN)
        return Person(
            fam,
            giv,
            "",
            "",
            fam,
            giv,
            sex,
            birth,
            address,
            domicile,
            True,
            rng.choice(NATIONALITIES),
        )
    fam3 = family or rng.choice(FAMILY_NAMES)
    giv3 = rng.choice(MALE_GIVEN if sex == "M" else FEMALE_GIVEN)
    return Person(
        fam3[0], giv3[0], fam3[1], giv3[1], fam3[2], giv3[2], sex, birth, address, domicile
    )


def family_of(person: Person) -> tuple[str, str, str]:
    """The (kanji, reading, Latin) family name of a person, to give to relatives."""
    return (person.family, person.family_kana, person.family_latin)


def official_name(rng: random.Random) -> str:
    """An invented official's name for certifications (市長, 登記官)."""
    fam = rng.choice(FAMILY_NAMES)[0]
    giv = rng.choice(MALE_GIVEN + FEMALE_GIVEN)[0]
    return f"{fam}　{giv}"
