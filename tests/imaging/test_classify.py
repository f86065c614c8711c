"""Classification from text: titles and labels, tolerant of OCR errors."""

from __future__ import annotations

import pytest

from desktop.core.documents import DocumentType as T
from desktop.imaging.classify import classify_text, score_text
from desktop.imaging.fields import fold

CASES = [
    (
        ["運転免許証", "氏名 山田 太郎 昭和60年4月12日生", "免許の条件等", "東京都公安委員会"],
        T.DRIVERS_LICENSE,
    ),
    (
        [
            "旅券 PASSPORT",
            "Surname / 姓",
            "YAMADA",
            "Given name / 名",
            "TARO",
            "Registered Domicile / 本籍",
            "TOKYO",
        ],
        T.PASSPORT,
    ),
    (["個人番号カード", "氏名 山田 太郎", "住所 東京都千代田区"], T.MY_NUMBER_CARD),
    (["個人番号", "1234 5678 9012"], T.MY_NUMBER_CARD),
    (["在留カード", "RESIDENCE CARD", "在留資格 技術・人文知識・国際業務"], T.RESIDENCE_CARD),
    (["健康保険被保険者証", "記号 1234 番号 56", "保険者番号 01130012"], T.HEALTH_INSURANCE_CARD),
    (["資格確認書", "保険者番号 06130012"], T.HEALTH_INSURANCE_CARD),
    (["基礎年金番号通知書", "基礎年金番号 1234-567890"], T.PENSION_BOOK),
    (["年金手帳", "基礎年金番号 1234-567890"], T.PENSION_BOOK),
    (
        [
            "全部事項証明書（戸籍）",
            "本籍 東京都千代田区千代田一丁目1番地",
            "戸籍に記録されている者",
        ],
        T.FAMILY_REGISTER,
    ),
    (
        ["住民票の写し", "住所 東京都港区", "世帯主 山田 太郎", "住民票コード 12345678901"],
        T.RESIDENCE_CERTIFICATE,
    ),
    (["印鑑登録証明書", "印鑑登録番号 1234", "氏名 山田 太郎"], T.SEAL_CERTIFICATE),
    (
        ["登記事項証明書", "後見開始の裁判", "成年被後見人", "氏名 山田 太郎"],
        T.REGISTERED_MATTERS_CERTIFICATE,
    ),
    (["委任状", "私は、下記の者を代理人と定め、次の権限を委任します。"], T.POWER_OF_ATTORNEY),
]


@pytest.mark.parametrize(("lines", "expected"), CASES)
def test_clean_text_is_classified(lines: list[str], expected: T) -> None:
    result = classify_text(lines)
    assert result.document_type is expected
    assert 0.0 <= result.confidence <= 1.0


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["運転免詐証", "免許の条件寺", "公安委員会"], T.DRIVERS_LICENSE),  # 許→詐, 等→寺
        (["健康保検被保険者証", "保険者番号 01130012"], T.HEALTH_INSURANCE_CARD),
        (["住民栗の写し", "世帯主 山田 太郎"], T.RESIDENCE_CERTIFICATE),
        (["全部事項証明書（戸藉）", "戸籍に記録されている看"], T.FAMILY_REGISTER),
        (["PASSP0RT", "SURNAME", "GIVEN NAME"], T.PASSPORT),
    ],
)
def test_ocr_errors_are_tolerated(lines: list[str], expected: T) -> None:
    assert classify_text(lines).document_type is expected


def test_nothing_known_is_unknown() -> None:
    result = classify_text(["お知らせ", "本日は晴天なり"])
    assert result.document_type is T.UNKNOWN


def test_empty_page_is_unknown() -> None:
    assert classify_text([]).document_type is T.UNKNOWN


def test_clear_title_gives_higher_confidence_than_weak_evidence() -> None:
    strong = classify_text(["運転免許証", "免許の条件等", "東京都公安委員会"])
    weak = classify_text(["免許の条件", "まで有効"])
    assert strong.confidence > weak.confidence


def test_register_and_registered_matters_are_told_apart() -> None:
    register = score_text(fold("全部事項証明書戸籍に記録されている者"))
    matters = score_text(fold("登記事項証明書成年被後見人"))
    assert register[T.FAMILY_REGISTER] > register[T.REGISTERED_MATTERS_CERTIFICATE]
    assert matters[T.REGISTERED_MATTERS_CERTIFICATE] > matters[T.FAMILY_REGISTER]
