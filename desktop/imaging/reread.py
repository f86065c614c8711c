"""A closer look at the lines that carry a document's fields.

The first read of a document takes it whole, shrunk so its characters are about 30 px tall,
and lets Tesseract find the lines: that is what finds the labels and the regions to mask, and
it is where the time goes. Its characters are the ones most often misread (和也 as 和志, 榊 as
楠, a date's 1 as 7). One line cut out of the full-resolution image and read on its own, in
Tesseract's single-line mode, costs about a hundredth of a second and reads better: the line
is normalised on exactly its own height and nothing of the layout can go wrong. So the lines
that hold a field's label or value are read once more that way, and the fields are read off
both versions of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np

from desktop.core.matching import PREFECTURES
from desktop.imaging import ocr
from desktop.imaging.fields import (
    ADDRESS_LABELS,
    BIRTH_LABELS,
    EXPIRY_LABELS,
    ISSUE_LABELS,
    NAME_LABELS,
    TextLine,
    find_all,
    find_dates,
    line_from_words,
)
from desktop.imaging.types import Box, Word

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

LANG = "jpn"
LINE_HEIGHT = 36.0  # px: a line is read with its characters about this tall
MAX_GROW = 2.5  # never enlarge a line more than this (blur would only grow with it)
MAX_LINES = 10  # lines read again per document, at most
SURE = 60.0  # a stretch whose every word the first read was this sure of is not read again
INK, MIN_INK = 128, 0.005  # a stretch with fewer pixels darker than INK is blank
PAD_Y, PAD_X = 0.2, 0.4  # margins of a stretch cut out, in character heights
# Labels whose value is a field (出生: a register member's birth).
FIELD_LABELS = (*NAME_LABELS, *BIRTH_LABELS, *ADDRESS_LABELS, *EXPIRY_LABELS, *ISSUE_LABELS, "出生")
NUMBER_DIGITS = 8
_DATE_HINTS = ("年", "月")


@dataclass(frozen=True, slots=True)
class Reread:
    """The lines of a read with some of them read again.

    Attributes:
        lines: the same lines, those read again replaced by their new reading (boxes in the
            first read's pixels, so the layout rules of :mod:`fields` still apply).
        replaced: indices of the lines that were read again and read something.
    """

    lines: list[TextLine]
    replaced: tuple[int, ...]


def field_lines(lines: Sequence[TextLine], *, limit: int = MAX_LINES) -> list[int]:
    """The lines worth a closer look, most useful first: a field label's line (and the line
    under a label that ends its line), then lines holding a date, a prefecture or a document
    number, and the line above a birth date (a name whose label was lost)."""
    picked: list[int] = []

    def add(idx: int) -> None:
        if 0 <= idx < len(lines) and idx not in picked:
            picked.append(idx)

    for label in FIELD_LABELS:
        for hit in find_all(lines, label):
            add(hit.line)
            if len(lines[hit.line].text) - hit.end <= 1:
                add(_line_below(lines, hit.line))
    for idx, ln in enumerate(lines):
        text = ln.text
        dated = all(h in text for h in _DATE_HINTS) or bool(find_dates(text))
        if dated or any(p in text for p in PREFECTURES) or _numbered(text):
            add(idx)
        if dated and "生" in text:
            # A name whose label was lost is printed on its birth date's line or just above.
            add(idx - 1)
    return picked[:limit]


def _numbered(text: str) -> bool:
    """A document number's line: its label, or a long run of digits (第…号)."""
    return "番号" in text or sum(c.isdigit() for c in text) >= NUMBER_DIGITS


def _line_below(lines: Sequence[TextLine], idx: int) -> int:
    """The next line that starts below ``idx`` (−1 when none is close under it)."""
    ln = lines[idx]
    for j in range(idx + 1, len(lines)):
        other = lines[j]
        if other.box.y >= ln.box.bottom - ln.height // 3:
            return j if other.box.y <= ln.box.bottom + 2.5 * ln.height else -1
    return -1


def reread(
    image: np.ndarray,
    scale: float,
    lines: Sequence[TextLine],
    words: Sequence[Word],
    indices: Sequence[int],
) -> Reread:
    """Read the lines ``indices`` again from ``image`` (the document at full resolution;
    ``lines`` and ``words``, the first read, are in the pixels of ``image`` resized by
    ``scale``).

    Each stretch of a line between wide gaps (a small label, its larger value, another
    column) is read on its own: one line of mixed heights reads badly. A stretch the first
    read was sure of is left as it is; otherwise the reading Tesseract is surer of (its
    least sure word is surer) is kept.
    """
    out = list(lines)
    replaced: list[int] = []
    for idx in indices:
        line = lines[idx]
        mine = [w for w in words if _inside(w.box, line.box)]
        kept: list[Word] = []
        changed = False
        for box in _stretches(line, lambda gap: _inked(image, scale, gap)):
            old = [w for w in mine if _inside(w.box, box)]
            before = min((w.conf for w in old), default=-1.0)
            if _impossible_date("".join(w.text for w in old)):
                before = -1.0  # misread, however sure Tesseract was: any reading is better
            if before >= SURE:
                kept += old
                continue
            new = _read_stretch(image, scale, box)
            after = min((w.conf for w in new), default=-1.0)
            if after > before and not _loses_dashes(old, new):
                kept += new
                changed = True
            else:
                kept += old
        if changed and kept:
            out[idx] = line_from_words(kept)
            replaced.append(idx)
    return Reread(out, tuple(replaced))


_DASHED = re.compile(r"(?<=[0-9])[-‐−ー一－](?=[0-9])")


def _loses_dashes(old: Sequence[Word], new: Sequence[Word]) -> bool:
    """Whether a new reading drops a dash between digits that the first read saw (2-1-2
    read again as 21-2): a single-line read loses thin dashes, measured on real licences."""
    before = len(_DASHED.findall("".join(w.text for w in old)))
    return before > len(_DASHED.findall("".join(w.text for w in new)))


def _impossible_date(text: str) -> bool:
    """A stretch that reads like a date but is none (令和2年19月29日): misread, however sure
    Tesseract was of it."""
    folded = text.replace(" ", "")
    return "年" in folded and "月" in folded and not find_dates(folded)


def _inside(word: Box, box: Box) -> bool:
    """Whether a word's centre lies in ``box`` (grown by a fifth of its height)."""
    cx, cy = word.x + word.w / 2, word.y + word.h / 2
    m = box.h / 5
    return box.x - m <= cx <= box.right + m and box.y - m <= cy <= box.bottom + m


GAP = 1.0  # a gap wider than this many character heights parts two stretches of a line
GAP_INK = 0.03  # a gap with more of its pixels darker than INK holds print
TALL = 1.8  # a mark taller than this many typical character heights is not text


def _stretches(line: TextLine, inked: Callable[[Box], bool] = lambda _gap: False) -> list[Box]:
    """The boxes of a line's stretches of text between wide gaps; a gap where ``inked`` finds
    print is text the first read lost, not a gap. A word far taller than the
    line's characters (text misread together with a seal or a logo beside it) is taken at
    the height of the line's characters: cut out whole, it would make the line too tall to
    read as one."""
    normal = sorted(b.h for b in line.boxes)
    typical = normal[len(normal) // 2] if normal else 0
    centres = sorted(b.y + b.h / 2 for b in line.boxes if b.h <= TALL * typical)
    centre = centres[len(centres) // 2] if centres else 0.0
    out: list[Box] = []
    current: Box | None = None
    for b in line.boxes:
        if b.h > TALL * typical:
            b = Box(b.x, max(round(centre - typical / 2), b.y), b.w, typical)
        if current is not None and b.x - current.right > GAP * max(current.h, b.h):
            top, bottom = min(current.y, b.y), max(current.bottom, b.bottom)
            if not inked(Box(current.right, top, b.x - current.right, bottom - top)):
                out.append(current)
                current = None
        current = b if current is None else current.union(b)
    if current is not None:
        out.append(current)
    return out


def _inked(image: np.ndarray, scale: float, gap: Box) -> bool:
    """Whether a gap between two stretches (in the scaled pixels) holds print."""
    x0, x1 = int(gap.x / scale), int(gap.right / scale)
    y0, y1 = int(gap.y / scale), int(gap.bottom / scale)
    part = image[max(y0, 0) : y1, max(x0, 0) : x1]
    if part.size == 0:
        return False
    gray = ocr.brightest(part)
    return float(np.count_nonzero(gray < INK)) > GAP_INK * gray.size


def _read_stretch(image: np.ndarray, scale: float, box: Box) -> list[Word]:
    """The words of one stretch of a line (``box`` in the scaled pixels), read from the
    full-resolution image, with boxes back in the scaled pixels."""
    h_img, w_img = image.shape[:2]
    height = max(box.h, 1) / scale  # the stretch's character height in image pixels
    pad_y, pad_x = PAD_Y * height, PAD_X * height
    x0 = max(int(box.x / scale - pad_x), 0)
    y0 = max(int(box.y / scale - pad_y), 0)
    x1 = min(int(box.right / scale + pad_x) + 1, w_img)
    y1 = min(int(box.bottom / scale + pad_y) + 1, h_img)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    crop = ocr.brightest(image[y0:y1, x0:x1])  # as the first read sees it
    if float(np.count_nonzero(crop < INK)) < MIN_INK * crop.size:
        return []  # nothing printed here: Tesseract would make up a dash or two
    grow = min(LINE_HEIGHT / height, MAX_GROW)
    if abs(grow - 1.0) > 0.05:
        interp = cv2.INTER_AREA if grow < 1 else cv2.INTER_CUBIC
        crop = cv2.resize(crop, None, fx=grow, fy=grow, interpolation=interp)
    else:
        grow = 1.0
    # A field's value prints dark on light (a coloured ground is light in the brightest
    # channel): Tesseract's inverted second reading of an unsure line would only cost time.
    result = ocr.recognize(
        np.ascontiguousarray(crop),
        lang=LANG,
        psm=ocr.PSM_SINGLE_LINE,
        dpi=round(300 * grow),
        invert=False,
    )
    # Back to the first read's pixels: crop → image → scaled image.
    f = scale / grow
    return [
        Word(
            w.text,
            Box.from_corners(
                (x0 * grow + w.box.x) * f,
                (y0 * grow + w.box.y) * f,
                (x0 * grow + w.box.right) * f,
                (y0 * grow + w.box.bottom) * f,
            ),
            w.conf,
        )
        for w in result.words
        if w.text.strip()
    ]
