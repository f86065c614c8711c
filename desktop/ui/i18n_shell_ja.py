"""Japanese translations of the shell's strings (window, sign-in, first run, case list).

``resources/i18n/fill_ts.py`` merges this table into ``honnin_ja.ts`` after
``pyside6-lupdate``; keys are (context, English source) exactly as in the code.
"""

from __future__ import annotations

TRANSLATIONS: dict[tuple[str, str], str] = {
    ("App", "Honnin Desk"): "本人確認デスク",
    ("App", "An unexpected error occurred (%1). Nothing unsaved was written."): (
        "予期しないエラーが発生しました (%1)。保存前のデータは書き込まれていません。"
    ),
    (
        "App",
        "Demo accounts: %1 (operator), %2 (supervisor), %3 (administrator); password %4",
    ): "デモ用アカウント: %1 (担当者)、%2 (承認者)、%3 (管理者)。パスワード: %4",
    ("CaseTableModel", "Case no."): "受付番号",
    ("CaseTableModel", "Received"): "受付日",
    ("CaseTableModel", "Requester"): "請求者",
    ("CaseTableModel", "Request"): "請求内容",
    ("CaseTableModel", "Status"): "状態",
    ("CaseTableModel", "Due"): "回答期限",
    ("CaseTableModel", "Operator"): "担当者",
    ("CaseTableModel", "Overdue by %n day(s)"): "期限を %n 日過ぎています",
    ("CaseTableModel", "Due in %n day(s)"): "期限まであと %n 日",
    ("FirstRunWizard", "Honnin Desk: first start"): "本人確認デスク: 初期設定",
    ("MainWindow", "operator"): "担当者",
    ("MainWindow", "supervisor"): "承認者",
    ("MainWindow", "administrator"): "管理者",
    ("MainWindow", "Honnin Desk"): "本人確認デスク",
    ("MainWindow", "All statuses"): "すべての状態",
    ("MainWindow", "Everyone's cases"): "全員の案件",
    ("MainWindow", "My cases"): "自分の案件",
    ("MainWindow", "Search: case no. or name"): "検索: 受付番号または氏名",
    ("MainWindow", "Cases"): "案件一覧",
    ("MainWindow", "&New request…"): "新規受付(&N)…",
    ("MainWindow", "&Open case"): "案件を開く(&O)",
    ("MainWindow", "&Refresh"): "最新の情報に更新(&R)",
    ("MainWindow", "&Lock"): "ロック(&L)",
    ("MainWindow", "&Sign out"): "サインアウト(&S)",
    ("MainWindow", "&Quit"): "終了(&Q)",
    ("MainWindow", "&About Honnin Desk"): "本人確認デスクについて(&A)",
    ("MainWindow", "&File"): "ファイル(&F)",
    ("MainWindow", "&View"): "表示(&V)",
    ("MainWindow", "&Language"): "表示言語(&L)",
    ("MainWindow", "&Help"): "ヘルプ(&H)",
    ("MainWindow", "Main"): "メイン",
    ("MainWindow", "Status:"): "状態:",
    ("MainWindow", "%1%2 cases"): "%1%2 件",
    ("MainWindow", "Locked"): "ロック中",
    ("MainWindow", "Signed in: %1 (%2)"): "サインイン中: %1 (%2)",
    ("MainWindow", "Case %1: the case screen is being built."): "案件 %1: 案件画面は準備中です。",
    ("MainWindow", "new request"): "新規受付",
    ("MainWindow", "New request"): "新規受付",
    ("MainWindow", "Language"): "表示言語",
    ("MainWindow", "The language changes the next time Honnin Desk starts."): (
        "表示言語は次回の起動時に切り替わります。"
    ),
    ("MainWindow", "About Honnin Desk"): "本人確認デスクについて",
    ("MainWindow", "&Idle lock time…"): "自動ロックまでの時間(&I)…",
    ("MainWindow", "Idle lock time"): "自動ロックまでの時間",
    ("MainWindow", "Lock the window after this many minutes without input:"): (
        "操作がないまま次の時間 (分) が過ぎたら画面をロックする:"
    ),
    ("MainWindow", "Honnin Desk %1\nIdentity verification desk for data-subject requests."): (
        "本人確認デスク %1\n開示等の請求の本人確認を行うためのアプリケーションです。"
    ),
    ("UnlockDialog", "Honnin Desk: unlock"): "本人確認デスク: ロック解除",
    ("UnlockDialog", "Sign in"): "サインイン",
    ("UnlockDialog", "The window was locked. Enter your password to continue."): (
        "一定時間操作がなかったため画面をロックしました。続けるにはパスワードを入力してください。"
    ),
    ("UnlockDialog", "Sign in with your account to open the store."): (
        "ご自分のアカウントでサインインしてください。"
    ),
    ("UnlockDialog", "User name"): "ユーザー名",
    ("UnlockDialog", "Password"): "パスワード",
    ("UnlockDialog", "Unlock"): "ロック解除",
    ("UnlockDialog", "Sign out"): "サインアウト",
    ("UnlockDialog", "Too many wrong passwords. Wait a little and try again."): (
        "パスワードの誤りが続いたため、しばらく待ってからもう一度お試しください。"
    ),
    ("UnlockDialog", "Wrong user name or password."): "ユーザー名またはパスワードが違います。",
    ("UnlockDialog", "There is no store in this folder."): "このフォルダーにはデータがありません。",
    ("UnlockDialog", "The store could not be opened: %1"): "データを開けませんでした: %1",
    ("AdminWizardPage", "First administrator"): "最初の管理者",
    ("AdminWizardPage", "The administrator adds the other accounts. Choose a long password."): (
        "管理者がほかの担当者のアカウントを追加します。長めのパスワードを設定してください。"
    ),
    ("AdminWizardPage", "Account name"): "アカウント名",
    ("AdminWizardPage", "Password"): "パスワード",
    ("AdminWizardPage", "Password again"): "パスワード (確認)",
    (
        "AdminWizardPage",
        "The account name must be 1 to 64 characters without spaces at the ends.",
    ): "アカウント名は 1〜64 文字で、前後に空白を入れないでください。",
    ("AdminWizardPage", "The password needs at least %n characters."): (
        "パスワードは %n 文字以上にしてください。"
    ),
    ("AdminWizardPage", "The two passwords differ."): "2 つのパスワードが一致しません。",
    ("IntroWizardPage", "Welcome to Honnin Desk"): "本人確認デスクへようこそ",
    (
        "IntroWizardPage",
        "Honnin Desk keeps the requests, the masked identity documents and the audit trail in "
        "one encrypted store on this computer. This wizard creates the store, its first "
        "administrator and the recovery key, and chooses your company's verification policy.",
    ): (
        "本人確認デスクは、請求の記録、マスキング済みの本人確認書類、監査記録を、このコンピューター上の"
        "暗号化されたデータに保管します。この初期設定では、データと最初の管理者、復旧キーを作成し、"
        "自社の本人確認方針を選びます。"
    ),
    ("IntroWizardPage", "Store folder: %1"): "データの保存先: %1",
    ("PolicyWizardPage", "Policy and scanner"): "本人確認方針とスキャナー",
    (
        "PolicyWizardPage",
        "The policy decides which documents prove a requester's identity. The scanner's hot "
        "folder is where your scanner saves files; Honnin Desk picks them up.",
    ): (
        "本人確認方針は、どの書類で本人であることを確認するかを定めます。スキャナーの保存先フォルダーを"
        "指定すると、保存されたファイルを本人確認デスクが自動的に取り込みます。"
    ),
    ("PolicyWizardPage", "Create the store"): "データを作成",
    ("PolicyWizardPage", "Policy file…"): "方針ファイル…",
    ("PolicyWizardPage", "(none: import files by hand)"): "(指定なし: ファイルを手動で取り込む)",
    ("PolicyWizardPage", "Choose…"): "選択…",
    ("PolicyWizardPage", "Remove scanned files from the folder once they are stored masked"): (
        "マスキングして保存したら、スキャンしたファイルをフォルダーから削除する"
    ),
    ("PolicyWizardPage", "Verification policy"): "本人確認方針",
    ("PolicyWizardPage", "Scanner hot folder"): "スキャナーの保存先フォルダー",
    ("PolicyWizardPage", "Policy file"): "方針ファイル",
    ("PolicyWizardPage", "Policy files (*.toml)"): "方針ファイル (*.toml)",
    ("PolicyWizardPage", "The hot folder does not exist."): "指定したフォルダーが見つかりません。",
    ("RecoveryKeyWizardPage", "Recovery key"): "復旧キー",
    (
        "RecoveryKeyWizardPage",
        "If every password is lost, only this key opens the store. It is shown once: print it "
        "or write it down, and keep it locked away from this computer.",
    ): (
        "すべてのパスワードを失ったときは、このキーだけがデータを開けます。表示は一度だけです。"
        "印刷するか書き写し、このコンピューターとは別の場所に施錠して保管してください。"
    ),
    ("RecoveryKeyWizardPage", "Print…"): "印刷…",
    ("RecoveryKeyWizardPage", "I have stored the recovery key in a safe place"): (
        "復旧キーを安全な場所に保管しました"
    ),
    ("RecoveryKeyWizardPage", "Honnin Desk recovery key"): "本人確認デスク 復旧キー",
    ("FirstRunWizard", "Creating the encrypted store…"): "暗号化された保管庫を作成しています…",
    ("FirstRunWizard", "The store could not be created: %1"): "保管庫を作成できませんでした：%1",
    (
        "MainWindow",
        "%1 page(s) not saved yet will be discarded: unmasked pages never stay in memory while "
        "the desk is locked. Their files stay where they were, to be imported again. Go on?",
    ): (
        "保存していないページが%1件あり、破棄されます（ロック中はマスク前の画像をメモリに"
        "残しません）。元のファイルはそのまま残るので、あとで取り込み直せます。続けますか？"
    ),
    (
        "MainWindow",
        "%1 page(s) of this case are not saved yet and will be discarded. Close?",
    ): "この案件には保存していないページが%1件あり、破棄されます。閉じますか？",
    (
        "MainWindow",
        "%1 page(s) not saved were discarded when the desk locked: import them again.",
    ): "ロック時に保存前のページ%1件を破棄しました。取り込み直してください。",
    ("MainWindow", "Review queue"): "審査待ち",
    ("MainWindow", "Review %1"): "審査 %1",
    (
        "MainWindow",
        "Case %1: the letter is drafted; print or send it from the case's letters.",
    ): "案件 %1：書面を作成しました。案件画面の「書面」から印刷・送付してください。",
    ("MainWindow", "Dashboard"): "概況",
    ("MainWindow", "Statistics"): "統計",
    ("MainWindow", "Audit and disposal"): "監査・廃棄",
    ("MainWindow", "Administration"): "管理",
    (
        "MainWindow",
        "The letters' wording: one template per kind of letter, with the company's name, "
        "address and contact from the settings.",
    ): "書面の文面です。書面の種類ごとにひな形が一つあり、会社名・住所・連絡先は設定から入ります。",
    ("MainWindow", "Edit the letter templates…"): "書面のひな形を編集…",
    ("MainWindow", "Users"): "利用者",
    ("MainWindow", "Settings"): "設定",
    ("MainWindow", "Letter templates"): "書面のひな形",
    ("UnlockDialog", "Lost every password?"): "パスワードをすべて失った場合",
    ("UnlockDialog", "A new password is set: sign in with it."): (
        "新しいパスワードを設定しました。そのパスワードでサインインしてください。"
    ),
}
"""(context, English source) → Japanese."""
