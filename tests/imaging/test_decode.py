"""Decoding: formats by content, EXIF orientation, RGB, PDF pages, limits and broken files."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from typing import TYPE_CHECKING

import numpy as np
import pytest
from PIL import Image

from desktop.core.errors import InputError
from desktop.imaging.decode import DecodeError, iter_pages, load_file, load_pages, sniff

if TYPE_CHECKING:
    from pathlib import Path


def encode(im: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, fmt, **options)
    return buffer.getvalue()


def marked(size: tuple[int, int] = (120, 80)) -> Image.Image:
    """A white image with a red square at the top-left corner, to follow orientation."""
    im = Image.new("RGB", size, "white")
    im.paste((255, 0, 0), (0, 0, 20, 20))
    return im


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` (its pixel data is tiny and wrong)."""
    small = encode(Image.new("L", (8, 8)), "PNG")
    chunk = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    ihdr = struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return small[:8] + ihdr + small[33:]


@pytest.mark.parametrize(
    ("fmt", "options"),
    [
        ("PNG", {}),
        ("JPEG", {"quality": 95}),
        ("BMP", {}),
        ("WEBP", {"lossless": True}),
        ("TIFF", {}),
    ],
)
def test_each_format_decodes_to_rgb_by_content_not_name(
    fmt: str, options: dict[str, object]
) -> None:
    data = encode(marked(), fmt, **options)
    # The name lies on purpose: the content decides.
    pages = load_pages(data, "scan.pdf")
    assert len(pages) == 1
    page = pages[0]
    assert (page.source, page.number) == ("scan.pdf", 1)
    assert page.image.mode == "RGB"
    assert page.image.size == (120, 80)
    red = page.image.getpixel((5, 5))
    assert isinstance(red, tuple)
    assert red[0] > 200
    assert red[1] < 60


def test_multi_page_tiff_gives_every_page_numbered_from_one() -> None:
    frames = [Image.new("RGB", (50 + 10 * i, 40), (i * 60, 0, 0)) for i in range(3)]
    data = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    pages = load_pages(data, "fax.tif")
    assert [p.number for p in pages] == [1, 2, 3]
    assert [p.image.size for p in pages] == [(50, 40), (60, 40), (70, 40)]


def test_exif_orientation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned: a viewer rotates it 90° clockwise
    stored = marked((120, 80)).rotate(90, expand=True)  # red square now bottom-left
    pages = load_pages(encode(stored, "JPEG", exif=exif, quality=95), "phone.jpg")
    page = pages[0]
    assert page.image.size == (120, 80)
    red = page.image.getpixel((5, 5))
    assert isinstance(red, tuple)
    assert red[0] > 200
    assert red[1] < 80


@pytest.mark.parametrize("mode", ["L", "1", "P", "CMYK", "LA", "RGBA", "I;16"])
def test_modes_are_normalised_to_rgb(mode: str) -> None:
    if mode == "I;16":
        levels = np.full((20, 30), 40000, dtype=np.uint16)
        levels[:10, :10] = 1000
        data = encode(Image.fromarray(levels), "PNG")
    elif mode in {"LA", "RGBA"}:
        im = Image.new("RGBA", (30, 20), (0, 0, 0, 0))  # fully transparent black
        data = encode(im.convert(mode), "PNG")
    elif mode == "CMYK":
        data = encode(Image.new("CMYK", (30, 20), (0, 0, 0, 0)), "JPEG")
    else:
        data = encode(Image.new("RGB", (30, 20), "white").convert(mode), "PNG")
    page = load_pages(data, f"x.{mode}")[0]
    assert page.image.mode == "RGB"
    # Transparent and blank images come out white, 16-bit images keep their contrast.
    assert page.image.getpixel((25, 15)) == (255, 255, 255)
    if mode == "I;16":
        assert page.image.getpixel((2, 2)) == (0, 0, 0)


def test_dpi_is_read_from_the_file() -> None:
    data = encode(marked(), "PNG", dpi=(300, 300))
    assert load_pages(data, "a.png")[0].dpi == 300
    assert load_pages(encode(marked(), "BMP"), "a.bmp")[0].dpi in {None, 96}


def make_pdf(pages: int, size_pt: tuple[int, int] = (595, 842)) -> bytes:
    """A PDF of ``pages`` pages of ``size_pt`` points, drawn by Pillow at 72 dpi."""
    images = [Image.new("RGB", size_pt, (255, 255 - 40 * i, 255)) for i in range(pages)]
    return encode(images[0], "PDF", resolution=72.0, save_all=True, append_images=images[1:])


def test_pdf_pages_are_rendered_at_300_dpi() -> None:
    pages = load_pages(make_pdf(2), "request.pdf")
    assert [p.number for p in pages] == [1, 2]
    for page in pages:
        assert page.dpi == 300
        assert page.image.mode == "RGB"
        # A4 in points (595 × 842) at 300 dpi.
        assert page.image.size == pytest.approx((2479, 3508), abs=2)
    second = pages[1].image.getpixel((100, 100))
    assert isinstance(second, tuple)
    assert second[1] == pytest.approx(215, abs=3)


def test_poster_sized_pdf_page_is_rendered_smaller_not_refused() -> None:
    page = load_pages(make_pdf(1, (2384, 3370)), "a0.pdf", max_pixels=20_000_000)[0]
    width, height = page.image.size
    assert width * height <= 20_000_000
    assert page.dpi is not None
    assert page.dpi < 300


def test_encrypted_pdf_is_refused() -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf(1)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DecodeError, match=r"^locked\.pdf: encrypted PDF"):
        load_pages(buffer.getvalue(), "locked.pdf")


def test_a_header_claiming_30000_by_30000_is_refused_before_decoding() -> None:
    started = time.perf_counter()
    with pytest.raises(DecodeError, match=r"^bomb\.png: .*too large"):
        load_pages(png_header(30_000, 30_000), "bomb.png")
    # Decoding 900 MP would take seconds and gigabytes; refusing the header takes nothing.
    assert time.perf_counter() - started < 0.5


def test_pillow_bomb_warning_becomes_our_error_whatever_our_limit() -> None:
    # 100 MP lies between Pillow's warning (89 MP) and error (179 MP) thresholds; pytest turns
    # stray warnings into failures, so this also checks that no warning escapes.
    with pytest.raises(DecodeError, match="too large"):
        load_pages(png_header(10_000, 10_000), "big.png", max_pixels=500_000_000)
    with pytest.raises(DecodeError, match="too large"):
        load_pages(png_header(10_000, 10_000), "big.png")


def test_our_pixel_limit_applies_per_page() -> None:
    data = encode(Image.new("RGB", (400, 300)), "PNG")
    with pytest.raises(DecodeError, match=r"400×300"):
        load_pages(data, "a.png", max_pixels=100_000)
    assert load_pages(data, "a.png", max_pixels=120_000)


def test_page_and_byte_limits() -> None:
    frames = [Image.new("RGB", (10, 10)) for _ in range(3)]
    tiff = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(DecodeError, match="3 pages; limit 2"):
        load_pages(tiff, "fax.tif", max_pages=2)
    with pytest.raises(DecodeError, match="3 pages; limit 2"):
        load_pages(make_pdf(3), "many.pdf", max_pages=2)
    with pytest.raises(DecodeError, match="too large"):
        load_pages(tiff, "fax.tif", max_bytes=100)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty file"),
        (b"<!DOCTYPE html><html><body>not found</body></html>", "HTML"),
        (b"GIF89a" + b"\x00" * 20, "GIF"),
        (b"just some text", "not a PNG, JPEG"),
    ],
)
def test_unusable_content_is_refused_naming_the_source(data: bytes, expected: str) -> None:
    with pytest.raises(DecodeError, match=expected) as caught:
        load_pages(data, "scans/licence.jpg")
    assert str(caught.value).startswith("scans/licence.jpg: ")
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, InputError)


def test_zip_named_jpg_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(DecodeError, match="ZIP"):
        load_pages(buffer.getvalue(), "photo.jpg")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF", "WEBP", "BMP"])
def test_truncated_images_are_refused(fmt: str) -> None:
    data = encode(Image.effect_noise((300, 200), 60).convert("RGB"), fmt)
    with pytest.raises(DecodeError, match=r"^cut\.img: "):
        load_pages(data[: len(data) // 2], "cut.img")


def test_damaged_pdf_is_refused() -> None:
    with pytest.raises(DecodeError, match="damaged PDF"):
        load_pages(b"%PDF-1.7\n1 0 obj garbage\n%%EOF", "broken.pdf")
    data = make_pdf(1)
    with pytest.raises(DecodeError, match=r"^half\.pdf: "):
        load_pages(data[: len(data) // 3], "half.pdf")


def test_sniff_recognises_formats() -> None:
    assert sniff(b"%PDF-1.4") == "PDF"
    assert sniff(b"\xef\xbb\xbf  %PDF-1.4") == "PDF"
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "WEBP"
    assert sniff(b"RIFF\x00\x00\x00\x00WAVEfmt ") is None
    assert sniff(b"MM\x00*") == "TIFF"


def test_load_file_reads_and_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "card.png"
    path.write_bytes(encode(marked(), "PNG"))
    pages = load_file(path)
    assert pages[0].source == str(path)
    with pytest.raises(DecodeError, match="cannot read"):
        load_file(tmp_path / "missing.png")
    with pytest.raises(DecodeError, match="too large"):
        load_file(path, max_bytes=10)


def test_iter_pages_yields_pages_one_at_a_time() -> None:
    frames = [Image.new("RGB", (20, 10), (i * 80, 0, 0)) for i in range(3)]
    pages = iter_pages(encode(frames[0], "TIFF", save_all=True, append_images=frames[1:]), "f.tif")
    first = next(pages)
    assert first.number == 1
    assert [p.number for p in pages] == [2, 3]
    pdf_pages = iter_pages(make_pdf(2), "two.pdf")
    assert next(pdf_pages).number == 1
    pdf_pages.close()  # abandoning a PDF part way releases it
    assert len(load_pages(make_pdf(2), "two.pdf")) == 2
    # Refusals that need no decoding come at once, before any page.
    with pytest.raises(DecodeError, match="empty"):
        iter_pages(b"", "e.png")
