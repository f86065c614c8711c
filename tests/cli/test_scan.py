"""`honnin scan` and `honnin redact` as the contract says: JSON Lines, masks burned in, bad
input ends as exit 2 and one line, and nothing is written anywhere but --out."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from PIL import Image

from desktop.cli import main
from tests.synth.corpus import sample

if TYPE_CHECKING:
    from tests.synth.truth import Sample

REPO = Path(__file__).resolve().parents[2]
REQUIRED = {
    "source",
    "page",
    "document_type",
    "confidence",
    "fields",
    "mrz",
    "sensitive_regions",
    "seconds",
}


def _page_with_domicile() -> Sample:
    """A clean generated family register: it has 本籍 (and the 筆頭者) to mask."""
    return sample(11, 0, clean=True, layouts=("family_register/zenbu",))


def _write_png(image: Image.Image, path: Path) -> Path:
    image.save(path, format="PNG")
    return path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.tesseract
def test_scan_prints_one_contract_object_per_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = _page_with_domicile()
    path = _write_png(s.image, tmp_path / "register.png")
    status, out, _err = _run(["scan", str(path), "--json"], capsys)
    assert status == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) >= REQUIRED
    assert obj["source"] == str(path)
    assert obj["page"] == 1
    assert obj["document_type"] == "family_register"
    assert 0.0 <= obj["confidence"] <= 1.0
    assert obj["mrz"] is None
    kinds = {r["kind"] for r in obj["sensitive_regions"]}
    assert kinds == {"permanent_domicile"}
    for region in obj["sensitive_regions"]:
        x, y, w, h = region["box"]
        assert min(x, y) >= 0
        assert min(w, h) > 0
        assert x + w <= s.image.width
        assert y + h <= s.image.height


@pytest.mark.tesseract
def test_scan_human_output_and_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = _page_with_domicile()
    a = _write_png(s.image, tmp_path / "a.png")
    b = _write_png(s.image, tmp_path / "b.png")
    status, out, err = _run(["scan", str(a), str(b)], capsys)
    assert status == 0
    assert out.count("family_register") == 2
    assert "permanent_domicile" in out
    assert "[1/2]" in err
    assert "[2/2]" in err


@pytest.mark.tesseract
def test_redact_burns_every_region_black_and_keeps_no_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = _page_with_domicile()
    src = tmp_path / "in.png"
    info = Image.new("RGB", (1, 1)).getexif()
    info[0x010E] = "secret description"  # ImageDescription: must not survive
    s.image.save(src, format="PNG", exif=info)
    out_path = tmp_path / "out.png"
    status, out, _err = _run(["redact", str(src), "--out", str(out_path), "--json"], capsys)
    assert status == 0
    obj = json.loads(out.strip())
    assert obj["redacted"] == obj["sensitive_regions"]
    data = out_path.read_bytes()
    assert b"secret" not in data
    chunks = _png_chunks(data)
    assert set(chunks) <= {b"IHDR", b"IDAT", b"IEND"}
    burned = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
    assert burned.shape == (s.image.height, s.image.width)
    for region in s.sensitive_regions:
        b = region.box
        patch = burned[b.y : b.bottom, b.x : b.right]
        assert (patch == 0).mean() >= 0.98


@pytest.mark.tesseract
def test_redact_of_a_pdf_writes_an_image_only_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pypdf = pytest.importorskip("pypdf")
    s = _page_with_domicile()
    src = tmp_path / "in.pdf"
    s.image.save(src, format="PDF", resolution=300, title="secret title")
    out_path = tmp_path / "out.pdf"
    status, out, _err = _run(["redact", str(src), "--out", str(out_path), "--json"], capsys)
    assert status == 0
    assert json.loads(out.strip())["redacted"]
    data = out_path.read_bytes()
    assert b"secret" not in data
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert not reader.metadata
    assert reader.pages[0].extract_text().strip() == ""
    assert "/Font" not in str(reader.pages[0].get("/Resources", {}))


def _png_chunks(data: bytes) -> list[bytes]:
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return chunks


def _huge_png_header() -> bytes:
    """A PNG that claims 30 000 × 30 000 pixels (refused before any pixel is decoded)."""
    ihdr = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    body = b"IHDR" + ihdr
    chunk = struct.pack(">I", len(ihdr)) + body + struct.pack(">I", zlib.crc32(body))
    idat = zlib.compress(b"\x00" * 1000)
    body2 = b"IDAT" + idat
    chunk2 = struct.pack(">I", len(idat)) + body2 + struct.pack(">I", zlib.crc32(body2))
    return b"\x89PNG\r\n\x1a\n" + chunk + chunk2


def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("owner-and-user")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _broken_inputs() -> dict[str, bytes]:
    good = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(good, format="PNG")
    png = good.getvalue()
    zip_bytes = b"PK\x03\x04" + b"\x00" * 100
    return {
        "truncated.png": png[: len(png) // 2],
        "empty.jpg": b"",
        "archive.pdf": zip_bytes,  # wrong extension: a ZIP archive named .pdf
        "huge.png": _huge_png_header(),
        "locked.pdf": _encrypted_pdf(),
        "page.jpg": b"<!DOCTYPE html><html><body>not an image</body></html>",
    }


@pytest.mark.parametrize("name", sorted(_broken_inputs()))
@pytest.mark.parametrize("command", ["scan", "redact"])
def test_broken_input_is_exit_2_and_one_line(
    name: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(_broken_inputs()[name])
    args = [command, str(path), "--json"]
    if command == "redact":
        args += ["--out", str(tmp_path / "out.png")]
    status, out, err = _run(args, capsys)
    assert status == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0]
    assert "Traceback" not in err
    assert not (tmp_path / "out.png").exists()


def test_missing_file_and_folder_are_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = _run(["scan", str(tmp_path / "nope.png")], capsys)
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    status, _out, err = _run(["scan", str(tmp_path)], capsys)
    assert status == 2
    assert "folder" in err


@pytest.mark.tesseract
def test_one_bad_file_among_many_still_scans_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write_png(_page_with_domicile().image, tmp_path / "good.png")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"")
    status, out, err = _run(["scan", str(bad), str(good), "--json"], capsys)
    assert status == 2
    assert len(out.strip().splitlines()) == 1
    assert "bad.jpg" in err


@pytest.mark.tesseract
def _joined_calls(lines: list[str]) -> list[str]:
    """strace -f lines with each call whole: a call another thread interrupted is printed as
    "PID openat(... <unfinished ...>" then "PID <... openat resumed>) = 3"; join the halves."""
    pending: dict[str, str] = {}
    calls: list[str] = []
    for line in lines:
        pid, _, rest = line.partition(" ")
        if rest.endswith("<unfinished ...>"):
            pending[pid] = rest.removesuffix("<unfinished ...>")
            continue
        resumed = re.match(r"<\.\.\. \w+ resumed>(.*)", rest)
        if resumed:
            calls.append(f"{pid} {pending.pop(pid, '')}{resumed.group(1)}")
            continue
        calls.append(line)
    calls.extend(f"{pid} {start}" for pid, start in pending.items())  # never resumed
    return calls


def test_joined_calls_pairs_the_halves_of_an_interrupted_call() -> None:
    lines = [
        '11 openat(AT_FDCWD, "/x/out.png", O_WRONLY|O_CREAT, 0666 <unfinished ...>',
        '12 openat(AT_FDCWD, "/x/in.png", O_RDONLY) = 4',
        "11 <... openat resumed>) = 3",
    ]
    assert _joined_calls(lines) == [
        '12 openat(AT_FDCWD, "/x/in.png", O_RDONLY) = 4',
        '11 openat(AT_FDCWD, "/x/out.png", O_WRONLY|O_CREAT, 0666 ) = 3',
    ]


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
def test_scan_and_redact_write_nothing_but_out(tmp_path: Path) -> None:
    """Run the real command with an empty HOME and TMPDIR, under strace: the only file opened
    for writing is --out (compiled bytecode of the program itself aside)."""
    home, tmp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for d in (home, tmp, work):
        d.mkdir()
    src = _write_png(_page_with_domicile().image, work / "page.png")
    out_path = work / "masked.png"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "PYTHONPATH": str(REPO),
        "OMP_THREAD_LIMIT": "1",
    }
    trace = tmp_path / "trace.txt"
    for args in (["scan", str(src), "--json"], ["redact", str(src), "--out", str(out_path)]):
        cmd = [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=openat,creat,mkdir,rename,link",
            "-o",
            str(trace),
        ]
        cmd += [sys.executable, "-m", "desktop.cli", *args]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        written = []
        for line in _joined_calls(trace.read_text().splitlines()):
            if "---" in line or "+++" in line:
                continue  # signals and exits, not calls
            if "openat(" in line and not re.search(r"O_WRONLY|O_RDWR|O_CREAT", line):
                continue
            if "= -1" in line:
                continue
            m = re.search(r'"([^"]+)"', line)
            path = m.group(1) if m else line
            if path.startswith("/dev/") or path.endswith(".pyc") or "__pycache__" in path:
                continue
            written.append(path)
        expected = [] if args[0] == "scan" else [str(out_path)]
        assert written == expected
    assert list(home.iterdir()) == []
    assert list(tmp.iterdir()) == []
    assert sorted(p.name for p in work.iterdir()) == ["masked.png", "page.png"]
