"""Ground truth of generated pages: boxes, text elements, sensitive regions, documents, samples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.core.documents import DocumentType, FieldName, SensitiveKind

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from PIL import Image


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned box in integer pixels: ``x, y`` top-left corner, ``w, h`` size."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        """The first column right of the box."""
        return self.x + self.w

    @property
    def bottom(self) -> int:
        """The first row below the box."""
        return self.y + self.h

    @property
    def area(self) -> int:
        """Pixels covered."""
        return max(self.w, 0) * max(self.h, 0)

    def as_list(self) -> list[int]:
        """The contract's ``[x, y, w, h]``."""
        return [self.x, self.y, self.w, self.h]

    def union(self, other: Box) -> Box:
        """The smallest box holding both."""
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1, y1 = max(self.right, other.right), max(self.bottom, other.bottom)
        return Box(x0, y0, x1 - x0, y1 - y0)

    def intersection_area(self, other: Box) -> int:
        """Pixels covered by both boxes."""
        w = min(self.right, other.right) - max(self.x, other.x)
        h = min(self.bottom, other.bottom) - max(self.y, other.y)
        return max(w, 0) * max(h, 0)

    def iou(self, other: Box) -> float:
        """Intersection over union, 0.0 … 1.0."""
        inter = self.intersection_area(other)
        union = self.area + other.area - inter
        return inter / union if union else 0.0

    def inside(self, width: int, height: int) -> bool:
        """True when the box lies within a ``width`` × ``height`` page and is not empty."""
        return (
            (self.w > 0 and self.h > 0 and self.x >= 0 and self.y >= 0)
            and self.right <= width
            and self.bottom <= height
        )

    @classmethod
    def bounding(cls, points: Iterable[tuple[float, float]]) -> Box:
        """The smallest integer box holding the points (floor of the start, ceil of the end)."""
        pts = list(points)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, y0 = int(min(xs) // 1), int(min(ys) // 1)
        x1, y1 = -int(-max(xs) // 1), -int(-max(ys) // 1)
        return cls(x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True, slots=True)
class TextElement:
    """One printed piece of text.

    Attributes:
        text: the characters as printed.
        box: where it is (document or page pixels, see the owner).
        role: "title", "label", "value", "mrz" or "note".
        field: the contract field this text is the value of, if any.
    """

    text: str
    box: Box
    role: str
    field: FieldName | None = None


@dataclass(frozen=True, slots=True)
class SensitiveRegion:
    """A region that must be masked: the contract's kind and its box."""

    kind: SensitiveKind
    box: Box

    def as_json(self) -> dict[str, Any]:
        """The contract's ``{"kind": ..., "box": [x, y, w, h]}``."""
        return {"kind": str(self.kind), "box": self.box.as_list()}


@dataclass(frozen=True, slots=True)
class MrzTruth:
    """The machine-readable zone printed on a passport (TD3: two lines of 44)."""

    format: str
    lines: tuple[str, ...]
    surname: str
    given_names: str
    number: str
    nationality: str
    birth_date: str
    sex: str
    expiry_date: str

    def as_json(self) -> dict[str, Any]:
        """The contract's ``mrz`` object (``valid`` is always true for generated zones)."""
        return {
            "format": self.format,
            "valid": True,
            "surname": self.surname,
            "given_names": self.given_names,
            "number": self.number,
            "nationality": self.nationality,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "expiry_date": self.expiry_date,
        }


@dataclass(frozen=True, slots=True)
class DocumentTruth:
    """One document object on a page.

    Attributes:
        document_type: the contract's type.
        layout: the layout version drawn, e.g. "drivers_license/ic" or "my_number_card/back".
        fields: the contract's fields (name "family given", ISO dates, address as printed).
        box: axis-aligned box of the document in page pixels.
        quad: its four corners in page pixels (top-left, top-right, bottom-right, bottom-left
            of the upright document).
        rotation: quarter turns applied to the page (0, 90, 180, 270 degrees clockwise).
        skew: small extra rotation of the document, degrees counter-clockwise.
        texts: every text element, boxes in page pixels.
        sensitive: every region to mask, boxes in page pixels.
        mrz: the machine-readable zone, when printed.
        extra: other facts a test may want (guardian_name, agent_name, my_number ...).
    """

    document_type: DocumentType
    layout: str
    fields: Mapping[FieldName, str]
    box: Box
    quad: tuple[tuple[float, float], ...]
    rotation: int
    skew: float
    texts: tuple[TextElement, ...]
    sensitive: tuple[SensitiveRegion, ...]
    mrz: MrzTruth | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready summary (texts included)."""
        return {
            "document_type": str(self.document_type),
            "layout": self.layout,
            "fields": {str(k): v for k, v in self.fields.items()},
            "box": self.box.as_list(),
            "quad": [[round(x, 1), round(y, 1)] for x, y in self.quad],
            "rotation": self.rotation,
            "skew": round(self.skew, 3),
            "sensitive_regions": [r.as_json() for r in self.sensitive],
            "mrz": self.mrz.as_json() if self.mrz else None,
            "extra": dict(self.extra),
            "texts": [
                {
                    "text": t.text,
                    "box": t.box.as_list(),
                    "role": t.role,
                    "field": str(t.field) if t.field else None,
                }
                for t in self.texts
            ],
        }


@dataclass(frozen=True, slots=True, eq=False)
class Sample:
    """One generated page and everything on it.

    The ground truth is computed when the sample is made; the pixels only when ``image`` is
    read (about 0.1 s; the last few pages drawn are cached), so a list of samples stays small.

    Attributes:
        id: a stable name, ``"{seed}-{index:05d}"``.
        size: the page's (width, height) in pixels.
        documents: the document objects on the page; the first is the primary one, whose type
            and fields are the page's.
        capture: how the page was made: "scan" (flat on an A4 sheet) or "photo".
        degradations: the degradations applied, in order (for reports and filtering).
        renderer: draws the page (deterministic: the same pixels on every call).
    """

    id: str
    size: tuple[int, int]
    documents: tuple[DocumentTruth, ...]
    capture: str
    degradations: tuple[str, ...]
    renderer: Callable[[], Image.Image] = field(repr=False, compare=False)

    @property
    def image(self) -> Image.Image:
        """The page (PIL RGB), drawn on demand (a fresh copy on every read)."""
        return self.renderer().copy()

    @property
    def width(self) -> int:
        """Page width in pixels."""
        return self.size[0]

    @property
    def height(self) -> int:
        """Page height in pixels."""
        return self.size[1]

    @property
    def primary(self) -> DocumentTruth:
        """The page's main document (the one that gives its type and fields)."""
        return self.documents[0]

    @property
    def document_type(self) -> DocumentType:
        """The page's document type (that of the primary document)."""
        return self.documents[0].document_type

    @property
    def fields(self) -> Mapping[FieldName, str]:
        """The page's fields (those of the primary document)."""
        return self.documents[0].fields

    @property
    def sensitive_regions(self) -> tuple[SensitiveRegion, ...]:
        """Every region to mask on the page, whichever document it belongs to."""
        return tuple(r for d in self.documents for r in d.sensitive)

    @property
    def mixed(self) -> bool:
        """True when the page holds documents of different types."""
        return len({d.document_type for d in self.documents}) > 1

    def truth_json(self) -> dict[str, Any]:
        """The page's truth as the ``scan`` contract shapes it, plus the documents."""
        mrz = next((d.mrz for d in self.documents if d.mrz), None)
        return {
            "id": self.id,
            "width": self.width,
            "height": self.height,
            "document_type": str(self.document_type),
            "fields": {str(k): v for k, v in self.fields.items()},
            "mrz": mrz.as_json() if mrz else None,
            "sensitive_regions": [r.as_json() for r in self.sensitive_regions],
            "capture": self.capture,
            "degradations": list(self.degradations),
            "documents": [d.as_json() for d in self.documents],
        }


__all__ = [
    "Box",
    "DocumentTruth",
    "MrzTruth",
    "Sample",
    "SensitiveKind",
    "SensitiveRegion",
    "TextElement",
]
