"""Accuracy of the whole scan pipeline on generated pages: type, fields, masks, over-masking.

The normal suite runs a stratified set (every layout once or twice); the full set of 200+
pages runs with ``--run-slow``. A sensitive region counts as masked only when at least 98 % of
its pixels are black in the redacted page, as the issue's acceptance test measures it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pytest

from desktop.imaging.pipeline import analyse
from desktop.imaging.redact import burn
from desktop.imaging.types import Page
from tests.synth.corpus import LAYOUT_NAMES, sample

if TYPE_CHECKING:
    from tests.synth.truth import Box as TruthBox
    from tests.synth.truth import Sample

pytestmark = pytest.mark.tesseract

COVERED = 0.98  # share of a sensitive region's pixels that must be black
OVERMASKED = 0.5  # a non-sensitive field counts as over-masked when this share is black


# The contract matches names after folding these variant kanji (髙/高 ...); OCR cannot tell
# them apart at scan resolution either.
VARIANTS = str.maketrans(
    {
        "髙": "高",
        "﨑": "崎",
        "邉": "辺",
        "邊": "辺",
        "齊": "斎",
        "齋": "斎",
        "濵": "浜",
        "濱": "浜",
        "德": "徳",
    }
)


def fold(text: str) -> str:
    """Compare fields as a reader would: width, case, spaces and variant kanji folded."""
    return "".join(unicodedata.normalize("NFKC", text).upper().split()).translate(VARIANTS)


@dataclass
class Score:
    """Counts over a set of pages."""

    pages: int = 0
    type_ok: int = 0
    fields: int = 0
    fields_ok: int = 0
    regions: int = 0
    regions_ok: int = 0
    plain_fields: int = 0
    plain_masked: int = 0
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / max(self.pages, 1)

    @property
    def field_accuracy(self) -> float:
        return self.fields_ok / max(self.fields, 1)

    @property
    def recall(self) -> float:
        return self.regions_ok / max(self.regions, 1)

    @property
    def over_masking(self) -> float:
        return self.plain_masked / max(self.plain_fields, 1)

    def summary(self) -> str:
        return (
            f"{self.pages} pages: type {self.type_accuracy:.1%}, fields {self.field_accuracy:.1%}"
            f" ({self.fields_ok}/{self.fields}), recall {self.recall:.1%}"
            f" ({self.regions_ok}/{self.regions}), over-masking {self.over_masking:.1%},"
            f" median {float(np.median(self.seconds or [0])):.2f} s/page"
        )


def score_sample(s: Sample, score: Score) -> None:
    """Analyse one generated page, burn its masks in, and count against its truth."""
    analysis = analyse(Page(s.image, s.id, 1, 300))
    burned = np.asarray(burn(s.image, [r.box for r in analysis.sensitive_regions]).convert("L"))
    black = burned == 0
    score.pages += 1
    score.seconds.append(analysis.seconds)
    layout = s.primary.layout
    if analysis.document_type is s.document_type:
        score.type_ok += 1
    else:
        score.failures.append(f"{s.id} {layout}: type {analysis.document_type}")
    for name, expected in s.fields.items():
        score.fields += 1
        got = analysis.fields.get(name)
        if got is not None and fold(got) == fold(expected):
            score.fields_ok += 1
        else:
            score.failures.append(f"{s.id} {layout}: {name} {got!r} != {expected!r}")
    for region in s.sensitive_regions:
        b = region.box
        score.regions += 1
        patch = black[b.y : b.bottom, b.x : b.right]
        covered = float(patch.mean()) if patch.size else 0.0
        if covered >= COVERED:
            score.regions_ok += 1
        else:
            score.failures.append(f"{s.id} {layout}: {region.kind} only {covered:.0%} masked")
    sensitive_boxes = [r.box for r in s.sensitive_regions]
    for doc in s.documents:
        if doc.layout == "my_number_card/back":
            continue  # masked whole by design (DESIGN.md): its fields are not over-masking
        for text in doc.texts:
            if text.field is None or any(text.box.iou(b) > 0.5 for b in sensitive_boxes):
                continue
            b = text.box
            patch = black[b.y : b.bottom, b.x : b.right]
            if not patch.size:
                continue
            score.plain_fields += 1
            if float(patch.mean()) >= OVERMASKED:
                score.plain_masked += 1
                score.failures.append(f"{s.id} {layout}: {text.field} over-masked")


def run(seed: int, n: int) -> Score:
    score = Score()
    for i in range(n):
        score_sample(sample(seed, i), score)
    return score


# The acceptance thresholds (asserted on the full set of 200+ pages).
TARGETS = {"recall": 1.0, "type": 0.98, "fields": 0.95, "over_masking": 0.05}
# Regression floors for the quick stratified set: below the targets, which are not all met
# yet (see the report in docs/benchmarks.md, "Scan"); they keep what works from breaking.
FLOORS = {"recall": 0.9, "type": 0.85, "fields": 0.6, "over_masking": 0.05}


def check(score: Score, limits: dict[str, float]) -> None:
    print(score.summary())
    for line in score.failures[:80]:
        print("  ", line)
    assert score.recall >= limits["recall"]
    assert score.type_accuracy >= limits["type"]
    assert score.field_accuracy >= limits["fields"]
    assert score.over_masking <= limits["over_masking"]


def _turned(box: TruthBox, size: tuple[int, int], degrees: int) -> tuple[int, int, int, int]:
    """``(x0, y0, x1, y1)`` of a page box once the page is turned clockwise by ``degrees``."""
    width, height = size
    if degrees == 90:
        return height - box.bottom, box.x, height - box.y, box.right
    if degrees == 270:
        return box.y, width - box.right, box.bottom, width - box.x
    return box.x, box.y, box.right, box.bottom


# Pages the first version missed: vertical 戸籍謄本 whose 本籍 column went unread (upright
# photocopy; photo whose columns the profile test missed), a passport photographed a quarter
# turned (its labels lost: the MRZ tells which way is up and where the 本籍 is); a blurred
# photo of a vertical register (its columns readable only as one vertical block), an
# insurance card turned a quarter on a photocopy (Tesseract reads its lines top to bottom
# well enough to look like a good upright read).
@pytest.mark.parametrize(("index", "degrees"), [(84, 0), (71, 0), (31, 0), (168, 0), (140, 0)])
def test_header_and_domicile_of_hard_pages(index: int, degrees: int) -> None:
    s = sample(7, index)
    image = s.image.rotate(-degrees, expand=True) if degrees else s.image  # PIL: anticlockwise
    analysis = analyse(Page(image, s.id, 1, 300))
    burned = np.asarray(burn(image, [r.box for r in analysis.sensitive_regions]).convert("L"))
    assert s.sensitive_regions
    for region in s.sensitive_regions:
        x0, y0, x1, y1 = _turned(region.box, s.image.size, degrees)
        assert float((burned[y0:y1, x0:x1] == 0).mean()) >= COVERED, region


def test_stratified_set() -> None:
    """Every layout version once, degraded as the generator degrades them."""
    check(run(seed=20261123, n=len(LAYOUT_NAMES)), FLOORS)


@pytest.mark.slow
def test_full_set_of_200_pages() -> None:
    check(run(seed=7, n=210), TARGETS)
