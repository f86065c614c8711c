"""ICAO 9303 machine-readable zones: formats, check digits, confusion repair and parsing."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
"""The 37 symbols an MRZ may hold (ICAO 9303 part 3, OCR-B subset)."""

FILLER = "<"
UNREADABLE = "?"
"""Marks a position whose symbol could not be read in :attr:`MrzResult.lines`."""
_WEIGHTS = (7, 3, 1)

# OCR confusions between a letter and a digit that OCR-B keeps apart only by small details.
# A position that must be a digit takes the digit, one that must be a letter takes the letter.
_TO_DIGIT = {"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1", "Z": "2",
             "S": "5", "B": "8", "G": "6", "A": "4", "T": "7"}  # fmt: skip
_TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", "7": "T"}
# Confusions inside fields that may hold letters and digits alike (document numbers, optional
# data): the check digit decides between the two readings.
_MATES = {"0": "O", "O": "0", "1": "I", "I": "1", "8": "B", "B": "8", "5": "S", "S": "5",
          "2": "Z", "Z": "2", "D": "0", "Q": "0", "6": "G", "G": "6"}  # fmt: skip
_AVOIDED = {"O": "0", "Q": "0", "I": "1"}
# Lookalikes of the filler that stock OCR engines emit.
_FILLER_LOOKALIKES = {"«": "<", "‹": "<", "〈": "<", "(": "<", "{": "<", "[": "<"}

_BIRTH_PIVOT = 29  # without a reference date, a birth year 00–29 is 20xx, 30–99 19xx
# Codes a zone may name as issuing state or nationality: ISO 3166-1 alpha-3 and ICAO 9303
# part 3's own (D for Germany, UTO for the specimens, refugees, organisations). They carry no
# check digit, so an unknown code is read again among the OCR's alternatives.
_STATE_CODES = frozenset(
    """
    AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL
    BLZ BEN BMU BTN BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD
    CHL CHN CXR CCK COL COM COG COD COK CRI CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY
    SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU GHA GIB GRC GRL
    GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR
    ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC
    MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM
    NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY PER PHL
    PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB
    SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA
    THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT VEN VNM
    VGB VIR WLF ESH YEM ZMB ZWE D<< UTO ANT RKS EUE UNO UNA UNK XXA XXB XXC XXX GBD GBN GBO
    GBP GBS XOM XPO XCC XES XIM XDC XBA
    """.split()  # noqa: SIM905 - as a list literal these 273 codes would fill 70 lines
)
_MAX_COMBINATIONS = 2000
_Changes = dict[tuple[int, int], str]  # position (line, index) -> symbol
_MAX_CHANGES = 3
_MAX_SOLUTIONS = 24


class MrzFormat(StrEnum):
    """Zone layouts; values are the contract's codes."""

    TD1 = "TD1"  # ID-1 card: 3 lines of 30
    TD2 = "TD2"  # ID-2 card: 2 lines of 36
    TD3 = "TD3"  # passport: 2 lines of 44
    MRVA = "MRVA"  # full-size visa: 2 lines of 44
    MRVB = "MRVB"  # small visa: 2 lines of 36


SHAPES: dict[MrzFormat, tuple[int, int]] = {
    MrzFormat.TD1: (3, 30),
    MrzFormat.TD2: (2, 36),
    MrzFormat.TD3: (2, 44),
    MrzFormat.MRVA: (2, 44),
    MrzFormat.MRVB: (2, 36),
}
"""(lines, characters per line) of each format."""


class _Kind(StrEnum):
    ALPHA = "A"  # letters or filler
    NUM = "N"  # digits
    ANY = "X"  # letters, digits or filler
    CHECK = "C"  # a check digit (a digit; a filler where the field may be empty)
    SEX = "S"  # M, F, X or filler
    NUMBER = "U"  # a document number: like ANY, but O, Q and I yield to 0 and 1 (see below)


@dataclass(frozen=True, slots=True)
class _Span:
    line: int
    start: int
    end: int

    def take(self, lines: Sequence[str]) -> str:
        return lines[self.line][self.start : self.end]


@dataclass(frozen=True, slots=True)
class _Check:
    """A check digit at ``digit`` over the concatenation of ``spans``."""

    name: str
    spans: tuple[_Span, ...]
    digit: _Span
    optional: bool = False  # a filler is allowed when the checked data is all filler


@dataclass(frozen=True, slots=True)
class _Layout:
    kinds: tuple[str, ...]  # one string of _Kind letters per line
    checks: tuple[_Check, ...]
    name: _Span
    number: _Span
    state: _Span
    nationality: _Span
    birth: _Span
    sex: _Span
    expiry: _Span


def _kinds(*segments: tuple[str, int]) -> str:
    return "".join(kind * count for kind, count in segments)


def _s(line: int, start: int, end: int) -> _Span:
    return _Span(line, start, end)


_A, _N, _X, _C, _SX, _U = "A", "N", "X", "C", "S", "U"

# TD3 and MRV-A share line 2 up to column 28; they differ in the personal number's checks.
_LINE1_44 = _kinds((_A, 44))
_LINE1_36 = _kinds((_A, 36))
_TD3_2 = _kinds((_U, 9), (_C, 1), (_A, 3), (_N, 6), (_C, 1), (_SX, 1), (_N, 6), (_C, 1), (_X, 14),
                (_C, 1), (_C, 1))  # fmt: skip
_MRVA_2 = _kinds((_U, 9), (_C, 1), (_A, 3), (_N, 6), (_C, 1), (_SX, 1), (_N, 6), (_C, 1), (_X, 16))
_TD2_2 = _kinds((_U, 9), (_C, 1), (_A, 3), (_N, 6), (_C, 1), (_SX, 1), (_N, 6), (_C, 1), (_X, 7),
                (_C, 1))  # fmt: skip
_MRVB_2 = _kinds((_U, 9), (_C, 1), (_A, 3), (_N, 6), (_C, 1), (_SX, 1), (_N, 6), (_C, 1), (_X, 8))
_TD1_1 = _kinds((_A, 2), (_A, 3), (_U, 9), (_C, 1), (_X, 15))
_TD1_2 = _kinds((_N, 6), (_C, 1), (_SX, 1), (_N, 6), (_C, 1), (_A, 3), (_X, 11), (_C, 1))
_TD1_3 = _kinds((_A, 30))


def _two_line_checks(width: int, composite: bool) -> tuple[_Check, ...]:
    checks = [
        _Check("number", (_s(1, 0, 9),), _s(1, 9, 10)),
        _Check("birth", (_s(1, 13, 19),), _s(1, 19, 20)),
        _Check("expiry", (_s(1, 21, 27),), _s(1, 27, 28)),
    ]
    if composite and width == 44:
        checks.append(_Check("personal", (_s(1, 28, 42),), _s(1, 42, 43), optional=True))
        spans = (_s(1, 0, 10), _s(1, 13, 20), _s(1, 21, 43))
        checks.append(_Check("composite", spans, _s(1, 43, 44)))
    elif composite:
        spans = (_s(1, 0, 10), _s(1, 13, 20), _s(1, 21, 35))
        checks.append(_Check("composite", spans, _s(1, 35, 36)))
    return tuple(checks)


def _two_line(line1: str, line2: str, width: int, composite: bool) -> _Layout:
    return _Layout(
        kinds=(line1, line2),
        checks=_two_line_checks(width, composite),
        name=_s(0, 5, width),
        number=_s(1, 0, 9),
        state=_s(0, 2, 5),
        nationality=_s(1, 10, 13),
        birth=_s(1, 13, 19),
        sex=_s(1, 20, 21),
        expiry=_s(1, 21, 27),
    )


_LAYOUTS: dict[MrzFormat, _Layout] = {
    MrzFormat.TD3: _two_line(_LINE1_44, _TD3_2, 44, composite=True),
    MrzFormat.MRVA: _two_line(_LINE1_44, _MRVA_2, 44, composite=False),
    MrzFormat.TD2: _two_line(_LINE1_36, _TD2_2, 36, composite=True),
    MrzFormat.MRVB: _two_line(_LINE1_36, _MRVB_2, 36, composite=False),
    MrzFormat.TD1: _Layout(
        kinds=(_TD1_1, _TD1_2, _TD1_3),
        checks=(
            _Check("number", (_s(0, 5, 14),), _s(0, 14, 15)),
            _Check("birth", (_s(1, 0, 6),), _s(1, 6, 7)),
            _Check("expiry", (_s(1, 8, 14),), _s(1, 14, 15)),
            _Check(
                "composite",
                (_s(0, 5, 30), _s(1, 0, 7), _s(1, 8, 15), _s(1, 18, 29)),
                _s(1, 29, 30),
            ),
        ),
        name=_s(2, 0, 30),
        number=_s(0, 5, 14),
        state=_s(0, 2, 5),
        nationality=_s(1, 15, 18),
        birth=_s(1, 0, 6),
        sex=_s(1, 7, 8),
        expiry=_s(1, 8, 14),
    ),
}


FRA_CNI_1988 = "FRA_CNI_1988"
_FRA_PREFIX = "IDFRA"
# Line 1: ID, FRA, surname (25), issuing office (6). Line 2: card number (12) and its check,
# given names (14), birth date and its check, sex, and a check over both lines.
_FRA_CNI_1988 = _Layout(
    kinds=(
        _kinds((_A, 30), (_X, 6)),
        _kinds((_U, 12), (_C, 1), (_A, 14), (_N, 6), (_C, 1), (_SX, 1), (_C, 1)),
    ),
    checks=(
        _Check("number", (_s(1, 0, 12),), _s(1, 12, 13)),
        _Check("birth", (_s(1, 27, 33),), _s(1, 33, 34)),
        _Check("composite", (_s(0, 0, 36), _s(1, 0, 35)), _s(1, 35, 36)),
    ),
    name=_s(0, 5, 30),
    number=_s(1, 0, 12),
    state=_s(0, 2, 5),
    nationality=_s(0, 2, 5),
    birth=_s(1, 27, 33),
    sex=_s(1, 34, 35),
    expiry=_s(1, 27, 33),  # not printed; unused
)


def char_value(char: str) -> int:
    """The value ICAO 9303 gives a symbol: digits as such, A=10 … Z=35, filler 0.

    Raises:
        ValueError: ``char`` is not one of the 37 MRZ symbols.
    """
    if char.isdigit() and char.isascii():
        return int(char)
    if "A" <= char <= "Z" and len(char) == 1:
        return ord(char) - ord("A") + 10
    if char == FILLER:
        return 0
    raise ValueError(f"not an MRZ symbol: {char!r}")


def check_digit(data: str) -> str:
    """The ICAO 9303 check digit of ``data`` (weights 7, 3, 1 repeated, modulo 10)."""
    total = sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data))
    return str(total % 10)


@dataclass(frozen=True, slots=True)
class MrzResult:
    """One parsed zone.

    Attributes:
        format: the layout.
        valid: every check digit of ICAO 9303 holds (composite included).
        document_code: the first two characters (``P<``, ``ID``, ``V<`` …), fillers kept.
        issuing_state: three-letter code of the issuing state or organisation.
        surname: primary identifier, fillers turned into spaces.
        given_names: secondary identifier, one space between names ("" when none).
        number: document number without fillers (long TD1 numbers joined).
        nationality: three-letter code.
        birth_date: ISO date, or None when unreadable or not printed.
        sex: "M", "F" or "X" (unspecified).
        expiry_date: ISO date, or None.
        optional_data: the optional/personal-number fields without fillers.
        lines: the zone's lines after repair.
        failed_checks: names of the check digits that do not hold.
        variant: a national layout in an ICAO shape (``FRA_CNI_1988``: the French identity
            card of 1988–2021, 2 lines of 36 with its own fields); ``valid`` is then False
            because the zone is not ICAO 9303, while ``failed_checks`` gives its own checks.
    """

    format: MrzFormat
    valid: bool
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    number: str
    nationality: str
    birth_date: str | None
    sex: str
    expiry_date: str | None
    optional_data: str
    lines: tuple[str, ...]
    failed_checks: tuple[str, ...] = ()
    variant: str | None = None

    def to_contract(self) -> dict[str, Any]:
        """The contract's ``mrz`` object."""
        return {
            "format": str(self.format),
            "valid": self.valid,
            "surname": self.surname,
            "given_names": self.given_names,
            "number": self.number,
            "nationality": self.nationality,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "expiry_date": self.expiry_date,
        }


def position_kinds(fmt: MrzFormat) -> tuple[str, ...]:
    """What each position of a format may hold, one string per line.

    Letters: ``A`` letters or filler, ``N`` digits, ``C`` check digit, ``S`` sex, ``U``
    document number, ``X`` anything (optional data).
    """
    return _LAYOUTS[fmt].kinds


def normalise_line(text: str) -> str:
    """Upper-case, drop spaces and turn the filler's lookalikes into ``<``."""
    out = []
    for char in text.upper():
        if char.isspace():
            continue
        out.append(_FILLER_LOOKALIKES.get(char, char))
    return "".join(out)


def detect_format(lines: Sequence[str]) -> MrzFormat | None:
    """The format a zone's shape and first character say, or None."""
    if len(lines) == 3 and all(len(line) == 30 for line in lines):
        return MrzFormat.TD1
    if len(lines) != 2 or len(lines[0]) != len(lines[1]):
        return None
    visa = lines[0][:1] == "V"
    if len(lines[0]) == 44:
        return MrzFormat.MRVA if visa else MrzFormat.TD3
    if len(lines[0]) == 36:
        return MrzFormat.MRVB if visa else MrzFormat.TD2
    return None


def _allowed(kind: str, char: str) -> bool:
    if kind == _A:
        return char.isalpha() or char == FILLER
    if kind == _N:
        return char.isdigit()
    if kind == _C:
        return char.isdigit() or char == FILLER
    if kind == _SX:
        return char in "MFX<"
    return True


def _coerce(kind: str, char: str) -> str | None:
    """``char`` turned into a symbol its position allows, or None."""
    if _allowed(kind, char):
        return char
    if kind in (_N, _C):
        return _TO_DIGIT.get(char)
    if kind == _A:
        return _TO_LETTER.get(char)
    if kind == _SX:
        return {"H": "M", "N": "M", "P": "F", "E": "F", "K": "X"}.get(char)
    return None


def _options(kind: str, candidates: str) -> tuple[list[str], set[str], str | None]:
    """Symbols a position may hold, best first, from an OCR's ranked guesses.

    Returns:
        The symbols; those among them the OCR did not offer (lookalikes added here), which a
        repair uses only when the OCR's own alternatives do not do; and the OCR's own first
        choice when a preference put another symbol first.
    """
    out: list[str] = []
    for char in candidates:
        fixed = _coerce(kind, char)
        if fixed is not None and fixed not in out:
            out.append(fixed)
    weak: set[str] = set()
    if kind in (_X, _U) and candidates:
        mate = _MATES.get(candidates[0])
        if mate is not None and mate not in out:
            out.append(mate)
            weak.add(mate)
    if kind in (_U, _X) and out and out[0] in _AVOIDED and _AVOIDED[out[0]] in candidates:
        # Issuers avoid O, Q and I in document numbers and optional data because they read
        # as 0 and 1; when the OCR itself offers both, the digit is the likelier reading.
        letter = out[0]
        out.remove(_AVOIDED[letter])
        out.insert(0, _AVOIDED[letter])
        weak.discard(_AVOIDED[letter])
        return out, weak, letter
    if not out:
        # Unreadable here: a marker that no check digit accepts, so the zone reads invalid.
        out.append(UNREADABLE)
    return out, weak, None


def _check_holds(check: _Check, lines: Sequence[str]) -> bool:
    data = "".join(span.take(lines) for span in check.spans)
    digit = check.digit.take(lines)
    if UNREADABLE in data or UNREADABLE in digit:
        return False
    if check.optional and digit == FILLER and set(data) <= {FILLER}:
        return True
    if digit == FILLER:
        return False
    return check_digit(data) == digit


def _joined(chosen: list[list[str]], changes: _Changes) -> list[str]:
    rows = [list(line) for line in chosen]
    for (ln, i), char in changes.items():
        rows[ln][i] = char
    return ["".join(row) for row in rows]


def _resolve(
    layout: _Layout,
    options: list[list[list[str]]],
    weak: set[tuple[int, int, str]],
    literal: _Changes,
) -> tuple[list[str], tuple[str, ...]]:
    """Pick a symbol per position: the best guesses, changed where that makes the zone valid.

    Each field whose check digit fails gets every reading that needs the fewest changes among
    the OCR's alternatives; the composite check digit then chooses among their combinations.
    Repairs that cannot make the composite hold are dropped: the zone is reported as read.
    """
    chosen = [[opts[0] for opts in line] for line in options]
    base = _joined(chosen, {})
    composite = next((c for c in layout.checks if c.name == "composite"), None)
    fields = [c for c in layout.checks if c is not composite]
    covered = {
        (s.line, i) for c in fields for s in (*c.spans, c.digit) for i in range(s.start, s.end)
    }
    per_field: list[list[_Changes]] = []
    for check in fields:
        if _check_holds(check, base):
            per_field.append([{}])
        else:
            spots = {
                (s.line, i) for s in (*check.spans, check.digit) for i in range(s.start, s.end)
            }
            as_read = {spot: c for spot, c in literal.items() if spot in spots}
            if as_read and _check_holds(check, _joined(chosen, as_read)):
                # The OCR's own letters, before the preference for digits, make it hold.
                per_field.append([as_read])
                continue
            found = _solutions(check, options, chosen, None)
            # The OCR's own runners-up before lookalikes it never offered.
            found.sort(key=lambda ch: sum((ln, i, c) in weak for (ln, i), c in ch.items()))
            per_field.append(found or [{}])
    final: _Changes | None = None
    for combo in itertools.islice(itertools.product(*per_field), _MAX_COMBINATIONS):
        changes: _Changes = {}
        for part in combo:
            changes.update(part)
        if composite is None:
            final = changes
            break
        trial = _joined(chosen, changes)
        if _check_holds(composite, trial):
            final = changes
            break
        # Optional data without a check digit of its own answers to the composite only.
        rows = [list(line) for line in trial]
        fixes = _solutions(composite, options, rows, covered)
        if fixes:
            final = {**changes, **fixes[0]}
            break
    lines = _joined(chosen, final or {})
    failed = tuple(c.name for c in layout.checks if not _check_holds(c, lines))
    return lines, failed


def _solutions(
    check: _Check,
    options: list[list[list[str]]],
    chosen: list[list[str]],
    excluded: set[tuple[int, int]] | None,
) -> list[_Changes]:
    """Every reading that satisfies ``check`` with the fewest changes (at most _MAX_CHANGES).

    More changes than that would let chance satisfy the digit (1 in 10).
    """
    positions = [(s.line, i) for s in (*check.spans, check.digit) for i in range(s.start, s.end)]
    ambiguous = [
        (ln, i)
        for ln, i in positions
        if len(options[ln][i]) > 1 and (excluded is None or (ln, i) not in excluded)
    ]
    current = ["".join(line) for line in chosen]
    tried = 0
    for count in range(1, min(len(ambiguous), _MAX_CHANGES) + 1):
        found: list[_Changes] = []
        for subset in itertools.combinations(ambiguous, count):
            alternatives = [options[ln][i][1:] for ln, i in subset]
            for picks in itertools.product(*alternatives):
                tried += 1
                if tried > _MAX_COMBINATIONS:
                    return found
                changes = dict(zip(subset, picks, strict=True))
                rows = [list(line) for line in current]
                for (ln, i), char in changes.items():
                    rows[ln][i] = char
                if _check_holds(check, ["".join(row) for row in rows]):
                    found.append(changes)
                    if len(found) >= _MAX_SOLUTIONS:
                        return found
        if found:
            return found
    return []


def _date(text: str, *, birth: bool, today: date | None, expiry: date | None) -> date | None:
    if len(text) != 6 or not text.isdigit():
        return None
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:6])
    centuries = (2000, 1900) if birth else (2000, 1900, 2100)
    for century in centuries:
        try:
            value = date(century + yy, mm, dd)
        except ValueError:
            return None
        if birth:
            limit = today if today is not None else expiry
            if limit is None:
                # Neither today nor an expiry date: a fixed pivot, the last resort.
                limit = date(2000 + _BIRTH_PIVOT, 12, 31)
            if value <= limit:
                return value
        else:
            horizon = date(today.year + 20, 12, 31) if today is not None else date(2099, 12, 31)
            if value <= horizon:
                return value
    return None


def _names(field: str) -> tuple[str, str]:
    surname, _, given = field.partition("<<")
    surname = " ".join(part for part in surname.split(FILLER) if part)
    given = " ".join(part for part in given.split(FILLER) if part)
    return surname, given


def _number(layout: _Layout, lines: Sequence[str], fmt: MrzFormat) -> str:
    number = layout.number.take(lines)
    if fmt is MrzFormat.TD1 and lines[0][14] == FILLER:
        # A number longer than 9: it continues in the optional data, whose last symbol before
        # the first filler is the check digit (ICAO 9303 part 5, note j).
        rest = lines[0][15:30].split(FILLER, 1)[0]
        number += rest[:-1]
    return number.replace(FILLER, "")


def parse_candidates(
    rows: Sequence[Sequence[str]], *, today: date | None = None
) -> MrzResult | None:
    """Parse a zone given, for each position, an OCR's guesses best first.

    Args:
        rows: one sequence per line; each item is a string of candidate symbols for that
            position, best first (a plain line of text gives one candidate per position).
        today: the reference date for centuries: birth dates lie before it, expiry dates at
            most 20 years after it. Without it, a birth date precedes the expiry date.

    Returns:
        The parsed zone (``valid`` False when a check digit fails), or None when the shape
        is not one of the ICAO formats.
    """
    tops = ["".join(c[:1] if c else "?" for c in row) for row in rows]
    fmt = detect_format(tops)
    if fmt is None:
        return None
    result = _parse_with(_LAYOUTS[fmt], fmt, rows, today, variant=None)
    if fmt is MrzFormat.TD2 and not result.valid and tops[0].startswith(_FRA_PREFIX):
        national = _parse_with(_FRA_CNI_1988, fmt, rows, today, variant=FRA_CNI_1988)
        if not national.failed_checks:
            return national
    return result


def _resolved_options(
    layout: _Layout, rows: Sequence[Sequence[str]]
) -> tuple[list[list[list[str]]], set[tuple[int, int, str]], _Changes]:
    options: list[list[list[str]]] = []
    weak: set[tuple[int, int, str]] = set()
    literal: _Changes = {}
    for ln, (kinds, row) in enumerate(zip(layout.kinds, rows, strict=True)):
        line_options = []
        for i, (kind, cands) in enumerate(zip(kinds, row, strict=True)):
            chars, added, first = _options(kind, cands)
            line_options.append(chars)
            weak.update((ln, i, char) for char in added)
            if first is not None:
                literal[(ln, i)] = first
        options.append(line_options)
    return options, weak, literal


def _parse_with(
    layout: _Layout,
    fmt: MrzFormat,
    rows: Sequence[Sequence[str]],
    today: date | None,
    variant: str | None,
) -> MrzResult:
    options, weak, literal = _resolved_options(layout, rows)
    lines, failed = _resolve(layout, options, weak, literal)
    if fmt is MrzFormat.TD1 and lines[0][14] == FILLER and "number" in failed:
        failed = _long_td1_number(lines, failed)
    if variant is None:
        for span in (layout.state, layout.nationality):
            lines = _known_code(lines, span, options)
    if variant is None:
        expiry = _date(layout.expiry.take(lines), birth=False, today=today, expiry=None)
        surname, given = _names(layout.name.take(lines))
        number = _number(layout, lines, fmt)
        optional = _optional(fmt, lines)
    else:
        # The French card of 1988 prints no expiry; its given names sit on line 2.
        expiry = None
        surname, _ = _names(layout.name.take(lines))
        given = _names("<<" + lines[1][13:27])[1]
        number = layout.number.take(lines).replace(FILLER, "")
        optional = ""
    birth = _date(layout.birth.take(lines), birth=True, today=today, expiry=expiry)
    sex = layout.sex.take(lines)
    return MrzResult(
        format=fmt,
        # A national layout is not an ICAO 9303 zone, whatever its own check digits say.
        valid=not failed and variant is None,
        document_code=lines[0][:2],
        issuing_state=layout.state.take(lines).replace(FILLER, ""),
        surname=surname,
        given_names=given,
        number=number,
        nationality=layout.nationality.take(lines).replace(FILLER, ""),
        birth_date=birth.isoformat() if birth else None,
        sex="X" if sex == FILLER else sex,
        expiry_date=expiry.isoformat() if expiry else None,
        optional_data=optional,
        lines=tuple(lines),
        failed_checks=failed,
        variant=variant,
    )


def _known_code(lines: list[str], span: _Span, options: list[list[list[str]]]) -> list[str]:
    """The zone with a state code the OCR's alternatives turn into a known one, if needed."""
    code = span.take(lines)
    if code in _STATE_CODES:
        return lines
    choices = [options[span.line][i] for i in range(span.start, span.end)]
    for combo in itertools.islice(itertools.product(*choices), 64):
        candidate = "".join(combo)
        if candidate in _STATE_CODES:
            line = lines[span.line]
            fixed = line[: span.start] + candidate + line[span.end :]
            return [*lines[: span.line], fixed, *lines[span.line + 1 :]]
    return lines


def _long_td1_number(lines: Sequence[str], failed: tuple[str, ...]) -> tuple[str, ...]:
    rest = lines[0][15:30].split(FILLER, 1)[0]
    if len(rest) >= 2 and check_digit(lines[0][5:14] + rest[:-1]) == rest[-1]:
        return tuple(name for name in failed if name != "number")
    return failed


def _optional(fmt: MrzFormat, lines: Sequence[str]) -> str:
    parts: tuple[str, ...]
    if fmt is MrzFormat.TD1:
        parts = (lines[0][15:30], lines[1][18:29])
    elif fmt is MrzFormat.TD3:
        parts = (lines[1][28:42],)
    elif fmt is MrzFormat.TD2:
        parts = (lines[1][28:35],)
    else:
        parts = (lines[1][28:],)
    return " ".join(p.strip(FILLER).replace(FILLER, " ") for p in parts if p.strip(FILLER))


def parse(lines: Sequence[str], *, today: date | None = None) -> MrzResult | None:
    """Parse a zone read as text, repairing letter/digit confusions by position.

    Args:
        lines: the zone's lines, top first (spaces ignored, lookalikes of ``<`` accepted).
        today: see :func:`parse_candidates`.

    Returns:
        The parsed zone, or None when the lines do not have an ICAO shape.
    """
    clean = [normalise_line(line) for line in lines]
    return parse_candidates([list(line) for line in clean], today=today)


def validate(lines: Sequence[str]) -> bool:
    """True when ``lines`` are an ICAO zone whose every check digit holds, as they stand."""
    fmt = detect_format(lines)
    if fmt is None or any(c not in ALPHABET for line in lines for c in line):
        return False
    layout = _LAYOUTS[fmt]
    for check in layout.checks:
        if _check_holds(check, lines):
            continue
        long_number = fmt is MrzFormat.TD1 and check.name == "number" and lines[0][14] == FILLER
        if long_number and not _long_td1_number(lines, ("number",)):
            continue
        return False
    return True


__all__ = [
    "ALPHABET",
    "FILLER",
    "FRA_CNI_1988",
    "SHAPES",
    "MrzFormat",
    "MrzResult",
    "char_value",
    "check_digit",
    "detect_format",
    "normalise_line",
    "parse",
    "parse_candidates",
    "position_kinds",
    "validate",
]
