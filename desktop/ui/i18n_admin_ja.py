"""Japanese translations of the administration, dashboard and statistics screens.

{(context, English source): Japanese}; ``resources/i18n/fill_ts.py`` merges this table into
``honnin_ja.ts`` after ``pyside6-lupdate``. Contexts are the Qt class names (``self.tr``).
"""

from __future__ import annotations

TRANSLATIONS: dict[tuple[str, str], str] = {
    # --- admin_users.py ------------------------------------------------------------------
    ("AddUserDialog", "Add a user"): "ユーザーの追加",
    ("AddUserDialog", "Operator"): "担当者",
    ("AddUserDialog", "Supervisor"): "承認者",
    ("AddUserDialog", "Administrator"): "管理者",
    ("AddUserDialog", "User name"): "ユーザー名",
    ("AddUserDialog", "Role"): "役割",
    ("PasswordDialog", "New password for %1"): "%1 の新しいパスワード",
    ("PasswordDialog", "New password"): "新しいパスワード",
    ("PasswordDialog", "Repeat it"): "もう一度入力",
    ("PasswordDialog", "The two passwords differ."): "二つのパスワードが一致しません。",
    ("AdminUsersWidget", "User"): "ユーザー",
    ("AdminUsersWidget", "Role"): "役割",
    ("AdminUsersWidget", "State"): "状態",
    ("AdminUsersWidget", "Add user…"): "ユーザーを追加…",
    ("AdminUsersWidget", "Disable"): "無効にする",
    ("AdminUsersWidget", "Enable…"): "有効にする…",
    ("AdminUsersWidget", "Reset password…"): "パスワードを再設定…",
    ("AdminUsersWidget", "Only an administrator manages users."): (
        "ユーザーの管理は管理者のみが行えます。"
    ),
    ("AdminUsersWidget", "Operator"): "担当者",
    ("AdminUsersWidget", "Supervisor"): "承認者",
    ("AdminUsersWidget", "Administrator"): "管理者",
    ("AdminUsersWidget", "Active"): "有効",
    ("AdminUsersWidget", "Disabled"): "無効",
    ("AdminUsersWidget", "Saved."): "保存しました。",
    # --- admin_recovery.py ---------------------------------------------------------------
    ("AdminRecoveryDialog", "Recover with the recovery key"): "復旧キーによる復旧",
    (
        "AdminRecoveryDialog",
        "Type the recovery key, then the administrator's name and new password.",
    ): "復旧キーを入力し、管理者のユーザー名と新しいパスワードを入力してください。",
    ("AdminRecoveryDialog", "Recovery key"): "復旧キー",
    ("AdminRecoveryDialog", "Administrator"): "管理者",
    ("AdminRecoveryDialog", "New password"): "新しいパスワード",
    ("AdminRecoveryDialog", "Repeat it"): "もう一度入力",
    ("AdminRecoveryDialog", "Setting the password…"): "パスワードを設定しています…",
    # --- admin_settings.py ---------------------------------------------------------------
    ("AdminSettingsWidget", "Save sender"): "差出人を保存",
    ("AdminSettingsWidget", "Company (sender of letters)"): "会社情報（書面の差出人）",
    ("AdminSettingsWidget", "Company name"): "会社名",
    ("AdminSettingsWidget", "Address"): "所在地",
    ("AdminSettingsWidget", "Contact"): "お問い合わせ先",
    ("AdminSettingsWidget", "Policy file…"): "ポリシーファイル…",
    ("AdminSettingsWidget", "Put this policy in force"): "このポリシーを適用",
    ("AdminSettingsWidget", "Verification policy"): "本人確認ポリシー",
    ("AdminSettingsWidget", "Save retention"): "保存期間を保存",
    ("AdminSettingsWidget", "Retention after closing (where the policy sets none)"): (
        "完了後の保存期間（ポリシーに定めがない場合）"
    ),
    ("AdminSettingsWidget", "Identity documents (days)"): "本人確認書類（日）",
    ("AdminSettingsWidget", "Request forms (days)"): "請求書（日）",
    ("AdminSettingsWidget", "Choose…"): "選択…",
    ("AdminSettingsWidget", "Save lock and folder"): "ロックとフォルダーを保存",
    ("AdminSettingsWidget", "Workstation"): "端末",
    ("AdminSettingsWidget", "Lock after idle (minutes)"): "無操作時の自動ロック（分）",
    ("AdminSettingsWidget", "Scanner hot folder"): "スキャナーの監視フォルダー",
    ("AdminSettingsWidget", "In force: %1"): "適用中: %1",
    ("AdminSettingsWidget", "Only an administrator changes settings."): (
        "設定の変更は管理者のみが行えます。"
    ),
    ("AdminSettingsWidget", "Choose a policy file"): "ポリシーファイルの選択",
    ("AdminSettingsWidget", "Policy files (*.toml)"): "ポリシーファイル (*.toml)",
    ("AdminSettingsWidget", "Choose the scanner's hot folder"): (
        "スキャナーの監視フォルダーの選択"
    ),
    ("AdminSettingsWidget", "Saved."): "保存しました。",
    ("PolicyChecklist", "Principal's ID: one of %1"): "ご本人の本人確認書類: %1 のいずれか1点",
    ("PolicyChecklist", "Principal's ID: one photo document, or %2 different documents of %1"): (
        "ご本人の本人確認書類: 顔写真付きの書類1点、または %1 のうち異なる種類の書類 %2 点"
    ),
    ("PolicyChecklist", "Representative's own ID: one of %1"): (
        "法定代理人ご自身の本人確認書類: %1 のいずれか1点"
    ),
    (
        "PolicyChecklist",
        "Representative's own ID: one photo document, or %2 different documents of %1",
    ): "法定代理人ご自身の本人確認書類: 顔写真付き書類1点、または %1 のうち異なる種類の %2 点",
    ("PolicyChecklist", "Representative's own ID: not asked for"): (
        "法定代理人ご自身の本人確認書類: 求めない"
    ),
    ("PolicyChecklist", "Parent of a minor proves authority with: %1"): (
        "未成年者の親権者の代理権確認書類: %1"
    ),
    ("PolicyChecklist", "Guardian of an adult ward proves authority with: %1"): (
        "成年後見人の代理権確認書類: %1"
    ),
    ("PolicyChecklist", "Appointed agent's own ID: one of %1"): (
        "任意代理人ご自身の本人確認書類: %1 のいずれか1点"
    ),
    (
        "PolicyChecklist",
        "Appointed agent's own ID: one photo document, or %2 different documents of %1",
    ): "任意代理人ご自身の本人確認書類: 顔写真付き書類1点、または %1 のうち異なる種類の %2 点",
    ("PolicyChecklist", "Appointed agent's own ID: not asked for"): (
        "任意代理人ご自身の本人確認書類: 求めない"
    ),
    ("PolicyChecklist", "Appointed agent: a power of attorney"): "任意代理人: 委任状",
    ("PolicyChecklist", "Certificates without expiry: issued at most %2 months before receipt"): (
        "有効期限のない証明書: 受付日前 %2 か月以内に発行されたもの"
    ),
    ("PolicyChecklist", "Deadline: %2 business days after the complete documents arrive"): (
        "回答期限: 書類がすべて届いてから %2 営業日"
    ),
    ("PolicyChecklist", "Deadline: none set (answer without delay)"): (
        "回答期限: 定めなし（遅滞なく回答）"
    ),
    ("PolicyChecklist", "Copies of identity documents: destroyed right after verification"): (
        "本人確認書類の写し: 確認後ただちに廃棄"
    ),
    ("PolicyChecklist", "Refusal ground: %3"): "不開示事由: %3",
    ("PolicyChecklist", "Fee: none"): "手数料: なし",
    ("PolicyChecklist", "Fee: may be charged"): "手数料: 徴収する場合あり",
    ("PolicyChecklist", "Fee: %2 yen"): "手数料: %2 円",
    ("PolicyChecklist", "Copies of identity documents: destroyed %2 days after closing"): (
        "本人確認書類の写し: 完了後 %2 日で廃棄"
    ),
    (
        "PolicyChecklist",
        "Copies of identity documents: destroyed after the store's retention period",
    ): "本人確認書類の写し: 設定された保存期間の経過後に廃棄",
    ("PolicyChecklist", " (product default)"): "（製品の既定値）",
    # --- admin_audit.py ------------------------------------------------------------------
    ("AdminAuditWidget", "Verify the audit chain"): "監査ログを検証",
    ("AdminAuditWidget", "Not verified yet."): "まだ検証していません。",
    ("AdminAuditWidget", "Export CSV for an auditor…"): "監査用にCSVを書き出す…",
    ("AdminAuditWidget", "Audit chain"): "監査ログ",
    ("AdminAuditWidget", "Show what is due"): "廃棄対象を表示",
    ("AdminAuditWidget", "Dispose of due documents"): "廃棄対象の書類を廃棄",
    ("AdminAuditWidget", "Document"): "書類",
    ("AdminAuditWidget", "Case"): "案件",
    ("AdminAuditWidget", "Type"): "種類",
    ("AdminAuditWidget", "Rule"): "廃棄の根拠",
    ("AdminAuditWidget", "Disposed by"): "廃棄者",
    ("AdminAuditWidget", "Disposed at"): "廃棄日時",
    ("AdminAuditWidget", "Disposal of identity-document images"): "本人確認書類の画像の廃棄",
    ("AdminAuditWidget", "Verifying…"): "検証中…",
    ("AdminAuditWidget", "Exporting…"): "書き出し中…",
    ("AdminAuditWidget", "Disposing…"): "廃棄中…",
    ("AdminAuditWidget", "Intact: %1 events, every link verified."): (
        "改ざんなし: %1 件の記録をすべて検証しました。"
    ),
    ("AdminAuditWidget", "BROKEN: the first broken link is event %1 (of %2 events)."): (
        "改ざんあり: 最初に不整合のある記録は %1 番です（全 %2 件）。"
    ),
    ("AdminAuditWidget", "%1 events written to %2."): "%1 件の記録を %2 に書き出しました。",
    ("AdminAuditWidget", "After the decision"): "判定後",
    ("AdminAuditWidget", "Retention period passed"): "保存期間の経過",
    ("AdminAuditWidget", "%1 document image(s) are due for disposal."): (
        "廃棄対象の書類画像は %1 件です。"
    ),
    (
        "AdminAuditWidget",
        "%1 image(s) destroyed; the record of each document and its audit event are kept.",
    ): "%1 件の画像を廃棄しました。各書類の記録と監査ログは残っています。",
    ("AdminAuditWidget", "Export the audit chain"): "監査ログの書き出し",
    ("AdminAuditWidget", "CSV files (*.csv)"): "CSVファイル (*.csv)",
    # --- dashboard.py --------------------------------------------------------------------
    ("DashboardWidget", "Cases by state"): "状態別の案件数",
    ("DashboardWidget", "Open cases by deadline"): "回答期限別の未完了案件",
    ("DashboardWidget", "Overdue"): "期限超過",
    ("DashboardWidget", "Due this week"): "今週期限",
    ("DashboardWidget", "Due next week"): "来週期限",
    ("DashboardWidget", "Due later"): "再来週以降",
    ("DashboardWidget", "No deadline"): "期限なし",
    ("DashboardWidget", "Refresh"): "更新",
    ("DashboardWidget", "As of %1"): "%1 時点",
    # --- statistics_view.py --------------------------------------------------------------
    ("MonthlyBarChart", "No figures yet."): "まだ集計していません。",
    ("StatisticsView", "Calendar year"): "暦年",
    ("StatisticsView", "Fiscal year (April to March)"): "年度（4月〜翌3月）",
    ("StatisticsView", "From … to …"): "期間を指定",
    ("StatisticsView", "Count"): "集計",
    ("StatisticsView", "Export CSV…"): "CSVを書き出す…",
    ("StatisticsView", "Figure"): "項目",
    ("StatisticsView", "Value"): "値",
    ("StatisticsView", "Period"): "期間",
    ("StatisticsView", "Counting…"): "集計中…",
    ("StatisticsView", "Item"): "項目",
    ("StatisticsView", "Key"): "区分",
    ("StatisticsView", "Requests received"): "受付件数",
    ("StatisticsView", "By request type"): "請求の種類別",
    ("StatisticsView", "By month"): "月別",
    ("StatisticsView", "Answered"): "回答済み件数",
    ("StatisticsView", "Median days to answer"): "回答までの日数（中央値）",
    ("StatisticsView", "Longest days to answer"): "回答までの日数（最長）",
    ("StatisticsView", "Calendar days"): "暦日",
    ("StatisticsView", "Business days"): "営業日",
    ("StatisticsView", "Returned for more documents"): "書類の追加を求めた件数",
    ("StatisticsView", "Rejected"): "お断りした件数",
    ("StatisticsView", "Not answered yet"): "未回答の件数",
    ("StatisticsView", "Counting… %1 cases"): "集計中… %1 件",
    ("StatisticsView", "%1 days"): "%1 日",
    ("StatisticsView", "%1 requests counted."): "%1 件を集計しました。",
    ("StatisticsView", "Written to %1."): "%1 に書き出しました。",
    ("StatisticsView", "Export the statistics"): "統計の書き出し",
    ("StatisticsView", "CSV files (*.csv)"): "CSVファイル (*.csv)",
}
