"""A corpus of bad inputs, generated deterministically from a seed into a folder.

Every file is built here from small valid seeds (images drawn with Pillow, PDFs made by
Pillow or by hand, a valid case and a copy of a built-in policy) and then broken: truncated,
bit-flipped, emptied, renamed, swapped for something else or inflated into a decompression
bomb. Nothing is downloaded and nothing personal is used.
"""

from __future__ import annotations

import io
import json
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[2]
POLICY_SEED = ROOT / "resources" / "policies" / "appi-default.toml"

OK = frozenset({0})
BAD = frozenset({2})
EITHER = frozenset({0, 2})


@dataclass(frozen=True)
class BadFile:
    """One file of the corpus and what a command may answer to it.

    Attributes:
        path: where the file is (may be a folder or absent, for those kinds).
        kind: "family/what", for example "png/truncated" or "case/wrong-type".
        target: "image" (scan and redact), "case" or "policy" (check).
        expect: the exit statuses allowed; 0 only where a still-decodable file may succeed.
        heavy: decodes into a large page (minutes of OCR): only in the slow run.
    """

    path: Path
    kind: str
    target: str
    expect: frozenset[int]
    heavy: bool = False

    @property
    def family(self) -> str:
        """The part of ``kind`` before the slash: png, jpeg, …, bomb, case, policy."""
        return self.kind.split("/", 1)[0]


# --- valid seeds -----------------------------------------------------------------------------


def seed_image(seed: int, size: tuple[int, int] = (64, 48)) -> Image.Image:
    """A small drawing: a frame, a few bars and some text, the same for the same seed."""
    rng = random.Random(f"seed-image:{seed}")
    im = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(im)
    w, h = size
    draw.rectangle((1, 1, w - 2, h - 2), outline=(20, 20, 20))
    for _ in range(4):
        x, y = rng.randrange(w - 10), rng.randrange(h - 6)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle((x, y, x + rng.randrange(3, 10), y + rng.randrange(2, 6)), fill=colour)
    draw.text((4, h // 2 - 5), f"ID {rng.randrange(1000, 9999)}", fill=(0, 0, 0))
    return im


def _save(im: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **options)
    return out.getvalue()


def image_seeds(seed: int) -> dict[str, tuple[str, bytes]]:
    """The valid files that get broken: name → (extension, bytes)."""
    im = seed_image(seed)
    rgba = im.convert("RGBA")
    rgba.putalpha(200)
    gray16 = im.convert("L").point(lambda v: v * 200).convert("I;16")
    page2 = seed_image(seed + 1)
    return {
        "png/rgb": ("png", _save(im, "PNG")),
        "png/palette": ("png", _save(im.convert("P"), "PNG")),
        "png/rgba": ("png", _save(rgba, "PNG")),
        "png/gray16": ("png", _save(gray16, "PNG")),
        "jpeg/baseline": ("jpg", _save(im, "JPEG", quality=85)),
        "jpeg/progressive": ("jpeg", _save(im, "JPEG", quality=85, progressive=True)),
        "tiff/raw": ("tif", _save(im, "TIFF")),
        "tiff/lzw": ("tiff", _save(im, "TIFF", compression="tiff_lzw")),
        "tiff/deflate": ("tif", _save(im, "TIFF", compression="tiff_adobe_deflate")),
        "tiff/two-pages": ("tif", _save(im, "TIFF", save_all=True, append_images=[page2])),
        "webp/lossy": ("webp", _save(im, "WEBP", quality=80)),
        "webp/lossless": ("webp", _save(im, "WEBP", lossless=True)),
        "bmp/rgb": ("bmp", _save(im, "BMP")),
        "pdf/pillow": ("pdf", _save(im, "PDF", resolution=72.0)),
        "pdf/two-pages": (
            "pdf",
            _save(im, "PDF", resolution=72.0, save_all=True, append_images=[page2]),
        ),
    }


# --- breaking ---------------------------------------------------------------------------------

TRUNCATE_AT = (1, 4, 8, 16, 33, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, -1)
"""Cut points: absolute byte counts (ints ≥ 1), fractions of the length, or -1 (drop one)."""

FLIPS_PER_SEED = 12


def truncations(data: bytes) -> list[bytes]:
    """``data`` cut at every point of TRUNCATE_AT (duplicates removed, never empty or whole)."""
    cuts: list[int] = []
    for at in TRUNCATE_AT:
        n = len(data) - 1 if at == -1 else int(at) if isinstance(at, int) else int(len(data) * at)
        if 0 < n < len(data) and n not in cuts:
            cuts.append(n)
    return [data[:n] for n in cuts]


def bit_flips(data: bytes, rng: random.Random) -> list[bytes]:
    """FLIPS_PER_SEED copies of ``data`` with 1 to 64 random bits flipped each."""
    out: list[bytes] = []
    for i in range(FLIPS_PER_SEED):
        buf = bytearray(data)
        for _ in range((1, 2, 4, 8, 16, 64)[i % 6]):
            pos = rng.randrange(len(buf))
            buf[pos] ^= 1 << rng.randrange(8)
        out.append(bytes(buf))
    return out


# --- hand-made containers ---------------------------------------------------------------------


def png_chunk(kind: bytes, body: bytes, length: int | None = None) -> bytes:
    """A PNG chunk with a correct CRC; ``length`` overrides the declared length."""
    declared = len(body) if length is None else length
    return struct.pack(">I", declared) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int, idat: bytes, *, mode: int = 0, extra: bytes = b"") -> bytes:
    """A PNG with the given header (8-bit, colour type ``mode``) and compressed data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, mode, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + extra
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def zeros_zlib(size: int) -> bytes:
    """``size`` zero bytes, deflated (a few hundred bytes per hundred megabytes)."""
    comp = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [comp.compress(chunk) for _ in range(size >> 20)]
    parts.append(comp.compress(bytes(size & ((1 << 20) - 1))))
    parts.append(comp.flush())
    return b"".join(parts)


def jpeg_with_size(data: bytes, width: int, height: int) -> bytes:
    """A JPEG whose SOF marker claims ``width`` × ``height``."""
    buf = bytearray(data)
    pos = 2
    while pos < len(buf) - 9:
        if buf[pos] != 0xFF:
            raise ValueError("not a marker")
        marker = buf[pos + 1]
        length = struct.unpack(">H", buf[pos + 2 : pos + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            buf[pos + 5 : pos + 9] = struct.pack(">HH", height, width)
            return bytes(buf)
        pos += 2 + length
    raise ValueError("no SOF marker")


def tiff_header_only(width: int, height: int) -> bytes:
    """A little-endian TIFF whose one strip claims ``width`` × ``height`` 8-bit gray pixels."""
    entries = [
        (256, 4, 1, width),  # ImageWidth, LONG
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8 + 2 + 12 * 9 + 4),  # StripOffsets: just past the IFD
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, width * height & 0xFFFFFFFF),  # StripByteCounts
    ]
    ifd = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        packed = struct.pack("<HHI", tag, typ, count)
        packed += struct.pack("<HH", value, 0) if typ == 3 else struct.pack("<I", value)
        ifd += packed
    return b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0) + bytes(64)


def webp_vp8x(width: int, height: int) -> bytes:
    """A WebP with only an extended header claiming a ``width`` × ``height`` canvas."""
    body = (
        b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    )
    chunk = b"VP8X" + struct.pack("<I", len(body)) + body
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def bmp_header(width: int, height: int) -> bytes:
    """A 24-bit BMP whose header claims ``width`` × ``height`` and holds 16 bytes of pixels."""
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    head = b"BM" + struct.pack("<IHHI", 14 + len(info) + 16, 0, 0, 14 + len(info))
    return head + info + bytes(16)


def pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with these objects (numbered from 1) and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (len(objects) + 1, root, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def pdf_pages(boxes: list[bytes], content: bytes = b"") -> bytes:
    """A PDF of blank pages with these MediaBox arrays (and one shared content stream)."""
    n = len(boxes)
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 3 0 R >>" % box for box in boxes
    ]
    return pdf(objects)


def encrypted_pdf(data: bytes, user_password: str) -> bytes:
    """``data`` (a PDF) encrypted with pypdf; an empty user password opens without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A ZIP archive holding ``members``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


ELF = b"\x7fELF\x02\x01\x01" + bytes(9) + struct.pack("<HHI", 2, 0x3E, 1) + bytes(200)
PE = b"MZ\x90\x00" + bytes(56) + b"PE\x00\x00" + bytes(200)


# --- case files and policies ------------------------------------------------------------------

VALID_CASE: dict[str, object] = {
    "received_on": "2026-11-20",
    "request_types": ["disclosure"],
    "requester": "principal",
    "principal": {
        "name": "架空 太郎",
        "birth_date": "1985-04-12",
        "address": "東京都架空区一丁目1番1号",
    },
    "documents": [
        {
            "type": "drivers_license",
            "holder": "principal",
            "name": "架空 太郎",
            "birth_date": "1985-04-12",
            "address": "東京都架空区1-1-1",
            "expiry_date": "2029-05-12",
        }
    ],
}


def _case_with(path: tuple[object, ...], value: object) -> dict[str, object]:
    """A deep copy of VALID_CASE with the value at ``path`` replaced (``...`` deletes it)."""
    case: dict[str, object] = json.loads(json.dumps(VALID_CASE))
    node: object = case
    for key in path[:-1]:
        node = node[key]  # type: ignore[index]
    if value is ...:
        del node[path[-1]]  # type: ignore[attr-defined]
    else:
        node[path[-1]] = value  # type: ignore[index]
    return case


def case_mistakes() -> list[tuple[str, frozenset[int], bytes]]:
    """Every kind of CASE.json mistake: (kind, allowed exits, bytes)."""
    valid = json.dumps(VALID_CASE, ensure_ascii=False, indent=2).encode()
    out: list[tuple[str, frozenset[int], bytes]] = [
        ("case/valid", OK, valid),
        ("case/bom", OK, b"\xef\xbb\xbf" + valid),
        ("case/empty", BAD, b""),
        ("case/whitespace", BAD, b" \n\t\n"),
        ("case/trailing-comma", BAD, valid[:-2] + b",\n}"),
        ("case/single-quotes", BAD, valid.replace(b'"', b"'")),
        ("case/comment", BAD, b"// case\n" + valid),
        ("case/nan", BAD, b'{"received_on": NaN}'),
        ("case/huge-number", BAD, b'{"received_on": 1e999999}'),
        ("case/not-utf8", BAD, valid.decode().encode("shift_jis")),
        ("case/utf16", BAD, valid.decode().encode("utf-16")),
        ("case/nul-bytes", BAD, bytes(64)),
        ("case/png", BAD, _save(seed_image(0), "PNG")),
        ("case/html", BAD, b"<!doctype html><html><body>case</body></html>"),
        ("case/too-large", BAD, b'{"pad": "' + b"x" * (1 << 20) + b'"}'),
        ("case/deep-nesting", BAD, b"[" * 100_000 + b"]" * 100_000),
        ("case/deep-object", BAD, b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        ("case/duplicate-keys", EITHER, valid[:-2] + b',\n  "requester": "principal"\n}'),
        ("case/extra-key", EITHER, valid[:-2] + b',\n  "note": "extra"\n}'),
    ]
    out += [
        (f"case/truncated-{n}", BAD, valid[:n]) for n in (1, 10, len(valid) // 2, len(valid) - 1)
    ]
    for top, name in (([], "array"), ("case", "string"), (42, "number"), (None, "null")):
        out.append((f"case/top-level-{name}", BAD, json.dumps(top).encode()))
    for key in ("received_on", "request_types", "requester", "principal", "documents"):
        out.append((f"case/missing-{key}", BAD, json.dumps(_case_with((key,), ...)).encode()))
    wrong: list[tuple[str, tuple[object, ...], object, frozenset[int]]] = [
        ("received_on-number", ("received_on",), 20261120, BAD),
        ("received_on-null", ("received_on",), None, BAD),
        ("received_on-impossible", ("received_on",), "2026-02-30", BAD),
        ("received_on-words", ("received_on",), "next tuesday", BAD),
        ("received_on-era-overflow", ("received_on",), "令和99999年1月1日", BAD),
        ("received_on-year-0", ("received_on",), "0000-01-01", BAD),
        ("received_on-year-99999", ("received_on",), "99999-01-01", BAD),
        ("request_types-string", ("request_types",), "disclosure", BAD),
        ("request_types-unknown", ("request_types",), ["refund"], BAD),
        ("request_types-number", ("request_types",), [1], BAD),
        ("request_types-empty", ("request_types",), [], EITHER),
        ("requester-unknown", ("requester",), "friend", BAD),
        ("requester-list", ("requester",), ["principal"], BAD),
        ("requester-agent-without-representative", ("requester",), "appointed_agent", BAD),
        ("principal-list", ("principal",), ["架空 太郎"], BAD),
        ("principal-string", ("principal",), "架空 太郎", BAD),
        ("principal-name-number", ("principal", "name"), 7, BAD),
        ("principal-birth-date-bad", ("principal", "birth_date"), "1985-13-45", BAD),
        ("documents-object", ("documents",), {"type": "passport"}, BAD),
        ("documents-strings", ("documents",), ["passport"], BAD),
        ("documents-null", ("documents",), None, BAD),
        ("document-type-unknown", ("documents", 0, "type"), "library_card", BAD),
        ("document-type-missing", ("documents", 0, "type"), ..., BAD),
        ("document-type-number", ("documents", 0, "type"), 3, BAD),
        ("document-holder-unknown", ("documents", 0, "holder"), "neighbour", BAD),
        ("document-holder-missing", ("documents", 0, "holder"), ..., EITHER),
        ("document-expiry-bad", ("documents", 0, "expiry_date"), "2029-02-30", BAD),
        ("document-expiry-number", ("documents", 0, "expiry_date"), 2029, BAD),
        ("document-issued-bad", ("documents", 0, "issued_on"), "yesterday", BAD),
        ("document-name-list", ("documents", 0, "name"), ["架空"], BAD),
        ("document-address-object", ("documents", 0, "address"), {"city": "架空区"}, BAD),
    ]
    for kind, path, value, expect in wrong:
        out.append((f"case/{kind}", expect, json.dumps(_case_with(path, value)).encode()))
    return out


def policy_mistakes() -> list[tuple[str, frozenset[int], bytes]]:
    """Every kind of policy TOML mistake: (kind, allowed exits, bytes)."""
    valid = POLICY_SEED.read_bytes()
    text = valid.decode()

    def sub(old: str, new: str) -> bytes:
        if old not in text:
            raise ValueError(f"policy seed lacks {old!r}")
        return text.replace(old, new, 1).encode()

    out: list[tuple[str, frozenset[int], bytes]] = [
        ("policy/valid", OK, valid),
        ("policy/empty", BAD, b""),
        ("policy/comment-only", BAD, b"# nothing here\n"),
        ("policy/not-toml", BAD, b"this is not = = toml\n[["),
        ("policy/json", BAD, json.dumps({"name": "x"}).encode()),
        ("policy/not-utf8", BAD, text.encode("shift_jis", errors="replace")),
        ("policy/nul-bytes", BAD, bytes(128)),
        ("policy/png", BAD, _save(seed_image(1), "PNG")),
        ("policy/zip", BAD, zip_bytes({"policy.toml": valid})),
        ("policy/too-large", BAD, valid + b"#" + b"x" * (1 << 20) + b"\n"),
        ("policy/duplicate-key", BAD, valid + b'\nname = "again"\n'),
        ("policy/duplicate-table", BAD, valid + b'\n[principal]\nrule = "photo_or_others"\n'),
        ("policy/unterminated-string", BAD, sub('name = "appi-default"', 'name = "appi-default')),
        ("policy/missing-name", BAD, sub('name = "appi-default"\n', "")),
        ("policy/name-number", BAD, sub('name = "appi-default"', "name = 7")),
        ("policy/version-table", BAD, sub('version = "2026.1"', "version = { a = 1 }")),
        ("policy/missing-principal", BAD, sub("[principal]", "[principal_old]")),
        ("policy/rule-unknown", BAD, sub('rule = "photo_or_others"', 'rule = "anything_goes"')),
        ("policy/rule-number", BAD, sub('rule = "photo_or_others"', "rule = 1")),
        ("policy/others-negative", BAD, sub("others = 2", "others = -1")),
        ("policy/others-string", BAD, sub("others = 2", 'others = "two"')),
        ("policy/others-huge", EITHER, sub("others = 2", "others = 99999999999999999999")),
        ("policy/documents-unknown", BAD, sub('    "passport",\n', '    "library_card",\n')),
        ("policy/documents-string", BAD, sub("documents = [", 'documents = "passport"\nx = [')),
        ("policy/max-age-string", BAD, sub("max_age_months = 3", 'max_age_months = "3"')),
        ("policy/max-age-negative", BAD, sub("max_age_months = 3", "max_age_months = -3")),
        ("policy/max-age-float", BAD, sub("max_age_months = 3", "max_age_months = 2.5")),
        ("policy/fee-unknown", BAD, sub('kind = "free"', 'kind = "bitcoin"')),
        ("policy/id-required-string", BAD, sub("id_required = true", 'id_required = "yes"')),
        ("policy/refusal-code-number", BAD, sub('code = "harm_to_rights"', "code = 5")),
        ("policy/unknown-table", EITHER, valid + b"\n[mystery]\nkey = 1\n"),
        ("policy/unknown-key", EITHER, sub("others = 2", 'others = 2\nflavour = "mint"')),
        ("policy/date-value", BAD, sub('version = "2026.1"', "version = 2026-01-01")),
        ("policy/deep-nesting", BAD, b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
    ]
    for n in (1, 40, len(valid) // 3, len(valid) // 2, len(valid) - 3):
        out.append((f"policy/truncated-{n}", EITHER, valid[:n]))
    return out


# --- the corpus -------------------------------------------------------------------------------


def _specials(seed: int) -> list[tuple[str, str, frozenset[int], bytes, bool]]:
    """Images that are no images, wrong names, bombs and bad PDFs: (kind, ext, exits, bytes,
    heavy)."""
    im = seed_image(seed)
    png_ok = _save(im, "PNG")
    jpg_ok = _save(im, "JPEG")
    tif_ok = _save(im, "TIFF")
    webp_ok = _save(im, "WEBP")
    pdf_ok = _save(im, "PDF", resolution=72.0)
    gif = _save(im.convert("P"), "GIF")
    html = (
        b"<!DOCTYPE html>\n<html><head><title>scan</title></head><body>not an image</body></html>"
    )
    a4 = b"[0 0 595 842]"
    small_idat = zlib.compress(bytes(49 * 65))
    s: list[tuple[str, str, frozenset[int], bytes, bool]] = [
        # zero bytes
        *[
            ("empty/zero-bytes", ext, BAD, b"", False)
            for ext in ("png", "jpg", "tif", "webp", "pdf", "bmp")
        ],
        # right content, wrong name: the content decides, so these succeed
        ("renamed/png-as-jpg", "jpg", OK, png_ok, False),
        ("renamed/jpeg-as-png", "png", OK, jpg_ok, False),
        ("renamed/tiff-as-pdf", "pdf", OK, tif_ok, False),
        ("renamed/pdf-as-png", "png", OK, pdf_ok, False),
        ("renamed/webp-as-tif", "tif", OK, webp_ok, False),
        ("renamed/no-extension", "", OK, png_ok, False),
        ("renamed/upper-case", "PNG", OK, png_ok, False),
        ("renamed/pdf-after-junk", "pdf", EITHER, b"junk\n" * 10 + pdf_ok, False),
        # something else named as an image
        ("alien/html-as-png", "png", BAD, html, False),
        ("alien/html-as-jpg", "jpg", BAD, html, False),
        ("alien/html-as-pdf", "pdf", BAD, html, False),
        ("alien/zip-as-png", "png", BAD, zip_bytes({"scan.png": png_ok}), False),
        ("alien/zip-as-pdf", "pdf", BAD, zip_bytes({"scan.pdf": pdf_ok}), False),
        ("alien/docx-as-jpg", "jpg", BAD, zip_bytes({"[Content_Types].xml": b"<Types/>"}), False),
        ("alien/elf-as-jpg", "jpg", BAD, ELF, False),
        ("alien/elf-as-png", "png", BAD, ELF, False),
        ("alien/exe-as-png", "png", BAD, PE, False),
        ("alien/exe-as-tif", "tif", BAD, PE, False),
        ("alien/script-as-tiff", "tiff", BAD, b"#!/bin/sh\necho hello\n", False),
        ("alien/gif-as-png", "png", BAD, gif, False),
        ("alien/svg-as-png", "png", BAD, b'<svg xmlns="http://www.w3.org/2000/svg"/>', False),
        ("alien/xml-as-jpg", "jpg", BAD, b'<?xml version="1.0"?><a/>', False),
        ("alien/text-as-pdf", "pdf", BAD, "本人確認書類です".encode(), False),
        ("alien/json-as-png", "png", BAD, b'{"image": "no"}', False),
        ("alien/heic-as-jpg", "jpg", BAD, b"\x00\x00\x00\x18ftypheic" + bytes(64), False),
        ("alien/random-as-webp", "webp", BAD, random.Random(seed).randbytes(4096), False),
        ("alien/riff-wav-as-webp", "webp", BAD, b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(28), False),
        ("alien/magic-only-png", "png", BAD, b"\x89PNG\r\n\x1a\n", False),
        ("alien/magic-only-jpeg", "jpg", BAD, b"\xff\xd8\xff", False),
        ("alien/magic-only-tiff", "tif", BAD, b"II*\x00", False),
        ("alien/magic-only-webp", "webp", BAD, b"RIFF\x00\x00\x00\x00WEBP", False),
        ("alien/magic-only-bmp", "bmp", BAD, b"BM", False),
        ("alien/magic-only-pdf", "pdf", BAD, b"%PDF-1.7\n", False),
        # decompression bombs and absurd headers
        ("bomb/png-huge-dimensions", "png", BAD, png(100_000, 100_000, small_idat), False),
        ("bomb/png-max-dimensions", "png", BAD, png(2**31 - 1, 2**31 - 1, small_idat), False),
        ("bomb/png-zero-width", "png", BAD, png(0, 48, small_idat), False),
        ("bomb/png-zlib-64mp", "png", BAD, png(8000, 8000, zeros_zlib(8001 * 8000)), False),
        ("bomb/png-zlib-wide", "png", BAD, png(1_000_000, 100, zeros_zlib(1_000_001 * 100)), False),
        (
            "bomb/png-huge-chunk-length",
            "png",
            BAD,
            png(64, 48, small_idat, extra=png_chunk(b"tEXt", b"k\x00v", length=0x7FFFFFF0)),
            False,
        ),
        (
            "bomb/png-huge-idat-length",
            "png",
            EITHER,
            b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 48, 8, 0, 0, 0, 0))
            + png_chunk(b"IDAT", small_idat, length=0xFFFFFFFF),
            False,
        ),
        (
            "bomb/png-ztxt-bomb",
            "png",
            EITHER,
            png(64, 48, small_idat, extra=png_chunk(b"zTXt", b"k\x00\x00" + zeros_zlib(200 << 20))),
            False,
        ),
        (
            "bomb/png-iccp-bomb",
            "png",
            EITHER,
            png(64, 48, small_idat, extra=png_chunk(b"iCCP", b"p\x00\x00" + zeros_zlib(200 << 20))),
            False,
        ),
        (
            "bomb/png-many-chunks",
            "png",
            EITHER,
            png(64, 48, small_idat, extra=png_chunk(b"tEXt", b"k\x00v") * 20_000),
            False,
        ),
        ("bomb/jpeg-65535-square", "jpg", BAD, jpeg_with_size(jpg_ok, 65535, 65535), False),
        ("bomb/jpeg-wide", "jpg", BAD, jpeg_with_size(jpg_ok, 65535, 1200), False),
        ("bomb/jpeg-zero-height", "jpg", BAD, jpeg_with_size(jpg_ok, 64, 0), False),
        ("bomb/tiff-huge-dimensions", "tif", BAD, tiff_header_only(100_000, 100_000), False),
        ("bomb/tiff-zero-dimensions", "tif", BAD, tiff_header_only(0, 0), False),
        ("bomb/tiff-long-strip", "tif", BAD, tiff_header_only(4000, 4000), False),
        ("bomb/webp-max-canvas", "webp", BAD, webp_vp8x(16384, 16384), False),
        ("bomb/bmp-huge-dimensions", "bmp", BAD, bmp_header(50_000, 50_000), False),
        ("bomb/bmp-negative-height", "bmp", BAD, bmp_header(64, -100_000), False),
        (
            "bomb/tiff-60-pages",
            "tif",
            BAD,
            _save(im, "TIFF", save_all=True, append_images=[im] * 59),
            False,
        ),
        ("bomb/pdf-60-pages", "pdf", BAD, pdf_pages([a4] * 60), False),
        ("bomb/pdf-poster-page", "pdf", EITHER, pdf_pages([b"[0 0 14400 14400]"]), True),
        (
            "bomb/pdf-flate-content",
            "pdf",
            EITHER,
            _pdf_flate_bomb(),
            True,
        ),
        # malformed and encrypted PDFs
        ("pdf-bad/encrypted", "pdf", BAD, encrypted_pdf(pdf_ok, "secret"), False),
        ("pdf-bad/encrypted-owner-only", "pdf", EITHER, encrypted_pdf(pdf_ok, ""), False),
        ("pdf-bad/no-pages", "pdf", BAD, pdf_pages([]), False),
        ("pdf-bad/zero-area-page", "pdf", EITHER, pdf_pages([b"[0 0 0 0]"]), False),
        ("pdf-bad/negative-box", "pdf", EITHER, pdf_pages([b"[0 0 -595 -842]"]), False),
        ("pdf-bad/box-not-numbers", "pdf", EITHER, pdf_pages([b"[(a) (b) (c) (d)]"]), False),
        (
            "pdf-bad/no-catalog",
            "pdf",
            BAD,
            pdf([b"<< /Type /Pages /Kids [] /Count 0 >>"], root=5),
            False,
        ),
        ("pdf-bad/pages-loop", "pdf", BAD, _pdf_pages_loop(), False),
        (
            "pdf-bad/count-lies",
            "pdf",
            EITHER,
            pdf_pages([a4]).replace(b"/Count 1", b"/Count 9999999"),
            False,
        ),
        (
            "pdf-bad/garbage-body",
            "pdf",
            BAD,
            b"%PDF-1.4\n" + random.Random(seed + 7).randbytes(2048),
            False,
        ),
        ("pdf-bad/no-xref", "pdf", EITHER, pdf_pages([a4]).split(b"xref")[0], False),
        (
            "pdf-bad/wrong-xref",
            "pdf",
            EITHER,
            pdf_pages([a4]).replace(b"startxref\n", b"startxref\n9"),
            False,
        ),
        ("pdf-bad/header-after-1k", "pdf", BAD, bytes(2048) + pdf_ok, False),
        ("pdf-bad/html-with-pdf-header", "pdf", BAD, b"%PDF-1.4\n" + html, False),
    ]
    return s


def _pdf_flate_bomb() -> bytes:
    """One A4 page whose content stream inflates to 64 MB of blanks."""
    body = zeros_zlib(64 << 20)  # NUL is whitespace in a content stream
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
    ]
    return pdf(objects)


def _pdf_pages_loop() -> bytes:
    """A page tree whose only kid is the tree itself."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        ]
    )


def generate(directory: Path, seed: int = 0) -> list[BadFile]:
    """Write the whole corpus into ``directory`` (created) and describe every file.

    The same seed gives the same bytes. Besides the files, the list holds a folder named like
    an image and a path that does not exist.
    """
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"bad-inputs:{seed}")
    files: list[BadFile] = []
    serial = 0

    def put(
        kind: str, ext: str, data: bytes, target: str, expect: frozenset[int], heavy: bool = False
    ) -> None:
        nonlocal serial
        serial += 1
        stem = f"{serial:04d}-{kind.replace('/', '-')}"
        path = directory / (f"{stem}.{ext}" if ext else stem)
        path.write_bytes(data)
        files.append(BadFile(path, kind, target, expect, heavy))

    for name, (ext, data) in image_seeds(seed).items():
        family = name.split("/")[0]
        for cut in truncations(data):
            put(f"{family}/truncated", ext, cut, "image", EITHER)
        for flipped in bit_flips(data, rng):
            put(f"{family}/bit-flipped", ext, flipped, "image", EITHER)
    for kind, ext, expect, data, heavy in _specials(seed):
        put(kind, ext, data, "image", expect, heavy)
    for kind, expect, data in case_mistakes():
        put(kind, "json", data, "case", expect)
    for kind, expect, data in policy_mistakes():
        put(kind, "toml", data, "policy", expect)

    folder = directory / "folder-named.png"
    folder.mkdir(exist_ok=True)
    files.append(BadFile(folder, "missing/folder", "image", BAD))
    files.append(BadFile(directory / "no-such-file.jpg", "missing/absent", "image", BAD))
    case_dir = directory / "folder-named.json"
    case_dir.mkdir(exist_ok=True)
    files.append(BadFile(case_dir, "case/folder", "case", BAD))
    files.append(BadFile(directory / "no-such-case.json", "case/absent", "case", BAD))
    policy_dir = directory / "folder-named.toml"
    policy_dir.mkdir(exist_ok=True)
    files.append(BadFile(policy_dir, "policy/folder", "policy", BAD))
    files.append(BadFile(directory / "no-such-policy.toml", "policy/absent", "policy", BAD))
    # Larger than the decoder's limit, yet sparse: costs no disk.
    huge = directory / f"{serial + 1:04d}-bomb-file-too-large.png"
    with huge.open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(201 * 2**20)
    files.append(BadFile(huge, "bomb/file-too-large", "image", BAD))
    return files
