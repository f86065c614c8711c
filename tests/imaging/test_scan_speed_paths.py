"""The scan's fast paths give the same answers as the plain ones: decoding without copies,
the keyword pre-filter, documents and page halves read on the helper thread."""

from __future__ import annotations

import io
import random
from typing import Any, cast

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from desktop.core.documents import DocumentType
from desktop.imaging import pipeline
from desktop.imaging.classify import KEYWORDS, score_text
from desktop.imaging.decode import load_pages
from desktop.imaging.fields import fold, fuzzy_find
from desktop.imaging.locate import page_bgr
from desktop.imaging.types import Box, Located, Page
from tests.imaging.test_ocr import _tesseract_ready, cjk_font_path


def _png(im: Image.Image) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_decoded_page_outlives_its_decoder_and_is_rgb() -> None:
    source = Image.new("RGB", (64, 48), "white")
    source.paste((0, 0, 255), (0, 0, 10, 10))
    pages = load_pages(_png(source), "one.png")  # the generator has run to its end
    assert pages[0].image.mode == "RGB"
    pixels = np.asarray(pages[0].image)
    assert pixels.shape == (48, 64, 3)
    assert tuple(pixels[2, 2]) == (0, 0, 255)
    assert tuple(pixels[40, 60]) == (255, 255, 255)


def test_pages_of_a_multi_page_tiff_are_their_own_images() -> None:
    first, second = Image.new("RGB", (32, 32), "red"), Image.new("RGB", (32, 32), "blue")
    buffer = io.BytesIO()
    first.save(buffer, "TIFF", save_all=True, append_images=[second])
    pages = load_pages(buffer.getvalue(), "two.tif")
    assert [tuple(np.asarray(p.image)[0, 0]) for p in pages] == [(255, 0, 0), (0, 0, 255)]


def test_grey_png_becomes_rgb() -> None:
    pages = load_pages(_png(Image.new("L", (20, 10), 128)), "grey.png")
    assert pages[0].image.mode == "RGB"
    assert tuple(np.asarray(pages[0].image)[5, 5]) == (128, 128, 128)


def test_page_bgr_is_the_pages_pixels_in_opencv_order() -> None:
    rng = np.random.default_rng(3)
    rgb = rng.integers(0, 256, (30, 40, 3), dtype=np.uint8)
    page = Page(Image.fromarray(rgb), "x.png", 1)
    assert np.array_equal(page_bgr(page), page.to_bgr())
    assert np.array_equal(page_bgr(page)[:, :, ::-1], rgb)


def _brute_force_scores(text: str) -> dict[object, float]:
    scores: dict[object, float] = {}
    for doc_type, keywords in KEYWORDS.items():
        total = 0.0
        for keyword, weight in keywords:
            pat = fold(keyword)
            matches = fuzzy_find(pat, text)
            if matches:
                total += weight * (1.0 - min(e for _s, _e, e in matches) / max(len(pat), 1))
        scores[doc_type] = total
    return scores


def test_keyword_prefilter_changes_no_score() -> None:
    rng = random.Random(11)
    keywords = [fold(k) for kws in KEYWORDS.values() for k, _ in kws]
    alphabet = "".join(sorted(set("".join(keywords)))) + "あいう0123456789"
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 12)):
            word = list(rng.choice(keywords))
            for _ in range(rng.randint(0, 3)):  # OCR errors: substitutions and deletions
                if len(word) > 1:
                    i = rng.randrange(len(word))
                    if rng.random() < 0.5:
                        word[i] = rng.choice(alphabet)
                    else:
                        del word[i]
            parts.append("".join(word) + "".join(rng.choices(alphabet, k=rng.randint(0, 6))))
        text = "\n".join(parts)
        assert score_text(text) == _brute_force_scores(text)


def test_documents_on_the_helper_thread_keep_their_order() -> None:
    locs = [
        Located(image=np.zeros((4, 4, 3), np.uint8), to_page=np.eye(3), box=Box(i, 0, 1, 1))
        for i in range(4)
    ]
    seen: list[Any] = pipeline._each(locs, lambda loc: [cast("Any", loc.box.x)])
    assert seen == [0, 1, 2, 3]


@pytest.mark.tesseract
@pytest.mark.skipif(not _tesseract_ready(), reason="libtesseract with jpn/eng/osd missing")
def test_field_lines_read_on_two_threads_read_as_on_one() -> None:
    from desktop.imaging.fields import build_lines
    from desktop.imaging.types import Word

    im = Image.new("RGB", (1200, 400), "white")
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(cjk_font_path(), 40)
    texts = ["氏名 山田 花子", "昭和60年4月12日生", "住所 東京都千代田区", "令和8年4月12日まで有効"]
    for i, text in enumerate(texts):
        draw.text((40, 20 + i * 90), text, font=font, fill="black")
    image = np.asarray(im)[:, :, ::-1].copy()
    # A first read at half the size, unsure of everything (so every line is read again).
    words = [
        Word(text.replace(" ", ""), Box(10, 10 + i * 45, 20 * len(text), 20), 10.0, i)
        for i, text in enumerate(texts)
    ]
    lines = build_lines(words)
    loc = Located(image=image, to_page=np.eye(3), box=Box(0, 0, 1200, 400))
    read = pipeline._Read(loc, 0.5, image[::2, ::2, 0], lines, tuple(words), cast("Any", None), 10)
    pending = pipeline._Pending(read)
    assert pending._future is not None  # half of the lines went to the helper thread
    both = pending.result()
    one = pipeline.reread(image, 0.5, lines, words, pipeline.field_lines(lines))
    assert both is not None
    assert sorted(both.replaced) == sorted(one.replaced) == [0, 1, 2, 3]
    assert [ln.text for ln in both.lines] == [ln.text for ln in one.lines]
    assert "山田花子" in both.lines[0].text


@pytest.mark.parametrize(
    ("centre", "size", "turn"),
    [
        ((0.8, 0.2), (856, 540), 0),  # upright: top right
        ((0.2, 0.8), (856, 540), 180),  # upside down
        ((0.8, 0.8), (540, 856), 270),  # lying on its side, its top to the right
        ((0.2, 0.2), (540, 856), 90),  # … its top to the left
    ],
)
def test_a_backs_qr_code_tells_which_way_is_up(
    centre: tuple[float, float], size: tuple[int, int], turn: int
) -> None:
    w, h = size
    code = Box(int(centre[0] * w) - 40, int(centre[1] * h) - 40, 80, 80)
    assert pipeline._qr_upright(code, w, h) == turn
    # Turned that way, the code does stand at the top right of a landscape card.
    image = np.zeros((h, w, 3), np.uint8)
    image[code.y : code.bottom, code.x : code.right] = 255
    loc = pipeline._rotate(Located(image=image, to_page=np.eye(3), box=Box(0, 0, w, h)), turn)
    ys, xs = np.nonzero(loc.image[:, :, 0])
    th, tw = loc.image.shape[:2]
    assert tw > th
    assert xs.mean() > tw / 2
    assert ys.mean() < th / 2


@pytest.mark.tesseract
@pytest.mark.skipif(not _tesseract_ready(), reason="libtesseract with jpn/eng/osd missing")
@pytest.mark.parametrize("turn", [1, 3])
def test_a_card_turned_a_quarter_is_read_both_ways_at_once(
    turn: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    guesses: list[int] = []

    def no_guess(*args: object, **kwargs: object) -> None:
        guesses.append(1)

    monkeypatch.setattr(pipeline.ocr, "detect_orientation", no_guess)
    from tests.synth import documents
    from tests.synth.names import random_person

    rng = random.Random(5)  # an invented licence holder
    licence = documents.drivers_license(rng, random_person(rng), layout="ic")
    upright = np.asarray(licence.image.convert("RGB"))[:, :, ::-1]
    image = np.ascontiguousarray(np.rot90(upright, turn))  # counter-clockwise
    loc = Located(image=image, to_page=np.eye(3), box=Box(0, 0, image.shape[1], image.shape[0]))
    read = pipeline._read_upright(loc, 300, pipeline._Timer())
    assert read.loc.rotation == 90 * turn  # the clockwise turn that undoes it
    assert read.classification.document_type is DocumentType.DRIVERS_LICENSE
    assert guesses == []  # Tesseract's orientation guess was not needed

    # With the quarters read one at a time, the guess is what finds the way up.
    monkeypatch.setattr(pipeline, "QUARTERS_AT_ONCE", False)
    pipeline._read_upright(loc, 300, pipeline._Timer())
    assert guesses == [1]
