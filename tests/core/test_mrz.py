"""ICAO 9303 zones: check digits, formats, repair of OCR confusions, dates and names."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.mrz import (
    ALPHABET,
    FRA_CNI_1988,
    MrzFormat,
    char_value,
    check_digit,
    detect_format,
    normalise_line,
    parse,
    parse_candidates,
    position_kinds,
    validate,
)

TODAY = date(2026, 11, 23)

# ICAO 9303 part 4 appendix (the Utopia specimens) and part 5/6.
TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
MRVA = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)
MRVB = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<")

SYMBOLS = st.text(alphabet=ALPHABET, min_size=0, max_size=40)
DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_char_values_follow_icao() -> None:
    assert [char_value(c) for c in "09AZ<"] == [0, 9, 10, 35, 0]
    with pytest.raises(ValueError, match="not an MRZ symbol"):
        char_value("a")


def test_check_digits_of_the_specimens() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("ZE184226B<<<<<") == "1"
    assert check_digit("D23145890") == "7"


@given(SYMBOLS)
def test_check_digit_is_a_digit_and_fillers_count_as_zero(data: str) -> None:
    digit = check_digit(data)
    assert digit in DIGITS
    assert check_digit(data + "<<<") == check_digit(data + "000")


@given(SYMBOLS, st.integers(min_value=0, max_value=39), st.sampled_from(ALPHABET))
def test_check_digit_catches_every_single_substitution_between_values(
    data: str, index: int, replacement: str
) -> None:
    """Weights 7, 3, 1 are coprime with 10: changing one value mod 10 changes the digit."""
    if not data:
        return
    i = index % len(data)
    if (char_value(data[i]) - char_value(replacement)) % 10 == 0:
        return
    changed = data[:i] + replacement + data[i + 1 :]
    assert check_digit(changed) != check_digit(data)


@pytest.mark.parametrize(
    ("lines", "fmt"),
    [
        (TD3, MrzFormat.TD3),
        (TD2, MrzFormat.TD2),
        (TD1, MrzFormat.TD1),
        (MRVA, MrzFormat.MRVA),
        (MRVB, MrzFormat.MRVB),
    ],
)
def test_specimens_parse_valid(lines: tuple[str, ...], fmt: MrzFormat) -> None:
    result = parse(lines, today=TODAY)
    assert result is not None
    assert result.format is fmt
    assert result.valid, result.failed_checks
    assert result.surname == "ERIKSSON"
    assert result.given_names == "ANNA MARIA"
    assert result.lines == lines
    assert validate(lines)


def test_td3_fields_and_contract() -> None:
    result = parse(TD3, today=TODAY)
    assert result is not None
    assert result.to_contract() == {
        "format": "TD3",
        "valid": True,
        "surname": "ERIKSSON",
        "given_names": "ANNA MARIA",
        "number": "L898902C3",
        "nationality": "UTO",
        "birth_date": "1974-08-12",
        "sex": "F",
        "expiry_date": "2012-04-15",
    }
    assert result.issuing_state == "UTO"
    assert result.optional_data == "ZE184226B"


def test_ocr_confusions_are_repaired_by_position() -> None:
    garbled = (
        "P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<",  # digits where letters belong
        "L898902C36UT07408I22F12O4I59ZE184226B<<<<<1O",  # letters where digits belong
    )
    result = parse(garbled, today=TODAY)
    assert result is not None
    assert result.valid
    assert result.lines == TD3


def test_check_digits_choose_between_readings_of_a_free_field() -> None:
    # "0" read as "O" inside the document number: only the digit satisfies the check.
    result = parse(("I<UTOD23145890<<<<<<<<<<<<<<<<", *TD1[1:]), today=TODAY)
    assert result is not None
    assert not result.valid  # a missing symbol is not guessed
    result = parse(("I<UTOD231458907<<<<<<<<<<<<<<<", *TD1[1:]), today=TODAY)
    assert result is not None
    assert result.valid
    swapped = ("I<UTOD23I458907<<<<<<<<<<<<<<<", *TD1[1:])
    result = parse(swapped, today=TODAY)
    assert result is not None
    assert result.valid
    assert result.number == "D23145890"


def test_candidates_from_an_ocr_let_the_check_digit_pick_the_runner_up() -> None:
    rows = [list(TD3[0]), list(TD3[1])]
    rows[1][3] = "B8"  # the OCR preferred B over 8 in the document number
    result = parse_candidates(rows, today=TODAY)
    assert result is not None
    assert result.valid
    assert result.number == "L898902C3"


def test_a_wrong_check_digit_makes_the_zone_invalid() -> None:
    bad = (TD3[0], TD3[1][:9] + "5" + TD3[1][10:])
    result = parse(bad, today=TODAY)
    assert result is not None
    assert not result.valid
    assert "number" in result.failed_checks
    assert not validate(bad)


def test_unreadable_positions_never_pass() -> None:
    rows = [list(TD3[0]), list(TD3[1])]
    rows[1][13] = "#"  # nothing a digit could be
    result = parse_candidates(rows, today=TODAY)
    assert result is not None
    assert not result.valid
    assert result.birth_date is None


def test_td1_long_document_number() -> None:
    # ICAO 9303 part 5: a number over 9 characters continues in the optional data.
    number = "D23145890123"
    line1 = "I<UTO" + number[:9] + "<" + number[9:] + check_digit(number) + "<" * 11
    line2 = "7408122F1204159UTO<<<<<<<<<<<"
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    lines = (line1, line2 + check_digit(composite), TD1[2])
    result = parse(lines, today=TODAY)
    assert result is not None
    assert result.valid, result.failed_checks
    assert result.number == number


def test_centuries_birth_in_the_past_expiry_within_twenty_years() -> None:
    base = list(TD3[1])

    def with_dates(birth: str, expiry: str) -> tuple[str, str]:
        line = base.copy()
        line[13:19] = birth
        line[19] = check_digit(birth)
        line[21:27] = expiry
        line[27] = check_digit(expiry)
        body = "".join(line)
        body = body[:43] + check_digit(body[0:10] + body[13:20] + body[21:43])
        return TD3[0], body

    result = parse(with_dates("250101", "350101"), today=TODAY)
    assert result is not None
    assert result.valid
    assert result.birth_date == "2025-01-01"  # a baby's passport: the latest past century
    result = parse(with_dates("270101", "350101"), today=TODAY)
    assert result is not None
    assert result.birth_date == "1927-01-01"  # 2027 is still to come
    result = parse(with_dates("300101", "470101"), today=TODAY)
    assert result is not None
    assert result.birth_date == "1930-01-01"
    assert result.expiry_date == "1947-01-01"  # beyond today + 20 years: the last century
    result = parse(with_dates("991231", "000230"), today=TODAY)
    assert result is not None
    assert result.expiry_date is None  # 30 February


def test_names_and_sex() -> None:
    line1 = "P<JPNYAMADA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = TD3[1][:20] + "<" + TD3[1][21:]
    result = parse((line1, line2), today=TODAY)
    assert result is not None
    assert (result.surname, result.given_names, result.sex) == ("YAMADA", "TARO", "X")
    result = parse(("P<UTOVAN<DER<BERG<<<<<<<<<<<<<<<<<<<<<<<<<<<", TD3[1]), today=TODAY)
    assert result is not None
    assert (result.surname, result.given_names) == ("VAN DER BERG", "")


def test_shapes_and_normalisation() -> None:
    assert detect_format(TD3) is MrzFormat.TD3
    assert detect_format(MRVB) is MrzFormat.MRVB
    assert detect_format(TD3[:1]) is None
    assert detect_format((TD3[0], TD2[1])) is None
    assert parse(["P<UTO", "L898"]) is None
    assert normalise_line(" p<uto«eriksson ") == "P<UTO<ERIKSSON"
    assert [len(k) for k in position_kinds(MrzFormat.TD1)] == [30, 30, 30]


_NAMES = st.text(alphabet=LETTERS, min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    surname=_NAMES,
    given_name=_NAMES,
    number=st.text(alphabet=DIGITS + LETTERS, min_size=9, max_size=9),
    birth=st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31)),
    expiry=st.dates(min_value=date(2020, 1, 1), max_value=date(2045, 12, 31)),
    sex=st.sampled_from("MFX"),
)
def test_round_trip_td3(
    surname: str, given_name: str, number: str, birth: date, expiry: date, sex: str
) -> None:
    name = (surname + "<<" + given_name + "<" * 39)[:39]
    line1 = "P<JPN" + name
    b, e = birth.strftime("%y%m%d"), expiry.strftime("%y%m%d")
    body = number + check_digit(number) + "JPN" + b + check_digit(b) + sex + e + check_digit(e)
    body += "<" * 14 + "<"
    body += check_digit(body[0:10] + body[13:20] + body[21:43])
    result = parse((line1, body), today=TODAY)
    assert result is not None
    assert result.valid
    assert result.lines == (line1, body)
    assert (result.surname, result.given_names, result.number) == (surname, given_name, number)
    assert result.birth_date == birth.isoformat()
    assert result.expiry_date == expiry.isoformat()
    assert result.sex == sex


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_valid_zone_with_one_confusion_in_a_typed_field_is_restored(data: st.DataObject) -> None:
    digits_at = [13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27]
    index = data.draw(st.sampled_from(digits_at))
    original = TD3[1][index]
    lookalike = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "4": "A", "6": "G", "7": "T"}
    if original not in lookalike:
        return
    garbled = TD3[1][:index] + lookalike[original] + TD3[1][index + 1 :]
    result = parse((TD3[0], garbled), today=TODAY)
    assert result is not None
    assert result.valid
    assert result.lines == TD3


def test_french_identity_card_of_1988_is_its_own_layout() -> None:
    """2 lines of 36 like TD2, but national fields: parsed as such, never ICAO-valid."""
    lines = ("IDFRADUPONTEL<<<<<<<<<<<<<<<<<<<<<<<", "")
    number = "880692310285"
    body = number + check_digit(number) + "MARIELLE<<<<<<" + "650412"
    body += check_digit("650412") + "F"
    body += check_digit(lines[0] + body)
    result = parse((lines[0], body), today=TODAY)
    assert result is not None
    assert result.variant == FRA_CNI_1988
    assert result.format is MrzFormat.TD2
    assert not result.valid
    assert result.failed_checks == ()
    assert (result.surname, result.given_names, result.number) == ("DUPONTEL", "MARIELLE", number)
    assert result.birth_date == "1965-04-12"
    assert result.expiry_date is None
    broken = body[:-1] + str((int(body[-1]) + 1) % 10)
    result = parse((lines[0], broken), today=TODAY)
    assert result is not None
    assert result.variant is None  # its own checks fail: reported as the TD2 it looks like


def test_birth_century_without_any_reference_date() -> None:
    line2 = TD3[1][:21] + "<<<<<<<" + TD3[1][28:]  # no expiry date printed
    result = parse((TD3[0], line2))
    assert result is not None
    assert result.birth_date == "1974-08-12"


def test_state_codes_are_read_again_when_unknown() -> None:
    rows = [list(TD3[0]), list(TD3[1])]
    rows[1][12] = "CO"  # nationality "UTC" is no state; its runner-up makes UTO
    result = parse_candidates(rows, today=TODAY)
    assert result is not None
    assert result.nationality == "UTO"
    rows[1][12] = "C"  # no alternative: the reading stays as read
    result = parse_candidates(rows, today=TODAY)
    assert result is not None
    assert result.nationality == "UTC"
