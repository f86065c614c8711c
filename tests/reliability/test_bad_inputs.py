"""Every file of the bad-input corpus through `honnin scan`, `redact` and `check`.

The contract: exit 2 with exactly one line on stderr naming the file (as given) and the
problem, nothing on stdout, never a traceback; a damaged file that still decodes may succeed
(exit 0). The bulk runs in-process (``desktop.cli.main`` with the file descriptors captured,
so C libraries writing to stderr are caught too); a sample runs through the installed
``honnin`` under a 2 GiB address-space limit.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desktop.cli import main
from tests.reliability import corpus
from tests.reliability.corpus import BadFile

if TYPE_CHECKING:
    from collections.abc import Sequence

IMAGE_FAMILIES = (
    "png",
    "jpeg",
    "tiff",
    "webp",
    "bmp",
    "pdf",
    "empty",
    "renamed",
    "alien",
    "bomb",
    "pdf-bad",
    "missing",
)
MEMORY_LIMIT = 2 * 2**30
HONNIN = Path(sys.executable).parent / "honnin"

# libtiff (inside Pillow) prints its own decoder complaints straight to file descriptor 2.


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> list[BadFile]:
    """The corpus, generated once for the module."""
    return corpus.generate(tmp_path_factory.mktemp("bad-inputs"), seed=0)


@pytest.fixture
def in_corpus(bad_files: list[BadFile], monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the corpus folder, so files are given (and must be named) by bare name."""
    folder = bad_files[0].path.parent
    monkeypatch.chdir(folder)
    return folder


def _run(capfd: pytest.CaptureFixture[str], argv: Sequence[str]) -> tuple[int, str, str]:
    capfd.readouterr()
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse; never expected here, but reported, not raised
        status = exc.code if isinstance(exc.code, int) else -1
    out, err = capfd.readouterr()
    return status, out, err


def _err_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


def judge(f: BadFile, shown: str, status: int, out: str, err: str) -> str | None:
    """What is wrong with one command's answer to ``f`` (None: it kept the contract)."""
    if "Traceback" in out or "Traceback" in err:
        return "traceback"
    if status not in f.expect:
        return f"exit {status}: {err.strip()[:200]}"
    lines = _err_lines(err)
    if status == 2:
        if len(lines) != 1:
            return f"{len(lines)} lines on stderr: {lines[:3]}"
        line = lines[0]
        if not line.startswith(f"honnin: {shown}"):
            return f"stderr does not name {shown}: {line}"
        if len(line) <= len(f"honnin: {shown}: ") + 3:
            return f"no problem stated: {line}"
        if out.strip():
            return f"stdout not empty on failure: {out[:100]}"
    else:
        if lines:
            return f"stderr not empty on success: {lines[:3]}"
        for text in out.splitlines():
            obj = json.loads(text)
            if f.target == "image" and obj.get("source") != shown:
                return f"source is {obj.get('source')!r}, not {shown!r}"
    return None


def _scan(capfd: pytest.CaptureFixture[str], f: BadFile) -> str | None:
    shown = f.path.name
    status, out, err = _run(capfd, ["scan", shown, "--json"])
    return judge(f, shown, status, out, err)


def _redact(capfd: pytest.CaptureFixture[str], f: BadFile, out_dir: Path) -> str | None:
    shown = f.path.name
    target = out_dir / f"{f.path.stem}-redacted.out"
    status, out, err = _run(capfd, ["redact", shown, "--out", str(target), "--json"])
    problem = judge(f, shown, status, out, err)
    if problem is None and status != 0 and target.exists():
        problem = "a file was left at --out after a failure"
    if problem is None and status == 0:
        head = target.read_bytes()[:8] if target.exists() else b""
        if not head.startswith((b"\x89PNG", b"%PDF")):
            problem = f"--out is not a PNG or PDF: {head!r}"
    target.unlink(missing_ok=True)
    return problem


def _check(capfd: pytest.CaptureFixture[str], f: BadFile, valid_case: str) -> str | None:
    shown = f.path.name
    if f.target == "case":
        argv = ["check", shown, "--policy", "appi-default", "--json"]
    else:
        argv = ["check", valid_case, "--policy", shown, "--json"]
    status, out, err = _run(capfd, argv)
    problem = judge(f, shown, status, out, err)
    if problem is None and status == 0:
        decision = json.loads(out)["decision"]
        if decision not in {"verified", "more_documents_needed", "rejected"}:
            problem = f"decision {decision!r}"
    return problem


def _report(problems: list[tuple[BadFile, str]]) -> str:
    return "\n".join(f"{f.kind} {f.path.name}: {p}" for f, p in problems)


def _select(files: list[BadFile], family: str, *, slow: bool) -> list[BadFile]:
    return [f for f in files if f.family == family and (slow or not f.heavy)]


# --- the corpus itself ------------------------------------------------------------------------


def test_corpus_is_large_and_covers_every_kind(bad_files: list[BadFile]) -> None:
    assert len(bad_files) >= 500
    families = {f.family for f in bad_files}
    assert set(IMAGE_FAMILIES) | {"case", "policy"} == families
    kinds = {f.kind for f in bad_files}
    for fmt in ("png", "jpeg", "tiff", "webp", "pdf"):
        assert {f"{fmt}/truncated", f"{fmt}/bit-flipped"} <= kinds
    for kind in ("bomb/png-huge-dimensions", "bomb/png-huge-chunk-length", "pdf-bad/encrypted"):
        assert kind in kinds
    # Bad files are bad: the broken bytes differ from every seed they were made from.
    seeds = {data for _ext, data in corpus.image_seeds(0).values()}
    broken = [f for f in bad_files if f.kind.endswith(("/truncated", "/bit-flipped"))]
    assert not any(f.path.read_bytes() in seeds for f in broken)


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    first = corpus.image_seeds(3)
    assert first == corpus.image_seeds(3)
    data = first["png/rgb"][1]
    rng_a, rng_b = random.Random("x"), random.Random("x")
    assert corpus.bit_flips(data, rng_a) == corpus.bit_flips(data, rng_b)
    assert corpus.case_mistakes() == corpus.case_mistakes()


def test_judge_catches_every_breach(tmp_path: Path) -> None:
    """The verdict itself can fail: each breach of the contract is named."""
    bad = BadFile(tmp_path / "a.png", "png/truncated", "image", corpus.BAD)
    either = BadFile(tmp_path / "a.png", "png/bit-flipped", "image", corpus.EITHER)
    assert judge(bad, "a.png", 2, "", "honnin: a.png: damaged or truncated PNG image\n") is None
    assert judge(bad, "a.png", 0, "{}", "") == "exit 0: "
    assert "exit 4" in str(judge(either, "a.png", 4, "", "honnin: internal error (X)\n"))
    assert judge(bad, "a.png", 2, "", "Traceback (most recent call last):\n") == "traceback"
    assert "2 lines" in str(judge(bad, "a.png", 2, "", "honnin: a.png: bad\nmore\n"))
    assert "does not name" in str(judge(bad, "a.png", 2, "", "honnin: b.png: bad image\n"))
    assert "no problem" in str(judge(bad, "a.png", 2, "", "honnin: a.png: \n"))
    assert "stdout" in str(judge(bad, "a.png", 2, '{"page": 1}\n', "honnin: a.png: bad file\n"))
    good = '{"source": "a.png", "page": 1}\n'
    assert judge(either, "a.png", 0, good, "") is None
    assert "source" in str(judge(either, "a.png", 0, good.replace("a.png", "/x/a.png"), ""))
    assert "stderr not empty" in str(judge(either, "a.png", 0, good, "warning\n"))
    # libtiff's own decoder messages count as extra lines (decode.py silences libtiff).
    noise = "LZWDecode: Not enough data at scanline 0 (short 71 bytes).\n"
    assert "2 lines" in str(judge(bad, "a.png", 2, "", noise + "honnin: a.png: bad image\n"))


# --- in-process, every file -------------------------------------------------------------------


def _scan_family(capfd: pytest.CaptureFixture[str], files: list[BadFile]) -> None:
    assert files
    problems = [(f, p) for f in files if (p := _scan(capfd, f)) is not None]
    assert not problems, _report(problems)


@pytest.mark.usefixtures("in_corpus")
@pytest.mark.parametrize("family", IMAGE_FAMILIES)
def test_scan(capfd: pytest.CaptureFixture[str], bad_files: list[BadFile], family: str) -> None:
    _scan_family(capfd, _select(bad_files, family, slow=False))


@pytest.mark.slow
@pytest.mark.usefixtures("in_corpus")
def test_scan_heavy(capfd: pytest.CaptureFixture[str], bad_files: list[BadFile]) -> None:
    _scan_family(capfd, [f for f in bad_files if f.heavy])


def _redact_sample(files: list[BadFile], *, slow: bool) -> list[BadFile]:
    """Every file in the slow run; otherwise every refused-for-sure file and a third of the
    damaged ones (those may decode and then run the whole pipeline)."""
    if slow:
        return files
    return [f for i, f in enumerate(files) if f.expect == corpus.BAD or i % 3 == 0]


@pytest.mark.usefixtures("in_corpus")
@pytest.mark.parametrize("family", IMAGE_FAMILIES)
def test_redact(
    capfd: pytest.CaptureFixture[str], bad_files: list[BadFile], family: str, tmp_path: Path
) -> None:
    files = _redact_sample(_select(bad_files, family, slow=False), slow=False)
    problems = [(f, p) for f in files if (p := _redact(capfd, f, tmp_path)) is not None]
    assert not problems, _report(problems)


@pytest.mark.slow
@pytest.mark.usefixtures("in_corpus")
def test_redact_every_file(
    capfd: pytest.CaptureFixture[str], bad_files: list[BadFile], tmp_path: Path
) -> None:
    files = [f for f in bad_files if f.target == "image"]
    problems = [(f, p) for f in files if (p := _redact(capfd, f, tmp_path)) is not None]
    assert not problems, _report(problems)


@pytest.mark.usefixtures("in_corpus")
@pytest.mark.parametrize("family", ["case", "policy"])
def test_check(capfd: pytest.CaptureFixture[str], bad_files: list[BadFile], family: str) -> None:
    valid_case = next(f for f in bad_files if f.kind == "case/valid").path.name
    files = [f for f in bad_files if f.family == family]
    assert len(files) >= 30
    problems = [(f, p) for f in files if (p := _check(capfd, f, valid_case)) is not None]
    assert not problems, _report(problems)


# --- through the installed entry point, under a memory limit ----------------------------------


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _honnin(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    if not HONNIN.exists():
        pytest.skip(f"no honnin entry point beside {sys.executable}")
    return subprocess.run(
        [str(HONNIN), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=_limit_memory,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def _subprocess_sample(files: list[BadFile], n: int) -> list[BadFile]:
    """``n`` files: every bomb first, then one of each other kind, then the rest in turn."""
    images = [f for f in files if f.target == "image" and f.kind != "missing/folder"]
    first = [f for f in images if f.family == "bomb"]
    seen = {f.kind for f in first}
    for f in images:
        if f.kind not in seen:
            first.append(f)
            seen.add(f.kind)
    rest = [f for f in images if f not in first]
    return (first + rest[:: max(1, len(rest) // n)])[:n]


def test_batch_under_memory_limit(bad_files: list[BadFile]) -> None:
    """40 files in one `honnin scan` under 2 GiB: bombs refused, the rest one line each."""
    folder = bad_files[0].path.parent
    sample = [f for f in _subprocess_sample(bad_files, 40) if not f.heavy]
    names = [f.path.name for f in sample]
    done = _honnin(["scan", *names, "--json"], folder)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 2, done.stderr[-500:]
    lines = _err_lines(done.stderr)
    failures = [line for line in lines if not re.match(r"^\[\d+/\d+\] ", line)]
    assert all(line.startswith("honnin: ") for line in failures), failures
    failed = {line.split(": ")[1] for line in failures}
    for f in sample:
        if f.expect == corpus.BAD:
            assert f.path.name in failed, f"{f.kind}: no error line"
    reported = {json.loads(text)["source"] for text in done.stdout.splitlines()}
    assert not reported & failed


@pytest.mark.parametrize(
    "kind",
    [
        "bomb/png-zlib-64mp",
        "bomb/png-huge-chunk-length",
        "bomb/jpeg-65535-square",
        "bomb/file-too-large",
        "pdf-bad/encrypted",
        "alien/elf-as-jpg",
    ],
)
def test_one_file_under_memory_limit(bad_files: list[BadFile], kind: str) -> None:
    f = next(f for f in bad_files if f.kind == kind)
    done = _honnin(["scan", f.path.name, "--json"], f.path.parent)
    assert judge(f, f.path.name, done.returncode, done.stdout, done.stderr) is None, done.stderr


@pytest.mark.slow
def test_forty_files_one_by_one_under_memory_limit(
    bad_files: list[BadFile], tmp_path: Path
) -> None:
    """The heavy PDFs included: each file its own process, scan then redact."""
    sample = [f for f in bad_files if f.heavy] + _subprocess_sample(bad_files, 38)
    problems = []
    for f in sample:
        done = _honnin(["scan", f.path.name, "--json"], f.path.parent)
        if (p := judge(f, f.path.name, done.returncode, done.stdout, done.stderr)) is not None:
            problems.append((f, f"scan: {p}"))
        out = tmp_path / "out.bin"
        done = _honnin(["redact", f.path.name, "--out", str(out)], f.path.parent)
        if done.returncode != 0 and out.exists():
            problems.append((f, "redact left a file at --out"))
        if "Traceback" in done.stderr or done.returncode not in f.expect:
            problems.append((f, f"redact: exit {done.returncode} {done.stderr[-200:]}"))
        out.unlink(missing_ok=True)
    assert not problems, _report(problems)
