"""Placement of drawn documents on a page (scan or phone photo) and the page's degradations."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
from PIL import Image

from tests.synth.documents import A4_H, A4_W
from tests.synth.truth import Box, DocumentTruth, SensitiveRegion, TextElement

if TYPE_CHECKING:
    import random
    from collections.abc import Sequence

    from numpy.typing import NDArray

    from tests.synth.documents import Drawn

    U8 = NDArray[Any]  # 8-bit pixels; cv2's stubs type every array as a generic MatLike
    F64 = NDArray[np.float64]

PAGE_W, PAGE_H = A4_W, A4_H
"""An A4 page at 300 dpi, portrait."""
PAPER = (250, 250, 248)


@dataclass(frozen=True, slots=True)
class Layout:
    """How the documents of one page are captured.

    Attributes:
        capture: "scan" (flat on an A4 sheet, several cards possible) or "photo" (a phone
            picture in perspective on a dark background).
        rotation: quarter turns of the whole page, clockwise degrees: 0, 90, 180 or 270.
        skew: the largest small rotation of a document, degrees (0 for none).
        photocopy: a black-and-white photocopy (grey, harder contrast).
    """

    capture: str = "scan"
    rotation: int = 0
    skew: float = 0.0
    photocopy: bool = False


@dataclass(frozen=True, slots=True)
class Effects:
    """Degradations of the finished page; zero or None switches one off."""

    blur: float = 0.0  # Gaussian sigma, pixels
    noise: float = 0.0  # standard deviation, grey levels
    contrast: float = 1.0  # gain around mid-grey
    brightness: float = 0.0  # offset, grey levels
    jpeg: int | None = None  # quality of a JPEG round trip

    def names(self) -> tuple[str, ...]:
        """Short names of the effects in use, for the ground truth."""
        out = []
        if self.blur:
            out.append(f"blur:{self.blur:.2f}")
        if self.noise:
            out.append(f"noise:{self.noise:.1f}")
        if self.contrast != 1.0 or self.brightness:
            out.append(f"contrast:{self.contrast:.2f}{self.brightness:+.0f}")
        if self.jpeg:
            out.append(f"jpeg:{self.jpeg}")
        return tuple(out)


def _rotation_matrix(angle_deg: float, cx: float, cy: float, tx: float, ty: float) -> F64:
    """3×3 matrix: turn by angle (counter-clockwise on screen) about (cx, cy), move to (tx, ty)."""
    a = math.radians(angle_deg)
    cos, sin = math.cos(a), math.sin(a)
    # Screen y points down: a counter-clockwise turn is (x, y) -> (x cos + y sin, -x sin + y cos).
    to_origin = np.array([[1, 0, -cx], [0, 1, -cy], [0, 0, 1]], dtype=np.float64)
    turn = np.array([[cos, sin, 0], [-sin, cos, 0], [0, 0, 1]], dtype=np.float64)
    move = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]], dtype=np.float64)
    out: F64 = move @ turn @ to_origin
    return out


def _apply(matrix: F64, points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    pts = np.array([[x, y, 1.0] for x, y in points], dtype=np.float64).T
    out = matrix @ pts
    return [
        (float(out[0, i] / out[2, i]), float(out[1, i] / out[2, i])) for i in range(out.shape[1])
    ]


def _corners(w: float, h: float, x: float = 0, y: float = 0) -> list[tuple[float, float]]:
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


def transform_box(matrix: F64, box: Box, width: int, height: int) -> Box:
    """The axis-aligned box of a transformed box, clipped to the page."""
    out = Box.bounding(_apply(matrix, _corners(box.w, box.h, box.x, box.y)))
    x0, y0 = max(out.x, 0), max(out.y, 0)
    x1, y1 = min(out.right, width), min(out.bottom, height)
    return Box(x0, y0, max(x1 - x0, 0), max(y1 - y0, 0))


def _blend(page: U8, image: U8, mask: U8, x: int, y: int) -> None:
    """Lay ``image`` over the page at (x, y) where ``mask`` (0–255) covers it."""
    h, w = image.shape[:2]
    region = page[y : y + h, x : x + w]
    weight = mask.astype(np.float32) * (1.0 / 255.0)
    region[...] = cv2.blendLinear(image, region, weight, 1.0 - weight)


def _warp_into(page: U8, doc: U8, matrix: F64) -> None:
    """Draw a document into the page through an affine or perspective matrix (only its box)."""
    h, w = doc.shape[:2]
    ph, pw = page.shape[:2]
    box = Box.bounding(_apply(matrix, _corners(w, h)))
    x0, y0 = max(box.x - 2, 0), max(box.y - 2, 0)
    x1, y1 = min(box.right + 2, pw), min(box.bottom + 2, ph)
    local = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], dtype=np.float64) @ matrix
    size = (x1 - x0, y1 - y0)
    ones = np.full((h, w), 255, dtype=np.uint8)
    if abs(local[2, 0]) < 1e-12 and abs(local[2, 1]) < 1e-12:
        warped = cv2.warpAffine(
            doc,
            local[:2],
            size,
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=(0, 0, 0),
        )
        mask = cv2.warpAffine(
            ones,
            local[:2],
            size,
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=0,
        )
    else:
        warped = cv2.warpPerspective(
            doc,
            local,
            size,
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=(0, 0, 0),
        )
        mask = cv2.warpPerspective(
            ones, local, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0
        )
    _blend(page, warped, mask, x0, y0)


def _edge(doc: U8) -> U8:
    """A card as a copier sees it: a thin darker outline where the card's edge is."""
    out = doc.copy()
    cv2.rectangle(out, (0, 0), (out.shape[1] - 1, out.shape[0] - 1), (150, 150, 150), 3)
    return out


def _quarter_turn(page: U8 | None, size: tuple[int, int], rotation: int) -> tuple[U8 | None, F64]:
    """Turn the page clockwise by 0/90/180/270 degrees; returns it and the coordinate matrix."""
    w, h = size
    if rotation == 0:
        return page, np.eye(3)
    if rotation == 90:
        m = np.array([[0, -1, h], [1, 0, 0], [0, 0, 1]], dtype=np.float64)
        code = cv2.ROTATE_90_CLOCKWISE
    elif rotation == 180:
        m = np.array([[-1, 0, w], [0, -1, h], [0, 0, 1]], dtype=np.float64)
        code = cv2.ROTATE_180
    elif rotation == 270:
        m = np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1]], dtype=np.float64)
        code = cv2.ROTATE_90_COUNTERCLOCKWISE
    else:
        raise ValueError(f"rotation must be a multiple of 90 degrees, not {rotation}")
    if page is None:
        return None, m
    turned: U8 = cv2.rotate(page, code)
    return turned, m


def _blank(width: int, height: int, colour: tuple[int, int, int]) -> U8:
    """A page of one colour (cv2.merge of flat planes: ten times faster than numpy's fill)."""
    planes = [np.full((height, width), c, dtype=np.uint8) for c in colour]
    out: U8 = cv2.merge(planes)
    return out


def _scan(
    docs: Sequence[Drawn], layout: Layout, rng: random.Random, dry: bool
) -> tuple[U8 | None, tuple[int, int], list[F64]]:
    """Documents flat on an A4 sheet: a sheet-sized document is the page, cards share one.

    Returns the page (None when dry), its size (width, height) and each document's matrix.
    """
    if docs[0].physical == "a4":
        first = None if dry else np.asarray(docs[0].image)
        if not layout.skew:
            return first, (PAGE_W, PAGE_H), [np.eye(3)]
        angle = rng.uniform(-layout.skew, layout.skew)
        m = _rotation_matrix(angle, PAGE_W / 2, PAGE_H / 2, PAGE_W / 2, PAGE_H / 2)
        if first is not None:
            first = cv2.warpAffine(
                first,
                m[:2],
                (PAGE_W, PAGE_H),
                flags=cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_CONSTANT,
                borderValue=PAPER,
            )
        return first, (PAGE_W, PAGE_H), [m]
    page = None if dry else _blank(PAGE_W, PAGE_H, PAPER)
    matrices: list[F64] = []
    slot_h = PAGE_H / len(docs) if len(docs) > 1 else PAGE_H * 0.6
    for i, doc in enumerate(docs):
        w, h = doc.size
        angle = rng.uniform(-layout.skew, layout.skew) if layout.skew else 0.0
        a = math.radians(abs(angle))
        bw = w * math.cos(a) + h * math.sin(a)
        bh = w * math.sin(a) + h * math.cos(a)
        margin = 60
        if bw + 2 * margin < PAGE_W:
            cx = rng.uniform(margin + bw / 2, PAGE_W - margin - bw / 2)
        else:
            cx = PAGE_W / 2
        top = i * slot_h
        lo, hi = top + margin + bh / 2, top + slot_h - margin - bh / 2
        cy = rng.uniform(lo, hi) if hi > lo else top + slot_h / 2
        if angle:
            m = _rotation_matrix(angle, w / 2, h / 2, cx, cy)
        else:
            x0, y0 = round(cx - w / 2), round(cy - h / 2)
            m = np.array([[1, 0, x0], [0, 1, y0], [0, 0, 1]], dtype=np.float64)
        matrices.append(m)
        if page is None:
            continue
        arr = np.asarray(doc.image)
        if doc.physical in ("card", "passport", "booklet"):
            arr = _edge(arr)
        if angle:
            _warp_into(page, arr, m)
        else:
            page[int(m[1, 2]) : int(m[1, 2]) + h, int(m[0, 2]) : int(m[0, 2]) + w] = arr
    return page, (PAGE_W, PAGE_H), matrices


def _dark_background(width: int, height: int, rng: random.Random, dry: bool) -> U8 | None:
    """A dark table with a soft gradient (computed small, then enlarged: it is smooth)."""
    base = np.array([rng.randint(15, 70) for _ in range(3)], dtype=np.float32)
    left, right = rng.uniform(0.8, 1.0), rng.uniform(1.0, 1.2)
    if dry:
        return None
    ys = np.linspace(0.7, 1.3, 32, dtype=np.float32)[:, None, None]
    xs = np.linspace(left, right, 32, dtype=np.float32)
    small = np.clip(base[None, None, :] * ys * xs[None, :, None], 0, 255).astype(np.uint8)
    out: U8 = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
    return out


def _photo(
    docs: Sequence[Drawn], rng: random.Random, dry: bool
) -> tuple[U8 | None, tuple[int, int], list[F64]]:
    """A phone picture: the documents in perspective on a dark table, lit unevenly."""
    sheet = docs[0].physical in ("a4", "a5")
    if sheet:
        width, height = 1800, 2400
    elif rng.random() < 0.5:
        width, height = 2016, 1512
    else:
        width, height = 1512, 2016
    page = _dark_background(width, height, rng, dry)
    matrices: list[F64] = []
    n = len(docs)
    for i, doc in enumerate(docs):
        w, h = doc.size
        # each document gets a cell of the picture (side by side or stacked)
        if width >= height:
            cell = (width * i / n, 0.0, width / n, float(height))
        else:
            cell = (0.0, height * i / n, float(width), height / n)
        cx0, cy0, cw, ch = cell
        scale = min(cw / w, ch / h) * rng.uniform(0.62, 0.8)
        dw, dh = w * scale, h * scale
        mx, my = cx0 + (cw - dw) / 2, cy0 + (ch - dh) / 2
        jitter = 0.07 * min(dw, dh)
        dst = [
            (x + rng.uniform(-jitter, jitter), y + rng.uniform(-jitter, jitter))
            for x, y in _corners(dw, dh, mx, my)
        ]
        angle = rng.uniform(-8, 8)
        turn = _rotation_matrix(angle, mx + dw / 2, my + dh / 2, mx + dw / 2, my + dh / 2)
        dst = _apply(turn, dst)
        m = cv2.getPerspectiveTransform(
            np.array(_corners(w, h), dtype=np.float32), np.array(dst, dtype=np.float32)
        ).astype(np.float64)
        matrices.append(m)
        if page is not None:
            _warp_into(page, np.asarray(doc.image), m)
    # uneven light: brighter on one side
    left, right = rng.uniform(0.8, 0.95), rng.uniform(1.0, 1.1)
    if page is not None:
        light = np.linspace(left, right, 16, dtype=np.float32)
        small = np.repeat((light * 200).astype(np.uint8)[None, :, None], 3, axis=2)
        gain = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
        page = cv2.multiply(page, gain, scale=1 / 200)
    return page, (width, height), matrices


def _photocopy(page: U8 | None, rng: random.Random) -> U8 | None:
    """A black-and-white copy: grey, with harder contrast.

    The page stays one channel until the end (a third of the work for every later step).
    """
    alpha, beta = rng.uniform(1.15, 1.4), rng.uniform(-60, -25)
    if page is None:
        return None
    grey = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    out: U8 = cv2.convertScaleAbs(grey, alpha=alpha, beta=beta)
    return out


def apply_effects(page: U8, effects: Effects, seed: int) -> U8:
    """Blur, noise, contrast and JPEG artefacts, in the order a capture produces them."""
    if effects.blur:
        page = cv2.GaussianBlur(page, (0, 0), effects.blur)
    # contrast around mid-grey: out = in * gain + beta (one pass together with the noise)
    beta = 128 * (1 - effects.contrast) + effects.brightness
    if effects.noise:
        # A tile of noise repeated over the page: drawing 26 million normal values per page
        # would cost more than everything else together.
        cv2.setRNGSeed(seed)
        channels = 1 if page.ndim == 2 else 3
        th, tw = 523, 509
        tile = np.empty((th, tw, channels) if channels == 3 else (th, tw), dtype=np.uint8)
        cv2.randn(tile, np.full(channels, 128.0), np.full(channels, effects.noise))
        h, w = page.shape[:2]
        noise = cv2.repeat(tile, -(-h // th), -(-w // tw))[:h, :w]
        page = cv2.addWeighted(page, effects.contrast, noise, 1.0, beta - 128.0)
    elif effects.contrast != 1.0 or effects.brightness:
        page = cv2.convertScaleAbs(page, alpha=effects.contrast, beta=beta)
    if effects.jpeg:
        grey = page.ndim == 2
        bgr = page if grey else cv2.cvtColor(page, cv2.COLOR_RGB2BGR)
        ok, data = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, effects.jpeg])
        if not ok:
            raise RuntimeError("JPEG encoding failed")
        decoded = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE if grey else cv2.IMREAD_COLOR)
        if decoded is None:
            raise RuntimeError("JPEG decoding failed")
        page = decoded if grey else cv2.cvtColor(decoded, cv2.COLOR_BGR2RGB)
    return page


@dataclass(frozen=True, slots=True)
class Composed:
    """A finished page: its pixels (None for a dry run), size and documents in page pixels."""

    image: Image.Image | None
    size: tuple[int, int]
    documents: tuple[DocumentTruth, ...]


def compose(
    docs: Sequence[Drawn],
    layout: Layout,
    effects: Effects,
    rng: random.Random,
    seed: int,
    *,
    dry: bool = False,
) -> Composed:
    """Put the documents on a page, degrade it, and map every box to page pixels.

    Args:
        docs: the drawn documents; the first is the page's primary document.
        layout: capture, rotation, skew, photocopy.
        effects: the degradations of the finished page.
        rng: the sample's random source (positions, angles); a dry run draws the same numbers.
        seed: seed of the pixel noise.
        dry: compute the ground truth only, no pixels.
    """
    untouched = (
        layout == Layout("scan") and not effects.names() and docs[0].physical == "a4"
    )  # a clean A4 sheet is its own page: skip the round trip through numpy
    if layout.capture == "photo":
        page, size, matrices = _photo(docs, rng, dry)
    else:
        page, size, matrices = _scan(docs, layout, rng, dry or untouched)
    if layout.photocopy:
        page = _photocopy(page, rng)
    page, turn = _quarter_turn(page, size, layout.rotation)
    if layout.rotation in (90, 270):
        size = (size[1], size[0])
    if page is not None:
        page = apply_effects(page, effects, seed)
    width, height = size
    truths = []
    for doc, m in zip(docs, matrices, strict=True):
        full = turn @ m
        w, h = doc.size
        quad = tuple(_apply(full, _corners(w, h)))
        # the document's own small turn (counter-clockwise), before the page's quarter turn
        skew = math.degrees(math.atan2(-m[1, 0], m[0, 0])) if layout.capture == "scan" else 0.0
        truths.append(
            DocumentTruth(
                document_type=doc.document_type,
                layout=doc.layout,
                fields=doc.fields,
                box=transform_box(full, Box(0, 0, w, h), width, height),
                quad=quad,
                rotation=layout.rotation,
                skew=skew,
                texts=tuple(
                    TextElement(t.text, transform_box(full, t.box, width, height), t.role, t.field)
                    for t in doc.texts
                ),
                sensitive=tuple(
                    SensitiveRegion(r.kind, transform_box(full, r.box, width, height))
                    for r in doc.sensitive
                ),
                mrz=doc.mrz,
                extra=doc.extra,
            )
        )
    if page is not None and page.ndim == 2:
        page = cv2.cvtColor(page, cv2.COLOR_GRAY2RGB)
    if untouched and not dry:
        image: Image.Image | None = docs[0].image
    else:
        image = Image.fromarray(page, "RGB") if page is not None else None
    return Composed(image, size, tuple(truths))
