"""Decode an image or PDF file into upright RGB pages, in memory, within size limits."""

from __future__ import annotations

import io
import logging
import os
import struct
import threading
import time
import warnings
import zlib
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from desktop.core.errors import InputError
from desktop.imaging.types import Page

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024 * 1024
MAX_PIXELS = 60_000_000  # an A3 page at 600 dpi is 70 MP; A4 at 600 dpi is 35 MP
MAX_PAGES = 50
PDF_DPI = 300

# Pillow's plugin names for the formats we accept; sniffing picks one, so a file is only ever
# handed to the decoder its content names (never to EPS, which would start Ghostscript).
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
    (b"BM", 0, "BMP"),
    (b"WEBP", 8, "WEBP"),
)

# pdfium is not thread-safe; analysis runs on a pool.
_PDFIUM_LOCK = threading.Lock()

# Pillow raises any of these on a broken file, depending on the plugin.
_PILLOW_FAILURES = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
    zlib.error,
)


class DecodeError(InputError):
    """A file that is not a readable image or PDF, or one beyond the size limits."""


_LIBTIFF_QUIET = threading.Event()


def _quiet_libtiff() -> None:
    """Stop libtiff printing its own decoder errors to stderr (once per process).

    Pillow installs no libtiff error handler, so a damaged LZW TIFF prints lines such as
    "tempfile.tif: Using code not yet in table." before Pillow raises; the command line owes
    one line naming the file, and the raise says the same. The handler is global to the libtiff
    Pillow loaded (its own copy in the wheels), found among the mapped libraries. Best effort:
    where that cannot be done (no /proc, no symbol) the extra lines stay, nothing else changes.
    """
    if _LIBTIFF_QUIET.is_set():
        return
    _LIBTIFF_QUIET.set()
    import ctypes

    from PIL import _imaging  # noqa: F401 - maps the libtiff Pillow decodes with

    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if "/libtiff" in line}
    except OSError:
        return
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path)
            library.TIFFSetErrorHandler.restype = ctypes.c_void_p
            library.TIFFSetErrorHandler.argtypes = [ctypes.c_void_p]
            library.TIFFSetErrorHandler(None)
        except (OSError, AttributeError):
            log.debug("libtiff error handler not set")


def sniff(data: bytes) -> str | None:
    """The format the content says (``"PDF"``, ``"PNG"``, …), or None if not one we accept."""
    for magic, offset, name in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            if name == "WEBP" and data[:4] != b"RIFF":
                continue
            return name
    # The PDF header may follow some junk bytes; readers accept it within the first 1 KiB.
    if b"%PDF-" in data[:1024]:
        return "PDF"
    return None


def _describe(data: bytes) -> str:
    """A hint of what a refused file seems to be, for the error message."""
    head = data[:512].lstrip().lower()
    if head.startswith(b"pk\x03\x04"):
        return "a ZIP archive"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "an HTML page"
    if head.startswith(b"<?xml") or head.startswith(b"<svg"):
        return "an XML/SVG file"
    if head.startswith(b"gif8"):
        return "a GIF image"
    if head[4:12] == b"ftypheic" or head[4:8] == b"ftyp":
        return "an HEIC/MP4 file"
    return "not a PNG, JPEG, TIFF, BMP, WebP or PDF file"


def load_pages(
    data: bytes,
    source: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_pages: int = MAX_PAGES,
) -> list[Page]:
    """Decode every page of an image or PDF held in memory.

    The format is found from the content, never from the name. Images are turned upright by
    their EXIF orientation and converted to RGB (transparency onto white); PDF pages are
    rendered at 300 dpi (less if a page would exceed ``max_pixels``).

    Args:
        data: the file's bytes.
        source: the file as the user named it, for messages and ``Page.source``.
        max_bytes: refuse larger files.
        max_pixels: refuse any image page with more pixels, before decoding its pixels.
        max_pages: refuse files with more pages.

    Returns:
        The pages, numbered from 1.

    Raises:
        DecodeError: empty, truncated, mislabelled, encrypted or oversized input.
    """
    started = time.perf_counter()
    pages = list(
        iter_pages(data, source, max_bytes=max_bytes, max_pixels=max_pixels, max_pages=max_pages)
    )
    log.debug("decoded %d page(s) in %.3f s", len(pages), time.perf_counter() - started)
    return pages


def iter_pages(
    data: bytes,
    source: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_pages: int = MAX_PAGES,
) -> Generator[Page, None, None]:
    """Like :func:`load_pages`, one page at a time, so a long file need not fit in memory.

    The file is checked (size, format, page count, password) before the first page is
    yielded; a page that turns out damaged raises :class:`DecodeError` when it is reached.
    """
    if not data:
        raise DecodeError(source, "empty file")
    if len(data) > max_bytes:
        raise DecodeError(
            source, f"file too large ({len(data) / 2**20:.0f} MB; limit {max_bytes // 2**20} MB)"
        )
    kind = sniff(data)
    if kind is None:
        raise DecodeError(source, f"unsupported file: {_describe(data)}")
    if kind == "PDF":
        return _iter_pdf(data, source, max_pixels=max_pixels, max_pages=max_pages)
    return _iter_image(data, source, kind, max_pixels=max_pixels, max_pages=max_pages)


def load_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> list[Page]:
    """Read a file (the only I/O here) and decode it with :func:`load_pages`.

    Raises:
        DecodeError: the file cannot be read, or :func:`load_pages` refuses it.
    """
    source = os.fspath(path)
    try:
        with open(source, "rb") as handle:
            # Read one byte past the limit so an oversized file is refused without reading it all.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DecodeError(source, f"cannot read: {exc.strerror or exc}") from None
    return load_pages(data, source, max_bytes=max_bytes)


def _check_pixels(source: str, size: tuple[int, int], max_pixels: int, number: int) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise DecodeError(source, f"page {number} has no pixels ({width}×{height})")
    if width * height > max_pixels:
        raise DecodeError(
            source,
            f"page {number} too large ({width}×{height} = {width * height / 1e6:.0f} MP; "
            f"limit {max_pixels / 1e6:.0f} MP)",
        )


@contextmanager
def _pillow_errors(source: str, kind: str) -> Iterator[None]:
    """Turn whatever Pillow raises on a bad file into one DecodeError.

    Pillow only warns between MAX_IMAGE_PIXELS and twice that; its warning is made an error
    here so no path decodes a bomb, whatever our own limit is set to. Its other warnings on a
    damaged file ("Corrupt EXIF data", "Truncated File Read") are silenced: the command line
    owes one line on stderr, and the decoder either succeeds or raises anyway.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except DecodeError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise DecodeError(source, "image too large (a decompression bomb)") from None
    except UnidentifiedImageError:
        raise DecodeError(source, f"not a readable {kind} image") from None
    except _PILLOW_FAILURES as exc:
        raise DecodeError(source, f"damaged or truncated {kind} image ({_reason(exc)})") from None


def _iter_image(
    data: bytes, source: str, kind: str, *, max_pixels: int, max_pages: int
) -> Generator[Page, None, None]:
    if kind == "TIFF":
        _quiet_libtiff()
    with _pillow_errors(source, kind):
        im = Image.open(io.BytesIO(data), formats=[kind])
        # Only TIFF pages count; other formats' extra frames are animation, not pages.
        count = int(getattr(im, "n_frames", 1)) if kind == "TIFF" else 1
        if count > max_pages:
            raise DecodeError(source, f"{count} pages; limit {max_pages}")
    # The warnings filter is set only around Pillow's own work, never across a yield: the
    # consumer's code runs between pages.
    handed_over = False
    try:
        for index in range(count):
            number = index + 1
            with _pillow_errors(source, kind):
                im.seek(index)
                # Only the header is read so far: refuse before any pixel is decoded.
                _check_pixels(source, im.size, max_pixels, number)
                im.load()
                image = _upright(im)
                if image is im and count == 1 and im.mode == "RGB":
                    # The decoded image itself becomes the page: a copy of a 300 dpi A4
                    # page costs about as much as decoding its PNG (measured: 30 ms each).
                    handed_over = True
                else:
                    # A multi-page file reuses ``im`` for its next frame: the page owns a copy.
                    image = _to_rgb(image, owned=image is not im)
                page = Page(image=image, source=source, number=number, dpi=_dpi(im.info.get("dpi")))
            yield page
    finally:
        if not handed_over:
            im.close()


def _reason(exc: BaseException) -> str:
    """A short, data-free reason from a decoder exception (its first line, 80 characters)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:80]


def _dpi(value: object) -> int | None:
    """Pillow's ``info["dpi"]`` as one integer, or None when absent or meaningless."""
    if isinstance(value, tuple) and value:
        value = value[0]
    if isinstance(value, (int, float)) and 20 <= value <= 10_000:
        return round(value)
    return None


def _upright(im: Image.Image) -> Image.Image:
    """``im`` turned as its EXIF orientation says: a new image, or ``im`` itself if upright
    (Pillow's ``exif_transpose`` would copy an upright image too)."""
    orientation = im.getexif().get(ExifTags.Base.Orientation, 1)
    if orientation in (2, 3, 4, 5, 6, 7, 8):
        turned = ImageOps.exif_transpose(im)
        assert turned is not None  # not in place: always a new image
        return turned
    return im


def _to_rgb(im: Image.Image, *, owned: bool = False) -> Image.Image:
    """Any Pillow mode to 8-bit RGB: transparency onto white, 16-bit and float scaled down.

    An RGB image is returned as it is when ``owned`` (nobody else holds it), else copied.
    """
    if im.mode == "RGB":
        return im if owned else im.copy()
    if im.mode in {"I", "I;16", "I;16B", "I;16L", "I;16N", "F"}:
        # Pillow's convert("L") clips these; scale the used range to 0…255 instead.
        arr = np.asarray(im, dtype=np.float64)
        low, high = float(arr.min()), float(arr.max())
        scale = 255.0 / (high - low) if high > low else 0.0
        gray = ((arr - low) * scale).clip(0, 255).astype(np.uint8)
        return Image.fromarray(gray).convert("RGB")
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in {"RGBA", "LA", "PA", "RGBa", "La"}:
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return im.convert("RGB")


def _iter_pdf(
    data: bytes, source: str, *, max_pixels: int, max_pages: int
) -> Generator[Page, None, None]:
    import pypdfium2 as pdfium

    # pdfium is not thread-safe: every call into it holds the lock, never across a yield.
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise DecodeError(source, "encrypted PDF (password required)") from None
            raise DecodeError(source, f"damaged PDF ({_reason(exc)})") from None
        count = len(document)
    try:
        if count == 0:
            raise DecodeError(source, "PDF has no pages")
        if count > max_pages:
            raise DecodeError(source, f"PDF has {count} pages; limit {max_pages}")
        for index in range(count):
            number = index + 1
            with _PDFIUM_LOCK:
                image, dpi = _render(document, index, source, max_pixels)
            yield Page(image=image, source=source, number=number, dpi=dpi)
    finally:
        with _PDFIUM_LOCK:
            document.close()


def _render(document: Any, index: int, source: str, max_pixels: int) -> tuple[Image.Image, int]:
    """Render one PDF page to RGB at 300 dpi, or lower if it would exceed ``max_pixels``."""
    import pypdfium2 as pdfium

    number = index + 1
    try:
        page = document[index]
        try:
            width_pt, height_pt = page.get_size()
            if width_pt <= 0 or height_pt <= 0:
                raise DecodeError(source, f"page {number} has no area")
            # A poster-sized page is rendered at a lower resolution, not refused.
            dpi = float(PDF_DPI)
            pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
            if pixels > max_pixels:
                dpi *= (max_pixels / pixels) ** 0.5 * 0.999
            bitmap = page.render(scale=dpi / 72)
            try:
                image = _to_rgb(bitmap.to_pil())
            finally:
                bitmap.close()
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise DecodeError(source, f"damaged PDF, page {number} ({_reason(exc)})") from None
    return image, round(dpi)
