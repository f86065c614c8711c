"""The policy engine: weighs a case's documents against a policy (pure, no I/O, no clock).

The rules follow the contract's "How documents are weighed" and the seeds' clauses; each rule
below names the clause it implements. Readings the seeds leave open are listed in
docs/policies.md ("Interpretations").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.calendar import DEFAULT_CALENDAR, BusinessCalendar
from desktop.core.case import Holder, Requester, age_on
from desktop.core.documents import CATALOGUE, DocumentType, FieldName, Validity
from desktop.core.matching import addresses_match, names_comparable, names_match
from desktop.core.policy.model import IdentityRule, RepresentativeKind
from desktop.core.reasons import Decision, ReasonCode, decision_for

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from desktop.core.case import Case, CaseDocument, Person
    from desktop.core.policy.model import IdentityRequirement, Policy

MINORITY_AGE = 18
"""Minors are under 18 on the received date (Civil Code Art. 4, since 2022-04-01)."""


class Use(StrEnum):
    """What a document was used for."""

    IDENTITY = "identity"
    AUTHORITY = "authority"
    POWER_OF_ATTORNEY = "power_of_attorney"
    ADDRESS = "address"  # shows the current address when the identity documents do not


class Requirement(StrEnum):
    """One item of the checklist a case is weighed against."""

    PRINCIPAL_IDENTITY = "principal_identity"
    REPRESENTATIVE_IDENTITY = "representative_identity"
    AUTHORITY = "authority"
    POWER_OF_ATTORNEY = "power_of_attorney"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a case is not verified: a code, whom and which document it concerns, parameters."""

    code: ReasonCode
    person: Holder | None = None
    document: int | None = None  # index into case.documents
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentUse:
    """A document (index into case.documents) and what it was used for, for whom."""

    document: int
    use: Use
    person: Holder | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """One requirement of the policy and whether the case meets it."""

    requirement: Requirement
    met: bool
    documents: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The engine's verdict on one case.

    Attributes:
        decision: verified, more_documents_needed or rejected.
        reasons: every reason, in checklist order; empty when verified.
        used: which documents were used for what.
        checks: every requirement that applies, met or not (the live checklist).
        due_on: the response deadline; None when the policy sets none or while more
            documents are needed (the clock runs from a complete set).
        representative_kind: for a legal representative, whether the principal is a minor.
    """

    decision: Decision
    reasons: tuple[Reason, ...]
    used: tuple[DocumentUse, ...]
    checks: tuple[Check, ...]
    due_on: date | None
    representative_kind: RepresentativeKind | None = None


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later, or the month's last day if it has none."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    first_of_next = date(year + (month0 + 1) // 12, (month0 + 1) % 12 + 1, 1)
    return date(year, month0 + 1, min(day.day, (first_of_next - timedelta(days=1)).day))


def validity_problem(doc: CaseDocument, policy: Policy, received_on: date) -> ReasonCode | None:
    """Return why a document does not count on ``received_on``, or None when it counts."""
    kind = CATALOGUE[doc.type].validity
    # Contract "How documents are weighed": valid if expiry_date is on or after received_on.
    # A document whose expiry was not read is taken as valid (the operator confirms fields).
    if kind is Validity.EXPIRY:
        if doc.expiry_date is not None and doc.expiry_date < received_on:
            return ReasonCode.DOCUMENT_EXPIRED
        return None
    # Contract: a certificate without expiry counts only if the policy's age limit is met by
    # issued_on (DESIGN: 3 months for persol-cross-technology, line-works, appi-default). An
    # unknown issue date cannot meet a limit.
    if kind is Validity.ISSUED and policy.certificate_age is not None:
        months = policy.certificate_age.months
        if doc.issued_on is None or add_months(doc.issued_on, months) < received_on:
            return ReasonCode.CERTIFICATE_TOO_OLD
    return None


def representative_kind(case: Case) -> RepresentativeKind:
    """Whether a legal representative acts for a minor or for an adult ward.

    A principal whose birth date is not known is taken as an adult: the health insurance card
    then does not prove authority (it does so only for a child listed on a parent's card).
    """
    birth = case.principal.birth_date
    if birth is not None and age_on(birth, case.received_on) < MINORITY_AGE:
        return RepresentativeKind.MINOR
    return RepresentativeKind.ADULT_WARD


class _Weigher:
    """The state of one evaluation: documents used and reasons found so far."""

    def __init__(self, case: Case, policy: Policy) -> None:
        self.case = case
        self.policy = policy
        self.problems = {
            i: validity_problem(d, policy, case.received_on) for i, d in enumerate(case.documents)
        }
        self.used: list[DocumentUse] = []
        self.checks: list[Check] = []
        self.requirement_reasons: list[Reason] = []
        self.document_reasons: dict[tuple[ReasonCode, int], Reason] = {}
        self.person_reasons: list[Reason] = []
        # Unmet requirements whose documents get their own reasons once every use is known.
        self.pending: list[tuple[Holder, IdentityRequirement, list[int]]] = []
        self.late_authority: list[tuple[tuple[DocumentType, ...], list[int]]] = []

    # --- helpers ----------------------------------------------------------------------

    def valid(self, index: int) -> bool:
        return self.problems[index] is None

    def held_by(self, holder: Holder) -> list[int]:
        return [i for i, d in enumerate(self.case.documents) if d.holder is holder]

    def conflicts(self, index: int, person: Person | None) -> list[ReasonCode]:
        """Name and birth-date conflicts of a document with the person on the request."""
        doc = self.case.documents[index]
        found: list[ReasonCode] = []
        if person is None:
            return found
        if (
            doc.name is not None
            and names_comparable(doc.name, person.name)
            and not names_match(doc.name, person.name)
        ):
            found.append(ReasonCode.NAME_MISMATCH)
        if (
            doc.birth_date is not None
            and person.birth_date is not None
            and doc.birth_date != person.birth_date
        ):
            found.append(ReasonCode.BIRTH_DATE_MISMATCH)
        return found

    def shows_address(self, index: int) -> bool:
        # Contract: documents without an address, such as a passport, are not compared.
        doc = self.case.documents[index]
        return doc.address is not None and FieldName.ADDRESS in CATALOGUE[doc.type].fields

    def address_matches(self, index: int, person: Person | None) -> bool:
        doc = self.case.documents[index]
        assert doc.address is not None
        return (
            person is None or person.address is None or addresses_match(doc.address, person.address)
        )

    def address_mismatch(self, indexes: Iterable[int], person: Person | None) -> bool:
        """Contract: none of the used documents that show an address shows the request's."""
        showing = [i for i in indexes if self.shows_address(i)]
        return bool(showing) and not any(self.address_matches(i, person) for i in showing)

    def use(self, indexes: Iterable[int], use: Use, person: Holder | None) -> None:
        for i in indexes:
            self.used.append(DocumentUse(i, use, person))

    def is_used(self, index: int) -> bool:
        return any(u.document == index for u in self.used)

    def document_reason(self, code: ReasonCode, index: int, person: Holder | None) -> None:
        doc = self.case.documents[index]
        params: list[tuple[str, str]] = [("type", doc.type.value)]
        if code is ReasonCode.DOCUMENT_EXPIRED and doc.expiry_date is not None:
            params.append(("expiry_date", doc.expiry_date.isoformat()))
        if code is ReasonCode.CERTIFICATE_TOO_OLD:
            assert self.policy.certificate_age is not None
            params.append(("max_age_months", str(self.policy.certificate_age.months)))
            if doc.issued_on is not None:
                params.append(("issued_on", doc.issued_on.isoformat()))
        self.document_reasons.setdefault((code, index), Reason(code, person, index, tuple(params)))

    # --- identity ---------------------------------------------------------------------

    def options(
        self, req: IdentityRequirement, candidates: Sequence[int], person: Person | None
    ) -> list[list[int]]:
        """The sets of candidates that meet the identity rule on their own."""
        docs = self.case.documents
        if req.rule is IdentityRule.ONE_OF:
            # Seed 004 (Leverages) § Request for disclosure 2): "driver's license; health
            # insurance card; my-number card; pension book; residence card; or passport" — one.
            return [[i] for i in candidates]
        # Seed 000 (WHI) § Identity verification: "documents with a photograph, such as a
        # driver's license or passport, one document ... In other cases, submission of two or
        # more documents" — read as `others` documents of different types.
        found = [[i] for i in candidates if CATALOGUE[docs[i].type].photo]
        # Combinations of the best document of each type only: at most C(9, others) sets
        # however many pages a requester sends.
        best: dict[DocumentType, int] = {}
        for i in sorted(candidates, key=lambda i: self.score([i], person)):
            best.setdefault(docs[i].type, i)
        found.extend(sorted(combo) for combo in itertools.combinations(best.values(), req.others))
        return found

    def score(self, option: Sequence[int], person: Person | None) -> tuple[int, bool, int]:
        """Lower is better: fewer conflicting documents, the address shown, fewer documents."""
        conflicting = sum(1 for i in option if self.conflicts(i, person))
        return (conflicting, self.address_mismatch(option, person), len(option))

    def identity(
        self,
        holder: Holder,
        person: Person | None,
        req: IdentityRequirement,
        requirement: Requirement,
        code: ReasonCode,
    ) -> None:
        """Weigh one person's identity documents against ``req``."""
        # Contract: an identity document counts only for its holder.
        mine = self.held_by(holder)
        candidates = [i for i in mine if self.case.documents[i].type in req.documents]
        valid = [i for i in candidates if self.valid(i)]
        options = self.options(req, valid, person)
        met = bool(options)
        if met:
            # Brief: choose documents so that a satisfiable requirement is satisfied,
            # preferring matching documents; documents not needed give no reason.
            chosen = min(options, key=lambda o: self.score(o, person))
        else:
            # The documents that count toward the unmet requirement are still weighed: a
            # conflict on them is shown now, not after the requester sends more.
            chosen = valid
            self.requirement_reasons.append(Reason(code, holder, None, self.rule_params(req)))
        self.checks.append(Check(requirement, met, tuple(chosen)))
        self.use(chosen, Use.IDENTITY, holder)
        self.person_checks(holder, person, chosen)
        if not met:
            self.pending.append((holder, req, mine))

    def rule_params(self, req: IdentityRequirement) -> tuple[tuple[str, str], ...]:
        return (
            ("rule", req.rule.value),
            ("documents", ",".join(t.value for t in req.documents)),
            ("others", str(req.others)),
        )

    def person_checks(self, holder: Holder, person: Person | None, chosen: list[int]) -> None:
        """Conflicts and the address on the documents used for one person."""
        # Contract: name_mismatch / birth_date_mismatch when a document used for a person
        # shows a different name or birth date from the request.
        for i in chosen:
            for conflict in self.conflicts(i, person):
                self.person_reasons.append(
                    Reason(conflict, holder, i, (("type", self.case.documents[i].type.value),))
                )
        if not self.address_mismatch(chosen, person):
            return
        # Contract: "a document showing the current address cures it" — another valid
        # identity document of the same holder, without conflicts, that shows the address.
        for i in self.held_by(holder):
            doc = self.case.documents[i]
            if (
                i not in chosen
                and CATALOGUE[doc.type].identity
                and self.valid(i)
                and self.shows_address(i)
                and self.address_matches(i, person)
                and not self.conflicts(i, person)
            ):
                self.use([i], Use.ADDRESS, holder)
                return
        self.person_reasons.append(Reason(ReasonCode.ADDRESS_MISMATCH, holder))

    # --- representatives --------------------------------------------------------------

    def authority(self, kind: RepresentativeKind) -> None:
        """Weigh the proof of a legal representative's authority."""
        auth = self.policy.legal_representative.authority
        accepted = auth.accepted(kind)
        # Contract: proof of authority counts whoever's it is. Seed 000 (WHI) § "Documents
        # verifying the existence of power of legal representation (one from: copy of family
        # register, health insurance card, or certificate of registered matters)"; seed 004
        # (Leverages) § 2) "a copy of the family register ... or, in the case of a person with
        # parental authority, a copy of the health insurance card ... with the dependent(s)".
        docs = self.case.documents
        candidates = [i for i, d in enumerate(docs) if d.type in accepted]
        valid = [i for i in candidates if self.valid(i)]
        if valid:
            # Prefer a document already in use (one document may be ID and proof at once).
            chosen = min(valid, key=lambda i: (not self.is_used(i), i))
            self.use([chosen], Use.AUTHORITY, None)
            self.checks.append(Check(Requirement.AUTHORITY, True, (chosen,)))
            return
        self.checks.append(Check(Requirement.AUTHORITY, False, ()))
        params = (
            ("kind", kind.value),
            ("documents", ",".join(t.value for t in accepted)),
        )
        self.requirement_reasons.append(
            Reason(ReasonCode.AUTHORITY_PROOF_MISSING, None, None, params)
        )
        self.late_authority.append((accepted, candidates))

    def power_of_attorney(self) -> None:
        """Seed 000 (WHI) § forms: a "Letter of Proxy" when a representative is designated;
        seed 004 (Leverages) § 2) "For a representative appointed by power of attorney: a
        power of attorney". A power of attorney counts whoever's it is (contract)."""
        docs = self.case.documents
        found = [i for i, d in enumerate(docs) if d.type is DocumentType.POWER_OF_ATTORNEY]
        self.checks.append(Check(Requirement.POWER_OF_ATTORNEY, bool(found), tuple(found[:1])))
        if found:
            self.use(found[:1], Use.POWER_OF_ATTORNEY, None)
        else:
            self.requirement_reasons.append(Reason(ReasonCode.POWER_OF_ATTORNEY_MISSING))

    # --- the reasons of unmet requirements ---------------------------------------------

    def document_reasons_of_unmet(self) -> None:
        """Contract: document_not_accepted / document_expired / certificate_too_old beside
        (never instead of) the unmet requirement's code, for the documents that did not count;
        documents used for something else give none."""
        for holder, req, mine in self.pending:
            for i in mine:
                if self.is_used(i):
                    continue
                if self.case.documents[i].type not in req.documents:
                    self.document_reason(ReasonCode.DOCUMENT_NOT_ACCEPTED, i, holder)
                    continue
                problem = self.problems[i]
                assert problem is not None  # valid accepted documents count, so are used
                self.document_reason(problem, i, holder)
        for accepted, candidates in self.late_authority:
            for i in candidates:
                problem = self.problems[i]
                assert problem is not None  # a valid candidate would have met the requirement
                self.document_reason(problem, i, self.case.documents[i].holder)
            for i, doc in enumerate(self.case.documents):
                # e.g. a health insurance card offered for an adult ward.
                if (
                    CATALOGUE[doc.type].authority
                    and doc.type not in accepted
                    and not self.is_used(i)
                ):
                    self.document_reason(ReasonCode.DOCUMENT_NOT_ACCEPTED, i, doc.holder)


def decide(case: Case, policy: Policy, calendar: BusinessCalendar = DEFAULT_CALENDAR) -> Evaluation:
    """Weigh a case's documents against a policy.

    Args:
        case: the request and its documents.
        policy: the verification policy.
        calendar: the business days the deadline is counted in.

    Returns:
        The decision, its reasons (codes with parameters), the documents used and due_on.
    """
    w = _Weigher(case, policy)
    # DESIGN "Built-in policies": the principal's own identity documents are always
    # required, also when a representative asks (seed 000 (WHI): "in addition to the
    # documents above"; seed 004 (Leverages): "in addition to the document listed above").
    w.identity(
        Holder.PRINCIPAL,
        case.principal,
        policy.principal,
        Requirement.PRINCIPAL_IDENTITY,
        ReasonCode.PHOTO_ID_OR_TWO_DOCUMENTS,
    )
    kind: RepresentativeKind | None = None
    if case.requester is Requester.LEGAL_REPRESENTATIVE:
        kind = representative_kind(case)
        rep_identity = policy.legal_representative.identity
    elif case.requester is Requester.APPOINTED_AGENT:
        rep_identity = policy.appointed_agent.identity
    else:
        rep_identity = None
    if rep_identity is not None:
        # Seed 000 (WHI) § "Documents confirming the identity of the legal representative";
        # seed 004 (Leverages) § "A document verifying the identity of the (legal)
        # representative (driver's license or health insurance card)".
        w.identity(
            Holder.REPRESENTATIVE,
            case.representative,
            rep_identity,
            Requirement.REPRESENTATIVE_IDENTITY,
            ReasonCode.REPRESENTATIVE_ID_MISSING,
        )
    if kind is not None:
        w.authority(kind)
    if case.requester is Requester.APPOINTED_AGENT and policy.appointed_agent.power_of_attorney:
        w.power_of_attorney()
    w.document_reasons_of_unmet()

    reasons = (
        *w.requirement_reasons,
        *sorted(w.document_reasons.values(), key=lambda r: (r.document or 0, r.code)),
        *w.person_reasons,
    )
    decision = decision_for({r.code for r in reasons})
    due_on: date | None = None
    # Seed 004 (Leverages) § "within fourteen (14) business days of receipt of the completed
    # disclosure request form and identification documents": no clock while documents are
    # missing (contract: due_on is null while more_documents_needed).
    if policy.deadline is not None and decision is not Decision.MORE_DOCUMENTS_NEEDED:
        due_on = calendar.add_business_days(case.received_on, policy.deadline.business_days)
    return Evaluation(decision, reasons, tuple(w.used), tuple(w.checks), due_on, kind)
