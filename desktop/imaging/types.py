"""Shared imaging data: boxes in page pixels, decoded pages, located documents, OCR results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL import Image


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in integer pixels: ``x, y`` top-left, ``w, h`` size (≥ 0)."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        """The first column to the right of the box (exclusive)."""
        return self.x + self.w

    @property
    def bottom(self) -> int:
        """The first row below the box (exclusive)."""
        return self.y + self.h

    @property
    def area(self) -> int:
        """Pixels covered (0 for an empty box)."""
        return max(self.w, 0) * max(self.h, 0)

    @property
    def empty(self) -> bool:
        """True when the box covers no pixel."""
        return self.w <= 0 or self.h <= 0

    @classmethod
    def from_corners(cls, x0: float, y0: float, x1: float, y1: float) -> Box:
        """The smallest integer box holding the corners (floor of the start, ceil of the end)."""
        left, top = int(np.floor(min(x0, x1))), int(np.floor(min(y0, y1)))
        right, bottom = int(np.ceil(max(x0, x1))), int(np.ceil(max(y0, y1)))
        return cls(left, top, right - left, bottom - top)

    @classmethod
    def bounding(cls, points: np.ndarray) -> Box:
        """The bounding box of an ``(N, 2)`` array of ``(x, y)`` points."""
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        return cls.from_corners(pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max())

    def union(self, other: Box) -> Box:
        """The smallest box holding both boxes (an empty box adds nothing)."""
        if self.empty:
            return other
        if other.empty:
            return self
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1, y1 = max(self.right, other.right), max(self.bottom, other.bottom)
        return Box(x0, y0, x1 - x0, y1 - y0)

    def intersection(self, other: Box) -> Box:
        """The overlap of both boxes; ``Box(x, y, 0, 0)`` when they do not overlap."""
        x0, y0 = max(self.x, other.x), max(self.y, other.y)
        x1, y1 = min(self.right, other.right), min(self.bottom, other.bottom)
        if x1 <= x0 or y1 <= y0:
            return Box(x0, y0, 0, 0)
        return Box(x0, y0, x1 - x0, y1 - y0)

    def iou(self, other: Box) -> float:
        """Intersection over union, 0.0 … 1.0."""
        inter = self.intersection(other).area
        union = self.area + other.area - inter
        return inter / union if union > 0 else 0.0

    def pad(self, dx: int, dy: int | None = None) -> Box:
        """Grow the box by ``dx`` left and right and ``dy`` (default ``dx``) top and bottom."""
        dy = dx if dy is None else dy
        return Box(self.x - dx, self.y - dy, self.w + 2 * dx, self.h + 2 * dy)

    def clip(self, width: int, height: int) -> Box:
        """The part of the box inside an image of ``width`` × ``height`` pixels."""
        return self.intersection(Box(0, 0, width, height))

    def contains(self, other: Box) -> bool:
        """True when ``other`` lies wholly inside this box."""
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )

    def corners(self) -> np.ndarray:
        """The four corners, clockwise from top-left, as a float ``(4, 2)`` array."""
        return np.array(
            [
                [self.x, self.y],
                [self.right, self.y],
                [self.right, self.bottom],
                [self.x, self.bottom],
            ],
            dtype=np.float64,
        )

    def as_list(self) -> list[int]:
        """``[x, y, w, h]``, the contract's JSON form."""
        return [self.x, self.y, self.w, self.h]


@dataclass(frozen=True, slots=True)
class Page:
    """One decoded page, upright as the file says (EXIF orientation applied), in RGB.

    Args:
        image: the pixels, mode ``RGB``; never written anywhere.
        source: the file as the user named it (for messages).
        number: 1-based page number within the file.
        dpi: resolution if the file states it (300 for rendered PDF pages), else None.
    """

    image: Image.Image
    source: str
    number: int
    dpi: int | None = None

    @property
    def size(self) -> tuple[int, int]:
        """``(width, height)`` in pixels."""
        return self.image.size

    def to_bgr(self) -> np.ndarray:
        """The pixels as an OpenCV-style ``(h, w, 3)`` uint8 BGR array (a copy)."""
        rgb = np.asarray(self.image.convert("RGB"), dtype=np.uint8)
        return np.ascontiguousarray(rgb[:, :, ::-1])


@dataclass(frozen=True, slots=True, eq=False)
class Located:
    """One document found on a page, cut out, warped flat and turned upright.

    Args:
        image: the upright crop, ``(h, w, 3)`` uint8 BGR.
        to_page: 3×3 homography taking crop pixel coordinates ``(x, y, 1)`` to page pixel
            coordinates of the input page (rotation, skew and perspective included).
        box: bounding box of the document on the page.
        rotation: clockwise degrees (0, 90, 180, 270) the crop was turned to make it upright.
        skew: small residual angle in degrees that was corrected (positive: counter-clockwise
            on the page).
        whole_page: True when no separate document was found and the page itself is the
            document (a full-page certificate, a card scanned edge to edge).
        quad: the document's four corners on the page, ``(4, 2)`` float, clockwise from the
            corner that became the crop's top-left before the quarter turn (``rotation``).
    """

    image: np.ndarray
    to_page: np.ndarray
    box: Box
    rotation: int = 0
    skew: float = 0.0
    whole_page: bool = False
    quad: np.ndarray = field(default_factory=lambda: np.zeros((4, 2)))

    @property
    def size(self) -> tuple[int, int]:
        """``(width, height)`` of the crop."""
        return int(self.image.shape[1]), int(self.image.shape[0])

    def map_points(self, points: np.ndarray) -> np.ndarray:
        """Map ``(N, 2)`` crop points ``(x, y)`` to page points (float)."""
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        homo = np.hstack([pts, np.ones((pts.shape[0], 1))]) @ self.to_page.T
        mapped: np.ndarray = homo[:, :2] / homo[:, 2:3]
        return mapped

    def map_box(self, box: Box, *, clip: bool = True) -> Box:
        """The page-pixel bounding box of ``box`` (given in crop pixels) after mapping.

        Args:
            box: a rectangle in the crop's pixel coordinates.
            clip: keep the result inside the located document's page box.

        Returns:
            The bounding box of the mapped quadrilateral in input-page pixels.
        """
        mapped = Box.bounding(self.map_points(box.corners()))
        return mapped.intersection(self.box) if clip else mapped


@dataclass(frozen=True, slots=True)
class Word:
    """One word (or CJK glyph run) read by OCR: its text, box in the OCR'd image, confidence."""

    text: str
    box: Box
    conf: float  # 0 … 100 as Tesseract reports it
    line: int = 0  # index into OcrResult.lines


@dataclass(frozen=True, slots=True)
class Line:
    """One text line: its words joined (no spaces between CJK glyphs) and their union box."""

    text: str
    box: Box
    conf: float  # mean of its words' confidences


@dataclass(frozen=True, slots=True)
class OcrResult:
    """What Tesseract read from an image (boxes in that image's pixel coordinates)."""

    text: str
    words: tuple[Word, ...] = ()
    lines: tuple[Line, ...] = ()
    seconds: float = 0.0
