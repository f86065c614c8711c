"""Synthetic MRZ pages: passport data pages and TD1/TD2 cards with valid zones, degraded.

Everything is invented: names are built from syllables, numbers are random, and the zone is
drawn glyph by glyph at the ICAO pitch (10 characters per inch) with Debian's OCR-B font.
Pages come as flat scans or phone photos (perspective, dark background), in any quarter turn
with a small skew, with blur, noise and JPEG artefacts.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from desktop.core.mrz import FILLER, MrzFormat, check_digit
from desktop.imaging.mrz import find_font

_SYLLABLES = ("ka", "ri", "to", "me", "su", "na", "lo", "ve", "da", "mi", "ro", "ta", "ne",
              "po", "ha", "yu", "ki", "sa", "bo", "le", "an", "or", "el", "is")  # fmt: skip
_STATES = ("JPN", "UTO", "D<<", "FRA", "USA", "CHN", "KOR", "VNM", "PHL", "BRA", "GBR", "IND")
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
_DIGITS = "0123456789"

# Document sizes in millimetres (ICAO 9303 parts 4–7) and the zone's place.
_SIZES = {
    MrzFormat.TD1: (85.6, 54.0),
    MrzFormat.TD2: (105.0, 74.0),
    MrzFormat.TD3: (125.0, 88.0),
    MrzFormat.MRVA: (120.0, 80.0),
    MrzFormat.MRVB: (105.0, 74.0),
}
_PITCH_MM = 2.54
_LINE_MM = 4.23  # about 6 lines per inch


@dataclass(frozen=True, slots=True)
class MrzPage:
    """One generated page and what it shows."""

    image: np.ndarray  # BGR
    lines: tuple[str, ...]
    format: MrzFormat
    rotation: int  # clockwise quarter turn applied to the page
    capture: str  # "scan" or "photo"
    surname: str
    given_names: str
    number: str
    birth_date: str
    expiry_date: str


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).upper()


def _pad(text: str, width: int) -> str:
    return (text + FILLER * width)[:width]


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


@dataclass(frozen=True, slots=True)
class Person:
    """The invented holder of a generated document."""

    surname: str
    given_names: tuple[str, ...]
    sex: str
    birth: date
    expiry: date
    number: str
    state: str
    nationality: str


def random_person(rng: random.Random) -> Person:
    """An invented holder with dates a real document could carry."""
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 80))
    expiry = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 365 * 10))
    number = "".join(rng.choice(_LETTERS) for _ in range(rng.choice((0, 1, 2))))
    number += "".join(rng.choice(_DIGITS) for _ in range(9 - len(number)))
    state = rng.choice(_STATES)
    nationality = state if rng.random() < 0.8 else rng.choice(_STATES)
    given = tuple(_name(rng, rng.randint(2, 3)) for _ in range(rng.choice((1, 1, 2))))
    return Person(
        surname=_name(rng, rng.randint(2, 4)),
        given_names=given,
        sex=rng.choice("MFMF<"),
        birth=birth,
        expiry=expiry,
        number=number,
        state=state,
        nationality=nationality,
    )


def zone_lines(person: Person, fmt: MrzFormat, rng: random.Random) -> tuple[str, ...]:
    """The zone of ``person`` in format ``fmt``, every check digit right."""
    name = person.surname + "<<" + "<".join(person.given_names)
    number, birth, expiry = person.number, _yymmdd(person.birth), _yymmdd(person.expiry)
    nat, sex = person.nationality, person.sex
    optional = "".join(rng.choice(_DIGITS + FILLER * 6) for _ in range(rng.choice((0, 7, 9))))
    if fmt is MrzFormat.TD1:
        line1 = _pad("I" + rng.choice("D<C") + person.state + number + check_digit(number), 30)
        line2 = birth + check_digit(birth) + sex + expiry + check_digit(expiry) + nat
        line2 = _pad(line2, 29)
        composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
        return line1, line2 + check_digit(composite), _pad(name, 30)
    width = 44 if fmt in (MrzFormat.TD3, MrzFormat.MRVA) else 36
    code = {MrzFormat.TD3: "P<", MrzFormat.TD2: "I<", MrzFormat.MRVA: "V<", MrzFormat.MRVB: "V<"}
    line1 = _pad(code[fmt] + person.state + name, width)
    head = number + check_digit(number) + nat + birth + check_digit(birth) + sex
    head += expiry + check_digit(expiry)
    if fmt is MrzFormat.TD3:
        personal = _pad(optional, 14)
        digit = FILLER if set(personal) == {FILLER} else check_digit(personal)
        body = head + personal + digit
        spans = body[0:10] + body[13:20] + body[21:43]
        return line1, body + check_digit(spans)
    if fmt is MrzFormat.TD2:
        body = head + _pad(optional, 7)
        return line1, body + check_digit(body[0:10] + body[13:20] + body[21:35])
    return line1, _pad(head + optional, width)


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _text_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return _font("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def draw_document(
    rng: random.Random, lines: tuple[str, ...], fmt: MrzFormat, dpi: float
) -> np.ndarray:
    """A document's face (RGB) with a photo box, printed fields and the zone at the bottom."""
    width_mm, height_mm = _SIZES[fmt]
    px = dpi / 25.4
    width, height = round(width_mm * px), round(height_mm * px)
    tint = tuple(rng.randint(215, 250) for _ in range(3))
    img = Image.new("RGB", (width, height), tint)
    draw = ImageDraw.Draw(img)
    # Security-print-like background lines, lighter than the print.
    for i in range(0, width + height, max(4, round(2.5 * px))):
        shade = tuple(max(0, c - rng.randint(10, 30)) for c in tint)
        draw.line((i, 0, i - height, height), fill=shade, width=1)
    font_path = find_font()
    if font_path is None:
        raise FileNotFoundError("fonts-ocr-b is needed to draw the zone")
    pitch = _PITCH_MM * px
    size = max(6, round(pitch * rng.uniform(1.25, 1.45)))
    ocrb = _font(str(font_path), size)
    zone_h = len(lines) * _LINE_MM * px
    x0 = (width - pitch * len(lines[0])) / 2
    y0 = height - zone_h - rng.uniform(1.0, 3.0) * px
    # The visual zone stays clear of the machine-readable one, as ICAO requires.
    free = y0 - 2.0 * px
    photo_right = round(4 * px + 0.7 * (free - 6 * px))
    draw.rectangle((round(4 * px), round(6 * px), photo_right, round(free)), fill=(150, 140, 130))
    label = _text_font(max(8, round(2.0 * px)))
    value = _text_font(max(9, round(3.0 * px)))
    y = 5 * px
    left = 6 * px + 0.7 * (free - 6 * px)
    while y + 6.2 * px < free:
        draw.text((left, y), _name(rng, 3).title() + " / " + _name(rng, 2).lower(),
                  font=label, fill=(90, 90, 110))  # fmt: skip
        draw.text((left, y + 2.4 * px), _name(rng, rng.randint(2, 5)),
                  font=value, fill=(20, 20, 30))  # fmt: skip
        y += 6.2 * px
    ink = tuple(rng.randint(0, 40) for _ in range(3))
    for row, line in enumerate(lines):
        for i, char in enumerate(line):
            draw.text((x0 + i * pitch, y0 + row * _LINE_MM * px), char, font=ocrb, fill=ink)
    return np.asarray(img)


def _degrade(image: np.ndarray, rng: random.Random) -> np.ndarray:
    if rng.random() < 0.7:
        image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.3, 1.2))
    noise = np.asarray(rng.random() * 8.0)
    if noise > 1:
        gen = np.random.default_rng(rng.randrange(2**32))
        image = np.clip(image + gen.normal(0, float(noise), image.shape), 0, 255).astype(np.uint8)
    if rng.random() < 0.7:
        ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(45, 90)])
        decoded = cv2.imdecode(data, cv2.IMREAD_COLOR) if ok else None
        if decoded is not None:
            image = np.asarray(decoded, dtype=np.uint8)
    return image


def _scan(doc: np.ndarray, rng: random.Random, skew: float) -> np.ndarray:
    """The document on a white A4 sheet at the document's resolution, slightly turned."""
    dh, dw = doc.shape[:2]
    page_w = round(dw * rng.uniform(1.6, 2.2))
    page_h = round(page_w * 297 / 210)
    page = np.full((page_h, page_w, 3), 250, np.uint8)
    x = rng.randint(20, max(21, page_w - dw - 20))
    y = rng.randint(20, max(21, page_h - dh - 20))
    matrix = cv2.getRotationMatrix2D((x + dw / 2, y + dh / 2), skew, 1.0)
    matrix[:, 2] += (x, y)
    warped = cv2.warpAffine(doc, matrix, (page_w, page_h), borderValue=(0, 0, 0))
    mask = cv2.warpAffine(np.full((dh, dw), 255, np.uint8), matrix, (page_w, page_h))
    page[mask > 0] = warped[mask > 0]
    return page


def _photo(doc: np.ndarray, rng: random.Random, skew: float) -> np.ndarray:
    """The document on a dark table, seen by a phone: perspective and uneven light."""
    dh, dw = doc.shape[:2]
    out_w = round(dw * rng.uniform(1.3, 1.7))
    out_h = round(out_w * 3 / 4)
    cx, cy = out_w / 2, out_h / 2
    scale = min(out_w / dw, out_h / dh) * rng.uniform(0.7, 0.85)
    angle = math.radians(skew)
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * dw * scale / 2, sy * dh * scale / 2
        x, y = x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)
        jitter = 0.04 * dw * scale
        corners.append(
            (cx + x + rng.uniform(-jitter, jitter), cy + y + rng.uniform(-jitter, jitter))
        )
    src = np.array([[0, 0], [dw, 0], [dw, dh], [0, dh]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, np.array(corners, dtype=np.float32))
    base = rng.randint(20, 70)
    page = np.full((out_h, out_w, 3), base, np.uint8)
    warped = cv2.warpPerspective(doc, matrix, (out_w, out_h))
    mask = cv2.warpPerspective(np.full((dh, dw), 255, np.uint8), matrix, (out_w, out_h))
    page[mask > 0] = warped[mask > 0]
    # Light falling off across the picture.
    ramp = np.linspace(rng.uniform(0.75, 1.0), rng.uniform(0.9, 1.1), out_w, dtype=np.float32)
    return np.clip(page * ramp[None, :, None], 0, 255).astype(np.uint8)


def make_page(seed: int, fmt: MrzFormat | None = None, capture: str | None = None) -> MrzPage:
    """A generated page: a document with a valid zone, placed, turned and degraded."""
    rng = random.Random(seed)
    fmt = fmt or rng.choice((MrzFormat.TD3, MrzFormat.TD3, MrzFormat.TD1, MrzFormat.TD2,
                             MrzFormat.MRVA, MrzFormat.MRVB))  # fmt: skip
    capture = capture or rng.choice(("scan", "scan", "photo"))
    person = random_person(rng)
    lines = zone_lines(person, fmt, rng)
    dpi = rng.uniform(170, 300) if capture == "scan" else rng.uniform(220, 330)
    doc = draw_document(rng, lines, fmt, dpi)
    skew = rng.uniform(-6, 6)
    page = _scan(doc, rng, skew) if capture == "scan" else _photo(doc, rng, skew)
    rotation = rng.choice((0, 0, 90, 180, 270))
    turns = {0: None, 90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
             270: cv2.ROTATE_90_COUNTERCLOCKWISE}  # fmt: skip
    code = turns[rotation]
    if code is not None:
        page = cv2.rotate(page, code)
    bgr = cv2.cvtColor(_degrade(page, rng), cv2.COLOR_RGB2BGR)
    return MrzPage(
        image=bgr,
        lines=lines,
        format=fmt,
        rotation=rotation,
        capture=capture,
        surname=person.surname,
        given_names=" ".join(person.given_names),
        number=person.number,
        birth_date=person.birth.isoformat(),
        expiry_date=person.expiry.isoformat(),
    )
