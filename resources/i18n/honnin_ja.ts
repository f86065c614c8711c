<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
    <context>
        <name>AddUserDialog</name>
        <message>
            <source>Add a user</source>
            <translation>ユーザーの追加</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>承認者</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>管理者</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>ユーザー名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>役割</translation>
        </message>
    </context>
    <context>
        <name>AdminAuditWidget</name>
        <message>
            <source>Verify the audit chain</source>
            <translation>監査ログを検証</translation>
        </message>
        <message>
            <source>Not verified yet.</source>
            <translation>まだ検証していません。</translation>
        </message>
        <message>
            <source>Export CSV for an auditor…</source>
            <translation>監査用にCSVを書き出す…</translation>
        </message>
        <message>
            <source>Audit chain</source>
            <translation>監査ログ</translation>
        </message>
        <message>
            <source>Show what is due</source>
            <translation>廃棄対象を表示</translation>
        </message>
        <message>
            <source>Dispose of due documents</source>
            <translation>廃棄対象の書類を廃棄</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>書類</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>種類</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>廃棄の根拠</translation>
        </message>
        <message>
            <source>Disposed by</source>
            <translation>廃棄者</translation>
        </message>
        <message>
            <source>Disposed at</source>
            <translation>廃棄日時</translation>
        </message>
        <message>
            <source>Disposal of identity-document images</source>
            <translation>本人確認書類の画像の廃棄</translation>
        </message>
        <message>
            <source>Verifying…</source>
            <translation>検証中…</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>書き出し中…</translation>
        </message>
        <message>
            <source>Disposing…</source>
            <translation>廃棄中…</translation>
        </message>
        <message>
            <source>Intact: %1 events, every link verified.</source>
            <translation>改ざんなし: %1 件の記録をすべて検証しました。</translation>
        </message>
        <message>
            <source>BROKEN: the first broken link is event %1 (of %2 events).</source>
            <translation>改ざんあり: 最初に不整合のある記録は %1 番です（全 %2 件）。</translation>
        </message>
        <message>
            <source>%1 events written to %2.</source>
            <translation>%1 件の記録を %2 に書き出しました。</translation>
        </message>
        <message>
            <source>After the decision</source>
            <translation>判定後</translation>
        </message>
        <message>
            <source>Retention period passed</source>
            <translation>保存期間の経過</translation>
        </message>
        <message>
            <source>%1 document image(s) are due for disposal.</source>
            <translation>廃棄対象の書類画像は %1 件です。</translation>
        </message>
        <message>
            <source>%1 image(s) destroyed; the record of each document and its audit event are kept.</source>
            <translation>%1 件の画像を廃棄しました。各書類の記録と監査ログは残っています。</translation>
        </message>
        <message>
            <source>Export the audit chain</source>
            <translation>監査ログの書き出し</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSVファイル (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>AdminRecoveryDialog</name>
        <message>
            <source>Recover with the recovery key</source>
            <translation>復旧キーによる復旧</translation>
        </message>
        <message>
            <source>Type the recovery key, then the administrator's name and new password.</source>
            <translation>復旧キーを入力し、管理者のユーザー名と新しいパスワードを入力してください。</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>復旧キー</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>管理者</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>新しいパスワード</translation>
        </message>
        <message>
            <source>Repeat it</source>
            <translation>もう一度入力</translation>
        </message>
        <message>
            <source>Setting the password…</source>
            <translation>パスワードを設定しています…</translation>
        </message>
    </context>
    <context>
        <name>AdminSettingsWidget</name>
        <message>
            <source>Save sender</source>
            <translation>差出人を保存</translation>
        </message>
        <message>
            <source>Company (sender of letters)</source>
            <translation>会社情報（書面の差出人）</translation>
        </message>
        <message>
            <source>Company name</source>
            <translation>会社名</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>所在地</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>お問い合わせ先</translation>
        </message>
        <message>
            <source>Policy file…</source>
            <translation>ポリシーファイル…</translation>
        </message>
        <message>
            <source>Put this policy in force</source>
            <translation>このポリシーを適用</translation>
        </message>
        <message>
            <source>Verification policy</source>
            <translation>本人確認ポリシー</translation>
        </message>
        <message>
            <source>Save retention</source>
            <translation>保存期間を保存</translation>
        </message>
        <message>
            <source>Retention after closing (where the policy sets none)</source>
            <translation>完了後の保存期間（ポリシーに定めがない場合）</translation>
        </message>
        <message>
            <source>Identity documents (days)</source>
            <translation>本人確認書類（日）</translation>
        </message>
        <message>
            <source>Request forms (days)</source>
            <translation>請求書（日）</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>選択…</translation>
        </message>
        <message>
            <source>Save lock and folder</source>
            <translation>ロックとフォルダーを保存</translation>
        </message>
        <message>
            <source>Workstation</source>
            <translation>端末</translation>
        </message>
        <message>
            <source>Lock after idle (minutes)</source>
            <translation>無操作時の自動ロック（分）</translation>
        </message>
        <message>
            <source>Scanner hot folder</source>
            <translation>スキャナーの監視フォルダー</translation>
        </message>
        <message>
            <source>In force: %1</source>
            <translation>適用中: %1</translation>
        </message>
        <message>
            <source>Only an administrator changes settings.</source>
            <translation>設定の変更は管理者のみが行えます。</translation>
        </message>
        <message>
            <source>Choose a policy file</source>
            <translation>ポリシーファイルの選択</translation>
        </message>
        <message>
            <source>Policy files (*.toml)</source>
            <translation>ポリシーファイル (*.toml)</translation>
        </message>
        <message>
            <source>Choose the scanner's hot folder</source>
            <translation>スキャナーの監視フォルダーの選択</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>保存しました。</translation>
        </message>
    </context>
    <context>
        <name>AdminUsersWidget</name>
        <message>
            <source>User</source>
            <translation>ユーザー</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>役割</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Add user…</source>
            <translation>ユーザーを追加…</translation>
        </message>
        <message>
            <source>Disable</source>
            <translation>無効にする</translation>
        </message>
        <message>
            <source>Enable…</source>
            <translation>有効にする…</translation>
        </message>
        <message>
            <source>Reset password…</source>
            <translation>パスワードを再設定…</translation>
        </message>
        <message>
            <source>Only an administrator manages users.</source>
            <translation>ユーザーの管理は管理者のみが行えます。</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>承認者</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>管理者</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>有効</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>無効</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>保存しました。</translation>
        </message>
    </context>
    <context>
        <name>AdminWizardPage</name>
        <message>
            <source>First administrator</source>
            <translation>最初の管理者</translation>
        </message>
        <message>
            <source>The administrator adds the other accounts. Choose a long password.</source>
            <translation>管理者がほかの担当者のアカウントを追加します。長めのパスワードを設定してください。</translation>
        </message>
        <message>
            <source>Account name</source>
            <translation>アカウント名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>パスワード</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>パスワード (確認)</translation>
        </message>
        <message>
            <source>The account name must be 1 to 64 characters without spaces at the ends.</source>
            <translation>アカウント名は 1〜64 文字で、前後に空白を入れないでください。</translation>
        </message>
        <message numerus="yes">
            <source>The password needs at least %n characters.</source>
            <translation>
                <numerusform>パスワードは %n 文字以上にしてください。</numerusform>
            </translation>
        </message>
        <message>
            <source>The two passwords differ.</source>
            <translation>2 つのパスワードが一致しません。</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>Honnin Desk</source>
            <translation>本人確認デスク</translation>
        </message>
        <message>
            <source>An unexpected error occurred (%1). Nothing unsaved was written.</source>
            <translation>予期しないエラーが発生しました (%1)。保存前のデータは書き込まれていません。</translation>
        </message>
        <message>
            <source>Demo accounts: %1 (operator), %2 (supervisor), %3 (administrator); password %4</source>
            <translation>デモ用アカウント: %1 (担当者)、%2 (承認者)、%3 (管理者)。パスワード: %4</translation>
        </message>
    </context>
    <context>
        <name>ApproveDialog</name>
        <message>
            <source>Approve %1</source>
            <translation>案件 %1 の承認</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>承認</translation>
        </message>
        <message>
            <source>Identity verified: the response to the request may be prepared.</source>
            <translation>本人確認済みとします。ご請求への回答の準備に進めます。</translation>
        </message>
        <message>
            <source>The policy's verdict is not 'verified'. I have checked the evidence and approve against it.</source>
            <translation>ポリシーの判定は「本人確認済み」ではありません。書類を確認したうえで、判定と異なる承認をします。</translation>
        </message>
        <message>
            <source>Approving against the policy's verdict is recorded in the audit trail.</source>
            <translation>ポリシーの判定と異なる承認は、操作履歴に記録されます。</translation>
        </message>
        <message>
            <source>Note (optional):</source>
            <translation>メモ（任意）：</translation>
        </message>
    </context>
    <context>
        <name>CaseTableModel</name>
        <message>
            <source>Case no.</source>
            <translation>受付番号</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受付日</translation>
        </message>
        <message>
            <source>Requester</source>
            <translation>請求者</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>請求内容</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>回答期限</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>担当者</translation>
        </message>
        <message numerus="yes">
            <source>Overdue by %n day(s)</source>
            <translation>
                <numerusform>期限を %n 日過ぎています</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Due in %n day(s)</source>
            <translation>
                <numerusform>期限まであと %n 日</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseWidget</name>
        <message>
            <source>Not submitted</source>
            <translation>回付できませんでした</translation>
        </message>
        <message>
            <source>This case was submitted.</source>
            <translation>この案件は審査に回付済みです。</translation>
        </message>
        <message>
            <source>Review or discard every new page first.</source>
            <translation>新しいページをすべて確認して保存するか、破棄してください。</translation>
        </message>
        <message>
            <source>Add at least one page first.</source>
            <translation>書類を1ページ以上取り込んでください。</translation>
        </message>
        <message>
            <source>Look at every page first (%1 not viewed yet).</source>
            <translation>すべてのページを確認してください（未確認 %1 ページ）。</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受付日</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>受付方法</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>請求内容</translation>
        </message>
        <message>
            <source>Requester</source>
            <translation>請求者</translation>
        </message>
        <message>
            <source>Principal</source>
            <translation>ご本人</translation>
        </message>
        <message>
            <source>Representative</source>
            <translation>代理人</translation>
        </message>
    </context>
    <context>
        <name>ChecklistPanel</name>
        <message>
            <source>Checklist</source>
            <translation>チェックリスト</translation>
        </message>
        <message>
            <source>Submit for review</source>
            <translation>審査に回付</translation>
        </message>
        <message>
            <source>No checklist: %1</source>
            <translation>チェックリストを表示できません：%1</translation>
        </message>
        <message>
            <source>The principal's identity is proven.</source>
            <translation>ご本人の本人確認書類がそろっています。</translation>
        </message>
        <message>
            <source>The representative's identity is proven.</source>
            <translation>代理人ご自身の本人確認書類がそろっています。</translation>
        </message>
        <message>
            <source>The legal representative's authority is proven.</source>
            <translation>法定代理権を確認できる書類がそろっています。</translation>
        </message>
        <message>
            <source>The power of attorney is there.</source>
            <translation>委任状がそろっています。</translation>
        </message>
        <message>
            <source>Policy: %1</source>
            <translation>ポリシー：%1</translation>
        </message>
        <message>
            <source>Due: %1 (%2 business days left)</source>
            <translation>回答期限：%1（あと%2営業日）</translation>
        </message>
        <message>
            <source>Due: %1 (overdue)</source>
            <translation>回答期限：%1（期限切れ）</translation>
        </message>
        <message>
            <source>Due date: counted from the day every document is in.</source>
            <translation>回答期限：必要書類がそろった日から数えます。</translation>
        </message>
        <message>
            <source>Due date: without delay (the policy sets no period).</source>
            <translation>回答期限：遅滞なく（ポリシーに日数の定めはありません）。</translation>
        </message>
        <message>
            <source>Satisfied</source>
            <translation>そろっているもの</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>足りないもの</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>食い違い・不備</translation>
        </message>
        <message>
            <source>None</source>
            <translation>なし</translation>
        </message>
    </context>
    <context>
        <name>DashboardWidget</name>
        <message>
            <source>Cases by state</source>
            <translation>状態別の案件数</translation>
        </message>
        <message>
            <source>Open cases by deadline</source>
            <translation>回答期限別の未完了案件</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>期限超過</translation>
        </message>
        <message>
            <source>Due this week</source>
            <translation>今週期限</translation>
        </message>
        <message>
            <source>Due next week</source>
            <translation>来週期限</translation>
        </message>
        <message>
            <source>Due later</source>
            <translation>再来週以降</translation>
        </message>
        <message>
            <source>No deadline</source>
            <translation>期限なし</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>As of %1</source>
            <translation>%1 時点</translation>
        </message>
    </context>
    <context>
        <name>DeliveryDialog</name>
        <message>
            <source>Record delivery</source>
            <translation>送付の記録</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>郵送</translation>
        </message>
        <message>
            <source>Email attachment</source>
            <translation>電子メール添付</translation>
        </message>
        <message>
            <source>Sent by</source>
            <translation>送付方法</translation>
        </message>
        <message>
            <source>Sent on</source>
            <translation>送付日</translation>
        </message>
    </context>
    <context>
        <name>DocumentsPanel</name>
        <message>
            <source>Import files…</source>
            <translation>ファイルを取り込む…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>中止</translation>
        </message>
        <message>
            <source>Drop scans here, or import them.</source>
            <translation>スキャン画像をここにドロップするか、取り込んでください。</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>書類</translation>
        </message>
        <message>
            <source>Cancelling after the current page…</source>
            <translation>このページの解析が終わりしだい中止します…</translation>
        </message>
        <message>
            <source>Page stored (masked).</source>
            <translation>マスクしたページを保存しました。</translation>
        </message>
        <message>
            <source>Import scans</source>
            <translation>スキャン画像の取り込み</translation>
        </message>
        <message>
            <source>Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)</source>
            <translation>画像と PDF (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)</translation>
        </message>
        <message>
            <source>Analysing %1…</source>
            <translation>%1 を解析しています…</translation>
        </message>
        <message>
            <source>Pages ready to review: %1</source>
            <translation>確認待ちのページ：%1</translation>
        </message>
        <message>
            <source>Analysis cancelled.</source>
            <translation>解析を中止しました。</translation>
        </message>
        <message>
            <source>Could not read the file: %1</source>
            <translation>ファイルを読み取れませんでした：%1</translation>
        </message>
        <message>
            <source>Could not remove the scanner's file: %1</source>
            <translation>スキャナーのファイルを削除できませんでした：%1</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <source>Honnin Desk: first start</source>
            <translation>本人確認デスク: 初期設定</translation>
        </message>
        <message>
            <source>Creating the encrypted store…</source>
            <translation>暗号化された保管庫を作成しています…</translation>
        </message>
        <message>
            <source>The store could not be created: %1</source>
            <translation>保管庫を作成できませんでした：%1</translation>
        </message>
    </context>
    <context>
        <name>IntakeDialog</name>
        <message>
            <source>New request</source>
            <translation>新しい請求の受付</translation>
        </message>
        <message>
            <source>Principal (the person the data is about)</source>
            <translation>ご本人（個人データの本人）</translation>
        </message>
        <message>
            <source>Representative (who makes the request)</source>
            <translation>代理人（請求する人）</translation>
        </message>
        <message>
            <source>Received on</source>
            <translation>受付日</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>受付方法</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>請求内容</translation>
        </message>
        <message>
            <source>Requester</source>
            <translation>請求者</translation>
        </message>
        <message>
            <source>Open case</source>
            <translation>案件を作成</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>キャンセル</translation>
        </message>
        <message>
            <source>The date received is in the future.</source>
            <translation>受付日が未来の日付です。</translation>
        </message>
        <message>
            <source>Tick at least one request.</source>
            <translation>請求内容を1つ以上選んでください。</translation>
        </message>
        <message>
            <source>Enter the name.</source>
            <translation>氏名を入力してください。</translation>
        </message>
        <message>
            <source>Born after the date received?</source>
            <translation>生年月日が受付日より後になっています。</translation>
        </message>
        <message>
            <source>Enter the date.</source>
            <translation>日付を入力してください。</translation>
        </message>
        <message>
            <source>Not a date (e.g. 2026-11-20, 令和8年11月20日, R8.11.20).</source>
            <translation>日付として読めません（例：2026-11-20、令和8年11月20日、R8.11.20）。</translation>
        </message>
    </context>
    <context>
        <name>IntroWizardPage</name>
        <message>
            <source>Welcome to Honnin Desk</source>
            <translation>本人確認デスクへようこそ</translation>
        </message>
        <message>
            <source>Honnin Desk keeps the requests, the masked identity documents and the audit trail in one encrypted store on this computer. This wizard creates the store, its first administrator and the recovery key, and chooses your company's verification policy.</source>
            <translation>本人確認デスクは、請求の記録、マスキング済みの本人確認書類、監査記録を、このコンピューター上の暗号化されたデータに保管します。この初期設定では、データと最初の管理者、復旧キーを作成し、自社の本人確認方針を選びます。</translation>
        </message>
        <message>
            <source>Store folder: %1</source>
            <translation>データの保存先: %1</translation>
        </message>
    </context>
    <context>
        <name>LettersPanel</name>
        <message>
            <source>Letter</source>
            <translation>書面</translation>
        </message>
        <message>
            <source>Written</source>
            <translation>作成日時</translation>
        </message>
        <message>
            <source>By</source>
            <translation>作成者</translation>
        </message>
        <message>
            <source>Delivery</source>
            <translation>送付</translation>
        </message>
        <message>
            <source>Write letter</source>
            <translation>書面を作成</translation>
        </message>
        <message>
            <source>Save PDF…</source>
            <translation>PDFを保存…</translation>
        </message>
        <message>
            <source>Record delivery…</source>
            <translation>送付を記録…</translation>
        </message>
        <message>
            <source>Writing the letter…</source>
            <translation>書面を作成しています…</translation>
        </message>
        <message>
            <source>Save letter as PDF</source>
            <translation>書面をPDFで保存</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDFファイル (*.pdf)</translation>
        </message>
        <message>
            <source>The letter was written and stored.</source>
            <translation>書面を作成し、保存しました。</translation>
        </message>
        <message>
            <source>Saved: %1</source>
            <translation>保存しました：%1</translation>
        </message>
        <message>
            <source>The delivery was recorded.</source>
            <translation>送付を記録しました。</translation>
        </message>
        <message>
            <source>Not recorded</source>
            <translation>未記録</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>郵送</translation>
        </message>
        <message>
            <source>Email attachment</source>
            <translation>電子メール添付</translation>
        </message>
        <message>
            <source>%1 on %2 (%3)</source>
            <translation>%1（%2、%3）</translation>
        </message>
        <message>
            <source>No letter fits the case's status now.</source>
            <translation>現在の案件の状態で作成できる書面はありません。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>operator</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>supervisor</source>
            <translation>承認者</translation>
        </message>
        <message>
            <source>administrator</source>
            <translation>管理者</translation>
        </message>
        <message>
            <source>Honnin Desk</source>
            <translation>本人確認デスク</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>すべての状態</translation>
        </message>
        <message>
            <source>Everyone's cases</source>
            <translation>全員の案件</translation>
        </message>
        <message>
            <source>My cases</source>
            <translation>自分の案件</translation>
        </message>
        <message>
            <source>Search: case no. or name</source>
            <translation>検索: 受付番号または氏名</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>案件一覧</translation>
        </message>
        <message>
            <source>&amp;New request…</source>
            <translation>新規受付(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Open case</source>
            <translation>案件を開く(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>最新の情報に更新(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Lock</source>
            <translation>ロック(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Sign out</source>
            <translation>サインアウト(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>終了(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Idle lock time…</source>
            <translation>自動ロックまでの時間(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;About Honnin Desk</source>
            <translation>本人確認デスクについて(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>ファイル(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>表示(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>表示言語(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>ヘルプ(&amp;H)</translation>
        </message>
        <message>
            <source>Main</source>
            <translation>メイン</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>状態:</translation>
        </message>
        <message>
            <source>%1%2 cases</source>
            <translation>%1%2 件</translation>
        </message>
        <message>
            <source>Locked</source>
            <translation>ロック中</translation>
        </message>
        <message>
            <source>Signed in: %1 (%2)</source>
            <translation>サインイン中: %1 (%2)</translation>
        </message>
        <message>
            <source>Case %1: the case screen is being built.</source>
            <translation>案件 %1: 案件画面は準備中です。</translation>
        </message>
        <message>
            <source>%1 page(s) of this case are not saved yet and will be discarded. Close?</source>
            <translation>この案件には保存していないページが%1件あり、破棄されます。閉じますか？</translation>
        </message>
        <message>
            <source>Review queue</source>
            <translation>審査待ち</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>概況</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>統計</translation>
        </message>
        <message>
            <source>Audit and disposal</source>
            <translation>監査・廃棄</translation>
        </message>
        <message>
            <source>Administration</source>
            <translation>管理</translation>
        </message>
        <message>
            <source>The letters' wording: one template per kind of letter, with the company's name, address and contact from the settings.</source>
            <translation>書面の文面です。書面の種類ごとにひな形が一つあり、会社名・住所・連絡先は設定から入ります。</translation>
        </message>
        <message>
            <source>Edit the letter templates…</source>
            <translation>書面のひな形を編集…</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>利用者</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <source>Letter templates</source>
            <translation>書面のひな形</translation>
        </message>
        <message>
            <source>Review %1</source>
            <translation>審査 %1</translation>
        </message>
        <message>
            <source>Case %1: the letter is drafted; print or send it from the case's letters.</source>
            <translation>案件 %1：書面を作成しました。案件画面の「書面」から印刷・送付してください。</translation>
        </message>
        <message>
            <source>new request</source>
            <translation>新規受付</translation>
        </message>
        <message>
            <source>New request</source>
            <translation>新規受付</translation>
        </message>
        <message>
            <source>%1 page(s) not saved yet will be discarded: unmasked pages never stay in memory while the desk is locked. Their files stay where they were, to be imported again. Go on?</source>
            <translation>保存していないページが%1件あり、破棄されます（ロック中はマスク前の画像をメモリに残しません）。元のファイルはそのまま残るので、あとで取り込み直せます。続けますか？</translation>
        </message>
        <message>
            <source>%1 page(s) not saved were discarded when the desk locked: import them again.</source>
            <translation>ロック時に保存前のページ%1件を破棄しました。取り込み直してください。</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>表示言語</translation>
        </message>
        <message>
            <source>The language changes the next time Honnin Desk starts.</source>
            <translation>表示言語は次回の起動時に切り替わります。</translation>
        </message>
        <message>
            <source>Idle lock time</source>
            <translation>自動ロックまでの時間</translation>
        </message>
        <message>
            <source>Lock the window after this many minutes without input:</source>
            <translation>操作がないまま次の時間 (分) が過ぎたら画面をロックする:</translation>
        </message>
        <message>
            <source>About Honnin Desk</source>
            <translation>本人確認デスクについて</translation>
        </message>
        <message>
            <source>Honnin Desk %1
Identity verification desk for data-subject requests.</source>
            <translation>本人確認デスク %1
開示等の請求の本人確認を行うためのアプリケーションです。</translation>
        </message>
    </context>
    <context>
        <name>MaskEditorWidget</name>
        <message>
            <source>Add mask</source>
            <translation>マスクを追加</translation>
        </message>
        <message>
            <source>Add a mask in the middle of the view (or drag on the page)</source>
            <translation>表示の中央にマスクを追加します（ページ上をドラッグしても追加できます）</translation>
        </message>
        <message>
            <source>Kind of the selected or the next mask</source>
            <translation>選択中または次に追加するマスクの種類</translation>
        </message>
        <message>
            <source>Delete mask</source>
            <translation>マスクを削除</translation>
        </message>
        <message>
            <source>Delete the selected masks (Del)</source>
            <translation>選択したマスクを削除します（Delキー）</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>拡大</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>縮小</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>全体</translation>
        </message>
        <message>
            <source>Show the whole page</source>
            <translation>ページ全体を表示します</translation>
        </message>
        <message>
            <source>Full resolution</source>
            <translation>原寸で表示します</translation>
        </message>
        <message>
            <source>No page selected</source>
            <translation>ページが選択されていません</translation>
        </message>
        <message>
            <source>Document type</source>
            <translation>書類の種類</translation>
        </message>
        <message>
            <source>OCR confidence</source>
            <translation>読み取りの確からしさ</translation>
        </message>
        <message>
            <source>Whose document</source>
            <translation>誰の書類か</translation>
        </message>
        <message>
            <source>The page is</source>
            <translation>このページは</translation>
        </message>
        <message>
            <source>Save masked page</source>
            <translation>マスクして保存</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>破棄</translation>
        </message>
        <message>
            <source>Drop this page without storing anything</source>
            <translation>何も保存せずにこのページを破棄します</translation>
        </message>
        <message>
            <source>Drag on the page to add a mask. Drag a mask to move it, its corners to resize it, arrow keys nudge it; Del deletes it. Wheel: zoom; middle button: move the page.</source>
            <translation>ページ上をドラッグするとマスクを追加できます。マスクはドラッグまたは矢印キーで移動、四隅で大きさを変更、Delキーで削除します。ホイールで拡大・縮小、中ボタンのドラッグで表示を移動します。</translation>
        </message>
        <message>
            <source>%1, page %2</source>
            <translation>%1（%2 ページ目）</translation>
        </message>
        <message>
            <source>Stored page %1 (masked)</source>
            <translation>保存済みページ %1（マスク済み）</translation>
        </message>
        <message>
            <source>Masking and saving…</source>
            <translation>マスクを焼き込んで保存しています…</translation>
        </message>
        <message>
            <source>Saving the corrections…</source>
            <translation>訂正を保存しています…</translation>
        </message>
        <message>
            <source>Corrections saved.</source>
            <translation>訂正を保存しました。</translation>
        </message>
        <message>
            <source>%1 is not a date (e.g. 2029-07-18 or 令和11年7月18日).</source>
            <translation>%1が日付として読めません（例：2029-07-18、令和11年7月18日）。</translation>
        </message>
        <message>
            <source>The page was not stored: %1</source>
            <translation>ページは保存されませんでした：%1</translation>
        </message>
        <message>
            <source>Masks on this page: %1</source>
            <translation>このページのマスク：%1 か所</translation>
        </message>
        <message>
            <source>Save corrections</source>
            <translation>訂正を保存</translation>
        </message>
    </context>
    <context>
        <name>MonthlyBarChart</name>
        <message>
            <source>No figures yet.</source>
            <translation>まだ集計していません。</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <source>New password for %1</source>
            <translation>%1 の新しいパスワード</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>新しいパスワード</translation>
        </message>
        <message>
            <source>Repeat it</source>
            <translation>もう一度入力</translation>
        </message>
        <message>
            <source>The two passwords differ.</source>
            <translation>二つのパスワードが一致しません。</translation>
        </message>
    </context>
    <context>
        <name>PersonGroupBox</name>
        <message>
            <source>e.g. 1990-01-02 or 平成2年1月2日</source>
            <translation>例：1990-01-02、平成2年1月2日</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>氏名</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>生年月日</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>住所</translation>
        </message>
    </context>
    <context>
        <name>PolicyChecklist</name>
        <message>
            <source>Principal's ID: one of %1</source>
            <translation>ご本人の本人確認書類: %1 のいずれか1点</translation>
        </message>
        <message>
            <source>Principal's ID: one photo document, or %2 different documents of %1</source>
            <translation>ご本人の本人確認書類: 顔写真付きの書類1点、または %1 のうち異なる種類の書類 %2 点</translation>
        </message>
        <message>
            <source>Representative's own ID: one of %1</source>
            <translation>法定代理人ご自身の本人確認書類: %1 のいずれか1点</translation>
        </message>
        <message>
            <source>Representative's own ID: one photo document, or %2 different documents of %1</source>
            <translation>法定代理人ご自身の本人確認書類: 顔写真付き書類1点、または %1 のうち異なる種類の %2 点</translation>
        </message>
        <message>
            <source>Representative's own ID: not asked for</source>
            <translation>法定代理人ご自身の本人確認書類: 求めない</translation>
        </message>
        <message>
            <source>Parent of a minor proves authority with: %1</source>
            <translation>未成年者の親権者の代理権確認書類: %1</translation>
        </message>
        <message>
            <source>Guardian of an adult ward proves authority with: %1</source>
            <translation>成年後見人の代理権確認書類: %1</translation>
        </message>
        <message>
            <source>Appointed agent's own ID: one of %1</source>
            <translation>任意代理人ご自身の本人確認書類: %1 のいずれか1点</translation>
        </message>
        <message>
            <source>Appointed agent's own ID: one photo document, or %2 different documents of %1</source>
            <translation>任意代理人ご自身の本人確認書類: 顔写真付き書類1点、または %1 のうち異なる種類の %2 点</translation>
        </message>
        <message>
            <source>Appointed agent's own ID: not asked for</source>
            <translation>任意代理人ご自身の本人確認書類: 求めない</translation>
        </message>
        <message>
            <source>Appointed agent: a power of attorney</source>
            <translation>任意代理人: 委任状</translation>
        </message>
        <message>
            <source>Certificates without expiry: issued at most %2 months before receipt</source>
            <translation>有効期限のない証明書: 受付日前 %2 か月以内に発行されたもの</translation>
        </message>
        <message>
            <source>Deadline: %2 business days after the complete documents arrive</source>
            <translation>回答期限: 書類がすべて届いてから %2 営業日</translation>
        </message>
        <message>
            <source>Deadline: none set (answer without delay)</source>
            <translation>回答期限: 定めなし（遅滞なく回答）</translation>
        </message>
        <message>
            <source>Copies of identity documents: destroyed right after verification</source>
            <translation>本人確認書類の写し: 確認後ただちに廃棄</translation>
        </message>
        <message>
            <source>Refusal ground: %3</source>
            <translation>不開示事由: %3</translation>
        </message>
        <message>
            <source>Fee: none</source>
            <translation>手数料: なし</translation>
        </message>
        <message>
            <source>Fee: may be charged</source>
            <translation>手数料: 徴収する場合あり</translation>
        </message>
        <message>
            <source>Fee: %2 yen</source>
            <translation>手数料: %2 円</translation>
        </message>
        <message>
            <source>Copies of identity documents: destroyed %2 days after closing</source>
            <translation>本人確認書類の写し: 完了後 %2 日で廃棄</translation>
        </message>
        <message>
            <source>Copies of identity documents: destroyed after the store's retention period</source>
            <translation>本人確認書類の写し: 設定された保存期間の経過後に廃棄</translation>
        </message>
        <message>
            <source> (product default)</source>
            <translation>（製品の既定値）</translation>
        </message>
    </context>
    <context>
        <name>PolicyWizardPage</name>
        <message>
            <source>Policy and scanner</source>
            <translation>本人確認方針とスキャナー</translation>
        </message>
        <message>
            <source>The policy decides which documents prove a requester's identity. The scanner's hot folder is where your scanner saves files; Honnin Desk picks them up.</source>
            <translation>本人確認方針は、どの書類で本人であることを確認するかを定めます。スキャナーの保存先フォルダーを指定すると、保存されたファイルを本人確認デスクが自動的に取り込みます。</translation>
        </message>
        <message>
            <source>Create the store</source>
            <translation>データを作成</translation>
        </message>
        <message>
            <source>Policy file…</source>
            <translation>方針ファイル…</translation>
        </message>
        <message>
            <source>(none: import files by hand)</source>
            <translation>(指定なし: ファイルを手動で取り込む)</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>選択…</translation>
        </message>
        <message>
            <source>Remove scanned files from the folder once they are stored masked</source>
            <translation>マスキングして保存したら、スキャンしたファイルをフォルダーから削除する</translation>
        </message>
        <message>
            <source>Verification policy</source>
            <translation>本人確認方針</translation>
        </message>
        <message>
            <source>Scanner hot folder</source>
            <translation>スキャナーの保存先フォルダー</translation>
        </message>
        <message>
            <source>Policy file</source>
            <translation>方針ファイル</translation>
        </message>
        <message>
            <source>Policy files (*.toml)</source>
            <translation>方針ファイル (*.toml)</translation>
        </message>
        <message>
            <source>The hot folder does not exist.</source>
            <translation>指定したフォルダーが見つかりません。</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyWizardPage</name>
        <message>
            <source>Recovery key</source>
            <translation>復旧キー</translation>
        </message>
        <message>
            <source>If every password is lost, only this key opens the store. It is shown once: print it or write it down, and keep it locked away from this computer.</source>
            <translation>すべてのパスワードを失ったときは、このキーだけがデータを開けます。表示は一度だけです。印刷するか書き写し、このコンピューターとは別の場所に施錠して保管してください。</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>印刷…</translation>
        </message>
        <message>
            <source>I have stored the recovery key in a safe place</source>
            <translation>復旧キーを安全な場所に保管しました</translation>
        </message>
        <message>
            <source>Honnin Desk recovery key</source>
            <translation>本人確認デスク 復旧キー</translation>
        </message>
    </context>
    <context>
        <name>RejectDialog</name>
        <message>
            <source>Reject %1</source>
            <translation>案件 %1 の却下</translation>
        </message>
        <message>
            <source>Reject and draft the letter</source>
            <translation>却下して通知書を作成</translation>
        </message>
        <message>
            <source>Ground (from the policy):</source>
            <translation>理由の区分（ポリシーから選択）：</translation>
        </message>
        <message>
            <source>Reason (required):</source>
            <translation>理由（必須）：</translation>
        </message>
    </context>
    <context>
        <name>ReturnDialog</name>
        <message>
            <source>Return %1 for more documents</source>
            <translation>案件 %1 の差し戻し（書類の追加依頼）</translation>
        </message>
        <message>
            <source>Return and draft the letter</source>
            <translation>差し戻して依頼書を作成</translation>
        </message>
        <message>
            <source>Tick what the requester must send. The letter asking for it is drafted in Japanese.</source>
            <translation>請求者に送っていただく書類にチェックを付けてください。依頼書が作成されます。</translation>
        </message>
        <message>
            <source>The policy names nothing missing: write what is needed.</source>
            <translation>ポリシー上の不足はありません。必要なものを記入してください。</translation>
        </message>
        <message>
            <source>Other items or remarks (printed in the letter):</source>
            <translation>その他の書類・連絡事項（依頼書に記載されます）：</translation>
        </message>
    </context>
    <context>
        <name>ReviewCaseWidget</name>
        <message>
            <source>No.</source>
            <translation>番号</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>書類</translation>
        </message>
        <message>
            <source>Whose</source>
            <translation>名義</translation>
        </message>
        <message>
            <source>Added by</source>
            <translation>登録者</translation>
        </message>
        <message>
            <source>Added at</source>
            <translation>登録日時</translation>
        </message>
        <message>
            <source>Choose a page.</source>
            <translation>ページを選んでください。</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>日時</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>操作者</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Status change</source>
            <translation>状態の変化</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>詳細</translation>
        </message>
        <message>
            <source>Checklist</source>
            <translation>チェックリスト</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>操作履歴</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>承認</translation>
        </message>
        <message>
            <source>Return for documents</source>
            <translation>差し戻し（書類の追加依頼）</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>却下</translation>
        </message>
        <message>
            <source>Review of case %1 — %2</source>
            <translation>案件 %1 の審査 — %2</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受付日</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>請求内容</translation>
        </message>
        <message>
            <source>Requester</source>
            <translation>請求者</translation>
        </message>
        <message>
            <source>Principal</source>
            <translation>本人</translation>
        </message>
        <message>
            <source>Representative</source>
            <translation>代理人</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>受付方法</translation>
        </message>
        <message>
            <source>Prepared by</source>
            <translation>作成者</translation>
        </message>
        <message numerus="yes">
            <source>Overdue by %n business day(s)</source>
            <translation>
                <numerusform>期限を %n 営業日過ぎています</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n business day(s) left</source>
            <translation>
                <numerusform>残り %n 営業日</numerusform>
            </translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>回答期限</translation>
        </message>
        <message>
            <source>Decision note</source>
            <translation>判断の記録</translation>
        </message>
        <message>
            <source>(image disposed of)</source>
            <translation>（画像は廃棄済み）</translation>
        </message>
        <message>
            <source>No. %1 %2 (%3)</source>
            <translation>%1番 %2（%3）</translation>
        </message>
        <message>
            <source>The principal's identity</source>
            <translation>ご本人の本人確認</translation>
        </message>
        <message>
            <source>The representative's identity</source>
            <translation>代理人の本人確認</translation>
        </message>
        <message>
            <source>The legal representative's authority</source>
            <translation>法定代理権の確認</translation>
        </message>
        <message>
            <source>The power of attorney</source>
            <translation>委任状</translation>
        </message>
        <message>
            <source>satisfied by %1</source>
            <translation>確認書類：%1</translation>
        </message>
        <message>
            <source>not satisfied</source>
            <translation>未充足</translation>
        </message>
        <message>
            <source>The case has not been weighed against the policy.</source>
            <translation>この案件はまだポリシーで判定されていません。</translation>
        </message>
        <message>
            <source>Policy: %1</source>
            <translation>ポリシー：%1</translation>
        </message>
        <message>
            <source>Due: %1</source>
            <translation>回答期限：%1</translation>
        </message>
        <message>
            <source>Rules of the policy</source>
            <translation>ポリシーの要件</translation>
        </message>
        <message>
            <source>Why it is not verified</source>
            <translation>本人確認ができていない理由</translation>
        </message>
        <message>
            <source>page %1</source>
            <translation>書類 %1</translation>
        </message>
        <message>
            <source>Opened the case</source>
            <translation>案件を登録</translation>
        </message>
        <message>
            <source>Edited the case</source>
            <translation>案件を修正</translation>
        </message>
        <message>
            <source>Added a page</source>
            <translation>書類を追加</translation>
        </message>
        <message>
            <source>Viewed a page</source>
            <translation>書類を閲覧</translation>
        </message>
        <message>
            <source>Weighed against the policy</source>
            <translation>ポリシーで判定</translation>
        </message>
        <message>
            <source>Submitted for review</source>
            <translation>審査に回付</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>承認</translation>
        </message>
        <message>
            <source>Returned for documents</source>
            <translation>差し戻し</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>却下</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>完了</translation>
        </message>
        <message>
            <source>Drafted a letter</source>
            <translation>書面を作成</translation>
        </message>
        <message>
            <source>Recorded a response</source>
            <translation>回答の送付を記録</translation>
        </message>
        <message>
            <source>Disposed of images</source>
            <translation>画像を廃棄</translation>
        </message>
        <message>
            <source>Approve (not by the preparer)</source>
            <translation>承認（作成者以外）</translation>
        </message>
        <message>
            <source>You prepared this case, so you cannot approve it: another supervisor must (four-eyes principle).</source>
            <translation>この案件はあなたが作成したため、あなたは承認できません。別の審査者が承認してください（ダブルチェック）。</translation>
        </message>
        <message>
            <source>The case is no longer in review (%1).</source>
            <translation>この案件は審査中ではありません（%1）。</translation>
        </message>
        <message>
            <source>Only supervisors can approve cases.</source>
            <translation>承認できるのは審査者だけです。</translation>
        </message>
        <message>
            <source>Not decided: %1</source>
            <translation>判断を記録できませんでした：%1</translation>
        </message>
        <message>
            <source>The decision is stored, but the letter was not drafted: %1</source>
            <translation>判断は記録しましたが、書面を作成できませんでした：%1</translation>
        </message>
    </context>
    <context>
        <name>ReviewQueueModel</name>
        <message>
            <source>Case no.</source>
            <translation>受付番号</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受付日</translation>
        </message>
        <message>
            <source>Principal</source>
            <translation>本人氏名</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>請求内容</translation>
        </message>
        <message>
            <source>Prepared by</source>
            <translation>作成者</translation>
        </message>
        <message>
            <source>Policy verdict</source>
            <translation>ポリシーの判定</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>回答期限</translation>
        </message>
        <message>
            <source>Business days left</source>
            <translation>残り営業日</translation>
        </message>
        <message numerus="yes">
            <source>Overdue by %n business day(s)</source>
            <translation>
                <numerusform>期限を %n 営業日過ぎています</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Due in %n business day(s)</source>
            <translation>
                <numerusform>期限まであと %n 営業日</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewQueueView</name>
        <message>
            <source>Refresh</source>
            <translation>最新の情報に更新</translation>
        </message>
        <message>
            <source>Open review</source>
            <translation>審査画面を開く</translation>
        </message>
        <message>
            <source>Waiting for review: %1</source>
            <translation>審査待ち：%1 件</translation>
        </message>
        <message>
            <source>Overdue: %1</source>
            <translation>期限超過：%1 件</translation>
        </message>
        <message>
            <source>Due within %1 business days: %2</source>
            <translation>%1 営業日以内に期限：%2 件</translation>
        </message>
    </context>
    <context>
        <name>StatisticsView</name>
        <message>
            <source>Calendar year</source>
            <translation>暦年</translation>
        </message>
        <message>
            <source>Fiscal year (April to March)</source>
            <translation>年度（4月〜翌3月）</translation>
        </message>
        <message>
            <source>From … to …</source>
            <translation>期間を指定</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>集計</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>CSVを書き出す…</translation>
        </message>
        <message>
            <source>Figure</source>
            <translation>項目</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>値</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期間</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>集計中…</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>項目</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>区分</translation>
        </message>
        <message>
            <source>Requests received</source>
            <translation>受付件数</translation>
        </message>
        <message>
            <source>By request type</source>
            <translation>請求の種類別</translation>
        </message>
        <message>
            <source>By month</source>
            <translation>月別</translation>
        </message>
        <message>
            <source>Answered</source>
            <translation>回答済み件数</translation>
        </message>
        <message>
            <source>Median days to answer</source>
            <translation>回答までの日数（中央値）</translation>
        </message>
        <message>
            <source>Longest days to answer</source>
            <translation>回答までの日数（最長）</translation>
        </message>
        <message>
            <source>Calendar days</source>
            <translation>暦日</translation>
        </message>
        <message>
            <source>Business days</source>
            <translation>営業日</translation>
        </message>
        <message>
            <source>Returned for more documents</source>
            <translation>書類の追加を求めた件数</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>お断りした件数</translation>
        </message>
        <message>
            <source>Not answered yet</source>
            <translation>未回答の件数</translation>
        </message>
        <message>
            <source>Counting… %1 cases</source>
            <translation>集計中… %1 件</translation>
        </message>
        <message>
            <source>%1 days</source>
            <translation>%1 日</translation>
        </message>
        <message>
            <source>%1 requests counted.</source>
            <translation>%1 件を集計しました。</translation>
        </message>
        <message>
            <source>Written to %1.</source>
            <translation>%1 に書き出しました。</translation>
        </message>
        <message>
            <source>Export the statistics</source>
            <translation>統計の書き出し</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSVファイル (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>TemplateEditorDialog</name>
        <message>
            <source>Letter templates</source>
            <translation>書面のひな形</translation>
        </message>
        <message>
            <source>Double-click to insert at the cursor.</source>
            <translation>ダブルクリックでカーソル位置に挿入します。</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Discard changes</source>
            <translation>変更を破棄</translation>
        </message>
        <message>
            <source>Reset to built-in</source>
            <translation>標準に戻す</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>閉じる</translation>
        </message>
        <message>
            <source>First line: the title. # starts a note, &gt; aligns right, ^ centres; {{ }} braces.</source>
            <translation>1行目は件名です。#で始まる行は注記、&gt;は右寄せ、^は中央寄せ。{{ }}で波かっこを表示します。</translation>
        </message>
        <message>
            <source>Letter</source>
            <translation>書面</translation>
        </message>
        <message>
            <source>Placeholders</source>
            <translation>差し込み項目</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>保存しました。</translation>
        </message>
        <message>
            <source>Edited</source>
            <translation>編集済み</translation>
        </message>
        <message>
            <source>Built-in</source>
            <translation>標準</translation>
        </message>
        <message>
            <source>The template is valid.</source>
            <translation>ひな形に問題はありません。</translation>
        </message>
        <message>
            <source>case number</source>
            <translation>受付番号</translation>
        </message>
        <message>
            <source>date of the letter</source>
            <translation>書面の日付</translation>
        </message>
        <message>
            <source>date the request was received</source>
            <translation>請求の受付日</translation>
        </message>
        <message>
            <source>what was requested</source>
            <translation>請求の内容</translation>
        </message>
        <message>
            <source>documents still needed, one per line</source>
            <translation>不足している書類（1行に1件）</translation>
        </message>
        <message>
            <source>the supervisor's words on returning the case</source>
            <translation>差し戻し時の担当者のコメント</translation>
        </message>
        <message>
            <source>refusal ground (policy's wording)</source>
            <translation>不開示等の根拠（ポリシーの文言）</translation>
        </message>
        <message>
            <source>reason for the refusal, as the supervisor wrote it</source>
            <translation>理由の説明（担当者の記載）</translation>
        </message>
        <message>
            <source>response due date</source>
            <translation>回答期限</translation>
        </message>
        <message>
            <source>requester's name with the honorific</source>
            <translation>請求者の氏名（様付き）</translation>
        </message>
        <message>
            <source>company name (settings)</source>
            <translation>会社名（設定）</translation>
        </message>
        <message>
            <source>company address (settings)</source>
            <translation>会社の所在地（設定）</translation>
        </message>
        <message>
            <source>contact (settings)</source>
            <translation>連絡先（設定）</translation>
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message>
            <source>Driver's licence</source>
            <translation>運転免許証</translation>
        </message>
        <message>
            <source>Passport</source>
            <translation>パスポート（旅券）</translation>
        </message>
        <message>
            <source>My Number card</source>
            <translation>マイナンバーカード</translation>
        </message>
        <message>
            <source>Residence card</source>
            <translation>在留カード</translation>
        </message>
        <message>
            <source>Health insurance card</source>
            <translation>健康保険証（資格確認書）</translation>
        </message>
        <message>
            <source>Pension book</source>
            <translation>年金手帳（基礎年金番号通知書）</translation>
        </message>
        <message>
            <source>Family register</source>
            <translation>戸籍謄本・抄本</translation>
        </message>
        <message>
            <source>Residence certificate</source>
            <translation>住民票の写し</translation>
        </message>
        <message>
            <source>Seal certificate</source>
            <translation>印鑑登録証明書</translation>
        </message>
        <message>
            <source>Certificate of registered matters</source>
            <translation>登記事項証明書</translation>
        </message>
        <message>
            <source>Power of attorney</source>
            <translation>委任状</translation>
        </message>
        <message>
            <source>Unknown document</source>
            <translation>不明な書類</translation>
        </message>
        <message>
            <source>Permanent domicile</source>
            <translation>本籍</translation>
        </message>
        <message>
            <source>Insurer number</source>
            <translation>保険者番号</translation>
        </message>
        <message>
            <source>Insured person's symbol and number</source>
            <translation>記号・番号・枝番</translation>
        </message>
        <message>
            <source>Individual number</source>
            <translation>個人番号（マイナンバー）</translation>
        </message>
        <message>
            <source>Basic pension number</source>
            <translation>基礎年金番号</translation>
        </message>
        <message>
            <source>Resident record code</source>
            <translation>住民票コード</translation>
        </message>
        <message>
            <source>Request for further documents</source>
            <translation>本人確認書類の追加提出のお願い</translation>
        </message>
        <message>
            <source>Refusal (ground and reason)</source>
            <translation>ご請求に応じられない旨の通知（根拠と理由）</translation>
        </message>
        <message>
            <source>Notice of the purpose of use</source>
            <translation>利用目的の通知書</translation>
        </message>
        <message>
            <source>Disclosure notice (cover letter)</source>
            <translation>開示の通知（送付状）</translation>
        </message>
        <message>
            <source>Correction / cessation done</source>
            <translation>訂正等・利用停止等の完了通知</translation>
        </message>
        <message>
            <source>Intake</source>
            <translation>受付中</translation>
        </message>
        <message>
            <source>In review</source>
            <translation>審査待ち</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>差戻し</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>承認済み</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>却下</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>完了</translation>
        </message>
        <message>
            <source>Notification of purpose of use</source>
            <translation>利用目的の通知</translation>
        </message>
        <message>
            <source>Disclosure</source>
            <translation>開示</translation>
        </message>
        <message>
            <source>Correction, addition or deletion</source>
            <translation>訂正・追加・削除</translation>
        </message>
        <message>
            <source>Cessation of use or erasure</source>
            <translation>利用停止・消去</translation>
        </message>
        <message>
            <source>Cessation of provision to third parties</source>
            <translation>第三者提供の停止</translation>
        </message>
        <message>
            <source>Disclosure of third-party provision records</source>
            <translation>第三者提供記録の開示</translation>
        </message>
        <message>
            <source>The principal</source>
            <translation>ご本人</translation>
        </message>
        <message>
            <source>Legal representative</source>
            <translation>法定代理人</translation>
        </message>
        <message>
            <source>Appointed agent</source>
            <translation>任意代理人</translation>
        </message>
        <message>
            <source>Principal's document</source>
            <translation>ご本人の書類</translation>
        </message>
        <message>
            <source>Representative's document</source>
            <translation>代理人の書類</translation>
        </message>
        <message>
            <source>Identity or authority document</source>
            <translation>本人確認・代理権確認の書類</translation>
        </message>
        <message>
            <source>Request form</source>
            <translation>請求書（開示等請求書）</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>郵送</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>電子メール</translation>
        </message>
        <message>
            <source>Web form</source>
            <translation>Webフォーム</translation>
        </message>
        <message>
            <source>Counter</source>
            <translation>窓口</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>氏名</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>生年月日</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>住所</translation>
        </message>
        <message>
            <source>Valid until</source>
            <translation>有効期限</translation>
        </message>
        <message>
            <source>Issued on</source>
            <translation>交付日・発行日</translation>
        </message>
        <message>
            <source>Document number</source>
            <translation>書類の番号</translation>
        </message>
        <message>
            <source>Identity verified</source>
            <translation>本人確認できました</translation>
        </message>
        <message>
            <source>More documents needed</source>
            <translation>書類が不足しています</translation>
        </message>
        <message>
            <source>Cannot be verified</source>
            <translation>本人確認できません</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>待機中</translation>
        </message>
        <message>
            <source>Analysing</source>
            <translation>解析中</translation>
        </message>
        <message>
            <source>To review</source>
            <translation>確認待ち</translation>
        </message>
        <message>
            <source>Stored (masked)</source>
            <translation>保存済み（マスク済み）</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>読み取り失敗</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>中止</translation>
        </message>
        <message>
            <source>Image disposed of</source>
            <translation>画像廃棄済み</translation>
        </message>
        <message>
            <source>en</source>
            <translation>ja</translation>
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <source>Honnin Desk: unlock</source>
            <translation>本人確認デスク: ロック解除</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>サインイン</translation>
        </message>
        <message>
            <source>The window was locked. Enter your password to continue.</source>
            <translation>一定時間操作がなかったため画面をロックしました。続けるにはパスワードを入力してください。</translation>
        </message>
        <message>
            <source>Sign in with your account to open the store.</source>
            <translation>ご自分のアカウントでサインインしてください。</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>ユーザー名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>パスワード</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>ロック解除</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>サインアウト</translation>
        </message>
        <message>
            <source>Lost every password?</source>
            <translation>パスワードをすべて失った場合</translation>
        </message>
        <message>
            <source>A new password is set: sign in with it.</source>
            <translation>新しいパスワードを設定しました。そのパスワードでサインインしてください。</translation>
        </message>
        <message>
            <source>Too many wrong passwords. Wait a little and try again.</source>
            <translation>パスワードの誤りが続いたため、しばらく待ってからもう一度お試しください。</translation>
        </message>
        <message>
            <source>Wrong user name or password.</source>
            <translation>ユーザー名またはパスワードが違います。</translation>
        </message>
        <message>
            <source>There is no store in this folder.</source>
            <translation>このフォルダーにはデータがありません。</translation>
        </message>
        <message>
            <source>The store could not be opened: %1</source>
            <translation>データを開けませんでした: %1</translation>
        </message>
    </context>
</TS>
