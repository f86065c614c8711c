"""A small PDF writer for Japanese letters: A4 pages of text in one embedded TrueType font.

Written by hand (no Qt outside the UI, no new dependency): the font is embedded as a
CIDFontType2 with Identity-H encoding, reduced to the glyphs used (the other glyphs are
emptied, so glyph ids stay as in the font), and a ToUnicode map lets text be searched and
extracted. No metadata (producer, dates) is written.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

A4 = (595.28, 841.89)  # points
MARGIN = 64.0

_KEEP_TABLES = (b"head", b"hhea", b"maxp", b"hmtx", b"cvt ", b"fpgm", b"prep", b"OS/2", b"name")


class FontError(ValueError):
    """The font file is not a TrueType font this writer can embed."""


@dataclass(frozen=True, slots=True)
class TrueType:
    """What the writer needs of a TrueType (``glyf``) font."""

    data: bytes
    tables: dict[bytes, tuple[int, int]]  # tag -> (offset, length)
    units_per_em: int
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    advances: tuple[int, ...]  # per glyph id
    cmap: dict[int, int]  # code point -> glyph id
    long_loca: bool

    @classmethod
    def parse(cls, data: bytes) -> TrueType:
        """Read the tables of a ``.ttf`` (a ``.ttc`` collection: its first font).

        Raises:
            FontError: not a TrueType font with ``glyf`` outlines.
        """
        try:
            base = 0
            if data[:4] == b"ttcf":
                (base,) = struct.unpack_from(">I", data, 12)
            version, count = struct.unpack_from(">IH", data, base)
            if version not in (0x00010000, 0x74727565):
                raise FontError("not a TrueType font (CFF outlines are not supported)")
            tables: dict[bytes, tuple[int, int]] = {}
            for i in range(count):
                tag, _sum, offset, length = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
                tables[tag] = (offset, length)
            for needed in (b"head", b"hhea", b"maxp", b"hmtx", b"loca", b"glyf", b"cmap"):
                if needed not in tables:
                    raise FontError(f"the font has no {needed.decode()} table")
            head = tables[b"head"][0]
            units = struct.unpack_from(">H", data, head + 18)[0]
            bbox = struct.unpack_from(">hhhh", data, head + 36)
            long_loca = struct.unpack_from(">h", data, head + 50)[0] == 1
            hhea = tables[b"hhea"][0]
            ascent, descent = struct.unpack_from(">hh", data, hhea + 4)
            metrics = struct.unpack_from(">H", data, hhea + 34)[0]
            glyphs = struct.unpack_from(">H", data, tables[b"maxp"][0] + 4)[0]
            hmtx = tables[b"hmtx"][0]
            advances = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(metrics)]
            advances += [advances[-1]] * (glyphs - metrics)
            return cls(
                data=data,
                tables=tables,
                units_per_em=units,
                bbox=(bbox[0], bbox[1], bbox[2], bbox[3]),
                ascent=ascent,
                descent=descent,
                advances=tuple(advances),
                cmap=_read_cmap(data, tables[b"cmap"][0]),
                long_loca=long_loca,
            )
        except (struct.error, IndexError) as exc:
            raise FontError(f"damaged font: {exc}") from None

    def glyph(self, char: str) -> int:
        """The glyph id of a character (0, .notdef, when the font lacks it)."""
        return self.cmap.get(ord(char), 0)

    def width(self, gid: int) -> float:
        """Advance width in thousandths of the font size."""
        return self.advances[gid] * 1000.0 / self.units_per_em

    def _loca(self) -> list[int]:
        offset, _ = self.tables[b"loca"]
        count = len(self.advances) + 1
        if self.long_loca:
            return list(struct.unpack_from(f">{count}I", self.data, offset))
        return [2 * v for v in struct.unpack_from(f">{count}H", self.data, offset)]

    def subset(self, used: Iterable[int]) -> bytes:
        """The font with every glyph not in ``used`` (nor a component of one) emptied."""
        loca = self._loca()
        glyf = self.tables[b"glyf"][0]
        keep = {0, *used}
        todo = list(keep)
        while todo:  # composite glyphs pull in their components
            gid = todo.pop()
            start, end = loca[gid], loca[gid + 1]
            for component in _components(self.data[glyf + start : glyf + end]):
                if component not in keep:
                    keep.add(component)
                    todo.append(component)
        new_glyf = bytearray()
        new_loca = [0]
        for gid in range(len(self.advances)):
            if gid in keep:
                new_glyf += self.data[glyf + loca[gid] : glyf + loca[gid + 1]]
                new_glyf += b"\0" * (-len(new_glyf) % 4)
            new_loca.append(len(new_glyf))
        tables = {tag: self._table(tag) for tag in _KEEP_TABLES if tag in self.tables}
        head = bytearray(tables[b"head"])
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment: not needed inside a PDF
        head[50:52] = struct.pack(">h", 1)  # long loca offsets
        tables[b"head"] = bytes(head)
        tables[b"loca"] = struct.pack(f">{len(new_loca)}I", *new_loca)
        tables[b"glyf"] = bytes(new_glyf)
        return _sfnt(tables)

    def _table(self, tag: bytes) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset : offset + length]


def _read_cmap(data: bytes, cmap: int) -> dict[int, int]:
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + offset
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        if key not in subtables:
            continue
        at = subtables[key]
        fmt = struct.unpack_from(">H", data, at)[0]
        if fmt == 12:
            return _cmap12(data, at)
        if fmt == 4:
            return _cmap4(data, at)
    raise FontError("the font has no Unicode character map")


def _cmap12(data: bytes, at: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    out: dict[int, int] = {}
    for i in range(groups):
        first, last, gid = struct.unpack_from(">III", data, at + 16 + 12 * i)
        for code in range(first, last + 1):
            out[code] = gid + code - first
    return out


def _cmap4(data: bytes, at: int) -> dict[int, int]:
    segs = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", data, at + 14)
    starts = struct.unpack_from(f">{segs}H", data, at + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 4 * segs)
    ranges_at = at + 16 + 6 * segs
    ranges = struct.unpack_from(f">{segs}H", data, ranges_at)
    out: dict[int, int] = {}
    for i in range(segs):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if ranges[i] == 0:
                gid = (code + deltas[i]) & 0xFFFF
            else:
                where = ranges_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                gid = struct.unpack_from(">H", data, where)[0]
                if gid:
                    gid = (gid + deltas[i]) & 0xFFFF
            if gid:
                out[code] = gid
    return out


def _components(glyph: bytes) -> list[int]:
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    out = []
    at = 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, at)
        out.append(gid)
        at += 4 + (4 if flags & 0x0001 else 2)
        if flags & 0x0008:
            at += 2
        elif flags & 0x0040:
            at += 4
        elif flags & 0x0080:
            at += 8
        if not flags & 0x0020:
            return out


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1
    while power * 2 <= count:
        power *= 2
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1,
                         count * 16 - power * 16)  # fmt: skip
    directory = bytearray()
    body = bytearray()
    offset = 12 + 16 * count
    for tag in tags:
        table = tables[tag]
        padded = table + b"\0" * (-len(table) % 4)
        checksum = sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF
        directory += struct.pack(">4sIII", tag, checksum, offset + len(body), len(table))
        body += padded
    return header + bytes(directory) + bytes(body)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a letter: its text, size in points, and whether it is right-aligned."""

    text: str
    size: float = 10.5
    right: bool = False
    center: bool = False
    space_before: float = 0.0


HANGING = frozenset("、。，．,.")
"""Punctuation that may hang past the right margin rather than start a line (ぶら下げ)."""
NO_LINE_START = frozenset(
    "）」』】〕｝〉》”’・：；？！ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥)]}:;?!"
)
"""Characters a Japanese line must not start with (行頭禁則): the last one moves down too."""
NO_LINE_END = frozenset("（「『【〔｛〈《“‘([{")
"""Characters a Japanese line must not end with (行末禁則): they move to the next line."""


def wrap(font: TrueType, text: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points (by character: Japanese).

    Line breaking follows the basic Japanese rules (禁則処理): 、 and 。 hang past the margin,
    closing brackets and small kana never start a line, opening brackets never end one.
    """
    lines: list[str] = []
    current = ""
    used = 0.0

    def advance(part: str) -> float:
        return sum(font.width(font.glyph(c)) for c in part) * size / 1000.0

    for char in text:
        w = advance(char)
        if current and used + w > width:
            if char in HANGING and current[-1] not in HANGING:
                current += char
                used += w
                continue
            carry = ""
            if char in NO_LINE_START and len(current) > 1:
                carry, current = current[-1], current[:-1]
            while len(current) > 1 and current[-1] in NO_LINE_END:
                carry, current = current[-1] + carry, current[:-1]
            lines.append(current)
            current, used = carry, advance(carry)
            if char == " " and not carry:
                continue
        current += char
        used += w
    lines.append(current)
    return lines


def render(font: TrueType, lines: Sequence[Line], *, font_name: str = "IPAMincho") -> bytes:
    """A PDF of A4 pages holding ``lines`` (wrapped, flowing onto new pages)."""
    page_w, page_h = A4
    text_w = page_w - 2 * MARGIN
    pages: list[list[tuple[float, float, float, str]]] = [[]]
    y = page_h - MARGIN
    for line in lines:
        for part in wrap(font, line.text, line.size, text_w) if line.text else [""]:
            y -= line.size * 1.7 + line.space_before
            if y < MARGIN:
                pages.append([])
                y = page_h - MARGIN - line.size * 1.7
            width = sum(font.width(font.glyph(c)) for c in part) * line.size / 1000.0
            x = MARGIN
            if line.right:
                x = page_w - MARGIN - width
            elif line.center:
                x = (page_w - width) / 2
            pages[-1].append((x, y, line.size, part))
    used = sorted({font.glyph(c) for page in pages for *_, text in page for c in text})
    subset = font.subset(used)
    tag = "HONNIN"  # subset tag (six capitals) required by PDF for a subset font
    base = f"/{tag}+{font_name}".encode()

    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(dictionary: bytes, data: bytes, *, compress: bool = True) -> bytes:
        if compress:
            data = zlib.compress(data, 9)
            dictionary += b" /Filter /FlateDecode"
        return b"<<%s /Length %d>>\nstream\n%s\nendstream" % (dictionary, len(data), data)

    scale = 1000.0 / font.units_per_em
    font_file = add(stream(b" /Length1 %d" % len(subset), subset))
    bbox = " ".join(str(round(v * scale)) for v in font.bbox).encode()
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName %s /Flags 6 /FontBBox [%s] /ItalicAngle 0"
        b" /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>"
        % (base, bbox, round(font.ascent * scale), round(font.descent * scale),
           round(font.ascent * scale), font_file)
    )  # fmt: skip
    widths = b" ".join(b"%d [%d]" % (g, round(font.width(g))) for g in used)
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont %s /CIDSystemInfo"
        b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>"
        % (base, descriptor, widths)
    )
    to_unicode = add(stream(b"", _to_unicode(font, pages)))
    type0 = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (base, cid_font, to_unicode)
    )
    pages_id = add(b"")
    kids = []
    for page in pages:
        content = bytearray()
        for x, y_pos, size, text in page:
            if not text:
                continue
            hexed = "".join(f"{font.glyph(c):04X}" for c in text).encode()
            content += b"BT /F1 %.2f Tf %.2f %.2f Td <%s> Tj ET\n" % (size, x, y_pos, hexed)
        content_id = add(stream(b"", bytes(content)))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f]"
                b" /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, page_w, page_h, type0, content_id)
            )
        )
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def _to_unicode(
    font: TrueType, pages: Sequence[Sequence[tuple[float, float, float, str]]]
) -> bytes:
    mapping: dict[int, str] = {}
    for page in pages:
        for *_, text in page:
            for char in text:
                mapping.setdefault(font.glyph(char), char)
    entries = [
        f"<{gid:04X}> <{char.encode('utf-16-be').hex().upper()}>"
        for gid, char in sorted(mapping.items())
    ]
    chunks = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    body = "".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n" for chunk in chunks
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")
