"""Find a machine-readable zone by its shape on any page and read it with OCR-B templates.

The zone is 2 or 3 long parallel lines of equal length printed in OCR-B at a fixed pitch.
Finding: dark marks are joined along 0° and 90° (then 45° and 135°, for pages turned between
quarter turns) so that each text line becomes one bar; bars that are long, thin, parallel, of
similar length, aligned and evenly stacked make a candidate zone (a lone long bar gets a guessed
partner line). Reading: the zone is cut straight from the full-resolution image, each line is
counted off glyph by glyph into its fixed-pitch cells (a quadratic absorbs a photo's
perspective), and each cell is compared (normalised correlation, no Tesseract) with glyphs
rendered from the OCR-B font at first use and kept in memory only; the zone's own confident
digits and letters then re-read its free fields. The core's parser repairs confusions by
position and lets the check digits choose among each cell's close guesses. Both ways up and
every line length the shape allows are tried, best-matching first, until one reads valid.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import cv2
import numpy as np

from desktop.core.mrz import (
    ALPHABET,
    SHAPES,
    MrzResult,
    detect_format,
    parse_candidates,
    position_kinds,
)
from desktop.imaging.types import Box

log = logging.getLogger(__name__)

FONT_ENV = "HONNIN_OCRB_FONT"
_FONT_NAMES = ("OCRB.otf", "OCRB.ttf", "ocrb.otf", "ocrb.ttf", "OCR-B.ttf", "OCRB10PitchBT.ttf")
_FONT_DIRS = (
    "/usr/share/fonts/opentype/ocr-b",
    "/usr/share/fonts/truetype/ocr-b",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)

# Normalised glyph canvas: a capital letter is scaled to _CAP pixels high and centred.
_CANVAS_H, _CANVAS_W, _CAP = 24, 20, 18
_WORK_LONG_SIDE = 1200  # detection runs on an image this long at most
_WORK_MIN_SIDE = 900  # small images are enlarged so that thin strokes survive thresholding
_LINE_PX = 40  # straightened zones are resampled so that one line is this many pixels apart
_MAX_ZONES = 6  # candidate zones read per pass, most zone-like first
# (threshold contrast, joining directions) tried in turn until a zone reads valid.
_PASSES = ((12, (0, 90)), (32, (0, 90)), (12, (45, 135)), (32, (45, 135)))
_TOP = 3  # guesses per cell handed to the parser
_HEIGHT_WEIGHT = 0.6  # score lost per unit of log-height mismatch beyond a tolerance
_MIN_SCORE = 0.55  # a reading matching the font worse than this is not an MRZ
_SAMPLE_SCORE = 0.85  # a typed cell read at least this well samples the document's print
_TRUSTED_SCORE = 0.75  # a valid reading needs this match to be believed at once
_MAX_LONE = 2  # lone bars given a guessed partner line
_LINE_TO_HEIGHT = 1.7  # zone line spacing over the height of a line's bar
_MARGIN = 0.08  # runners-up are offered only this close to the best correlation


@dataclass(frozen=True, slots=True)
class MrzRead:
    """A zone found and read on a page.

    Attributes:
        result: the parsed zone (its ``valid`` says whether every check digit holds).
        box: the zone's bounding box in the input image's pixels.
        rotation: 0, 90, 180 or 270: how far the input must be turned clockwise for the zone
            to read upright (the nearest quarter turn).
        angle: the zone's exact angle in degrees (clockwise turn that makes it upright).
        score: mean template correlation of the cells (0 … 1).
        seconds: time taken.
    """

    result: MrzResult
    box: Box
    rotation: int
    angle: float
    score: float
    seconds: float


@dataclass(frozen=True, slots=True)
class _Bar:
    cx: float
    cy: float
    length: float
    thickness: float
    angle: float  # direction of the line in degrees, [0, 180)


@dataclass(frozen=True, slots=True)
class _Zone:
    bars: tuple[_Bar, ...]  # top to bottom in the zone's own frame
    angle: float


# --- templates -------------------------------------------------------------------------------

_templates_lock = threading.Lock()
_templates: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


def find_font() -> Path | None:
    """The OCR-B font file (``HONNIN_OCRB_FONT`` first, then the usual font folders)."""
    env = os.environ.get(FONT_ENV)
    if env and Path(env).is_file():
        return Path(env)
    for folder in _FONT_DIRS:
        base = Path(folder)
        for name in _FONT_NAMES:
            if (base / name).is_file():
                return base / name
    for folder in _FONT_DIRS[2:4]:
        base = Path(folder)
        if base.is_dir():
            for found in base.rglob("OCRB*.[ot]tf"):
                return found
    return None


def _normalise(ink: np.ndarray, mask: np.ndarray, cap: float) -> tuple[np.ndarray, float] | None:
    """A glyph's ink scaled to _CAP pixels high and centred, and its height relative to ``cap``.

    Each glyph fills the canvas height whatever the line's estimated capital height, so that
    an estimate that is off does not bend letters into their neighbours (2 into Z); the
    relative height keeps what size tells apart (the filler is shorter than a capital).
    """
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return None
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    crop = ink[y0:y1, x0:x1]
    scale = _CAP / (y1 - y0)
    scale = min(scale, _CANVAS_W / (x1 - x0))
    w = max(1, min(_CANVAS_W, round((x1 - x0) * scale)))
    h = max(1, min(_CANVAS_H, round((y1 - y0) * scale)))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    small = cv2.resize(crop.astype(np.float32), (w, h), interpolation=interp)
    canvas = np.zeros((_CANVAS_H, _CANVAS_W), np.float32)
    top, left = (_CANVAS_H - h) // 2, (_CANVAS_W - w) // 2
    canvas[top : top + h, left : left + w] = small
    return canvas, float(y1 - y0) / max(cap, 1.0)


def _feature(canvas: np.ndarray) -> np.ndarray:
    vec: np.ndarray = canvas.reshape(-1).astype(np.float32)
    vec = vec - vec.mean()
    norm = float(np.linalg.norm(vec))
    if norm > 1e-6:
        vec = vec / norm
    return vec


def _render_templates() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature vectors of every symbol in several weights, widths and blurs, and their labels."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = find_font()
    if font_path is None:
        raise FileNotFoundError("OCR-B font not found (Debian: fonts-ocr-b)")
    size = 96
    font = ImageFont.truetype(str(font_path), size)

    def draw(char: str) -> np.ndarray:
        img = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(img).text((size // 2, size // 2), char, font=font, fill=255)
        return np.asarray(img, np.float32) / 255.0

    rows = np.nonzero(draw("H").max(axis=1) > 0.5)[0]
    cap = float(rows.max() - rows.min() + 1)
    feats: list[np.ndarray] = []
    labels: list[int] = []
    heights: list[float] = []
    kernel = np.ones((3, 3), np.uint8)
    for index, char in enumerate(ALPHABET):
        base = draw(char)
        # Printed strokes come out bolder than the font's outline once scanned and blurred.
        weights = [
            base,
            cv2.dilate(base, kernel, iterations=2),
            cv2.dilate(base, kernel, iterations=4),
            cv2.dilate(base, kernel, iterations=6),
        ]
        for weighted in weights:
            # Narrow: OCR-B tells 0 from O, and 8 from B, mostly by width.
            for sx, sy in ((1.0, 1.0), (0.94, 1.0), (1.06, 1.0)):
                stretched = cv2.resize(weighted, None, fx=sx, fy=sy, interpolation=cv2.INTER_AREA)
                mask = stretched > 0.5
                normalised = _normalise(stretched, mask, cap * sy)
                canvas, relative = normalised or (np.zeros((_CANVAS_H, _CANVAS_W)), 1.0)
                for sigma in (0.0, 1.4):
                    img = cv2.GaussianBlur(canvas, (0, 0), sigma) if sigma else canvas
                    feats.append(_feature(img))
                    labels.append(index)
                    heights.append(relative)
    label_array = np.asarray(labels)
    if np.any(np.diff(label_array) < 0) or len(set(np.bincount(label_array))) != 1:
        raise RuntimeError("OCR-B templates: uneven glyph variants")
    return np.stack(feats), label_array, np.log(np.asarray(heights, np.float32))


def _get_templates() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    global _templates
    with _templates_lock:
        if _templates is None:
            started = time.perf_counter()
            _templates = _render_templates()
            log.debug(
                "OCR-B templates: %d in %.2f s", len(_templates[1]), time.perf_counter() - started
            )
        return _templates


def prepare() -> None:
    """Render the OCR-B templates now rather than at the first zone read (about 0.2 s).

    Raises:
        FileNotFoundError: the OCR-B font is not installed.
    """
    _get_templates()


def classify(canvases: np.ndarray, heights: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Each glyph's symbols, best first, and the best score.

    Args:
        canvases: ``(n, H, W)`` normalised glyphs.
        heights: each glyph's height relative to the line's capital height.
    """
    feats, _labels, template_heights = _get_templates()
    if len(canvases) == 0:
        return [], np.zeros(0)
    vecs = np.stack([_feature(c) for c in canvases])
    # einsum stays on this thread: BLAS spreads a product this small over every core and
    # loses more to the hand-over than it gains, badly so on a busy 2-core machine.
    sims = np.einsum("ij,kj->ik", vecs, feats, optimize=False)
    gap = np.abs(np.log(np.maximum(heights, 0.05))[:, None] - template_heights[None, :])
    sims -= _HEIGHT_WEIGHT * np.maximum(gap - 0.12, 0.0)
    # Templates are stored class by class, the same number for each symbol.
    per_class = sims.reshape(len(vecs), len(ALPHABET), -1).max(axis=2)
    order = np.argsort(-per_class, axis=1)[:, :_TOP]
    best = per_class[np.arange(len(vecs)), order[:, 0]]
    # Only close runners-up are offered to the check digits: a far one would let them "repair"
    # a wrong reading into a valid-looking one.
    guesses = [
        "".join(ALPHABET[i] for i in row if per_class[n, i] >= best[n] - _MARGIN)
        for n, row in enumerate(order)
    ]
    return guesses, best


# --- finding ---------------------------------------------------------------------------------


def _gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        gray = image
    elif image.shape[2] == 4:
        gray = cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    else:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if gray.dtype != np.uint8:
        low, high = float(np.min(gray)), float(np.max(gray))
        scaled = (gray.astype(np.float64) - low) * (255.0 / max(high - low, 1e-9))
        gray = np.clip(scaled, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(gray)


def _line_kernel(length: int, direction: int) -> np.ndarray:
    if direction == 0:
        return np.ones((1, length), np.uint8)
    if direction == 90:
        return np.ones((length, 1), np.uint8)
    diag = max(2, round(length / math.sqrt(2)))
    eye = np.eye(diag, dtype=np.uint8)
    return eye if direction == 45 else np.ascontiguousarray(eye[:, ::-1])


def _ink(work: np.ndarray, contrast: int) -> np.ndarray:
    """Dark marks of text size: local threshold, without large blobs and frames."""
    long_side = max(work.shape)
    block = max(15, (long_side // 60) | 1)
    mask = cv2.adaptiveThreshold(
        work, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, contrast
    )
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    limit = long_side / 14
    big = (stats[:, cv2.CC_STAT_HEIGHT] > limit) | (stats[:, cv2.CC_STAT_WIDTH] > limit * 1.5)
    small = stats[:, cv2.CC_STAT_AREA] < 3
    drop = big | small
    drop[0] = True
    lut = np.where(drop, 0, 255).astype(np.uint8)
    kept: np.ndarray = lut[labels]
    return kept


def _bars(ink: np.ndarray, directions: tuple[int, ...]) -> list[_Bar]:
    """Long thin blobs that whole text lines become once their marks are joined."""
    bars: list[_Bar] = []
    long_side = max(ink.shape)
    for join in (max(5, long_side // 160), max(9, long_side // 80), max(15, long_side // 45)):
        for direction in directions:
            closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, _line_kernel(join, direction))
            contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
            for contour in contours:
                _, _, bw, bh = cv2.boundingRect(contour)
                if max(bw, bh) < 80 or len(contour) < 5:
                    continue
                (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
                length, thickness = max(w, h), min(w, h)
                if thickness < 3 or length < 80 or length < 12 * thickness:
                    continue
                direction_deg = angle if w >= h else angle + 90.0
                direction_deg %= 180.0
                delta = min(abs(direction_deg - direction), 180 - abs(direction_deg - direction))
                if delta > 25:
                    continue
                # A bar must be mostly ink: text lines are, diagonal smears of a page are not.
                fill = cv2.contourArea(contour) / max(length * thickness, 1.0)
                if fill < 0.6:
                    continue
                bars.append(_Bar(cx, cy, length, thickness, direction_deg))
    return _dedupe(bars)


def _dedupe(bars: list[_Bar]) -> list[_Bar]:
    out: list[_Bar] = []
    for bar in sorted(bars, key=lambda b: -b.length):
        if any(
            math.hypot(bar.cx - o.cx, bar.cy - o.cy) < 0.5 * o.thickness + 2
            and _angle_gap(bar.angle, o.angle) < 4
            for o in out
        ):
            continue
        out.append(bar)
    return out


def _angle_gap(a: float, b: float) -> float:
    d = abs(a - b) % 180.0
    return min(d, 180.0 - d)


def _zones(bars: list[_Bar]) -> list[_Zone]:
    """Stacks of 2 or 3 parallel bars of equal length, evenly spaced: candidate zones."""
    pairs: dict[int, list[tuple[float, int]]] = {}
    for i, a in enumerate(bars):
        theta = math.radians(a.angle)
        ux, uy = math.cos(theta), math.sin(theta)
        for j, b in enumerate(bars):
            if i == j or _angle_gap(a.angle, b.angle) > 5:
                continue
            if abs(a.length - b.length) > 0.45 * max(a.length, b.length):
                continue
            dx, dy = b.cx - a.cx, b.cy - a.cy
            along = dx * ux + dy * uy
            across = -dx * uy + dy * ux
            thick = (a.thickness + b.thickness) / 2
            # Lines of a zone start (or, upside down, end) together; runs of fillers that did
            # not join may shorten a bar at its other end.
            longest = max(a.length, b.length)
            starts = abs((along - b.length / 2) - (-a.length / 2))
            ends = abs((along + b.length / 2) - (a.length / 2))
            if min(starts, ends) > 0.1 * longest and abs(along) > 0.12 * longest:
                continue
            if not 1.0 * thick <= abs(across) <= 4.0 * thick:
                continue
            pairs.setdefault(i, []).append((across, j))
    zones: list[_Zone] = []
    seen: set[tuple[int, ...]] = set()
    for i, partners in pairs.items():
        below = sorted((d, j) for d, j in partners if d > 0)
        for d, j in below[:1]:
            key = (i, j)
            if key not in seen:
                seen.add(key)
                zones.append(_Zone((bars[i], bars[j]), bars[i].angle))
            further = sorted((d2, k) for d2, k in pairs.get(j, []) if d2 > 0)
            if further and abs(further[0][0] - d) < 0.35 * d:
                k = further[0][1]
                zones.append(_Zone((bars[i], bars[j], bars[k]), bars[i].angle))
    zones.sort(key=lambda z: -sum(b.length for b in z.bars) / len(z.bars))
    return zones + _lone_zones(bars, zones)


def _lone_zones(bars: list[_Bar], zones: list[_Zone]) -> list[_Zone]:
    """Zones guessed around a long bar left alone: its partner line may have merged with
    print above it (or faded), so a line is assumed at the usual spacing on either side."""
    paired = {id(bar) for zone in zones for bar in zone.bars}
    lone = [b for b in bars if id(b) not in paired and b.length >= 20 * b.thickness]
    out: list[_Zone] = []
    for bar in sorted(lone, key=lambda b: -b.length)[:_MAX_LONE]:
        theta = math.radians(bar.angle)
        step = _LINE_TO_HEIGHT * bar.thickness
        nx, ny = -math.sin(theta) * step, math.cos(theta) * step
        for sign in (-1.0, 1.0):
            ghost = _Bar(
                bar.cx + sign * nx, bar.cy + sign * ny, bar.length, bar.thickness, bar.angle
            )
            pair = (ghost, bar) if sign < 0 else (bar, ghost)
            out.append(_Zone(pair, bar.angle))
    return out


def _same_zone(a: _Zone, b: _Zone) -> bool:
    if len(a.bars) != len(b.bars) or _angle_gap(a.angle, b.angle) > 3:
        return False
    return all(
        math.hypot(p.cx - q.cx, p.cy - q.cy) < 0.5 * q.thickness + 2
        for p, q in zip(a.bars, b.bars, strict=True)
    )


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Straight:
    image: np.ndarray  # the zone straightened, gray
    centres: tuple[float, ...]  # each line's centre row
    spacing: float
    matrix: np.ndarray  # 2×3 affine map from input pixels to ``image``


def _straighten(gray: np.ndarray, zone: _Zone, factor: float, flip: bool) -> _Straight | None:
    """Cut the zone out of the full-resolution image, lines horizontal, first line on top."""
    theta = math.radians(zone.angle + (180.0 if flip else 0.0))
    ux, uy = math.cos(theta), math.sin(theta)
    nx, ny = -uy, ux
    pts: list[tuple[float, float]] = []
    for bar in zone.bars:
        box = cv2.boxPoints(((bar.cx, bar.cy), (bar.length, bar.thickness), bar.angle))
        pts.extend((px / factor, py / factor) for px, py in box)
    arr = np.asarray(pts)
    along = arr[:, 0] * ux + arr[:, 1] * uy
    arr[:, 0] * nx + arr[:, 1] * ny
    centres_n = sorted((bar.cx * nx + bar.cy * ny) / factor for bar in zone.bars)
    spacing = float(np.mean(np.diff(centres_n)))
    length = float(along.max() - along.min())
    if spacing <= 1:
        return None
    scale = min(4.0, max(0.4, _LINE_PX / spacing))
    # Runs of fillers may not have joined into the bar: look well past its ends.
    margin_u = 0.6 * length
    u0, u1 = along.min() - margin_u, along.max() + margin_u
    # Room for a line the finder missed above or below (see _read_zone).
    n0, n1 = centres_n[0] - 1.8 * spacing, centres_n[-1] + 1.8 * spacing
    out_w, out_h = round((u1 - u0) * scale), round((n1 - n0) * scale)
    if out_w < 20 or out_h < 10 or out_w > 6000:
        return None
    matrix = np.array(
        [[ux * scale, uy * scale, -u0 * scale], [nx * scale, ny * scale, -n0 * scale]],
        np.float64,
    )
    image = cv2.warpAffine(
        gray, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    centres = tuple((c - n0) * scale for c in centres_n)
    return _Straight(image, centres, spacing * scale, matrix)


@dataclass(frozen=True, slots=True)
class _LineRead:
    guesses: list[str]
    scores: np.ndarray
    canvases: np.ndarray


def _line_marks(
    band: np.ndarray, *, local: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Binarise a line band: its mask, ink strength, and the marks' stats and centres.

    ``local`` thresholds against the neighbourhood (a band that may run off the document onto
    a dark table); otherwise one threshold for the whole band (Otsu), best within the line.
    """
    blur = cv2.GaussianBlur(band, (3, 3), 0)
    if local:
        block = (band.shape[0] // 2) * 2 + 1
        mask = cv2.adaptiveThreshold(
            blur, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 10
        )
    else:
        _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    sample = band[::2, ::2]  # percentiles of every fourth pixel are as good and 4× cheaper
    paper = float(np.percentile(sample, 90))
    dark = float(np.percentile(sample, 3))
    if paper - dark < 20:
        return None
    ink = np.clip((paper - band.astype(np.float32)) / (paper - dark), 0.0, 1.0)
    _, _, stats, cents = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return mask, ink, stats, cents


def _glyphs(
    stats: np.ndarray, cents: np.ndarray, height: int, count: int
) -> tuple[list[int], float, float] | None:
    """The marks of the line's glyphs, its capital height and centre row."""
    comps = [
        i
        for i in range(1, len(stats))
        if stats[i, cv2.CC_STAT_HEIGHT] >= 0.15 * height
        and stats[i, cv2.CC_STAT_AREA] >= 6
        and stats[i, cv2.CC_STAT_HEIGHT] < 0.95 * height
    ]
    if len(comps) < count // 3:
        return None
    heights = np.array([stats[i, cv2.CC_STAT_HEIGHT] for i in comps], np.float64)
    cap = float(np.percentile(heights, 85))
    glyphs = [i for i in comps if stats[i, cv2.CC_STAT_HEIGHT] >= 0.3 * cap]
    # The line's own centre row, to drop marks of neighbouring lines.
    tall = [cents[i][1] for i in glyphs if stats[i, cv2.CC_STAT_HEIGHT] > 0.7 * cap]
    mid = float(np.median(tall))
    glyphs = [i for i in glyphs if abs(cents[i][1] - mid) < 0.6 * cap]
    glyphs = _longest_run(glyphs, stats, cap)
    if len(glyphs) < count // 3:
        return None
    return glyphs, cap, mid


@dataclass(frozen=True, slots=True)
class _Marks:
    """A line band binarised within the line's own extent, whatever its length in cells."""

    mask: np.ndarray
    ink: np.ndarray
    stats: np.ndarray
    glyphs: list[int]
    cap: float
    mid: float  # centre row at column 0
    slope: float  # rows per column


_FEWEST = min(count for _, count in SHAPES.values()) // 3  # marks a line must at least have


def _line(band: np.ndarray) -> _Marks | None:
    """Binarise a line band in two steps: locally to find the line, then within it."""
    marks = _line_marks(band, local=True)
    if marks is None:
        return None
    found = _glyphs(marks[2], marks[3], band.shape[0], _FEWEST)
    if found is None:
        return None
    # Binarise again within the line's own extent: paper and print beside it skew the
    # threshold.
    glyphs, cap, _ = found
    stats = marks[2]
    left = int(min(stats[i, cv2.CC_STAT_LEFT] for i in glyphs) - cap)
    right = int(max(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in glyphs) + cap)
    band = band[:, max(0, left) : right]
    marks = _line_marks(band, local=False)
    if marks is None:
        return None
    mask, ink, stats, cents = marks
    found = _glyphs(stats, cents, band.shape[0], _FEWEST)
    if found is None:
        return None
    glyphs, cap, mid = found
    # A zone straightened from its bar's angle may still lean a little: follow the line.
    tall = [i for i in glyphs if stats[i, cv2.CC_STAT_HEIGHT] > 0.7 * cap]
    slope = 0.0
    if len(tall) >= 8:
        xs = np.array([cents[i][0] for i in tall])
        ys = np.array([cents[i][1] for i in tall])
        slope = float(np.clip(np.polyfit(xs, ys, 1)[0], -0.05, 0.05))
        mid = float(np.median(ys - slope * (xs - xs.mean()))) - slope * float(xs.mean())
    return _Marks(mask, ink, stats, glyphs, cap, mid, slope)


def _read_line(line: _Marks, count: int) -> _LineRead | None:
    """Cut one line into ``count`` fixed-pitch cells and classify each."""
    mask, ink, stats, glyphs, cap, mid = (
        line.mask, line.ink, line.stats, line.glyphs, line.cap, line.mid
    )  # fmt: skip
    height = mask.shape[0]
    if len(glyphs) < count // 3:
        return None
    grid = _fit_grid(glyphs, stats, cap, count)
    if grid is None:
        return None
    cells, pitch = grid
    middle = mid + line.slope * float(np.mean(cells))
    top = max(0, round(middle - 0.8 * cap))
    bottom = min(height, round(middle + 0.8 * cap) + 1)
    cells = _reach_left(cells, pitch, mask[top:bottom].sum(axis=0, dtype=np.float64))
    cells = _snap(cells, pitch, ink[top:bottom].sum(axis=0))
    canvases = []
    rel_heights = []
    for centre in cells:
        here = mid + line.slope * centre
        top = max(0, round(here - 0.8 * cap))
        bottom = min(height, round(here + 0.8 * cap) + 1)
        left, right = max(0, round(centre - 0.5 * pitch)), round(centre + 0.5 * pitch)
        cell_mask = mask[top:bottom, left:right]
        cell_ink = ink[top:bottom, left:right]
        normalised = None
        if cell_mask.size:
            cell_mask = _own_marks(cell_mask, centre - left, pitch)
            normalised = _normalise(cell_ink * (cell_mask > 0), cell_mask > 0, cap)
        if normalised is None:
            normalised = np.zeros((_CANVAS_H, _CANVAS_W), np.float32), 1.0
        canvases.append(normalised[0])
        rel_heights.append(normalised[1])
    stacked = np.stack(canvases)
    guesses, scores = classify(stacked, np.asarray(rel_heights))
    for k, canvas in enumerate(canvases):
        if not canvas.any():
            guesses[k], scores[k] = "<", 0.0
    return _LineRead(guesses, scores, stacked)


def _calibrate(lines: list[_LineRead]) -> list[list[str]]:
    """Re-read the free-form fields against the zone's own glyphs.

    Dates and check digits must be digits and names letters, so their confident reads are
    samples of this very document's print; a document number or optional-data cell that
    matches such a sample better than any font template takes its symbol. This tells 0 from
    O and 5 from S where the issuer's OCR-B differs a little from the font file.
    """
    rows = [list(line.guesses) for line in lines]
    fmt = detect_format(["".join(g[:1] or "?" for g in row) for row in rows])
    if fmt is None:
        return rows
    kinds = position_kinds(fmt)
    samples: list[np.ndarray] = []
    names: list[str] = []
    for line, row_kinds in zip(lines, kinds, strict=True):
        for k, kind in enumerate(row_kinds):
            if line.scores[k] < _SAMPLE_SCORE:
                continue
            # The field decides between lookalikes: an O in a date is a 0.
            wanted = str.isdigit if kind in "NC" else (lambda c: not c.isdigit())
            label = next((c for c in line.guesses[k] if kind in "NCA" and wanted(c)), None)
            if label is not None:
                samples.append(_feature(line.canvases[k]))
                names.append(label)
    if len(samples) < 8:
        return rows
    bank = np.stack(samples)
    for line, row, row_kinds in zip(lines, rows, kinds, strict=True):
        free = [k for k, kind in enumerate(row_kinds) if kind in "XU"]
        if not free:
            continue
        vecs = np.stack([_feature(line.canvases[k]) for k in free])
        sims = np.einsum("ij,kj->ik", vecs, bank, optimize=False)
        for j, k in enumerate(free):
            best = int(np.argmax(sims[j]))
            symbol = names[best]
            if sims[j, best] >= line.scores[k] and symbol != row[k][:1]:
                row[k] = symbol + row[k].replace(symbol, "")
    return rows


def _longest_run(glyphs: list[int], stats: np.ndarray, cap: float) -> list[int]:
    """The marks of the longest run without a wide gap: the zone's line, not text beside it."""
    if not glyphs:
        return glyphs
    ordered = sorted(glyphs, key=lambda i: stats[i, cv2.CC_STAT_LEFT])
    runs: list[list[int]] = [[ordered[0]]]
    right = stats[ordered[0], cv2.CC_STAT_LEFT] + stats[ordered[0], cv2.CC_STAT_WIDTH]
    for i in ordered[1:]:
        left = stats[i, cv2.CC_STAT_LEFT]
        if left - right > 2.2 * cap:
            runs.append([])
        runs[-1].append(i)
        right = max(right, left + stats[i, cv2.CC_STAT_WIDTH])

    def extent(run: list[int]) -> int:
        ends = [stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in run]
        return int(max(ends) - stats[run[0], cv2.CC_STAT_LEFT])

    return max(runs, key=extent)


def _own_marks(cell: np.ndarray, centre: float, pitch: float) -> np.ndarray:
    """Keep the marks of a cell that belong to its glyph, not slivers of the neighbours."""
    if not (cell[:, 0].any() or cell[:, -1].any()):
        return cell  # nothing reaches in from a neighbour
    n, labels, stats, cents = cv2.connectedComponentsWithStats(cell, connectivity=8)
    if n <= 2:
        return cell
    keep = np.zeros(n, bool)
    for i in range(1, n):
        x, w = stats[i, cv2.CC_STAT_LEFT], stats[i, cv2.CC_STAT_WIDTH]
        touches_edge = x == 0 or x + w >= cell.shape[1]
        far = abs(cents[i][0] - centre) > 0.3 * pitch
        keep[i] = not (touches_edge and far and w < 0.35 * pitch)
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _fit_grid(
    glyphs: list[int], stats: np.ndarray, cap: float, count: int
) -> tuple[np.ndarray, float] | None:
    """The centres of a line's ``count`` fixed-pitch cells, and the mean pitch; None when the
    marks do not make a line of that many cells.

    Glyphs are counted off one by one (a gap of two pitches is a glyph lost or merged), so
    that the perspective of a photo, which stretches the pitch along the line, cannot make
    the count slip; a gentle quadratic through the glyphs then places every cell.
    """
    lefts = np.array([stats[i, cv2.CC_STAT_LEFT] for i in glyphs], np.float64)
    widths = np.array([stats[i, cv2.CC_STAT_WIDTH] for i in glyphs], np.float64)
    xa, xb = float(lefts.min()), float((lefts + widths).max())
    # Glyph ink is ~0.7 of a pitch wide; the line spans (count - 1) pitches plus one glyph.
    pitch = (xb - xa) / (count - 0.3)
    single = widths <= 1.3 * pitch
    centres = np.sort((lefts + widths / 2)[single])
    if len(centres) < max(3, count // 3) or pitch < 2:
        return None
    gaps = np.diff(centres)
    plain = gaps[(gaps > 0.6 * pitch) & (gaps < 1.4 * pitch)]
    if len(plain) < len(gaps) // 2:
        return None  # most neighbours are not one pitch apart: another line length
    step = float(np.median(plain))
    kept = [0]
    index = [0]
    for i, gap in enumerate(gaps, start=1):
        steps = round(gap / step)
        if steps == 0:
            continue  # a broken glyph's second piece
        kept.append(i)
        index.append(index[-1] + steps)
    k = np.asarray(index, np.float64)
    xs = centres[kept]
    span = int(k[-1]) + 1
    if span > count + 2 or span < count - 4:
        return None
    degree = 2 if len(xs) >= 8 else 1
    coeffs = np.polyfit(k, xs, degree)
    if degree == 2 and abs(coeffs[0]) * count * count > 0.25 * count * step:
        return None  # bent beyond any perspective
    start = 0
    if span > count:
        # Stray marks at an end: keep the window of cells that holds the most glyphs.
        start = max(range(span - count + 1), key=lambda s: int(((k >= s) & (k < s + count)).sum()))
    cells = np.polyval(coeffs, np.arange(start, start + count, dtype=np.float64))
    return cells, step


def _reach_left(cells: np.ndarray, pitch: float, profile: np.ndarray) -> np.ndarray:
    """Shift the cells left while print lies before the first one and none after the last.

    The line's first glyphs can merge with a document's edge and be dropped as marks; the
    grid, anchored on the first glyph kept, would then start late.
    """

    def ink(centre: float) -> float:
        left, right = max(0, round(centre - pitch / 2)), max(0, round(centre + pitch / 2))
        return float(profile[left:right].sum())

    typical = float(np.median([ink(c) for c in cells]))
    if typical <= 0:
        return cells
    for _ in range(4):
        before, after = cells[0] - pitch, cells[-1]
        if before - pitch / 2 < 0 or ink(before) < 0.3 * typical or ink(after) > 0.3 * typical:
            break
        cells = np.concatenate([[before], cells[:-1]])
    return cells


def _snap(cells: np.ndarray, pitch: float, profile: np.ndarray) -> np.ndarray:
    """Move each cell (by up to a quarter pitch) so that its edges fall between glyphs.

    ``profile`` is the ink per column; the cut with the least ink on both edges wins, the
    smallest move among equals, which also parts glyphs that blur made touch.
    """
    out = cells.copy()
    half = pitch / 2
    shifts = np.arange(-round(pitch / 4), round(pitch / 4) + 1)
    order = np.argsort(np.abs(shifts), kind="stable")
    last = len(profile) - 1
    for index, centre in enumerate(cells):
        lefts = np.clip(np.round(centre + shifts - half).astype(int), 0, last)
        rights = np.clip(np.round(centre + shifts + half).astype(int), 0, last)
        cost = profile[lefts] + profile[rights]
        best = order[np.argmin(cost[order])]
        out[index] = centre + shifts[best]
    return out


def _turned(straight: _Straight) -> _Straight:
    """The same cut turned half round (cheaper than cutting it again)."""
    h, w = straight.image.shape[:2]
    m = straight.matrix
    matrix = np.array([[-m[0, 0], -m[0, 1], w - m[0, 2]], [-m[1, 0], -m[1, 1], h - m[1, 2]]])
    centres = tuple(sorted(h - c for c in straight.centres))
    return _Straight(cv2.rotate(straight.image, cv2.ROTATE_180), centres, straight.spacing, matrix)


def _layouts(straight: _Straight) -> list[tuple[int, tuple[float, ...]]]:
    """(characters per line, line centres) to try: the lines found, and a line more or less.

    A line of a TD1 card can escape the finder (a name line short of fillers), and a line of
    text next to a 2-line zone can join it.
    """
    centres, step = straight.centres, straight.spacing
    if len(centres) == 3:
        return [(30, centres), (44, centres[:2]), (36, centres[:2]), (44, centres[1:]),
                (36, centres[1:])]  # fmt: skip
    above, below = (centres[0] - step, *centres), (*centres, centres[-1] + step)
    return [(44, centres), (36, centres), (30, below), (30, above)]


def _read_zone(
    gray: np.ndarray, zone: _Zone, factor: float, today: date
) -> tuple[MrzResult, float, _Straight] | None:
    """Read a zone both ways up and at each line length its shape allows; the best wins.

    Each way of reading is first probed on one line found by the finder; only the promising
    ones are read whole, best first, until one is valid.
    """
    bands: dict[tuple[bool, float], _Marks | None] = {}
    cache: dict[tuple[bool, float, int], _LineRead | None] = {}

    def line(straight: _Straight, flip: bool, centre: float, count: int) -> _LineRead | None:
        where = (flip, round(centre, 1))
        if where not in bands:
            half = straight.spacing / 2
            top, bottom = max(0, round(centre - half)), round(centre + half)
            bands[where] = _line(straight.image[top:bottom])
        marks = bands[where]
        key = (*where, count)
        if key not in cache:
            cache[key] = None if marks is None else _read_line(marks, count)
        return cache[key]

    probes: list[tuple[float, bool, int, tuple[float, ...], _Straight]] = []
    upright = _straighten(gray, zone, factor, flip=False)
    if upright is None:
        return None
    for flip, straight in ((False, upright), (True, _turned(upright))):
        for count, centres in _layouts(straight):
            probe = line(straight, flip, straight.centres[0], count)
            if probe is not None and float(np.mean(probe.scores)) >= _MIN_SCORE:
                probes.append((float(np.mean(probe.scores)), flip, count, centres, straight))
    best: tuple[tuple[bool, float], MrzResult, float, _Straight] | None = None
    for _, flip, count, centres, straight in sorted(probes, key=lambda p: -p[0]):
        lines = [line(straight, flip, centre, count) for centre in centres]
        if any(read is None for read in lines):
            continue
        complete = [read for read in lines if read is not None]
        score = float(np.mean(np.concatenate([read.scores for read in complete])))
        if score < _MIN_SCORE:
            continue
        result = parse_candidates(_calibrate(complete), today=today)
        if result is None:
            continue
        rank = _rank(result, score)
        if best is None or rank > best[0]:
            best = (rank, result, score, straight)
        if rank[0]:
            break
    if best is None:
        return None
    return best[1], best[2], best[3]


def _rank(result: MrzResult, score: float) -> tuple[bool, float]:
    """Order readings: a valid one that matches the font well, then the best match.

    The count of failed checks is no guide: a garbled reading coerced to digits is mostly
    zeros, and zeros satisfy their check digits.
    """
    # A national layout whose own check digits all hold is as sure a reading.
    sure = result.valid or (result.variant is not None and not result.failed_checks)
    return sure and score >= _TRUSTED_SCORE, score


def _zone_box(straight: _Straight, width: int, height: int) -> Box:
    h, w = straight.image.shape[:2]
    inverse = cv2.invertAffineTransform(straight.matrix)
    corners = np.array([[0, 0, 1], [w, 0, 1], [w, h, 1], [0, h, 1]], np.float64)
    pts = corners @ inverse.T
    return Box.bounding(pts).clip(width, height)


def read_mrz(image: np.ndarray, *, today: date | None = None) -> MrzRead | None:
    """Find and read the machine-readable zone of a page.

    Args:
        image: ``(h, w)`` gray or ``(h, w, 3|4)`` BGR(A) pixels, any orientation.
        today: reference date for the centuries of two-digit years (default: today).

    Returns:
        The best zone read (a valid one when any), or None when no zone-like shape was found,
        none could be read, or the OCR-B font is not installed (logged).
    """
    started = time.perf_counter()
    try:
        prepare()
    except FileNotFoundError:
        # Without the font nothing can be read; the page is still scanned for the rest.
        log.warning("OCR-B font missing (Debian: fonts-ocr-b): machine-readable zone not read")
        return None
    gray = _gray(image)
    height, width = gray.shape
    long_side = max(height, width)
    if long_side < 60:
        return None
    factor = _WORK_LONG_SIDE / long_side if long_side > _WORK_LONG_SIDE else 1.0
    if long_side < _WORK_MIN_SIDE:
        factor = _WORK_MIN_SIDE / long_side
    interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    work = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interp)
    if factor > 1:
        # Enlarged pixels are read too: blocky small images read better once smoothed.
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        scale_back = factor
    else:
        scale_back = 1.0
    when = today or date.today()
    best: tuple[tuple[bool, float], MrzResult, float, _Straight] | None = None
    read_factor = factor / scale_back
    zones: list[_Zone] = []
    inks: dict[int, np.ndarray] = {}
    # Cheapest first: the usual page is upright or a quarter turn off, in ordinary print.
    # A strict threshold keeps a zone's dark print apart from the guilloche of security
    # backgrounds; diagonal joins find zones turned by 20–70°.
    for contrast, directions in _PASSES:
        if contrast not in inks:
            inks[contrast] = _ink(work, contrast)
        fresh = [
            zone
            for zone in _zones(_bars(inks[contrast], directions))
            if not any(_same_zone(zone, other) for other in zones)
        ]
        zones.extend(fresh)
        for zone in fresh[:_MAX_ZONES]:
            read = _read_zone(gray, zone, read_factor, when)
            if read is None:
                continue
            result, score, straight = read
            rank = _rank(result, score)
            if best is None or rank > best[0]:
                best = (rank, result, score, straight)
            if rank[0]:
                break
        if best is not None and best[0][0]:
            break
    if best is None:
        log.debug("mrz: %d zones, none read", len(zones))
        return None
    _, result, score, straight = best
    box = _zone_box(straight, gray.shape[1], gray.shape[0])
    if scale_back != 1.0:
        box = Box.from_corners(
            box.x / scale_back,
            box.y / scale_back,
            box.right / scale_back,
            box.bottom / scale_back,
        ).clip(width, height)
    angle = _upright_angle(straight.matrix)
    rotation = round(angle / 90.0) % 4 * 90
    seconds = time.perf_counter() - started
    log.debug("mrz: %s valid=%s in %.3f s", result.format, result.valid, seconds)
    return MrzRead(result, box, rotation, angle, score, seconds)


def _upright_angle(matrix: np.ndarray) -> float:
    """Clockwise degrees that turn the input so that the zone reads upright."""
    ux, uy = matrix[0, 0], matrix[0, 1]
    # The zone's reading direction in the input, in image coordinates (y down).
    direction = math.degrees(math.atan2(uy, ux)) % 360.0
    return (360.0 - direction) % 360.0
