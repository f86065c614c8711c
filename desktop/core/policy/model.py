"""The verification policy as data: what each person must send, deadlines, fees, disposal."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.errors import InputError

if TYPE_CHECKING:
    from desktop.core.documents import DocumentType


class PolicyError(InputError):
    """A policy file that cannot be used; ``line`` is the line of the offending key."""


class IdentityRule(StrEnum):
    """How a person's identity documents are counted."""

    # One photo ID, or ``others`` documents of different types from the list (WHI: "one
    # document with a photograph ... in other cases two or more documents").
    PHOTO_OR_OTHERS = "photo_or_others"
    # One valid document of the list suffices (Leverages: "driver's license; ...; or passport").
    ONE_OF = "one_of"


class RepresentativeKind(StrEnum):
    """Whom a legal representative represents: the kind decides the proof of authority."""

    MINOR = "minor"  # a parent (親権者) of a principal under 18 on the received date
    ADULT_WARD = "adult_ward"  # a guardian (成年後見人) of an adult ward


class FeeKind(StrEnum):
    """Whether a fee is charged for notification of purpose / disclosure."""

    FREE = "free"
    MAY_CHARGE = "may_charge"  # the amount is set case by case
    FIXED = "fixed"


class Disposal(StrEnum):
    """When copies of identity documents are destroyed."""

    AFTER_VERIFICATION = "after_verification"  # right after the identity is verified
    RETENTION = "retention"  # after a retention period (the store's setting if not given)


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule comes from: a seed file and its section, or a product default."""

    file: str
    section: str
    product_default: bool = False


@dataclass(frozen=True, slots=True)
class IdentityRequirement:
    """The documents that prove who one person is.

    Attributes:
        rule: how they are counted.
        documents: the accepted types, in the order a requester is told them.
        others: with PHOTO_OR_OTHERS, how many documents of different types replace a photo ID.
        cite: the seed clause.
    """

    rule: IdentityRule
    documents: tuple[DocumentType, ...]
    others: int
    cite: Citation


@dataclass(frozen=True, slots=True)
class AuthorityRequirement:
    """The documents that prove a legal representative's authority, by kind of principal."""

    minor: tuple[DocumentType, ...]
    adult_ward: tuple[DocumentType, ...]
    cite: Citation

    def accepted(self, kind: RepresentativeKind) -> tuple[DocumentType, ...]:
        """The types that prove authority over this kind of principal."""
        return self.minor if kind is RepresentativeKind.MINOR else self.adult_ward


@dataclass(frozen=True, slots=True)
class LegalRepresentativeRule:
    """What a legal representative adds to the principal's documents."""

    identity: IdentityRequirement | None  # None: the representative's own ID is not asked for
    authority: AuthorityRequirement


@dataclass(frozen=True, slots=True)
class AppointedAgentRule:
    """What an appointed agent adds to the principal's documents."""

    identity: IdentityRequirement | None  # None: the agent's own ID is not asked for
    power_of_attorney: bool
    cite: Citation


@dataclass(frozen=True, slots=True)
class CertificateAge:
    """Certificates without expiry count only within ``months`` of issued_on."""

    months: int
    cite: Citation


@dataclass(frozen=True, slots=True)
class Deadline:
    """The response is due on the ``business_days``-th business day after receipt."""

    business_days: int
    cite: Citation


@dataclass(frozen=True, slots=True)
class Fee:
    """The fee for notification of purpose and disclosure."""

    kind: FeeKind
    amount_yen: int | None
    cite: Citation


@dataclass(frozen=True, slots=True)
class DisposalRule:
    """When copies of identity documents are destroyed."""

    id_copies: Disposal
    retention_days: int | None  # with RETENTION; None: the store's retention setting
    cite: Citation


@dataclass(frozen=True, slots=True)
class RefusalGround:
    """A ground on which a request may be refused, offered in refusal notices."""

    code: str
    ja: str
    en: str
    cite: Citation


@dataclass(frozen=True, slots=True)
class Policy:
    """One company's verification policy (a built-in or a company's file)."""

    name: str
    version: str
    title_ja: str
    title_en: str
    seed: str
    principal: IdentityRequirement
    legal_representative: LegalRepresentativeRule
    appointed_agent: AppointedAgentRule
    certificate_age: CertificateAge | None
    deadline: Deadline | None
    fee: Fee
    disposal: DisposalRule
    refusal_grounds: tuple[RefusalGround, ...]
