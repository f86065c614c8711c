"""MRZ reading: valid zones read and time per page, ours against PassportEye on the same pages.

Pages: generated ones (tests/imaging/mrz_synth.py: passports, TD1/TD2 cards, visas, scans and
phone photos in any quarter turn) and the real specimens in ../shared/specimens when present.
Both readers get the same encoded image bytes and decode them inside the timed call.

    .venv/bin/pip install -e '.[bench]'      # PassportEye (Tesseract underneath)
    .venv/bin/python benchmarks/bench_mrz.py [--pages 40] [--no-passporteye]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# As measured for the scan pipeline: Tesseract's OpenMP threads slow a 2-core machine down.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.mrz import parse  # noqa: E402
from desktop.imaging.mrz import prepare, read_mrz  # noqa: E402
from tests.imaging.mrz_synth import make_page  # noqa: E402

SPECIMENS = ROOT / ".." / "shared" / "specimens"
TODAY = date(2026, 11, 23)


@dataclass(frozen=True, slots=True)
class Page:
    """One page to read and what is printed on it."""

    name: str
    data: bytes  # encoded image
    lines: tuple[str, ...]  # the printed zone ("" lines: no zone)
    printed_valid: bool  # every check digit of the printed zone holds


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one reader made of one page."""

    found: bool
    valid: bool
    exact: bool
    seconds: float


def _pages(count: int) -> list[Page]:
    pages = []
    for seed in range(1000, 1000 + count):
        page = make_page(seed)
        ok, data = cv2.imencode(".png", page.image)
        assert ok
        name = f"synthetic-{seed}-{page.format}-{page.capture}-{page.rotation}"
        pages.append(Page(name, data.tobytes(), page.lines, True))
    return pages


def _specimens() -> list[Page]:
    manifest = SPECIMENS / "manifest.jsonl"
    if not manifest.is_file():
        return []
    pages = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        data = (SPECIMENS / "images" / entry["name"]).read_bytes()
        lines = tuple(entry.get("mrz_lines") or ())
        pages.append(Page(entry["name"], data, lines, bool(entry.get("check_digits_valid"))))
    return pages


def _ours(page: Page) -> Outcome:
    started = time.perf_counter()
    image = cv2.imdecode(np.frombuffer(page.data, np.uint8), cv2.IMREAD_COLOR)
    found = read_mrz(image, today=TODAY)
    seconds = time.perf_counter() - started
    if found is None:
        return Outcome(False, False, False, seconds)
    exact = found.result.lines == page.lines
    return Outcome(True, found.result.valid, exact, seconds)


def _passporteye(page: Page) -> Outcome:
    from passporteye import read_mrz as pe_read_mrz

    started = time.perf_counter()
    try:
        mrz = pe_read_mrz(io.BytesIO(page.data))
    except Exception:  # noqa: BLE001 - a crash of the reference counts as nothing read
        mrz = None
    seconds = time.perf_counter() - started
    if mrz is None:
        return Outcome(False, False, False, seconds)
    text = [line for line in str(mrz.aux.get("text", "")).splitlines() if line.strip()]
    lines = tuple(text)
    # Re-checked with our parser so that both readers are judged by the same rule.
    parsed = parse(lines, today=TODAY)
    valid = bool(mrz.valid) or bool(parsed is not None and parsed.valid)
    return Outcome(True, valid, lines == page.lines, seconds)


def _summary(label: str, pages: list[Page], outcomes: list[Outcome]) -> dict[str, object]:
    zones = [o for p, o in zip(pages, outcomes, strict=True) if p.lines]
    should = [o for p, o in zip(pages, outcomes, strict=True) if p.lines and p.printed_valid]
    return {
        "reader": label,
        "pages": len(pages),
        "zones": len(zones),
        "found": sum(o.found for o in zones),
        "valid": sum(o.valid for o in should),
        "valid_possible": len(should),
        "exact": sum(o.exact for o in zones),
        "false_valid": sum(
            o.valid
            for p, o in zip(pages, outcomes, strict=True)
            if not (p.lines and p.printed_valid)
        ),
        "median_s": round(statistics.median(o.seconds for o in outcomes), 3),
        "mean_s": round(statistics.fmean(o.seconds for o in outcomes), 3),
    }


def _run(name: str, pages: list[Page], with_pe: bool, verbose: bool) -> list[dict[str, object]]:
    ours = [_ours(p) for p in pages]
    rows = [_summary("honnin", pages, ours)]
    theirs: list[Outcome] = []
    if with_pe:
        theirs = [_passporteye(p) for p in pages]
        rows.append(_summary("passporteye", pages, theirs))
    print(f"\n## {name}: {len(pages)} pages")
    for row in rows:
        print(json.dumps(row))
    if with_pe:
        ratio = float(rows[0]["mean_s"]) / max(float(rows[1]["mean_s"]), 1e-9)  # type: ignore[arg-type]
        print(f"time ratio ours/passporteye (mean): {ratio:.3f}")
    if verbose:
        for i, page in enumerate(pages):
            mine = ours[i]
            other = theirs[i] if theirs else None
            print(
                f"  {page.name[-58:]:58} ours found={mine.found:d} valid={mine.valid:d} "
                f"exact={mine.exact:d} {mine.seconds:.2f}s"
                + (
                    f" | pe found={other.found:d} valid={other.valid:d} {other.seconds:.2f}s"
                    if other
                    else ""
                )
            )
    return rows


def main() -> None:
    """Run both readers on generated pages and on the specimens, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=40, help="generated pages")
    parser.add_argument("--no-passporteye", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="one line per page")
    args = parser.parse_args()
    with_pe = not args.no_passporteye
    if with_pe:
        try:
            import passporteye  # noqa: F401
        except ImportError:
            print("PassportEye is missing: pip install -e '.[bench]' (or use --no-passporteye)")
            with_pe = False
    print(f"# bench_mrz {date.today()} {platform.machine()} {os.cpu_count()} cpus")
    prepare()  # the OCR-B glyphs are rendered once, before the clock runs
    _run("generated pages", _pages(args.pages), with_pe, args.verbose)
    specimens = _specimens()
    if specimens:
        _run("real specimens", specimens, with_pe, verbose=True)


if __name__ == "__main__":
    main()
