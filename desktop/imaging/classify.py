"""Document type from the words on a page: titles and labels, matched with OCR errors allowed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from desktop.core.documents import DocumentType
from desktop.imaging.fields import allowed_errors, fold, fuzzy_find

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from desktop.imaging.fields import TextLine

_T = DocumentType

# (keyword, weight): titles weigh most, labels that only one document type prints next, labels
# several types share least. Keywords are folded (NFKC, upper case) and matched without spaces.
KEYWORDS: Mapping[DocumentType, tuple[tuple[str, float], ...]] = MappingProxyType(
    {
        _T.DRIVERS_LICENSE: (
            ("運転免許証", 6.0),
            ("免許の条件等", 3.0),
            ("免許の条件", 2.0),
            ("公安委員会", 3.0),
            ("まで有効", 1.0),
            ("二・小・原", 1.5),
            ("種類", 0.5),
            ("優良", 1.0),
            ("DRIVER", 3.0),
            ("免許", 2.0),
            ("公安", 2.0),
            ("中型車", 1.5),
            ("眼鏡等", 1.5),
        ),
        _T.PASSPORT: (
            ("PASSPORT", 6.0),
            ("旅券", 4.0),
            ("日本国", 2.0),
            ("REGISTEREDDOMICILE", 3.0),
            ("NATIONALITY", 2.0),
            ("SURNAME", 2.5),
            ("GIVENNAME", 2.5),
            ("DATEOFEXPIRY", 2.0),
            ("DATEOFISSUE", 1.0),
            ("AUTHORITY", 1.5),
            ("MINISTRYOFFOREIGNAFFAIRS", 3.0),
            ("外務大臣", 2.0),
            ("P<JPN", 5.0),
        ),
        _T.MY_NUMBER_CARD: (
            ("個人番号カード", 7.0),
            ("個人番号", 2.0),
            ("電子証明書", 2.0),
            ("電子証明書の有効期限", 2.0),
            ("臓器提供", 1.5),
            ("INDIVIDUALNUMBERCARD", 5.0),
            ("MYNUMBER", 3.0),
            ("INDIVIDUALNUMBER", 2.0),
        ),
        _T.RESIDENCE_CARD: (
            ("在留カード", 7.0),
            ("RESIDENCECARD", 6.0),
            ("在留資格", 3.0),
            ("在留期間", 3.0),
            ("就労制限", 3.0),
            ("出入国在留管理", 3.0),
            ("法務大臣", 2.0),
            ("国籍・地域", 2.0),
            ("国籍地域", 1.0),
        ),
        _T.HEALTH_INSURANCE_CARD: (
            ("被保険者証", 6.0),
            ("資格確認書", 6.0),
            ("健康保険", 4.0),
            ("国民健康保険", 2.0),
            ("保険者番号", 4.0),
            ("保険者名称", 2.0),
            ("被保険者", 1.5),
            ("資格取得", 2.0),
            ("記号", 1.0),
            ("枝番", 2.0),
            ("後期高齢者医療", 3.0),
        ),
        _T.PENSION_BOOK: (
            ("年金手帳", 7.0),
            ("基礎年金番号通知書", 7.0),
            ("基礎年金番号", 4.0),
            ("日本年金機構", 3.0),
            ("国民年金", 2.0),
            ("厚生年金", 2.0),
            ("被保険者となった日", 1.5),
        ),
        _T.FAMILY_REGISTER: (
            ("戸籍謄本", 7.0),
            ("戸籍抄本", 7.0),
            ("全部事項証明書", 3.0),
            ("個人事項証明書", 3.0),
            ("戸籍に記録されている者", 5.0),
            ("戸籍事項", 3.0),
            ("戸籍編製", 3.0),
            ("身分事項", 3.0),
            ("(戸籍)", 3.0),
            ("筆頭者", 1.0),
            ("除籍", 1.0),
            # the typed vertical register (戸籍謄本) and its certification
            ("謄本", 4.0),
            ("編製", 3.0),
            ("入籍", 2.0),
            ("受附", 2.0),
            ("出生父届出", 2.0),
        ),
        _T.RESIDENCE_CERTIFICATE: (
            ("住民票の写し", 7.0),
            ("住民票", 5.0),
            ("住民票コード", 3.0),
            ("世帯主", 3.0),
            ("住民となった日", 4.0),
            ("住所を定めた日", 3.0),
            ("世帯全員", 2.0),
            ("続柄", 1.0),
            ("前住所", 2.0),
        ),
        _T.SEAL_CERTIFICATE: (
            ("印鑑登録証明書", 8.0),
            ("印鑑登録番号", 4.0),
            ("印鑑登録", 3.0),
            ("登録されている印影", 3.0),
            ("印影", 2.0),
        ),
        _T.REGISTERED_MATTERS_CERTIFICATE: (
            ("登記事項証明書", 7.0),
            ("成年被後見人", 5.0),
            ("被保佐人", 4.0),
            ("被補助人", 4.0),
            ("成年後見人", 4.0),
            ("後見登記", 4.0),
            ("後見開始", 3.0),
            ("登記番号", 3.0),
            ("法務局", 2.0),
        ),
        _T.POWER_OF_ATTORNEY: (
            ("委任状", 8.0),
            ("委任します", 4.0),
            ("委任者", 3.0),
            ("代理人", 3.0),
            ("受任者", 3.0),
            ("権限を委任", 3.0),
        ),
    }
)

# A 12-digit number alone on a card that says 個人番号 is the back of a My Number card.
_TWELVE = re.compile(r"(?<![0-9])[0-9]{4}\s?[0-9]{4}\s?[0-9]{4}(?![0-9])")

MIN_SCORE = 3.0
"""Below this much evidence a page is ``unknown``."""


@dataclass(frozen=True, slots=True)
class Classification:
    """The document type read off a page and how sure we are.

    Attributes:
        document_type: the best type, or ``unknown``.
        confidence: 0.0 … 1.0.
        scores: the evidence for each type (for tests and diagnostics).
    """

    document_type: DocumentType
    confidence: float
    scores: Mapping[DocumentType, float]


def _folded_keywords() -> tuple[tuple[DocumentType, tuple[tuple[str, float, int], ...]], ...]:
    """Each type's keywords folded once, with how many of a keyword's characters a match
    must share with the text (a match within k edit errors keeps at least m - k of them)."""
    return tuple(
        (
            doc_type,
            tuple(
                (pat, weight, len(pat) - allowed_errors(pat))
                for pat, weight in ((fold(k), w) for k, w in keywords)
            ),
        )
        for doc_type, keywords in KEYWORDS.items()
    )


_FOLDED = _folded_keywords()


def score_text(text: str) -> dict[DocumentType, float]:
    """Evidence for each document type in one folded, space-free text."""
    scores: dict[DocumentType, float] = {}
    present = frozenset(text)
    for doc_type, keywords in _FOLDED:
        total = 0.0
        for pat, weight, needed in keywords:
            # The approximate search costs a pass over the whole text; a keyword most of
            # whose characters the text never uses cannot match (measured: 30 ms a page).
            if sum(c in present for c in pat) < needed:
                continue
            matches = fuzzy_find(pat, text)
            if matches:
                err = min(e for _s, _e, e in matches)
                total += weight * (1.0 - err / max(len(pat), 1))
        scores[doc_type] = total
    return scores


def classify_text(lines: Sequence[TextLine] | Sequence[str]) -> Classification:
    """Classify a page from its text lines (``TextLine`` or plain strings).

    The text is matched as one folded, space-free string per line joined by a separator, so
    a keyword never spans two lines.
    """
    texts = [fold(t).replace(" ", "") if isinstance(t, str) else t.text for t in lines]
    joined = "\n".join(texts)
    scores = score_text(joined)
    # 個人番号 on a card with nothing else is a My Number card's back; on a residence
    # certificate the same word appears beside 住民票.
    if fuzzy_find("個人番号", joined) and _TWELVE.search(joined):
        scores[_T.MY_NUMBER_CARD] += 3.0
    # 登記事項証明書 and 全部事項証明書 share words; 戸籍 itself decides for the register.
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best_type, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < MIN_SCORE:
        conf = round(min(0.9, 1.0 - best / (MIN_SCORE * 2)), 3)
        return Classification(_T.UNKNOWN, conf, MappingProxyType(scores))
    margin = (best - second) / best
    strength = min(best / 10.0, 1.0)
    conf = round(max(0.05, min(0.99, 0.5 * margin + 0.5 * strength)), 3)
    return Classification(best_type, conf, MappingProxyType(scores))
