"""Text lines from OCR words, fuzzy label search, and the fields read off a document."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.documents import DocumentType, FieldName
from desktop.core.eras import parse_date
from desktop.imaging.types import Box

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from desktop.imaging.types import Word

# Characters that separate a label from its value; they never belong to either.
SEPARATORS = frozenset(" :：・.,，、。【】[]()（）「」|｜/")


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text with a box per character (spaces removed), in OCR image pixels.

    Attributes:
        text: the line folded (NFKC, upper case), without spaces.
        boxes: one box per character of ``text``.
        spaced: the folded text with a single space wherever words stand apart.
        box: the union of the character boxes.
    """

    text: str
    boxes: tuple[Box, ...]
    spaced: str
    box: Box

    def span_box(self, start: int, end: int) -> Box:
        """The union box of characters ``start`` … ``end - 1``."""
        out = Box(0, 0, 0, 0)
        for b in self.boxes[max(start, 0) : max(end, start)]:
            out = out.union(b)
        return out

    @property
    def height(self) -> int:
        """The typical character height (the line box's height)."""
        return max(self.box.h, 1)


def fold(text: str) -> str:
    """NFKC, upper case, and the OCR confusions that never matter for labels folded."""
    return unicodedata.normalize("NFKC", text).upper()


def _split_word(word: Word) -> list[tuple[str, Box]]:
    """Spread a word's box over its folded characters in proportion (CJK is fixed-pitch)."""
    chars: list[str] = []
    for c in word.text:
        chars.extend(fold(c))
    chars = [c for c in chars if not c.isspace()]
    if not chars:
        return []
    b = word.box
    n = len(chars)
    out = []
    for i, c in enumerate(chars):
        x0 = b.x + (b.w * i) // n
        x1 = b.x + (b.w * (i + 1)) // n
        out.append((c, Box(x0, b.y, max(x1 - x0, 1), b.h)))
    return out


def build_lines(words: Iterable[Word]) -> list[TextLine]:
    """Group OCR words into text lines by geometry (a label and its value, read by Tesseract
    as two blocks, still share one row); words left to right, lines top to bottom.

    Table rules read as dashes (a few pixels tall) are dropped. A space is kept in ``spaced``
    where the gap between two words is wider than a third of the line height.
    """
    usable = [w for w in words if w.text.strip() and not w.box.empty]
    if not usable:
        return []
    typical = float(sorted(w.box.h for w in usable)[len(usable) // 2])
    usable = [w for w in usable if w.box.h >= 0.3 * typical]
    usable.sort(key=lambda w: (w.box.y + w.box.h / 2, w.box.x))
    rows: list[list[Word]] = []
    centres: list[float] = []
    heights: list[float] = []
    for w in usable:
        mid = w.box.y + w.box.h / 2
        for i in range(len(rows) - 1, max(len(rows) - 6, -1), -1):
            height = max(heights[i], min(w.box.h, 2 * heights[i]))
            if abs(mid - centres[i]) <= 0.45 * height:
                rows[i].append(w)
                n = len(rows[i])
                centres[i] += (mid - centres[i]) / n
                heights[i] = (
                    max(heights[i], float(w.box.h)) if w.box.h < 2 * heights[i] else heights[i]
                )
                break
        else:
            rows.append([w])
            centres.append(mid)
            heights.append(float(w.box.h))
    lines = [_make_line(sorted(row, key=lambda w: w.box.x)) for row in rows]
    lines = [ln for ln in lines if ln.text]
    lines.sort(key=lambda ln: (ln.box.y, ln.box.x))
    return lines


def _make_line(words: Sequence[Word]) -> TextLine:
    chars: list[str] = []
    boxes: list[Box] = []
    spaced: list[str] = []
    height = max((w.box.h for w in words), default=1)
    prev: Word | None = None
    for w in words:
        parts = _split_word(w)
        if not parts:
            continue
        if prev is not None and w.box.x - prev.box.right > height / 3:
            spaced.append(" ")
        for c, b in parts:
            chars.append(c)
            boxes.append(b)
            spaced.append(c)
        prev = w
    box = Box(0, 0, 0, 0)
    for b in boxes:
        box = box.union(b)
    return TextLine("".join(chars), tuple(boxes), "".join(spaced), box)


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a pattern was found: line index, character span in ``TextLine.text``, errors."""

    line: int
    start: int
    end: int
    errors: int

    def box(self, lines: Sequence[TextLine]) -> Box:
        """The hit's box in OCR image pixels."""
        return lines[self.line].span_box(self.start, self.end)


def allowed_errors(pattern: str) -> int:
    """Edit errors tolerated for a pattern: none for 1–2 characters, then about one in four."""
    n = len(pattern)
    if n <= 2:
        return 0
    if n <= 4:
        return 1
    return n // 4


def fuzzy_find(
    pattern: str, text: str, max_errors: int | None = None
) -> list[tuple[int, int, int]]:
    """Approximate substring search (Sellers' algorithm).

    Returns:
        Non-overlapping ``(start, end, errors)`` matches, best first within each place.
    """
    k = allowed_errors(pattern) if max_errors is None else max_errors
    m = len(pattern)
    if m == 0 or not text:
        return []
    if k == 0:
        out = []
        i = text.find(pattern)
        while i >= 0:
            out.append((i, i + m, 0))
            i = text.find(pattern, i + m)
        return out
    # cost[i] and start[i]: best match of pattern[:i] ending at the current text position.
    cost = list(range(m + 1))
    start = [0] * (m + 1)
    ends: list[tuple[int, int, int]] = []
    for j, c in enumerate(text):
        prev_cost, prev_start = cost[0], start[0]
        cost[0], start[0] = 0, j + 1
        for i in range(1, m + 1):
            sub = prev_cost + (pattern[i - 1] != c)
            dele = cost[i] + 1  # skip a text character
            ins = cost[i - 1] + 1  # skip a pattern character
            best, best_start = sub, prev_start
            if dele < best:
                best, best_start = dele, start[i]
            if ins < best:
                best, best_start = ins, start[i - 1]
            prev_cost, prev_start = cost[i], start[i]
            cost[i], start[i] = best, best_start
        if cost[m] <= k:
            ends.append((start[m], j + 1, cost[m]))
    # Keep the best match among overlapping candidates.
    ends.sort(key=lambda t: (t[2], -(t[1] - t[0])))
    chosen: list[tuple[int, int, int]] = []
    for s, e, err in ends:
        if e - s <= 0:
            continue
        if all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, err))
    chosen.sort()
    return chosen


def find_all(
    lines: Sequence[TextLine],
    pattern: str,
    *,
    max_errors: int | None = None,
    exclude_before: Sequence[str] = (),
) -> list[Hit]:
    """Every place a (folded) pattern appears, tolerating OCR errors.

    Args:
        lines: the text lines.
        pattern: what to look for (folded here).
        max_errors: errors tolerated (default :func:`allowed_errors`).
        exclude_before: drop hits directly preceded by one of these strings (番号 inside
            保険者番号 is not the 番号 label).
    """
    pat = fold(pattern).replace(" ", "")
    hits = []
    for idx, ln in enumerate(lines):
        for s, e, err in fuzzy_find(pat, ln.text, max_errors):
            before = ln.text[:s]
            if any(before.endswith(fold(x)) for x in exclude_before):
                continue
            hits.append(Hit(idx, s, e, err))
    return hits


def find_first(lines: Sequence[TextLine], patterns: Sequence[str], **kw: object) -> Hit | None:
    """The best hit of any of the patterns (fewest errors relative to length, then earliest)."""
    best: tuple[float, int, int, Hit] | None = None
    for p in patterns:
        for h in find_all(lines, p, **kw):  # type: ignore[arg-type]
            key = (h.errors / max(len(p), 1), h.line, h.start, h)
            if best is None or key[:3] < best[:3]:
                best = key
    return None if best is None else best[3]


# --- values next to labels --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Value:
    """A value read next to a label: its text and box (OCR image pixels)."""

    text: str
    box: Box
    lines: tuple[int, ...]


def _strip_separators(line: TextLine, start: int, end: int) -> tuple[int, int]:
    while start < end and line.text[start] in SEPARATORS:
        start += 1
    while end > start and line.text[end - 1] in SEPARATORS:
        end -= 1
    return start, end


def value_right(
    lines: Sequence[TextLine], hit: Hit, *, stop_at: Sequence[str] = (), max_gap: float = 8.0
) -> Value | None:
    """The text to the right of a label on the same line, up to the next label.

    Args:
        lines: the text lines.
        hit: the label.
        stop_at: labels that end the value when they follow it on the same line.
        max_gap: a gap wider than this many line heights ends the value.
    """
    line = lines[hit.line]
    end = len(line.text)
    for label in stop_at:
        for s, _e, _err in fuzzy_find(fold(label), line.text[hit.end :]):
            end = min(end, hit.end + s)
            break
    start = hit.end
    # A wide gap means a different column (another field printed on the same row).
    for i in range(start + 1, end):
        gap = line.boxes[i].x - line.boxes[i - 1].right
        if i - 1 >= start and gap > max_gap * line.height:
            end = i
            break
    start, end = _strip_separators(line, start, end)
    if end <= start:
        return None
    return Value(_spaced_slice(line, start, end), line.span_box(start, end), (hit.line,))


def _spaced_slice(line: TextLine, start: int, end: int) -> str:
    """The slice of ``line.text`` with the word spaces of ``line.spaced`` put back."""
    out: list[str] = []
    i = 0
    for c in line.spaced:
        if c == " ":
            if start < i < end and out and out[-1] != " ":
                out.append(" ")
            continue
        if start <= i < end:
            out.append(c)
        i += 1
    return "".join(out).strip()


def value_below(lines: Sequence[TextLine], hit: Hit, *, max_lines: int = 1) -> Value | None:
    """The text just under a label, in the label's column (another column's text on the
    same row, beyond a wide gap, is not part of it)."""
    label = hit.box(lines)
    h = lines[hit.line].height
    parts: list[str] = []
    picked: list[int] = []
    box = Box(0, 0, 0, 0)
    bottom = label.bottom
    for idx in range(hit.line + 1, len(lines)):
        ln = lines[idx]
        if ln.box.y < bottom - h // 3:
            continue  # the label's own row
        if ln.box.y > bottom + 2.5 * h:
            break
        start = next(
            (
                i
                for i, b in enumerate(ln.boxes)
                if b.right > label.x - h and b.x < label.right + 3 * h
            ),
            None,
        )
        if start is None:
            continue
        end = start + 1
        while end < len(ln.boxes) and ln.boxes[end].x - ln.boxes[end - 1].right <= 2.5 * h:
            end += 1
        s_, e_ = _strip_separators(ln, start, end)
        if e_ <= s_:
            continue
        parts.append(_spaced_slice(ln, s_, e_))
        span = ln.span_box(s_, e_)
        box = box.union(span)
        bottom = span.bottom
        picked.append(idx)
        if len(picked) >= max_lines:
            break
    if box.empty:
        return None
    return Value(" ".join(parts), box, tuple(picked))


# --- dates ------------------------------------------------------------------------------

_ERA = r"(?:明治|大正|昭和|平成|令和|[MTSHR明大昭平令])"
_KANJI = r"[〇一二三四五六七八九十壱弐参拾]"
_NUM = r"(?:元|[0-9]{1,2}|" + _KANJI + r"{1,3})"
_MD = r"(?:[0-9]{1,2}|" + _KANJI + r"{1,3})"
_DATE_ERA = re.compile(
    "("
    + _ERA
    + r")\s*("
    + _NUM
    + r")\s*[年.\-/]\s*("
    + _MD
    + r")\s*[月.\-/]\s*("
    + _MD
    + r")\s*日?"
)
_DATE_WEST = re.compile(r"(?:19|20)[0-9]{2}\s*[年.\-/]\s*[0-9]{1,2}\s*[月.\-/]\s*[0-9]{1,2}\s*日?")
# 2029年(令和11年)05月12日: the era year in brackets between the western year and the month.
_DATE_BOTH = re.compile(r"((?:19|20)[0-9]{2})年?\(.{1,8}?\)([0-9]{1,2})月([0-9]{1,2})日?")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    )
}
_DATE_EN = re.compile(r"([0-9]{1,2})\s*([A-Z]{3})[A-Z./]*\s*((?:19|20)[0-9]{2})")
# OCR confusions inside numbers (a date's digits are never letters).
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "S": "5"})


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a line: its value and character span."""

    value: date
    start: int
    end: int


def find_dates(text: str) -> list[FoundDate]:
    """Every date in a folded line (era, western and English passport forms)."""
    out: list[FoundDate] = []
    for m in _DATE_BOTH.finditer(text):
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        out.append(FoundDate(day, m.start(), m.end()))
    for rx in (_DATE_ERA, _DATE_WEST):
        for m in rx.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in out):
                continue
            # Rebuilt from its parts, so a misread 日 (晶, 目) at the end does not matter.
            canonical = (
                f"{m.group(1)}{m.group(2)}年{m.group(3)}月{m.group(4)}日"
                if rx is _DATE_ERA
                else m.group(0)
            )
            try:
                out.append(FoundDate(parse_date(canonical), m.start(), m.end()))
            except ValueError:
                continue
    for m in _DATE_EN.finditer(text):
        month = _MONTHS.get(m.group(2))
        if month is None or any(m.start() < f.end and f.start < m.end() for f in out):
            continue
        try:
            out.append(FoundDate(date(int(m.group(3)), month, int(m.group(1))), *m.span()))
        except ValueError:
            continue
    out.sort(key=lambda f: f.start)
    return out


def first_date(text: str) -> date | None:
    """The first date in a text, or None."""
    found = find_dates(text)
    return found[0].value if found else None


# --- fields -----------------------------------------------------------------------------

NAME_LABELS = ("氏名", "氏 名", "被保険者氏名", "NAME", "名前")
BIRTH_LABELS = ("生年月日", "DATEOFBIRTH")
ADDRESS_LABELS = ("住所", "住 所", "現住所", "住居地")
EXPIRY_LABELS = ("有効期限", "有効期間", "DATEOFEXPIRY", "まで有効", "在留期間")
EXPIRY_AFTER = ("まで有効",)  # the date comes before these words
ISSUE_LABELS = ("交付年月日", "交付日", "発行年月日", "発行日", "交付", "DATEOFISSUE")
ALL_LABELS = (
    *NAME_LABELS,
    *BIRTH_LABELS,
    *ADDRESS_LABELS,
    "有効期限",
    "交付",
    "本籍",
    "性別",
    "番号",
    "記号",
    "保険者番号",
    "世帯主",
    "続柄",
    "筆頭者",
    "国籍",
    "住民となった日",
    "住民票コード",
    "個人番号",
)


def _label_value(
    lines: Sequence[TextLine], labels: Sequence[str], *, below: bool = True
) -> Value | None:
    hit = find_first(lines, labels)
    if hit is None:
        return None
    stops = [x for x in ALL_LABELS if fold(x) not in {fold(lb) for lb in labels}]
    v = value_right(lines, hit, stop_at=stops)
    if v is None and below:
        v = value_below(lines, hit)
    return v


def _clean_name(text: str) -> str | None:
    # A birth date printed after the name (licences) ends the name.
    text = re.sub(r"(?:明治|大正|昭和|平成|令和)?\s*[0-9].*$", "", text).strip()
    text = text.strip("()（）・,、. ")
    text = re.sub(r"\s+", " ", text)
    if not text or len(text.replace(" ", "")) < 2:
        return None
    return text


def _date_near(
    lines: Sequence[TextLine], labels: Sequence[str], suffixes: Sequence[str] = ()
) -> date | None:
    """The date next to a label: right of it, else under it; for a suffix (…まで有効), left."""
    for suffix in suffixes:
        for hit in find_all(lines, suffix):
            before = find_dates(lines[hit.line].text[: hit.start])
            if before:
                return before[-1].value
    found = find_first(lines, labels)
    if found is None:
        return None
    hit = found
    line = lines[hit.line]
    after = find_dates(line.text[hit.end :])
    if after:
        return after[0].value
    v = value_below(lines, hit)
    return first_date(fold(v.text).replace(" ", "")) if v else None


def extract_fields(lines: Sequence[TextLine], doc_type: DocumentType) -> dict[FieldName, str]:
    """Read the contract's fields off a document's text lines.

    Dates come out as ISO 8601; the name keeps a single space between family and given name.
    Only fields that were read are returned.
    """
    out: dict[FieldName, str] = {}
    all_lines = lines
    if doc_type is DocumentType.POWER_OF_ATTORNEY:
        # The principal (委任者) signs below the agent (代理人): read only that part.
        hit = find_first(lines, ["委任者"])
        if hit is not None:
            lines = lines[hit.line :]
    name = _passport_name(lines) if doc_type is DocumentType.PASSPORT else None
    if name is None and (value := _label_value(lines, NAME_LABELS)) is not None:
        name = _clean_name(value.text)
    if name:
        out[FieldName.NAME] = name
    birth = _date_near(lines, BIRTH_LABELS)
    if birth is None:
        # 昭和60年4月12日生 (licences print the birth date after the name, ending in 生).
        for ln in lines:
            for f in find_dates(ln.text):
                if ln.text[f.end : f.end + 1] == "生":
                    birth = f.value
                    break
            if birth:
                break
    if birth is not None:
        out[FieldName.BIRTH_DATE] = birth.isoformat()
    address = _label_value(lines, ADDRESS_LABELS)
    if address is not None and len(address.text.replace(" ", "")) >= 4:
        out[FieldName.ADDRESS] = address.text.replace(" ", "")
    expiry = _date_near(lines, [x for x in EXPIRY_LABELS if x not in EXPIRY_AFTER], EXPIRY_AFTER)
    if expiry is not None:
        out[FieldName.EXPIRY_DATE] = expiry.isoformat()
    issued = _date_near(lines, ISSUE_LABELS)
    if doc_type in CERTIFICATES:
        issued = _certified_on(all_lines) or issued
    if issued is not None:
        out[FieldName.ISSUED_ON] = issued.isoformat()
    number = _document_number(lines, doc_type)
    if number:
        out[FieldName.DOCUMENT_NUMBER] = number
    return out


CERTIFICATES = frozenset(
    {
        DocumentType.FAMILY_REGISTER,
        DocumentType.RESIDENCE_CERTIFICATE,
        DocumentType.SEAL_CERTIFICATE,
        DocumentType.REGISTERED_MATTERS_CERTIFICATE,
        DocumentType.POWER_OF_ATTORNEY,
    }
)
_CERTIFYING = ("証明する", "証明します", "認証する", "相違ない", "相違ありません")


def _certified_on(lines: Sequence[TextLine]) -> date | None:
    """A certificate's date of issue: the date under its certifying sentence, else the last
    line that holds nothing but a date (a letter of proxy: its first such line)."""
    for idx, ln in enumerate(lines):
        if any(fuzzy_find(fold(c), ln.text) for c in _CERTIFYING):
            for below in lines[idx : idx + 4]:
                found = find_dates(below.text)
                if found:
                    return found[0].value
    alone = [
        f[0].value
        for ln in lines
        if (f := find_dates(ln.text)) and len(ln.text) - (f[0].end - f[0].start) <= 2
    ]
    if not alone:
        return None
    return alone[-1]


_LICENCE_NO = re.compile(r"(?:第|番号)([0-9]{12})(?![0-9])|(?<![0-9])([0-9]{12})号")
_RESIDENCE_NO = re.compile(r"([A-Z]{2}[0-9]{8}[A-Z]{2})")
_PASSPORT_NO = re.compile(r"\b([A-Z]{2}[0-9]{7})\b")


def _document_number(lines: Sequence[TextLine], doc_type: DocumentType) -> str | None:
    for ln in lines:
        t = ln.text
        if doc_type is DocumentType.DRIVERS_LICENSE and (m := _LICENCE_NO.search(t)):
            return m.group(1) or m.group(2)
        if doc_type is DocumentType.RESIDENCE_CARD and (m := _RESIDENCE_NO.search(t)):
            return m.group(1)
        if doc_type is DocumentType.PASSPORT and (m := _PASSPORT_NO.search(ln.spaced)):
            return m.group(1)
    return None


def _passport_name(lines: Sequence[TextLine]) -> str | None:
    """SURNAME GIVEN from the passport's visual zone (values under their labels)."""
    parts = []
    for label in ("SURNAME", "GIVENNAME"):
        hit = find_first(lines, [label])
        v = value_below(lines, hit) if hit else None
        if v is None:
            return None
        word = re.sub(r"[^A-Z ]", "", fold(v.text)).strip()
        if not word:
            return None
        parts.append(re.sub(r"\s+", " ", word))
    return " ".join(parts)
