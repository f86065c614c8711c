"""Sets of generated pages, deterministic from a seed, and their export to a folder."""

from __future__ import annotations

import functools
import json
import random
import zlib
from typing import TYPE_CHECKING

from PIL import Image

from tests.synth.degrade import Composed, Effects, Layout, compose
from tests.synth.documents import LAYOUTS, Drawn, draw, dry_run
from tests.synth.names import random_person
from tests.synth.truth import Sample

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

LAYOUT_NAMES: tuple[str, ...] = tuple(LAYOUTS)
"""Every layout version, "type/version"."""

CARD_LAYOUTS = (
    "drivers_license/ic",
    "drivers_license/pre_ic",
    "my_number_card/front",
    "health_insurance_card/hihokensha",
    "health_insurance_card/shikaku",
)
"""Cards that people copy on one sheet next to another card of theirs."""


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(f"{seed}:" + ":".join(str(p) for p in parts))


def _layout_of(seed: int, index: int, layouts: Sequence[str]) -> str:
    """Layout of sample ``index``: each run of len(layouts) samples holds every layout once."""
    cycle, pos = divmod(index, len(layouts))
    order = list(layouts)
    _rng(seed, "cycle", cycle).shuffle(order)
    return order[pos]


def _compose(
    seed: int, index: int, clean: bool, layouts: tuple[str, ...], capture: str | None, dry: bool
) -> tuple[Composed, str, tuple[str, ...]]:
    """Lay out (and, unless dry, draw) sample ``index``; every random draw comes from
    (seed, index), in the same order whether dry or not."""
    rng = _rng(seed, index)
    name = _layout_of(seed, index, layouts)
    person = random_person(rng, foreign=name.startswith("residence_card"))
    with dry_run(dry):
        docs: list[Drawn] = [draw(name, rng, person)]
        if docs[0].physical == "card" and rng.random() < 0.35:
            if name == "my_number_card/front":
                docs.append(draw("my_number_card/back", rng, person))
            elif name == "my_number_card/back":
                docs.append(draw("my_number_card/front", rng, person))
            elif not person.foreign:
                # one or two other cards of the same person, of other types
                kinds = {name.split("/")[0]}
                for _ in range(2 if rng.random() < 0.3 else 1):
                    other = rng.choice([n for n in CARD_LAYOUTS if n.split("/")[0] not in kinds])
                    kinds.add(other.split("/")[0])
                    docs.append(draw(other, rng, person))
    if clean:
        layout = Layout("scan" if capture is None else capture)
        effects = Effects()
    else:
        kind = capture or ("photo" if rng.random() < 0.25 else "scan")
        sheet = docs[0].physical in ("a4", "a5")
        layout = Layout(
            capture=kind,
            rotation=rng.choice((90, 180, 270)) if rng.random() < 0.25 else 0,
            skew=(rng.uniform(0.2, 1.5) if sheet else rng.uniform(0.5, 4.0))
            if rng.random() < 0.6
            else 0.0,
            photocopy=kind == "scan" and rng.random() < 0.35,
        )
        effects = Effects(
            blur=rng.uniform(0.5, 1.6) if rng.random() < 0.4 else 0.0,
            noise=rng.uniform(3, 12) if rng.random() < 0.5 else 0.0,
            contrast=rng.uniform(0.75, 1.2) if rng.random() < 0.4 else 1.0,
            brightness=rng.uniform(-20, 20) if rng.random() < 0.3 else 0.0,
            jpeg=rng.randint(25, 75) if rng.random() < 0.25 else None,
        )
    noise_seed = zlib.crc32(f"{seed}:{index}".encode()) & 0x7FFFFFFF
    composed = compose(docs, layout, effects, rng, noise_seed, dry=dry)
    degradations = (
        ((f"rotation:{layout.rotation}",) if layout.rotation else ())
        + (("photocopy",) if layout.photocopy else ())
        + effects.names()
    )
    return composed, layout.capture, degradations


@functools.lru_cache(maxsize=4)
def _render(
    seed: int, index: int, clean: bool, layouts: tuple[str, ...], capture: str | None
) -> Image.Image:
    image = _compose(seed, index, clean, layouts, capture, dry=False)[0].image
    assert image is not None
    return image


def render_with_truth(
    seed: int,
    index: int,
    *,
    clean: bool = False,
    layouts: Sequence[str] = LAYOUT_NAMES,
    capture: str | None = None,
) -> Composed:
    """Draw sample ``index`` and compute its truth from the drawing run itself (for checking
    that the cheap dry layout of ``sample`` agrees with the pixels)."""
    return _compose(seed, index, clean, tuple(layouts), capture, dry=False)[0]


def sample(
    seed: int,
    index: int,
    *,
    clean: bool = False,
    layouts: Sequence[str] = LAYOUT_NAMES,
    capture: str | None = None,
) -> Sample:
    """Sample ``index`` of the set of ``seed`` (the same page on every call).

    Args:
        seed: the set's seed.
        index: the sample's position in the set.
        clean: an upright, undegraded scan (no rotation, skew, copy, blur, noise, JPEG).
        layouts: the layout versions to draw from (see LAYOUT_NAMES).
        capture: force "scan" or "photo"; None picks one (a quarter of pages are photos).
    """
    key = (seed, index, clean, tuple(layouts), capture)
    composed, kind, degradations = _compose(*key, dry=True)
    return Sample(
        f"{seed}-{index:05d}",
        composed.size,
        composed.documents,
        kind,
        degradations,
        functools.partial(_render, *key),
    )


def generate(
    n: int,
    seed: int,
    *,
    clean: bool = False,
    layouts: Sequence[str] = LAYOUT_NAMES,
    capture: str | None = None,
) -> list[Sample]:
    """``n`` pages, deterministic from ``seed``; every layout appears once in each run of
    len(layouts) consecutive pages (so n ≥ len(LAYOUT_NAMES) covers every layout).

    Sample i is the same whatever n: ``generate(5, s)[:3] == generate(3, s)``.
    """
    return [sample(seed, i, clean=clean, layouts=layouts, capture=capture) for i in range(n)]


def write_pdf(path: Path, samples: Sequence[Sample]) -> None:
    """Write the pages of ``samples`` as one PDF at 300 dpi, one sample a page (page i+1)."""
    images = [s.image for s in samples]
    images[0].save(path, "PDF", resolution=300.0, save_all=True, append_images=images[1:])


EXIF_ORIENTATION = {90: 6, 180: 3, 270: 8}
"""EXIF Orientation tag that makes a viewer turn upright pixels clockwise by 90/180/270."""

_UNDO_TURN = {
    90: Image.Transpose.ROTATE_90,  # PIL turns counter-clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


def write_corpus(
    directory: Path,
    n: int,
    seed: int,
    *,
    clean: bool = False,
    formats: Sequence[str] = ("png", "jpeg", "pdf"),
    layouts: Sequence[str] = LAYOUT_NAMES,
    exif_orientation: bool = False,
) -> list[Path]:
    """Write ``n`` generated pages to ``directory`` with their truth in ``truth.jsonl``.

    Files take the formats in turn (PNG, JPEG, one-page PDF at 300 dpi). Each line of
    truth.jsonl is ``Sample.truth_json()`` plus "file" (the file name), "page" (1) and
    "exif_orientation" (the EXIF tag written, or null).

    Args:
        exif_orientation: JPEG pages that were turned a quarter are stored upright with an
            EXIF Orientation tag instead, as a phone stores them; the truth stays in the
            coordinates of the page as displayed (after the tag is applied).

    Returns:
        The page files written, in sample order.
    """
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    with (directory / "truth.jsonl").open("w", encoding="utf-8") as truth:
        for i, s in enumerate(generate(n, seed, clean=clean, layouts=layouts)):
            fmt = formats[i % len(formats)]
            ext = {"png": "png", "jpeg": "jpg", "pdf": "pdf"}[fmt]
            path = directory / f"{s.id}.{ext}"
            image = s.image
            tag = None
            if fmt == "png":
                image.save(path, "PNG", compress_level=1)
            elif fmt == "jpeg":
                turn = s.primary.rotation
                if exif_orientation and turn:
                    tag = EXIF_ORIENTATION[turn]
                    exif = Image.Exif()
                    exif[0x0112] = tag  # Orientation
                    upright = image.transpose(_UNDO_TURN[turn])
                    upright.save(path, "JPEG", quality=92, exif=exif.tobytes())
                else:
                    image.save(path, "JPEG", quality=92)
            else:
                image.save(path, "PDF", resolution=300.0)
            files.append(path)
            record = s.truth_json() | {"file": path.name, "page": 1, "exif_orientation": tag}
            truth.write(json.dumps(record, ensure_ascii=False) + "\n")
    return files
