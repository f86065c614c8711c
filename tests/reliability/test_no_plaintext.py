"""No plaintext, no traces: personal fields appear in no file the desk writes, nor in its logs.

A full flow (tests/reliability/flow.py: invented people drawn by tests/synth, pages scanned
or masked, decisions, letters, disposal, a backup) runs against a real store with HOME, the
XDG folders and the temporary folder pointed at fresh folders; then every byte under the
store's folder (database, WAL and SHM while open, key-slot file, lock, backup), HOME and the
temporary folder is searched for every personal field (names, folded name keys, addresses,
birth dates, document and card numbers) in UTF-8, UTF-16-LE and UTF-16-BE. The log records
of the flow (DEBUG) are searched too. The same flow in a process of its own runs under
strace: every file it opens for writing must lie in the store's folder. The desktop app's
``--demo`` runs offscreen for a few seconds the same way, and what it leaves under HOME is
searched for the demo's invented people.

Rerun: ``.venv/bin/pytest tests/reliability/test_no_plaintext.py -s`` (``-s`` prints the
bytes searched and the matches found); ``--run-slow`` adds a longer flow (16 cases).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile  # noqa: TID251 - only to point Python's temp folder at a watched one
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desktop.core.matching import fold_address, fold_name
from desktop.store.cases import name_key
from tests.clock import Clock
from tests.reliability import flow

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

REPO = Path(__file__).resolve().parents[2]
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="the Tesseract engine is not installed"
)


def strace_works() -> bool:
    """Whether strace is installed and may trace here (containers may forbid ptrace)."""
    if shutil.which("strace") is None:
        return False
    done = subprocess.run(
        ["strace", "-f", "-qq", "-o", os.devnull, "true"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return done.returncode == 0


needs_strace = pytest.mark.skipif(not strace_works(), reason="strace missing or ptrace forbidden")


# --------------------------------------------------------------------------- searching


@dataclass
class Search:
    """Needles in every encoding, and what searching found."""

    needles: Sequence[str]
    bytes_searched: int = 0
    files: int = 0
    matches: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._encoded = [(n, enc, n.encode(enc)) for n in self.needles for enc in ENCODINGS]

    def data(self, data: bytes, where: str) -> None:
        self.bytes_searched += len(data)
        for needle, encoding, encoded in self._encoded:
            if encoded in data:
                self.matches.append(f"{where}: {needle!r} ({encoding})")

    def tree(self, *roots: Path) -> None:
        for root in roots:
            for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
                if path.is_file() and not path.is_symlink():
                    self.files += 1
                    self.data(path.read_bytes(), str(path))

    def text(self, text: str, where: str) -> None:
        self.data(text.encode("utf-8"), where)

    def figure(self, label: str) -> str:
        return (
            f"{label}: {len(self.needles)} personal fields × {len(ENCODINGS)} encodings, "
            f"{self.files} files, {self.bytes_searched} bytes searched, "
            f"{len(self.matches)} matches"
        )


def test_the_search_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The control: a field written in any of the encodings is found, in a file or a log."""
    needle = "架空 花子"
    for number, encoding in enumerate(ENCODINGS):
        (tmp_path / f"f{number}").write_bytes(b"\x00junk" + needle.encode(encoding) + b"junk")
    search = Search([needle])
    search.tree(tmp_path)
    search.text(f"opened case for {needle}", "log")
    assert len(search.matches) == len(ENCODINGS) + 1


# --------------------------------------------------------------------------- environment


@dataclass(frozen=True)
class Private:
    """Fresh folders for one run: the data root (store, backups), HOME and the temp dir."""

    data: Path
    home: Path
    tmp: Path

    @property
    def store(self) -> Path:
        return self.data / "store"

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("XDG_", "PYTEST_", "COV_")) and k not in {"HOME", "TMPDIR"}
        }
        env.update(
            HOME=str(self.home),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            XDG_RUNTIME_DIR=str(self.home / "run"),
            TMPDIR=str(self.tmp),
            TMP=str(self.tmp),
            TEMP=str(self.tmp),
            QT_QPA_PLATFORM="offscreen",
            OMP_THREAD_LIMIT="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env


@pytest.fixture
def private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Private:
    made = Private(tmp_path / "data", tmp_path / "home", tmp_path / "tmp")
    for folder in (made.data, made.home, made.tmp, made.home / "run"):
        folder.mkdir(parents=True)
    (made.home / "run").chmod(0o700)
    for key, value in made.env().items():
        if key in {"HOME", "TMPDIR", "TMP", "TEMP", "OMP_THREAD_LIMIT"} or key.startswith("XDG_"):
            monkeypatch.setenv(key, value)
    monkeypatch.setattr(tempfile, "tempdir", str(made.tmp))
    return made


CASE_ID = re.compile(r"\b\d{4}-\d{6}\b")
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
LONG_NUMBER = re.compile(r"\d{5,}|\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}")


def log_is_shapeless(record: logging.LogRecord) -> bool:
    """Whether a record of the desk carries only what logs may: case numbers, ids, counts,
    codes and timings — no Japanese text (names, addresses) and, besides case numbers, no
    long number or date (birth dates, card numbers). Other libraries' records pass."""
    if not record.name.startswith("desktop"):
        return True
    text = CASE_ID.sub("", record.getMessage())
    return not JAPANESE.search(text) and not LONG_NUMBER.search(text)


def test_the_log_rule_refuses_personal_shapes() -> None:
    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("desktop.x", logging.INFO, "", 0, message, None, None)

    assert log_is_shapeless(record("case 2026-000004: 1 document(s) added in 0.152 s"))
    for bad in ("case for 架空 花子", "born 1990-01-02", "card 625829269828", "ｱｲｳ"):
        assert not log_is_shapeless(record(bad))


def _needles(count: int) -> list[str]:
    found = flow.needles(count)
    assert len(found) >= 4 * count  # names, keys, addresses, dates, numbers of each person
    return found


# --------------------------------------------------------------------------- in-process flow


def _flow_leaves_no_plaintext(
    private: Private, tmp_path: Path, caplog: pytest.LogCaptureFixture, count: int, scanned: int
) -> None:
    cases = flow.make_inputs(tmp_path / "inputs", count, scanned=scanned)
    search = Search(_needles(count))
    caplog.set_level(logging.DEBUG)
    sessions = flow.run_flow(private.store, cases, Clock())
    try:
        # The control: the fields are in the store (decrypted), so the needles are the right ones.
        stored = {
            str(row[0])
            for row in sessions[0].store.connection.execute("SELECT name FROM persons")  # type: ignore[attr-defined]
        }
        assert {c.intake["principal"]["name"] for c in cases} <= stored
        wal = private.store / "honnin.db-wal"
        assert wal.stat().st_size > 0  # searched while the WAL holds pages
        search.tree(private.data, private.home, private.tmp)
    finally:
        for session in sessions:
            session.store.close()
    search.tree(private.data, private.home, private.tmp)
    for record in caplog.records:
        search.text(record.getMessage(), f"log {record.name}")
        if record.exc_text:
            search.text(record.exc_text, f"log {record.name} (traceback)")
    shapeless = [r.getMessage() for r in caplog.records if not log_is_shapeless(r)]
    assert not shapeless, f"log messages that look like personal data: {shapeless}"
    assert list(private.tmp.iterdir()) == []  # nothing in the temporary folder at all
    assert caplog.records  # the services do log (ids and counts)
    print(
        "\n"
        + search.figure(f"no-plaintext flow ({count} cases, {len(caplog.records)} log records)")
    )
    assert not search.matches, "\n".join(search.matches)


@needs_tesseract
@pytest.mark.tesseract
def test_a_full_flow_leaves_no_plaintext(
    private: Private, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _flow_leaves_no_plaintext(private, tmp_path, caplog, count=4, scanned=2)


@needs_tesseract
@pytest.mark.tesseract
@pytest.mark.slow
def test_a_long_flow_leaves_no_plaintext(
    private: Private, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _flow_leaves_no_plaintext(private, tmp_path, caplog, count=16, scanned=8)


# --------------------------------------------------------------------------- under strace

SYSCALLS = (
    "open", "openat", "openat2", "creat", "rename", "renameat", "renameat2",
    "mkdir", "mkdirat", "link", "linkat", "symlink", "symlinkat",
)  # fmt: skip
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")
_OPEN = re.compile(r'^\d+\s+(open|openat|openat2|creat)\((?:[^,]+, )?"([^"]*)", ([^,)]+)')
_PATHS = re.compile(
    r'^\d+\s+(rename|renameat2?|mkdir|mkdirat|link|linkat|symlink|symlinkat)\(.*?"([^"]*)"(?:.*?"([^"]*)")?'
)


def written_paths(trace: str, cwd: Path) -> set[Path]:
    """Every path the traced processes opened for writing, created, renamed to or made."""
    out: set[str] = set()
    for line in trace.splitlines():
        if " = -1 " in line:  # failed calls wrote nothing
            continue
        opened = _OPEN.match(line)
        if opened and any(flag in opened.group(3) for flag in WRITE_FLAGS):
            out.add(opened.group(2))
            continue
        made = _PATHS.match(line)
        if made:
            out.add(made.group(3) or made.group(2))
    return {Path(p) if p.startswith("/") else cwd / p for p in out}


def test_the_trace_reader_sees_writes(tmp_path: Path) -> None:
    """The control: opens for writing, creations and renames are seen; reads and failures not."""
    trace = "\n".join(
        [
            '7 openat(AT_FDCWD, "/a/read", O_RDONLY|O_CLOEXEC) = 3',
            '7 openat(AT_FDCWD, "/a/new", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3',
            '7 openat(AT_FDCWD, "/a/rw", O_RDWR|O_CLOEXEC) = 4',
            '7 openat(AT_FDCWD, "/a/missing", O_WRONLY|O_CREAT, 0600) = -1 ENOENT (No such file)',
            '8 rename("/a/x.new", "/a/x") = 0',
            '8 mkdir("rel", 0777) = 0',
        ]
    )
    assert written_paths(trace, tmp_path) == {
        Path("/a/new"),
        Path("/a/rw"),
        Path("/a/x"),
        tmp_path / "rel",
    }
    assert _outside(written_paths(trace, tmp_path), [Path("/a")]) == [tmp_path / "rel"]


def _outside(paths: Iterable[Path], allowed: Sequence[Path]) -> list[Path]:
    return sorted(
        p
        for p in paths
        if not str(p).startswith(("/dev/", "/proc/"))
        and not any(p == a or a in p.parents for a in allowed)
    )


def _traced(
    argv: Sequence[str], private: Private, tmp_path: Path, timeout: float
) -> tuple[subprocess.CompletedProcess[str], set[Path]]:
    trace = tmp_path / "trace.txt"
    syscalls = ",".join(SYSCALLS)
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", f"trace={syscalls}", "-o", str(trace), *argv],
        cwd=REPO,
        env=private.env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return done, written_paths(trace.read_text("utf-8", "replace"), REPO)


@needs_tesseract
@needs_strace
@pytest.mark.tesseract
def test_the_flow_writes_only_into_its_store(private: Private, tmp_path: Path) -> None:
    """Scanning, masking, deciding, letters, disposal and backup open no file for writing
    outside the store's folder (no temp file, no cache); the DEBUG log has no personal field."""
    count = 2
    cases = flow.make_inputs(tmp_path / "inputs", count, scanned=1)
    spec = tmp_path / "inputs" / "spec.json"
    flow.write_spec(spec, cases)
    done, written = _traced(
        [sys.executable, "-m", "tests.reliability.flow", str(private.store), str(spec)],
        private,
        tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outside = _outside(written, [private.data])
    assert not outside, f"written outside the store: {outside}"
    assert any(private.store in p.parents for p in written)  # the trace saw the store's writes
    lines = [line.split(":", 2) for line in done.stderr.splitlines() if line.count(":") >= 2]
    records = [
        logging.LogRecord(name, logging.DEBUG, "", 0, message, None, None)
        for _level, name, message in lines
    ]
    assert any(r.name.startswith("desktop") for r in records), done.stderr[-2000:]
    assert all(log_is_shapeless(r) for r in records), done.stderr
    search = Search(_needles(count))
    search.text(done.stderr, "stderr (DEBUG log)")
    search.text(done.stdout, "stdout")
    search.tree(private.data, private.home, private.tmp)
    print("\n" + search.figure(f"traced flow ({len(written)} paths written, 0 outside the store)"))
    assert not search.matches, "\n".join(search.matches)


# --------------------------------------------------------------------------- the demo app

DEMO_DRIVER = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.ui.app import run

needles = [
    n.encode(e) for n in json.loads(Path(sys.argv[1]).read_text("utf-8"))
    for e in ("utf-8", "utf-16-le", "utf-16-be")
]
app = QApplication(sys.argv[:1])
seen = []

def search_home():
    # While the window is up: the demo store (database, WAL, SHM, key slots) and settings.
    files = size = found = 0
    for root, _dirs, names in os.walk(os.environ["HOME"]):
        for name in names:
            data = Path(root, name).read_bytes()
            files, size = files + 1, size + len(data)
            found += sum(n in data for n in needles)
    print("live HOME:", files, "files,", size, "bytes,", found, "matches", flush=True)

def tick():
    from desktop.ui.main_window import MainWindow
    if any(isinstance(w, MainWindow) and w.isVisible() for w in app.topLevelWidgets()):
        seen.append(1)
    if len(seen) >= SECONDS * 5:
        timer.stop()
        search_home()
        app.quit()

timer = QTimer()
timer.timeout.connect(tick)
timer.start(200)
status = run(["honnin-desk", "--demo", "--language", "en"])
print("window shown for", len(seen) / 5, "s", flush=True)
sys.exit(status)
"""


def demo_needles() -> list[str]:
    """The demo's invented people: names (and their folded keys), birth dates, addresses."""
    from desktop.ui import demo

    out: set[str] = set()
    for name, birth, address in demo.PEOPLE:
        out |= {name, name.replace(" ", ""), fold_name(name), name_key(name), birth, address}
        out.add(fold_address(address))
    return sorted(n for n in out if len(n.encode("utf-8")) >= flow.MIN_BYTES)


@needs_strace
def test_the_demo_app_leaves_no_personal_field(private: Private, tmp_path: Path) -> None:
    """`honnin-desk --demo` offscreen for 3 s: what it writes under HOME (settings, caches)
    holds none of the demo's people, and it writes nothing outside HOME and its temp dir."""
    driver = DEMO_DRIVER.replace("SECONDS", "3")
    wanted = tmp_path / "needles.json"
    wanted.write_text(json.dumps(demo_needles(), ensure_ascii=False), "utf-8")
    done, written = _traced(
        [sys.executable, "-c", driver, str(wanted)], private, tmp_path, timeout=180
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "window shown for 3.0 s" in done.stdout, done.stdout + done.stderr[-2000:]
    live = re.search(r"live HOME: (\d+) files, (\d+) bytes, (\d+) matches", done.stdout)
    assert live is not None, done.stdout
    assert int(live.group(1)) >= 3  # the demo store was there to search
    assert int(live.group(3)) == 0, done.stdout
    outside = _outside(written, [private.home, private.tmp])
    assert not outside, f"written outside HOME: {outside}"
    search = Search(demo_needles())
    search.text(done.stderr, "stderr")
    search.text(done.stdout, "stdout")
    search.tree(private.home, private.tmp)
    assert not (private.home / ".local" / "share" / "HonninDesk" / "demo").exists() or not any(
        (private.home / ".local" / "share" / "HonninDesk" / "demo").iterdir()
    )  # the demo store is removed when the app ends
    print("\n" + search.figure(f"demo app ({len(written)} paths written)") + f"; {live.group(0)}")
    print("  " + "\n  ".join(str(p.relative_to(tmp_path)) for p in sorted(written)))
    assert not search.matches, "\n".join(search.matches)
