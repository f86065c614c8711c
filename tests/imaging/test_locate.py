"""Locating documents on drawn pages (cards on A4, photos in perspective, certificates)."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import time
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from desktop.imaging import ocr
from desktop.imaging.locate import find_documents
from desktop.imaging.types import Box, Located, Page

SPECIMENS = Path(__file__).resolve().parents[2] / ".." / "shared" / "specimens"
A4 = (2480, 3508)  # 300 dpi
CARD = (1012, 638)  # 85.6 × 54 mm at 300 dpi


def _osd_ready() -> bool:
    try:
        return {"osd", "eng"} <= ocr.available_languages() and bool(ocr.version())
    except ocr.OcrUnavailable:
        return False


needs_osd = pytest.mark.skipif(not _osd_ready(), reason="libtesseract with osd data missing")


@cache
def font_path() -> str:
    found = shutil.which("fc-match")
    if found:
        path = subprocess.run(
            [found, "-f", "%{file}", "Noto Sans CJK JP:style=Regular"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if Path(path).is_file():
            return path
    pytest.skip("no CJK font (fonts-noto-cjk)")


def draw_card(tint: tuple[int, int, int] = (232, 240, 228)) -> Image.Image:
    """An invented licence-like card: border, Japanese lines, a photo box."""
    width, height = CARD
    im = Image.new("RGB", CARD, tint)
    draw = ImageDraw.Draw(im)
    draw.rounded_rectangle((0, 0, width - 1, height - 1), radius=30, outline=(90, 90, 90), width=4)
    font = ImageFont.truetype(font_path(), 38)
    lines = (
        "氏名　架空 花子",
        "昭和62年 3月 8日生",
        "住所　東京都千代田区霞が関一丁目1番1号",
        "交付　令和05年07月01日",
        "令和10年04月08日まで有効",
        "番号　第 9876 5432 1098 号",
    )
    for i, text in enumerate(lines):
        draw.text((40, 30 + i * 95), text, font=font, fill=(20, 20, 20))
    draw.rectangle((width - 260, 200, width - 40, 480), fill=(160, 170, 180))
    return im


def draw_certificate() -> Image.Image:
    """An invented full-page residence certificate, A4 at 300 dpi."""
    width = A4[0]
    im = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(font_path(), 44)
    draw.text((900, 200), "住民票の写し", font=ImageFont.truetype(font_path(), 90), fill="black")
    draw.rectangle((200, 420, width - 200, 2900), outline="black", width=5)
    rows = (
        "氏名　架空 花子",
        "生年月日　昭和62年3月8日",
        "住所　東京都千代田区霞が関一丁目1番1号",
        "本籍　大阪府大阪市北区中之島一丁目3番20号",
        "筆頭者　架空 一郎",
        "住民票コード　12345678901",
        "住民となった日　令和3年4月1日",
    )
    for i, text in enumerate(rows):
        y = 480 + i * 330
        draw.text((260, y), text, font=font, fill="black")
        draw.line((200, y + 280, width - 200, y + 280), fill="black", width=3)
    draw.text(
        (260, 3000), "この写しは、住民票の原本と相違ないことを証明する。", font=font, fill="black"
    )
    draw.text((1400, 3200), "令和7年11月20日　千代田区長", font=font, fill="black")
    return im


def place(page: Image.Image, card: Image.Image, x: int, y: int, angle: float) -> np.ndarray:
    """Paste ``card`` turned ``angle``° counter-clockwise at (x, y); return its corners on the page.

    Corners are the card's own top-left, top-right, bottom-right, bottom-left.
    """
    turned = card.convert("RGBA").rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    page.paste(turned, (x, y), turned)
    w, h = card.size
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=float) - [w / 2, h / 2]
    # Counter-clockwise on screen with y pointing down.
    moved = np.stack(
        [c * corners[:, 0] + s * corners[:, 1], -s * corners[:, 0] + c * corners[:, 1]], 1
    )
    shift = np.array([x + turned.width / 2, y + turned.height / 2])
    placed: np.ndarray = moved + shift
    return placed


def camera_corners(
    aspect: float,
    *,
    width: float = 1300,
    tilt: float = 25,
    pan: float = 10,
    roll: float = 4,
    size: tuple[int, int] = (2000, 1500),
) -> np.ndarray:
    """Where a camera (focal length 1800 px, centred) sees the corners of a tilted rectangle."""
    half_w, half_h = width / 2, width / aspect / 2
    plane = np.array(
        [[-half_w, -half_h, 0], [half_w, -half_h, 0], [half_w, half_h, 0], [-half_w, half_h, 0]]
    )
    a, b, c = (math.radians(v) for v in (tilt, pan, roll))
    rx = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])
    ry = np.array([[math.cos(b), 0, math.sin(b)], [0, 1, 0], [-math.sin(b), 0, math.cos(b)]])
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    seen = plane @ (rz @ ry @ rx).T + [0, 0, 2400]
    focal = 1800
    return np.stack(
        [
            focal * seen[:, 0] / seen[:, 2] + size[0] / 2,
            focal * seen[:, 1] / seen[:, 2] + size[1] / 2,
        ],
        axis=1,
    )


def photograph(
    document: Image.Image,
    corners: np.ndarray,
    *,
    size: tuple[int, int] = (2000, 1500),
    background: tuple[int, int, int] = (60, 55, 50),
    seed: int = 1,
) -> Image.Image:
    """``document`` seen in perspective on a noisy table, unevenly lit."""
    rng = np.random.default_rng(seed)
    width, height = size
    table = np.full((height, width, 3), background, np.int16)
    table += rng.normal(0, 8, (height, width, 1)).astype(np.int16)
    table = np.clip(table, 0, 255).astype(np.uint8)
    src = np.asarray(document.convert("RGB"))
    h, w = src.shape[:2]
    matrix = cv2.getPerspectiveTransform(
        np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32),
        np.asarray(corners, dtype=np.float32),
    )
    warped = cv2.warpPerspective(src, matrix, size)
    inside = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, size) > 127
    table[inside] = warped[inside]
    light = np.linspace(0.85, 1.0, width)[None, :, None]
    return Image.fromarray((table * light).astype(np.uint8))


def page_of(image: Image.Image) -> Page:
    return Page(image=image, source="drawn.png", number=1, dpi=300)


def assert_corner_maps(found: Located, corners: np.ndarray, tolerance: float = 25) -> None:
    """The crop's corners map back onto the document's own corners on the page, in order."""
    w, h = found.size
    mapped = found.map_points(np.array([[0, 0], [w, 0], [w, h], [0, h]]))
    assert np.abs(mapped - corners).max() < tolerance, (mapped.round(), corners.round())


@needs_osd
def test_one_card_on_white_a4() -> None:
    page = Image.new("RGB", A4, "white")
    corners = place(page, draw_card(), 300, 400, 0)
    started = time.perf_counter()
    found = find_documents(page_of(page))
    seconds = time.perf_counter() - started
    assert len(found) == 1
    card = found[0]
    assert card.box.iou(Box.bounding(corners)) >= 0.9
    assert (card.rotation, card.whole_page) == (0, False)
    assert card.size[0] > card.size[1]
    assert_corner_maps(card, corners)
    assert card.map_box(Box(0, 0, *card.size)).iou(card.box) > 0.95
    assert seconds < 3.0  # typically 0.3 s on two cores; generous for loaded CI machines


@needs_osd
def test_two_cards_skewed_one_upside_down_are_both_reported_in_reading_order() -> None:
    page = Image.new("RGB", A4, "white")
    first = place(page, draw_card(), 300, 400, 4)
    second = place(page, draw_card(), 1200, 2200, 180 - 7)
    found = find_documents(page_of(page))
    assert len(found) == 2
    assert found[0].box.iou(Box.bounding(first)) >= 0.9
    assert found[1].box.iou(Box.bounding(second)) >= 0.9
    assert [f.rotation for f in found] == [0, 180]
    assert found[0].skew == pytest.approx(4, abs=1)
    assert found[1].skew == pytest.approx(-7, abs=1)
    assert_corner_maps(found[0], first)
    assert_corner_maps(found[1], second)


@needs_osd
@pytest.mark.parametrize(("angle", "rotation"), [(93, 90), (268, 270), (180, 180)])
def test_turned_card_comes_out_upright(angle: float, rotation: int) -> None:
    page = Image.new("RGB", A4, "white")
    corners = place(page, draw_card(), 900, 1500, angle)
    found = find_documents(page_of(page))
    assert len(found) == 1
    assert found[0].box.iou(Box.bounding(corners)) >= 0.9
    assert found[0].rotation == rotation
    assert found[0].size[0] > found[0].size[1]
    assert_corner_maps(found[0], corners)


@needs_osd
def test_card_pasted_on_a_printed_request_form() -> None:
    page = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_path(), 48)
    for i, text in enumerate(
        ("開示等請求書", "請求者氏名　架空 花子", "住所　東京都千代田区霞が関一丁目1番1号")
        + ("本人確認書類の写しを下欄に貼付してください。",) * 6
    ):
        draw.text((200, 200 + i * 110), text, font=font, fill="black")
    corners = place(page, draw_card(), 700, 1500, 1)
    found = find_documents(page_of(page))
    assert len(found) == 1
    assert not found[0].whole_page
    assert found[0].box.iou(Box.bounding(corners)) >= 0.9


@needs_osd
def test_white_card_with_only_a_border_on_white_paper() -> None:
    page = Image.new("RGB", A4, "white")
    corners = place(page, draw_card(tint=(255, 255, 255)), 600, 900, 2)
    found = find_documents(page_of(page))
    assert len(found) == 1
    assert found[0].box.iou(Box.bounding(corners)) >= 0.9


@needs_osd
@pytest.mark.parametrize(
    ("background", "turn"), [((60, 55, 50), 0), ((140, 140, 140), 0), ((30, 30, 35), 180)]
)
def test_phone_photo_in_perspective(background: tuple[int, int, int], turn: int) -> None:
    corners = camera_corners(CARD[0] / CARD[1])
    card = draw_card().rotate(turn)
    photo = photograph(card, corners, background=background)
    found = find_documents(page_of(photo))
    assert len(found) == 1
    located = found[0]
    assert located.box.iou(Box.bounding(corners)) >= 0.9
    assert located.rotation == turn
    upright_corners = np.roll(corners, -2, axis=0) if turn == 180 else corners
    assert_corner_maps(located, upright_corners)
    # The warp undoes the perspective: the crop has the card's proportions.
    assert located.size[0] / located.size[1] == pytest.approx(CARD[0] / CARD[1], rel=0.05)


@needs_osd
def test_photo_of_a_full_page_document() -> None:
    corners = camera_corners(A4[0] / A4[1], width=1000, tilt=20, size=(1500, 2000))
    photo = photograph(draw_certificate().resize((1240, 1754)), corners, size=(1500, 2000))
    found = find_documents(page_of(photo))
    assert len(found) == 1
    assert found[0].box.iou(Box.bounding(corners)) >= 0.9
    assert found[0].rotation == 0
    assert_corner_maps(found[0], corners)
    assert found[0].size[0] / found[0].size[1] == pytest.approx(A4[0] / A4[1], rel=0.05)


@needs_osd
def test_certificate_is_the_whole_page() -> None:
    found = find_documents(page_of(draw_certificate()))
    assert len(found) == 1
    assert found[0].whole_page
    assert found[0].box == Box(0, 0, *A4)
    assert (found[0].rotation, found[0].skew) == (0, 0.0)
    assert found[0].map_box(Box(10, 10, 100, 50)) == Box(10, 10, 100, 50)


@needs_osd
def test_skewed_certificate_is_straightened() -> None:
    skewed = draw_certificate().rotate(6, fillcolor="white", resample=Image.Resampling.BICUBIC)
    found = find_documents(page_of(skewed))
    assert len(found) == 1
    located = found[0]
    assert located.whole_page
    assert located.skew == pytest.approx(6, abs=0.5)
    # The crop's centre is the page's centre; a box in the crop maps back inside the page.
    w, h = located.size
    centre = located.map_points(np.array([[w / 2, h / 2]]))[0]
    assert centre == pytest.approx((A4[0] / 2, A4[1] / 2), abs=2)
    assert Box(0, 0, *A4).contains(located.map_box(Box(0, 0, w, h)))


@needs_osd
def test_certificate_turned_a_quarter() -> None:
    turned = draw_certificate().rotate(90, expand=True)  # counter-clockwise
    found = find_documents(page_of(turned))
    assert len(found) == 1
    located = found[0]
    assert located.rotation == 90
    assert located.size == A4
    # The crop's top-left corner is the page's bottom-left corner.
    assert located.map_points(np.array([[0, 0]]))[0] == pytest.approx((0, A4[0]), abs=1)


def test_without_osd_data_nothing_breaks(tmp_path: Path) -> None:
    (tmp_path / "eng.traineddata").write_bytes(b"")  # a folder without osd.traineddata
    try:
        ocr.configure(tessdata=tmp_path)
        page = Image.new("RGB", A4, "white")
        corners = place(page, draw_card(), 300, 400, 0)
        found = find_documents(page_of(page))
    finally:
        ocr.configure(tessdata=None)
    assert len(found) == 1
    assert found[0].box.iou(Box.bounding(corners)) >= 0.9
    assert found[0].rotation == 0


def test_blank_page_is_one_whole_page_document() -> None:
    found = find_documents(page_of(Image.new("RGB", (600, 800), "white")), orient=False)
    assert len(found) == 1
    assert found[0].whole_page
    assert found[0].box == Box(0, 0, 600, 800)


# --- real specimens (read in place, never copied) ----------------------------------------


def _manifest() -> list[dict[str, object]]:
    manifest = SPECIMENS / "manifest.jsonl"
    if not manifest.is_file():
        return []
    return [json.loads(line) for line in manifest.read_text().splitlines() if line.strip()]


def _specimen(entry: dict[str, object]) -> Page:
    from desktop.imaging.decode import load_file

    return load_file(SPECIMENS / "images" / str(entry["name"]))[0]


def _with(key: str) -> list[dict[str, object]]:
    return [entry for entry in _manifest() if entry.get(key) is not None]


@needs_osd
@pytest.mark.skipif(not _with("documents_in_image"), reason="specimens absent")
@pytest.mark.parametrize("entry", _with("documents_in_image"), ids=lambda e: str(e["name"])[-30:])
def test_specimen_document_count(entry: dict[str, object]) -> None:
    assert len(find_documents(_specimen(entry))) == entry["documents_in_image"]


def _quarter_turns() -> list[dict[str, object]]:
    return [e for e in _with("rotation_deg") if e["rotation_deg"] in (0, 90, 180, 270)]


@needs_osd
@pytest.mark.skipif(not _quarter_turns(), reason="specimens absent")
@pytest.mark.parametrize("entry", _quarter_turns(), ids=lambda e: str(e["name"])[-30:])
def test_specimen_rotation(entry: dict[str, object]) -> None:
    # rotation_deg is how far the picture was turned clockwise; undoing it is the rest of 360.
    found = find_documents(_specimen(entry))
    expected = (360 - int(str(entry["rotation_deg"]))) % 360
    assert [f.rotation for f in found] == [expected]


def _upright_specimens() -> list[dict[str, object]]:
    return [e for e in _manifest() if e.get("rotation_deg") in (None, 0)]


_QUICK = ("mynumber.png", "driverslicense_mult.png", "enhanced__passport.jpg")


@needs_osd
@pytest.mark.skipif(not _upright_specimens(), reason="specimens absent")
@pytest.mark.parametrize(
    "entry",
    [
        e if str(e["name"]).endswith(_QUICK) else pytest.param(e, marks=pytest.mark.slow)
        for e in _upright_specimens()
    ],
    ids=lambda e: str(e["name"])[-30:],
)
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_specimen_turned_in_memory_comes_back_upright(entry: dict[str, object], turn: int) -> None:
    page = _specimen(entry)
    turned = Page(page.image.rotate(turn, expand=True), page.source, 1, page.dpi)
    found = find_documents(turned)
    assert [f.rotation for f in found] == [turn] * len(found)
