"""Burn masks into the full-resolution page, check them, and encode PNG/PDF without metadata."""

from __future__ import annotations

import io
import logging
import zlib
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from desktop.core.errors import RefusedError
from desktop.imaging import ocr

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.imaging.types import Box

log = logging.getLogger(__name__)

BLACK_MAX = 0  # a burned pixel is exactly (0, 0, 0)


class RedactionRefused(RefusedError):
    """A mask did not hold: the page is refused rather than stored half-masked."""

    def __init__(self, source: str, page: int, message: str) -> None:
        self.source = source
        self.page = page
        super().__init__(f"{source}: page {page}: {message}")


def burn(image: Image.Image, boxes: Sequence[Box]) -> Image.Image:
    """A new RGB image: the page with every box replaced by solid black pixels.

    The result carries no metadata of the input (no EXIF, ICC profile or text chunks).
    """
    pixels = np.array(image.convert("RGB"), dtype=np.uint8)  # a copy
    height, width = pixels.shape[:2]
    for box in boxes:
        b = box.clip(width, height)
        if not b.empty:
            pixels[b.y : b.bottom, b.x : b.right] = 0
    return Image.fromarray(pixels, "RGB")


def verify(image: Image.Image, boxes: Sequence[Box], *, ocr_check: bool = True) -> list[Box]:
    """The boxes whose mask does not hold: a pixel not black, or OCR reads text inside.

    Args:
        image: the burned page.
        boxes: the masks burned in.
        ocr_check: also run OCR inside each box (the pixel test alone is exact, the OCR test
            guards against a mask drawn in the wrong place by a future change).
    """
    gray = np.asarray(image.convert("L"), dtype=np.uint8)
    height, width = gray.shape
    failed: list[Box] = []
    for box in boxes:
        b = box.clip(width, height)
        if b.empty:
            continue
        region = gray[b.y : b.bottom, b.x : b.right]
        if int(region.max()) > BLACK_MAX:
            failed.append(box)
            continue
        if ocr_check and b.w >= 8 and b.h >= 8:
            text = ocr.recognize(np.ascontiguousarray(region), lang="jpn", psm=6).text
            if any(c.isalnum() for c in text):
                failed.append(box)
    return failed


def redact(image: Image.Image, boxes: Sequence[Box], *, source: str, page: int) -> Image.Image:
    """Burn the boxes in and verify them.

    Raises:
        RedactionRefused: a mask did not hold (nothing is returned to be written).
    """
    burned = burn(image, boxes)
    failed = verify(burned, boxes)
    if failed:
        log.warning("page %d: %d mask(s) failed verification", page, len(failed))
        raise RedactionRefused(source, page, f"{len(failed)} masked region(s) still show text")
    return burned


def black_fractions(png: bytes, boxes: Sequence[tuple[int, int, int, int]]) -> list[float]:
    """The share of black pixels (every channel ≤ 16) in each box of an encoded page.

    The page is decoded once for all boxes. A box is measured by its part inside the page; one
    wholly outside it scores 0.
    """
    with Image.open(io.BytesIO(png)) as im:
        pixels = np.asarray(im.convert("RGB"), dtype=np.uint8)
    height, width = pixels.shape[:2]
    fractions: list[float] = []
    for x, y, w, h in boxes:
        x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, width), min(y + h, height)
        if x1 <= x0 or y1 <= y0:
            fractions.append(0.0)
            continue
        cut = pixels[y0:y1, x0:x1]
        fractions.append(float(np.count_nonzero((cut <= 16).all(axis=2))) / cut[..., 0].size)
    return fractions


def encode_png(image: Image.Image) -> bytes:
    """PNG bytes of the pixels only: no text chunks, EXIF, ICC profile or resolution."""
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    buf = io.BytesIO()
    clean.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def encode_pdf(images: Sequence[Image.Image], dpi: int = 300) -> bytes:
    """A PDF of one image per page, losslessly compressed (Flate), with no text layer and no
    document information (no producer, dates or XMP).

    Written by hand rather than with Pillow, whose PDF writer stores RGB as JPEG: a burned
    black box must stay exactly black.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    kids: list[int] = []
    for image in images:
        rgb = image.convert("RGB")
        w, h = rgb.size
        data = zlib.compress(rgb.tobytes(), 6)
        img_id = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
            % (w, h, len(data))
            + data
            + b"\nendstream"
        )
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        content = b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (pw, ph)
        content_id = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        page_id = add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] "
            b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
            % (pages_id, pw, ph, img_id, content_id)
        )
        kids.append(page_id)
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, xref)
    )
    return out.getvalue()
