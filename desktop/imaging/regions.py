"""Sensitive regions: where the values that must not be kept are printed, by label and pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.documents import DocumentType, SensitiveKind
from desktop.imaging.fields import (
    ALL_LABELS,
    Hit,
    TextLine,
    Value,
    find_all,
    fold,
    fuzzy_find,
    value_below,
    value_right,
)
from desktop.imaging.types import Box

if TYPE_CHECKING:
    from collections.abc import Sequence

_K = SensitiveKind
_T = DocumentType


@dataclass(frozen=True, slots=True)
class Region:
    """One place that must be masked, in the coordinates of the image it was found in.

    Attributes:
        kind: what it holds (the contract's code).
        box: where.
        reason: how it was found: ``value`` (label and value read), ``fallback`` (label read,
            value not: masked generously), ``pattern`` (a number recognised by its form),
            ``qr``, ``whole`` (the whole document).
    """

    kind: SensitiveKind
    box: Box
    reason: str = "value"


def my_number_valid(digits: str) -> bool:
    """True when 12 digits pass the My Number (個人番号) check digit.

    The check digit is 11 − (Σ Pn × Qn mod 11), or 0 when that remainder is 0 or 1, where Pn is
    the n-th of the first 11 digits counted from the right and Qn = n + 1 (n ≤ 6), n − 5 (n ≥ 7).
    """
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return False
    body = digits[:11]
    total = 0
    for n in range(1, 12):
        p = int(body[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    rem = total % 11
    check = 0 if rem <= 1 else 11 - rem
    return check == int(digits[11])


# Label spellings, including frequent OCR misreadings of 籍 (藉, 箱).
DOMICILE_LABELS = ("本籍", "本藉", "本籍地", "REGISTEREDDOMICILE", "REGISTERED DOMICILE")
HEAD_LABELS = ("筆頭者", "筆頭者氏名")
INSURER_LABELS = ("保険者番号",)
SYMBOL_LABELS = ("記号", "番号", "枝番")
PENSION_LABELS = ("基礎年金番号",)
RECORD_CODE_LABELS = ("住民票コード",)
INDIVIDUAL_LABELS = ("個人番号",)
# 番号 alone is the card's insured number only when no other word precedes it.
_NUMBER_OWNERS = (
    "保険者",
    "個人",
    "年金",
    "登録",
    "証",
    "免許",
    "カード",
    "記号・",
    "発行",
    "登記",
    "電話",
    "郵便",
)

_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9](?:[\s\-]?[0-9]){10,12}(?![0-9])")
_PENSION_NO = re.compile(r"(?<![0-9])[0-9]{4}\s?[-ー―‐]?\s?[0-9]{6}(?![0-9])")


def _pad(box: Box, h: int, size: tuple[int, int], *, fx: float = 0.6, fy: float = 0.35) -> Box:
    """Grow a value box by a fraction of the line height, within the image."""
    return box.pad(int(fx * h) + 2, int(fy * h) + 2).clip(*size)


def _fallback(lines: Sequence[TextLine], hit: Hit, size: tuple[int, int], below: bool) -> Box:
    """A generous box where a label's value should be: the rest of the row, and the row under."""
    label = hit.box(lines)
    h = lines[hit.line].height
    width = min(size[0] - label.right, 24 * h)
    box = Box(label.right, label.y - h // 2, max(width, h), 2 * h)
    if below:
        box = box.union(Box(label.x - h, label.bottom, max(width, 12 * h), 3 * h))
    return box.clip(*size)


def _value_for(
    lines: Sequence[TextLine],
    hit: Hit,
    *,
    own_labels: Sequence[str],
    continuation: int = 0,
    prefer_below: bool = False,
) -> Value | None:
    stops = [x for x in ALL_LABELS if fold(x) not in {fold(o) for o in own_labels}]
    stops += [x for x in SYMBOL_LABELS if fold(x) not in {fold(o) for o in own_labels}]
    if prefer_below:
        v = value_below(lines, hit, max_lines=1 + continuation) or value_right(
            lines, hit, stop_at=stops
        )
    else:
        v = value_right(lines, hit, stop_at=stops) or value_below(lines, hit)
    if v is None or continuation == 0:
        return v
    return _extend_down(lines, v, hit, continuation)


def _extend_down(lines: Sequence[TextLine], v: Value, hit: Hit, max_extra: int) -> Value:
    """Add the lines that continue a value under it (a 本籍 that wraps onto a second line)."""
    box = v.box
    label = hit.box(lines)
    h = lines[hit.line].height
    used = list(v.lines)
    last = max(used)
    for idx in range(last + 1, len(lines)):
        if len(used) - len(v.lines) >= max_extra:
            break
        ln = lines[idx]
        if ln.box.y > box.bottom + 1.2 * h:
            break
        if ln.box.y < box.bottom - h // 2:
            continue  # the same row, another column
        # A continuation is indented under the value (not back at the label column) and does
        # not start with a label of its own.
        if ln.box.x < label.right - h or ln.box.right < box.x:
            break
        if any(ln.text.startswith(fold(x)) for x in ALL_LABELS):
            break
        box = box.union(ln.box)
        used.append(idx)
    return Value(v.text, box, tuple(used))


_OMITTED = ("省略", "記載", "余白", "なし")  # a value printed as "omitted" holds nothing


def _label_regions(
    lines: Sequence[TextLine],
    size: tuple[int, int],
    labels: Sequence[str],
    kind: SensitiveKind,
    *,
    exclude_before: Sequence[str] = (),
    exclude_after: Sequence[str] = (),
    continuation: int = 0,
    need_digits: bool = False,
    prefer_below: bool = False,
    extra_hits: Sequence[Hit] = (),
) -> list[Region]:
    out: list[Region] = []
    seen: set[tuple[int, int]] = set()
    hits = [h for label in labels for h in find_all(lines, label, exclude_before=exclude_before)]
    for hit in [*hits, *extra_hits]:
        if True:
            if (hit.line, hit.start) in seen:
                continue
            rest = lines[hit.line].text[hit.end :]
            if any(rest.startswith(fold(x)) for x in exclude_after):
                continue
            seen.add((hit.line, hit.start))
            h = lines[hit.line].height
            v = _value_for(
                lines,
                hit,
                own_labels=labels,
                continuation=continuation,
                prefer_below=prefer_below,
            )
            if v is not None and any(w in fold(v.text) for w in _OMITTED):
                continue
            if v is not None and (not need_digits or sum(c.isdigit() for c in v.text) >= 2):
                out.append(Region(kind, _pad(v.box, h, size), "value"))
            else:
                out.append(Region(kind, _fallback(lines, hit, size, below=True), "fallback"))
    return out


def twelve_digit_regions(
    lines: Sequence[TextLine], size: tuple[int, int], doc_type: DocumentType = _T.UNKNOWN
) -> list[Region]:
    """Every 12-digit number that passes the My Number check digit, anywhere.

    A driving licence's own number (第 … 号, also 12 digits) is not a My Number even when
    its last digit happens to fit.
    """
    out = []
    for ln in lines:
        for m in _DIGIT_RUN.finditer(ln.text):
            licence_number = ln.text[: m.start()].endswith("第") or ln.text[m.end() :].startswith(
                "号"
            )
            if doc_type is _T.DRIVERS_LICENSE and licence_number:
                continue
            digits = re.sub(r"[^0-9]", "", m.group(0))
            if len(digits) == 12 and my_number_valid(digits):
                box = ln.span_box(m.start(), m.end())
                # Masked anywhere; but 第 … 号 is how a licence prints its own number, which
                # must not make the document a My Number card.
                reason = "numbered" if licence_number else "pattern"
                out.append(Region(_K.INDIVIDUAL_NUMBER, _pad(box, ln.height, size), reason))
    return out


def candidate_numbers(lines: Sequence[TextLine]) -> list[Box]:
    """Boxes of digit runs of 11–13 digits: worth a second, digits-only look at full size."""
    out = []
    for ln in lines:
        for m in _DIGIT_RUN.finditer(ln.text):
            digits = re.sub(r"[^0-9]", "", m.group(0))
            if 11 <= len(digits) <= 13:
                out.append(ln.span_box(m.start(), m.end()))
    return out


def text_regions(
    lines: Sequence[TextLine], doc_type: DocumentType, size: tuple[int, int]
) -> list[Region]:
    """Sensitive regions found from text: labelled values and numbers by their form.

    Args:
        lines: the document's text lines (OCR image pixels).
        doc_type: the document type (decides which labels count).
        size: ``(width, height)`` of the OCR image, to keep boxes inside it.

    Returns:
        Regions in OCR image pixels; the label's row is masked generously when its value
        could not be read.
    """
    out: list[Region] = []
    # 本籍 wherever it is printed (old licences, passports, registers, certificates).
    domicile_hits = _misread_domicile_labels(lines)
    out += _label_regions(
        lines,
        size,
        DOMICILE_LABELS,
        _K.PERMANENT_DOMICILE,
        continuation=0 if doc_type is _T.PASSPORT else 3,
        prefer_below=doc_type is _T.PASSPORT,
        extra_hits=domicile_hits,
    )
    if doc_type in (_T.FAMILY_REGISTER, _T.RESIDENCE_CERTIFICATE):
        out += _label_regions(lines, size, HEAD_LABELS, _K.PERMANENT_DOMICILE)
    if doc_type is _T.FAMILY_REGISTER:
        out += _head_name_regions(lines, size, domicile_hits)
        out += _register_header_regions(lines, size)
    if doc_type is _T.DRIVERS_LICENSE:
        out += licence_domicile_regions(lines, size)
    if doc_type is _T.HEALTH_INSURANCE_CARD:
        out += insurance_number_regions(lines, size)
        out += _label_regions(lines, size, INSURER_LABELS, _K.INSURER_NUMBER, need_digits=True)
        out += _label_regions(
            lines,
            size,
            SYMBOL_LABELS,
            _K.INSURED_SYMBOL_NUMBER,
            exclude_before=_NUMBER_OWNERS,
        )
    out += _label_regions(
        lines,
        size,
        PENSION_LABELS,
        _K.BASIC_PENSION_NUMBER,
        need_digits=True,
        # the title (its 号 often lost: 基礎年金番通知書) and the note, not the label
        exclude_after=("通知書", "知書", "を", "は", "の"),
    )
    if doc_type is _T.PENSION_BOOK:
        for ln in lines:
            for m in _PENSION_NO.finditer(ln.text):
                box = ln.span_box(m.start(), m.end())
                out.append(Region(_K.BASIC_PENSION_NUMBER, _pad(box, ln.height, size), "pattern"))
    out += _label_regions(
        lines, size, RECORD_CODE_LABELS, _K.RESIDENT_RECORD_CODE, need_digits=True
    )
    out += _label_regions(
        lines,
        size,
        INDIVIDUAL_LABELS,
        _K.INDIVIDUAL_NUMBER,
        need_digits=True,
        exclude_after=("カ", "力", "ド", "ー"),  # 個人番号カード, the card's title
    )
    out += twelve_digit_regions(lines, size, doc_type)
    if doc_type is _T.RESIDENCE_CERTIFICATE:
        out += certificate_number_regions(lines, size)
        out += _rows_between(
            lines,
            size,
            ("住民となった", "住所を定めた"),
            ("個人番号", "住民票コード", "コード", "氏名", "備考", "この写し"),
            _K.PERMANENT_DOMICILE,
        )
    return dedupe(out)


def dedupe(regions: Sequence[Region]) -> list[Region]:
    """Drop regions wholly inside another region of the same kind."""
    keep: list[Region] = []
    for r in sorted(regions, key=lambda r: -r.box.area):
        if any(k.kind == r.kind and k.box.contains(r.box) for k in keep):
            continue
        keep.append(r)
    return keep


# 籍 is often misread; a line that starts with 本 and one of these is the 本籍 label.
_SEKI_MISREADS = "籍藉箱精積稽穣張錯鋳籍蒋籍篠箸"
_HON_MISREADS = "本木末未大太"


def _misread_domicile_labels(lines: Sequence[TextLine]) -> list[Hit]:
    """本籍 labels that OCR got half wrong, recognised by their place at the start of a row."""
    out = []
    for idx, ln in enumerate(lines):
        t = ln.text
        start = 1 if t[:1] in "【[(" else 0
        pair = t[start : start + 2]
        if len(pair) < 2 or pair == "本籍":
            continue
        # Or any 本X / X籍 label whose value names a prefecture: a 本籍 row all the same.
        names_prefecture = bool(_PREFECTURE.search(t[start + 2 : start + 12]))
        if (
            (pair[0] == "本" and pair[1] in _SEKI_MISREADS)
            or (pair[0] in _HON_MISREADS and pair[1] == "籍")
            or (names_prefecture and (pair[0] == "本" or pair[1] == "籍"))
        ):
            end = start + 2
            if t[end : end + 1] in "】])":
                end += 1
            out.append(Hit(idx, start, end, 1))
    return out


def _head_name_regions(
    lines: Sequence[TextLine], size: tuple[int, int], domicile_hits: Sequence[Hit]
) -> list[Region]:
    """The 筆頭者's name in a family register's header: the 氏名 row under 本籍."""
    starts = [h.line for h in find_all(lines, "本籍")] + [h.line for h in domicile_hits]
    if not starts:
        return []
    first = min(starts)
    out = []
    for hit in find_all(lines, "氏名"):
        if first < hit.line <= first + 5:
            v = value_right(lines, hit)
            h = lines[hit.line].height
            box = v.box if v is not None else _fallback(lines, hit, size, below=False)
            out.append(Region(_K.PERMANENT_DOMICILE, _pad(box, h, size), "value"))
            break
    return out


_NUMBER = re.compile(r"(?<![0-9])[0-9][0-9\-\s]*[0-9](?![0-9])")
_DIGIT_MISREADS = "OQDUIL|"  # folded (upper case)
_DATE_CONTEXT = re.compile(r"[年月日]")


def insurance_number_regions(lines: Sequence[TextLine], size: tuple[int, int]) -> list[Region]:
    """Every number on a health insurance card that is not part of a date or an address.

    記号, 番号, 枝番 and 保険者番号 are all the card prints in digits besides dates and the
    address, so a misread label must not leave its number readable.
    """
    out = []
    for ln in lines:
        if any(x in ln.text for x in ("住所", "所在地", "都", "道", "府", "県", "丁目", "番地")):
            continue
        numbers = [
            m
            for m in _NUMBER.finditer(ln.text)
            if not _DATE_CONTEXT.search(ln.text[m.end() : m.end() + 1])
            and not _DATE_CONTEXT.search(ln.text[max(m.start() - 1, 0) : m.start()])
        ]
        if len(numbers) >= 2 and not any(_DATE_CONTEXT.search(ln.text[m.end() :]) for m in numbers):
            # The 記号・番号・枝番 row: everything from its first number on, so a garbled
            # 枝番 is covered too.
            box = ln.span_box(numbers[0].start(), len(ln.text))
            if ln.text[numbers[-1].end() :].strip("()（）[]【】|"):
                # The row ends in a label (枝番) whose value was not read: it follows.
                box = box.union(Box(box.right, box.y, 4 * ln.height, box.h))
            out.append(Region(_K.INSURED_SYMBOL_NUMBER, _pad(box, ln.height, size), "row"))
        for m in _NUMBER.finditer(ln.text):
            before, after = (
                ln.text[max(m.start() - 1, 0) : m.start()],
                ln.text[m.end() : m.end() + 1],
            )
            if _DATE_CONTEXT.search(after) or _DATE_CONTEXT.search(before):
                continue
            if re.search(r"(明治|大正|昭和|平成|令和|[MTSHR])$", ln.text[: m.start()]):
                continue
            kind = _K.INSURED_SYMBOL_NUMBER
            if "保険者番号" in ln.text[: m.start()] or "者番号" in ln.text[: m.start()]:
                kind = _K.INSURER_NUMBER
            end = m.end()
            while end < len(ln.text) and ln.text[end] in _DIGIT_MISREADS:
                end += 1  # digits read as letters (枝番 00 as OU) are still the number
            box = ln.span_box(m.start(), end)
            out.append(Region(kind, _pad(box, ln.height, size), "pattern"))
    return out


_PREFECTURE = re.compile(r"[\u4e00-\u9fff]{1,3}[都道府県]")


def licence_domicile_regions(lines: Sequence[TextLine], size: tuple[int, int]) -> list[Region]:
    """A pre-IC licence's 本籍 even when its label is misread: the row that names a prefecture
    and city without any number (the address row always has numbers; 公安委員会 is the
    issuer)."""
    out = []
    for ln in lines:
        t = ln.text
        if not _PREFECTURE.search(t) or any(c.isdigit() for c in t):
            continue
        if any(x in t for x in ("公安委員会", "条件", "住所", "有効", "交付")):
            continue
        out.append(Region(_K.PERMANENT_DOMICILE, _pad(ln.box, ln.height, size), "pattern"))
    return out


_RUN = re.compile(r"(?<![0-9])[0-9](?:[\s\-]?[0-9]){7,12}(?![0-9])")


def certificate_number_regions(lines: Sequence[TextLine], size: tuple[int, int]) -> list[Region]:
    """On a residence certificate every long number is sensitive whatever its label reads:
    8–11 digits are a 住民票コード (read short on a small photo or not), 12 (check digit
    misread or not) a 個人番号."""
    out = []
    for ln in lines:
        for m in _RUN.finditer(ln.text):
            n = len(re.sub(r"[^0-9]", "", m.group(0)))
            if n < 8:
                continue  # no date, postcode or phone number prints 8+ digits in a row here
            kind = _K.RESIDENT_RECORD_CODE if n <= 11 else _K.INDIVIDUAL_NUMBER
            box = ln.span_box(m.start(), m.end())
            out.append(Region(kind, _pad(box, ln.height, size), "pattern"))
    return out


# A dashed or dotted table rule as OCR reads it: dashes, a stray letter or two.
_RULE = re.compile(r"[\-ー一ニ=_~〜.・|ュユ]{3,}.{0,2}|.{0,2}[\-ー一ニ=_~〜.・|]{3,}")


def _rows_between(
    lines: Sequence[TextLine],
    size: tuple[int, int],
    start_labels: Sequence[str],
    end_labels: Sequence[str],
    kind: SensitiveKind,
) -> list[Region]:
    """The value column of the rows that follow a start row up to an end row.

    A residence certificate prints 本籍 and 筆頭者 between 住民となった年月日 and 個人番号 /
    住民票コード; when their labels are misread (本条, 委豆者) their place still tells.
    """
    out = []
    for label in start_labels:
        for hit in find_all(lines, label):
            v = value_right(lines, hit)
            value_x = v.box.x if v is not None else hit.box(lines).right
            h = lines[hit.line].height
            rows = 0
            for idx in range(hit.line + 1, len(lines)):
                ln = lines[idx]
                if _RULE.fullmatch(ln.text):
                    continue  # a dashed table rule read as text is no row
                rows += 1
                if rows > 3:
                    break
                head = ln.text[:8]
                if any(fuzzy_find(fold(e), head) for e in end_labels):
                    break
                start = next((i for i, b in enumerate(ln.boxes) if b.x >= value_x - h), None)
                if start is None:
                    continue
                box = ln.span_box(start, len(ln.text))
                out.append(Region(kind, _pad(box, ln.height, size), "row"))
    return out


def _register_header_regions(lines: Sequence[TextLine], size: tuple[int, int]) -> list[Region]:
    """A family register's header when its 本籍 label is lost: every row between the title
    and the first 氏名 row is the 本籍 value (it may wrap), and the 氏名 row names the 筆頭者."""
    names = find_all(lines, "氏名")
    if not names:
        return []
    first = min(h.line for h in names)
    if first > 6:
        return []
    top = 0
    for idx in range(first):
        if any(w in lines[idx].text for w in ("事項証明", "証明書", "謄本", "抄本", "(1の1)")):
            top = idx + 1
    out = []
    for idx in range(top, first + 1):
        ln = lines[idx]
        start = 0
        if idx == first:
            hit = next(h for h in names if h.line == first)
            start = hit.end
        box = ln.span_box(start, len(ln.text))
        if not box.empty:
            out.append(Region(_K.PERMANENT_DOMICILE, _pad(box, ln.height, size), "row"))
    return out


def vertical_header_regions(lines: Sequence[TextLine], size: tuple[int, int]) -> list[Region]:
    """The header of a vertical (縦書き) family register, masked whole: 本籍 and 筆頭者.

    Lines are in the frame where columns are rows, the right-most column first (see
    ``pipeline._to_columns``). The old register prints 本籍 and the 筆頭者's 氏名 as its first
    two columns, at the right edge of the page, and then the 編製 note; the 本籍 column often
    reads badly (it runs along the frame's rule), so everything from the page's edge to the
    end of the 氏名 column is masked, whatever was read of it.
    """
    width, height = size
    if not lines:
        return []
    first_rows = sorted(lines, key=lambda ln: ln.box.y)[:8]
    end: int | None = None
    names = [h for h in find_all(lines, "氏名") if lines[h.line] in first_rows]
    if names:
        ln = lines[min(names, key=lambda h: lines[h.line].box.y).line]
        end = ln.box.bottom + max(ln.height // 2, 4)
    else:
        notes = [ln for ln in first_rows if "編製" in ln.text]
        domicile = next((ln for ln in first_rows if _PREFECTURE.search(ln.text)), None)
        if notes:
            end = min(ln.box.y for ln in notes) - 2
        elif domicile is not None:
            # Only the 本籍 value was read: the header ends where the next full column
            # (a member's) begins.
            later = [
                ln.box.y
                for ln in lines
                if ln.box.y > domicile.box.bottom and ln.box.w >= 4 * ln.height
            ]
            end = min(later) - 2 if later else domicile.box.bottom + 3 * domicile.height
    if end is None or end <= 0 or end > height // 3:
        return []
    return [Region(_K.PERMANENT_DOMICILE, Box(0, 0, width, end).clip(width, height), "layout")]


# ICAO 9303 TD3 data page of a Japanese passport, in widths of the MRZ's first line (44
# characters at 2.54 mm): the Registered Domicile value stands in the right-hand column of the
# 性別/Sex row, about 22–25 % of that width above the zone. The band is generous; the date of
# birth above (29 %) and the date of issue below (18 %) stay clear of it.
_PASSPORT_DOMICILE_X = (0.45, 0.82)
_PASSPORT_DOMICILE_ABOVE = (0.27, 0.205)
_MRZ_LINE_PITCH = 0.058  # second line's top below the first's, in the same unit


def passport_domicile_regions(lines: Sequence[TextLine], size: tuple[int, int]) -> list[Region]:
    """A passport's 本籍 (Registered Domicile) by its place relative to the MRZ, for when its
    label was not read. The MRZ's lines are the ones full of filler (``<``, read as く too)."""
    width, height = size
    zone = [
        ln for ln in lines if sum(ln.text.count(c) for c in "<く") >= 4 and ln.box.w >= 0.4 * width
    ]
    if not zone:
        return []
    first = min(zone, key=lambda ln: ln.box.y)
    unit = float(max(ln.box.w for ln in zone))
    if unit < 0.6 * width:
        unit = 0.85 * width  # a line cut short: the zone spans most of the page
    top = float(first.box.y)
    x0 = float(min(ln.box.x for ln in zone))
    if len(zone) == 1 and not first.text.startswith("P"):
        top -= _MRZ_LINE_PITCH * unit  # only the second line was read
    box = Box.from_corners(
        x0 + _PASSPORT_DOMICILE_X[0] * unit,
        top - _PASSPORT_DOMICILE_ABOVE[0] * unit,
        x0 + _PASSPORT_DOMICILE_X[1] * unit,
        top - _PASSPORT_DOMICILE_ABOVE[1] * unit,
    ).clip(width, height)
    if box.empty:
        return []
    return [Region(_K.PERMANENT_DOMICILE, box, "layout")]
