"""Letters to requesters (Japanese, PDF with the font embedded), with the case number."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.cases import Action, CaseStatus, TransitionNotAllowed
from desktop.core.eras import to_era
from desktop.core.errors import InputError
from desktop.services.intake import get_case
from desktop.services.pdf import FontError, Line, TrueType, render
from desktop.services.review import ResponseKind, case_document, policy_in_force

if TYPE_CHECKING:
    from desktop.core.cases import CaseRecord
    from desktop.services.session import Session

log = logging.getLogger(__name__)

COMPANY_SETTING = "company_name"
"""Settings key of the sender's name printed on letters."""
FONT_SETTING = "letter_font"
"""Settings key of a TrueType font file for letters (default: IPA Mincho via fontconfig)."""
DEFAULT_SENDER = "個人情報お問い合わせ窓口"
FONT_PATTERNS = ("IPAMincho:lang=ja", "IPAexMincho:lang=ja", "serif:lang=ja", ":lang=ja")

REQUEST_TYPES_JA = {
    "purpose_notification": "利用目的の通知",
    "disclosure": "開示",
    "correction": "訂正等",
    "cessation_of_use": "利用停止等",
    "cessation_of_provision": "第三者提供の停止",
    "provision_records": "第三者提供記録の開示",
}

LETTER_STATUSES: dict[ResponseKind, frozenset[CaseStatus]] = {
    ResponseKind.REQUEST_DOCUMENTS: frozenset(
        {CaseStatus.INTAKE, CaseStatus.IN_REVIEW, CaseStatus.RETURNED}
    ),
    ResponseKind.REFUSAL: frozenset({CaseStatus.REJECTED, CaseStatus.APPROVED, CaseStatus.CLOSED}),
    ResponseKind.PURPOSE_NOTIFICATION: frozenset({CaseStatus.APPROVED, CaseStatus.CLOSED}),
    ResponseKind.DISCLOSURE_NOTICE: frozenset({CaseStatus.APPROVED, CaseStatus.CLOSED}),
    ResponseKind.COMPLETION: frozenset({CaseStatus.APPROVED, CaseStatus.CLOSED}),
}
"""The states in which each letter may be written."""

TITLES = {
    ResponseKind.REQUEST_DOCUMENTS: "本人確認書類のご提出のお願い",
    ResponseKind.REFUSAL: "ご請求に応じられない旨のご通知",
    ResponseKind.PURPOSE_NOTIFICATION: "保有個人データの利用目的のご通知",
    ResponseKind.DISCLOSURE_NOTICE: "保有個人データの開示について",
    ResponseKind.COMPLETION: "ご請求への対応完了のご通知",
}


def find_font(session: Session) -> TrueType:
    """The letters' font: the store's setting, else a Japanese TrueType font of fontconfig.

    Raises:
        InputError: no usable Japanese TrueType font.
    """
    candidates: list[Path] = []
    configured = session.store.settings.get(FONT_SETTING)
    if configured:
        candidates.append(Path(configured))
    fc_match = shutil.which("fc-match")
    if fc_match:
        for pattern in FONT_PATTERNS:
            done = subprocess.run(
                [fc_match, "-f", "%{file}", pattern],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
            if done.returncode == 0 and done.stdout.strip():
                candidates.append(Path(done.stdout.strip()))
    for path in candidates:
        try:
            return TrueType.parse(path.read_bytes())
        except (OSError, FontError):
            log.info("font candidate skipped")
    raise InputError("font", "no Japanese TrueType font found (install fonts-ipafont)")


def _names(case: CaseRecord) -> tuple[str, str]:
    """(addressee, their address) — the representative when one asks."""
    person = case.intake.get("principal", {})
    if case.intake.get("requester") != "principal" and case.intake.get("representative"):
        person = case.intake["representative"]
    return str(person.get("name", "")), str(person.get("address", "") or "")


def _body(session: Session, case: CaseRecord, kind: ResponseKind) -> list[Line]:
    received = to_era(case.received_on)
    types = "・".join(REQUEST_TYPES_JA.get(t, t) for t in case.intake.get("request_types", []))
    asked = f"{received}にお受けしたご請求（{types}）について、"
    lines: list[Line] = []
    if kind is ResponseKind.REQUEST_DOCUMENTS:
        outcome = session.policies.evaluate(
            policy_in_force(session), case_document(session, case), case.case_id
        )
        lines.append(
            Line(asked + "ご本人確認のため、次の書類をお送りくださいますようお願い申し上げます。")
        )
        for reason in outcome.reasons_ja:
            lines.append(Line(f"・{reason}", space_before=2))
        if case.decision_note and case.status is CaseStatus.RETURNED:
            lines.append(Line("担当者より：", space_before=6))
            lines.extend(Line(part) for part in case.decision_note.splitlines())
        lines.append(
            Line(
                "必要な書類がそろいましたら、あらためて手続きを進めさせていただきます。",
                space_before=6,
            )
        )
    elif kind is ResponseKind.REFUSAL:
        grounds = session.policies.refusal_grounds(policy_in_force(session))
        note = case.decision_note or ""
        ground = grounds.get(note, note) or "ご本人であることを確認できなかったため"
        lines.append(Line(asked + "次の理由により、ご請求に応じることができません。"))
        lines.append(Line(f"理由：{ground}", space_before=4))
        lines.append(
            Line(
                "この措置についてご説明をご希望の場合は、下記の窓口までお問い合わせください。",
                space_before=6,
            )
        )
    elif kind is ResponseKind.PURPOSE_NOTIFICATION:
        lines.append(Line(asked + "ご本人であることを確認いたしました。"))
        lines.append(Line("当社における保有個人データの利用目的は、別紙のとおりです。"))
    elif kind is ResponseKind.DISCLOSURE_NOTICE:
        lines.append(Line(asked + "ご本人であることを確認いたしました。"))
        lines.append(Line("ご請求の保有個人データを、別紙のとおり開示いたします。"))
    else:
        lines.append(
            Line(
                asked + "ご本人であることを確認のうえ、対応を完了いたしましたのでご通知いたします。"
            )
        )
    return lines


def write_letter(session: Session, case_id: str, kind: ResponseKind) -> bytes:
    """The letter of ``kind`` for a case, as PDF bytes (A4, font embedded, case number).

    Raises:
        NotPermitted: the role may not write letters (administrators).
        TransitionNotAllowed: that letter does not fit the case's status.
        InputError: no such case, or no Japanese font.
    """
    session.require(Action.WRITE_LETTER)
    case = get_case(session, case_id)
    if case.status not in LETTER_STATUSES[kind]:
        raise TransitionNotAllowed(
            case_id, f"cannot write a {kind} letter for a case whose status is {case.status}"
        )
    name, address = _names(case)
    sender = session.store.settings.get(COMPANY_SETTING) or DEFAULT_SENDER
    lines = [
        Line(to_era(session.today()), right=True),
        Line(f"受付番号：{case.case_id}", right=True),
    ]
    if address:
        lines.append(Line(address, space_before=12))
    lines.append(Line(f"{name} 様", size=12, space_before=0 if address else 12))
    lines.append(Line(sender, right=True, space_before=8))
    lines.append(Line(TITLES[kind], size=15, center=True, space_before=20))
    lines.append(Line("", space_before=6))
    lines.extend(_body(session, case, kind))
    lines.append(Line("以上", right=True, space_before=12))
    pdf = render(find_font(session), lines)
    with session.store.transaction():
        session.record(Action.WRITE_LETTER, case_id=case_id, kind=kind.value)
    log.info("letter %s written for case %s", kind.value, case_id)
    return pdf
