"""Start-up: importing the app loads no imaging library; --screenshot renders the screens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _python(
    code_or_args: list[str], tmp_path: Path, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # QSettings of the run stay in tmp_path
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_importing_the_app_leaves_cv2_out(tmp_path: Path) -> None:
    code = (
        "import sys, desktop.ui.app, desktop.ui.main_window;"
        "print(sorted(m for m in ('cv2', 'pypdfium2', 'numpy') if m in sys.modules))"
    )
    result = _python(["-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cv2" not in result.stdout
    assert result.stdout.strip() == "[]"


def test_screenshot_writes_every_screen(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    data = tmp_path / "store"
    result = _python(
        ["-m", "desktop", "--screenshot", str(out), "--data-dir", str(data)], tmp_path, 300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    assert names[:5] == [
        "01-first-run.png",
        "02-first-run-admin.png",
        "03-first-run-policy.png",
        "04-sign-in.png",
        "05-main-window.png",
    ]
    for path in out.glob("*.png"):
        blob = path.read_bytes()
        assert blob.startswith(PNG_MAGIC)
        assert len(blob) > 5_000, path.name  # a rendered screen, not an empty image
    # The throwaway demo store is gone; nothing else was written beside it.
    assert list((data / "demo").iterdir()) == []


def test_arguments() -> None:
    from desktop.ui.app import parse_args

    options = parse_args(["--demo", "--data-dir", "somewhere", "--language", "en"])
    assert options.demo
    assert options.data_dir == Path("somewhere")
    assert options.language == "en"
    assert options.screenshot is None
    assert parse_args(["--store", "x"]).data_dir == Path("x")
    assert parse_args(["--idle-minutes", "5"]).idle_minutes == 5
    assert parse_args(["-style", "fusion"]).demo is False  # Qt's own options pass through


def test_demo_opens_the_window_and_removes_its_store(
    qapp: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.app import run
    from desktop.ui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its handler
    seen: list[int] = []

    def event_loop() -> int:
        # Stands in for app.exec(): a real exec() would quit the test's QApplication.
        def shown() -> list[MainWindow]:
            return [
                w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
            ]

        qtbot.waitUntil(lambda: bool(shown()), timeout=10_000)
        window = shown()[0]
        seen.append(window.model.rowCount())
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", event_loop)
    status = run(["honnin-desk", "--demo", "--language", "en", "--data-dir", str(tmp_path)])
    assert status == 0
    assert seen == [30]
    assert list((tmp_path / "demo").iterdir()) == []
