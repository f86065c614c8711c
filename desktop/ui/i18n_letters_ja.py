"""Japanese strings of the letters panel and template editor: {(context, English): Japanese}.

``resources/i18n/fill_ts.py`` merges this table into ``honnin_ja.ts`` after ``pyside6-lupdate``;
contexts are the Qt class names (``self.tr``).
"""

from __future__ import annotations

_PANEL = {
    "Letter": "書面",
    "Written": "作成日時",
    "By": "作成者",
    "Delivery": "送付",
    "Write letter": "書面を作成",
    "Save PDF…": "PDFを保存…",
    "Record delivery…": "送付を記録…",
    "Save letter as PDF": "書面をPDFで保存",
    "PDF files (*.pdf)": "PDFファイル (*.pdf)",
    "Writing the letter…": "書面を作成しています…",
    "The letter was written and stored.": "書面を作成し、保存しました。",
    "Saved: %1": "保存しました：%1",
    "The delivery was recorded.": "送付を記録しました。",
    "Not recorded": "未記録",
    "Post": "郵送",
    "Email attachment": "電子メール添付",
    "%1 on %2 (%3)": "%1（%2、%3）",
    "No letter fits the case's status now.": "現在の案件の状態で作成できる書面はありません。",
}

_DELIVERY = {
    "Record delivery": "送付の記録",
    "Post": "郵送",
    "Email attachment": "電子メール添付",
    "Sent by": "送付方法",
    "Sent on": "送付日",
}

_EDITOR = {
    "Letter templates": "書面のひな形",
    "Letter": "書面",
    "Placeholders": "差し込み項目",
    "Double-click to insert at the cursor.": "ダブルクリックでカーソル位置に挿入します。",
    "Save": "保存",
    "Discard changes": "変更を破棄",
    "Reset to built-in": "標準に戻す",
    "Close": "閉じる",
    "First line: the title. # starts a note, > aligns right, ^ centres; {{ }} braces.": (
        "1行目は件名です。#で始まる行は注記、>は右寄せ、^は中央寄せ。{{ }}で波かっこを表示します。"
    ),
    "Edited": "編集済み",
    "Built-in": "標準",
    "Saved.": "保存しました。",
    "The template is valid.": "ひな形に問題はありません。",
    "case number": "受付番号",
    "date of the letter": "書面の日付",
    "date the request was received": "請求の受付日",
    "what was requested": "請求の内容",
    "documents still needed, one per line": "不足している書類（1行に1件）",
    "the supervisor's words on returning the case": "差し戻し時の担当者のコメント",
    "refusal ground (policy's wording)": "不開示等の根拠（ポリシーの文言）",
    "reason for the refusal, as the supervisor wrote it": "理由の説明（担当者の記載）",
    "response due date": "回答期限",
    "requester's name with the honorific": "請求者の氏名（様付き）",
    "company name (settings)": "会社名（設定）",
    "company address (settings)": "会社の所在地（設定）",
    "contact (settings)": "連絡先（設定）",
}

TRANSLATIONS: dict[tuple[str, str], str] = {
    **{("LettersPanel", k): v for k, v in _PANEL.items()},
    **{("DeliveryDialog", k): v for k, v in _DELIVERY.items()},
    **{("TemplateEditorDialog", k): v for k, v in _EDITOR.items()},
}
