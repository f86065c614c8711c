"""Finding and reading machine-readable zones on generated pages and on real specimens."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from desktop.core.mrz import MrzFormat, parse, validate
from desktop.imaging.mrz import classify, find_font, read_mrz
from tests.imaging.mrz_synth import make_page

TODAY = date(2026, 11, 23)
SPECIMENS = Path(__file__).resolve().parents[2] / ".." / "shared" / "specimens"
CONTRACT_KEYS = {
    "format", "valid", "surname", "given_names", "number", "nationality", "birth_date", "sex",
    "expiry_date",
}  # fmt: skip

pytestmark = pytest.mark.skipif(find_font() is None, reason="fonts-ocr-b is not installed")


def _manifest() -> list[dict[str, object]]:
    path = SPECIMENS / "manifest.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _specimen(entry: dict[str, object]) -> np.ndarray:
    image = cv2.imread(str(SPECIMENS / "images" / str(entry["name"])), cv2.IMREAD_COLOR)
    assert image is not None
    return image


@pytest.mark.parametrize(
    ("seed", "fmt", "capture"),
    [
        (1, MrzFormat.TD3, "scan"),
        (2, MrzFormat.TD3, "photo"),
        (3, MrzFormat.TD1, "scan"),
        (4, MrzFormat.TD1, "photo"),
        (5, MrzFormat.TD2, "scan"),
        (6, MrzFormat.MRVA, "scan"),
        (7, MrzFormat.MRVB, "photo"),
        (8, MrzFormat.TD3, "scan"),
    ],
)
def test_generated_pages_read_exactly(seed: int, fmt: MrzFormat, capture: str) -> None:
    page = make_page(seed, fmt, capture)
    assert validate(page.lines)
    found = read_mrz(page.image, today=TODAY)
    assert found is not None
    assert found.result.valid, found.result.failed_checks
    assert found.result.lines == page.lines
    assert found.result.format is fmt
    contract = found.result.to_contract()
    assert set(contract) == CONTRACT_KEYS
    assert contract["surname"] == page.surname
    assert contract["given_names"] == page.given_names
    assert contract["number"] == page.number
    assert contract["birth_date"] == page.birth_date
    assert contract["expiry_date"] == page.expiry_date
    # The page was turned clockwise by page.rotation; turning it back makes it upright.
    assert (found.rotation + page.rotation) % 360 == 0
    height, width = page.image.shape[:2]
    box = found.box
    assert box.x >= 0
    assert box.y >= 0
    assert box.right <= width
    assert box.bottom <= height
    wide = box.w > box.h
    assert wide == (page.rotation in (0, 180))


def test_most_generated_pages_are_valid() -> None:
    """A batch of random pages (any format, scan or photo, any quarter turn)."""
    seeds = range(100, 112)
    read = [read_mrz(make_page(seed).image, today=TODAY) for seed in seeds]
    valid = [r for r in read if r is not None and r.result.valid]
    assert len(valid) >= 10


def test_pages_without_a_zone_give_none_or_invalid() -> None:
    blank = np.full((1200, 900, 3), 245, np.uint8)
    assert read_mrz(blank, today=TODAY) is None
    text = blank.copy()
    rng = np.random.default_rng(3)
    for row in range(12):
        words = "".join(rng.choice(list("abcdefghij klmnop qrstuv wxyz")) for _ in range(40))
        cv2.putText(text, words, (40, 80 + row * 60), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20,) * 3, 2)
    found = read_mrz(text, today=TODAY)
    assert found is None or not found.result.valid
    assert read_mrz(np.zeros((10, 10), np.uint8), today=TODAY) is None


def test_gray_and_bgra_inputs() -> None:
    page = make_page(11, MrzFormat.TD3, "scan")
    gray = cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY)
    bgra = cv2.cvtColor(page.image, cv2.COLOR_BGR2BGRA)
    for image in (gray, bgra):
        found = read_mrz(image, today=TODAY)
        assert found is not None
        assert found.result.valid
        # The data line is covered by check digits; a name letter is not (E may read as F).
        assert found.result.lines[1] == page.lines[1]


def test_classify_accepts_an_empty_batch() -> None:
    guesses, scores = classify(np.zeros((0, 24, 20), np.float32), np.zeros(0))
    assert guesses == []
    assert len(scores) == 0


@pytest.mark.skipif(not _manifest(), reason="specimen folder absent")
def test_real_specimens() -> None:
    """Real documents: every valid ICAO zone read exactly enough to validate, no false zone."""
    valid_expected = 0
    valid_read = 0
    exact = 0
    for entry in _manifest():
        found = read_mrz(_specimen(entry), today=TODAY)
        if entry["kind"] != "mrz":
            # Japanese licences and My Number cards carry no zone.
            assert found is None or not found.result.valid, entry["name"]
            continue
        if entry["check_digits_valid"]:
            valid_expected += 1
            if found is not None and found.result.valid:
                valid_read += 1
                exact += list(found.result.lines) == entry["mrz_lines"]
                # Check digits cover the number and the dates: a valid read has them right.
                printed = _parse_printed(entry)
                for key in ("number", "birth_date", "expiry_date"):
                    assert found.result.to_contract()[key] == printed[key], entry["name"]
        else:
            # Zones that are invalid as printed must not come out valid.
            assert found is None or not found.result.valid, entry["name"]
    assert valid_expected >= 10
    assert valid_read >= valid_expected - 4
    assert exact >= valid_read - 2  # names carry no check digit: an odd letter may slip


def _parse_printed(entry: dict[str, object]) -> dict[str, object]:
    result = parse([str(line) for line in entry["mrz_lines"]], today=TODAY)  # type: ignore[attr-defined]
    assert result is not None
    return result.to_contract()


def test_without_the_font_nothing_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.imaging import mrz

    def missing() -> None:
        raise FileNotFoundError("no OCR-B")

    monkeypatch.setattr(mrz, "prepare", missing)
    page = make_page(12, MrzFormat.TD3, "scan")
    assert mrz.read_mrz(page.image, today=TODAY) is None
