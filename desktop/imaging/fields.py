"""Text lines from OCR words, fuzzy label search, and the fields read off a document."""

from __future__ import annotations

import itertools
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
    usable = [w for w in usable if w.box.h >= 0.3 * typical or _is_bar(w, typical)]
    usable.sort(key=lambda w: (w.box.y + w.box.h / 2, w.box.x))
    rows: list[list[Word]] = []
    centres: list[float] = []
    heights: list[float] = []
    for w in usable:
        mid = w.box.y + w.box.h / 2
        for i in range(len(rows) - 1, max(len(rows) - 6, -1), -1):
            height = max(heights[i], min(w.box.h, 2 * heights[i]))
            if abs(mid - centres[i]) <= 0.45 * height and not _overlaps(rows[i], w):
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


# Characters drawn as one horizontal stroke: their box is a few pixels tall, like a table
# rule's, but they are text (一 in 十一日 or 一丁目, the long vowel mark).
_BARS = frozenset("一ー－-")


def _is_bar(word: Word, typical: float) -> bool:
    """A one-character word that is a horizontal stroke no wider than a character."""
    text = word.text.strip()
    return len(text) == 1 and text in _BARS and word.box.w <= 1.5 * typical


def _overlaps(row: Sequence[Word], word: Word) -> bool:
    """Whether a word stands over or under one already in a row: words of one line never
    share their columns (two lines close together, a small one under a large one, would
    otherwise be read interleaved). Tesseract's boxes of one line may overlap, and a
    misread mark may sit astride a line: both share most of their height with it."""
    b = word.box
    for other in row:
        o = other.box
        across = min(b.right, o.right) - max(b.x, o.x)
        down = min(b.bottom, o.bottom) - max(b.y, o.y)
        if across > 0.3 * max(min(b.w, o.w), 1) and down < 0.5 * min(b.h, o.h):
            return True
    return False


def line_from_words(words: Iterable[Word]) -> TextLine:
    """One text line of words known to form a line (a single-line read), left to right."""
    return _make_line(sorted(words, key=lambda w: w.box.x))


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
    # A match with at most k edits pairs at least m - k text characters with equal pattern
    # characters: a text holding fewer of the pattern's characters has none (most lines,
    # for most labels; this test is far cheaper than the dynamic programme below).
    chars = set(pattern)
    if sum(c in chars for c in text) < m - k:
        return []
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
    exclude_start: str = "",
) -> list[Hit]:
    """Every place a (folded) pattern appears, tolerating OCR errors.

    Args:
        lines: the text lines.
        pattern: what to look for (folded here).
        max_errors: errors tolerated (default :func:`allowed_errors`).
        exclude_before: drop hits directly preceded by one of these strings (番号 inside
            保険者番号 is not the 番号 label).
        exclude_start: drop hits that start with one of these characters (生年月日 read
            with one error as 付年月日 is the end of 交付年月日).
    """
    pat = fold(pattern).replace(" ", "")
    hits = []
    for idx, ln in enumerate(lines):
        for s, e, err in fuzzy_find(pat, ln.text, max_errors):
            before = ln.text[:s]
            if any(before.endswith(fold(x)) for x in exclude_before) or (
                ln.text[s] in exclude_start
            ):
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
_DATE_WEST = re.compile(
    r"((?:19|20)[0-9]{2})\s*[年.\-/]\s*([0-9]{1,2})\s*[月.\-/]\s*([0-9]{1,2})\s*日?"
)
# 2029年(令和11年)05月12日: the era year in brackets between the western year and the month.
_DATE_BOTH = re.compile(r"((?:19|20)[0-9]{2})年?\(.{1,8}?\)([0-9]{1,2})月([0-9]{1,2})日?")
# The same with the brackets' content garbled (small print): a zero-padded month after it.
_DATE_BOTH_LOOSE = re.compile(
    r"((?:19|20)[0-9]{2})[^0-9(（]?[(（].{0,8}?([0-9]{2})[^0-9]{1,2}([0-9]{1,2})"
    r"(?:日|[^0-9](?=まで))"
)
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


# An era name with one character misread (seen on blurred and tinted prints); each pair
# is replaced character for character, so spans in the line stay where they were.
_ERA_MISREADS = (
    (re.compile(r"[倒今合伶冷命信](?=和\s*(?:元|[0-9]))"), "令"),
    (re.compile(r"[申明照略咽史](?=和\s*(?:元|[0-9]))"), "昭"),
    # Any other character before 和 with a year above 20: 令和 has not reached it.
    (re.compile(r"[^\s0-9A-Z令昭平](?=和\s*(?:2[1-9]|[3-6][0-9])\s*年)"), "昭"),
    (re.compile(r"(?<=[令昭])[利私](?=\s*(?:元|[0-9]))"), "和"),
    (re.compile(r"[半乎干](?=成\s*(?:元|[0-9]))"), "平"),
)


# 六 read as 太 or 大 where a kanji numeral must stand (令和太年, 年太月: no date writes
# those); replaced character for character, like the eras.
_SIX_MISREAD = re.compile(
    r"(?:(?<=[年月〇一二三四五六七八九十])|(?<=明治|大正|昭和|平成|令和))[太大]"
    r"(?=[年月日〇一二三四五六七八九十])"
)


def _repair_eras(text: str) -> str:
    for rx, era in _ERA_MISREADS:
        text = rx.sub(era, text)
    return _SIX_MISREAD.sub("六", text)


def find_dates(text: str) -> list[FoundDate]:
    """Every date in a folded line (era, western and English passport forms)."""
    out: list[FoundDate] = []
    text = _repair_eras(text)
    for m in _DATE_BOTH.finditer(text):
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        out.append(FoundDate(day, m.start(), m.end()))
    for m in _DATE_BOTH_LOOSE.finditer(text):
        if any(m.start() < f.end and f.start < m.end() for f in out):
            continue
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
            head, year, month, dd_read = (
                (m.group(1), m.group(2), m.group(3), m.group(4))
                if rx is _DATE_ERA
                else ("", m.group(1), m.group(2), m.group(3))
            )
            for mo, dd in _readings(month, dd_read):
                try:
                    value = parse_date(f"{head}{year}年{mo}月{dd}日")
                except ValueError:
                    continue
                out.append(FoundDate(value, m.start(), m.end()))
                break
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


def _readings(month: str, day: str) -> list[tuple[str, str]]:
    """The month and day as read, then, when a two-digit one cannot be a month or a day,
    with its first digit read as 0 (zero-padded print: a 0 read as 9, 6 or 8)."""
    out = [(month, day)]
    fixed_month = month
    if len(month) == 2 and month.isdigit() and int(month) > 12 and month[0] != "1":
        fixed_month = "0" + month[1]
    fixed_day = day
    if len(day) == 2 and day.isdigit() and int(day) > 31:
        fixed_day = "0" + day[1]
    if (fixed_month, fixed_day) != (month, day):
        out.append((fixed_month, fixed_day))
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
# What stands before the other dates' labels (交付年月日, 資格取得年月日, 住民となった年月日,
# 発行年月日): a 生年月日 read with one error right after one of these is one of them.
NOT_BIRTH = ("交", "付", "取", "得", "な", "た", "発", "行")
NOT_BIRTH_START = "付得た行"  # … and their last character before 年月日
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
    if text.startswith(("住所", "本籍")) or any(p in text for p in PREFECTURES):
        return None  # another row's value (the label's own row was lost)
    return text


_KANA_KANJI = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヶ]+$")
# Words of titles and labels: a line holding one is not a name.
_NOT_NAME = (
    "カード",
    "証",
    "書",
    "番号",
    "住所",
    "生年",
    "有効",
    "日本",
    "年金",
    "保険",
    "交付",
    "氏名",
    "名称",
    "委員会",
    "市長",
    "区長",
    "町長",
    "村長",
    "性別",
    "戸籍",
    "事項",
)


def _name_from(line: TextLine, end: int) -> str | None:
    """A name from the start of a line whose label was lost: the leading words of kana and
    kanji (a one- or two-character word before two others is a misread label). A gap wider
    than a character and a half sets a misread label apart before the name, or ends it (a
    mark or another column follows)."""
    if any(p in line.text for p in PREFECTURES):
        return None  # an address line
    h = line.height
    # Segments apart by more than a character and a half; words within them.
    segments: list[list[str]] = [[""]]
    previous: Box | None = None
    for c, box in zip(line.text[:end], line.boxes[:end], strict=True):
        gap = box.x - previous.right if previous is not None else 0
        previous = box
        if gap > 1.5 * h:
            segments.append([""])
        elif gap > h / 3 and segments[-1][-1]:
            segments[-1].append("")
        segments[-1][-1] += c
    if len(segments) > 1 and len("".join(segments[0])) <= 2:
        segments = segments[1:]  # a misread label in its own column
    words = segments[0]
    kept: list[str] = []
    for word in words:
        token = word.strip("\"'”“‘’()（）・,、.:：|｜-ー*")
        if not token:
            continue
        if not _KANA_KANJI.match(token):
            break
        kept.append(token)
    words = kept
    if (len(words) >= 3 and len(words[0]) == 1) or (
        len(words) == 2 and len(words[0]) == 1 and len(words[1]) >= 4
    ):
        words = words[1:]  # a misread label
    if len(words) > 2:
        words = [words[0], "".join(words[1:])]  # the given name split by a wide character
    joined = "".join(words)
    if not 2 <= len(joined) <= 10 or any(w in joined for w in _NOT_NAME):
        return None
    if all("\u3040" <= c <= "\u309f" for c in joined):
        return None  # the name's reading (furigana), printed above it
    return " ".join(words)


_LATIN_NAME = re.compile(r"[A-Z]{2,}(?: [A-Z]{1,}){1,4}")
# A name whose spaces were lost: one run of letters, longer than any word of the card's.
_LATIN_RUN = re.compile(r"[A-Z]{8,}")
_LATIN_WORDS = frozenset({"NAME", "JAPAN", "RESIDENCE", "CARD", "DATE", "OF", "BIRTH", "SEX"})


def _latin_name(lines: Sequence[TextLine]) -> str | None:
    """A residence card's name (printed in Roman letters) when its label was lost: the first
    line that holds nothing but two to five upper-case words."""
    for ln in lines:
        # Marks read off the card's pattern before or after the name are not part of it.
        text = re.sub(r"^[^A-Z]*(?=[A-Z])|(?<=[A-Z])[^A-Z]*$", "", ln.spaced)
        if not re.fullmatch(r"[A-Z ]+", text) or set(text.split()) & _LATIN_WORDS:
            continue
        if _LATIN_NAME.fullmatch(text) or _LATIN_RUN.fullmatch(text):
            return text
    return None


def _unlabelled_name(lines: Sequence[TextLine], birth_line: int | None = None) -> str | None:
    """The name when its label (small, grey print) was lost: before a birth date that ends
    in 生 on the same line (licences), else on one of the two lines above the birth date
    (cards and notices print the name right above it, often under its reading in kana,
    a My Number card above its address). ``birth_line``: the line of a birth date found
    by other means."""
    for idx, ln in enumerate(lines):
        dates = find_dates(ln.text)
        born = [f for f in dates if ln.text[f.end : f.end + 1] == "生"]
        labelled = (
            bool(
                find_all([ln], "生年月日", exclude_before=NOT_BIRTH, exclude_start=NOT_BIRTH_START)
            )
            or idx == birth_line
        )
        if not born and not labelled:
            continue
        if born and born[0].start >= 2:
            name = _name_from(ln, born[0].start)
            if name:
                return name
        top = ln.box.y
        for above in reversed(lines[max(idx - 3, 0) : idx]):
            # Each line close to the one below it: a name far above is another block's.
            if top - above.box.bottom > 6 * ln.height:
                break
            top = above.box.y
            name = _name_from(above, len(above.text))
            if name:
                return name
        return None
    return None


def _name_under_reading(lines: Sequence[TextLine]) -> str | None:
    """The name when its label was lost and no birth date leads to it: the line right under
    a line of hiragana only (its reading, printed above it on notices and cards)."""
    for reading, ln in itertools.pairwise(lines):
        kana = reading.text
        if len(kana) < 4 or not all("\u3040" <= c <= "\u309f" for c in kana):
            continue
        if ln.box.y - reading.box.bottom > 2 * ln.height:
            continue
        name = _name_from(ln, len(ln.text))
        if name:
            return name
    return None


def _repair_prefecture(address: str) -> str:
    """An address whose prefecture's last character (県, 府, 都, 道) was misread: 福岡上福岡市.
    A city named after its prefecture (福岡市, 京都市) is left as it is."""
    for pref in PREFECTURES:
        n = len(pref)
        if (
            len(address) > n
            and address.startswith(pref[:-1])
            and address[n - 1] != pref[-1]
            and address[n - 1] not in "市区郡町村"
        ):
            return pref + address[n:]
    return address


PREFECTURES: tuple[str, ...] = tuple(
    re.findall(
        r"\S+",
        "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 "
        "東京都 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 "
        "滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 "
        "香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県",
    )
)


# 丁目 after a block number, its 丁 misread (」, 十, J) or lost: no address writes "5目".
_CHOME = re.compile(r"(?<=[0-9])[」J\]十]?目|(?<=[一二三四五六七八九十])[」J\]]?目")


_ADDRESS_UNITS = frozenset("都道府県市区町村郡")
# A dash between two digits of an address (2-1-2), read as 一 or ー: no address writes a
# kanji numeral or a long vowel mark between digits.
_DIGIT_DASH = re.compile(r"(?<=[0-9])[一ー－‐−-]+(?=[0-9])")


def _unlabelled_address(lines: Sequence[TextLine]) -> str | None:
    """The address when its label was misread: a line that starts (after at most a few
    characters, the label's remains, never 本籍's) with a prefecture."""
    for ln in lines:
        for pref in PREFECTURES:
            i = ln.text.find(pref)
            if i < 0 or i > 4:
                continue
            prefix = ln.text[:i]
            if any(c in prefix for c in "本籍藉"):
                break
            # The remains of 住所 or 住居地 (出生地, a birthplace, is not an address).
            if prefix and (not any(c in prefix for c in "住所居地") or "生" in prefix):
                break
            end = len(ln.text)
            for j in range(i + 1, end):
                if ln.boxes[j].x - ln.boxes[j - 1].right > 8.0 * ln.height:
                    end = j
                    break
            return ln.text[i:end]
    return None


# Documents that name several people (members, parents, a ward and a guardian): their
# earliest date need not be the birth date of the person the document is about.
MANY_PEOPLE = frozenset(
    {
        DocumentType.FAMILY_REGISTER,
        DocumentType.RESIDENCE_CERTIFICATE,
        DocumentType.REGISTERED_MATTERS_CERTIFICATE,
        DocumentType.POWER_OF_ATTORNEY,
        DocumentType.UNKNOWN,
    }
)
ADULT_YEARS = 10  # a birth date lies at least this many years before a document's dates


def _earliest_date(lines: Sequence[TextLine]) -> tuple[date, int] | None:
    """The birth date of a one-person document whose label was lost: its earliest date,
    when it lies years before every other (issue and expiry dates are recent), with its
    line index."""
    found = sorted((f.value, idx) for idx, ln in enumerate(lines) for f in find_dates(ln.text))
    if len(found) < 2:
        return None
    first, second = found[0], found[1]
    if (second[0] - first[0]).days < 365 * ADULT_YEARS:
        return None
    return first


def _date_after(lines: Sequence[TextLine], labels: Sequence[str]) -> date | None:
    """The first date that follows one of the labels directly (at most two characters
    between them)."""
    for ln in lines:
        for label in labels:
            i = ln.text.find(label)
            while i >= 0:
                found = find_dates(ln.text[i + len(label) :])
                if found and found[0].start <= 2:
                    return found[0].value
                i = ln.text.find(label, i + 1)
    return None


def certified_on(lines: Sequence[TextLine]) -> date | None:
    """A certificate's date of issue read off its lines (see :func:`_certified_on`)."""
    return _certified_on(lines)


def _date_near(
    lines: Sequence[TextLine],
    labels: Sequence[str],
    suffixes: Sequence[str] = (),
    *,
    exclude_before: Sequence[str] = (),
    exclude_start: str = "",
    until_too: bool = False,
) -> date | None:
    """The date next to a label: right of it, else beside it on a line of its own (a value
    printed larger than its label may be read as another line), else under it; for a
    suffix (…まで有効), left. ``until_too``: a date under the label may be one that ends in
    まで (an expiry label's; another date's label is never above one)."""
    for suffix in suffixes:
        for hit in find_all(lines, suffix):
            # Up to the suffix's end: a date's misread 日 is recognised by what follows it.
            before = [f for f in find_dates(lines[hit.line].text[: hit.end]) if f.start < hit.start]
            if before:
                return before[-1].value
    found = find_first(lines, labels, exclude_before=exclude_before, exclude_start=exclude_start)
    if found is None:
        return None
    hit = found
    line = lines[hit.line]
    after = find_dates(line.text[hit.end :])
    if after:
        return after[0].value
    beside = _date_beside(lines, hit)
    if beside is not None:
        return beside
    v = value_below(lines, hit)
    if v is None:
        return None
    text = fold(v.text).replace(" ", "")
    # A date …まで (valid until) under a label of another date belongs to the next row.
    dates = [f for f in find_dates(text) if until_too or not text[f.end :].startswith("まで")]
    return dates[0].value if dates else None


# A line beside a label shares at least this share of the smaller one's height with it (a
# value printed larger than its label stands a little higher: a pension notice's 交付日).
BESIDE = 0.3


def _date_beside(lines: Sequence[TextLine], hit: Hit) -> date | None:
    """The first date of another line that starts right of a label, within a few character
    widths, on the label's row (their vertical spans overlap, see BESIDE)."""
    label = hit.box(lines)
    h = lines[hit.line].height
    best: tuple[int, date] | None = None
    for idx, ln in enumerate(lines):
        if idx == hit.line:
            continue
        shared = min(ln.box.bottom, label.bottom) - max(ln.box.y, label.y)
        if shared < BESIDE * min(ln.box.h, label.h) or not 0 <= ln.box.x - label.right <= 6 * h:
            continue
        found = find_dates(ln.text)
        if found and found[0].start <= 2 and (best is None or ln.box.x < best[0]):
            best = (ln.box.x, found[0].value)
    return best[1] if best else None


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
    if name is None and doc_type is DocumentType.RESIDENCE_CARD:
        name = _latin_name(lines)
    earliest = None if doc_type in MANY_PEOPLE else _earliest_date(lines)
    if name is None and doc_type is not DocumentType.PASSPORT:
        name = _unlabelled_name(lines, earliest[1] if earliest else None)
    if name is None and doc_type is not DocumentType.PASSPORT:
        name = _name_under_reading(lines)
    if name:
        out[FieldName.NAME] = name
    birth = _date_near(lines, BIRTH_LABELS, exclude_before=NOT_BIRTH, exclude_start=NOT_BIRTH_START)
    if birth is None:
        # 昭和60年4月12日生 (licences print the birth date after the name, ending in 生).
        for ln in lines:
            for f in find_dates(ln.text):
                if ln.text[f.end : f.end + 1] == "生":
                    birth = f.value
                    break
            if birth:
                break
    if birth is None:
        # A register's member: 出生 (in a vertical column's small cell it reads 生出) and
        # the date right after it; the first member is the one the register names.
        birth = _date_after(lines, ("出生", "生出"))
    if birth is None and earliest is not None:
        birth = earliest[0]
    if birth is not None:
        out[FieldName.BIRTH_DATE] = birth.isoformat()
    address = _label_value(lines, ADDRESS_LABELS)
    text = address.text.replace(" ", "") if address is not None else None
    if text is None or len(text) < 4 or not any(c in text for c in _ADDRESS_UNITS):
        # Not an address (another row's value under a misread label): every address names
        # a prefecture, city, ward, town or village.
        text = _unlabelled_address(lines)
    if text is not None and len(text) >= 4:
        text = _DIGIT_DASH.sub("-", _repair_prefecture(text))
        out[FieldName.ADDRESS] = _CHOME.sub("丁目", text)
    expiry = _date_near(
        lines, [x for x in EXPIRY_LABELS if x not in EXPIRY_AFTER], EXPIRY_AFTER, until_too=True
    )
    if expiry is not None:
        out[FieldName.EXPIRY_DATE] = expiry.isoformat()
    issued = _date_near(lines, ISSUE_LABELS)
    if doc_type in CERTIFICATES:
        issued = _certified_on(all_lines) or issued
    if expiry is None and issued is not None and doc_type not in CERTIFICATES:
        expiry = _date_after_issue(lines, issued)
        if expiry is not None:
            out[FieldName.EXPIRY_DATE] = expiry.isoformat()
    if issued is not None:
        out[FieldName.ISSUED_ON] = issued.isoformat()
    number = _document_number(lines, doc_type)
    if number:
        out[FieldName.DOCUMENT_NUMBER] = number
    return out


def _date_after_issue(lines: Sequence[TextLine], issued: date) -> date | None:
    """The expiry date whose label was lost: a later date printed after the date of issue
    on its line (cards print 交付年月日 … 有効期限 … side by side)."""
    for ln in lines:
        found = find_dates(ln.text)
        for first, then in itertools.pairwise(found):
            if first.value == issued and then.value > issued:
                return then.value
    return None


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


# A mark or two read off the print between 第 and the number are not part of it.
_LICENCE_NO = re.compile(r"(?:第|番号)[^0-9]{0,2}([0-9]{12})(?![0-9])|(?<![0-9])([0-9]{12})号")
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


def merge_mrz(
    fields: dict[FieldName, str],
    lines: Sequence[TextLine],
    *,
    surname: str,
    given_names: str,
    number: str,
    birth_date: str | None,
    expiry_date: str | None,
) -> dict[FieldName, str]:
    """Fields of a document whose machine-readable zone passed every check digit.

    The zone's check digits make its number and dates surer than any visual read, so they
    win; so does its name, read from a fixed font and alphabet (the visual zone's grey
    labels and small print are what OCR loses first). The date of issue is not in the zone:
    it is the visual zone's last date that lies between the birth and the expiry dates.
    """
    out = dict(fields)
    name = " ".join(part for part in (surname.strip(), given_names.strip()) if part)
    if name:
        out[FieldName.NAME] = name
    if number:
        out[FieldName.DOCUMENT_NUMBER] = number
    if birth_date:
        out[FieldName.BIRTH_DATE] = birth_date
    if expiry_date:
        out[FieldName.EXPIRY_DATE] = expiry_date
    known = {birth_date, expiry_date}
    if FieldName.ISSUED_ON not in out or out[FieldName.ISSUED_ON] in known:
        others = [
            f.value.isoformat()
            for ln in lines
            for f in find_dates(ln.text)
            if f.value.isoformat() not in known
            and (expiry_date is None or f.value.isoformat() < expiry_date)
            and (birth_date is None or f.value.isoformat() > birth_date)
        ]
        if others:
            out[FieldName.ISSUED_ON] = others[-1]
    return out
