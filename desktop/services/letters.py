"""Letters to requesters: Japanese PDF from editable templates, stored, and their delivery.

Each letter kind has a template in ``resources/letters/<kind>.txt`` (syntax in that folder's
README); an administrator may replace it, the edited text living in the store's settings
(encrypted like everything else) until reset. Letters written are kept in the store with
the PDF; the app sends nothing (it is offline), so the operator records how each went out.
"""

from __future__ import annotations

import logging
import shutil
import string
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.cases import Action, CaseStatus, TransitionNotAllowed
from desktop.core.eras import to_era
from desktop.core.errors import InputError, RefusedError
from desktop.services import review
from desktop.services.intake import get_case
from desktop.services.pdf import FontError, Line, TrueType, render
from desktop.services.review import ResponseKind, case_document, policy_in_force

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from desktop.core.cases import CaseRecord
    from desktop.services.ports import StoredLetter
    from desktop.services.session import Session

log = logging.getLogger(__name__)

COMPANY_SETTING = "company_name"
"""Settings key of the sender's name printed on letters."""
COMPANY_ADDRESS_SETTING = "company_address"
COMPANY_CONTACT_SETTING = "company_contact"
TEMPLATE_SETTING_PREFIX = "letter_template."
"""Settings key of an administrator's template: the prefix and the kind (empty: built-in)."""
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


class DeliveryChannel(StrEnum):
    """How a letter went out (the app itself sends nothing)."""

    POST = "post"
    EMAIL_ATTACHMENT = "email_attachment"


# --------------------------------------------------------------------------- templates

PLACEHOLDERS = (
    "case_id",
    "today",
    "received_on",
    "request_types",
    "missing_items",
    "note",
    "ground",
    "reason",
    "deadline",
    "addressee",
    "company_name",
    "company_address",
    "company_contact",
)
"""The names a template may use as ``{name}``."""

_FORMATTER = string.Formatter()


def templates_dir() -> Path:
    """The folder of the built-in templates (beside the package, or in the frozen app)."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return base / "resources" / "letters"


def template_source(kind: ResponseKind) -> str:
    """How a template is named in messages: ``letter template refusal``."""
    return f"letter template {kind.value}"


def builtin_template(kind: ResponseKind) -> str:
    """The template shipped with the app for ``kind``.

    Raises:
        InputError: the file is missing or unreadable (a broken installation).
    """
    path = templates_dir() / f"{kind.value}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            template_source(kind), f"cannot read the built-in template: {exc}"
        ) from None


def _setting_key(kind: ResponseKind) -> str:
    return TEMPLATE_SETTING_PREFIX + kind.value


def is_customised(session: Session, kind: ResponseKind) -> bool:
    """Whether an administrator's text replaces the built-in template of ``kind``."""
    return bool(session.store.settings.get(_setting_key(kind)))


def template_text(session: Session, kind: ResponseKind) -> str:
    """The template in force for ``kind``: the administrator's, else the built-in one."""
    return session.store.settings.get(_setting_key(kind)) or builtin_template(kind)


def _parse_line(kind: ResponseKind, text: str, number: int) -> list[tuple[str, str | None]]:
    """(literal, placeholder or None) pieces of one template line.

    Raises:
        InputError: unbalanced braces, an unknown placeholder, or a format spec.
    """
    source = template_source(kind)
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        raise InputError(
            source, "unbalanced braces: write {name} for a value, {{ or }} for a brace", number
        ) from None
    pieces: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is not None:
            if name not in PLACEHOLDERS:
                raise InputError(source, f"unknown placeholder {{{name}}}", number)
            if spec or conversion:
                raise InputError(source, f"write {{{name}}} without a format or conversion", number)
        pieces.append((literal, name))
    return pieces


def _template_lines(kind: ResponseKind, text: str) -> list[tuple[str, int]]:
    """(line, number) of the template without its comments."""
    return [
        (line.rstrip(), number)
        for number, line in enumerate(text.splitlines(), start=1)
        if not line.startswith("#")
    ]


def validate_template(kind: ResponseKind, text: str) -> tuple[str, ...]:
    """Check a template; return the placeholders it uses, in order of first use.

    Raises:
        InputError: (naming the template and line) unbalanced braces, an unknown placeholder,
            or no title line.
    """
    used: list[str] = []
    title_seen = False
    for line, number in _template_lines(kind, text):
        for _, name in _parse_line(kind, line, number):
            if name is not None and name not in used:
                used.append(name)
        title_seen = title_seen or bool(line.strip())
    if not title_seen:
        raise InputError(
            template_source(kind), "the template is empty: its first line is the title"
        )
    return tuple(used)


def save_template(session: Session, kind: ResponseKind, text: str) -> None:
    """Replace the template of ``kind`` with an administrator's text (kept in the store).

    Raises:
        NotPermitted: not an administrator.
        InputError: a broken template (``validate_template``).
    """
    session.require(Action.EDIT_SETTINGS)
    validate_template(kind, text)
    with session.store.transaction():
        session.store.settings.set(_setting_key(kind), text)
        session.record("edit_letter_template", kind=kind.value, changed=True)
    log.info("letter template %s edited", kind.value)


def reset_template(session: Session, kind: ResponseKind) -> None:
    """Go back to the built-in template of ``kind``.

    Raises:
        NotPermitted: not an administrator.
    """
    session.require(Action.EDIT_SETTINGS)
    with session.store.transaction():
        session.store.settings.set(_setting_key(kind), "")
        session.record("reset_letter_template", kind=kind.value)
    log.info("letter template %s reset", kind.value)


# --------------------------------------------------------------------------- values


def format_date(d: date) -> str:
    """A date as letters write it, era first: 令和8年11月23日（2026年11月23日）."""
    return f"{to_era(d)}（{d.year}年{d.month}月{d.day}日）"


def _names(case: CaseRecord) -> tuple[str, str]:
    """(addressee, their address) — the representative when one asks."""
    person = case.intake.get("principal", {})
    if case.intake.get("requester") != "principal" and case.intake.get("representative"):
        person = case.intake["representative"]
    return str(person.get("name", "")), str(person.get("address", "") or "")


def _returned_items(session: Session, case: CaseRecord) -> frozenset[str] | None:
    """The reason codes the supervisor picked when last returning the case (None: not known)."""
    picked: frozenset[str] | None = None
    for event in session.store.audit.events(case_id=case.case_id):
        if event.action == Action.RETURN.value:
            codes = event.detail.get("reasons")
            picked = frozenset(str(c) for c in codes) if isinstance(codes, list) else None
    return picked


def _missing_items(session: Session, case: CaseRecord) -> tuple[str, str]:
    """(the missing items in Japanese as "・" lines, the supervisor's own words or "")."""
    outcome = session.policies.evaluate(
        policy_in_force(session), case_document(session, case), case.case_id
    )
    picked = _returned_items(session, case) if case.status is CaseStatus.RETURNED else None
    pairs = list(zip((r.code for r in outcome.reasons), outcome.reasons_ja, strict=False))
    chosen = [ja for code, ja in pairs if picked is None or code in picked]
    if not chosen:  # the documents changed since the return: name what is missing now
        chosen = [ja for _, ja in pairs]
    items = "\n".join(f"・{ja}" for ja in chosen)
    note = ""
    if case.status is CaseStatus.RETURNED and case.decision_note:
        # The default note is the verdict's reasons in English: already listed in Japanese.
        english = set() if case.verdict is None else {r.message for r in case.verdict.reasons}
        own = [p for p in case.decision_note.splitlines() if p.strip() and p not in english]
        if own:
            note = "\n".join(["（担当者より）", *own])
    if not items and not note:
        items = "・ご本人確認書類（詳細は下記窓口までお問い合わせください）"
    return items, note


def _refusal(session: Session, case: CaseRecord) -> tuple[str, str]:
    """(the ground in the policy's words, the supervisor's explanation)."""
    grounds = session.policies.refusal_grounds(policy_in_force(session))
    first, _, rest = (case.decision_note or "").partition("\n")
    ground = grounds.get(first.strip(), first.strip()) or "ご本人であることを確認できなかったため"
    reason = rest.strip() or (
        "上記の理由によるものです。詳しい事情につきましては、下記の窓口までお問い合わせください。"
    )
    return ground, reason


def letter_values(session: Session, case: CaseRecord, kind: ResponseKind) -> dict[str, str]:
    """The values of the placeholders for one letter."""
    name, _ = _names(case)
    types = "・".join(REQUEST_TYPES_JA.get(t, t) for t in case.intake.get("request_types", []))
    settings = session.store.settings
    values = {
        "case_id": case.case_id,
        "today": format_date(session.today()),
        "received_on": format_date(case.received_on),
        "request_types": types or "保有個人データに関するご請求",
        "missing_items": "",
        "note": "",
        "ground": "",
        "reason": "",
        "deadline": "" if case.due_on is None else format_date(case.due_on),
        "addressee": f"{name} 様" if name else "",
        "company_name": settings.get(COMPANY_SETTING) or DEFAULT_SENDER,
        "company_address": settings.get(COMPANY_ADDRESS_SETTING) or "",
        "company_contact": settings.get(COMPANY_CONTACT_SETTING) or "",
    }
    if kind is ResponseKind.REQUEST_DOCUMENTS:
        values["missing_items"], values["note"] = _missing_items(session, case)
    elif kind is ResponseKind.REFUSAL:
        values["ground"], values["reason"] = _refusal(session, case)
    return values


def fill_template(kind: ResponseKind, text: str, values: Mapping[str, str]) -> list[Line]:
    """The lines of a template with its placeholders filled in (title first, centred).

    Raises:
        InputError: a broken template.
    """
    validate_template(kind, text)
    lines: list[Line] = []
    for line, number in _template_lines(kind, text):
        right, center = line.startswith(">"), line.startswith("^")
        body = line[1:] if right or center else line
        filled = "".join(
            literal + ("" if name is None else values.get(name, ""))
            for literal, name in _parse_line(kind, body, number)
        )
        if not lines:
            if not filled.strip():
                continue  # blank lines before the title
            lines.append(Line(filled.strip(), size=15, center=True, space_before=20))
            continue
        lines.extend(Line(part, right=right, center=center) for part in filled.split("\n"))
    return lines


def render_letter(session: Session, case: CaseRecord, kind: ResponseKind) -> bytes:
    """The PDF of a letter (A4, font embedded): heading by the app, the rest by the template.

    Raises:
        InputError: a broken template, or no Japanese font.
    """
    values = letter_values(session, case, kind)
    name, address = _names(case)
    lines = [
        Line(format_date(session.today()), right=True),
        Line(f"受付番号：{case.case_id}", right=True),
    ]
    if address:
        lines.append(Line(address, space_before=12))
    lines.append(Line(f"{name} 様", size=12, space_before=0 if address else 12))
    lines.append(Line(values["company_name"], right=True, space_before=8))
    if values["company_address"]:
        lines.append(Line(values["company_address"], right=True))
    lines.extend(fill_template(kind, template_text(session, kind), values))
    return render(find_font(session), lines)


# --------------------------------------------------------------------------- use cases


def allowed_kinds(case: CaseRecord) -> list[ResponseKind]:
    """The letters that may be written for the case in its status (the UI's choices)."""
    return [kind for kind in ResponseKind if case.status in LETTER_STATUSES[kind]]


def write_letter(session: Session, case_id: str, kind: ResponseKind) -> bytes:
    """Write and store the letter of ``kind`` for a case; return its PDF (A4, font embedded).

    Raises:
        NotPermitted: the role may not write letters.
        TransitionNotAllowed: that letter does not fit the case's status.
        InputError: no such case, a broken template, or no Japanese font.
    """
    return create_letter(session, case_id, kind)[1]


def create_letter(session: Session, case_id: str, kind: ResponseKind) -> tuple[int, bytes]:
    """``write_letter`` that also returns the stored letter's id: (letter id, PDF)."""
    session.require(Action.WRITE_LETTER)
    case = get_case(session, case_id)
    if case.status not in LETTER_STATUSES[kind]:
        raise TransitionNotAllowed(
            case_id, f"cannot write a {kind} letter for a case whose status is {case.status}"
        )
    pdf = render_letter(session, case, kind)
    with session.store.transaction():
        letter_id = session.store.letters.add(
            case_id, kind.value, pdf, session.user.name, session.now()
        )
        session.record(Action.WRITE_LETTER, case_id=case_id, kind=kind.value)
    log.info("letter %s (%s) written for case %s", letter_id, kind.value, case_id)
    return letter_id, pdf


def list_letters(session: Session, case_id: str) -> Sequence[StoredLetter]:
    """The letters written for a case, oldest first.

    Raises:
        NotPermitted: the role may not handle letters.
        InputError: no such case.
    """
    session.require(Action.WRITE_LETTER)
    get_case(session, case_id)
    return session.store.letters.for_case(case_id)


def _letter(session: Session, letter_id: int) -> StoredLetter:
    letter = session.store.letters.get(letter_id)
    if letter is None:
        raise InputError(f"letter {letter_id}", "no such letter")
    return letter


def letter_pdf(session: Session, letter_id: int) -> bytes:
    """The stored PDF of a letter (the text of the letter only: no document images).

    Raises:
        NotPermitted: the role may not handle letters.
        InputError: no such letter.
    """
    session.require(Action.WRITE_LETTER)
    _letter(session, letter_id)
    pdf = session.store.letters.pdf(letter_id)
    if pdf is None:
        raise InputError(f"letter {letter_id}", "no such letter")
    return pdf


def export_letter(session: Session, letter_id: int, dest: Path) -> Path:
    """Write a letter's PDF to ``dest`` (to print or attach it), recorded in the audit chain.

    A letter names the requester, so taking it out of the store is recorded like a page
    view. The file appears whole or not at all (written beside, then renamed).

    Raises:
        NotPermitted: the role may not handle letters.
        InputError: no such letter, or ``dest`` cannot be written (named in the message).
    """
    letter = _letter(session, letter_id)
    pdf = letter_pdf(session, letter_id)
    part = dest.with_name(dest.name + ".part")
    try:
        part.write_bytes(pdf)
        part.replace(dest)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise InputError(str(dest), f"cannot write: {exc.strerror or exc}") from None
    with session.store.transaction():
        session.record("export_letter", case_id=letter.case_id, kind=letter.kind)
    return dest


def record_delivery(
    session: Session, letter_id: int, channel: DeliveryChannel | str, on: date
) -> StoredLetter:
    """Record that a letter went out by post or as an email attachment on ``on``.

    Where the case's status allows that notice, the case's response is recorded too
    (``review.record_response``), in the same transaction and audit.

    Raises:
        NotPermitted: the role may not handle letters.
        InputError: no such letter, an unknown channel, a date in the future or before the
            letter was written.
        RefusedError: the letter's delivery is recorded already.
    """
    session.require(Action.WRITE_LETTER)
    letter = _letter(session, letter_id)
    source = f"letter {letter_id}"
    try:
        how = DeliveryChannel(channel)
    except ValueError:
        known = ", ".join(c.value for c in DeliveryChannel)
        raise InputError(source, f"unknown delivery channel {channel!r} ({known})") from None
    if on > session.today():
        raise InputError(source, "the delivery date is in the future")
    if on < letter.created_at.date():
        raise InputError(source, "the delivery date is before the letter was written")
    if letter.delivered_on is not None:
        raise RefusedError(
            f"{source} was recorded as delivered on {letter.delivered_on.isoformat()} already"
        )
    case = get_case(session, letter.case_id)
    kind = ResponseKind(letter.kind)
    with session.store.transaction():
        session.store.letters.record_delivery(
            letter_id, how.value, on, session.user.name, session.now()
        )
        session.record(
            "record_delivery",
            case_id=case.case_id,
            kind=kind.value,
            channel=how.value,
            sent_on=on.isoformat(),
        )
        if review.response_allowed(case, kind):
            review.store_response(session, case, kind, on)
    log.info("letter %s delivery recorded (%s)", letter_id, how.value)
    return _letter(session, letter_id)
