"""Tesseract through its C API (ctypes), in memory: no temporary file, no subprocess."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from desktop.core.errors import InputError
from desktop.imaging.types import Box, Line, OcrResult, Word

log = logging.getLogger(__name__)

# Measured: Debian's OpenMP build is ~5× slower on 2 cores with its default thread count.
# libgomp reads this when it is loaded, so it must be set before libtesseract is.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LIBRARY_ENV = "HONNIN_LIBTESSERACT"
TESSDATA_ENV = "TESSDATA_PREFIX"
SOURCE = "tesseract"  # what OcrUnavailable names as the input at fault

_LIBRARY_NAMES = (
    "libtesseract.so.5",
    "libtesseract.so.4",
    "libtesseract.5.dylib",
    "libtesseract-5.dll",
    "tesseract53.dll",
)
# Debian/Ubuntu, Fedora, Homebrew and source installs; a frozen app bundles its own.
_TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)

_LEPT_SEVERITY_NONE = 6  # leptonica's L_SEVERITY_NONE

# Page segmentation modes used by callers (Tesseract's numbering).
PSM_OSD_ONLY = 0
PSM_AUTO = 3
PSM_SINGLE_COLUMN = 4
PSM_VERTICAL_BLOCK = 5
PSM_SINGLE_BLOCK = 6
PSM_SINGLE_LINE = 7
PSM_SPARSE = 11


class OcrUnavailable(InputError):
    """libtesseract or a traineddata file is missing, so nothing can be read."""


@dataclass(frozen=True, slots=True)
class Orientation:
    """Tesseract's orientation guess for an image.

    Args:
        rotate: clockwise degrees (0, 90, 180, 270) to turn the image to make its text upright.
        confidence: Tesseract's orientation confidence (above ~2 is usually right).
        script: the script it saw (``"Japanese"``, ``"Han"``, ``"Latin"``, …).
    """

    rotate: int
    confidence: float
    script: str


_settings_lock = threading.Lock()
_library: ctypes.CDLL | None = None
_tessdata_override: str | None = None
_generation = 0  # bumped by configure(): engines of an older generation are dropped
_local = threading.local()


def configure(*, tessdata: str | os.PathLike[str] | None = None) -> None:
    """Use ``tessdata`` (a folder holding ``*.traineddata``) first; None restores the default.

    Every thread drops its engines on its next call and loads them from the new folder.
    """
    global _tessdata_override, _generation
    with _settings_lock:
        _tessdata_override = None if tessdata is None else os.fspath(tessdata)
        _generation += 1


def tessdata_dir() -> Path:
    """The folder Tesseract's data is read from.

    Order: :func:`configure`, ``$TESSDATA_PREFIX``, a folder bundled with a frozen app, the
    distribution's folders.

    Raises:
        OcrUnavailable: none of them exists.
    """
    candidates: list[str] = []
    if _tessdata_override:
        candidates.append(_tessdata_override)
    env = os.environ.get(TESSDATA_ENV)
    if env:
        # Tesseract accepts both the tessdata folder and its parent here.
        candidates += [env, os.path.join(env, "tessdata")]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(os.path.join(bundle, "tessdata"))
    candidates += _TESSDATA_CANDIDATES
    for candidate in candidates:
        path = Path(candidate)
        if path.is_dir() and any(path.glob("*.traineddata")):
            return path
    raise OcrUnavailable(SOURCE, "no tessdata folder found (set TESSDATA_PREFIX)")


def available_languages() -> frozenset[str]:
    """Languages whose traineddata is installed (``{"eng", "jpn", "osd", …}``)."""
    return frozenset(
        p.name.removesuffix(".traineddata") for p in tessdata_dir().glob("*.traineddata")
    )


def _load_library() -> ctypes.CDLL:
    global _library
    with _settings_lock:
        if _library is not None:
            return _library
        names: list[str] = []
        if os.environ.get(LIBRARY_ENV):
            names.append(os.environ[LIBRARY_ENV])
        found = ctypes.util.find_library("tesseract")
        names += [*_LIBRARY_NAMES, *([found] if found else [])]
        lib: ctypes.CDLL | None = None
        for name in names:
            try:
                lib = ctypes.CDLL(name)
                break
            except OSError:
                continue
        if lib is None:
            raise OcrUnavailable(SOURCE, "libtesseract not found (install tesseract-ocr)")
        _declare(lib)
        _silence_leptonica()
        _library = lib
        return lib


def _silence_leptonica() -> None:
    """Stop Leptonica printing "Error in boxClipToRectangle"-style noise on stderr.

    The CLI's stderr carries one line per failure; Leptonica's messages about empty regions
    are harmless and would drown it. Without the library the noise simply stays.
    """
    for name in ("liblept.so.5", "libleptonica.so.6", "libleptonica.so"):
        try:
            lept = ctypes.CDLL(name)
        except OSError:
            continue
        set_severity = getattr(lept, "setMsgSeverity", None)
        if set_severity is not None:
            set_severity.argtypes = [ctypes.c_int]
            set_severity.restype = ctypes.c_int
            set_severity(_LEPT_SEVERITY_NONE)
        return


def _declare(lib: ctypes.CDLL) -> None:
    """Declare the C signatures used here, so ctypes passes 64-bit pointers intact."""
    vp, cp, i, f = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_float
    signatures: dict[str, tuple[list[object], object]] = {
        "TessVersion": ([], cp),
        "TessBaseAPICreate": ([], vp),
        "TessBaseAPIDelete": ([vp], None),
        "TessBaseAPIEnd": ([vp], None),
        "TessBaseAPIInit3": ([vp, cp, cp], i),
        "TessBaseAPISetPageSegMode": ([vp, i], None),
        "TessBaseAPISetVariable": ([vp, cp, cp], i),
        "TessBaseAPISetImage": ([vp, vp, i, i, i, i], None),
        "TessBaseAPISetSourceResolution": ([vp, i], None),
        "TessBaseAPISetRectangle": ([vp, i, i, i, i], None),
        "TessBaseAPIRecognize": ([vp, vp], i),
        # Returned strings are freed with TessDeleteText, so they come back as raw pointers.
        "TessBaseAPIGetUTF8Text": ([vp], vp),
        "TessBaseAPIGetTsvText": ([vp, i], vp),
        "TessBaseAPIClear": ([vp], None),
        "TessBaseAPIDetectOrientationScript": (
            [vp, ctypes.POINTER(i), ctypes.POINTER(f), ctypes.POINTER(cp), ctypes.POINTER(f)],
            i,
        ),
        "TessDeleteText": ([vp], None),
    }
    for name, (argtypes, restype) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = argtypes
        function.restype = restype


def version() -> str:
    """The loaded libtesseract's version string."""
    raw = _load_library().TessVersion()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


class _Engine:
    """One TessBaseAPI handle, initialised for one language string; used by one thread only."""

    def __init__(self, lang: str) -> None:
        self.lib = _load_library()
        self.lang = lang
        data = tessdata_dir()
        for part in lang.split("+"):
            if not (data / f"{part}.traineddata").is_file():
                raise OcrUnavailable(SOURCE, f"no {part}.traineddata in the tessdata folder")
        started = time.perf_counter()
        handle = self.lib.TessBaseAPICreate()
        if not handle:
            raise OcrUnavailable(SOURCE, "TessBaseAPICreate failed")
        self.handle: int = handle
        # Free the C side when this object goes (thread exit drops its thread-local engines).
        self._finalizer = weakref.finalize(self, _free, self.lib, handle)
        # The folder must end with a separator: Tesseract appends the file name to it.
        if self.lib.TessBaseAPIInit3(handle, (str(data) + os.sep).encode(), lang.encode()) != 0:
            self._finalizer()
            raise OcrUnavailable(SOURCE, f"Tesseract could not load language {lang!r}")
        # Tesseract would otherwise print "Estimating resolution" noise and may write debug
        # files if a config asks for it; nothing but memory is wanted here.
        self.set("debug_file", "/dev/null")
        log.debug("tesseract engine %s ready in %.3f s", lang, time.perf_counter() - started)

    def set(self, name: str, value: str) -> None:
        if not self.lib.TessBaseAPISetVariable(self.handle, name.encode(), value.encode()):
            raise ValueError(f"unknown Tesseract variable {name!r}")

    def take_text(self, pointer: int | None) -> str:
        if not pointer:
            return ""
        try:
            raw = ctypes.string_at(pointer)
        finally:
            self.lib.TessDeleteText(pointer)
        return raw.decode("utf-8", errors="replace")


def _free(lib: ctypes.CDLL, handle: int) -> None:
    lib.TessBaseAPIEnd(handle)
    lib.TessBaseAPIDelete(handle)


def _engine(lang: str) -> _Engine:
    """This thread's engine for ``lang``, created once (loading jpn costs ~0.3 s)."""
    engines: dict[str, _Engine] | None = getattr(_local, "engines", None)
    if engines is None or getattr(_local, "generation", None) != _generation:
        engines = {}
        _local.engines = engines
        _local.generation = _generation
    engine = engines.get(lang)
    if engine is None:
        engine = _Engine(lang)
        engines[lang] = engine
    return engine


def _as_gray(image: np.ndarray) -> np.ndarray:
    """A C-contiguous uint8 gray copy of a gray, BGR or BGRA image."""
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        raise TypeError(f"OCR needs a uint8 image, got {arr.dtype}")
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim == 3 and arr.shape[2] in (3, 4):
        # ITU-R 601 luma from BGR, as OpenCV's cvtColor does.
        b, g, r = (arr[:, :, k].astype(np.uint16) for k in range(3))
        arr = ((29 * b + 150 * g + 77 * r + 128) >> 8).astype(np.uint8)
    if arr.ndim != 2:
        raise TypeError(f"OCR needs a gray or BGR image, got shape {arr.shape}")
    return np.ascontiguousarray(arr)


def brightest(image: np.ndarray) -> np.ndarray:
    """The brightest of the three channels per pixel (gray images pass through): black print
    stays dark while coloured grounds (a licence's expiry band, tinted cards) and red seals
    turn light."""
    if image.ndim != 3:
        return image
    b, g, r = cv2.split(image)  # several times faster than numpy's max along the channels
    out: np.ndarray = cv2.max(cv2.max(b, g), r)
    return out


def _set_image(engine: _Engine, gray: np.ndarray, dpi: int | None) -> None:
    height, width = gray.shape
    # SetImage copies the pixels into its own Pix, so ``gray`` need only live for this call.
    engine.lib.TessBaseAPISetImage(
        engine.handle, gray.ctypes.data, width, height, 1, int(gray.strides[0])
    )
    if dpi:
        engine.lib.TessBaseAPISetSourceResolution(engine.handle, int(dpi))


def recognize(
    image: np.ndarray,
    *,
    lang: str = "jpn+eng",
    psm: int = PSM_SINGLE_BLOCK,
    whitelist: str | None = None,
    rect: Box | None = None,
    dpi: int | None = 300,
    variables: dict[str, str] | None = None,
    invert: bool = True,
) -> OcrResult:
    """Read the text of ``image``, or of the rectangle ``rect`` of it, in memory.

    Args:
        image: ``(h, w)`` gray or ``(h, w, 3)`` BGR uint8 pixels.
        lang: Tesseract languages joined by ``+``.
        psm: page segmentation mode (6: one block of text; 7: one line; 11: sparse text).
        whitelist: only these characters may be output (e.g. digits for a number field).
        rect: read only this part of the image; word boxes stay in whole-image coordinates.
        dpi: the resolution to tell Tesseract (None: let it guess).
        variables: further Tesseract variables; they stay set on this thread's engine, so a
            caller that sets one passes its value on every call.
        invert: let Tesseract read a line it is unsure of a second time, inverted (light print
            on a dark ground: the white title on a pension book's blue band). It costs 10–40 %
            of a read; a caller that knows its print is dark on light turns it off.

    Returns:
        The text, its words and lines with boxes in ``image`` pixels, and the time taken.

    Raises:
        OcrUnavailable: libtesseract or a language's data is missing.
    """
    started = time.perf_counter()
    gray = _as_gray(image)
    height, width = gray.shape
    if rect is not None:
        rect = rect.clip(width, height)
        if rect.empty:
            return OcrResult(text="", seconds=time.perf_counter() - started)
    if height < 3 or width < 3:
        return OcrResult(text="", seconds=time.perf_counter() - started)
    engine = _engine(lang)
    lib, handle = engine.lib, engine.handle
    extra = dict(variables or {})
    # The engine is reused: every per-call setting is set each time, and reset after.
    engine.set("tessedit_char_whitelist", whitelist or "")
    engine.set("tessedit_do_invert", "1" if invert else "0")
    for name, value in extra.items():
        engine.set(name, value)
    try:
        lib.TessBaseAPISetPageSegMode(handle, psm)
        _set_image(engine, gray, dpi)
        if rect is not None:
            lib.TessBaseAPISetRectangle(handle, rect.x, rect.y, rect.w, rect.h)
        if lib.TessBaseAPIRecognize(handle, None) != 0:
            log.warning("tesseract recognize failed (%d×%d)", width, height)
            return OcrResult(text="", seconds=time.perf_counter() - started)
        text = engine.take_text(lib.TessBaseAPIGetUTF8Text(handle))
        tsv = engine.take_text(lib.TessBaseAPIGetTsvText(handle, 0))
    finally:
        lib.TessBaseAPIClear(handle)
        if whitelist:
            engine.set("tessedit_char_whitelist", "")
    words, lines = _parse_tsv(tsv)
    # Tesseract's own text knows where the printed spaces are (its Japanese words carry none);
    # use its lines when they pair up one to one with the TSV's.
    text_lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(text_lines) == len(lines):
        lines = tuple(
            Line(text=spaced, box=line.box, conf=line.conf)
            for spaced, line in zip(text_lines, lines, strict=True)
        )
    return OcrResult(
        text=text.strip(), words=words, lines=lines, seconds=time.perf_counter() - started
    )


def _is_ascii_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-./,:")


def _join(previous: str, word: str, gap: int, height: int) -> str:
    """Join words of a line: a space between Latin/digit runs or across a visible gap.

    Tesseract splits Japanese into words without spaces between them; a gap wider than ~half
    the line height is a printed space (as between family and given name).
    """
    if not previous:
        return word
    wide_gap = gap > 0.45 * max(height, 1)
    if wide_gap or (_is_ascii_word_char(previous[-1]) and _is_ascii_word_char(word[0])):
        return f"{previous} {word}"
    return previous + word


def _parse_tsv(tsv: str) -> tuple[tuple[Word, ...], tuple[Line, ...]]:
    """Words and lines from Tesseract's TSV (level 5 rows are words)."""
    words: list[Word] = []
    lines: list[Line] = []
    current: tuple[str, str, str] | None = None
    line_text, line_box, line_confs = "", Box(0, 0, 0, 0), list[float]()

    def close_line() -> None:
        if line_text:
            conf = sum(line_confs) / len(line_confs) if line_confs else 0.0
            lines.append(Line(text=line_text, box=line_box, conf=conf))

    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        if not text:
            continue
        try:
            left, top, w, h = (int(v) for v in cells[6:10])
            conf = float(cells[10])
        except ValueError:
            continue
        key = (cells[2], cells[3], cells[4])
        if key != current:
            close_line()
            current = key
            line_text, line_box, line_confs = "", Box(0, 0, 0, 0), []
        box = Box(left, top, w, h)
        words.append(Word(text=text, box=box, conf=conf, line=len(lines)))
        gap = box.x - line_box.right
        line_text = _join(line_text, text, gap, max(line_box.h, box.h))
        line_box = line_box.union(box)
        line_confs.append(conf)
    close_line()
    return tuple(words), tuple(lines)


OSD_CHARACTERS = 50  # Tesseract's own default for min_characters_to_try


def detect_orientation(
    image: np.ndarray, *, dpi: int | None = 300, characters: int = OSD_CHARACTERS
) -> Orientation | None:
    """Tesseract's OSD guess of how to turn ``image`` upright, or None if it cannot tell.

    Args:
        image: gray or BGR uint8 pixels.
        dpi: the resolution to tell Tesseract (None: let it guess).
        characters: how many characters OSD classifies at least before it may stop (it
            classifies up to five times as many while unsure); fewer is faster on dense
            pages.

    Raises:
        OcrUnavailable: libtesseract or ``osd.traineddata`` is missing.
    """
    gray = _as_gray(image)
    engine = _engine("osd")
    lib, handle = engine.lib, engine.handle
    engine.set("min_characters_to_try", str(max(1, characters)))
    lib.TessBaseAPISetPageSegMode(handle, PSM_OSD_ONLY)
    _set_image(engine, gray, dpi)
    degrees, confidence, script_conf = ctypes.c_int(0), ctypes.c_float(0), ctypes.c_float(0)
    script = ctypes.c_char_p()
    try:
        ok = lib.TessBaseAPIDetectOrientationScript(
            handle,
            ctypes.byref(degrees),
            ctypes.byref(confidence),
            ctypes.byref(script),
            ctypes.byref(script_conf),
        )
    finally:
        lib.TessBaseAPIClear(handle)
    if not ok:
        return None
    # orient_deg is how far the text is turned counter-clockwise; turning the image clockwise
    # by the same amount makes it upright (the CLI prints this as "Rotate: (360 - deg) % 360").
    return Orientation(
        rotate=(360 - degrees.value) % 360,
        confidence=float(confidence.value),
        script=(script.value or b"").decode(errors="replace"),
    )
