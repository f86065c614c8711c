"""One page in, one analysis out: locate, read at a reduced size, classify, fields, masks."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
from PIL import Image

from desktop.core.documents import DocumentType, FieldName, SensitiveKind
from desktop.imaging import ocr
from desktop.imaging.classify import MIN_SCORE, Classification, classify_text
from desktop.imaging.fields import build_lines, certified_on, extract_fields, merge_mrz
from desktop.imaging.locate import find_documents, page_bgr
from desktop.imaging.regions import (
    Region,
    candidate_numbers,
    dedupe,
    my_number_valid,
    passport_domicile_regions,
    text_regions,
    vertical_header_regions,
)
from desktop.imaging.reread import Reread, field_lines, reread
from desktop.imaging.types import Box, Located, Word

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from desktop.imaging.fields import TextLine
    from desktop.imaging.mrz import MrzRead
    from desktop.imaging.types import Page

log = logging.getLogger(__name__)

LANG_VERTICAL = "jpn_vert"  # 縦書き: family registers of the old (pre-computer) form
LANG = "jpn"  # jpn reads the Latin of passports well enough; jpn+eng costs about twice as much
SHEET_WIDTH = 1240  # without measurable text, read at the width of an A4 sheet at 150 dpi
TEXT_HEIGHT = 30.0  # Tesseract's LSTM reads best with characters about this tall
MIN_SCALE, MAX_SCALE = 0.3, 2.0
SHEET_SIDE = 1300  # a working image longer than this is a sheet of paper, not a card
MIN_CONF = 55.0  # below this mean word confidence, the crop may be turned: try the other way
MAX_PAGE_SKEW = 4.5  # degrees
MAX_TILT = 8.0  # degrees: a larger tilt of a block's outline is not trusted
SHEET_LONG_SIDE = 2000  # pixels: an A4 sheet at ~170 dpi keeps 10 pt text ~25 px tall
LIGHT_PAPER = 150.0  # a page whose border is lighter than this grey is a scan on paper
OSD_SURE = 1.0  # Tesseract's orientation confidence worth following
# Characters Tesseract's orientation guess classifies before it may stop (its default is
# 50): on a dense sheet a guess took 0.4-0.8 s, with 20 0.2 s, the same answers on the
# generated set (every read it leads to is checked anyway).
OSD_CHARACTERS = 20
SPECULATE = False  # a second core for the orientation guess: slower on a busy 2-core machine
# A second core for the second and later documents of a page (never together with SPECULATE:
# a document read on the helper thread must not wait for that thread).
PARALLEL_DOCUMENTS = (os.cpu_count() or 1) >= 2 and not SPECULATE
MAX_WORK_SIDE = 2000  # pixels: the longest side of the image Tesseract reads
# A document whose lines run top to bottom is read turned both quarter ways at once.
QUARTERS_AT_ONCE = True
REREAD = True  # the unsure stretches of field lines read again, closer (reread.py)
MAX_READS = 2  # reads of one document in different orientations, at most
MIN_WORDS = 2  # a first read with fewer words found no text to turn upright
_DIGITS_RE = re.compile(r"[0-9]")


@dataclass(frozen=True, slots=True)
class SensitiveRegion:
    """A region to mask, in input-page pixels."""

    kind: SensitiveKind
    box: Box
    reason: str = "value"

    def to_contract(self) -> dict[str, Any]:
        """``{"kind": ..., "box": [x, y, w, h]}``."""
        return {"kind": str(self.kind), "box": self.box.as_list()}


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """What one page holds.

    Attributes:
        source: the file as the user named it.
        page: 1-based page number.
        document_type: the primary document's type (``unknown`` when none was recognised).
        confidence: 0.0 … 1.0.
        fields: the fields read (contract keys; ISO dates).
        mrz: the contract's ``mrz`` object, or None.
        sensitive_regions: every region to mask on the page (all documents on it).
        seconds: wall time for the page.
        timings: seconds per stage (locate, ocr, classify, fields, regions, mrz, numbers, qr).
        side: ``back`` for the back of a My Number card, else ``front``.
        documents: how many documents were found on the page.
        size: ``(width, height)`` of the input page.
    """

    source: str
    page: int
    document_type: DocumentType
    confidence: float
    fields: Mapping[FieldName, str]
    mrz: Mapping[str, Any] | None
    sensitive_regions: tuple[SensitiveRegion, ...]
    seconds: float
    timings: Mapping[str, float] = field(default_factory=dict)
    side: str = "front"
    documents: int = 1
    size: tuple[int, int] = (0, 0)

    def to_contract(self) -> dict[str, Any]:
        """The contract's JSON object for ``honnin scan`` (extra keys: side, timings)."""
        return {
            "source": self.source,
            "page": self.page,
            "document_type": str(self.document_type),
            "confidence": round(self.confidence, 3),
            "fields": {str(k): v for k, v in self.fields.items()},
            "mrz": dict(self.mrz) if self.mrz is not None else None,
            "sensitive_regions": [r.to_contract() for r in self.sensitive_regions],
            "seconds": round(self.seconds, 3),
            "side": self.side,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


@dataclass(slots=True)
class _Timer:
    stages: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, started: float) -> float:
        now = time.perf_counter()
        self.stages[name] = self.stages.get(name, 0.0) + now - started
        return now


@dataclass(frozen=True, slots=True)
class _DocResult:
    located: Located
    classification: Classification
    fields: Mapping[FieldName, str]
    regions: tuple[Region, ...]  # page pixels
    mrz: Mapping[str, Any] | None
    side: str

    @property
    def document_type_is_my_number(self) -> bool:
        return self.classification.document_type is DocumentType.MY_NUMBER_CARD


def analyse(page: Page) -> PageAnalysis:
    """Analyse one page: its documents, their type, fields and the regions to mask.

    Each document is read once at a reduced resolution; only the unsure stretches of the
    lines that hold fields and numbers that might be a My Number are read again at full
    size, and a document is read a second time (larger, in the
    other layout mode) when what it always prints to mask was not found, or when it is a
    residence certificate, or turned when its MRZ says it lies on its side. Boxes are in the
    input page's pixels.
    """
    started = time.perf_counter()
    timer = _Timer()
    t = time.perf_counter()
    blocks = _scan_blocks(page)
    timer.add("locate", t)
    if blocks is not None:
        # A scan: documents lie on light paper, found from the ink alone.
        results = _each(blocks, lambda loc: [_analyse_document(loc, page, timer)])
        located = blocks
    else:
        t = time.perf_counter()
        located = [loc for loc in find_documents(page, orient=False) if _plausible(loc)]
        if not located:
            located = [_whole(page)]
        t = timer.add("locate", t)
        results = _each(located, lambda loc: _analyse_located(loc, page, timer))
    if blocks is None and not any(loc.whole_page for loc in located):
        # A document the outline search missed (a pale card on a photocopy) is still on the
        # page: read what ink lies outside the documents found.
        t = time.perf_counter()
        extra = _leftovers(page, located)
        timer.add("content", t)
        results += [_analyse_document(loc, page, timer) for loc in extra]
    results = _reading_order(results, page.size)
    primary = _primary(results)
    if primary.classification.document_type is DocumentType.UNKNOWN and not any(
        r.located.whole_page for r in results
    ):
        # Nothing recognised in what was cut out: the page itself may be the document.
        results += _analyse_located(_whole(page), page, timer)
        primary = _primary(results)
    regions: list[SensitiveRegion] = []
    width, height = page.size
    for res in results:
        for r in res.regions:
            box = r.box.clip(width, height)
            if not box.empty:
                regions.append(SensitiveRegion(r.kind, box, r.reason))
    regions = _merge_page_regions(regions)
    seconds = time.perf_counter() - started
    log.debug("page analysed in %.3f s (%d documents)", seconds, len(results))
    return PageAnalysis(
        source=page.source,
        page=page.number,
        document_type=primary.classification.document_type,
        confidence=primary.classification.confidence,
        fields=MappingProxyType(dict(primary.fields)),
        mrz=primary.mrz or next((r.mrz for r in results if r.mrz), None),
        sensitive_regions=tuple(regions),
        seconds=seconds,
        timings=MappingProxyType(dict(timer.stages)),
        side=primary.side,
        documents=len(results),
        size=(width, height),
    )


def _each(
    located: Sequence[Located], analyse_one: Callable[[Located], list[_DocResult]]
) -> list[_DocResult]:
    """``analyse_one`` of every document, in order; with several documents (cards copied
    side by side on one sheet), the second and later ones on the helper thread meanwhile.

    Each document's analysis depends on its own pixels only, and Tesseract runs outside
    Python's lock, so two cards take the time of about one on a 2-core machine; the result
    is the same as one after the other.
    """
    if len(located) < 2 or not PARALLEL_DOCUMENTS:
        return [r for loc in located for r in analyse_one(loc)]
    with _helper_taken():
        later = [_helper().submit(analyse_one, loc) for loc in located[1:]]
        try:
            first = analyse_one(located[0])
        finally:
            results = [f.result() for f in later]
    return [*first, *(r for rs in results for r in rs)]


def prepare() -> None:
    """Load Tesseract's models on this thread and on the helper thread now, rather than in
    the first page that needs them (about 0.3 s each).

    Raises:
        OcrUnavailable: libtesseract or a language's data is missing.
    """
    blank = np.full((32, 32), 255, np.uint8)

    def load() -> None:
        for lang in (LANG, "eng"):
            ocr.recognize(blank, lang=lang, psm=ocr.PSM_SINGLE_LINE)

    load()
    if PARALLEL_DOCUMENTS:
        _helper().submit(load).result()


def _scan_blocks(page: Page) -> list[Located] | None:
    """The documents of a scan (light paper around them), each cut out and levelled; None
    for a photo (a dark background: the outline search of ``locate`` handles perspective).

    Cards copied on one sheet are separate blocks of ink; a certificate is one. Each block is
    levelled by the angle of the smallest rectangle around its ink (a card's outline, a
    form's frame), which costs far less than searching the page's text skew.
    """
    width, height = page.size
    factor = max(1, int(np.ceil(max(width, height) / 600)))
    small = np.asarray(page.image.reduce(factor).convert("L"), dtype=np.uint8)
    sh, sw = small.shape
    border = np.concatenate([small[0], small[-1], small[:, 0], small[:, -1]])
    background = float(np.median(border))
    if background < LIGHT_PAPER:
        return None
    ink = (np.abs(small.astype(np.int16) - background) > 18).astype(np.uint8)
    joined = cv2.dilate(ink, np.ones((9, 9), np.uint8))
    count, _labels, stats, _c = cv2.connectedComponentsWithStats(joined, connectivity=8)
    parts = [
        Box(*(int(v) for v in stats[i][:4]))
        for i in range(1, count)
        if stats[i][4] >= 0.0005 * joined.size
    ]
    if not parts:
        return [_whole(page)]
    boxes = _blocks(parts, joined.size)
    rgb = page.image if page.image.mode == "RGB" else page.image.convert("RGB")
    out = []
    for b in boxes:
        margin = max(2, round(0.01 * max(sw, sh)))
        box = Box(b.x - margin, b.y - margin, b.w + 2 * margin, b.h + 2 * margin).clip(sw, sh)
        full = Box(box.x * factor, box.y * factor, box.w * factor, box.h * factor).clip(
            width, height
        )
        whole = full.area > 0.5 * width * height
        corners = (full.x, full.y, full.right, full.bottom)
        shrink = min(1.0, SHEET_LONG_SIDE / max(full.w, full.h)) if whole else 1.0
        if shrink < 1.0:
            # A sheet is read well below 300 dpi; shrinking it here, in Pillow, is cheaper
            # than carrying every pixel through the steps that follow (and resizing from
            # the page's box copies no full-size crop first).
            size = (max(1, round(full.w * shrink)), max(1, round(full.h * shrink)))
            region = rgb.resize(size, Image.Resampling.BOX, box=corners)
        else:
            region = rgb.crop(corners)
        crop = cv2.cvtColor(np.asarray(region, dtype=np.uint8), cv2.COLOR_RGB2BGR)
        sx, sy = full.w / crop.shape[1], full.h / crop.shape[0]
        shift = np.array([[sx, 0.0, full.x], [0.0, sy, full.y], [0.0, 0.0, 1.0]])
        angle = _ink_angle(ink[box.y : box.bottom, box.x : box.right])
        to_page = shift
        if abs(angle) >= 0.3:
            crop, to_crop = _level(crop, angle)
            to_page = shift @ np.linalg.inv(to_crop)
        out.append(Located(image=crop, to_page=to_page, box=full, skew=angle, whole_page=whole))
    return out


def _blocks(parts: list[Box], size: int) -> list[Box]:
    """Separate documents (cards side by side on a sheet) or one block for a sheet."""
    union = parts[0]
    for b in parts[1:]:
        union = union.union(b)
    big = _merge_boxes([b for b in parts if b.area >= 0.03 * size])

    def card_like(b: Box) -> bool:
        aspect = max(b.w, b.h) / max(min(b.w, b.h), 1)
        return 1.25 <= aspect <= 2.0 and b.area <= 0.2 * size

    if len(big) > 1 and sum(b.area for b in big) < 0.5 * size and all(map(card_like, big)):
        return sorted(big, key=lambda b: (b.y, b.x))
    return [union]


def _ink_angle(ink: np.ndarray) -> float:
    """The tilt of a block of ink in degrees (counter-clockwise positive), 0 if unsure."""
    ys, xs = np.nonzero(ink)
    if len(xs) < 50:
        return 0.0
    pts = np.column_stack([xs, ys]).astype(np.float32)
    (_cx, _cy), (rw, rh), angle = cv2.minAreaRect(pts)
    # OpenCV gives the angle of one side in [0, 90); the tilt is its distance from a multiple
    # of 90°.
    tilt = float(angle) % 90.0
    if tilt > 45.0:
        tilt -= 90.0
    if abs(tilt) > MAX_TILT or min(rw, rh) < 10:
        return 0.0
    return -tilt


def _level(crop: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """The crop turned by ``angle`` degrees (counter-clockwise) on a canvas that holds it all,
    and the 3×3 map from crop to turned pixels."""
    h, w = crop.shape[:2]
    rotation = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    cos, sin = abs(rotation[0, 0]), abs(rotation[0, 1])
    new_w, new_h = round(h * sin + w * cos), round(h * cos + w * sin)
    rotation[0, 2] += new_w / 2 - w / 2
    rotation[1, 2] += new_h / 2 - h / 2
    border = tuple(int(v) for v in np.median(np.concatenate([crop[0], crop[-1]]), axis=0))
    turned = cv2.warpAffine(
        crop, rotation, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=border
    )
    return turned, np.vstack([rotation, [0.0, 0.0, 1.0]])


def _plausible(loc: Located) -> bool:
    """A cut-out that could be a document (a lone text line or rule is not one)."""
    w, h = loc.size
    return min(w, h) >= 40 and max(w, h) / max(min(w, h), 1) <= 2.6


def _whole(page: Page) -> Located:
    """The page itself as the document, unturned."""
    width, height = page.size
    return Located(
        image=page_bgr(page), to_page=np.eye(3), box=Box(0, 0, width, height), whole_page=True
    )


def _primary(results: Sequence[_DocResult]) -> _DocResult:
    """The document that names the page: the first recognised one in reading order (a My
    Number card's front before its back: the front shows every field the back does)."""
    known = [r for r in results if r.classification.document_type is not DocumentType.UNKNOWN]
    if not known:
        return results[0]
    fronts = [r for r in known if r.side == "front"]
    return fronts[0] if fronts and known[0].document_type_is_my_number else known[0]


def _reading_order(results: list[_DocResult], size: tuple[int, int]) -> list[_DocResult]:
    """Documents top to bottom as the page reads upright (a page scanned turned by a
    quarter has its first document on the right or left)."""
    if len(results) < 2:
        return results
    turns = [r.located.rotation % 360 for r in results]
    turn = max(set(turns), key=turns.count)
    width, height = size

    def key(r: _DocResult) -> tuple[float, float]:
        b = r.located.box
        cx, cy = b.x + b.w / 2, b.y + b.h / 2
        if turn == 90:
            return (cx, height - cy)
        if turn == 180:
            return (height - cy, width - cx)
        if turn == 270:
            return (width - cx, cy)
        return (cy, cx)

    return sorted(results, key=key)


def _leftovers(page: Page, located: Sequence[Located]) -> list[Located]:
    """Blocks of ink on the page outside every located document (each a card-sized block or
    more), as whole-page crops."""
    whole = _whole(page)
    image = whole.image.copy()
    for loc in located:
        b = loc.box.pad(max(loc.box.w, loc.box.h) // 40).clip(*page.size)
        image[b.y : b.bottom, b.x : b.right] = np.median(
            np.concatenate([image[0], image[-1]]), axis=0
        ).astype(np.uint8)
    blank = Located(image=image, to_page=np.eye(3), box=whole.box, whole_page=True)
    blocks = _content(blank, min_block=0.03)
    return [] if len(blocks) == 1 and blocks[0] is blank else blocks


def _merge_page_regions(regions: Sequence[SensitiveRegion]) -> list[SensitiveRegion]:
    keep: list[SensitiveRegion] = []
    for r in sorted(regions, key=lambda r: -r.box.area):
        if any(k.kind == r.kind and k.box.contains(r.box) for k in keep):
            continue
        keep.append(r)
    keep.sort(key=lambda r: (r.box.y, r.box.x))
    return keep


# --- one document -------------------------------------------------------------------------


def _working_scale(loc: Located) -> float:
    """How much to shrink (or grow) a crop so its characters are ~TEXT_HEIGHT px tall."""
    measured = _text_height(loc.image)
    if measured is None:
        w, _h = loc.size
        return min(SHEET_WIDTH / max(w, 1), 1.0)
    top = 1.0 if loc.whole_page else MAX_SCALE  # a sheet was shrunk on purpose already
    # Never more than a sheet's worth of pixels: reading time grows with them.
    top = min(top, MAX_WORK_SIDE / max(loc.size))
    return float(np.clip(TEXT_HEIGHT / measured, MIN_SCALE, max(top, MIN_SCALE)))


def _text_height(image: np.ndarray) -> float | None:
    """The height of a typical character in pixels (from connected components), or None."""
    h, w = image.shape[:2]
    f = min(1.0, 1000 / max(h, w))
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    if f < 1:
        gray = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    # Local contrast, not one global threshold: cards print on tinted and patterned grounds.
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 20
    )
    count, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 10:
        return None
    hs = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    ws = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float64)
    # Glyph-like components: not specks, not rules or frames, not photos.
    keep = (hs >= 4) & (hs <= 120) & (ws <= 3 * hs) & (ws >= 0.15 * hs)
    if keep.sum() < 8:
        return None
    height = float(np.percentile(hs[keep], 80))
    return height / float(f)


def _content(loc: Located, *, min_block: float = 0.0) -> list[Located]:
    """A whole page cut down to where its ink is: one crop per separate block of content
    (cards copied side by side on one sheet), in reading order; the page itself when its
    content is one block that fills it."""
    image = loc.image
    h, w = image.shape[:2]
    f = min(1.0, 600 / max(h, w))
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    border = np.concatenate([small[0], small[-1], small[:, 0], small[:, -1]])
    background = float(np.median(border))
    mask = (np.abs(small.astype(np.int16) - background) > 18).astype(np.uint8)
    # Join the glyphs of one document, not two documents a few centimetres apart.
    mask = cv2.dilate(mask, np.ones((9, 9), np.uint8))
    count, _labels, stats, _c = cv2.connectedComponentsWithStats(mask, connectivity=8)
    parts = []
    for i in range(1, count):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if area >= 0.0005 * mask.size:  # not a speck of dust or noise
            parts.append(Box(x, y, bw, bh))
    if min_block:
        # Only blocks big enough to be a document of their own count.
        parts = [b for b in _merge_boxes(parts) if b.area >= min_block * mask.size]
    if not parts:
        return [loc]
    union = parts[0]
    for b in parts[1:]:
        union = union.union(b)
    big = _merge_boxes([b for b in parts if b.area >= 0.03 * mask.size])
    small_area = sum(b.area for b in parts if b.area < 0.03 * mask.size)
    boxes = [union]
    if min_block:
        boxes = big
    elif (
        len(big) > 1
        and sum(b.area for b in big) < 0.35 * mask.size
        and small_area < 0.01 * mask.size
    ):
        # Separate cards copied on one sheet; a sheet's title and body never qualify.
        boxes = big
    margin = 0.01 * max(h, w)
    out = []
    for b in sorted(boxes, key=lambda b: (b.y, b.x)):
        box = Box.from_corners(
            b.x / f - margin, b.y / f - margin, b.right / f + margin, b.bottom / f + margin
        ).clip(w, h)
        if box.area > 0.85 * w * h:
            return [loc]
        shift = np.array([[1.0, 0.0, box.x], [0.0, 1.0, box.y], [0.0, 0.0, 1.0]])
        out.append(
            Located(
                image=np.ascontiguousarray(image[box.y : box.bottom, box.x : box.right]),
                to_page=loc.to_page @ shift,
                box=loc.box,
                rotation=loc.rotation,
                skew=loc.skew,
                whole_page=True,
                quad=loc.quad,
            )
        )
    return out


def _merge_boxes(boxes: list[Box]) -> list[Box]:
    """Merge overlapping boxes until none overlap (a document's parts into one)."""
    merged = True
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                if not boxes[i].intersection(boxes[j]).empty:
                    boxes[i] = boxes[i].union(boxes[j])
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    return boxes


def _rotate(loc: Located, degrees: int) -> Located:
    """The located document turned clockwise by a multiple of 90°, its map to the page kept."""
    image = loc.image
    h, w = image.shape[:2]
    if degrees == 90:
        turned = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
        back = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, h], [0.0, 0.0, 1.0]])
    elif degrees == 180:
        turned = cv2.rotate(image, cv2.ROTATE_180)
        back = np.array([[-1.0, 0.0, w], [0.0, -1.0, h], [0.0, 0.0, 1.0]])
    elif degrees == 270:
        turned = cv2.rotate(image, cv2.ROTATE_90_COUNTERCLOCKWISE)
        back = np.array([[0.0, -1.0, w], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    else:
        return loc
    return Located(
        image=np.ascontiguousarray(turned),
        to_page=loc.to_page @ back,
        box=loc.box,
        rotation=(loc.rotation + degrees) % 360,
        skew=loc.skew,
        whole_page=loc.whole_page,
        quad=loc.quad,
    )


def _lines_vertical(gray: np.ndarray) -> bool:
    """True when the text runs top to bottom (the crop lies on its side): projection profiles."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if np.count_nonzero(ink) < 0.002 * ink.size:
        return False
    rows = ink.sum(axis=1, dtype=np.float64)
    cols = ink.sum(axis=0, dtype=np.float64)
    # Gaps between text lines make the profile across the lines jump up and down; along the
    # lines it changes slowly. Compare the relative jumpiness of both profiles.
    rows_jumps = np.abs(np.diff(rows)).sum() / max(rows.sum(), 1.0)
    cols_jumps = np.abs(np.diff(cols)).sum() / max(cols.sum(), 1.0)
    return bool(cols_jumps > 1.3 * rows_jumps)


@dataclass(frozen=True, slots=True)
class _Read:
    loc: Located
    scale: float
    small: np.ndarray
    lines: list[TextLine]
    words: tuple[Word, ...]
    classification: Classification
    conf: float
    vertical: bool = False  # read as 縦書き: lines are columns, boxes turned (see _to_columns)


def _to_columns(box: Box, width: int) -> Box:
    """A box of an image with vertical text, in the frame where its columns are rows
    (right-most column first, each read top to bottom as left to right)."""
    return Box(box.y, width - box.x - box.w, box.h, box.w)


def _from_columns(box: Box, width: int) -> Box:
    """Inverse of :func:`_to_columns`."""
    return Box(width - box.y - box.h, box.x, box.h, box.w)


def _read(
    loc: Located,
    dpi: int | None,
    timer: _Timer,
    scale: float,
    *,
    vertical: bool = False,
    other_mode: bool = False,
) -> _Read:
    t = time.perf_counter()
    image = loc.image
    if abs(scale - 1.0) > 0.02:
        interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=interp)
    # The brightest channel: black print stays dark while coloured grounds (the licence's
    # expiry band, tinted cards) and red seals turn light.
    gray = ocr.brightest(image)
    t = timer.add("prepare", t)
    work_dpi = round((dpi or 300) * scale) if dpi else None
    # Sparse-text mode finds the small grey labels of cards; sheets read better as blocks.
    sheet = max(gray.shape) > SHEET_SIDE
    psm = ocr.PSM_AUTO if sheet != other_mode else ocr.PSM_SPARSE
    lang = LANG
    if vertical:
        # One block of vertical text: the automatic layout cuts blurred, ruled columns into
        # fragments and reads them as noise (measured on photos of vertical registers).
        lang, psm = LANG_VERTICAL, ocr.PSM_VERTICAL_BLOCK
    result = ocr.recognize(gray, lang=lang, psm=psm, dpi=work_dpi or 150)
    t = timer.add("ocr", t)
    words = result.words
    if vertical:
        width = gray.shape[1]
        words = tuple(Word(w.text, _to_columns(w.box, width), w.conf, w.line) for w in result.words)
    lines = build_lines(words)
    classification = classify_text(lines)
    timer.add("classify", t)
    confs = [w.conf for w in result.words if w.conf >= 0]
    conf = float(np.mean(confs)) if confs else 0.0
    return _Read(loc, scale, gray, lines, result.words, classification, conf, vertical)


def _on_helper() -> bool:
    return threading.current_thread().name.startswith(HELPER_NAME)


def _good(read: _Read) -> bool:
    best = max(read.classification.scores.values(), default=0.0)
    return best >= MIN_SCORE and read.conf >= MIN_CONF and not _sideways(read)


def _sideways(read: _Read) -> bool:
    """True when Tesseract found the text running top to bottom in a horizontal read: the
    document lies on its side (its layout analysis reads such lines well, but their words
    no longer form rows, so labels and values fall apart)."""
    if read.vertical:
        return False
    multi = [w.box for w in read.words if len(w.text) >= 2]
    if len(multi) < 6:
        return False
    tall = sum(1 for b in multi if b.h > 1.2 * b.w)
    return tall > 0.5 * len(multi)


def _quality(read: _Read) -> float:
    best = max(read.classification.scores.values(), default=0.0)
    score = best + read.conf / 10 + min(len(read.words), 60) / 20
    return score / 2 if _sideways(read) else score


def _read_upright(loc: Located, dpi: int | None, timer: _Timer) -> _Read:
    """Read the document upright.

    Most pages come upright, so the first read is the one as it is (unless the text runs
    top to bottom, which a cheap profile test tells); only a poor read pays for
    Tesseract's orientation detection and a second read, and the best read is kept.
    """
    t = time.perf_counter()
    scale = _working_scale(loc)
    f = min(scale, 600 / max(loc.image.shape[:2]))
    small = cv2.resize(loc.image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    vertical = _lines_vertical(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY))
    timer.add("orient", t)
    order = [90, 270, 0, 180] if vertical else [0, 180, 90, 270]
    # On the second core, meanwhile: Tesseract's orientation guess and, if it says the
    # document is turned, a read that way round. An upright page never waits for it.
    stop = threading.Event()
    future = _helper().submit(_speculate, loc, dpi, scale, stop) if SPECULATE else None
    best: _Read | None = None
    tried: set[int] = set()
    h, w = loc.image.shape[:2]
    upright_sheet = h > w and h * scale > SHEET_SIDE  # a register printed in columns, 縦書き
    if vertical and not upright_sheet and QUARTERS_AT_ONCE and not SPECULATE and _helper_free():
        # Lines that run top to bottom on a card, or on a sheet lying landscape: a document
        # turned a quarter, either way. Both ways are read at once, one on each core, in the
        # time of one read and without Tesseract's orientation guess, which is asked for
        # only when neither reads well.
        other = _helper().submit(_read, _rotate(loc, 270), dpi, _Timer(), scale)
        best = _read(_rotate(loc, 90), dpi, timer, scale)
        other_way = other.result()
        tried.update((90, 270))
        if _quality(other_way) > _quality(best):
            best = other_way
        if _good(best):
            return best
        stop.set()  # the guess alone: both quarter turns were read already
    elif not vertical:
        best = _read(loc, dpi, timer, scale)
        tried.add(0)
        if _good(best) or len(best.words) < MIN_WORDS:
            # Good, or no text at all (a photo, a blank block): no other way round reads
            # better.
            stop.set()
            return best
    t = time.perf_counter()
    guess, speculative = future.result() if future else _speculate(loc, dpi, scale, stop)
    timer.add("orient_wait", t)
    if speculative is not None:
        tried.add((speculative.loc.rotation - loc.rotation) % 360)
        if best is None or _quality(speculative) > _quality(best):
            best = speculative
        if _good(best):
            return best
    if guess is not None and guess.confidence >= OSD_SURE:
        order.remove(guess.rotate)
        order.insert(0, guess.rotate)
        if vertical and guess.rotate == 0:
            # Columns of upright characters: 縦書き, for the vertical model straight away.
            read = _read(loc, dpi, timer, scale, vertical=True)
            if best is None or _quality(read) > _quality(best):
                best = read
            if _good(best):
                return best
    # When Tesseract cannot tell which way is up, a confident read along the rows is upright
    # (a document outside the catalogue; a page upside down reads with a low confidence):
    # the other ways round would only cost time. (Its guess, even when it says it is sure,
    # is wrong by a half turn often enough on passports that a sure guess never settles it.)
    unsure = guess is None or guess.confidence < OSD_SURE
    settled = (
        best is not None and not _sideways(best) and unsure and 0 in tried and best.conf >= MIN_CONF
    )
    for degrees in [] if settled else order:
        if degrees in tried:
            continue
        tried.add(degrees)
        read = _read(_rotate(loc, degrees), dpi, timer, scale)
        if best is None or _quality(read) > _quality(best):
            best = read
        if _good(best) or len(tried) >= MAX_READS:
            break
    assert best is not None
    if not _good(best):
        # Text in columns (縦書き): read it with the vertical model the way OSD says is up.
        up = guess.rotate if guess is not None and guess.confidence >= OSD_SURE else 0
        turned = _rotate(loc, up)
        t = time.perf_counter()
        g = cv2.cvtColor(
            cv2.resize(turned.image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA),
            cv2.COLOR_BGR2GRAY,
        )
        columns = _lines_vertical(g)
        timer.add("orient", t)
        # A sheet read badly every way may be 縦書き all the same: ruled frames and a
        # horizontal footer can hide its columns from the profile test. Recall first.
        sheet = max(turned.image.shape[:2]) * scale > SHEET_SIDE and len(best.words) >= 10
        if columns or sheet:
            read = _read(turned, dpi, timer, scale, vertical=True)
            if _quality(read) > _quality(best):
                best = read
    return best


HELPER_NAME = "honnin-helper"
_HELPER_LOCK = threading.Lock()
_HELPERS: list[ThreadPoolExecutor] = []


_helper_documents = 0  # documents being analysed on the helper thread (under _HELPER_LOCK)


@contextlib.contextmanager
def _helper_taken() -> Iterator[None]:
    """Mark the helper thread as busy with whole documents for the block's duration."""
    global _helper_documents
    with _HELPER_LOCK:
        _helper_documents += 1
    try:
        yield
    finally:
        with _HELPER_LOCK:
            _helper_documents -= 1


def _helper_free() -> bool:
    with _HELPER_LOCK:
        return _helper_documents == 0 and not _on_helper()


def _helper() -> ThreadPoolExecutor:
    """The one background thread of this process (its Tesseract engines load once)."""
    with _HELPER_LOCK:
        if not _HELPERS:
            _HELPERS.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix=HELPER_NAME))
        return _HELPERS[0]


def _speculate(
    loc: Located, dpi: int | None, scale: float, stop: threading.Event
) -> tuple[ocr.Orientation | None, _Read | None]:
    """Tesseract's orientation guess, and a read of the document turned that way when the
    guess is sure and not upright (unless the caller's own read was good already)."""
    try:
        work = cv2.resize(loc.image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        guess = ocr.detect_orientation(_osd_copy(work), dpi=None, characters=OSD_CHARACTERS)
    except ocr.OcrUnavailable:
        return None, None
    if stop.is_set() or guess is None or guess.confidence < OSD_SURE or guess.rotate == 0:
        return guess, None
    return guess, _read(_rotate(loc, guess.rotate), dpi, _Timer(), scale)


def _osd_copy(image: np.ndarray) -> np.ndarray:
    f = 1200 / max(image.shape[:2])
    if f < 1:
        return cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    return image


def _analyse_located(loc: Located, page: Page, timer: _Timer) -> list[_DocResult]:
    """One located document, or each block of content of a page that is the document."""
    if not loc.whole_page:
        return [_analyse_document(loc, page, timer)]
    t = time.perf_counter()
    # A page turned by more than a scanner ever skews was misjudged (a card on a sheet).
    blocks = _content(_whole(page) if abs(loc.skew) > MAX_PAGE_SKEW else loc)
    timer.add("content", t)
    return [_analyse_document(block, page, timer) for block in blocks]


def _analyse_document(loc: Located, page: Page, timer: _Timer) -> _DocResult:
    dpi = page.dpi
    read = _read_upright(loc, dpi, timer)
    pending = _Pending(read)
    zone = _find_mrz(read, timer)
    if zone is not None and zone.rotation and zone.result.valid:
        # A valid zone knows which way is up better than the text did (a phone photo turned
        # a quarter reads as garbage that may still look like a passport).
        turned = _read(_rotate(read.loc, zone.rotation), dpi, timer, read.scale)
        if turned.classification.document_type is DocumentType.PASSPORT or _quality(
            turned
        ) > _quality(read):
            read = turned
            pending.cancel()
            pending = _Pending(read)
    loc = read.loc
    doc_type = read.classification.document_type
    t = time.perf_counter()
    fields = dict(extract_fields(read.lines, doc_type))
    t = timer.add("fields", t)
    h, w = read.small.shape[:2]
    regions = _regions_of(read, doc_type)
    t = timer.add("regions", t)
    closer_fields: Mapping[FieldName, str] = {}
    if (
        doc_type in EXPECTED_KINDS and not any(r.kind in EXPECTED_KINDS[doc_type] for r in regions)
    ) or doc_type is DocumentType.RESIDENCE_CERTIFICATE:
        # A document that always prints a value to mask, and none was found (or a
        # certificate, whose members' rows repeat and are easily lost): read it once more,
        # larger and in the other layout mode (blur, small print and ruled tables lose
        # whole lines).
        closer = _closer_read(read, dpi, timer)
        if closer is not None:
            f = read.scale / closer.scale
            regions += [
                Region(r.kind, _to_crop(r.box, 1 / f), r.reason)
                for r in _regions_of(closer, doc_type)
            ]
            closer_fields = extract_fields(closer.lines, doc_type)
    t = time.perf_counter()
    again = pending.result()
    timer.add("reread_wait", t)
    if again is not None and again.replaced:
        # The unsure stretches of the field lines, read again closer: a field read off them
        # wins; one they lost keeps its first value.
        fields.update(extract_fields(again.lines, doc_type))
    for name, value in closer_fields.items():
        fields.setdefault(name, value)
    if not read.vertical:
        regions += _recheck_numbers(read, regions, timer)
    elif FieldName.ISSUED_ON not in fields and doc_type is not DocumentType.UNKNOWN:
        # A vertical register certifies in horizontal lines at its foot, which the vertical
        # model does not read: read the bottom band the horizontal way.
        issued = _footer_date(read, timer)
        if issued is not None:
            fields[FieldName.ISSUED_ON] = issued
    if doc_type is DocumentType.PASSPORT:
        # The Registered Domicile by its place relative to the MRZ as well: its grey label
        # is often lost, and a value read may be cut short by a letter or two.
        regions += passport_domicile_regions(read.lines, (w, h))
    side = "front"
    classification = read.classification
    pattern_number = any(
        r.kind is SensitiveKind.INDIVIDUAL_NUMBER and r.reason == "pattern" for r in regions
    )
    if doc_type is DocumentType.UNKNOWN and pattern_number and not loc.whole_page:
        # A card whose words were lost but which carries a valid My Number is its back.
        doc_type = DocumentType.MY_NUMBER_CARD
        classification = Classification(doc_type, 0.5, classification.scores)
    if doc_type is DocumentType.MY_NUMBER_CARD and _is_back(read, regions):
        side = "back"
        # DESIGN: a back side is masked whole on receipt.
        regions = [Region(SensitiveKind.INDIVIDUAL_NUMBER, Box(0, 0, w, h), "whole")]
    elif doc_type in (
        DocumentType.HEALTH_INSURANCE_CARD,
        DocumentType.MY_NUMBER_CARD,
        DocumentType.UNKNOWN,
    ):
        t = time.perf_counter()
        kind = (
            SensitiveKind.INSURED_SYMBOL_NUMBER
            if doc_type is DocumentType.HEALTH_INSURANCE_CARD
            else SensitiveKind.INDIVIDUAL_NUMBER
        )
        codes = find_qr_codes(read.small)
        regions += [Region(kind, b, "qr") for b in codes]
        timer.add("qr", t)
        if codes and doc_type is DocumentType.UNKNOWN and not loc.whole_page:
            # An unreadable card with a QR code: most likely a My Number card's back, whose
            # number OCR lost. Recall first: it is masked whole, as a back is.
            doc_type = DocumentType.MY_NUMBER_CARD
            classification = Classification(doc_type, 0.3, classification.scores)
            side = "back"
            regions = [Region(SensitiveKind.INDIVIDUAL_NUMBER, Box(0, 0, w, h), "whole")]
            if FieldName.NAME not in fields:
                fields.update(_back_fields(read, codes, dpi, timer))
    if zone is not None and zone.result.valid:
        z = zone.result
        fields = merge_mrz(
            fields,
            read.lines,
            surname=z.surname,
            given_names=z.given_names,
            number=z.number,
            birth_date=z.birth_date,
            expiry_date=z.expiry_date,
        )
    mrz: Mapping[str, Any] | None = zone.result.to_contract() if zone is not None else None
    page_regions = tuple(
        Region(r.kind, loc.map_box(_to_crop(r.box, read.scale)), r.reason) for r in dedupe(regions)
    )
    return _DocResult(loc, classification, fields, page_regions, mrz, side)


class _Pending:
    """A closer look at a read's field lines (reread.py). When the helper thread is free it
    takes every other line at once; the caller reads the rest when it asks for the result
    (most documents have little else to do by then), so the look costs about half its time.
    """

    def __init__(self, read: _Read) -> None:
        self._read = read
        picked = field_lines(read.lines) if REREAD and not read.vertical else []
        self._mine = picked
        self._future: Future[Reread] | None = None
        if len(picked) > 1 and _helper_free():
            self._mine = picked[1::2]
            self._future = _helper().submit(self._run, picked[0::2])

    def _run(self, indices: Sequence[int]) -> Reread:
        r = self._read
        return reread(r.loc.image, r.scale, r.lines, r.words, indices)

    def cancel(self) -> None:
        """Not wanted any more (the read it was for was replaced)."""
        if self._future is not None:
            self._future.cancel()
        self._future = None
        self._mine = []

    def result(self) -> Reread | None:
        mine = self._run(self._mine) if self._mine else None
        theirs = self._future.result() if self._future is not None else None
        if mine is None or theirs is None:
            return mine or theirs
        lines = list(theirs.lines)
        for idx in mine.replaced:
            lines[idx] = mine.lines[idx]
        return Reread(lines, theirs.replaced + mine.replaced)


def _back_fields(
    read: _Read, codes: Sequence[Box], dpi: int | None, timer: _Timer
) -> Mapping[FieldName, str]:
    """The name and birth date of a My Number card's back that was read turned: its QR code
    (found by its shape, whichever way up) stands at the top right of an upright back, so
    it tells the way round to read it again. Nothing when it cannot tell."""
    h, w = read.small.shape[:2]
    for code in codes:
        turn = _qr_upright(code, w, h)
        if turn:
            turned = _read(_rotate(read.loc, turn), dpi, timer, read.scale)
            return extract_fields(turned.lines, DocumentType.MY_NUMBER_CARD)
    return {}


def _qr_upright(code: Box, width: int, height: int) -> int | None:
    """The clockwise turn (0, 90, 180, 270) that puts a back's QR code at the top right of
    a card lying landscape, or None."""
    u = (code.x + code.w / 2) / max(width, 1)
    v = (code.y + code.h / 2) / max(height, 1)
    landscape = width > height
    # Where the code's centre goes, and whether the card lies landscape, after each turn.
    after = {
        0: (u, v, landscape),
        90: (1 - v, u, not landscape),
        180: (1 - u, 1 - v, landscape),
        270: (v, 1 - u, not landscape),
    }
    for turn, (x, y, wide) in after.items():
        if wide and x > 0.5 and y < 0.5:
            return turn
    return None


# What each document type always prints that must be masked (any one found will do).
EXPECTED_KINDS: Mapping[DocumentType, frozenset[SensitiveKind]] = MappingProxyType(
    {
        DocumentType.PENSION_BOOK: frozenset({SensitiveKind.BASIC_PENSION_NUMBER}),
        DocumentType.HEALTH_INSURANCE_CARD: frozenset({SensitiveKind.INSURED_SYMBOL_NUMBER}),
        DocumentType.FAMILY_REGISTER: frozenset({SensitiveKind.PERMANENT_DOMICILE}),
    }
)
CLOSER = 1.6  # how much larger the second read of a document is
MIN_CLOSER = 1.25  # not worth a second read below this gain


def _regions_of(read: _Read, doc_type: DocumentType) -> list[Region]:
    """The regions found in a read's text, in its working image's pixels."""
    h, w = read.small.shape[:2]
    if not read.vertical:
        return text_regions(read.lines, doc_type, (w, h))
    found = text_regions(read.lines, doc_type, (h, w))
    if doc_type in (DocumentType.FAMILY_REGISTER, DocumentType.UNKNOWN):
        # The old register's header (本籍, 筆頭者) by its place: its 本籍 column often reads
        # badly, running along the frame's rule.
        found += vertical_header_regions(read.lines, (h, w))
    return [Region(r.kind, _from_columns(r.box, w), r.reason) for r in found]


def _closer_read(read: _Read, dpi: int | None, timer: _Timer) -> _Read | None:
    """The same document read again, larger when it can grow, and in the other page
    segmentation mode (Tesseract's automatic layout drops ruled tables; sparse text mode
    splits a sheet's long lines)."""
    scale = max(min(read.scale * CLOSER, MAX_SCALE, MAX_WORK_SIDE / max(read.loc.size)), read.scale)
    if read.vertical:
        if scale < read.scale * MIN_CLOSER:
            return None
        return _read(read.loc, dpi, timer, scale, vertical=True)
    return _read(read.loc, dpi, timer, scale, other_mode=True)


FOOTER = 0.3  # the share of a vertical register's height read again for its date of issue


def _footer_date(read: _Read, timer: _Timer) -> str | None:
    """The date of issue from the bottom band of a document read as vertical text."""
    t = time.perf_counter()
    h = read.small.shape[0]
    band = read.small[int(h * (1 - FOOTER)) :]
    dpi = round(300 * read.scale)
    result = ocr.recognize(band, lang=LANG, psm=ocr.PSM_AUTO, dpi=dpi)
    found = certified_on(build_lines(result.words))
    timer.add("footer", t)
    return found.isoformat() if found is not None else None


def _to_crop(box: Box, scale: float) -> Box:
    return Box.from_corners(box.x / scale, box.y / scale, box.right / scale, box.bottom / scale)


def _is_back(read: _Read, regions: Sequence[Region]) -> bool:
    """The back of a My Number card: its number, or 個人番号 without the front's title."""
    if any(r.kind is SensitiveKind.INDIVIDUAL_NUMBER for r in regions):
        return True
    text = "\n".join(ln.text for ln in read.lines)
    if sum(word in text for word in ("住所", "性別", "まで有効", "電子証明書", "有効期限")) >= 2:
        return False  # what only the front prints
    # Positive evidence only: the number's label (the front's title is 個人番号カード).
    for ln in read.lines:
        i = ln.text.find("個人番号")
        while i >= 0:
            # 個人番号カード is the front's title (カ often read as 力, or lost: ド, ー).
            if ln.text[i + 4 : i + 5] not in ("カ", "力", "ド", "ー"):
                return True
            i = ln.text.find("個人番号", i + 4)
    return bool(find_qr_codes(read.small))


def _recheck_numbers(read: _Read, found: Sequence[Region], timer: _Timer) -> list[Region]:
    """Read 11–13 digit runs again at full size, digits only: a misread digit must not hide a
    My Number from the check digit."""
    t = time.perf_counter()
    out: list[Region] = []
    for box in candidate_numbers(read.lines):
        if any(r.kind is SensitiveKind.INDIVIDUAL_NUMBER and r.box.contains(box) for r in found):
            continue
        h = max(box.h, 1)
        full = _to_crop(box.pad(h // 2, h // 3), read.scale).clip(*read.loc.size)
        if full.empty:
            continue
        # Only the number's pixels go to Tesseract (it copies whatever image it is given).
        piece = read.loc.image[full.y : full.bottom, full.x : full.right]
        res = ocr.recognize(
            piece,
            lang="eng",
            psm=ocr.PSM_SINGLE_LINE,
            whitelist="0123456789 ",
            dpi=300,
        )
        digits = "".join(_DIGITS_RE.findall(res.text))
        if len(digits) == 12 and my_number_valid(digits):
            out.append(Region(SensitiveKind.INDIVIDUAL_NUMBER, box.pad(h // 2, h // 3), "pattern"))
    timer.add("numbers", t)
    return out


def find_qr_codes(gray: np.ndarray) -> list[Box]:
    """Boxes of QR codes, from their finder patterns (a dark square ring around a dark
    square), padded by a quiet zone. Nothing is decoded."""
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 51, 10
    )
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    tree = hierarchy[0]
    finders: list[Box] = []
    for i, contour in enumerate(contours):
        child = tree[i][2]
        if child < 0 or tree[child][2] < 0:
            continue  # a finder pattern nests three levels: ring, gap, centre
        x, y, w, h = cv2.boundingRect(contour)
        if w < 6 or h < 6 or not 0.75 <= w / h <= 1.33:
            continue
        if cv2.contourArea(contour) < 0.6 * w * h:
            continue
        finders.append(Box(x, y, w, h))
    out: list[Box] = []
    used: set[int] = set()
    for i, a in enumerate(finders):
        if i in used:
            continue
        group = [a]
        for j in range(i + 1, len(finders)):
            b = finders[j]
            similar = 0.6 <= b.w / a.w <= 1.6
            near = abs(b.x - a.x) < 6 * a.w and abs(b.y - a.y) < 6 * a.h
            if j not in used and similar and near and a.intersection(b).empty:
                group.append(b)
                used.add(j)
        if len(group) < 2:
            continue
        box = group[0]
        for b in group[1:]:
            box = box.union(b)
        side = max(box.w, box.h)
        square = Box(box.x, box.y, side, side)
        out.append(square.pad(max(side // 10, 4)).clip(gray.shape[1], gray.shape[0]))
    return out


def _find_mrz(read: _Read, timer: _Timer) -> MrzRead | None:
    """The MRZ, when the document may carry one (a passport, or ``<<`` seen in the text)."""
    text = "\n".join(ln.text for ln in read.lines)
    if read.classification.document_type is not DocumentType.PASSPORT and "<<" not in text:
        return None
    t = time.perf_counter()
    try:
        from desktop.imaging import mrz as mrz_reader
    except ImportError:  # the MRZ reader is optional in this build
        return None
    found = mrz_reader.read_mrz(read.loc.image)
    timer.add("mrz", t)
    return found
