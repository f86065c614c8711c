"""A full desk flow on invented people, and the personal fields to look for afterwards.

``make_inputs`` draws synthetic identity documents (tests/synth) into an input folder and
returns the cases to open with them and every personal field they carry (``needles``);
``run_flow`` takes them through the services: open, scan or add masked pages, evaluate,
submit, approve / return / reject by a supervisor, letters, responses, closing, disposal and a
backup. ``python -m tests.reliability.flow STORE SPEC`` runs the same flow in a process of its
own (the no-plaintext test watches that one with strace).
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.case import Holder
from desktop.core.documents import DocumentType, FieldName
from desktop.core.matching import fold_address, fold_name
from desktop.services import accounts, disposal, documents, intake, letters, review, workspace
from desktop.services.ports import RegionRecord
from desktop.services.review import ResponseKind
from desktop.store.cases import name_key
from tests.clock import Clock
from tests.reliability import desk
from tests.synth import generate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.services.session import Session
    from tests.synth import DocumentTruth

LAYOUTS = (
    "drivers_license/pre_ic",
    "drivers_license/ic",
    "my_number_card/front",
    "health_insurance_card/shikaku",
    "residence_certificate/individual",
)
"""Documents that show a name, a birth date and an address (the request is built from them)."""
POLICY = "leverages"
"""Destroys identity images right after the decision, so disposal has work to do."""
SEED = 8_310_417
MIN_BYTES = 5
"""Shorter needles would match random bytes of the encrypted files by chance."""


@dataclass(frozen=True)
class CaseInput:
    """One request and its page: ``scan`` runs the pipeline, otherwise the truth is masked."""

    intake: dict[str, Any]
    page: Path
    document_type: str
    fields: dict[str, str]
    regions: list[list[int]]
    scan: bool

    def as_json(self) -> dict[str, Any]:
        return {**self.__dict__, "page": str(self.page)}


def _needles_of(doc: DocumentTruth) -> set[str]:
    out: set[str] = set()
    name = doc.fields.get(FieldName.NAME, "")
    if name:
        out |= {name, name.replace(" ", ""), fold_name(name), name_key(name), *name.split()}
    address = doc.fields.get(FieldName.ADDRESS, "")
    if address:
        out |= {address, fold_address(address)}
    for key in (FieldName.BIRTH_DATE, FieldName.DOCUMENT_NUMBER):
        if doc.fields.get(key):
            out.add(doc.fields[key])
    personal = {FieldName.NAME, FieldName.BIRTH_DATE, FieldName.ADDRESS, FieldName.DOCUMENT_NUMBER}
    for text in doc.texts:
        if text.role == "value" and (text.field in personal or text.field is None):
            out.add(text.text)
            out |= {part for part in text.text.split() if part.isdigit()}
    out |= set(doc.extra.values())
    return {n for n in out if len(n.encode("utf-8")) >= MIN_BYTES}


def make_inputs(folder: Path, count: int, *, scanned: int, seed: int = SEED) -> list[CaseInput]:
    """Draw ``count`` pages into ``folder``; the first ``scanned`` go through the scanner."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[CaseInput] = []
    for index, sample in enumerate(generate(count, seed, clean=True, layouts=LAYOUTS)):
        doc = sample.documents[0]
        fields = {str(k): v for k, v in doc.fields.items()}
        path = folder / f"page{index}.png"
        sample.image.save(path)
        request = {
            "received_on": "2026-11-20",
            "request_types": ["disclosure"],
            "requester": "principal",
            "principal": {k: fields[k] for k in ("name", "birth_date", "address")},
        }
        out.append(
            CaseInput(
                intake=request,
                page=path,
                document_type=str(doc.document_type),
                fields={k: v for k, v in fields.items() if k in review.ENGINE_FIELDS},
                regions=[r.box.as_list() for d in sample.documents for r in d.sensitive],
                scan=index < scanned,
            )
        )
    return out


def needles(count: int, seed: int = SEED) -> list[str]:
    """Every personal field of the pages ``make_inputs`` draws (sorted, deduplicated)."""
    found: set[str] = set()
    for sample in generate(count, seed, clean=True, layouts=LAYOUTS):
        for doc in sample.documents:
            found |= _needles_of(doc)
    return sorted(found)


def write_spec(path: Path, cases: Sequence[CaseInput]) -> None:
    """Write the cases for ``python -m tests.reliability.flow``."""
    path.write_text(json.dumps([c.as_json() for c in cases], ensure_ascii=False), "utf-8")


def read_spec(path: Path) -> list[CaseInput]:
    """Read what ``write_spec`` wrote."""
    return [
        CaseInput(**{**item, "page": Path(item["page"])})
        for item in json.loads(path.read_text("utf-8"))
    ]


def _add(session: Session, case_id: str, case: CaseInput) -> None:
    if case.scan:
        documents.scan_file(session, case_id, case.page, case.page.name, holder=Holder.PRINCIPAL)
        return
    from desktop.imaging import decode

    (page,) = decode.load_file(case.page)
    regions = [RegionRecord("permanent_domicile", (x, y, w, h)) for x, y, w, h in case.regions]
    masked = documents.mask_page(
        page, regions, document_type=DocumentType(case.document_type), fields=case.fields
    )
    documents.add_pages(session, case_id, [masked], holder=Holder.PRINCIPAL)


def run_flow(store: Path, cases: Sequence[CaseInput], clock: Clock) -> list[Session]:
    """Take ``cases`` through the desk in a new store at ``store``; return the open sessions
    (the caller looks at the files while they are open, then closes them).

    Case i is approved (i % 4 in 0, 3), returned (1) or rejected (2); letters are written for
    each; decided cases are answered and closed; the due images are disposed of; the
    administrator makes a backup beside the store.
    """
    admin, _key = accounts.initialise(
        desk.opener(store),
        workspace.FilePolicies(),
        admin=desk.ADMIN,
        password=desk.password(desk.ADMIN),
        policy=POLICY,
        now=clock,
    )
    for name, role in desk.STAFF:
        accounts.add_user(admin, name, role, desk.password(name))
    olivia, sam = desk.login(store, "olivia", clock), desk.login(store, "sam", clock)
    for index, case in enumerate(cases):
        clock.advance(minutes=5)
        case_id = intake.open_case(olivia, case.intake, "case.json").case_id
        _add(olivia, case_id, case)
        review.evaluate(olivia, case_id)
        review.submit(olivia, case_id)
        clock.advance(minutes=30)
        outcome = index % 4
        if outcome in (0, 3):
            review.approve(sam, case_id, "確認済み")
            letters.write_letter(olivia, case_id, ResponseKind.DISCLOSURE_NOTICE)
            if outcome == 0:
                review.record_response(sam, case_id, ResponseKind.DISCLOSURE_NOTICE)
                review.close(sam, case_id)
        elif outcome == 1:
            review.return_case(sam, case_id, "住民票の写しをお送りください")
            letters.write_letter(olivia, case_id, ResponseKind.REQUEST_DOCUMENTS)
        else:
            review.reject(sam, case_id, "identity_unverifiable")
            letters.write_letter(olivia, case_id, ResponseKind.REFUSAL)
            review.record_response(sam, case_id, ResponseKind.REFUSAL)
            review.close(sam, case_id)
    clock.advance(days=1)
    disposal.dispose_due(sam)
    accounts.backup(admin, store.parent / "backups" / "backup1")
    return [admin, olivia, sam]


def main(argv: Sequence[str]) -> int:
    """``python -m tests.reliability.flow STORE SPEC``: the flow in its own process, logging
    at DEBUG to standard error."""
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    store, spec = Path(argv[0]), Path(argv[1])
    for session in run_flow(store, read_spec(spec), Clock()):
        session.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
