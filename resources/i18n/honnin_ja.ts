<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
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
            <source>Due: %1 (%2 days left)</source>
            <translation>回答期限：%1（あと%2日）</translation>
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
            <source>new request</source>
            <translation>新規受付</translation>
        </message>
        <message>
            <source>New request</source>
            <translation>新規受付</translation>
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
