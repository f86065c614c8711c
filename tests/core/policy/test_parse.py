"""Reading policy files: the built-ins, and every mistake reported with its line."""

from __future__ import annotations

import pytest

from desktop.core.documents import DocumentType
from desktop.core.errors import InputError
from desktop.core.policy import Disposal, FeeKind, IdentityRule, PolicyError, parse
from desktop.core.policy.model import RepresentativeKind
from desktop.core.policy.parse import locate
from tests.core.policy.factories import BUILTINS, POLICY_DIR, load

T = DocumentType

MINIMAL = """\
name = "acme"
version = "1"
title_ja = "テスト株式会社"
title_en = "Test Co."
seed = "seed.txt"

[principal]
rule = "photo_or_others"
documents = [
    "drivers_license",
    "health_insurance_card",
    "pension_book",
]
cite = { section = "Identity" }

[legal_representative]
rule = "one_of"
documents = ["drivers_license"]
cite = { section = "Representative" }

[legal_representative.authority]
minor = ["family_register", "health_insurance_card"]
adult_ward = ["registered_matters_certificate"]
cite = { section = "Authority" }

[appointed_agent]
id_required = false
cite = { section = "Agent", file = "other.txt", product_default = true }

[fee]
kind = "fixed"
amount_yen = 1000
cite = { section = "Fee" }

[disposal]
id_copies = "retention"
retention_days = 90
cite = { section = "Disposal" }
"""


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_minimal_policy() -> None:
    p = parse(MINIMAL, "acme.toml")
    assert (p.name, p.version, p.title_ja, p.title_en, p.seed) == (
        "acme",
        "1",
        "テスト株式会社",
        "Test Co.",
        "seed.txt",
    )
    assert p.principal.rule is IdentityRule.PHOTO_OR_OTHERS
    assert p.principal.others == 2  # the default
    assert p.principal.documents == (
        T.DRIVERS_LICENSE,
        T.HEALTH_INSURANCE_CARD,
        T.PENSION_BOOK,
    )
    assert p.principal.cite.file == "seed.txt"
    assert not p.principal.cite.product_default
    rep = p.legal_representative
    assert rep.identity is not None
    assert (rep.identity.rule, rep.identity.others) == (IdentityRule.ONE_OF, 1)
    assert rep.authority.accepted(RepresentativeKind.MINOR) == (
        T.FAMILY_REGISTER,
        T.HEALTH_INSURANCE_CARD,
    )
    assert rep.authority.accepted(RepresentativeKind.ADULT_WARD) == (
        T.REGISTERED_MATTERS_CERTIFICATE,
    )
    agent = p.appointed_agent
    assert agent.identity is None
    assert agent.power_of_attorney  # the default
    assert (agent.cite.file, agent.cite.product_default) == ("other.txt", True)
    assert p.certificate_age is None
    assert p.deadline is None
    assert (p.fee.kind, p.fee.amount_yen) == (FeeKind.FIXED, 1000)
    assert (p.disposal.id_copies, p.disposal.retention_days) == (Disposal.RETENTION, 90)
    assert p.refusal_grounds == ()


@pytest.mark.parametrize("name", BUILTINS)
def test_builtins_parse_and_cite_their_seed(name: str) -> None:
    p = load(name)
    assert p.name == name
    assert (POLICY_DIR / f"{name}.toml").is_file()
    cites = [
        p.principal.cite,
        p.legal_representative.authority.cite,
        p.appointed_agent.cite,
        p.fee.cite,
        p.disposal.cite,
        *(g.cite for g in p.refusal_grounds),
    ]
    assert all(c.section for c in cites)
    assert all(c.file.endswith(".txt") for c in cites)
    assert {"harm_to_rights", "business_impediment", "violation_of_law"} <= {
        g.code for g in p.refusal_grounds
    }
    assert all(g.ja and g.en for g in p.refusal_grounds)


def test_builtin_specifics() -> None:
    leverages = load("leverages")
    assert leverages.principal.rule is IdentityRule.ONE_OF
    assert leverages.deadline is not None
    assert leverages.deadline.business_days == 14
    assert leverages.fee.kind is FeeKind.FREE
    assert leverages.disposal.id_copies is Disposal.AFTER_VERIFICATION
    assert leverages.legal_representative.authority.adult_ward == (
        T.REGISTERED_MATTERS_CERTIFICATE,
    )
    assert load("line-works").fee.kind is FeeKind.MAY_CHARGE
    persol = load("persol-cross-technology")
    assert "commissioned_data" in {g.code for g in persol.refusal_grounds}
    for name in ("persol-cross-technology", "line-works", "appi-default"):
        age = load(name).certificate_age
        assert age is not None
        assert age.months == 3
    for name in ("whi", "works-applications"):
        p = load(name)
        assert p.certificate_age is None
        assert p.deadline is None
        assert p.appointed_agent.cite.product_default  # the agent's own ID


def _broken(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ('version = "1"', 'version = "1"\ncolour = "red"', "colour", "colour: unknown key"),
        (
            'rule = "photo_or_others"',
            'rule = "photo_or_others"\nphoto = 1',
            "photo = 1",
            "principal.photo: unknown key",
        ),
        (
            '    "pension_book",',
            '    "pension_book",\n    "library_card",',
            "library_card",
            "unknown document type 'library_card'",
        ),
        (
            '    "pension_book",',
            '    "pension_book",\n    "power_of_attorney",',
            '"power_of_attorney"',
            "'power_of_attorney' cannot serve as identity proof",
        ),
        (
            '    "pension_book",',
            "    \"pension_book\",\n    'drivers_license',",
            "'drivers_license'",  # the second occurrence
            "'drivers_license' is listed twice",
        ),
        (
            'minor = ["family_register", "health_insurance_card"]',
            'minor = ["family_register", "passport"]',
            "minor =",
            "'passport' cannot serve as authority proof",
        ),
        (
            'adult_ward = ["registered_matters_certificate"]',
            'adult_ward = ["registered_matters_certificate", "health_insurance_card"]',
            "adult_ward =",
            "a health insurance card proves authority only over a minor",
        ),
        ('rule = "one_of"', 'rule = "any"', 'rule = "any"', "unknown value 'any'"),
        (
            'rule = "one_of"',
            'rule = "one_of"\nothers = 2',
            "others = 2",
            "only allowed with rule",
        ),
        (
            'rule = "photo_or_others"',
            'rule = "photo_or_others"\nothers = "two"',
            'others = "two"',
            "principal.others: must be an integer, not a string",
        ),
        (
            'rule = "photo_or_others"',
            'rule = "photo_or_others"\nothers = 0',
            "others = 0",
            "must be at least 1",
        ),
        (
            'rule = "photo_or_others"',
            'rule = "photo_or_others"\nothers = 2.5',
            "others = 2.5",
            "principal.others: must be an integer, not a float",
        ),
        (
            'version = "1"',
            "version = 2026-11-20",
            "version = 2026",
            "version: must be a string, not a date",
        ),
        (
            "id_required = false",
            'id_required = "no"',
            "id_required",
            "must be a boolean, not a string",
        ),
        ('documents = ["drivers_license"]', "documents = []", "documents = []", "at least one"),
        (
            'documents = ["drivers_license"]',
            'documents = "drivers_license"',
            'documents = "drivers_license"',
            "must be an array",
        ),
        (
            'documents = ["drivers_license"]',
            "documents = [1]",
            "documents = [1]",
            "legal_representative.documents[0]: must be a string, not an integer",
        ),
        ('version = "1"', 'version = "  "', "version", "version: must not be empty"),
        ('name = "acme"', 'name = "Acme Policy"', "name =", "name: must be lower-case"),
        ('kind = "fixed"', 'kind = "free"', "amount_yen", "only allowed with kind"),
        ("retention_days = 90", "retention_days = true", "retention_days", "not a boolean"),
        (
            'id_copies = "retention"',
            'id_copies = "after_verification"',
            "retention_days",
            'only allowed with id_copies = "retention"',
        ),
        (
            'cite = { section = "Fee" }',
            'cite = { section = "Fee", page = 3 }',
            'section = "Fee"',
            "fee.cite.page: unknown key",
        ),
        (
            'cite = { section = "Fee" }',
            'cite = { file = "x.txt" }',
            'file = "x.txt"',
            "fee.cite: missing key 'section'",
        ),
        (
            'cite = { section = "Identity" }',
            'cite = "Identity"',
            'cite = "Identity"',
            "principal.cite: must be a table, not a string",
        ),
    ],
)
def test_mistakes_name_their_line(old: str, new: str, needle: str, message: str) -> None:
    text = _broken(old, new)
    with pytest.raises(PolicyError) as caught:
        parse(text, "acme.toml")
    err = caught.value
    assert isinstance(err, InputError)
    assert err.source == "acme.toml"
    assert message in err.message
    assert err.line == line_of(text, needle)
    assert str(err).startswith(f"acme.toml:{err.line}: ")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (MINIMAL.replace('version = "1"', "version = "), 2, "not valid TOML: Invalid value"),
        (MINIMAL.replace("[fee]", "[fee"), line_of(MINIMAL, "[fee]"), "not valid TOML"),
        ('name = "x"\nlist = [1, 2', 2, "not valid TOML"),
    ],
)
def test_toml_syntax_errors(text: str, line: int, message: str) -> None:
    with pytest.raises(PolicyError) as caught:
        parse(text, "p.toml")
    assert caught.value.line == line
    assert message in caught.value.message
    assert "(at " not in caught.value.message


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        ('version = "1"\n', "(top level): missing key 'version'"),
        ('seed = "seed.txt"\n', "missing key 'seed'"),
    ],
)
def test_missing_top_level_key(cut: str, message: str) -> None:
    with pytest.raises(PolicyError) as caught:
        parse(MINIMAL.replace(cut, ""), "p.toml")
    assert message in caught.value.message
    assert caught.value.line is None


def test_missing_table_names_its_parent() -> None:
    text = MINIMAL.split("[fee]")[0] + MINIMAL.split("amount_yen = 1000\n")[1].split("\n", 1)[1]
    with pytest.raises(PolicyError, match="missing key 'fee'"):
        parse(text, "p.toml")


def test_missing_key_in_table_names_the_table_line() -> None:
    text = _broken('kind = "fixed"\namount_yen = 1000\n', "")
    with pytest.raises(PolicyError) as caught:
        parse(text, "p.toml")
    assert caught.value.message == "fee: missing key 'kind'"
    assert caught.value.line == line_of(text, "[fee]")


def test_fixed_fee_needs_an_amount() -> None:
    with pytest.raises(PolicyError, match="missing key 'amount_yen'"):
        parse(_broken("amount_yen = 1000\n", ""), "p.toml")


def test_deadline_and_certificates() -> None:
    text = MINIMAL + (
        '\n[deadline]\nbusiness_days = 10\ncite = { section = "D" }\n'
        '\n[certificates]\nmax_age_months = 6\ncite = { section = "C" }\n'
    )
    p = parse(text, "p.toml")
    assert p.deadline is not None
    assert p.deadline.business_days == 10
    assert p.certificate_age is not None
    assert p.certificate_age.months == 6
    broken = text.replace("business_days = 10", "business_days = 0")
    with pytest.raises(PolicyError) as caught:
        parse(broken, "p.toml")
    assert caught.value.line == line_of(broken, "business_days")


def test_power_of_attorney_may_be_waived() -> None:
    text = _broken("id_required = false", "id_required = false\npower_of_attorney = false")
    assert not parse(text, "p.toml").appointed_agent.power_of_attorney


GROUNDS = """
[[refusal_grounds]]
code = "harm_to_rights"
ja = "害するおそれ"
en = "harm"
cite = { section = "R1" }

[[refusal_grounds]]
code = "late"
ja = "遅い"
en = "late"
cite = { section = "R2" }
"""


def test_refusal_grounds() -> None:
    p = parse(MINIMAL + GROUNDS, "p.toml")
    assert [(g.code, g.ja, g.en, g.cite.section) for g in p.refusal_grounds] == [
        ("harm_to_rights", "害するおそれ", "harm", "R1"),
        ("late", "遅い", "late", "R2"),
    ]


def nth_line_of(text: str, needle: str, n: int) -> int:
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][n]


@pytest.mark.parametrize(
    ("old", "new", "needle", "nth", "message"),
    [
        ('code = "late"', 'code = "Late!"', 'code = "Late!"', 0, "refusal_grounds[1].code: must"),
        (
            'code = "late"',
            'code = "harm_to_rights"',
            'code = "harm_to_rights"',
            1,
            "'harm_to_rights' is listed twice",
        ),
        ('en = "late"', 'en = "late"\nlevel = 2', "level = 2", 0, "refusal_grounds[1].level"),
    ],
)
def test_refusal_ground_mistakes(old: str, new: str, needle: str, nth: int, message: str) -> None:
    text = MINIMAL + GROUNDS.replace(old, new)
    with pytest.raises(PolicyError) as caught:
        parse(text, "p.toml")
    assert message in caught.value.message
    assert caught.value.line == nth_line_of(text, needle, nth)


def test_refusal_grounds_must_be_tables() -> None:
    text = MINIMAL.replace('seed = "seed.txt"', 'seed = "seed.txt"\nrefusal_grounds = ["x"]')
    with pytest.raises(PolicyError) as caught:
        parse(text, "p.toml")
    assert caught.value.message == "refusal_grounds[0]: must be a table, not a string"
    assert caught.value.line == line_of(text, "refusal_grounds")


def test_locate_skips_multiline_strings_and_reads_quoted_and_dotted_keys() -> None:
    text = (
        "a = 1\n"
        'b = """\n'
        "c = not a key\n"
        '"""\n'
        "[t]\n"
        '"quoted key" = 1\n'
        "x.y = 2\n"
        "[[arr]]\n"
        "k = 1\n"
        "[[arr]]\n"
        "k = 2\n"
    )
    assert locate(text, ("c",)) is None
    assert locate(text, ("t", "quoted key")) == 6
    assert locate(text, ("t", "x", "y")) == 7
    assert locate(text, ("t", "x", "y", "z")) == 7
    assert locate(text, ("arr", 1, "k")) == 11
    assert locate(text, ("arr", 0, "k")) == 9
    assert locate(text, ("t", "missing")) == 5
    assert locate(text, ("t",), value="nowhere") == 5
    assert locate(text, ("nothing",), value="x") is None
