"""Japanese and English sentences for reason codes and for a policy's checklist, by code."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.case import Holder
from desktop.core.documents import CATALOGUE, PHOTO_IDS, DocumentType
from desktop.core.policy.model import (
    Disposal,
    FeeKind,
    IdentityRule,
    RepresentativeKind,
)
from desktop.core.reasons import ReasonCode

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from desktop.core.policy.engine import Reason
    from desktop.core.policy.model import IdentityRequirement, Policy


class Lang(StrEnum):
    """Languages of the sentences."""

    JA = "ja"
    EN = "en"


def document_label(doc_type: DocumentType | str, lang: Lang) -> str:
    """The name a requester knows a document type by."""
    spec = CATALOGUE[DocumentType(doc_type)]
    return spec.label_ja if lang is Lang.JA else spec.label_en


def _labels(types: Iterable[DocumentType | str], lang: Lang) -> str:
    sep = "、" if lang is Lang.JA else ", "
    return sep.join(document_label(t, lang) for t in types)


_PERSON = {
    (Holder.PRINCIPAL, Lang.JA): "ご本人",
    (Holder.PRINCIPAL, Lang.EN): "principal",
    (Holder.REPRESENTATIVE, Lang.JA): "代理人",
    (Holder.REPRESENTATIVE, Lang.EN): "representative",
}

_KIND = {
    (RepresentativeKind.MINOR, Lang.JA): "ご本人が未成年の場合（親権者）",
    (RepresentativeKind.MINOR, Lang.EN): "a minor principal (parent)",
    (RepresentativeKind.ADULT_WARD, Lang.JA): "ご本人が成年被後見人の場合（成年後見人）",
    (RepresentativeKind.ADULT_WARD, Lang.EN): "an adult ward (guardian)",
}

# One sentence per reason code; {placeholders} are filled from the reason's parameters and
# the derived values doc (label), n (1-based document number), person, docs, others, months.
REASON_TEXTS: Mapping[ReasonCode, tuple[str, str]] = {
    ReasonCode.PHOTO_ID_OR_TWO_DOCUMENTS: (
        "ご本人の本人確認書類が足りません。{requirement_ja}",
        "The principal's identity is not proven. {requirement_en}",
    ),
    ReasonCode.REPRESENTATIVE_ID_MISSING: (
        "代理人ご自身の本人確認書類が足りません。{requirement_ja}",
        "The representative's own identity is not proven. {requirement_en}",
    ),
    ReasonCode.AUTHORITY_PROOF_MISSING: (
        "法定代理権を確認できる書類が必要です（{kind_ja}：{docs_ja}のいずれか1点）。",
        "Proof of the legal representative's authority is missing "
        "(for {kind_en}: one of {docs_en}).",
    ),
    ReasonCode.POWER_OF_ATTORNEY_MISSING: (
        "委任状が必要です。",
        "The power of attorney (letter of proxy) is missing.",
    ),
    ReasonCode.DOCUMENT_NOT_ACCEPTED: (
        "書類{n}（{doc_ja}）は、このポリシーでは確認書類として受け付けていません。",
        "Document {n} ({doc_en}) is not accepted by this policy for this purpose.",
    ),
    ReasonCode.DOCUMENT_EXPIRED: (
        "書類{n}（{doc_ja}）は有効期限が切れています。有効期限内のものが必要です。",
        "Document {n} ({doc_en}) had expired on the date received.",
    ),
    ReasonCode.CERTIFICATE_TOO_OLD: (
        "書類{n}（{doc_ja}）は発行から{months}か月を超えています。発行から{months}か月以内の"
        "ものが必要です。",
        "Document {n} ({doc_en}) was issued more than {months} months before the date received.",
    ),
    ReasonCode.ADDRESS_MISMATCH: (
        "{person_ja}の書類に、ご請求書のご住所が記載されていません。現住所が確認できる書類が"
        "必要です。",
        "No document used for the {person_en} shows the address on the request; a document "
        "showing the current address is needed.",
    ),
    ReasonCode.NAME_MISMATCH: (
        "書類{n}（{doc_ja}）の氏名が、ご請求書の{person_ja}の氏名と一致しません。",
        "Document {n} ({doc_en}) shows a name different from the {person_en}'s on the request.",
    ),
    ReasonCode.BIRTH_DATE_MISMATCH: (
        "書類{n}（{doc_ja}）の生年月日が、ご請求書の{person_ja}の生年月日と一致しません。",
        "Document {n} ({doc_en}) shows a birth date different from the {person_en}'s on the "
        "request.",
    ),
}


def identity_requirement_text(req: IdentityRequirement, lang: Lang) -> str:
    """One sentence saying what proves a person's identity under ``req``."""
    if req.rule is IdentityRule.ONE_OF:
        if lang is Lang.JA:
            return f"次のいずれか1点が必要です：{_labels(req.documents, lang)}。"
        return f"One valid document of: {_labels(req.documents, lang)}."
    photo = [t for t in req.documents if t in PHOTO_IDS]
    other = [t for t in req.documents if t not in PHOTO_IDS]
    if lang is Lang.JA:
        parts = []
        if photo:
            parts.append(f"顔写真付きの書類（{_labels(photo, lang)}）なら1点")
        if other:
            parts.append(
                f"顔写真のない書類（{_labels(other, lang)}）なら種類の異なるものを"
                f"{req.others}点以上"
            )
        return "、".join(parts) + "お送りください。"
    parts = []
    if photo:
        parts.append(f"one photo ID ({_labels(photo, lang)})")
    if other:
        parts.append(
            f"{req.others} documents of different types without photo ({_labels(other, lang)})"
        )
    text = " or ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _requirement_from_params(params: Mapping[str, str], lang: Lang) -> str:
    documents = tuple(DocumentType(t) for t in params.get("documents", "").split(",") if t)
    rule = IdentityRule(params.get("rule", IdentityRule.ONE_OF.value))
    others = int(params.get("others", "1"))
    if rule is IdentityRule.ONE_OF:
        if lang is Lang.JA:
            return f"次のいずれか1点が必要です：{_labels(documents, lang)}。"
        return f"One valid document of: {_labels(documents, lang)}."
    if lang is Lang.JA:
        return (
            f"顔写真付きの書類1点、またはそれ以外の書類{others}点（種類の異なるもの）が必要です。"
        )
    return f"One photo ID or {others} other documents of different types are needed."


def reason_message(reason: Reason, lang: Lang) -> str:
    """The sentence for one reason of the engine, in ``lang``."""
    params = dict(reason.params)
    values: dict[str, str] = {"n": "", "doc_ja": "", "doc_en": "", "months": ""}
    if reason.document is not None:
        values["n"] = str(reason.document + 1)
    if "type" in params:
        values["doc_ja"] = document_label(params["type"], Lang.JA)
        values["doc_en"] = document_label(params["type"], Lang.EN)
    values["months"] = params.get("max_age_months", "")
    person = reason.person or Holder.PRINCIPAL
    values["person_ja"] = _PERSON[(person, Lang.JA)]
    values["person_en"] = _PERSON[(person, Lang.EN)]
    if reason.code in (
        ReasonCode.PHOTO_ID_OR_TWO_DOCUMENTS,
        ReasonCode.REPRESENTATIVE_ID_MISSING,
    ):
        values["requirement_ja"] = _requirement_from_params(params, Lang.JA)
        values["requirement_en"] = _requirement_from_params(params, Lang.EN)
    if reason.code is ReasonCode.AUTHORITY_PROOF_MISSING:
        kind = RepresentativeKind(params.get("kind", RepresentativeKind.ADULT_WARD.value))
        documents = [t for t in params.get("documents", "").split(",") if t]
        values["kind_ja"] = _KIND[(kind, Lang.JA)]
        values["kind_en"] = _KIND[(kind, Lang.EN)]
        values["docs_ja"] = _labels(documents, Lang.JA)
        values["docs_en"] = _labels(documents, Lang.EN)
    ja, en = REASON_TEXTS[reason.code]
    return (ja if lang is Lang.JA else en).format(**values)


# --- the checklist of `honnin policy show` ---------------------------------------------------


def _deadline_line(policy: Policy, lang: Lang) -> str:
    if policy.deadline is None:
        if lang is Lang.JA:
            return "必要な書類がそろいましたら、遅滞なく回答いたします。"
        return "We answer without delay once every document has arrived."
    days = policy.deadline.business_days
    if lang is Lang.JA:
        return f"ご請求書と必要書類がすべて届いた日から{days}営業日以内に回答いたします。"
    return f"We answer within {days} business days of receiving the complete set of documents."


def _fee_line(policy: Policy, lang: Lang) -> str:
    fee = policy.fee
    if fee.kind is FeeKind.FREE:
        return "手数料はいただきません。" if lang is Lang.JA else "No fee is charged."
    if fee.kind is FeeKind.MAY_CHARGE:
        if lang is Lang.JA:
            return "開示等のご請求には、当社所定の手数料をいただく場合があります。"
        return "A fee set by the company may be charged."
    if lang is Lang.JA:
        return f"手数料として{fee.amount_yen:,}円をいただきます。"
    return f"A fee of {fee.amount_yen:,} yen is charged."


def _disposal_line(policy: Policy, lang: Lang) -> str:
    rule = policy.disposal
    if rule.id_copies is Disposal.AFTER_VERIFICATION:
        if lang is Lang.JA:
            return (
                "お送りいただいた本人確認書類の写しは、確認後ただちに適切な方法で廃棄いたします。"
            )
        return "Copies of identity documents are destroyed right after verification."
    if rule.retention_days is not None:
        if lang is Lang.JA:
            return f"本人確認書類の写しは、{rule.retention_days}日間保管したのち廃棄いたします。"
        return f"Copies of identity documents are destroyed after {rule.retention_days} days."
    if lang is Lang.JA:
        return "本人確認書類の写しは、当社の保存期間の経過後に廃棄いたします。"
    return "Copies of identity documents are destroyed after the company's retention period."


def checklist(policy: Policy, lang: Lang = Lang.JA) -> list[str]:
    """What a requester must send under ``policy``, as lines of a polite checklist."""
    ja = lang is Lang.JA
    box = "□ " if ja else "[ ] "
    lines: list[str] = []
    lines.append(policy.title_ja if ja else policy.title_en)
    lines.append(
        f"（ポリシー {policy.name}、版 {policy.version}）"
        if ja
        else f"(policy {policy.name}, version {policy.version})"
    )
    lines.append("")
    lines.append("■ ご本人が請求される場合" if ja else "# When the principal asks")
    lines.append(
        box
        + (
            "ご本人の本人確認書類の写し。"
            if ja
            else "A copy of the principal's identity documents. "
        )
        + identity_requirement_text(policy.principal, lang)
    )
    lines.append("")
    lines.append(
        "■ 法定代理人（未成年者の親権者、成年後見人）が請求される場合"
        if ja
        else "# When a legal representative (parent of a minor, guardian of an adult ward) asks"
    )
    lines.append(
        box
        + (
            "ご本人の本人確認書類の写し（上記と同じ）。"
            if ja
            else "The principal's documents as above."
        )
    )
    rep = policy.legal_representative
    if rep.identity is not None:
        lines.append(
            box
            + ("法定代理人ご自身の本人確認書類の写し。" if ja else "The representative's own ID. ")
            + identity_requirement_text(rep.identity, lang)
        )
    lines.append(
        box
        + (
            "法定代理権を確認できる書類（次のいずれか1点）："
            if ja
            else "Proof of the authority of legal representation (one of):"
        )
    )
    for kind in RepresentativeKind:
        docs = rep.authority.accepted(kind)
        if ja:
            lines.append(f"    ・{_KIND[(kind, lang)]}：{_labels(docs, lang)}")
        else:
            lines.append(f"    - for {_KIND[(kind, lang)]}: {_labels(docs, lang)}")
    if DocumentType.HEALTH_INSURANCE_CARD in rep.authority.minor:
        lines.append(
            "    ※ 健康保険証は、ご本人が被扶養者として記載されたものに限ります。"
            if ja
            else "    Note: a health insurance card must list the child as a dependant."
        )
    lines.append("")
    lines.append(
        "■ 任意代理人（委任による代理人）が請求される場合"
        if ja
        else "# When an agent appointed by power of attorney asks"
    )
    lines.append(
        box
        + (
            "ご本人の本人確認書類の写し（上記と同じ）。"
            if ja
            else "The principal's documents as above."
        )
    )
    agent = policy.appointed_agent
    if agent.power_of_attorney:
        lines.append(
            box
            + (
                "委任状（ご本人が署名または押印したもの）。"
                if ja
                else "A power of attorney (letter of proxy) signed or sealed by the principal."
            )
        )
    if agent.identity is not None:
        lines.append(
            box
            + ("代理人ご自身の本人確認書類の写し。" if ja else "The agent's own ID. ")
            + identity_requirement_text(agent.identity, lang)
        )
    lines.append("")
    lines.append("■ ご注意" if ja else "# Please note")
    notes_ja = [
        "有効期限のある書類は、有効期限内のものをお送りください。",
        "本籍地が記載されている場合は、その部分を黒く塗りつぶしてください。",
        "マイナンバーカードは表面のみをお送りください（裏面の個人番号はお送りいただかないで"
        "ください）。",
        "健康保険証の保険者番号・記号・番号は、黒く塗りつぶしてください。",
        "現住所が確認できる書類をお送りください。",
    ]
    notes_en = [
        "Documents with an expiry date must be valid on the date we receive them.",
        "Black out the permanent domicile (本籍) where it is printed.",
        "Send only the front of a My Number card; never its back with the individual number.",
        "Black out the insurer number and the symbol and number of a health insurance card.",
        "Send a document that shows your current address.",
    ]
    if policy.certificate_age is not None:
        months = policy.certificate_age.months
        notes_ja.insert(
            1,
            f"戸籍謄本・住民票の写しなどの証明書は、発行日から{months}か月以内のものに限ります。",
        )
        notes_en.insert(1, f"Certificates must have been issued within {months} months.")
    for note in notes_ja if ja else notes_en:
        lines.append(("・" if ja else "- ") + note)
    lines.append("")
    lines.append(("■ 回答期限：" if ja else "# Deadline: ") + _deadline_line(policy, lang))
    lines.append(("■ 手数料：" if ja else "# Fee: ") + _fee_line(policy, lang))
    lines.append(
        ("■ 本人確認書類の取扱い：" if ja else "# Identity documents: ")
        + _disposal_line(policy, lang)
    )
    if policy.refusal_grounds:
        lines.append("")
        lines.append(
            "■ 次の場合には、ご請求に応じられないことがあります（その旨と理由をお知らせします）。"
            if ja
            else "# We may be unable to comply in these cases:"
        )
        for ground in policy.refusal_grounds:
            lines.append(("・" + ground.ja.removesuffix("ため")) if ja else ("- " + ground.en))
    return lines
