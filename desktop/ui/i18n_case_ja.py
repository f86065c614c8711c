"""Japanese translations of the case screen's strings, {(context, English source): Japanese}.

``resources/i18n/fill_ts.py`` merges this table into ``honnin_ja.ts`` after ``pyside6-lupdate``;
contexts are the Qt class names (``self.tr``) and ``Texts`` (the label tables of ``texts.py``).
"""

from __future__ import annotations

TRANSLATIONS: dict[tuple[str, str], str] = {
    ("Texts", "en"): "ja",  # the language code: tells the code which language is loaded
    # --- texts.py: document types (the catalogue's Japanese names) ---------------------
    ("Texts", "Driver's licence"): "運転免許証",
    ("Texts", "Passport"): "パスポート（旅券）",
    ("Texts", "My Number card"): "マイナンバーカード",
    ("Texts", "Residence card"): "在留カード",
    ("Texts", "Health insurance card"): "健康保険証（資格確認書）",
    ("Texts", "Pension book"): "年金手帳（基礎年金番号通知書）",
    ("Texts", "Family register"): "戸籍謄本・抄本",
    ("Texts", "Residence certificate"): "住民票の写し",
    ("Texts", "Seal certificate"): "印鑑登録証明書",
    ("Texts", "Certificate of registered matters"): "登記事項証明書",
    ("Texts", "Power of attorney"): "委任状",
    ("Texts", "Unknown document"): "不明な書類",
    # --- texts.py: kinds of mask -------------------------------------------------------
    ("Texts", "Permanent domicile"): "本籍",
    ("Texts", "Insurer number"): "保険者番号",
    ("Texts", "Insured person's symbol and number"): "記号・番号・枝番",
    ("Texts", "Individual number"): "個人番号（マイナンバー）",
    ("Texts", "Basic pension number"): "基礎年金番号",
    ("Texts", "Resident record code"): "住民票コード",
    # --- texts.py: case statuses -------------------------------------------------------
    ("Texts", "Intake"): "受付中",
    ("Texts", "In review"): "審査待ち",
    ("Texts", "Returned"): "差戻し",
    ("Texts", "Approved"): "承認済み",
    ("Texts", "Rejected"): "却下",
    ("Texts", "Closed"): "完了",
    # --- texts.py: request types (APPI Arts. 32-35) ------------------------------------
    ("Texts", "Notification of purpose of use"): "利用目的の通知",
    ("Texts", "Request for further documents"): "本人確認書類の追加提出のお願い",
    ("Texts", "Refusal (ground and reason)"): "ご請求に応じられない旨の通知（根拠と理由）",
    ("Texts", "Notice of the purpose of use"): "利用目的の通知書",
    ("Texts", "Disclosure notice (cover letter)"): "開示の通知（送付状）",
    ("Texts", "Correction / cessation done"): "訂正等・利用停止等の完了通知",
    ("Texts", "Disclosure"): "開示",
    ("Texts", "Correction, addition or deletion"): "訂正・追加・削除",
    ("Texts", "Cessation of use or erasure"): "利用停止・消去",
    ("Texts", "Cessation of provision to third parties"): "第三者提供の停止",
    ("Texts", "Disclosure of third-party provision records"): "第三者提供記録の開示",
    ("Texts", "Identity or authority document"): "本人確認・代理権確認の書類",
    ("Texts", "Request form"): "請求書（開示等請求書）",
    # --- texts.py: requesters, holders, channels ---------------------------------------
    ("Texts", "The principal"): "ご本人",
    ("Texts", "Legal representative"): "法定代理人",
    ("Texts", "Appointed agent"): "任意代理人",
    ("Texts", "Principal's document"): "ご本人の書類",
    ("Texts", "Representative's document"): "代理人の書類",
    ("Texts", "Post"): "郵送",
    ("Texts", "Email"): "電子メール",
    ("Texts", "Web form"): "Webフォーム",
    ("Texts", "Counter"): "窓口",
    # --- texts.py: fields --------------------------------------------------------------
    ("Texts", "Name"): "氏名",
    ("Texts", "Date of birth"): "生年月日",
    ("Texts", "Address"): "住所",
    ("Texts", "Valid until"): "有効期限",
    ("Texts", "Issued on"): "交付日・発行日",
    ("Texts", "Document number"): "書類の番号",
    # --- texts.py: decisions and page states -------------------------------------------
    ("Texts", "Identity verified"): "本人確認できました",
    ("Texts", "More documents needed"): "書類が不足しています",
    ("Texts", "Cannot be verified"): "本人確認できません",
    ("Texts", "Waiting"): "待機中",
    ("Texts", "Analysing"): "解析中",
    ("Texts", "To review"): "確認待ち",
    ("Texts", "Stored (masked)"): "保存済み（マスク済み）",
    ("Texts", "Failed"): "読み取り失敗",
    ("Texts", "Cancelled"): "中止",
    ("Texts", "Image disposed of"): "画像廃棄済み",
    # --- CaseWidget --------------------------------------------------------------------
    ("CaseWidget", "This case was submitted."): "この案件は審査に回付済みです。",
    ("CaseWidget", "Review or discard every new page first."): (
        "新しいページをすべて確認して保存するか、破棄してください。"
    ),
    ("CaseWidget", "Add at least one page first."): "書類を1ページ以上取り込んでください。",
    ("CaseWidget", "Case"): "案件",
    ("CaseWidget", "Received"): "受付日",
    ("CaseWidget", "Request"): "請求内容",
    ("CaseWidget", "Requester"): "請求者",
    ("CaseWidget", "Principal"): "ご本人",
    ("CaseWidget", "Not submitted"): "回付できませんでした",
    ("CaseWidget", "Look at every page first (%1 not viewed yet)."): (
        "すべてのページを確認してください（未確認 %1 ページ）。"
    ),
    ("CaseWidget", "Channel"): "受付方法",
    ("CaseWidget", "Representative"): "代理人",
    # --- ChecklistPanel ----------------------------------------------------------------
    ("ChecklistPanel", "Checklist"): "チェックリスト",
    ("ChecklistPanel", "Submit for review"): "審査に回付",
    (
        "ChecklistPanel",
        "The principal's identity is proven.",
    ): "ご本人の本人確認書類がそろっています。",
    ("ChecklistPanel", "The representative's identity is proven."): (
        "代理人ご自身の本人確認書類がそろっています。"
    ),
    ("ChecklistPanel", "The legal representative's authority is proven."): (
        "法定代理権を確認できる書類がそろっています。"
    ),
    ("ChecklistPanel", "The power of attorney is there."): "委任状がそろっています。",
    ("ChecklistPanel", "Satisfied"): "そろっているもの",
    ("ChecklistPanel", "Missing"): "足りないもの",
    ("ChecklistPanel", "Conflicts"): "食い違い・不備",
    ("ChecklistPanel", "Due: %1 (%2 business days left)"): "回答期限：%1（あと%2営業日）",
    ("ChecklistPanel", "Due date: counted from the day every document is in."): (
        "回答期限：必要書類がそろった日から数えます。"
    ),
    ("ChecklistPanel", "Due date: without delay (the policy sets no period)."): (
        "回答期限：遅滞なく（ポリシーに日数の定めはありません）。"
    ),
    ("ChecklistPanel", "None"): "なし",
    ("ChecklistPanel", "No checklist: %1"): "チェックリストを表示できません：%1",
    ("ChecklistPanel", "Policy: %1"): "ポリシー：%1",
    ("ChecklistPanel", "Due: %1 (overdue)"): "回答期限：%1（期限切れ）",
    # --- DocumentsPanel ----------------------------------------------------------------
    ("DocumentsPanel", "Import files…"): "ファイルを取り込む…",
    ("DocumentsPanel", "Cancel"): "中止",
    ("DocumentsPanel", "Drop scans here, or import them."): (
        "スキャン画像をここにドロップするか、取り込んでください。"
    ),
    ("DocumentsPanel", "Documents"): "書類",
    ("DocumentsPanel", "Page stored (masked)."): "マスクしたページを保存しました。",
    ("DocumentsPanel", "Import scans"): "スキャン画像の取り込み",
    ("DocumentsPanel", "Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)"): (
        "画像と PDF (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)"
    ),
    (
        "DocumentsPanel",
        "Cancelling after the current page…",
    ): "このページの解析が終わりしだい中止します…",
    ("DocumentsPanel", "Analysis cancelled."): "解析を中止しました。",
    ("DocumentsPanel", "Analysing %1…"): "%1 を解析しています…",
    ("DocumentsPanel", "Pages ready to review: %1"): "確認待ちのページ：%1",
    ("DocumentsPanel", "Could not read the file: %1"): "ファイルを読み取れませんでした：%1",
    ("DocumentsPanel", "Could not remove the scanner's file: %1"): (
        "スキャナーのファイルを削除できませんでした：%1"
    ),
    # --- MaskEditorWidget --------------------------------------------------------------
    ("MaskEditorWidget", "Add mask"): "マスクを追加",
    (
        "MaskEditorWidget",
        "Drag on the page to add a mask. Drag a mask to move it, its corners to resize it, "
        "arrow keys nudge it; Del deletes it. Wheel: zoom; middle button: move the page.",
    ): (
        "ページ上をドラッグするとマスクを追加できます。マスクはドラッグまたは矢印キーで移動、"
        "四隅で大きさを変更、Delキーで削除します。ホイールで拡大・縮小、中ボタンのドラッグで"
        "表示を移動します。"
    ),
    ("MaskEditorWidget", "Add a mask in the middle of the view (or drag on the page)"): (
        "表示の中央にマスクを追加します（ページ上をドラッグしても追加できます）"
    ),
    (
        "MaskEditorWidget",
        "Kind of the selected or the next mask",
    ): "選択中または次に追加するマスクの種類",
    ("MaskEditorWidget", "Delete mask"): "マスクを削除",
    (
        "MaskEditorWidget",
        "Delete the selected masks (Del)",
    ): "選択したマスクを削除します（Delキー）",
    ("MaskEditorWidget", "Zoom in"): "拡大",
    ("MaskEditorWidget", "Zoom out"): "縮小",
    ("MaskEditorWidget", "Fit"): "全体",
    ("MaskEditorWidget", "Show the whole page"): "ページ全体を表示します",
    ("MaskEditorWidget", "Full resolution"): "原寸で表示します",
    ("MaskEditorWidget", "No page selected"): "ページが選択されていません",
    ("MaskEditorWidget", "Document type"): "書類の種類",
    ("MaskEditorWidget", "OCR confidence"): "読み取りの確からしさ",
    ("MaskEditorWidget", "Whose document"): "誰の書類か",
    ("MaskEditorWidget", "The page is"): "このページは",
    ("MaskEditorWidget", "Save masked page"): "マスクして保存",
    ("MaskEditorWidget", "Discard"): "破棄",
    ("MaskEditorWidget", "Drop this page without storing anything"): (
        "何も保存せずにこのページを破棄します"
    ),
    ("MaskEditorWidget", "%1 is not a date (e.g. 2029-07-18 or 令和11年7月18日)."): (
        "%1が日付として読めません（例：2029-07-18、令和11年7月18日）。"
    ),
    ("MaskEditorWidget", "Masking and saving…"): "マスクを焼き込んで保存しています…",
    ("MaskEditorWidget", "The page was not stored: %1"): "ページは保存されませんでした：%1",
    ("MaskEditorWidget", "Stored page %1 (masked)"): "保存済みページ %1（マスク済み）",
    ("MaskEditorWidget", "Masks on this page: %1"): "このページのマスク：%1 か所",
    ("MaskEditorWidget", "%1, page %2"): "%1（%2 ページ目）",
    # --- IntakeDialog and its person boxes ---------------------------------------------
    ("PersonGroupBox", "e.g. 1990-01-02 or 平成2年1月2日"): "例：1990-01-02、平成2年1月2日",
    ("PersonGroupBox", "Name"): "氏名",
    ("PersonGroupBox", "Date of birth"): "生年月日",
    ("PersonGroupBox", "Address"): "住所",
    ("IntakeDialog", "New request"): "新しい請求の受付",
    ("IntakeDialog", "Principal (the person the data is about)"): "ご本人（個人データの本人）",
    ("IntakeDialog", "Representative (who makes the request)"): "代理人（請求する人）",
    ("IntakeDialog", "Received on"): "受付日",
    ("IntakeDialog", "Channel"): "受付方法",
    ("IntakeDialog", "Request"): "請求内容",
    ("IntakeDialog", "Requester"): "請求者",
    ("IntakeDialog", "Open case"): "案件を作成",
    ("IntakeDialog", "Cancel"): "キャンセル",
    ("IntakeDialog", "The date received is in the future."): "受付日が未来の日付です。",
    ("IntakeDialog", "Tick at least one request."): "請求内容を1つ以上選んでください。",
    ("IntakeDialog", "Enter the name."): "氏名を入力してください。",
    ("IntakeDialog", "Enter the date."): "日付を入力してください。",
    ("IntakeDialog", "Not a date (e.g. 2026-11-20, 令和8年11月20日, R8.11.20)."): (
        "日付として読めません（例：2026-11-20、令和8年11月20日、R8.11.20）。"
    ),
    ("IntakeDialog", "Born after the date received?"): "生年月日が受付日より後になっています。",
    ("MaskEditorWidget", "Saving the corrections…"): "訂正を保存しています…",
    ("MaskEditorWidget", "Corrections saved."): "訂正を保存しました。",
    ("MaskEditorWidget", "Save corrections"): "訂正を保存",
}
