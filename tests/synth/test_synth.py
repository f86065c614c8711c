"""The synthetic document generator itself: check digits, determinism, coverage, boxes on ink."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pytest
from PIL import Image, ImageOps

from desktop.core.documents import DocumentType, FieldName, SensitiveKind, spec
from tests.synth import LAYOUT_NAMES, generate, sample, write_corpus, write_pdf
from tests.synth.corpus import render_with_truth
from tests.synth.documents import available_faces, cjk_faces
from tests.synth.numbers import (
    era_date,
    is_valid_my_number,
    kanji_numeral,
    mrz_check_digit,
    my_number_check_digit,
    td3_valid,
)

if TYPE_CHECKING:
    from pathlib import Path

    from tests.synth.truth import Box, Sample

SEED = 20261123


@pytest.fixture(scope="module")
def corpus() -> list[Sample]:
    """Three runs of every layout, truth only (cheap)."""
    return generate(3 * len(LAYOUT_NAMES), SEED)


# --- numbers ---------------------------------------------------------------------------------


def test_my_number_check_digit_follows_the_published_rule() -> None:
    # 123456789018 is the example number of the Digital Agency's guidance.
    assert my_number_check_digit("12345678901") == 8
    assert is_valid_my_number("123456789018")
    assert not is_valid_my_number("123456789012")
    # r ≤ 1 gives 0: 11 zeros and a 1 in the last weighted place sum to 2 → 11 - 2 = 9
    assert my_number_check_digit("00000000001") == 9
    assert my_number_check_digit("00000000000") == 0


def test_mrz_check_digits_match_the_icao_specimen() -> None:
    # ICAO Doc 9303 part 4, the specimen passport of Utopia.
    assert mrz_check_digit("L898902C3") == "6"
    assert mrz_check_digit("740812") == "2"
    assert mrz_check_digit("120415") == "9"
    assert td3_valid("L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    assert not td3_valid("L898902C37UTO7408122F1204159ZE184226B<<<<<10")


def test_era_dates_and_kanji_numerals() -> None:
    assert era_date(date(2025, 5, 12)) == "令和7年5月12日"
    assert era_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert era_date(date(1989, 1, 7)) == "昭和64年1月7日"
    assert era_date(date(1989, 1, 8)) == "平成元年1月8日"
    assert era_date(date(1985, 4, 12), kanji=True) == "昭和六十年四月十二日"
    assert kanji_numeral(24) == "二十四"
    assert kanji_numeral(1999) == "千九百九十九"


# --- the set ---------------------------------------------------------------------------------


def test_every_type_and_layout_version_is_produced(corpus: list[Sample]) -> None:
    first_run = corpus[: len(LAYOUT_NAMES)]
    assert {s.primary.layout for s in first_run} == set(LAYOUT_NAMES)
    types = {s.document_type for s in corpus}
    assert types == set(DocumentType) - {DocumentType.UNKNOWN}
    # both layouts the catalogue's masking rules depend on are there
    assert {"drivers_license/pre_ic", "drivers_license/ic", "my_number_card/back"} <= {
        s.primary.layout for s in first_run
    }


def test_same_seed_same_pages_other_seed_other_pages() -> None:
    a, b = generate(4, 7), generate(4, 7)
    assert [s.truth_json() for s in a] == [s.truth_json() for s in b]
    assert [s.truth_json() for s in generate(2, 7)] == [s.truth_json() for s in a[:2]]
    assert np.array_equal(np.asarray(a[3].image), np.asarray(sample(7, 3).image))
    assert [s.truth_json()["fields"] for s in generate(4, 8)] != [
        s.truth_json()["fields"] for s in a
    ]


@pytest.mark.parametrize("index", [0, 1, 2, 3, 5, 8, 13])
def test_cheap_truth_equals_the_truth_of_the_drawing(index: int) -> None:
    cheap = sample(SEED, index)
    drawn = render_with_truth(SEED, index)
    assert drawn.documents == cheap.documents
    assert drawn.size == cheap.size
    assert drawn.image is not None
    assert drawn.image.size == cheap.size


def _all_boxes(s: Sample) -> list[Box]:
    return [b for d in s.documents for b in (d.box, *(t.box for t in d.texts))] + [
        r.box for r in s.sensitive_regions
    ]


def test_every_box_lies_inside_the_page(corpus: list[Sample]) -> None:
    for s in corpus:
        for box in _all_boxes(s):
            assert box.inside(s.width, s.height), (s.id, box, s.size)
        for doc in s.documents:
            spans = (doc.box.x == 0 and doc.box.right == s.width) or (
                doc.box.y == 0 and doc.box.bottom == s.height
            )
            if spans:
                continue  # a skewed sheet as wide as the scanner glass: its corners are cut off
            for x, y in doc.quad:
                assert -1 <= x <= s.width + 1
                assert -1 <= y <= s.height + 1


def test_pages_are_a4_at_300_dpi_or_phone_photos(corpus: list[Sample]) -> None:
    for s in corpus:
        if s.capture == "scan":
            assert sorted(s.size) == [2480, 3508], s.id
        else:
            assert s.capture == "photo"
    assert {s.capture for s in corpus} == {"scan", "photo"}
    assert {d.rotation for s in corpus for d in s.documents} == {0, 90, 180, 270}
    assert any(len(s.documents) > 1 for s in corpus)


def test_sensitive_kinds_are_those_the_catalogue_masks(corpus: list[Sample]) -> None:
    for s in corpus:
        for doc in s.documents:
            allowed = spec(doc.document_type).masked
            kinds = [r.kind for r in doc.sensitive]
            assert set(kinds) <= allowed, (doc.layout, kinds)
            if doc.layout == "drivers_license/pre_ic":
                assert kinds == [SensitiveKind.PERMANENT_DOMICILE]
            if doc.layout in ("drivers_license/ic", "my_number_card/front"):
                assert kinds == []
            if doc.layout == "my_number_card/back":
                assert kinds == [SensitiveKind.INDIVIDUAL_NUMBER] * 2  # number and QR code
                assert is_valid_my_number(doc.extra["my_number"])
            if doc.layout == "passport/2020":
                assert kinds == [SensitiveKind.PERMANENT_DOMICILE]
            if doc.document_type is DocumentType.HEALTH_INSURANCE_CARD:
                assert kinds.count(SensitiveKind.INSURER_NUMBER) == 1
                assert kinds.count(SensitiveKind.INSURED_SYMBOL_NUMBER) >= 3  # 記号 番号 枝番
            if doc.document_type is DocumentType.PENSION_BOOK:
                assert kinds == [SensitiveKind.BASIC_PENSION_NUMBER]
            if doc.document_type is DocumentType.FAMILY_REGISTER:
                assert len(kinds) >= 2  # 本籍 (one box a line) and 筆頭者
            if doc.document_type in (DocumentType.REGISTERED_MATTERS_CERTIFICATE,):
                assert kinds == [SensitiveKind.PERMANENT_DOMICILE]


def test_residence_certificates_vary_what_they_print(corpus: list[Sample]) -> None:
    certs = [s.primary for s in corpus if s.document_type is DocumentType.RESIDENCE_CERTIFICATE]
    kinds = [{r.kind for r in d.sensitive} for d in certs]
    more = generate(6, SEED + 1, layouts=["residence_certificate/individual"])
    kinds += [{r.kind for r in s.primary.sensitive} for s in more]
    assert any(SensitiveKind.INDIVIDUAL_NUMBER in k for k in kinds)
    assert any(SensitiveKind.INDIVIDUAL_NUMBER not in k for k in kinds)
    assert any(SensitiveKind.RESIDENT_RECORD_CODE in k for k in kinds)
    loose = [
        s.primary.extra["loose_my_number"] for s in more if "loose_my_number" in s.primary.extra
    ]
    loose += [d.extra["loose_my_number"] for d in certs if "loose_my_number" in d.extra]
    assert loose, "some certificate should print a My Number without its label"
    assert all(is_valid_my_number(n) for n in loose)


ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_fields_are_shaped_as_the_contract_wants(corpus: list[Sample]) -> None:
    for s in corpus:
        for doc in s.documents:
            assert set(doc.fields) <= spec(doc.document_type).fields, doc.layout
            assert FieldName.NAME in doc.fields
            name = doc.fields[FieldName.NAME]
            assert name.count(" ") == 1 or doc.document_type is DocumentType.RESIDENCE_CARD
            assert not name.startswith(" ")
            assert not name.endswith(" ")
            for key in (FieldName.BIRTH_DATE, FieldName.EXPIRY_DATE, FieldName.ISSUED_ON):
                if key in doc.fields:
                    assert ISO.match(doc.fields[key]), (doc.layout, key, doc.fields[key])
                    date.fromisoformat(doc.fields[key])
            for key in doc.fields:  # every field has at least one printed box
                assert any(t.field == key for t in doc.texts), (doc.layout, key)


def test_passport_mrz_is_valid_and_agrees_with_the_fields(corpus: list[Sample]) -> None:
    passports = [d for s in corpus for d in s.documents if d.document_type is DocumentType.PASSPORT]
    assert passports
    for doc in passports:
        assert doc.mrz is not None
        line1, line2 = doc.mrz.lines
        assert len(line1) == len(line2) == 44
        assert re.fullmatch(r"[A-Z0-9<]{44}", line1 + line2[:0])
        assert re.fullmatch(r"[A-Z0-9<]{44}", line2)
        assert td3_valid(line2)
        assert line1.startswith("P<JPN")
        assert doc.mrz.number == doc.fields[FieldName.DOCUMENT_NUMBER]
        assert doc.mrz.birth_date == doc.fields[FieldName.BIRTH_DATE]
        assert doc.mrz.expiry_date == doc.fields[FieldName.EXPIRY_DATE]
        assert f"{doc.mrz.surname} {doc.mrz.given_names}" == doc.fields[FieldName.NAME]
        assert sum(t.role == "mrz" for t in doc.texts) == 2


def test_several_fonts_are_used() -> None:
    faces = available_faces()
    assert "ocr_b" in faces, "fonts-ocr-b is needed for the MRZ"
    assert len(cjk_faces()) >= 2


# --- pixels ----------------------------------------------------------------------------------


def _luma(image: Image.Image, box: Box) -> np.ndarray:
    crop = image.crop((box.x, box.y, box.right, box.bottom)).convert("L")
    return np.asarray(crop, dtype=np.float32)


def test_sensitive_boxes_cover_drawn_ink_on_clean_pages() -> None:
    pages = generate(len(LAYOUT_NAMES), SEED, clean=True)
    checked = 0
    for s in pages:
        image = s.image
        assert image.mode == "RGB"
        assert image.size == s.size
        for region in s.sensitive_regions:
            pixels = _luma(image, region.box)
            ink = pixels < 120
            assert ink.mean() > 0.03, (s.id, region)
            # the box is tight: its border rows and columns are not all ink
            assert pixels.max() > 200, (s.id, region)
            checked += 1
    assert checked >= 10


def test_sensitive_boxes_follow_rotation_skew_and_perspective() -> None:
    checked = 0
    for capture in ("scan", "photo"):
        for s in generate(len(LAYOUT_NAMES), SEED + 2, capture=capture):
            if not s.sensitive_regions:
                continue
            image = s.image
            for region in s.sensitive_regions:
                pixels = _luma(image, region.box)
                spread = np.percentile(pixels, 98) - np.percentile(pixels, 2)
                assert spread > 40, (s.id, s.degradations, region)
                checked += 1
            # the same box moved away from the ink shows only background
            doc = s.primary
            blank = [t.box for t in doc.texts]
            assert blank
    assert checked >= 20


def test_text_boxes_are_where_the_text_is_after_a_quarter_turn() -> None:
    s = next(
        s for s in generate(60, SEED + 3, layouts=["my_number_card/back"]) if s.primary.rotation
    )
    image = s.image
    for region in s.primary.sensitive:
        pixels = _luma(image, region.box)
        assert np.percentile(pixels, 98) - np.percentile(pixels, 2) > 40
    w, h = s.primary.box.w, s.primary.box.h
    if s.primary.rotation in (90, 270) and s.capture == "scan":
        assert h > w  # a landscape card stands upright after a quarter turn


# --- export and cost -------------------------------------------------------------------------


def test_write_corpus_writes_pages_and_truth(tmp_path: Path) -> None:
    files = write_corpus(tmp_path, 6, SEED)
    assert [f.suffix for f in files] == [".png", ".jpg", ".pdf"] * 2
    lines = (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    records = [json.loads(line) for line in lines]
    for path, record in zip(files, records, strict=True):
        assert record["file"] == path.name
        assert record["page"] == 1
        assert record["document_type"] in {t.value for t in DocumentType}
        for region in record["sensitive_regions"]:
            assert set(region) == {"kind", "box"}
            assert len(region["box"]) == 4
        if path.suffix == ".pdf":
            assert path.read_bytes().startswith(b"%PDF")
        else:
            with Image.open(path) as im:
                assert im.size == (record["width"], record["height"])


def test_truth_is_cheap() -> None:
    start = time.process_time()
    pages = generate(200, SEED + 4)
    assert len(pages) == 200
    assert time.process_time() - start < 10


def test_write_pdf_puts_one_sample_on_each_page(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    pages = generate(3, SEED, clean=True)
    path = tmp_path / "three.pdf"
    write_pdf(path, pages)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 3
    for page, s in zip(reader.pages, pages, strict=True):
        # 300 dpi: points = pixels * 72 / 300
        assert float(page.mediabox.width) == pytest.approx(s.width * 72 / 300, abs=1)
        assert float(page.mediabox.height) == pytest.approx(s.height * 72 / 300, abs=1)


def test_exif_orientation_pages_display_as_the_truth_says(tmp_path: Path) -> None:
    layouts = ["my_number_card/back"]
    turned = [s for s in generate(40, SEED + 5, layouts=layouts) if s.primary.rotation][:1]
    assert turned
    index = int(turned[0].id.split("-")[1])
    files = write_corpus(
        tmp_path, index + 1, SEED + 5, formats=("jpeg",), layouts=layouts, exif_orientation=True
    )
    record = json.loads((tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert record["exif_orientation"] in (3, 6, 8)
    with Image.open(files[-1]) as stored:
        assert stored.getexif()[0x0112] == record["exif_orientation"]
        shown = ImageOps.exif_transpose(stored)
    assert shown.size == (record["width"], record["height"])
    for region in record["sensitive_regions"]:
        x, y, w, h = region["box"]
        pixels = np.asarray(shown.convert("L").crop((x, y, x + w, y + h)), dtype=np.float32)
        assert np.percentile(pixels, 98) - np.percentile(pixels, 2) > 40


def test_printed_texts_do_not_overlap() -> None:
    for s in generate(2 * len(LAYOUT_NAMES), SEED + 6, clean=True):
        for doc in s.documents:
            boxes = [t.box for t in doc.texts]
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    assert a.intersection_area(b) <= 0.2 * min(a.area, b.area), (doc.layout, a, b)


def test_boxes_follow_a_quarter_turn_exactly() -> None:
    from tests.synth.degrade import _quarter_turn, transform_box
    from tests.synth.truth import Box

    page = np.zeros((30, 20, 3), dtype=np.uint8)  # 20 wide, 30 high
    page[2:5, 3:9] = 255  # box x=3, y=2, w=6, h=3
    box = Box(3, 2, 6, 3)
    for rotation in (90, 180, 270):
        turned, matrix = _quarter_turn(page, (20, 30), rotation)
        assert turned is not None
        height, width = turned.shape[:2]
        moved = transform_box(matrix, box, width, height)
        ys, xs = np.nonzero(turned[..., 0])
        assert moved == Box(int(xs.min()), int(ys.min()), int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1)
