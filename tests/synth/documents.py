"""Drawing of every document type and layout version, recording each text and sensitive box."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PIL import Image, ImageDraw, ImageFont

from desktop.core.documents import DocumentType, FieldName, SensitiveKind
from tests.synth.names import (
    STATUSES,
    Person,
    family_of,
    official_name,
    prefecture_latin,
    random_date,
    random_person,
)
from tests.synth.numbers import (
    era_date,
    full_width,
    is_valid_my_number,
    kanji_numeral,
    my_number_check_digit,
    passport_date,
    td3_lines,
    western_date,
)
from tests.synth.truth import Box, MrzTruth, SensitiveRegion, TextElement

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterator, Mapping

DPI = 300
MM = DPI / 25.4
"""Pixels per millimetre at 300 dpi."""

_T = DocumentType
_F = FieldName
_S = SensitiveKind
BLACK = (20, 20, 20)
GREY = (90, 90, 90)
RED = (200, 40, 40)


def mm(value: float) -> int:
    """Millimetres to pixels at 300 dpi."""
    return round(value * MM)


# --- fonts ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Face:
    """A font file (and face index in a collection) found on this machine."""

    name: str
    path: str
    index: int


_WANTED = {
    # family as fc-list names it, style -> our name
    ("Noto Sans CJK JP", "Regular"): "noto_sans",
    ("Noto Sans CJK JP", "Bold"): "noto_sans_bold",
    ("Noto Serif CJK JP", "Regular"): "noto_serif",
    ("Noto Serif CJK JP", "Bold"): "noto_serif_bold",
    ("IPAGothic", "Regular"): "ipa_gothic",
    ("IPAMincho", "Regular"): "ipa_mincho",
    ("OCR B", "Regular"): "ocr_b",
}
_FALLBACK_PATHS = {
    "noto_sans": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    "noto_sans_bold": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0),
    "noto_serif": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 0),
    "noto_serif_bold": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 0),
    "ipa_gothic": ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0),
    "ipa_mincho": ("/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", 0),
    "ocr_b": ("/usr/share/fonts/opentype/ocr-b/OCRB.otf", 0),
}


@functools.cache
def available_faces() -> Mapping[str, Face]:
    """The wanted fonts that are installed, by our name (asks fc-list once)."""
    found: dict[str, Face] = {}
    fc_list = shutil.which("fc-list")
    if fc_list:
        out = subprocess.run(
            [fc_list, "--format", "%{file}|%{index}|%{family[0]}|%{style[0]}\n"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        for line in sorted(out.splitlines()):
            parts = line.split("|")
            if len(parts) != 4:
                continue
            path, index, family, style = parts
            name = _WANTED.get((family, style))
            if name and name not in found and path.endswith((".ttf", ".ttc", ".otf")):
                found[name] = Face(name, path, int(index or 0))
    if not found:  # no fontconfig: try where Debian puts the packages
        for name, (fallback, face_index) in _FALLBACK_PATHS.items():
            if Path(fallback).exists():
                found[name] = Face(name, fallback, face_index)
    return found


def cjk_faces() -> tuple[str, ...]:
    """Names of the installed regular Japanese faces that documents are printed in."""
    faces = available_faces()
    names = tuple(n for n in ("noto_sans", "noto_serif", "ipa_gothic", "ipa_mincho") if n in faces)
    if not names:
        raise RuntimeError("no Japanese font installed (fonts-noto-cjk or fonts-ipafont)")
    return names


@functools.cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A loaded font at a pixel size (cached: loading is the slow part of drawing text)."""
    faces = available_faces()
    face = faces.get(name)
    if face is None:  # a bold or OCR face may be absent: print in a regular face instead
        face = faces[cjk_faces()[0]]
    return ImageFont.truetype(face.path, size, index=face.index)


@dataclass(frozen=True, slots=True)
class Fonts:
    """The faces one document is printed in: body (values), label and bold (titles)."""

    body: str
    label: str
    bold: str

    @classmethod
    def pick(cls, rng: random.Random, *, formal: bool = False) -> Fonts:
        """Random faces; ``formal`` certificates prefer a Mincho (serif) body."""
        names = cjk_faces()
        serif = [n for n in names if n in ("noto_serif", "ipa_mincho")]
        body = rng.choice(serif if formal and serif and rng.random() < 0.7 else list(names))
        label = rng.choice(list(names))
        bold_name = "noto_serif_bold" if "serif" in body or "mincho" in body else "noto_sans_bold"
        bold = bold_name if bold_name in available_faces() else body
        return cls(body, label, bold)


# --- the canvas that records ground truth ----------------------------------------------------


_DRY: contextvars.ContextVar[bool] = contextvars.ContextVar("synth_dry", default=False)
"""True while documents are laid out without pixels (ground truth only)."""


class _NullDraw:
    """Stands in for ImageDraw when only the layout is wanted: every drawing call does nothing."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        def nothing(*_args: Any, **_kwargs: Any) -> None:
            return None

        return nothing


@dataclass(slots=True)
class Canvas:
    """A document being drawn; every text and sensitive region is recorded as it is drawn.

    A dry canvas (see ``dry_run``) computes the same boxes without drawing a pixel.
    """

    image: Image.Image
    width: int
    height: int
    dry: bool
    draw: ImageDraw.ImageDraw = field(init=False)
    texts: list[TextElement] = field(default_factory=list)
    sensitive: list[SensitiveRegion] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.draw = (
            cast("ImageDraw.ImageDraw", _NullDraw()) if self.dry else ImageDraw.Draw(self.image)
        )

    @classmethod
    def new(cls, width: int, height: int, colour: tuple[int, int, int]) -> Canvas:
        """A blank document of the given size in pixels (a placeholder when dry)."""
        dry = _DRY.get()
        image = Image.new("RGB", (1, 1) if dry else (width, height), colour)
        return cls(image, width, height, dry)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        face: str,
        size: int,
        *,
        role: str = "value",
        field: FieldName | None = None,
        kind: SensitiveKind | None = None,
        fill: tuple[int, int, int] = BLACK,
        max_width: float | None = None,
        anchor: str = "la",
    ) -> Box:
        """Print one line of text with its top-left at (x, y) and record it.

        Args:
            max_width: shrink the font until the text fits (long addresses on cards).
            kind: also record the printed value as a sensitive region of this kind.
            anchor: Pillow anchor ("la" top-left, "ra" top-right, "ma" top-centre).

        Returns:
            The box of the printed text.
        """
        fnt = font(face, size)
        if max_width is not None:
            while size > 8 and fnt.getlength(text) > max_width:
                size = int(size * 0.93)
                fnt = font(face, size)
        self.draw.text((x, y), text, font=fnt, fill=fill, anchor=anchor)
        left, top, right, bottom = fnt.getbbox(text, anchor=anchor)
        box = _pad(Box.bounding([(x + left, y + top), (x + right, y + bottom)]), 2, self)
        self.texts.append(TextElement(text, box, role, field))
        if kind is not None:
            self.sensitive.append(SensitiveRegion(kind, box))
        return box

    def vtext(
        self,
        x: float,
        y: float,
        text: str,
        face: str,
        size: int,
        *,
        role: str = "value",
        field: FieldName | None = None,
        kind: SensitiveKind | None = None,
        fill: tuple[int, int, int] = BLACK,
    ) -> Box:
        """Print one vertical column (縦書き) with its top-centre at (x, y) and record it."""
        fnt = font(face, size)
        cy = y
        for char in text:
            if char in " 　":
                cy += size * 0.5
                continue
            self.draw.text((x, cy), char, font=fnt, fill=fill, anchor="ma")
            cy += size * 1.08
        box = _pad(Box(int(x - size * 0.6), int(y), int(size * 1.2), int(cy - y)), 2, self)
        self.texts.append(TextElement(text, box, role, field))
        if kind is not None:
            self.sensitive.append(SensitiveRegion(kind, box))
        return box

    def label(self, x: float, y: float, text: str, face: str, size: int, **kw: object) -> Box:
        """Print a printed label (項目名) in grey."""
        return self.text(x, y, text, face, size, role="label", fill=GREY, **kw)  # type: ignore[arg-type]

    def mark(self, kind: SensitiveKind, box: Box) -> None:
        """Record a sensitive region that is not text (a QR code)."""
        self.sensitive.append(SensitiveRegion(kind, box))

    def rect(
        self,
        box: tuple[float, float, float, float],
        *,
        outline: tuple[int, int, int] | None = GREY,
        fill: tuple[int, int, int] | None = None,
        width: int = 2,
    ) -> None:
        """Draw a rectangle given as (x0, y0, x1, y1)."""
        self.draw.rectangle(box, outline=outline, fill=fill, width=width)

    def hline(self, x0: float, x1: float, y: float, width: int = 2) -> None:
        """A horizontal rule."""
        self.draw.line((x0, y, x1, y), fill=GREY, width=width)

    def vline(self, x: float, y0: float, y1: float, width: int = 2) -> None:
        """A vertical rule."""
        self.draw.line((x, y0, x, y1), fill=GREY, width=width)


def _pad(box: Box, by: int, canvas: Canvas) -> Box:
    """Grow a box by ``by`` pixels on each side, within the canvas."""
    x0, y0 = max(box.x - by, 0), max(box.y - by, 0)
    x1 = min(box.right + by, canvas.width)
    y1 = min(box.bottom + by, canvas.height)
    return Box(x0, y0, x1 - x0, y1 - y0)


# --- drawn documents -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Drawn:
    """A document drawn upright, before placement on a page; boxes in its own pixels.

    Attributes:
        physical: "card", "passport", "booklet", "a4" or "a5" (what the placement needs).
    """

    document_type: DocumentType
    layout: str
    physical: str
    image: Image.Image
    size: tuple[int, int]
    fields: Mapping[FieldName, str]
    texts: tuple[TextElement, ...]
    sensitive: tuple[SensitiveRegion, ...]
    mrz: MrzTruth | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


def _finish(
    canvas: Canvas,
    type_: DocumentType,
    layout: str,
    physical: str,
    fields: Mapping[FieldName, str],
    *,
    mrz: MrzTruth | None = None,
    extra: Mapping[str, str] | None = None,
) -> Drawn:
    return Drawn(
        type_,
        f"{type_}/{layout}",
        physical,
        canvas.image,
        (canvas.width, canvas.height),
        dict(fields),
        tuple(canvas.texts),
        tuple(canvas.sensitive),
        mrz,
        dict(extra or {}),
    )


def _tint(rng: random.Random, base: tuple[int, int, int], spread: int = 8) -> tuple[int, int, int]:
    r, g, b = (min(255, max(0, c + rng.randint(-spread, spread))) for c in base)
    return (r, g, b)


def _photo(canvas: Canvas, box: tuple[int, int, int, int], rng: random.Random) -> None:
    """A portrait placeholder: a plain background with a head and shoulders."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    photo = Image.new("RGB", (w, h), _tint(rng, (200, 215, 230), 15))
    draw = ImageDraw.Draw(photo)
    tone = _tint(rng, (120, 100, 90), 30)
    draw.ellipse((w * 0.3, h * 0.15, w * 0.7, h * 0.6), fill=tone)
    draw.ellipse((w * 0.08, h * 0.62, w * 0.92, h * 1.3), fill=tone)
    if not canvas.dry:
        canvas.image.paste(photo, (x0, y0))


def _qr(canvas: Canvas, x: int, y: int, size: int, rng: random.Random, modules: int = 29) -> Box:
    """A QR-code-like block (finder patterns and random modules); returns its box."""
    cell = max(size // modules, 1)
    size = cell * modules
    canvas.rect((x, y, x + size, y + size), outline=None, fill=(255, 255, 255))
    bits = rng.getrandbits(modules * modules)
    if canvas.dry:
        return Box(x, y, size, size)
    for row in range(modules):
        for col in range(modules):
            in_finder = ((row < 8 or row >= modules - 8) and col < 8) or (
                row < 8 and col >= modules - 8
            )
            if in_finder:
                continue
            if (bits >> (row * modules + col)) & 1:
                px, py = x + col * cell, y + row * cell
                canvas.draw.rectangle((px, py, px + cell - 1, py + cell - 1), fill=BLACK)
    for fx, fy in ((0, 0), (modules - 7, 0), (0, modules - 7)):
        px, py = x + fx * cell, y + fy * cell
        canvas.draw.rectangle((px, py, px + 7 * cell - 1, py + 7 * cell - 1), fill=BLACK)
        canvas.draw.rectangle(
            (px + cell, py + cell, px + 6 * cell - 1, py + 6 * cell - 1), fill=(255, 255, 255)
        )
        canvas.draw.rectangle(
            (px + 2 * cell, py + 2 * cell, px + 5 * cell - 1, py + 5 * cell - 1), fill=BLACK
        )
    return Box(x, y, size, size)


def _seal(canvas: Canvas, cx: float, cy: float, r: float, text: str, face: str) -> None:
    """A red seal impression (印影): a ring with characters stacked inside."""
    canvas.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=max(int(r / 10), 3))
    chars = text[:3] or "印"
    size = int(2 * r * 0.75 / max(len(chars), 1))
    y = cy - size * len(chars) / 2
    fnt = font(face, size)
    for ch in chars:
        canvas.draw.text((cx, y), ch, font=fnt, fill=RED, anchor="ma")
        y += size


def _square_seal(canvas: Canvas, x: float, y: float, s: float, face: str) -> None:
    """A square official seal (公印) with 之印."""
    canvas.draw.rectangle((x, y, x + s, y + s), outline=RED, width=max(int(s / 14), 3))
    fnt = font(face, int(s * 0.36))
    canvas.draw.text((x + s * 0.3, y + s * 0.1), "之", font=fnt, fill=RED)
    canvas.draw.text((x + s * 0.3, y + s * 0.52), "印", font=fnt, fill=RED)


def my_number(rng: random.Random) -> str:
    """A 12-digit My Number whose check digit holds (never a real person's: invented)."""
    first = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(10))
    number = first + str(my_number_check_digit(first))
    assert is_valid_my_number(number)
    return number


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _issue_and_expiry(rng: random.Random, person: Person, years: int) -> tuple[date, date]:
    issued = random_date(rng, date(2019, 6, 1), date(2026, 10, 31))
    expiry = date(issued.year + years, person.birth.month, min(person.birth.day, 28))
    return issued, expiry


def _birth_text(rng: random.Random, day: date, suffix: str = "") -> str:
    return era_date(day) + suffix if rng.random() < 0.85 else western_date(day) + suffix


# --- cards -----------------------------------------------------------------------------------

CARD_W, CARD_H = mm(85.6), mm(54)


def drivers_license(rng: random.Random, person: Person, *, layout: str) -> Drawn:
    """運転免許証: "pre_ic" prints 本籍 (prefecture + city), "ic" does not."""
    f = Fonts.pick(rng)
    c = Canvas.new(CARD_W, CARD_H, _tint(rng, (236, 242, 236)))
    c.rect((4, 4, c.width - 5, c.height - 5), outline=(120, 150, 120), width=3)
    issued, expiry = _issue_and_expiry(rng, person, rng.choice((3, 5)))
    expiry = expiry + timedelta(days=31)  # valid until one month after the birthday
    number = _digits(rng, 12)
    fields: dict[FieldName, str] = {}
    x0, lab, val = mm(3), 26, 40
    y = mm(2.5)
    c.label(x0, y + 8, "氏名", f.label, lab)
    c.text(x0 + mm(9), y, person.name, f.bold, 46, field=_F.NAME)
    fields[_F.NAME] = person.name
    birth = era_date(person.birth) + "生"
    c.text(mm(50), y + 10, birth, f.body, 30, field=_F.BIRTH_DATE)
    fields[_F.BIRTH_DATE] = person.birth.isoformat()
    y += mm(6.5)
    c.hline(x0, c.width - mm(3), y - mm(0.8))
    if layout == "pre_ic":
        domicile = person.domicile.prefecture + person.domicile.city
        c.label(x0, y + 4, "本籍", f.label, lab)
        c.text(x0 + mm(9), y, domicile, f.body, val, kind=_S.PERMANENT_DOMICILE)
        y += mm(5.5)
        c.hline(x0, c.width - mm(3), y - mm(0.8))
    address = person.address.text(rng.choice(("kanji_chome", "banchi", "full")))
    c.label(x0, y + 4, "住所", f.label, lab)
    c.text(x0 + mm(9), y, address, f.body, val, field=_F.ADDRESS, max_width=c.width - mm(16))
    fields[_F.ADDRESS] = address
    y += mm(5.5)
    c.hline(x0, c.width - mm(3), y - mm(0.8))
    c.label(x0, y + 4, "交付", f.label, lab)
    box = c.text(x0 + mm(9), y, era_date(issued), f.body, 32, field=_F.ISSUED_ON)
    c.text(box.right + mm(3), y, _digits(rng, 5), f.body, 32, role="note")  # 照会番号
    fields[_F.ISSUED_ON] = issued.isoformat()
    y += mm(5.5)
    band = rng.choice(((60, 160, 90), (70, 120, 200), (210, 170, 40)))
    c.rect((x0, y - mm(0.6), mm(58), y + mm(5.2)), outline=None, fill=band)
    if rng.random() < 0.5:
        expiry_text = era_date(expiry) + "まで有効"
    else:
        # newer licences print both calendars: 2029年(令和11年)05月12日まで有効
        era_year = era_date(expiry).split("年")[0]
        expiry_text = f"{expiry.year}年({era_year}年){expiry.month:02d}月{expiry.day:02d}日まで有効"
    c.text(x0 + mm(2), y, expiry_text, f.bold, 38, field=_F.EXPIRY_DATE, max_width=mm(53))
    fields[_F.EXPIRY_DATE] = expiry.isoformat()
    y += mm(7)
    c.label(x0, y, "免許の", f.label, 22)
    c.label(x0, y + 24, "条件等", f.label, 22)
    c.text(
        x0 + mm(9),
        y + 4,
        rng.choice(("眼鏡等", "", "中型車は中型車（８ｔ）に限る")) or "　",
        f.body,
        30,
        role="note",
    )
    y += mm(7)
    c.label(x0, y + 6, "番号", f.label, lab)
    c.text(x0 + mm(9), y, f"第 {number} 号", f.body, 40, field=_F.DOCUMENT_NUMBER)
    fields[_F.DOCUMENT_NUMBER] = number
    y += mm(6)
    # licence classes grid (二・小・原 ...)
    classes = ("二・小・原", "他", "二種", "大型", "中型", "準中型", "普通", "大特")
    cw = mm(7.2)
    for i, cls in enumerate(classes):
        bx = x0 + i * cw
        c.rect((bx, y, bx + cw, y + mm(6)), width=1)
        c.text(
            bx + cw / 2,
            y + 4,
            cls,
            f.label,
            14,
            role="label",
            fill=GREY,
            anchor="ma",
            max_width=cw - 6,
        )
        if rng.random() < 0.3:
            c.text(
                bx + cw / 2,
                y + 28,
                rng.choice(("普通", "中型", "大型")),
                f.body,
                18,
                role="note",
                anchor="ma",
                max_width=cw - 6,
            )
    px0, py0 = mm(61), mm(20)
    _photo(c, (px0, py0, px0 + mm(22), py0 + mm(24.5)), rng)
    c.text(mm(61), mm(46), "運転免許証", f.bold, 36, role="title")
    c.text(
        mm(61),
        mm(50.5),
        f"{person.address.prefecture}公安委員会",
        f.body,
        24,
        role="note",
        max_width=mm(20),
    )
    _square_seal(c, mm(79), mm(45), mm(5), f.body)
    return _finish(c, _T.DRIVERS_LICENSE, layout, "card", fields)


def my_number_front(rng: random.Random, person: Person) -> Drawn:
    """個人番号カード 表面: name, address, birth date, sex, expiry, photo."""
    f = Fonts.pick(rng)
    c = Canvas.new(CARD_W, CARD_H, _tint(rng, (245, 240, 235)))
    c.draw.rectangle((0, c.height - mm(9), c.width, c.height), fill=(225, 235, 245))
    fields: dict[FieldName, str] = {}
    x0 = mm(3)
    c.label(x0, mm(3.5), "氏名", f.label, 24)
    c.text(x0 + mm(8), mm(2.5), person.name, f.bold, 48, field=_F.NAME)
    fields[_F.NAME] = person.name
    c.label(x0, mm(11.5), "住所", f.label, 24)
    address = person.address.text(rng.choice(("kanji_chome", "banchi")))
    c.text(x0 + mm(8), mm(10.5), address, f.body, 36, field=_F.ADDRESS, max_width=mm(52))
    fields[_F.ADDRESS] = address
    birth = _birth_text(rng, person.birth, "生")
    c.text(x0, mm(27), birth, f.body, 32, field=_F.BIRTH_DATE)
    fields[_F.BIRTH_DATE] = person.birth.isoformat()
    c.label(x0 + mm(36), mm(27.5), "性別", f.label, 22)
    c.text(x0 + mm(43), mm(27), person.sex_ja, f.body, 32, role="value")
    _issued, expiry = _issue_and_expiry(rng, person, 10)
    c.rect((x0, mm(33), mm(50), mm(39)), outline=GREY, width=2)
    exp_text = f"{expiry.year}年{expiry.month:02d}月{expiry.day:02d}日まで有効"
    c.text(x0 + mm(1.5), mm(33.8), exp_text, f.body, 34, field=_F.EXPIRY_DATE)
    fields[_F.EXPIRY_DATE] = expiry.isoformat()
    c.text(x0, mm(40), "電子証明書の有効期限", f.label, 18, role="label", fill=GREY)
    c.text(x0, mm(46.5), "個人番号カード", f.bold, 34, role="title")
    c.text(mm(48), mm(47.5), person.address.city + "長", f.body, 26, role="note")
    _photo(c, (mm(60), mm(18), mm(82), mm(45)), rng)
    return _finish(c, _T.MY_NUMBER_CARD, "front", "card", fields)


def my_number_back(rng: random.Random, person: Person) -> Drawn:
    """個人番号カード 裏面: the 12-digit number and a QR code (both individual_number)."""
    f = Fonts.pick(rng)
    c = Canvas.new(CARD_W, CARD_H, _tint(rng, (240, 238, 245)))
    number = my_number(rng)
    c.label(mm(3), mm(3), "個人番号", f.label, 26)
    c.text(mm(3), mm(7), number, rng.choice((f.body, "ocr_b")), 58, kind=_S.INDIVIDUAL_NUMBER)
    c.label(mm(3), mm(16), "氏名", f.label, 22)
    c.text(mm(3), mm(19), person.name, f.body, 34, field=_F.NAME)
    c.label(mm(3), mm(25), "生年月日", f.label, 22)
    c.text(mm(3), mm(28), _birth_text(rng, person.birth, "生"), f.body, 30, field=_F.BIRTH_DATE)
    qr = _qr(c, mm(60), mm(3), mm(22), rng)
    c.mark(_S.INDIVIDUAL_NUMBER, qr)
    c.rect((mm(8), mm(36), mm(20), mm(46)), outline=(150, 120, 40), fill=(215, 185, 90), width=2)
    c.text(mm(40), mm(47), "個人番号カード", f.label, 24, role="title", fill=GREY)
    return _finish(
        c,
        _T.MY_NUMBER_CARD,
        "back",
        "card",
        {_F.NAME: person.name, _F.BIRTH_DATE: person.birth.isoformat()},
        extra={"my_number": number},
    )


def residence_card(rng: random.Random, person: Person) -> Drawn:
    """在留カード: Latin name, nationality, 住居地, status, period; nothing sensitive."""
    f = Fonts.pick(rng)
    c = Canvas.new(CARD_W, CARD_H, _tint(rng, (238, 240, 248)))
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    number = (
        rng.choice(letters)
        + rng.choice(letters)
        + _digits(rng, 8)
        + rng.choice(letters)
        + rng.choice(letters)
    )
    fields: dict[FieldName, str] = {}
    c.text(mm(3), mm(2), "在留カード", f.bold, 40, role="title")
    c.label(mm(45), mm(2.8), "番号", f.label, 22)
    c.text(mm(52), mm(2), number, f.bold, 38, field=_F.DOCUMENT_NUMBER)
    fields[_F.DOCUMENT_NUMBER] = number
    c.label(mm(3), mm(9.5), "氏名", f.label, 22)
    c.text(
        mm(11), mm(8.5), person.latin_name, "noto_sans_bold", 40, field=_F.NAME, max_width=mm(48)
    )
    fields[_F.NAME] = person.latin_name
    c.label(mm(3), mm(15), "生年月日", f.label, 20)
    birth = f"{person.birth.year}年{person.birth.month:02d}月{person.birth.day:02d}日"
    c.text(mm(15), mm(14.3), birth, f.body, 28, field=_F.BIRTH_DATE)
    fields[_F.BIRTH_DATE] = person.birth.isoformat()
    c.label(mm(39), mm(15), "性別", f.label, 20)
    c.text(mm(45), mm(14.3), f"{person.sex_ja} {person.sex}.", f.body, 28)
    c.label(mm(3), mm(19.5), "国籍・地域", f.label, 20)
    c.text(mm(17), mm(18.8), person.nationality, f.body, 28)
    c.label(mm(3), mm(24), "住居地", f.label, 20)
    address = person.address.text(rng.choice(("kanji_chome", "banchi", "hyphen")))
    c.text(mm(13), mm(23.3), address, f.body, 28, field=_F.ADDRESS, max_width=mm(46))
    fields[_F.ADDRESS] = address
    c.hline(mm(3), mm(60), mm(28.5))
    c.label(mm(3), mm(29.5), "在留資格", f.label, 20)
    c.text(mm(15), mm(29), rng.choice(STATUSES), f.bold, 30, max_width=mm(44))
    c.label(mm(3), mm(34.5), "就労制限の有無", f.label, 18)
    c.text(
        mm(22),
        mm(34),
        rng.choice(("就労制限なし", "就労不可", "在留資格に基づく就労活動のみ可")),
        f.body,
        24,
        max_width=mm(38),
    )
    issued = random_date(rng, date(2020, 1, 1), date(2026, 10, 1))
    years = rng.choice((1, 3, 5))
    expiry = date(issued.year + years, issued.month, min(issued.day, 28))
    c.label(mm(3), mm(39), "在留期間（満了日）", f.label, 18)
    box = c.text(mm(3), mm(42), f"{years}年", f.body, 28, role="note")
    c.text(
        box.right + 4,
        mm(42),
        f"（{expiry.year}年{expiry.month:02d}月{expiry.day:02d}日）",
        f.body,
        28,
        field=_F.EXPIRY_DATE,
    )
    fields[_F.EXPIRY_DATE] = expiry.isoformat()
    c.label(mm(3), mm(47), "交付年月日", f.label, 18)
    c.text(
        mm(17),
        mm(46.5),
        f"{issued.year}年{issued.month:02d}月{issued.day:02d}日",
        f.body,
        24,
        field=_F.ISSUED_ON,
    )
    fields[_F.ISSUED_ON] = issued.isoformat()
    c.text(
        mm(3),
        mm(50.5),
        "このカードは上記の満了日まで有効です。",
        f.label,
        18,
        role="note",
        fill=GREY,
    )
    _photo(c, (mm(61), mm(9), mm(83), mm(38)), rng)
    c.text(mm(64), mm(47), "法務大臣", f.body, 26, role="note")
    return _finish(c, _T.RESIDENCE_CARD, "2012", "card", fields)


COMPANIES = ("東都電機", "みなと物産", "さくら精工", "北斗運輸", "青葉食品", "若葉システム")
"""Invented employers, for 健康保険組合 names."""


def health_insurance_card(rng: random.Random, person: Person, *, layout: str) -> Drawn:
    """健康保険 被保険者証 ("hihokensha") or 資格確認書 ("shikaku"); numbers are sensitive."""
    f = Fonts.pick(rng)
    colour = rng.choice(((225, 238, 250), (250, 235, 220), (245, 228, 236), (232, 245, 228)))
    c = Canvas.new(CARD_W, CARD_H, _tint(rng, colour))
    fields: dict[FieldName, str] = {}
    kokuho = rng.random() < 0.35
    if layout == "shikaku":
        title = "資格確認書"
    elif kokuho:
        title = "国民健康保険被保険者証"
    else:
        title = "健康保険被保険者証"
    c.text(mm(3), mm(2), title, f.bold, 44, role="title", max_width=mm(52))
    c.text(
        mm(60),
        mm(2.8),
        rng.choice(("本人（被保険者）", "家族（被扶養者）")),
        f.body,
        24,
        role="note",
    )
    issued = random_date(rng, date(2018, 4, 1), date(2026, 10, 31))
    y = mm(9)
    c.label(mm(3), y + 2, "記号", f.label, 22)
    symbol = _digits(rng, rng.choice((4, 6, 8)))
    c.text(mm(10), y, symbol, f.body, 36, kind=_S.INSURED_SYMBOL_NUMBER)
    c.label(mm(30), y + 2, "番号", f.label, 22)
    insured_no = str(rng.randint(1, 99999))
    c.text(mm(37), y, insured_no, f.body, 36, kind=_S.INSURED_SYMBOL_NUMBER)
    c.label(mm(52), y + 2, "（枝番）", f.label, 22)
    c.text(mm(63), y, f"{rng.randint(0, 5):02d}", f.body, 36, kind=_S.INSURED_SYMBOL_NUMBER)
    y += mm(6)
    c.hline(mm(3), c.width - mm(3), y - mm(0.5))
    c.label(mm(3), y + 6, "氏名", f.label, 24)
    c.text(mm(14), y, person.name, f.bold, 44, field=_F.NAME)
    fields[_F.NAME] = person.name
    y += mm(6)
    c.label(mm(3), y + 2, "生年月日", f.label, 22)
    c.text(mm(17), y, _birth_text(rng, person.birth), f.body, 32, field=_F.BIRTH_DATE)
    fields[_F.BIRTH_DATE] = person.birth.isoformat()
    c.label(mm(50), y + 2, "性別", f.label, 22)
    c.text(mm(57), y, person.sex_ja, f.body, 32)
    y += mm(5)
    if kokuho or layout == "shikaku" or rng.random() < 0.2:
        c.label(mm(3), y + 2, "住所", f.label, 22)
        address = person.address.text(rng.choice(("kanji_chome", "banchi")))
        c.text(mm(11), y, address, f.body, 30, field=_F.ADDRESS, max_width=mm(70))
        fields[_F.ADDRESS] = address
        y += mm(5)
    acquired = random_date(rng, max(person.birth, date(1990, 1, 1)), issued)
    c.label(mm(3), y + 2, "資格取得年月日", f.label, 22)
    c.text(mm(24), y, era_date(acquired), f.body, 30)
    y += mm(5)
    c.label(mm(3), y + 2, "交付年月日", f.label, 22)
    c.text(mm(24), y, era_date(issued), f.body, 30, field=_F.ISSUED_ON)
    fields[_F.ISSUED_ON] = issued.isoformat()
    if layout == "shikaku" or kokuho:
        expiry = date(issued.year + rng.choice((1, 2, 5)), 7, 31)
        c.label(mm(48), y + 2, "有効期限", f.label, 22)
        c.text(mm(60), y, era_date(expiry), f.body, 30, field=_F.EXPIRY_DATE)
        fields[_F.EXPIRY_DATE] = expiry.isoformat()
    y += mm(6)
    c.hline(mm(3), c.width - mm(3), y - mm(0.5))
    rule = y  # the QR code, when there is one, stands under this rule, clear of the text
    c.label(mm(3), y + 2, "保険者番号", f.label, 22)
    # 国民健康保険 insurers have 6-digit numbers, the others 8 (法別番号 + 都道府県 + ...)
    insurer = _digits(rng, 8) if not kokuho else _digits(rng, 6)
    c.text(mm(20), y, insurer, f.body, 34, kind=_S.INSURER_NUMBER)
    y += mm(5)
    if kokuho:
        insurer_name = person.address.city
    elif rng.random() < 0.5:
        insurer_name = f"全国健康保険協会　{person.address.prefecture.rstrip('都府県')}支部"
    else:
        insurer_name = rng.choice(COMPANIES) + "健康保険組合"
    c.label(mm(3), y + 2, "保険者名称", f.label, 22)
    c.text(mm(20), y, insurer_name, f.body, 30, max_width=mm(45))
    extra = {"symbol": symbol, "number": insured_no, "insurer_number": insurer}
    if rng.random() < 0.5:
        side = min(mm(15), c.height - rule - mm(1.5))
        qr = _qr(c, mm(68), rule, side, rng, modules=25)
        c.mark(_S.INSURED_SYMBOL_NUMBER, qr)
    return _finish(c, _T.HEALTH_INSURANCE_CARD, layout, "card", fields, extra=extra)


# --- passport --------------------------------------------------------------------------------


def passport(rng: random.Random, person: Person) -> Drawn:
    """旅券 data page (2020 design): Latin visual zone, 本籍 prefecture, TD3 MRZ."""
    f = Fonts.pick(rng)
    c = Canvas.new(mm(125), mm(88), _tint(rng, (238, 232, 240)))
    for i in range(0, c.width, 24):  # guilloche-like background lines
        c.draw.line((i, 0, i + 200, c.height), fill=_tint(rng, (228, 220, 232), 4), width=1)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    number = rng.choice(letters) + rng.choice(letters) + _digits(rng, 7)
    issued = random_date(rng, date(2017, 1, 1), date(2026, 10, 1))
    expiry = date(issued.year + rng.choice((5, 10)), issued.month, min(issued.day, 28))
    latin = "noto_sans"
    fields: dict[FieldName, str] = {}
    c.text(mm(4), mm(3), "日本国 JAPAN", f.bold, 40, role="title")
    c.text(mm(50), mm(3), "旅券 PASSPORT", f.bold, 40, role="title")
    _photo(c, (mm(5), mm(15), mm(35), mm(53)), rng)
    x1, x2, x3 = mm(40), mm(60), mm(85)
    lab, val = 20, 34

    def pair(
        x: float,
        y: float,
        label: str,
        value: str,
        fld: FieldName | None = None,
        kind: SensitiveKind | None = None,
    ) -> None:
        c.label(x, y, label, f.label, lab)
        c.text(x, y + 24, value, latin, val, field=fld, kind=kind)

    pair(x1, mm(12), "型/Type", "P")
    pair(x2, mm(12), "発行国/Issuing country", "JPN")
    pair(x3, mm(12), "旅券番号/Passport No.", number, _F.DOCUMENT_NUMBER)
    fields[_F.DOCUMENT_NUMBER] = number
    pair(x1, mm(20), "姓/Surname", person.family_latin, _F.NAME)
    pair(x1, mm(27), "名/Given name", person.given_latin, _F.NAME)
    fields[_F.NAME] = person.latin_name
    pair(x1, mm(34), "国籍/Nationality", "JAPAN")
    pair(x3, mm(34), "生年月日/Date of birth", passport_date(person.birth), _F.BIRTH_DATE)
    fields[_F.BIRTH_DATE] = person.birth.isoformat()
    pair(x1, mm(41), "性別/Sex", person.sex)
    pair(
        x2,
        mm(41),
        "本籍/Registered Domicile",
        prefecture_latin(person.domicile.prefecture),
        kind=_S.PERMANENT_DOMICILE,
    )
    pair(x1, mm(48), "発行年月日/Date of issue", passport_date(issued), _F.ISSUED_ON)
    fields[_F.ISSUED_ON] = issued.isoformat()
    pair(x3, mm(48), "有効期間満了日/Date of expiry", passport_date(expiry), _F.EXPIRY_DATE)
    fields[_F.EXPIRY_DATE] = expiry.isoformat()
    pair(x1, mm(55), "発行官庁/Authority", "MINISTRY OF FOREIGN AFFAIRS")
    c.label(mm(5), mm(55), "所持人自署/Signature of bearer", f.label, lab)
    c.text(mm(6), mm(58), person.name, f.body, 40, role="note", fill=(30, 30, 110))
    line1, line2 = td3_lines(
        surname=person.family_latin,
        given_names=person.given_latin,
        number=number,
        nationality="JPN",
        birth=person.birth,
        sex=person.sex,
        expiry=expiry,
    )
    pitch = mm(2.54)  # ICAO 9303: 10 characters per inch
    for row, line in enumerate((line1, line2)):
        y = mm(70) + row * mm(6.5)
        x0 = mm(6)
        fnt = font("ocr_b", 42)
        for i, ch in enumerate(line):
            c.draw.text((x0 + i * pitch, y), ch, font=fnt, fill=BLACK)
        _left, top, _right, bottom = fnt.getbbox("A")
        box = Box(x0 - 2, y + int(top) - 2, pitch * 44 + 4, int(bottom - top) + 4)
        c.texts.append(TextElement(line, box, "mrz"))
    mrz = MrzTruth(
        "TD3",
        (line1, line2),
        person.family_latin,
        person.given_latin,
        number,
        "JPN",
        person.birth.isoformat(),
        person.sex,
        expiry.isoformat(),
    )
    return _finish(c, _T.PASSPORT, "2020", "passport", fields, mrz=mrz)


# --- paper documents -------------------------------------------------------------------------

A4_W, A4_H = 2480, 3508
A5_W, A5_H = 2480, 1754  # half an A4 sheet, landscape
BODY = 44  # 10.5 pt at 300 dpi
PAPER = (252, 252, 250)


def _certify(
    c: Canvas,
    rng: random.Random,
    f: Fonts,
    x: float,
    y: float,
    sentence: str,
    issued: date,
    authority: str,
    *,
    kanji: bool = False,
) -> None:
    """The certification block of a certificate: sentence, date, authority and its seal."""
    c.text(x, y, sentence, f.body, BODY, role="note", max_width=c.width - x - 150)
    c.text(x + 100, y + 90, era_date(issued, kanji=kanji), f.body, BODY, field=_F.ISSUED_ON)
    auth = f"{authority}　{official_name(rng)}"
    box = c.text(c.width - 600, y + 180, auth, f.body, BODY + 6, role="note", anchor="ra")
    _square_seal(c, box.right + 60, box.y - 60, 200, f.body)


def pension_book(rng: random.Random, person: Person, *, layout: str) -> Drawn:
    """年金手帳 page ("techo", a booklet page) or 基礎年金番号通知書 ("tsuchisho", half A4)."""
    f = Fonts.pick(rng)
    number = f"{_digits(rng, 4)}-{_digits(rng, 6)}"
    issued = random_date(
        rng,
        date(1997, 1, 1) if layout == "techo" else date(2022, 4, 1),
        date(2022, 3, 31) if layout == "techo" else date(2026, 10, 31),
    )
    fields: dict[FieldName, str] = {
        _F.NAME: person.name,
        _F.BIRTH_DATE: person.birth.isoformat(),
        _F.ISSUED_ON: issued.isoformat(),
    }
    if layout == "techo":
        c = Canvas.new(mm(100), mm(140), _tint(rng, (240, 244, 250)))
        c.draw.rectangle((0, 0, c.width, mm(14)), fill=(40, 80, 160))
        c.text(mm(6), mm(3), "年金手帳", f.bold, 64, role="title", fill=(255, 255, 255))
        c.rect((mm(6), mm(20), c.width - mm(6), mm(36)), width=3)
        c.label(mm(8), mm(22), "基礎年金番号", f.label, 30)
        c.text(mm(8), mm(27), number, f.body, 62, kind=_S.BASIC_PENSION_NUMBER)
        c.label(mm(6), mm(44), "氏名", f.label, 30)
        c.text(
            mm(20), mm(41), person.family_kana + "　" + person.given_kana, f.body, 26, role="note"
        )
        c.text(mm(20), mm(45), person.name, f.body, 56, field=_F.NAME)
        c.hline(mm(6), c.width - mm(6), mm(52))
        c.label(mm(6), mm(56), "生年月日", f.label, 30)
        c.text(mm(30), mm(55), era_date(person.birth), f.body, 44, field=_F.BIRTH_DATE)
        c.hline(mm(6), c.width - mm(6), mm(62))
        c.label(mm(6), mm(66), "交付日", f.label, 30)
        c.text(mm(30), mm(65), era_date(issued), f.body, 44, field=_F.ISSUED_ON)
        c.hline(mm(6), c.width - mm(6), mm(72))
        c.label(mm(6), mm(76), "初めて被保険者となった日", f.label, 28)
        first = random_date(
            rng, date(person.birth.year + 18, 4, 1), date(person.birth.year + 23, 4, 1)
        )
        c.text(mm(50), mm(75), era_date(first), f.body, 40)
        c.text(
            mm(6),
            mm(125),
            "社会保険庁" if issued < date(2010, 1, 1) else "日本年金機構",
            f.body,
            36,
            role="note",
        )
        return _finish(
            c, _T.PENSION_BOOK, layout, "booklet", fields, extra={"basic_pension_number": number}
        )
    c = Canvas.new(A5_W, A5_H, _tint(rng, PAPER, 3))
    c.text(A5_W // 2, 120, "基礎年金番号通知書", f.bold, 96, role="title", anchor="ma")
    c.rect((200, 330, A5_W - 200, 1350), width=4)
    c.label(260, 400, "基礎年金番号", f.label, 48)
    c.text(700, 380, number, f.body, 84, kind=_S.BASIC_PENSION_NUMBER)
    c.hline(200, A5_W - 200, 560)
    c.label(260, 640, "氏名", f.label, 48)
    c.text(700, 590, person.family_kana + "　" + person.given_kana, f.body, 36, role="note")
    c.text(700, 640, person.name, f.body, 72, field=_F.NAME)
    c.hline(200, A5_W - 200, 800)
    c.label(260, 880, "生年月日", f.label, 48)
    c.text(700, 870, _birth_text(rng, person.birth), f.body, 60, field=_F.BIRTH_DATE)
    c.hline(200, A5_W - 200, 1040)
    c.label(260, 1120, "交付日", f.label, 48)
    c.text(700, 1110, era_date(issued), f.body, 60, field=_F.ISSUED_ON)
    c.text(
        260,
        1450,
        "この通知書は、基礎年金番号を証明する書類です。大切に保管してください。",
        f.body,
        40,
        role="note",
    )
    c.text(A5_W - 250, 1580, "日本年金機構", f.bold, 56, role="note", anchor="ra")
    return _finish(c, _T.PENSION_BOOK, layout, "a5", fields, extra={"basic_pension_number": number})


def _split_address(text: str, max_chars: int) -> list[str]:
    return [text[i : i + max_chars] for i in range(0, len(text), max_chars)] or [text]


def family_register(rng: random.Random, person: Person, *, layout: str) -> Drawn:
    """戸籍全部事項証明書 ("zenbu", horizontal) or 戸籍謄本 ("tohon", vertical, kanji numerals).

    The 本籍 value and the 筆頭者 name are both marked permanent_domicile.
    """
    f = Fonts.pick(rng, formal=True)
    c = Canvas.new(A4_W, A4_H, _tint(rng, PAPER, 3))
    head = person
    spouse = random_person(
        rng,
        family=family_of(head),
        sex="F" if head.sex == "M" else "M",
        born=(date(head.birth.year - 4, 1, 1), date(head.birth.year + 4, 12, 28)),
    )
    child = random_person(
        rng,
        family=family_of(head),
        born=(date(head.birth.year + 22, 1, 1), date(head.birth.year + 40, 1, 1)),
    )
    while child.given in (head.given, spouse.given):
        child = random_person(rng, family=family_of(head), born=(child.birth, child.birth))
    issued = random_date(rng, date(2024, 1, 1), date(2026, 11, 20))
    domicile = head.domicile.domicile()
    fields = {
        _F.NAME: head.name,
        _F.BIRTH_DATE: head.birth.isoformat(),
        _F.ISSUED_ON: issued.isoformat(),
    }
    members = [
        (head, "夫" if head.sex == "M" else "妻", "長男" if head.sex == "M" else "長女"),
        (spouse, "妻" if head.sex == "M" else "夫", "二女" if spouse.sex == "F" else "二男"),
    ]
    if child.birth < issued:
        members.append((child, "", "長男" if child.sex == "M" else "長女"))
    if layout == "zenbu":
        c.text(
            A4_W - 200, 150, "（１の１）　　全部事項証明", f.body, BODY, role="title", anchor="ra"
        )
        left, label_w, right = 200, 560, A4_W - 200
        y = 260
        c.rect((left, y, right, y + 300), width=3)
        c.vline(left + label_w, y, y + 300)
        c.hline(left, right, y + 150)
        c.label(left + 40, y + 50, "本籍", f.label, BODY)
        lines = _split_address(domicile, 28 if rng.random() < 0.6 else 14)[:2]
        for i, line in enumerate(lines):
            c.text(
                left + label_w + 40,
                y + 20 + i * 60 if len(lines) > 1 else y + 50,
                line,
                f.body,
                BODY,
                kind=_S.PERMANENT_DOMICILE,
            )
        c.label(left + 40, y + 200, "氏名", f.label, BODY)
        c.text(
            left + label_w + 40,
            y + 200,
            f"{head.family}　{head.given}",
            f.body,
            BODY,
            field=_F.NAME,
            kind=_S.PERMANENT_DOMICILE,
        )
        y += 360
        made = random_date(rng, date(1994, 10, 1), date(2010, 3, 31))
        c.label(left, y, "戸籍事項", f.label, BODY)
        c.text(left + label_w, y, "戸籍改製", f.body, BODY, role="note")
        c.text(
            left + label_w + 300,
            y,
            f"【改製日】{full_width(era_date(made))}",
            f.body,
            BODY,
            role="note",
        )
        y += 80
        c.text(
            left + label_w + 300,
            y,
            "【改製事由】平成６年法務省令第５１号附則第２条第１項による改製",
            f.body,
            BODY - 4,
            role="note",
            max_width=right - left - label_w - 300,
        )
        y += 120
        for member, spouse_kind, relation in members:
            c.hline(left, right, y - 30, 3)
            c.label(left, y, "戸籍に記録されている者", f.label, BODY - 6)
            c.text(
                left + label_w,
                y,
                f"【名】{member.given}",
                f.body,
                BODY,
                field=_F.NAME if member is head else None,
            )
            y += 75
            c.text(
                left + label_w,
                y,
                f"【生年月日】{full_width(era_date(member.birth))}",
                f.body,
                BODY,
                field=_F.BIRTH_DATE if member is head else None,
            )
            if spouse_kind:
                c.text(
                    left + label_w + 1000,
                    y,
                    f"【配偶者区分】{spouse_kind}",
                    f.body,
                    BODY,
                    role="note",
                )
            y += 75
            father = rng.choice(("一郎", "茂", "清", "勝"))
            mother = rng.choice(("和子", "幸子", "節子", "京子"))
            c.text(left + label_w, y, f"【父】{member.family}{father}", f.body, BODY, role="note")
            y += 75
            c.text(left + label_w, y, f"【母】{member.family}{mother}", f.body, BODY, role="note")
            c.text(left + label_w + 1000, y, f"【続柄】{relation}", f.body, BODY, role="note")
            y += 90
            c.label(left, y, "身分事項", f.label, BODY - 6)
            c.text(left + label_w, y, "出生", f.body, BODY, role="note")
            c.text(
                left + label_w + 300,
                y,
                f"【出生日】{full_width(era_date(member.birth))}",
                f.body,
                BODY,
                role="note",
            )
            y += 75
            c.text(
                left + label_w + 300,
                y,
                f"【出生地】{member.address.prefecture}{member.address.city}",
                f.body,
                BODY,
                role="note",
            )
            y += 130
        c.text(left, y, "以下余白", f.body, BODY, role="note")
        c.text(left, A4_H - 700, f"発行番号　{_digits(rng, 6)}", f.body, BODY - 6, role="note")
        _certify(
            c,
            rng,
            f,
            left,
            A4_H - 600,
            "これは、戸籍に記録されている事項の全部を証明した書面である。",
            issued,
            head.domicile.city + "長",
        )
        return _finish(
            c,
            _T.FAMILY_REGISTER,
            layout,
            "a4",
            fields,
            extra={"domicile": domicile, "head": head.name},
        )
    # 戸籍謄本, the vertical register before computerisation: columns from right to left.
    size = 52
    x = A4_W - 220
    c.rect((160, 160, A4_W - 160, A4_H - 760), width=4)
    c.vline(x - 90, 160, A4_H - 760)
    c.vtext(x, 220, "本籍", f.label, size, role="label", fill=GREY)
    c.vtext(x, 460, domicile, f.body, size, kind=_S.PERMANENT_DOMICILE)
    x -= 180
    c.vtext(x, 220, "氏名", f.label, size, role="label", fill=GREY)
    c.vtext(
        x,
        460,
        f"{head.family}　{head.given}",
        f.body,
        size,
        field=_F.NAME,
        kind=_S.PERMANENT_DOMICILE,
    )
    x -= 160
    # made when the head married (about 20 and over), and before the registers were computerised
    married = date(min(head.birth.year + rng.randint(20, 35), 1994), 4, 1)
    made = random_date(rng, min(married, date(1994, 3, 1)), date(1994, 3, 31))
    c.vtext(x, 220, f"{era_date(made, kanji=True)}編製印", f.body, size - 8, role="note")
    for member, _spouse_kind, relation in members:
        x -= 200
        c.vline(x + 110, 160, A4_H - 760)
        c.vtext(
            x,
            220,
            f"{member.family}{rng.choice(('一郎', '茂', '清'))}",
            f.body,
            size - 8,
            role="note",
        )
        c.vtext(x - 70, 220, "父", f.label, size - 8, role="label", fill=GREY)
        # the member's events (身分事項), as the typed register wrote them in one column
        received = member.birth + timedelta(days=rng.randint(3, 13))
        event = (
            f"{era_date(member.birth, kanji=True)}{member.address.prefecture}"
            f"{member.address.city}で出生父届出{kanji_numeral(received.month)}月"
            f"{kanji_numeral(received.day)}日受附入籍"
        )
        c.vtext(x, 1500, event[:26], f.body, size - 12, role="note")
        if len(event) > 26:
            c.vtext(x - 70, 1500, event[26:52], f.body, size - 12, role="note")
        x -= 150
        c.vtext(x, 220, relation, f.body, size - 8, role="note")
        c.vtext(x, 600, "生出", f.label, size - 8, role="label", fill=GREY)
        c.vtext(
            x,
            760,
            era_date(member.birth, kanji=True),
            f.body,
            size - 8,
            field=_F.BIRTH_DATE if member is head else None,
        )
        x -= 110
        c.vtext(x, 600, member.given, f.body, size + 8, field=_F.NAME if member is head else None)
    _certify(
        c,
        rng,
        f,
        200,
        A4_H - 620,
        "この謄本は、原本と相違ないことを認証する。",
        issued,
        head.domicile.city + "長",
        kanji=True,
    )
    return _finish(
        c, _T.FAMILY_REGISTER, layout, "a4", fields, extra={"domicile": domicile, "head": head.name}
    )


def _relation(head: Person, member: Person) -> str:
    """続柄 of a household member to its head, from their ages and sex."""
    years = (member.birth - head.birth).days / 365.25
    if years > 15:
        return "子"
    if years < -15:
        return "父" if member.sex == "M" else "母"
    return "夫" if member.sex == "M" else "妻"


def residence_certificate(rng: random.Random, person: Person, *, layout: str) -> Drawn:
    """住民票の写し: "individual" (one person) or "household" (two); optional sensitive items.

    本籍・筆頭者, 個人番号 and 住民票コード are printed or replaced by 省略, per sample; a valid
    My Number may also appear without its label in the remarks (individual_number).
    """
    f = Fonts.pick(rng, formal=True)
    c = Canvas.new(A4_W, A4_H, _tint(rng, PAPER, 3))
    issued = random_date(rng, date(2025, 1, 1), date(2026, 11, 20))
    address = person.address.text(rng.choice(("kanji_chome", "banchi", "full")))
    fields = {
        _F.NAME: person.name,
        _F.BIRTH_DATE: person.birth.isoformat(),
        _F.ADDRESS: address,
        _F.ISSUED_ON: issued.isoformat(),
    }
    extra: dict[str, str] = {}
    c.text(A4_W // 2, 180, "住民票の写し", f.bold, 100, role="title", anchor="ma")
    left, right, lw = 180, A4_W - 180, 420
    y = 400
    c.rect((left, y, right, y + 240), width=3)
    c.vline(left + lw, y, y + 240)
    c.hline(left, right, y + 120)
    c.label(left + 30, y + 35, "住所", f.label, BODY)
    c.text(
        left + lw + 30,
        y + 35,
        address,
        f.body,
        BODY,
        field=_F.ADDRESS,
        max_width=right - left - lw - 60,
    )
    c.label(left + 30, y + 155, "世帯主", f.label, BODY)
    c.text(left + lw + 30, y + 155, f"{person.family}　{person.given}", f.body, BODY)
    y += 300
    people = [person]
    if layout == "household":
        people.append(random_person(rng, family=family_of(person)))
    show_domicile = rng.random() < 0.5
    show_number = rng.random() < 0.5
    show_code = rng.random() < 0.6
    for idx, member in enumerate(people):
        top = y
        row_h = 100
        rows: list[tuple[str, str, FieldName | None, SensitiveKind | None]] = [
            ("氏名", f"{member.family}　{member.given}", _F.NAME if idx == 0 else None, None),
            ("生年月日", era_date(member.birth), _F.BIRTH_DATE if idx == 0 else None, None),
            ("性別", member.sex_ja, None, None),
            ("続柄", _relation(person, member) if idx else "世帯主", None, None),
            (
                "住民となった年月日",
                era_date(random_date(rng, date(2000, 1, 1), issued)),
                None,
                None,
            ),
        ]
        if show_domicile:
            rows.append(("本籍", member.domicile.domicile(), None, _S.PERMANENT_DOMICILE))
            rows.append(("筆頭者", f"{person.family}　{person.given}", None, _S.PERMANENT_DOMICILE))
        else:
            rows.append(("本籍・筆頭者", "省略", None, None))
        if show_number:
            number = my_number(rng)
            rows.append(("個人番号", number, None, _S.INDIVIDUAL_NUMBER))
        else:
            rows.append(("個人番号", "省略", None, None))
        if show_code:
            rows.append(("住民票コード", _digits(rng, 11), None, _S.RESIDENT_RECORD_CODE))
        else:
            rows.append(("住民票コード", "省略", None, None))
        c.rect((left, top, right, top + row_h * len(rows) + 10), width=3)
        c.vline(left + 520, top, top + row_h * len(rows) + 10)
        for label, value, fld, kind in rows:
            c.label(left + 30, y + 28, label, f.label, BODY - 6)
            c.text(
                left + 560,
                y + 25,
                value,
                f.body,
                BODY,
                field=fld,
                kind=kind,
                max_width=right - left - 600,
            )
            y += row_h
            c.hline(left, right, y + 5, 1)
        y += 80
    c.label(left, y, "備考", f.label, BODY - 4)
    if rng.random() < 0.35:
        # A number without its label: still a My Number, still to be masked.
        loose = my_number(rng)
        c.text(
            left + 200,
            y,
            f"{era_date(random_date(rng, date(2016, 1, 1), issued))}　変更前",
            f.body,
            BODY - 4,
            role="note",
        )
        c.text(left + 1200, y, loose, f.body, BODY - 4, kind=_S.INDIVIDUAL_NUMBER)
        extra["loose_my_number"] = loose
    else:
        c.text(left + 200, y, "（余白）", f.body, BODY - 4, role="note")
    _certify(
        c,
        rng,
        f,
        left,
        A4_H - 650,
        "この写しは、住民票の原本と相違ないことを証明する。",
        issued,
        person.address.city + "長",
    )
    return _finish(c, _T.RESIDENCE_CERTIFICATE, layout, "a4", fields, extra=extra)


def seal_certificate(rng: random.Random, person: Person, *, layout: str) -> Drawn:
    """印鑑登録証明書 on an A4 sheet ("a4") or half a sheet ("half"); nothing sensitive."""
    f = Fonts.pick(rng, formal=True)
    w, h = (A4_W, A4_H) if layout == "a4" else (A5_W, A5_H)
    c = Canvas.new(w, h, _tint(rng, (246, 248, 240), 4))
    issued = random_date(rng, date(2025, 1, 1), date(2026, 11, 20))
    address = person.address.text(rng.choice(("kanji_chome", "banchi")))
    fields = {
        _F.NAME: person.name,
        _F.BIRTH_DATE: person.birth.isoformat(),
        _F.ADDRESS: address,
        _F.ISSUED_ON: issued.isoformat(),
    }
    c.text(w // 2, 120, "印鑑登録証明書", f.bold, 96, role="title", anchor="ma")
    c.rect((200, 300, 800, 900), width=3)
    _seal(c, 500, 600, 220, person.family, f.body)
    x = 900
    y = 320
    for label, value, fld in (
        ("氏名", f"{person.family}　{person.given}", _F.NAME),
        ("生年月日", era_date(person.birth), _F.BIRTH_DATE),
        ("性別", person.sex_ja, None),
        ("住所", address, _F.ADDRESS),
    ):
        c.label(x, y, label, f.label, BODY)
        c.text(x + 260, y, value, f.body, BODY + 4, field=fld, max_width=w - x - 460)
        y += 140
    c.text(x, y, f"登録番号　{_digits(rng, 6)}", f.body, BODY - 6, role="note")
    _certify(
        c,
        rng,
        f,
        200,
        h - 520,
        "この写しは、登録されている印影と相違ないことを証明します。",
        issued,
        person.address.city + "長",
    )
    return _finish(c, _T.SEAL_CERTIFICATE, layout, "a4" if layout == "a4" else "a5", fields)


def registered_matters_certificate(rng: random.Random, person: Person) -> Drawn:
    """登記事項証明書（後見）: the ward (成年被後見人, with 本籍) and the guardian.

    The page's fields are the ward's; the guardian's name and address are in ``extra``.
    """
    f = Fonts.pick(rng, formal=True)
    c = Canvas.new(A4_W, A4_H, _tint(rng, PAPER, 3))
    guardian = random_person(rng)
    issued = random_date(rng, date(2024, 6, 1), date(2026, 11, 20))
    ruling = random_date(rng, date(2015, 1, 1), issued - timedelta(days=30))
    address = person.address.text(rng.choice(("kanji_chome", "banchi")))
    g_address = guardian.address.text("kanji_chome")
    domicile = person.domicile.domicile()
    fields = {
        _F.NAME: person.name,
        _F.BIRTH_DATE: person.birth.isoformat(),
        _F.ADDRESS: address,
        _F.ISSUED_ON: issued.isoformat(),
    }
    c.text(A4_W // 2, 160, "登記事項証明書", f.bold, 96, role="title", anchor="ma")
    c.text(A4_W // 2, 300, "後　見", f.bold, 64, role="title", anchor="ma")
    left, x2 = 220, 820
    y = 460
    c.hline(left, A4_W - 220, y - 20, 3)
    c.label(left, y, "後見開始の裁判", f.label, BODY)
    for text in (
        f"【裁判所】{person.address.prefecture.rstrip('都府県')}家庭裁判所",
        f"【事件の表示】{era_date(ruling).split('年')[0]}年（家）第{rng.randint(100, 9999)}号",
        f"【裁判の確定日】{era_date(ruling)}",
        f"【登記年月日】{era_date(ruling + timedelta(days=14))}",
        f"【登記番号】第{ruling.year}-{rng.randint(1000, 9999)}号",
    ):
        c.text(x2, y, text, f.body, BODY, role="note")
        y += 80
    y += 40
    c.hline(left, A4_W - 220, y - 20, 3)
    c.label(left, y, "成年被後見人", f.label, BODY)
    c.text(x2, y, "【氏名】", f.body, BODY, role="label")
    c.text(x2 + 200, y, f"{person.family}　{person.given}", f.body, BODY, field=_F.NAME)
    y += 80
    c.text(x2, y, f"【生年月日】{era_date(person.birth)}", f.body, BODY, field=_F.BIRTH_DATE)
    y += 80
    c.text(x2, y, "【住所】", f.body, BODY, role="label")
    c.text(x2 + 200, y, address, f.body, BODY, field=_F.ADDRESS, max_width=A4_W - x2 - 450)
    y += 80
    c.text(x2, y, "【本籍】", f.body, BODY, role="label")
    c.text(
        x2 + 200, y, domicile, f.body, BODY, kind=_S.PERMANENT_DOMICILE, max_width=A4_W - x2 - 450
    )
    y += 120
    c.hline(left, A4_W - 220, y - 20, 3)
    c.label(left, y, "成年後見人", f.label, BODY)
    c.text(x2, y, "【氏名】", f.body, BODY, role="label")
    c.text(x2 + 200, y, f"{guardian.family}　{guardian.given}", f.body, BODY)
    y += 80
    c.text(x2, y, "【住所】", f.body, BODY, role="label")
    c.text(x2 + 200, y, g_address, f.body, BODY, max_width=A4_W - x2 - 450)
    y += 80
    c.text(x2, y, f"【選任の裁判確定日】{era_date(ruling)}", f.body, BODY, role="note")
    y += 120
    c.text(
        left,
        y,
        "［証明書番号］" + f"{_digits(rng, 4)}-{_digits(rng, 4)}",
        f.body,
        BODY - 6,
        role="note",
    )
    _certify(
        c,
        rng,
        f,
        left,
        A4_H - 650,
        "上記のとおり後見登記等ファイルに記録されていることを証明する。",
        issued,
        "東京法務局　登記官",
    )
    return _finish(
        c,
        _T.REGISTERED_MATTERS_CERTIFICATE,
        "koken",
        "a4",
        fields,
        extra={"guardian_name": guardian.name, "guardian_address": g_address, "domicile": domicile},
    )


REQUESTS = (
    "貴社が保有する私の保有個人データの開示請求に関する一切の件",
    "貴社が保有する私の保有個人データの利用目的の通知の求めに関する一切の件",
    "貴社が保有する私の保有個人データの利用停止等の請求に関する一切の件",
    "貴社が保有する私の保有個人データの訂正等の請求に関する一切の件",
)


def power_of_attorney(rng: random.Random, person: Person) -> Drawn:
    """委任状: the agent, the request, the date, the principal (委任者) and the seal.

    The page's fields are the principal's; the agent's name and address are in ``extra``.
    """
    f = Fonts.pick(rng, formal=True)
    c = Canvas.new(A4_W, A4_H, _tint(rng, PAPER, 3))
    agent = random_person(rng)
    signed = random_date(rng, date(2025, 1, 1), date(2026, 11, 20))
    address = person.address.text(rng.choice(("kanji_chome", "banchi", "hyphen")))
    a_address = agent.address.text("kanji_chome")
    fields = {_F.NAME: person.name, _F.ADDRESS: address, _F.ISSUED_ON: signed.isoformat()}
    c.text(A4_W // 2, 250, "委　任　状", f.bold, 110, role="title", anchor="ma")
    date_text = era_date(signed) if rng.random() < 0.7 else western_date(signed)
    c.text(A4_W - 250, 480, date_text, f.body, BODY + 4, field=_F.ISSUED_ON, anchor="ra")
    c.text(250, 600, "株式会社○○　個人情報お問合せ窓口　御中", f.body, BODY + 4, role="note")
    y = 800
    c.text(250, y, "（代理人）", f.body, BODY + 4, role="label")
    c.text(600, y, "住所", f.label, BODY + 4, role="label")
    c.text(800, y, a_address, f.body, BODY + 4, max_width=A4_W - 1050)
    y += 120
    c.text(600, y, "氏名", f.label, BODY + 4, role="label")
    c.text(800, y, agent.name, f.body, BODY + 8)
    y += 220
    c.text(
        250,
        y,
        "私は、上記の者を代理人と定め、下記の事項を委任します。",
        f.body,
        BODY + 4,
        role="note",
    )
    y += 200
    c.text(A4_W // 2, y, "記", f.body, BODY + 4, role="note", anchor="ma")
    y += 160
    c.text(
        300, y, "１．" + rng.choice(REQUESTS), f.body, BODY + 4, role="note", max_width=A4_W - 600
    )
    y += 500
    c.text(250, y, "（委任者）", f.body, BODY + 4, role="label")
    c.text(600, y, "住所", f.label, BODY + 4, role="label")
    c.text(800, y, address, f.body, BODY + 4, field=_F.ADDRESS, max_width=A4_W - 1050)
    y += 120
    c.text(600, y, "氏名", f.label, BODY + 4, role="label")
    box = c.text(800, y, person.name, f.body, BODY + 8, field=_F.NAME)
    _seal(c, box.right + 150, box.y + box.h // 2, 80, person.family, f.body)
    y += 120
    c.text(600, y, "生年月日", f.label, BODY + 4, role="label")
    c.text(900, y, era_date(person.birth), f.body, BODY + 4)
    return _finish(
        c,
        _T.POWER_OF_ATTORNEY,
        "standard",
        "a4",
        fields,
        extra={"agent_name": agent.name, "agent_address": a_address},
    )


# --- the catalogue of layouts ----------------------------------------------------------------

LAYOUTS: Mapping[str, Callable[[random.Random, Person], Drawn]] = {
    "drivers_license/pre_ic": lambda r, p: drivers_license(r, p, layout="pre_ic"),
    "drivers_license/ic": lambda r, p: drivers_license(r, p, layout="ic"),
    "passport/2020": passport,
    "my_number_card/front": my_number_front,
    "my_number_card/back": my_number_back,
    "residence_card/2012": residence_card,
    "health_insurance_card/hihokensha": lambda r, p: health_insurance_card(
        r, p, layout="hihokensha"
    ),
    "health_insurance_card/shikaku": lambda r, p: health_insurance_card(r, p, layout="shikaku"),
    "pension_book/techo": lambda r, p: pension_book(r, p, layout="techo"),
    "pension_book/tsuchisho": lambda r, p: pension_book(r, p, layout="tsuchisho"),
    "family_register/zenbu": lambda r, p: family_register(r, p, layout="zenbu"),
    "family_register/tohon": lambda r, p: family_register(r, p, layout="tohon"),
    "residence_certificate/individual": lambda r, p: residence_certificate(
        r, p, layout="individual"
    ),
    "residence_certificate/household": lambda r, p: residence_certificate(r, p, layout="household"),
    "seal_certificate/a4": lambda r, p: seal_certificate(r, p, layout="a4"),
    "seal_certificate/half": lambda r, p: seal_certificate(r, p, layout="half"),
    "registered_matters_certificate/koken": registered_matters_certificate,
    "power_of_attorney/standard": power_of_attorney,
}
"""Every layout version, keyed "type/version", with its drawing function."""


def draw(layout: str, rng: random.Random, person: Person | None = None) -> Drawn:
    """Draw one document of a layout ("drivers_license/ic") for a person (random if None).

    Inside ``dry_run()`` only the layout is computed: the same boxes, the same random draws,
    and a 1×1 placeholder image.
    """
    if person is None:
        person = random_person(rng, foreign=layout.startswith("residence_card"))
    return LAYOUTS[layout](rng, person)


@contextlib.contextmanager
def dry_run(dry: bool = True) -> Iterator[None]:
    """Lay documents out without drawing pixels (cheap ground truth) within the block."""
    token = _DRY.set(dry)
    try:
        yield
    finally:
        _DRY.reset(token)
