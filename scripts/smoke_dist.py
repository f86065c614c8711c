"""Smoke test of the built bundle: its ``honnin check``, ``honnin scan`` and desktop app.

    .venv/bin/python scripts/smoke_dist.py [BUNDLE_DIR]     (or ``make smoke``)

BUNDLE_DIR defaults to ``dist/honnin-desk-<version>``. Sample scans are generated with the
repository's own ``tests.synth`` (invented people); only the bundle's executables are tested.
Exits 0 when every step passes, 1 with a message naming the step otherwise.
"""

# ruff: noqa: T201 — a script: its printed lines are its report

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile  # noqa: TID251 — only synthetic samples and demo data go there
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT_TYPES = {
    "drivers_license",
    "passport",
    "my_number_card",
    "residence_card",
    "health_insurance_card",
    "pension_book",
    "family_register",
    "residence_certificate",
    "seal_certificate",
    "registered_matters_certificate",
    "power_of_attorney",
    "unknown",
}
SAMPLES = 3
SEED = 1
TIMEOUT = 240  # seconds for one command; the whole smoke test takes well under a minute

PRINCIPAL = {
    "name": "山田 太郎",
    "birth_date": "1985-04-12",
    "address": "東京都渋谷区渋谷二丁目24番12号",
}
LICENCE = {
    "type": "drivers_license",
    "holder": "principal",
    "name": "山田 太郎",
    "birth_date": "1985-04-12",
    "address": "東京都渋谷区渋谷2-24-12",
    "expiry_date": "2029-05-12",
}


class SmokeFailure(Exception):
    """One step of the smoke test did not do what it should."""


def exe(bundle: Path, name: str) -> Path:
    """The bundle's executable ``name`` (``name.exe`` on Windows)."""
    path = bundle / (name + (".exe" if sys.platform == "win32" else ""))
    if not path.is_file():
        raise SmokeFailure(f"{path}: missing from the bundle")
    return path


def run(step: str, args: list[str], *, env: dict[str, str] | None = None, expect: int = 0) -> str:
    """Run ``args``; return stdout; fail the step on another exit status or a traceback."""
    started = time.monotonic()
    done = subprocess.run(
        args,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        env=env,
        check=False,
    )
    elapsed = time.monotonic() - started
    if "Traceback (most recent call last)" in done.stderr + done.stdout:
        raise SmokeFailure(f"{step}: traceback\n{done.stderr[-2000:]}")
    if done.returncode != expect:
        raise SmokeFailure(
            f"{step}: exit {done.returncode}, expected {expect}\n{done.stderr[-2000:]}"
        )
    print(f"ok   {step} ({elapsed:.1f} s)")
    return done.stdout


def check_cases(honnin: Path, work: Path) -> None:
    """``honnin check``: a complete case, a case with an expired licence, a missing file."""
    good = work / "case-verified.json"
    good.write_text(
        json.dumps(
            {
                "received_on": "2026-11-20",
                "request_types": ["disclosure"],
                "requester": "principal",
                "principal": PRINCIPAL,
                "documents": [LICENCE],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    out = json.loads(
        run("check verified", [str(honnin), "check", str(good), "--policy", "whi", "--json"])
    )
    if out.get("decision") != "verified" or out.get("reasons"):
        raise SmokeFailure(f"check verified: got {out.get('decision')} {out.get('reasons')}")

    expired = work / "case-expired.json"
    case = json.loads(good.read_text(encoding="utf-8"))
    case["documents"][0]["expiry_date"] = "2026-01-31"
    expired.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    out = json.loads(
        run(
            "check expired",
            [str(honnin), "check", str(expired), "--policy", "appi-default", "--json"],
        )
    )
    codes = {reason.get("code") for reason in out.get("reasons", [])}
    if out.get("decision") != "more_documents_needed" or "document_expired" not in codes:
        raise SmokeFailure(f"check expired: got {out.get('decision')} {sorted(map(str, codes))}")

    missing = work / "no-such-case.json"
    run("check bad input", [str(honnin), "check", str(missing), "--policy", "whi"], expect=2)


def scan_samples(honnin: Path, work: Path) -> None:
    """``honnin scan --json`` on generated PNG/JPEG/PDF samples: one JSON line per page."""
    samples = work / "samples"
    subprocess.run(
        [sys.executable, "-m", "tests.synth", str(samples), str(SAMPLES), str(SEED)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    truth = {
        row["id"]: row["document_type"]
        for row in map(json.loads, (samples / "truth.jsonl").read_text("utf-8").splitlines())
    }
    files = sorted(p for p in samples.iterdir() if p.stem in truth)
    if len(files) != SAMPLES:
        raise SmokeFailure(f"scan: tests.synth wrote {len(files)} samples, expected {SAMPLES}")
    out = run("scan --json", [str(honnin), "scan", *map(str, files), "--json"])
    pages = [json.loads(line) for line in out.splitlines() if line.strip()]
    sources = {Path(page["source"]).stem for page in pages}
    if sources != set(truth):
        raise SmokeFailure(f"scan: pages for {sorted(sources)}, expected {sorted(truth)}")
    right = 0
    for page in pages:
        kind = page.get("document_type")
        if kind not in DOCUMENT_TYPES:
            raise SmokeFailure(f"scan: {page['source']}: document_type {kind!r}")
        right += kind == truth[Path(page["source"]).stem]
    # OCR must really work in the bundle: at least one page is classified as drawn.
    if right == 0:
        raise SmokeFailure("scan: no page classified as its true document type")
    print(f"     {len(pages)} pages, {right} classified as drawn")


def screenshots(desk: Path, work: Path, platform: str = "offscreen") -> None:
    """The desktop app: ``--demo --screenshot OUT`` writes the screens' PNGs.

    ``platform`` "offscreen" needs no display; "xcb" runs under ``xvfb-run`` and proves the
    bundled X11 platform plugin loads (what a Linux desktop uses).
    """
    out, data = work / f"screens-{platform}", work / f"data-{platform}"
    env = {**os.environ, "QT_QPA_PLATFORM": platform}
    args = [str(desk), "--demo", "--screenshot", str(out), "--data-dir", str(data)]
    if platform == "xcb":
        args = ["xvfb-run", "-a", *args]
    run(f"desktop --screenshot ({platform})", args, env=env)
    pngs = sorted(out.glob("*.png"))
    if len(pngs) < 4:
        raise SmokeFailure(f"screenshot: {len(pngs)} PNGs written, expected at least 4")
    for png in pngs:
        head = png.read_bytes()[:8]
        if head != b"\x89PNG\r\n\x1a\n" or png.stat().st_size < 2000:
            raise SmokeFailure(f"screenshot: {png.name} is not a real PNG")
    left = list((data / "demo").glob("*")) if (data / "demo").is_dir() else []
    if left:
        raise SmokeFailure(f"screenshot: the demo store was left behind ({len(left)} folders)")
    print(f"     {len(pngs)} screens: {', '.join(p.name for p in pngs)}")


def default_bundle() -> Path:
    init = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', init, re.M)
    if match is None:
        raise SmokeFailure("desktop/__init__.py: no __version__")
    return ROOT / "dist" / f"honnin-desk-{match.group(1)}"


def main(argv: list[str]) -> int:
    started = time.monotonic()
    try:
        bundle = Path(argv[0]) if argv else default_bundle()
        honnin, desk = exe(bundle, "honnin"), exe(bundle, "honnin-desk")
        with tempfile.TemporaryDirectory(prefix="honnin-smoke-") as tmp:
            work = Path(tmp)
            check_cases(honnin, work)
            scan_samples(honnin, work)
            screenshots(desk, work)
            if sys.platform.startswith("linux") and shutil.which("xvfb-run"):
                screenshots(desk, work, "xcb")
    except (SmokeFailure, subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
        print(f"FAIL {error}", file=sys.stderr)
        return 1
    print(f"smoke test passed ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
