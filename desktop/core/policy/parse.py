"""Reading a policy from its TOML text, with the line of every mistake (no file I/O here)."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.core.documents import CATALOGUE, DocumentType
from desktop.core.policy.model import (
    AppointedAgentRule,
    AuthorityRequirement,
    CertificateAge,
    Citation,
    Deadline,
    Disposal,
    DisposalRule,
    Fee,
    FeeKind,
    IdentityRequirement,
    IdentityRule,
    LegalRepresentativeRule,
    Policy,
    PolicyError,
    RefusalGround,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from enum import StrEnum

_E = TypeVar("_E", bound="StrEnum")

Path = tuple[str | int, ...]
"""A place in the TOML document: keys, and indexes into arrays."""

_CODE = re.compile(r"[a-z][a-z0-9_]*")
_TOML_PLACE = re.compile(r" \(at (?:line (\d+), column \d+|end of document)\)")


# --- finding the line of a key ------------------------------------------------------------

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_key(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in dotted.split(".")]


def locate(text: str, path: Path, value: str | None = None, nth: int = 1) -> int | None:
    """Return the 1-based line of ``path`` in the TOML ``text`` (best effort).

    The line of the key itself when it is written as ``key = ...`` under its table header,
    else the line of the nearest enclosing table or key; with ``value``, the ``nth`` line at
    or after that place which holds the quoted value (a bad item of a multi-line array).
    """
    best_line: int | None = None
    best_depth = 0
    header: list[str | int] = []
    array_counts: dict[tuple[str | int, ...], int] = {}
    in_multiline = False
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            in_multiline = not in_multiline
            continue
        if in_multiline:
            continue
        if m := _HEADER.match(line):
            keys: list[str | int] = list(_split_key(m[2]))
            if m[1] == "[[":
                index = array_counts.get(tuple(keys), 0)
                array_counts[tuple(keys)] = index + 1
                keys.append(index)
            header = keys
            candidate: list[str | int] = header
        elif m := _KEY.match(line):
            candidate = [*header, *_split_key(m[1])]
        else:
            continue
        depth = len(candidate)
        if depth > best_depth and tuple(path[:depth]) == tuple(candidate):
            best_line, best_depth = number, depth
    if value is not None and best_line is not None:
        for number in range(best_line, len(lines) + 1):
            if f'"{value}"' in lines[number - 1] or f"'{value}'" in lines[number - 1]:
                nth -= 1
                if nth == 0:
                    return number
    return best_line


# --- reading the tables -------------------------------------------------------------------


def _where(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"  # float, datetime, date, time


class _Reader:
    """Typed access to the decoded TOML, raising PolicyError with the line of the key."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.seed = ""

    def fail(self, path: Path, message: str, value: str | None = None, nth: int = 1) -> PolicyError:
        line = locate(self.text, path, value, nth)
        return PolicyError(self.source, f"{_where(path)}: {message}", line=line)

    def table(self, parent: Mapping[str, Any], path: Path, keys: frozenset[str]) -> dict[str, Any]:
        value = self.get(parent, path, dict, required=True)
        self.only(value, path, keys)
        return value  # type: ignore[no-any-return]

    def only(self, table: Mapping[str, Any], path: Path, keys: frozenset[str]) -> None:
        for key in table:
            if key not in keys:
                allowed = ", ".join(sorted(keys))
                raise self.fail((*path, key), f"unknown key (allowed here: {allowed})")

    def get(self, table: Mapping[str, Any], path: Path, kind: type, *, required: bool) -> Any:
        key = path[-1]
        assert isinstance(key, str)
        if key not in table:
            if required:
                raise self.fail(path[:-1], f"missing key '{key}'")
            return None
        value = table[key]
        # bool is an int in Python, but `true` is no number of days.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(path, f"must be {_type_name(kind())}, not {_type_name(value)}")
        return value

    def text_value(self, table: Mapping[str, Any], path: Path, *, required: bool = True) -> str:
        value = self.get(table, path, str, required=required)
        if value is not None and not value.strip():
            raise self.fail(path, "must not be empty")
        return "" if value is None else str(value)

    def integer(
        self, table: Mapping[str, Any], path: Path, *, minimum: int, required: bool = True
    ) -> int | None:
        value = self.get(table, path, int, required=required)
        if value is not None and value < minimum:
            raise self.fail(path, f"must be at least {minimum}")
        if value is not None and value > MAX_INTEGER:
            raise self.fail(path, f"must be at most {MAX_INTEGER}")
        return value  # type: ignore[no-any-return]

    def flag(self, table: Mapping[str, Any], path: Path, default: bool) -> bool:
        value = self.get(table, path, bool, required=False)
        return default if value is None else bool(value)

    def code(self, table: Mapping[str, Any], path: Path, enum: type[_E]) -> _E:
        text = self.text_value(table, path)
        try:
            return enum(text)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise self.fail(path, f"unknown value '{text}' (one of: {allowed})") from None

    def documents(
        self, table: Mapping[str, Any], path: Path, *, role: str
    ) -> tuple[DocumentType, ...]:
        items = self.get(table, path, list, required=True)
        if not items:
            raise self.fail(path, "must name at least one document type")
        out: list[DocumentType] = []
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise self.fail((*path, i), f"must be a string, not {_type_name(item)}")
            try:
                doc_type = DocumentType(item)
            except ValueError:
                raise self.fail(path, f"unknown document type '{item}'", value=item) from None
            spec = CATALOGUE[doc_type]
            capable = spec.identity if role == "identity" else spec.authority
            if not capable:
                raise self.fail(path, f"'{item}' cannot serve as {role} proof", value=item)
            if doc_type in out:
                raise self.fail(path, f"'{item}' is listed twice", value=item, nth=2)
            out.append(doc_type)
        return tuple(out)

    def cite(self, table: Mapping[str, Any], path: Path) -> Citation:
        cite_path = (*path, "cite")
        cite = self.table(table, cite_path, frozenset({"file", "section", "product_default"}))
        file = self.text_value(cite, (*cite_path, "file"), required=False) or self.seed
        return Citation(
            file=file,
            section=self.text_value(cite, (*cite_path, "section")),
            product_default=self.flag(cite, (*cite_path, "product_default"), default=False),
        )


MAX_INTEGER = 100_000
"""The largest count, number of days or months a policy may name: more is a typing mistake,
and date arithmetic with it would overflow."""

_IDENTITY_KEYS = frozenset({"rule", "documents", "others", "cite"})


def _identity(r: _Reader, table: Mapping[str, Any], path: Path) -> IdentityRequirement:
    rule = r.code(table, (*path, "rule"), IdentityRule)
    documents = r.documents(table, (*path, "documents"), role="identity")
    if rule is IdentityRule.ONE_OF:
        if "others" in table:
            raise r.fail((*path, "others"), 'only allowed with rule = "photo_or_others"')
        others = 1
    else:
        others = r.integer(table, (*path, "others"), minimum=1, required=False) or 2
    return IdentityRequirement(rule, documents, others, r.cite(table, path))


def _optional_identity(
    r: _Reader, table: Mapping[str, Any], path: Path
) -> IdentityRequirement | None:
    if not r.flag(table, (*path, "id_required"), default=True):
        return None
    return _identity(r, table, path)


def _legal_representative(r: _Reader, doc: Mapping[str, Any]) -> LegalRepresentativeRule:
    path: Path = ("legal_representative",)
    table = r.table(doc, path, _IDENTITY_KEYS | {"id_required", "authority"})
    auth_path: Path = (*path, "authority")
    auth = r.table(table, auth_path, frozenset({"minor", "adult_ward", "cite"}))
    minor = r.documents(auth, (*auth_path, "minor"), role="authority")
    adult_ward = r.documents(auth, (*auth_path, "adult_ward"), role="authority")
    # Seed 004 (Leverages) § 2) "in the case of a person with parental authority, a copy of the
    # health insurance card ... with the dependent(s) filled in": a card proves a parent's
    # authority over a child, never a guardian's over an adult.
    if DocumentType.HEALTH_INSURANCE_CARD in adult_ward:
        raise r.fail(
            (*auth_path, "adult_ward"),
            "a health insurance card proves authority only over a minor",
            value=DocumentType.HEALTH_INSURANCE_CARD.value,
        )
    return LegalRepresentativeRule(
        identity=_optional_identity(r, table, path),
        authority=AuthorityRequirement(minor, adult_ward, r.cite(auth, auth_path)),
    )


def _appointed_agent(r: _Reader, doc: Mapping[str, Any]) -> AppointedAgentRule:
    path: Path = ("appointed_agent",)
    table = r.table(doc, path, _IDENTITY_KEYS | {"id_required", "power_of_attorney"})
    return AppointedAgentRule(
        identity=_optional_identity(r, table, path),
        power_of_attorney=r.flag(table, (*path, "power_of_attorney"), default=True),
        cite=r.cite(table, path),
    )


def _certificate_age(r: _Reader, doc: Mapping[str, Any]) -> CertificateAge | None:
    if "certificates" not in doc:
        return None
    path: Path = ("certificates",)
    table = r.table(doc, path, frozenset({"max_age_months", "cite"}))
    months = r.integer(table, (*path, "max_age_months"), minimum=1)
    assert months is not None  # required=True
    return CertificateAge(months, r.cite(table, path))


def _deadline(r: _Reader, doc: Mapping[str, Any]) -> Deadline | None:
    if "deadline" not in doc:
        return None
    path: Path = ("deadline",)
    table = r.table(doc, path, frozenset({"business_days", "cite"}))
    days = r.integer(table, (*path, "business_days"), minimum=1)
    assert days is not None  # required=True
    return Deadline(days, r.cite(table, path))


def _fee(r: _Reader, doc: Mapping[str, Any]) -> Fee:
    path: Path = ("fee",)
    table = r.table(doc, path, frozenset({"kind", "amount_yen", "cite"}))
    kind = r.code(table, (*path, "kind"), FeeKind)
    amount = r.integer(table, (*path, "amount_yen"), minimum=1, required=kind is FeeKind.FIXED)
    if amount is not None and kind is not FeeKind.FIXED:
        raise r.fail((*path, "amount_yen"), 'only allowed with kind = "fixed"')
    return Fee(kind, amount, r.cite(table, path))


def _disposal(r: _Reader, doc: Mapping[str, Any]) -> DisposalRule:
    path: Path = ("disposal",)
    table = r.table(doc, path, frozenset({"id_copies", "retention_days", "cite"}))
    when = r.code(table, (*path, "id_copies"), Disposal)
    days = r.integer(table, (*path, "retention_days"), minimum=1, required=False)
    if days is not None and when is not Disposal.RETENTION:
        raise r.fail((*path, "retention_days"), 'only allowed with id_copies = "retention"')
    return DisposalRule(when, days, r.cite(table, path))


def _refusal_grounds(r: _Reader, doc: Mapping[str, Any]) -> tuple[RefusalGround, ...]:
    items: Sequence[Any] = r.get(doc, ("refusal_grounds",), list, required=False) or []
    grounds: list[RefusalGround] = []
    for i, item in enumerate(items):
        path: Path = ("refusal_grounds", i)
        if not isinstance(item, dict):
            raise r.fail(path, f"must be a table, not {_type_name(item)}")
        r.only(item, path, frozenset({"code", "ja", "en", "cite"}))
        code = r.text_value(item, (*path, "code"))
        if not _CODE.fullmatch(code):
            raise r.fail((*path, "code"), "must be lower-case letters, digits and _")
        if code in {g.code for g in grounds}:
            raise r.fail((*path, "code"), f"'{code}' is listed twice")
        grounds.append(
            RefusalGround(
                code,
                r.text_value(item, (*path, "ja")),
                r.text_value(item, (*path, "en")),
                r.cite(item, path),
            )
        )
    return tuple(grounds)


_TOP_KEYS = frozenset(
    {
        "name",
        "version",
        "title_ja",
        "title_en",
        "seed",
        "principal",
        "legal_representative",
        "appointed_agent",
        "certificates",
        "deadline",
        "fee",
        "disposal",
        "refusal_grounds",
    }
)


def parse(text: str, source: str) -> Policy:
    """Read a policy from TOML text.

    Args:
        text: the policy file's content.
        source: the file's name as the user gave it, for messages.

    Raises:
        PolicyError: the text is no TOML, or a key is unknown, missing or of the wrong type,
            or names an unknown document type; ``line`` is the line of the offending key.
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's TOMLDecodeError carries the place only in its message.
        m = _TOML_PLACE.search(str(exc))
        message = str(exc)[: m.start()] if m else str(exc)
        line = len(text.splitlines()) or 1
        if m and m[1]:
            line = int(m[1])
        raise PolicyError(source, f"not valid TOML: {message}", line=line) from None
    r = _Reader(text, source)
    r.only(doc, (), _TOP_KEYS)
    name = r.text_value(doc, ("name",))
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise r.fail(("name",), "must be lower-case letters, digits, '-' and '_'")
    r.seed = r.text_value(doc, ("seed",))
    principal_path: Path = ("principal",)
    principal = _identity(r, r.table(doc, principal_path, _IDENTITY_KEYS), principal_path)
    return Policy(
        name=name,
        version=r.text_value(doc, ("version",)),
        title_ja=r.text_value(doc, ("title_ja",)),
        title_en=r.text_value(doc, ("title_en",)),
        seed=r.seed,
        principal=principal,
        legal_representative=_legal_representative(r, doc),
        appointed_agent=_appointed_agent(r, doc),
        certificate_age=_certificate_age(r, doc),
        deadline=_deadline(r, doc),
        fee=_fee(r, doc),
        disposal=_disposal(r, doc),
        refusal_grounds=_refusal_grounds(r, doc),
    )
