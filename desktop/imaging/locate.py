"""Find each card or document on a page, warp it flat and turn it upright."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np

from desktop.imaging import ocr
from desktop.imaging.types import Box, Located

if TYPE_CHECKING:
    from desktop.imaging.types import Page

log = logging.getLogger(__name__)

WORK_SIDE = 800  # contours are looked for on a copy this long on its longer side
MIN_AREA = 0.012  # a document covers at least this share of the page (a card on A3 is ~1.7 %)
MIN_SHARE_OF_LARGEST = 0.15  # a second document is at least this large next to the first
FRAME_AREA = 0.2  # on a printed sheet, an outline larger than this is a frame, not a document
WHOLE_PAGE_AREA = 0.55  # on paper, anything larger is the page itself (a certificate's frame)
EDGE_SUPPORT = 0.6  # share of a candidate's outline that must follow an edge in the image
MAX_SKEW = 10.0  # degrees searched for the skew of a whole page
MIN_SKEW = 0.5  # smaller skews are left alone: resampling would cost more than it gains
OSD_MIN_SIDE = 1000  # orientation is detected on a copy at least this long …
OSD_MAX_SIDE = 1600  # … and at most this long
OSD_CONFIDENCE = 1.5  # below this Tesseract's orientation guess is not trusted
VOTE_SIDE = 800  # the turns of a crop are read at most this long
VOTE_MIN_CHARS = 12  # fewer confidently read characters cannot tell one turn from another
_CJK_SCRIPTS = frozenset({"Han", "Japanese", "Hiragana", "Katakana", "Hangul", "Korean"})


def page_bgr(page: Page) -> np.ndarray:
    """The page as an OpenCV ``(h, w, 3)`` uint8 BGR array (a copy).

    Faster than ``Page.to_bgr``: one channel swap by OpenCV instead of a converted copy, an
    array copy and a strided copy (measured: 25 ms against 85 ms for an A4 page at 300 dpi).
    """
    image = page.image if page.image.mode == "RGB" else page.image.convert("RGB")
    out: np.ndarray = cv2.cvtColor(np.asarray(image, dtype=np.uint8), cv2.COLOR_RGB2BGR)
    return out


@dataclass(frozen=True, slots=True)
class _Candidate:
    quad: np.ndarray  # (4, 2) float, page pixels, clockwise from top-left
    area: float  # share of the page


def find_documents(page: Page, *, orient: bool = True) -> list[Located]:
    """Every document on ``page``, cut out, flattened and upright, in reading order.

    Cards photocopied on a sheet (one or several), phone photos of a document on a darker
    background (perspective corrected from its four corners) and pages that are the document
    themselves (a certificate, a scan cropped to the card) are told apart.

    Args:
        page: the decoded page.
        orient: detect and correct 90/180/270° rotation (Tesseract OSD; needs osd.traineddata,
            falls back to a text-line analysis when it is missing or unsure).

    Returns:
        One :class:`Located` per document; never empty (at worst the whole page).
    """
    started = time.perf_counter()
    bgr = page_bgr(page)
    height, width = bgr.shape[:2]
    candidates = _candidates(bgr)
    located: list[Located] = []
    if candidates:
        for candidate in candidates:
            located.append(_warp(bgr, candidate.quad, orient=orient))
    else:
        located.append(_whole_page(bgr, orient=orient))
    located.sort(key=lambda item: (item.box.y // max(1, height // 20), item.box.x))
    log.debug(
        "located %d document(s) on a %d×%d page in %.3f s",
        len(located),
        width,
        height,
        time.perf_counter() - started,
    )
    return located


# --- finding outlines --------------------------------------------------------------------


def _border_colour(small: np.ndarray) -> np.ndarray:
    """Median colour of the outer 3 % of the image: the paper or the table it lies on."""
    h, w = small.shape[:2]
    m = max(2, round(min(h, w) * 0.03))
    strip = np.concatenate(
        [
            small[:m].reshape(-1, 3),
            small[-m:].reshape(-1, 3),
            small[:, :m].reshape(-1, 3),
            small[:, -m:].reshape(-1, 3),
        ]
    )
    colour: np.ndarray = np.median(strip, axis=0)
    return colour


def _candidates(bgr: np.ndarray) -> list[_Candidate]:
    """Outlines of separate documents, or none when the page itself is the document."""
    height, width = bgr.shape[:2]
    scale = WORK_SIDE / max(height, width)
    if scale < 1:
        small = cv2.resize(
            bgr, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
        )
    else:
        scale = 1.0
        small = bgr.copy()
    sh, sw = small.shape[:2]
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    background = _border_colour(blurred)
    on_paper = bool(background.min() > 170 and np.ptp(background) < 40)

    # Pixels unlike the background, and edges: together they cover tinted cards, white cards
    # with a printed border, and bright documents on a dark table.
    diff = np.abs(blurred.astype(np.int16) - background.astype(np.int16)).max(axis=2)
    gray = cv2.cvtColor(blurred, cv2.COLOR_BGR2GRAY)
    edges = cv2.Canny(gray, 40, 120)
    edge_map = cv2.dilate(edges, np.ones((5, 5), np.uint8))
    k = max(3, round(max(sh, sw) * 0.012)) | 1
    close = np.ones((k, k), np.uint8)
    # (mask, contour retrieval mode): blobs are closed so text inside a card joins its body.
    masks = [
        (
            cv2.morphologyEx(((diff > 28).astype(np.uint8) * 255) | edges, cv2.MORPH_CLOSE, close),
            cv2.RETR_EXTERNAL,
        )
    ]
    if not on_paper:
        # On a cluttered table (a desk, a mat, a keyboard) the border colour says little: a
        # document is the brightest flat thing there, and its outline a closed loop of edges
        # even where a reflection joins it to something else as bright.
        _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        masks.append((cv2.morphologyEx(bright, cv2.MORPH_CLOSE, close), cv2.RETR_EXTERNAL))
        masks.append((cv2.dilate(edges, np.ones((3, 3), np.uint8)), cv2.RETR_LIST))
    found: list[_Candidate] = []
    for mask, mode in masks:
        contours, _ = cv2.findContours(mask, mode, cv2.CHAIN_APPROX_NONE)
        for contour in contours:
            candidate = _outline(contour, edge_map, on_paper=on_paper)
            if candidate is not None:
                found.append(_Candidate(quad=candidate.quad / scale, area=candidate.area))
    # Keep only outermost outlines (a photo on a card is not a second document).
    found.sort(key=lambda c: -c.area)
    kept: list[_Candidate] = []
    for candidate in found:
        if candidate.area < MIN_SHARE_OF_LARGEST * found[0].area:
            # A reflection or a sticker next to the document, not a second document.
            break
        box = Box.bounding(candidate.quad)
        if any(Box.bounding(k.quad).intersection(box).area > 0.5 * box.area for k in kept):
            continue
        kept.append(candidate)
    if on_paper and kept and _ink_outside(gray, [k.quad * scale for k in kept]) > 0.25:
        # Much print outside the outlines: large ones are frames or tables of a full-page
        # document (a certificate), not documents laid on a sheet. Card-sized ones stay: a
        # request form often carries a pasted copy of the licence.
        kept = [k for k in kept if k.area <= FRAME_AREA]
    return kept


def _ink_outside(gray: np.ndarray, quads: list[np.ndarray]) -> float:
    """Share of dark pixels (print) lying outside every quad."""
    ink = gray < min(128, int(np.percentile(gray, 50)) - 40)
    total = int(np.count_nonzero(ink))
    if total == 0:
        return 0.0
    filled = np.zeros(gray.shape, np.uint8)
    for quad in quads:
        cv2.fillConvexPoly(filled, np.round(quad).astype(np.int32), 1)
    # A little margin: a card's own shadow or border just outside its outline is not print.
    inside = cv2.dilate(filled, np.ones((7, 7), np.uint8)) > 0
    return int(np.count_nonzero(ink & ~inside)) / total


def _outline(contour: np.ndarray, edge_map: np.ndarray, *, on_paper: bool) -> _Candidate | None:
    """The four-cornered document a contour outlines, or None if it is not one."""
    sh, sw = edge_map.shape
    page_area = float(sh * sw)
    area = cv2.contourArea(contour) / page_area
    if area < MIN_AREA:
        return None
    hull = cv2.convexHull(contour)
    quad = _refine(_quad(hull), contour.reshape(-1, 2).astype(np.float64))
    quad_area = abs(cv2.contourArea(quad.astype(np.float32))) / page_area
    # A blob of text is ragged; a card or sheet fills its outline.
    if quad_area <= 0 or area / quad_area < 0.8:
        return None
    sides = np.hypot(*(np.roll(quad, -1, axis=0) - quad).T)
    short, long = float(sides.min()), float(sides.max())
    # Lines of text also make long thin outlines; documents are at most ~2.5:1.
    if long > 2.6 * short or short < 0.08 * min(sh, sw):
        return None
    if _edge_support(edge_map, quad) < EDGE_SUPPORT:
        return None
    # A shape cut by the picture's edge is the page itself or part of the table.
    if _touches_border(quad, sw, sh):
        return None
    if on_paper and quad_area > WHOLE_PAGE_AREA:
        return None
    return _Candidate(quad=quad, area=quad_area)


def _quad(hull: np.ndarray) -> np.ndarray:
    """Four corners of a convex outline, clockwise from top-left (float, work pixels)."""
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.02, 0.03, 0.04, 0.05, 0.06):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return _order(approx.reshape(4, 2).astype(np.float64))
    rect = cv2.minAreaRect(hull)
    return _order(cv2.boxPoints(rect).astype(np.float64))


def _refine(quad: np.ndarray, outline: np.ndarray) -> np.ndarray:
    """Corners from lines fitted to each side's middle, so rounded corners do not tilt them."""
    sides: list[tuple[np.ndarray, np.ndarray]] = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        direction = b - a
        length = float(np.hypot(*direction))
        if length < 8:
            return quad
        unit = direction / length
        rel = outline - a
        along = rel @ unit
        across = np.abs(rel @ np.array([-unit[1], unit[0]]))
        near = (along > 0.15 * length) & (along < 0.85 * length) & (across < 0.03 * length + 2)
        if np.count_nonzero(near) < 5:
            return quad
        points = outline[near]
        centre = points.mean(axis=0)
        # Principal direction of the side's points: a least-squares line.
        _, _, vt = np.linalg.svd(points - centre, full_matrices=False)
        sides.append((centre, vt[0]))
    corners = []
    for i in range(4):
        (p1, d1), (p2, d2) = sides[i - 1], sides[i]
        matrix = np.array([d1, -d2]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            return quad
        t = np.linalg.solve(matrix, p2 - p1)
        corners.append(p1 + t[0] * d1)
    refined = np.array(corners)
    # A fit that moves a corner far is a bad fit: keep the polygon.
    if np.abs(refined - quad).max() > 0.1 * np.hypot(*(quad[2] - quad[0])):
        return quad
    return refined


def _order(points: np.ndarray) -> np.ndarray:
    """Corners clockwise from the top-left one (smallest x + y)."""
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    ordered = points[np.argsort(angles)]  # clockwise in image coordinates (y down)
    start = int(np.argmin(ordered.sum(axis=1)))
    rolled: np.ndarray = np.roll(ordered, -start, axis=0)
    return rolled


def _edge_support(edge_map: np.ndarray, quad: np.ndarray) -> float:
    """Share of points along the quad's sides that lie on an image edge."""
    h, w = edge_map.shape
    hits = total = 0
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        length = float(np.hypot(*(b - a)))
        n = max(8, int(length / 3))
        t = np.linspace(0.05, 0.95, n)
        xs = np.clip(np.round(a[0] + (b[0] - a[0]) * t).astype(int), 0, w - 1)
        ys = np.clip(np.round(a[1] + (b[1] - a[1]) * t).astype(int), 0, h - 1)
        hits += int(np.count_nonzero(edge_map[ys, xs]))
        total += n
    return hits / total if total else 0.0


def _touches_border(quad: np.ndarray, width: int, height: int) -> bool:
    """True when a whole side of the quad runs along the picture's edge (it is cut off there).

    A corner alone may touch the edge: a turned card photographed close up does that.
    """
    margin = 0.01 * max(width, height)
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        if max(a[0], b[0]) <= margin or max(a[1], b[1]) <= margin:
            return True
        if min(a[0], b[0]) >= width - 1 - margin or min(a[1], b[1]) >= height - 1 - margin:
            return True
    return False


# --- cutting out and turning upright -----------------------------------------------------


def _warp(bgr: np.ndarray, quad: np.ndarray, *, orient: bool) -> Located:
    """Cut out a four-cornered document flat; then turn it upright."""
    tl, tr, br, bl = quad
    out_w = max(np.hypot(*(tr - tl)), np.hypot(*(br - bl)))
    out_h = max(np.hypot(*(bl - tl)), np.hypot(*(br - tr)))
    aspect = _true_aspect(quad, (bgr.shape[1] / 2, bgr.shape[0] / 2))
    if aspect is not None:
        # Keep the longer measured side; the other follows from the true proportions.
        if out_w >= out_h:
            out_h = out_w / aspect
        else:
            out_w = out_h * aspect
    out_w, out_h = max(1, round(out_w)), max(1, round(out_h))
    target = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], dtype=np.float32)
    to_crop = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    crop = cv2.warpPerspective(
        bgr, to_crop, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    to_page = np.linalg.inv(to_crop.astype(np.float64))
    height, width = bgr.shape[:2]
    box = Box.bounding(quad).clip(width, height)
    top_edge = tr - tl
    skew = float(np.degrees(np.arctan2(-top_edge[1], top_edge[0])))
    return _upright(crop, to_page, box, skew=skew, quad=quad, whole_page=False, orient=orient)


def _true_aspect(quad: np.ndarray, centre: tuple[float, float]) -> float | None:
    """Width/height of the rectangle a photographed quad shows, or None if it cannot be told.

    Zhang & He, "Whiteboard scanning and image enhancement" (2007): with the principal point
    at the image centre, the focal length follows from the two vanishing points, and with it
    the true proportions. A quad with parallel sides (a flat scan) keeps its own proportions.
    """
    tl, tr, br, bl = (np.array([p[0] - centre[0], p[1] - centre[1], 1.0]) for p in quad)
    m1, m2, m3, m4 = tl, tr, bl, br
    denominator2 = float(np.dot(np.cross(m2, m4), m3))
    denominator3 = float(np.dot(np.cross(m3, m4), m2))
    if abs(denominator2) < 1e-9 or abs(denominator3) < 1e-9:
        return None
    k2 = float(np.dot(np.cross(m1, m4), m3)) / denominator2
    k3 = float(np.dot(np.cross(m1, m4), m2)) / denominator3
    n2 = k2 * m2 - m1
    n3 = k3 * m3 - m1
    if abs(n2[2]) < 1e-6 or abs(n3[2]) < 1e-6:
        # Affine: opposite sides parallel, the sides' lengths are the proportions.
        return float(np.hypot(n2[0], n2[1]) / np.hypot(n3[0], n3[1]))
    f2 = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2])
    if f2 <= 0:
        return None
    aspect = float(
        np.sqrt((n2[0] ** 2 + n2[1] ** 2) / f2 + n2[2] ** 2)
        / np.sqrt((n3[0] ** 2 + n3[1] ** 2) / f2 + n3[2] ** 2)
    )
    # A focal length far outside what cameras have means the estimate is noise.
    side = float(np.hypot(*centre)) * 2
    if not (0.3 * side < np.sqrt(f2) < 10 * side) or not (0.2 < aspect < 5):
        return None
    return aspect


def _whole_page(bgr: np.ndarray, *, orient: bool) -> Located:
    """The page is the document: correct its small skew (text lines) and its rotation."""
    height, width = bgr.shape[:2]
    skew = _text_skew(bgr)
    quad = Box(0, 0, width, height).corners()
    if abs(skew) < MIN_SKEW:
        crop, to_page = bgr, np.eye(3)
        skew = 0.0
    else:
        # Turn about the centre onto a canvas that holds the whole turned page.
        rotation = cv2.getRotationMatrix2D((width / 2, height / 2), -skew, 1.0)
        cos, sin = abs(rotation[0, 0]), abs(rotation[0, 1])
        new_w, new_h = round(height * sin + width * cos), round(height * cos + width * sin)
        rotation[0, 2] += new_w / 2 - width / 2
        rotation[1, 2] += new_h / 2 - height / 2
        crop = cv2.warpAffine(
            bgr, rotation, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
        )
        to_crop = np.vstack([rotation, [0.0, 0.0, 1.0]])
        to_page = np.linalg.inv(to_crop)
    return _upright(
        crop,
        to_page,
        Box(0, 0, width, height),
        skew=skew,
        quad=quad,
        whole_page=True,
        orient=orient,
    )


def _text_skew(bgr: np.ndarray) -> float:
    """Skew of text lines in degrees (counter-clockwise positive), by projection profiles.

    Rows of text make the row sums of a binarised page spiky when the page is level; the angle
    that maximises their variance (or that of the column sums, for a page turned by 90° or set
    vertically) is the skew.
    """
    height, width = bgr.shape[:2]
    scale = min(1.0, 1000 / max(height, width))
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    if scale < 1:
        gray = cv2.resize(
            gray, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
        )
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if np.count_nonzero(ink) < 0.002 * ink.size:
        return 0.0
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST)
        rows = turned.sum(axis=1, dtype=np.float64)
        cols = turned.sum(axis=0, dtype=np.float64)
        return float(max(rows.var() * w / h, cols.var() * h / w))

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 1.0)
    best = float(max(coarse, key=score))
    fine = np.arange(best - 1.0, best + 1.01, 0.1)
    best = float(max(fine, key=score))
    # cv2 angles are counter-clockwise; a page whose lines rise to the right needs a clockwise
    # turn, so the skew is the negative of the correcting angle.
    return -best if abs(best) >= MIN_SKEW else 0.0


def _normalise(crop: np.ndarray) -> np.ndarray:
    """Stretch contrast so the darkest 0.5 % is black and the brightest 0.5 % white."""
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    low, high = np.percentile(gray[:: max(1, gray.shape[0] // 400), ::2], (0.5, 99.5))
    if high - low < 20:
        return crop
    lut = np.clip((np.arange(256) - low) * 255.0 / (high - low), 0, 255).astype(np.uint8)
    stretched: np.ndarray = cv2.LUT(crop, lut)
    return stretched


def _orientation(crop: np.ndarray) -> int:
    """Clockwise degrees that turn ``crop`` upright (0 when unknown).

    Tesseract's OSD is right on Japanese text, and on Latin text it tells 0/180 from 90/270
    but often not 0 from 180 (machine-readable zones come out upside down as "Bengali"). So
    a confident OSD guess for CJK script is taken as it is; otherwise the direction of the
    lines of print picks two candidate turns, both are read, and the turn that yields the most
    confidently read characters wins.
    """
    height, width = crop.shape[:2]
    # Small crops are enlarged so their text is tall enough for OSD; cards are read as they
    # are, and pages shrunk to keep the cost down.
    long_side = max(height, width)
    scale = min(3.0, min(max(long_side, OSD_MIN_SIDE), OSD_MAX_SIDE) / long_side)
    small = cv2.resize(
        crop,
        (max(1, round(width * scale)), max(1, round(height * scale))),
        interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC,
    )
    try:
        guess = ocr.detect_orientation(small, dpi=None)
    except ocr.OcrUnavailable:
        return 0
    if guess is not None and guess.script in _CJK_SCRIPTS and guess.confidence >= OSD_CONFIDENCE:
        return guess.rotate
    lines = _line_direction(crop)
    if lines is not None:
        # Lines of print run along the long bars they make: that settles 0/180 against 90/270.
        candidates = [lines, lines + 180]
    elif guess is not None and guess.confidence >= 1.0:
        candidates = [guess.rotate, (guess.rotate + 180) % 360]
    else:
        candidates = [0, 90, 180, 270]
    vote_scale = min(1.0, VOTE_SIDE / max(small.shape[:2]))
    vote_image = cv2.resize(small, None, fx=vote_scale, fy=vote_scale, interpolation=cv2.INTER_AREA)
    # Japanese is read with the Japanese model (slower); anything else with the English one,
    # then with the Japanese one if English finds too little to tell.
    languages = ["jpn"] if guess is not None and guess.script in _CJK_SCRIPTS else ["eng", "jpn"]
    for lang in languages:
        try:
            scores = {turn: _readable(_rotate(vote_image, turn)[0], lang) for turn in candidates}
        except ocr.OcrUnavailable:
            break
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        best = ranked[0][1]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if best >= VOTE_MIN_CHARS and best >= 1.3 * runner_up:
            return ranked[0][0]
    if guess is not None and guess.confidence >= OSD_CONFIDENCE and guess.rotate in candidates:
        return guess.rotate
    return candidates[0]


def _line_direction(crop: np.ndarray) -> int | None:
    """0 if the print runs in horizontal lines, 90 if in vertical ones, None if unclear.

    Ink smeared along a line of text becomes a long bar; whichever direction has clearly more
    bars is the direction of the lines.
    """
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    scale = 600 / max(gray.shape)
    gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    counts = []
    for kernel in ((1, 9), (9, 1)):
        smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones(kernel, np.uint8))
        _, _, stats, _ = cv2.connectedComponentsWithStats(smeared)
        along, across = (
            (stats[1:, 2], stats[1:, 3]) if kernel[0] == 1 else (stats[1:, 3], stats[1:, 2])
        )
        counts.append(int(np.count_nonzero((along > 4 * across) & (along > 25))))
    horizontal, vertical = counts
    if horizontal >= 4 and horizontal >= 1.5 * vertical:
        return 0
    if vertical >= 4 and vertical >= 1.5 * horizontal:
        return 90
    return None


def _readable(image: np.ndarray, lang: str) -> int:
    """How many letters, digits and kana/kanji ``image`` yields in confidently read words."""
    result = ocr.recognize(image, lang=lang, psm=ocr.PSM_SINGLE_BLOCK, dpi=None)
    total = 0
    for word in result.words:
        meaningful = sum(
            (ch.isascii() and ch.isalnum())
            or "\u3040" <= ch <= "\u30ff"
            or "\u4e00" <= ch <= "\u9fff"
            for ch in word.text
        )
        if word.conf > 60 and meaningful >= 2:
            total += meaningful
    return total


def _rotate(crop: np.ndarray, degrees: int) -> tuple[np.ndarray, np.ndarray]:
    """``crop`` turned clockwise by a multiple of 90°, and the 3×3 map back to ``crop``."""
    h, w = crop.shape[:2]
    if degrees == 90:
        turned = cv2.rotate(crop, cv2.ROTATE_90_CLOCKWISE)
        back = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, h], [0.0, 0.0, 1.0]])
    elif degrees == 180:
        turned = cv2.rotate(crop, cv2.ROTATE_180)
        back = np.array([[-1.0, 0.0, w], [0.0, -1.0, h], [0.0, 0.0, 1.0]])
    elif degrees == 270:
        turned = cv2.rotate(crop, cv2.ROTATE_90_COUNTERCLOCKWISE)
        back = np.array([[0.0, -1.0, w], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    else:
        return crop, np.eye(3)
    return turned, back


def _upright(
    crop: np.ndarray,
    to_page: np.ndarray,
    box: Box,
    *,
    skew: float,
    quad: np.ndarray,
    whole_page: bool,
    orient: bool,
) -> Located:
    rotation = _orientation(crop) if orient else 0
    turned, back = _rotate(crop, rotation)
    return Located(
        image=np.ascontiguousarray(_normalise(turned)),
        to_page=to_page @ back,
        box=box,
        rotation=rotation,
        skew=skew,
        whole_page=whole_page,
        quad=np.asarray(quad, dtype=np.float64),
    )
