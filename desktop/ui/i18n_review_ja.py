"""Japanese translations of the review queue and review screen, {(context, English): Japanese}.

``resources/i18n/fill_ts.py`` merges this table into ``honnin_ja.ts`` after ``pyside6-lupdate``;
contexts are the Qt class names (``self.tr``) and the models' ``QT_TRANSLATE_NOOP`` contexts.
"""

from __future__ import annotations

TRANSLATIONS: dict[tuple[str, str], str] = {
    # --- review_queue.py: the table -----------------------------------------------------
    ("ReviewQueueModel", "Case no."): "受付番号",
    ("ReviewQueueModel", "Received"): "受付日",
    ("ReviewQueueModel", "Principal"): "本人氏名",
    ("ReviewQueueModel", "Request"): "請求内容",
    ("ReviewQueueModel", "Prepared by"): "作成者",
    ("ReviewQueueModel", "Policy verdict"): "ポリシーの判定",
    ("ReviewQueueModel", "Due"): "回答期限",
    ("ReviewQueueModel", "Business days left"): "残り営業日",
    ("ReviewQueueModel", "Overdue by %n business day(s)"): "期限を %n 営業日過ぎています",
    ("ReviewQueueModel", "Due in %n business day(s)"): "期限まであと %n 営業日",
    # --- review_queue.py: the view ------------------------------------------------------
    ("ReviewQueueView", "Refresh"): "最新の情報に更新",
    ("ReviewQueueView", "Open review"): "審査画面を開く",
    ("ReviewQueueView", "Waiting for review: %1"): "審査待ち：%1 件",
    ("ReviewQueueView", "Overdue: %1"): "期限超過：%1 件",
    ("ReviewQueueView", "Due within %1 business days: %2"): "%1 営業日以内に期限：%2 件",
    # --- review_case.py -------------------------------------------------------------------
    ("ReviewCaseWidget", "No."): "番号",
    ("ReviewCaseWidget", "Document"): "書類",
    ("ReviewCaseWidget", "Whose"): "名義",
    ("ReviewCaseWidget", "Added by"): "登録者",
    ("ReviewCaseWidget", "Added at"): "登録日時",
    ("ReviewCaseWidget", "Choose a page."): "ページを選んでください。",
    ("ReviewCaseWidget", "Time"): "日時",
    ("ReviewCaseWidget", "Who"): "操作者",
    ("ReviewCaseWidget", "Action"): "操作",
    ("ReviewCaseWidget", "Status change"): "状態の変化",
    ("ReviewCaseWidget", "Details"): "詳細",
    ("ReviewCaseWidget", "Checklist"): "チェックリスト",
    ("ReviewCaseWidget", "Audit trail"): "操作履歴",
    ("ReviewCaseWidget", "Approve"): "承認",
    ("ReviewCaseWidget", "Return for documents"): "差し戻し（書類の追加依頼）",
    ("ReviewCaseWidget", "Reject"): "却下",
    ("ReviewCaseWidget", "Review of case %1 — %2"): "案件 %1 の審査 — %2",
    ("ReviewCaseWidget", "Received"): "受付日",
    ("ReviewCaseWidget", "Request"): "請求内容",
    ("ReviewCaseWidget", "Requester"): "請求者",
    ("ReviewCaseWidget", "Principal"): "本人",
    ("ReviewCaseWidget", "Representative"): "代理人",
    ("ReviewCaseWidget", "Channel"): "受付方法",
    ("ReviewCaseWidget", "Prepared by"): "作成者",
    ("ReviewCaseWidget", "Overdue by %n business day(s)"): "期限を %n 営業日過ぎています",
    ("ReviewCaseWidget", "%n business day(s) left"): "残り %n 営業日",
    ("ReviewCaseWidget", "Deadline"): "回答期限",
    ("ReviewCaseWidget", "Decision note"): "判断の記録",
    ("ReviewCaseWidget", "(image disposed of)"): "（画像は廃棄済み）",
    ("ReviewCaseWidget", "No. %1 %2 (%3)"): "%1番 %2（%3）",
    ("ReviewCaseWidget", "The principal's identity"): "ご本人の本人確認",
    ("ReviewCaseWidget", "The representative's identity"): "代理人の本人確認",
    ("ReviewCaseWidget", "The legal representative's authority"): "法定代理権の確認",
    ("ReviewCaseWidget", "The power of attorney"): "委任状",
    ("ReviewCaseWidget", "satisfied by %1"): "確認書類：%1",
    ("ReviewCaseWidget", "not satisfied"): "未充足",
    ("ReviewCaseWidget", "The case has not been weighed against the policy."): (
        "この案件はまだポリシーで判定されていません。"
    ),
    ("ReviewCaseWidget", "Policy: %1"): "ポリシー：%1",
    ("ReviewCaseWidget", "Due: %1"): "回答期限：%1",
    ("ReviewCaseWidget", "Rules of the policy"): "ポリシーの要件",
    ("ReviewCaseWidget", "Why it is not verified"): "本人確認ができていない理由",
    ("ReviewCaseWidget", "page %1"): "書類 %1",
    ("ReviewCaseWidget", "Opened the case"): "案件を登録",
    ("ReviewCaseWidget", "Edited the case"): "案件を修正",
    ("ReviewCaseWidget", "Added a page"): "書類を追加",
    ("ReviewCaseWidget", "Viewed a page"): "書類を閲覧",
    ("ReviewCaseWidget", "Weighed against the policy"): "ポリシーで判定",
    ("ReviewCaseWidget", "Submitted for review"): "審査に回付",
    ("ReviewCaseWidget", "Approved"): "承認",
    ("ReviewCaseWidget", "Returned for documents"): "差し戻し",
    ("ReviewCaseWidget", "Rejected"): "却下",
    ("ReviewCaseWidget", "Closed"): "完了",
    ("ReviewCaseWidget", "Drafted a letter"): "書面を作成",
    ("ReviewCaseWidget", "Recorded a response"): "回答の送付を記録",
    ("ReviewCaseWidget", "Disposed of images"): "画像を廃棄",
    ("ReviewCaseWidget", "Approve (not by the preparer)"): "承認（作成者以外）",
    (
        "ReviewCaseWidget",
        "You prepared this case, so you cannot approve it: another supervisor must "
        "(four-eyes principle).",
    ): (
        "この案件はあなたが作成したため、あなたは承認できません。"
        "別の審査者が承認してください（ダブルチェック）。"
    ),
    ("ReviewCaseWidget", "The case is no longer in review (%1)."): (
        "この案件は審査中ではありません（%1）。"
    ),
    ("ReviewCaseWidget", "Only supervisors can approve cases."): "承認できるのは審査者だけです。",
    ("ReviewCaseWidget", "Not decided: %1"): "判断を記録できませんでした：%1",
    ("ReviewCaseWidget", "The decision is stored, but the letter was not drafted: %1"): (
        "判断は記録しましたが、書面を作成できませんでした：%1"
    ),
    # --- decision_dialogs.py ----------------------------------------------------------------
    ("ApproveDialog", "Approve %1"): "案件 %1 の承認",
    ("ApproveDialog", "Approve"): "承認",
    ("ApproveDialog", "Identity verified: the response to the request may be prepared."): (
        "本人確認済みとします。ご請求への回答の準備に進めます。"
    ),
    (
        "ApproveDialog",
        "The policy's verdict is not 'verified'. I have checked the evidence and approve "
        "against it.",
    ): (
        "ポリシーの判定は「本人確認済み」ではありません。"
        "書類を確認したうえで、判定と異なる承認をします。"
    ),
    ("ApproveDialog", "Approving against the policy's verdict is recorded in the audit trail."): (
        "ポリシーの判定と異なる承認は、操作履歴に記録されます。"
    ),
    ("ApproveDialog", "Note (optional):"): "メモ（任意）：",
    ("ReturnDialog", "Return %1 for more documents"): "案件 %1 の差し戻し（書類の追加依頼）",
    ("ReturnDialog", "Return and draft the letter"): "差し戻して依頼書を作成",
    (
        "ReturnDialog",
        "Tick what the requester must send. The letter asking for it is drafted in Japanese.",
    ): "請求者に送っていただく書類にチェックを付けてください。依頼書が作成されます。",
    ("ReturnDialog", "The policy names nothing missing: write what is needed."): (
        "ポリシー上の不足はありません。必要なものを記入してください。"
    ),
    ("ReturnDialog", "Other items or remarks (printed in the letter):"): (
        "その他の書類・連絡事項（依頼書に記載されます）："
    ),
    ("RejectDialog", "Reject %1"): "案件 %1 の却下",
    ("RejectDialog", "Reject and draft the letter"): "却下して通知書を作成",
    ("RejectDialog", "Ground (from the policy):"): "理由の区分（ポリシーから選択）：",
    ("RejectDialog", "Reason (required):"): "理由（必須）：",
}
