"""Scan speed: `honnin scan` per page against plain full-page Tesseract on the same pages.

Generates synthetic pages (tests/synth, invented people only) as PNG bytes in memory, then
measures in one run:

- the reference: ``tesseract stdin - -l jpn+eng`` once per page (the PNG fed on its standard
  input, so no image is written anywhere), both with its default OpenMP threads and with
  ``OMP_THREAD_LIMIT=1`` (several times faster on 2 cores); the faster of the two medians is
  the reference;
- honnin's scan of each page (decode of the same PNG bytes and analysis, as ``honnin scan``
  does it per page), in this process with the models loaded, interleaved with the reference
  runs of the same page so that both meet the same load;
- only with ``--batch DIR`` (which writes the generated pages there as PNG files): a
  batch-to-batch view, ``honnin scan FILE...`` in one process against Tesseract reading the
  same pages from a file list in one process (start-up included in both).

Usage: python benchmarks/bench_scan.py [--pages N] [--seed S] [--repeat R] [--batch DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _tesseract(data: bytes, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["tesseract", "stdin", "-", "-l", "jpn+eng"],
        input=data,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _batch(pages: list[tuple[str, bytes]], folder: Path, env: dict[str, str]) -> str:
    """The batch view: both tools in one process over the same files (written to folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, data in pages:
        path = folder / f"{name}.png"
        path.write_bytes(data)
        files.append(path)
    one_env = {**env, "OMP_THREAD_LIMIT": "1"}
    listing = folder / "pages.txt"
    listing.write_text("".join(f"{p}\n" for p in files))
    started = time.perf_counter()
    subprocess.run(
        ["tesseract", str(listing), "-", "-l", "jpn+eng"],
        env=one_env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ref_batch = (time.perf_counter() - started) / len(files)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop.cli", "scan", *map(str, files), "--json"],
        env={**env, "PYTHONPATH": str(REPO)},
        check=True,
        capture_output=True,
        text=True,
    )
    honnin_batch = (time.perf_counter() - started) / len(files)
    return (
        f"batch view: honnin {honnin_batch:.3f} s/page (start-up included), "
        f"tesseract file list {ref_batch:.3f} s/page, ratio {honnin_batch / ref_batch:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch", type=Path, default=None, help="also the batch view, in DIR")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each page per side; the fastest counts"
    )
    args = parser.parse_args()
    if shutil.which("tesseract") is None:
        print("tesseract is not installed", file=sys.stderr)
        return 2

    from tests.synth.corpus import generate

    pages: list[tuple[str, bytes]] = []
    for s in generate(args.pages, args.seed):
        buffer = io.BytesIO()
        s.image.save(buffer, format="PNG")
        pages.append((s.id, buffer.getvalue()))

    load_before = os.getloadavg()
    base_env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    one_env = {**base_env, "OMP_THREAD_LIMIT": "1"}

    # honnin's analysis runs in this process, page by page, interleaved with the reference
    # runs of the same page, so both meet the same load of the machine.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from desktop.imaging.decode import load_pages
    from desktop.imaging.pipeline import analyse, prepare

    # Warm up: the models load once per process (and on the helper thread that reads the
    # second card of a sheet), as in a batch run.
    prepare()
    analyse(load_pages(pages[0][1], pages[0][0])[0])
    ref_default: list[float] = []
    ref_one: list[float] = []
    seconds: list[float] = []
    walls: list[float] = []
    for name, data in pages:
        # Each side's best of ``--repeat`` runs of the page, interleaved: a shared machine's
        # other jobs come and go within seconds, and would otherwise decide a close ratio.
        one, default, wall, analysis = [], [], [], []
        for _ in range(args.repeat):
            one.append(_tesseract(data, one_env))
            default.append(_tesseract(data, base_env))
            started = time.perf_counter()
            decoded = load_pages(data, name)  # decoding is part of what `honnin scan` does
            result = [analyse(page) for page in decoded]
            wall.append(time.perf_counter() - started)
            analysis.append(sum(r.seconds for r in result))
        ref_one.append(min(one))
        ref_default.append(min(default))
        walls.append(min(wall))
        seconds.append(min(analysis))
        print(f"  {name}: tesseract {ref_one[-1]:.2f} s, honnin {walls[-1]:.2f} s", flush=True)
    load_after = os.getloadavg()
    batch = _batch(pages, args.batch, base_env) if args.batch is not None else None

    med_default = statistics.median(ref_default)
    med_one = statistics.median(ref_one)
    reference = min(med_default, med_one)
    honnin = statistics.median(walls)
    print(f"Scan benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"pages: {len(pages)} generated (seed {args.seed}), best of {args.repeat} runs each")
    # Other jobs on a shared 2-core machine slow both sides, not always alike: say so.
    print(f"load average (1/5/15 min): before {load_before}, after {load_after}")
    print(f"tesseract jpn+eng, default threads: median {med_default:.3f} s/page")
    print(f"tesseract jpn+eng, OMP_THREAD_LIMIT=1: median {med_one:.3f} s/page")
    print(f"reference (faster of the two): {reference:.3f} s/page")
    print(f"honnin scan, per page (decode + analysis): median {honnin:.3f} s/page")
    print(f"  (analysis alone, the JSON 'seconds': median {statistics.median(seconds):.3f} s)")
    print(f"ratio honnin / reference (per-page medians): {honnin / reference:.2f}")
    if batch is not None:
        print(batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
