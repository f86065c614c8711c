"""Documents: store masked pages only, scan a file into a case, read a stored page back."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from desktop.core.case import Holder
from desktop.core.cases import Action
from desktop.core.documents import DocumentType, SensitiveKind
from desktop.core.errors import InputError
from desktop.services.intake import get_case, require_editable
from desktop.services.ports import DocumentCategory, DocumentRecord, RegionRecord

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from desktop.core.cases import CaseRecord
    from desktop.imaging.pipeline import PageAnalysis
    from desktop.imaging.types import Page
    from desktop.services.session import Session

log = logging.getLogger(__name__)

MASKED_FRACTION = 0.98
"""Share of a sensitive region's pixels that must be black for the page to count as masked."""


class UnmaskedPageError(InputError):
    """A page whose sensitive regions are not all burned in: it is never stored (exit 2)."""


@dataclass(frozen=True, slots=True)
class MaskedPage:
    """A page ready for the store: the masked image and what the analysis found.

    Attributes:
        image: the page as a PNG, every region in ``regions`` burned in black.
        width / height: its size in pixels.
        document_type: as classified (or corrected by the operator).
        fields: fields read (contract keys); personal data, stored encrypted only.
        regions: every sensitive region of the page, in page pixels.
    """

    image: bytes
    width: int
    height: int
    document_type: DocumentType
    fields: Mapping[str, str] = field(default_factory=dict)
    regions: tuple[RegionRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """One page of a scanned file, as stored: the contract's ``scan`` object plus its id."""

    document: DocumentRecord
    scan: Mapping[str, Any]


def unmasked_regions(page: MaskedPage) -> list[RegionRecord]:
    """The regions of ``page`` whose box is not black enough (``MASKED_FRACTION``).

    A region is measured by its part inside the page; one wholly outside the page cannot have
    been masked and is returned.
    """
    if not page.regions:
        return []
    from desktop.imaging import redact  # pixels stay in imaging; start-up loads no decoder

    fractions = redact.black_fractions(page.image, [region.box for region in page.regions])
    return [
        region
        for region, fraction in zip(page.regions, fractions, strict=True)
        if fraction < MASKED_FRACTION
    ]


def _check_holder(case: CaseRecord, holder: Holder) -> None:
    if holder is Holder.REPRESENTATIVE and case.intake.get("requester") == "principal":
        raise InputError(case.case_id, "the principal asks in person: no representative's document")


def add_page(
    session: Session,
    case_id: str,
    page: MaskedPage,
    *,
    holder: Holder,
    category: DocumentCategory = DocumentCategory.IDENTITY,
) -> DocumentRecord:
    """Store one masked page in a case still in intake (or returned).

    Raises:
        NotPermitted: the role may not add documents.
        TransitionNotAllowed: the case is past intake.
        UnmaskedPageError: a sensitive region is not burned in; nothing is stored.
        InputError: no such case.
    """
    return add_pages(session, case_id, [page], holder=holder, category=category)[0]


def add_pages(
    session: Session,
    case_id: str,
    pages: Sequence[MaskedPage],
    *,
    holder: Holder,
    category: DocumentCategory = DocumentCategory.IDENTITY,
) -> list[DocumentRecord]:
    """Store masked pages in a case still in intake (or returned): all of them, or none.

    Raises:
        as ``add_page``; one unmasked page refuses them all.
    """
    session.require(Action.ADD_DOCUMENT)
    case = get_case(session, case_id)
    require_editable(case, Action.ADD_DOCUMENT)
    _check_holder(case, holder)
    for number, page in enumerate(pages, start=1):
        bad = unmasked_regions(page)
        if bad:
            kinds = ", ".join(sorted({r.kind for r in bad}))
            raise UnmaskedPageError(
                case_id, f"page {number} is not masked ({kinds}): nothing stored"
            )
    store = session.store
    out: list[DocumentRecord] = []
    with store.transaction():
        for page in pages:
            record = DocumentRecord(
                document_id=0,
                case_id=case_id,
                holder=holder,
                document_type=page.document_type,
                category=category,
                fields=dict(page.fields),
                regions=page.regions,
                width=page.width,
                height=page.height,
                added_by=session.user.name,
                added_at=session.now(),
            )
            region_kinds = sorted({r.kind for r in page.regions})
            document_id = store.documents.add(record, page.image)
            session.record(
                Action.ADD_DOCUMENT,
                case_id=case_id,
                document_id=document_id,
                document_type=page.document_type.value,
                holder=holder.value,
                category=category.value,
                regions=region_kinds,
                # A My Number may not be kept: its arrival is logged as unintended collection.
                unintended_collection=(
                    True if SensitiveKind.INDIVIDUAL_NUMBER in region_kinds else None
                ),
            )
            out.append(replace(record, document_id=document_id))
    log.info("case %s: %d document(s) added", case_id, len(out))
    return out


def correct_page(
    session: Session,
    case_id: str,
    document_id: int,
    *,
    document_type: DocumentType | None = None,
    fields: Mapping[str, str] | None = None,
    holder: Holder | None = None,
) -> DocumentRecord:
    """Correct what was read off a stored page (type, fields, holder) while in intake.

    Raises:
        NotPermitted / TransitionNotAllowed / InputError as ``add_page``.
    """
    session.require(Action.EDIT_CASE)
    case = get_case(session, case_id)
    require_editable(case, Action.EDIT_CASE)
    doc = _document(session, case_id, document_id)
    updated = replace(
        doc,
        document_type=doc.document_type if document_type is None else document_type,
        fields=doc.fields if fields is None else dict(fields),
        holder=doc.holder if holder is None else holder,
    )
    changed = [
        name
        for name, old, new in (
            ("document_type", doc.document_type, updated.document_type),
            ("fields", doc.fields, updated.fields),
            ("holder", doc.holder, updated.holder),
        )
        if old != new
    ]
    if not changed:
        return doc
    with session.store.transaction():
        session.store.documents.update(updated)
        session.record(
            Action.EDIT_CASE,
            case_id=case_id,
            document_id=document_id,
            changed=changed,
            document_type=updated.document_type.value,
        )
    return updated


def _document(session: Session, case_id: str, document_id: int) -> DocumentRecord:
    doc = session.store.documents.get(document_id)
    if doc is None or doc.case_id != case_id:
        raise InputError(case_id, f"no document {document_id} in this case")
    return doc


def list_documents(session: Session, case_id: str) -> Sequence[DocumentRecord]:
    """The pages of a case, disposed ones included (their images are gone)."""
    get_case(session, case_id)
    return session.store.documents.for_case(case_id)


def page_image(session: Session, case_id: str, document_id: int) -> bytes:
    """The stored (masked) PNG of a page; the view is recorded in the audit chain.

    Raises:
        NotPermitted: the role may not see document images (administrators).
        InputError: no such case or page, or its image was disposed of.
    """
    session.require(Action.VIEW_DOCUMENT)
    get_case(session, case_id)
    _document(session, case_id, document_id)
    image = session.store.documents.image(document_id)
    if image is None:
        raise InputError(case_id, f"the image of document {document_id} was disposed of")
    # Seeing an identity document is recorded like a change: who saw which page, when.
    with session.store.transaction():
        session.record(Action.VIEW_DOCUMENT, case_id=case_id, document_id=document_id)
    return image


def regions_of(analysis: PageAnalysis) -> tuple[RegionRecord, ...]:
    """The sensitive regions of an analysis as records (page pixels, placed automatically)."""
    return tuple(
        RegionRecord(str(r.kind), (r.box.x, r.box.y, r.box.w, r.box.h))
        for r in analysis.sensitive_regions
    )


def mask_page(
    page: Page,
    regions: Sequence[RegionRecord],
    *,
    document_type: DocumentType,
    fields: Mapping[str, str],
) -> MaskedPage:
    """Burn ``regions`` into a decoded page and encode it as PNG, ready for ``add_page``.

    The desktop app passes the analysis' regions with the operator's corrections (moved or
    added masks, origin ``operator``); everything stays in memory.

    Raises:
        RedactionRefused: a mask did not hold (nothing is returned to be stored).
    """
    from desktop.imaging import redact
    from desktop.imaging.types import Box

    boxes = [Box(*r.box) for r in regions]
    burned = redact.redact(page.image, boxes, source=page.source, page=page.number)
    width, height = page.size
    return MaskedPage(
        image=redact.encode_png(burned),
        width=width,
        height=height,
        document_type=document_type,
        fields=dict(fields),
        regions=tuple(regions),
    )


def scan_file(
    session: Session,
    case_id: str,
    path: Path,
    source: str,
    *,
    holder: Holder,
    category: DocumentCategory = DocumentCategory.IDENTITY,
) -> list[ScannedPage]:
    """Scan every page of a file, burn its sensitive regions in and store the masked pages.

    Nothing is stored unless every page could be read and masked: the pages are analysed
    first, then stored in one go.

    Args:
        session: an operator's or supervisor's session.
        case_id: the case.
        path: the image or PDF.
        source: the file as the user named it, for messages and the ``scan`` objects.
        holder: whose documents these are.
        category: identity evidence or the request form.

    Raises:
        NotPermitted / TransitionNotAllowed / InputError as ``add_page``; ``InputError`` for
        an unreadable file.
    """
    session.require(Action.ADD_DOCUMENT)
    case = get_case(session, case_id)
    require_editable(case, Action.ADD_DOCUMENT)
    _check_holder(case, holder)
    # Imaging is imported here so that start-up (and the GUI) pays nothing for OpenCV.
    from desktop.imaging import decode, pipeline

    pages = decode.load_file(path)
    prepared: list[tuple[MaskedPage, dict[str, Any]]] = []
    for page in pages:
        analysis = pipeline.analyse(page)
        masked = mask_page(
            page,
            regions_of(analysis),
            document_type=DocumentType(analysis.document_type),
            fields={str(k): v for k, v in analysis.fields.items()},
        )
        scan = analysis.to_contract()
        scan["source"] = source
        prepared.append((masked, scan))
    records = add_pages(
        session, case_id, [m for m, _ in prepared], holder=holder, category=category
    )
    return [
        ScannedPage(record, {**scan, "document_id": record.document_id})
        for record, (_, scan) in zip(records, prepared, strict=True)
    ]
