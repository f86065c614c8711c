"""The main window: the case list with filters and search, open cases in tabs, lock, sign-out."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.cases import Action, CaseStatus, Role, is_allowed
from desktop.core.errors import HonninError
from desktop.services import intake
from desktop.services.review import ResponseKind
from desktop.ui import preferences, texts
from desktop.ui.dialogs.unlock_dialog import UnlockDialog
from desktop.ui.lock import IdleLock
from desktop.ui.models.case_table_model import CaseTableModel
from desktop.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from desktop.services.ports import CaseRecord, PolicyEngine, StoreOpener
    from desktop.services.session import Session
    from desktop.ui.workers import Pools

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300
"""The list is searched once typing pauses this long (one page read per pause)."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate under ``context``; translated where it is shown."""
    del context
    return text


ROLE_LABELS = {
    Role.OPERATOR: QT_TRANSLATE_NOOP("MainWindow", "operator"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("MainWindow", "supervisor"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("MainWindow", "administrator"),
}


def _open_case_job(
    session: Session,
    intake_json: Mapping[str, Any],
    source: str,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> CaseRecord:
    """Store a new request (write pool)."""
    del cancelled  # one transaction: nothing to stop half-way
    progress(0, 1)
    case = intake.open_case(session, intake_json, source)
    progress(1, 1)
    return case


def _unsaved(tab: QWidget | None) -> int:
    """Pages not stored yet in a tab (case screens say; review screens hold none)."""
    pending = getattr(tab, "unsaved_count", None)
    return int(pending()) if callable(pending) else 0


class MainWindow(QMainWindow):
    """The operators' window.

    Args:
        session: the signed-in user's session.
        pools: the worker pools (shared with the case screens).
        opener / policies: the store, to unlock it again after the idle lock or a sign-out.
        idle_msecs: idle time before the lock (default: the preference, in minutes).
        unlock_hint: a line shown in the unlock dialog (the demo's passwords).

    Signals:
        locked(): the idle lock (or the Lock action) dropped the key.
        unlocked(Session): someone signed in again.
        case_created(str): a new request was stored (its tab is open).
    """

    locked = Signal()
    unlocked = Signal(object)
    case_created = Signal(str)  # case id: a new request was stored and its tab opened

    def __init__(
        self,
        session: Session,
        pools: Pools,
        *,
        opener: StoreOpener,
        policies: PolicyEngine,
        idle_msecs: int | None = None,
        unlock_hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session: Session | None = session
        self._pools = pools
        self._opener = opener
        self._policies = policies
        self._unlock_hint = unlock_hint
        self.unlock_dialog: UnlockDialog | None = None
        self._clock = session.now
        self._switching = False
        self._creating: Worker | None = None  # the new request being stored
        self.discarded_on_lock = 0  # unsaved pages dropped by the last lock (told after unlock)
        self._fixed_tabs = 1  # the case list, then the role's screens; case tabs follow
        self.setWindowTitle(self.tr("Honnin Desk"))
        self.resize(1200, 760)

        self.model = CaseTableModel(session, parent=self)
        self.table = QTableView()
        self.table.setObjectName("case_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # The store sorts (keyset pages in SQL); start from the model's own order so that
        # enabling sorting does not re-sort by the header's default column.
        self.table.horizontalHeader().setSortIndicator(
            self.model.sort_column(), self.model.sort_order()
        )
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(
            CaseTableModel.Column.REQUESTER, QHeaderView.ResizeMode.Stretch
        )
        for column, width in (
            (CaseTableModel.Column.CASE_ID, 110),
            (CaseTableModel.Column.RECEIVED, 100),
            (CaseTableModel.Column.REQUEST_TYPES, 200),
            (CaseTableModel.Column.STATUS, 90),
            (CaseTableModel.Column.DUE, 100),
            (CaseTableModel.Column.OPERATOR, 110),
        ):
            self.table.setColumnWidth(column, width)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in CaseStatus:
            self.status_filter.addItem(texts.label(texts.CASE_STATUSES, status), status)
        self.assignee_filter = QComboBox()
        self.assignee_filter.setObjectName("assignee_filter")
        self.assignee_filter.addItem(self.tr("Everyone's cases"), "")
        self.assignee_filter.addItem(self.tr("My cases"), "me")
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(self.tr("Search: case no. or name"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(280)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(4, 4, 4, 4)
        list_layout.addWidget(self.table)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(list_page, self.tr("Cases"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)
        self._add_role_tabs(session)

        self._build_actions()
        self._build_menus_and_toolbar()
        self.user_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self._show_user()

        self._fixed_idle_msecs = idle_msecs  # given by the caller (--idle-minutes, tests)
        app = QApplication.instance()
        assert app is not None  # a window needs the application
        self.idle_lock = IdleLock(app, self._idle_msecs(session), self)

        self.table.doubleClicked.connect(self._row_activated)
        self.table.activated.connect(self._row_activated)
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.assignee_filter.currentIndexChanged.connect(self._apply_filters)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._apply_filters)
        self.tabs.tabCloseRequested.connect(self._tab_close_requested)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.model.modelReset.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        self.idle_lock.idle_timed_out.connect(self.lock)
        self._show_count()
        self.idle_lock.start()

    # ------------------------------------------------------------------ set-up

    def _build_actions(self) -> None:
        self.new_case_action = QAction(self.tr("&New request…"), self)
        self.new_case_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_case_action.triggered.connect(self.new_case)
        self.open_action = QAction(self.tr("&Open case"), self)
        self.open_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_action.triggered.connect(self._open_selected)
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.model.reload)
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self._confirmed(self.lock))
        self.sign_out_action = QAction(self.tr("&Sign out"), self)
        self.sign_out_action.triggered.connect(lambda: self._confirmed(self.sign_out))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.idle_action = QAction(self.tr("&Idle lock time…"), self)
        self.idle_action.triggered.connect(self._choose_idle_minutes)
        self.about_action = QAction(self.tr("&About Honnin Desk"), self)
        self.about_action.triggered.connect(self._about)
        self.language_group = QActionGroup(self)
        current = str(QSettings().value(preferences.LANGUAGE, "ja"))
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("ja", "日本語"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_group.triggered.connect(self._language_chosen)

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_case_action, self.open_action])
        file_menu.addSeparator()
        file_menu.addActions([self.lock_action, self.sign_out_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        language_menu.addActions(list(self.language_actions.values()))
        view_menu.addAction(self.idle_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_case_action)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.refresh_action)
        toolbar.addSeparator()
        # The filters belong to the case list: shown only while it is the current tab.
        self._filter_actions = [
            toolbar.addWidget(QLabel(self.tr("Status:") + " ")),
            toolbar.addWidget(self.status_filter),
            toolbar.addWidget(QLabel("  ")),
            toolbar.addWidget(self.assignee_filter),
            toolbar.addWidget(QLabel("  ")),
            toolbar.addWidget(self.search_edit),
        ]
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        toolbar.addWidget(spacer)
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)

    # ------------------------------------------------------------------- list

    def _apply_filters(self) -> None:
        if self.session is None:
            return
        status = self.status_filter.currentData()
        mine = self.assignee_filter.currentData() == "me"
        self.model.set_filter(
            status=status,
            assignee=self.session.user.name if mine else None,
            search=self.search_edit.text(),
        )

    def _show_count(self, *args: Any) -> None:
        del args
        more = "+" if self.model.canFetchMore(QModelIndex()) else ""
        self.count_label.setText(
            self.tr("%1%2 cases").replace("%1", str(self.model.rowCount())).replace("%2", more)
        )

    def _show_user(self) -> None:
        if self.session is None:
            self.user_label.setText(self.tr("Locked"))
            return
        user = self.session.user
        role = QCoreApplication.translate("MainWindow", ROLE_LABELS.get(user.role, str(user.role)))
        self.user_label.setText(
            self.tr("Signed in: %1 (%2)").replace("%1", user.name).replace("%2", role)
        )

    def _row_activated(self, index: QModelIndex) -> None:
        row = self.model.case_at(index.row())
        if row is not None:
            self.open_case(row.case_id)

    def _open_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self._row_activated(selected[0])

    # ------------------------------------------------------------------ cases

    def open_case(self, case_id: str) -> QWidget | None:
        """Show the case in its tab (opening it if needed); return the tab's widget."""
        if self.session is None:
            return None
        for i in self._case_tabs():
            tab = self.tabs.widget(i)
            if (
                tab is not None
                and tab.property("case_id") == case_id
                and tab.property("screen") != "review"
            ):
                self.tabs.setCurrentIndex(i)
                return tab
        try:
            widget = self._case_widget(case_id)
        except HonninError as exc:
            QMessageBox.warning(self, self.tr("Honnin Desk"), str(exc))
            return None
        widget.setProperty("case_id", case_id)
        index = self.tabs.addTab(widget, case_id)
        self.tabs.setCurrentIndex(index)
        return widget

    def _case_widget(self, case_id: str) -> QWidget:
        assert self.session is not None
        try:
            from desktop.ui.widgets.case_widget import CaseWidget
        except ImportError:  # the case screen is still being built
            placeholder = QLabel(
                self.tr("Case %1: the case screen is being built.").replace("%1", case_id)
            )
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return placeholder
        widget = CaseWidget(
            self.session, case_id, self._pools, hot_folder=self._hot_folder(self.session)
        )
        widget.case_saved.connect(lambda _case: self.model.reload())
        widget.case_submitted.connect(lambda _case: self.model.reload())
        return widget

    def close_tab(self, index: int) -> None:
        """Close a case tab (the case list stays); unsaved pages are discarded."""
        if index < self._fixed_tabs:
            return  # the case list and the role's screens stay
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if widget is not None:
            widget.close()
            widget.setParent(None)  # removeTab leaves it a child of the tab stack
            widget.deleteLater()

    def _tab_close_requested(self, index: int) -> None:
        unsaved = _unsaved(self.tabs.widget(index))
        if unsaved:
            answer = QMessageBox.question(
                self,
                self.tr("Honnin Desk"),
                self.tr(
                    "%1 page(s) of this case are not saved yet and will be discarded. Close?"
                ).replace("%1", str(unsaved)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.close_tab(index)

    def close_case_tabs(self) -> None:
        """Close every case tab."""
        while self.tabs.count() > self._fixed_tabs:
            self.close_tab(self.tabs.count() - 1)

    def case_tabs(self) -> list[QWidget]:
        """The open case and review tabs, in order."""
        return [w for i in self._case_tabs() if (w := self.tabs.widget(i)) is not None]

    def _case_tabs(self) -> range:
        """Indexes of the case tabs (after the case list and the role's screens)."""
        return range(self._fixed_tabs, self.tabs.count())

    def _add_role_tabs(self, session: Session) -> None:
        """Add the screens the signed-in user's role may use, after the case list."""
        for name, title, make in self._role_screens(session):
            widget = make()
            widget.setObjectName(name)
            self.tabs.insertTab(self._fixed_tabs, widget, title)
            self.tabs.tabBar().setTabButton(
                self._fixed_tabs, self.tabs.tabBar().ButtonPosition.RightSide, None
            )
            self._fixed_tabs += 1

    def _remove_role_tabs(self) -> None:
        """Drop the role's screens (they hold the session being closed)."""
        while self._fixed_tabs > 1:
            widget = self.tabs.widget(1)
            self.tabs.removeTab(1)
            self._fixed_tabs -= 1
            if widget is not None:
                widget.close()
                widget.setParent(None)
                widget.deleteLater()

    def role_tab(self, name: str) -> QWidget | None:
        """The role screen called ``name`` (its object name), if the user has it."""
        for i in range(1, self._fixed_tabs):
            widget = self.tabs.widget(i)
            if widget is not None and widget.objectName() == name:
                return widget
        return None

    def _role_screens(self, session: Session) -> list[tuple[str, str, Callable[[], QWidget]]]:
        """(object name, tab title, factory) of each screen the user's role may use."""
        role = session.user.role
        screens: list[tuple[str, str, Callable[[], QWidget]]] = []
        if is_allowed(role, Action.APPROVE):
            screens.append(("review_queue", self.tr("Review queue"), self._review_queue))
        screens.append(("dashboard", self.tr("Dashboard"), self._dashboard))
        if is_allowed(role, Action.APPROVE):
            screens.append(("statistics", self.tr("Statistics"), self._statistics))
        if is_allowed(role, Action.VERIFY_AUDIT):
            screens.append(("audit", self.tr("Audit and disposal"), self._audit))
        if is_allowed(role, Action.MANAGE_USERS):
            screens.append(("administration", self.tr("Administration"), self._administration))
        return screens

    def _dashboard(self) -> QWidget:
        from desktop.ui.widgets.dashboard import DashboardWidget

        assert self.session is not None
        widget = DashboardWidget(self.session, self._pools)
        widget.status_chosen.connect(self._show_status)
        return widget

    def _statistics(self) -> QWidget:
        from desktop.ui.widgets.statistics_view import StatisticsView

        assert self.session is not None
        return StatisticsView(self.session, self._pools)

    def _audit(self) -> QWidget:
        from desktop.ui.widgets.admin_audit import AdminAuditWidget

        assert self.session is not None
        widget = AdminAuditWidget(self.session, self._pools)
        widget.documents_disposed.connect(lambda _ids: self.model.reload())
        return widget

    def _administration(self) -> QWidget:
        from desktop.ui.widgets.admin_settings import AdminSettingsWidget
        from desktop.ui.widgets.admin_users import AdminUsersWidget

        assert self.session is not None
        pages = QTabWidget()
        pages.setDocumentMode(True)
        users = AdminUsersWidget(self.session, self._pools)
        users.setObjectName("admin_users")
        settings = AdminSettingsWidget(self.session, self._pools)
        settings.setObjectName("admin_settings")
        settings.idle_lock_changed.connect(self._idle_minutes_changed)
        settings.hot_folder_changed.connect(self._hot_folder_changed)
        templates = QWidget()
        templates.setObjectName("admin_templates")
        layout = QVBoxLayout(templates)
        hint = QLabel(
            self.tr(
                "The letters' wording: one template per kind of letter, with the company's "
                "name, address and contact from the settings."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        button = QPushButton(self.tr("Edit the letter templates…"))
        button.setObjectName("edit_templates")
        button.clicked.connect(lambda: self.edit_template(ResponseKind.REQUEST_DOCUMENTS))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        pages.addTab(users, self.tr("Users"))
        pages.addTab(settings, self.tr("Settings"))
        pages.addTab(templates, self.tr("Letter templates"))
        return pages

    def edit_template(self, kind: ResponseKind) -> None:
        """Open the template editor of one letter kind (administrators)."""
        from desktop.ui.dialogs.template_editor import TemplateEditorDialog

        if self.session is None:
            return
        dialog = TemplateEditorDialog(self.session, self._pools, self, kind=kind)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _tab_shown(self, index: int) -> None:
        for action in self._filter_actions:
            action.setVisible(index == 0)
        widget = self.tabs.widget(index)
        refresh = getattr(widget, "refresh", None) if widget is not None else None
        if widget is not None and widget.objectName() == "dashboard" and callable(refresh):
            refresh()

    def _show_status(self, status: str) -> None:
        """Show the case list filtered on one status (from the dashboard)."""
        index = self.status_filter.findData(CaseStatus(status))
        if index >= 0:
            self.status_filter.setCurrentIndex(index)
        self.tabs.setCurrentIndex(0)

    def _idle_msecs(self, session: Session) -> int:
        """The idle time: the caller's, else this workstation's, at most the store's."""
        if self._fixed_idle_msecs:
            return self._fixed_idle_msecs
        from desktop.services import admin

        mine = preferences.idle_minutes(QSettings())
        try:
            desk = admin.idle_lock_minutes(session)
        except HonninError:
            desk = mine
        # The administrator's setting is the desk's limit; a user may lock sooner.
        return min(mine, desk) * 60_000

    def _idle_minutes_changed(self, minutes: int) -> None:
        if self.session is not None:
            self.idle_lock.set_interval(self._idle_msecs(self.session))
        log.info("idle lock set to %d min by the administrator", minutes)

    def _hot_folder(self, session: Session) -> Path | None:
        """The scanner folder: this workstation's, else the one set for the desk."""
        from desktop.services import admin

        folder = preferences.hot_folder(QSettings())
        if not folder:
            try:
                folder = admin.read_settings(session).hot_folder
            except HonninError:
                folder = ""
        return Path(folder) if folder and Path(folder).is_dir() else None

    def _hot_folder_changed(self, folder: str) -> None:
        # This workstation's scanner folder follows the administrator's choice made here.
        QSettings().setValue(preferences.HOT_FOLDER, folder)

    def _review_queue(self) -> QWidget:
        from desktop.ui.widgets.review_queue import ReviewQueueView

        assert self.session is not None
        view = ReviewQueueView(self.session, self._pools)
        view.open_review_requested.connect(self.open_review)
        view.reload()
        return view

    def open_review(self, case_id: str) -> QWidget | None:
        """Show the review screen of a case in review (opening its tab if needed)."""
        from desktop.ui.widgets.review_case import ReviewCaseWidget

        if self.session is None:
            return None
        for i in self._case_tabs():
            tab = self.tabs.widget(i)
            if isinstance(tab, ReviewCaseWidget) and tab.property("case_id") == case_id:
                self.tabs.setCurrentIndex(i)
                return tab
        widget = ReviewCaseWidget(self.session, case_id, self._pools)
        widget.setProperty("case_id", case_id)
        widget.setProperty("screen", "review")
        widget.case_decided.connect(self._case_decided)
        widget.letter_drafted.connect(self._letter_drafted)
        index = self.tabs.addTab(widget, self.tr("Review %1").replace("%1", case_id))
        self.tabs.setCurrentIndex(index)
        return widget

    def _letter_drafted(self, case_id: str, kind: str) -> None:
        del kind
        self._case_decided(case_id)
        self.statusBar().showMessage(
            self.tr(
                "Case %1: the letter is drafted; print or send it from the case's letters."
            ).replace("%1", case_id),
            30_000,
        )

    def _case_decided(self, case_id: str) -> None:
        self.model.reload()
        for i in self._case_tabs():
            tab = self.tabs.widget(i)
            if tab is not None and tab.property("case_id") == case_id:
                refresh = getattr(tab, "refresh_case", None)
                if callable(refresh):
                    refresh()
        queue = self.role_tab("review_queue")
        reload = getattr(queue, "reload", None)
        if callable(reload):
            reload()

    def new_case(self) -> None:
        """Ask for a new request; open the case it becomes."""
        if self.session is None:
            return
        from desktop.ui.dialogs.intake_dialog import IntakeDialog

        dialog = IntakeDialog(self.session.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or self.session is None:
            return  # cancelled, or the window locked meanwhile (the form is dropped)
        self.create_case(dialog.intake_json())

    def create_case(self, intake_json: Mapping[str, Any]) -> None:
        """Open a case from an intake form on the write pool; its tab opens when stored.

        Emits ``case_created`` (or shows why not) when the store has answered.
        """
        if self.session is None or self._creating is not None:
            return
        worker = Worker(_open_case_job, self.session, intake_json, self.tr("new request"))
        worker.signals.result.connect(self._case_created)
        worker.signals.error.connect(self._case_not_created)
        worker.signals.finished.connect(self._creation_ended)
        self._creating = worker
        self.new_case_action.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)  # still usable: the work is on the pool
        worker.start(self._pools.write)

    def _case_created(self, case: object) -> None:
        record: CaseRecord = case  # type: ignore[assignment]
        if self.session is None:
            return  # locked meanwhile: the case is stored and listed after the unlock
        self.model.reload()
        self.open_case(record.case_id)
        self.case_created.emit(record.case_id)

    def _case_not_created(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if not isinstance(error, HonninError):
            raise error  # a bug: to the crash handler
        QMessageBox.warning(self, self.tr("New request"), str(error))

    def _creation_ended(self) -> None:
        self._creating = None
        self.unsetCursor()
        self.new_case_action.setEnabled(True)

    # ------------------------------------------------------------ lock, sign out

    def unsaved_pages(self) -> int:
        """Pages of the open case tabs not stored yet (waiting, being analysed, to review)."""
        return sum(_unsaved(tab) for tab in self.case_tabs())

    def _confirmed(self, then: Callable[[], None]) -> None:
        """Run ``then`` (lock or sign out) once the user agrees to drop unsaved pages."""
        unsaved = self.unsaved_pages()
        if unsaved:
            answer = QMessageBox.question(
                self,
                self.tr("Honnin Desk"),
                self.tr(
                    "%1 page(s) not saved yet will be discarded: unmasked pages never stay in "
                    "memory while the desk is locked. Their files stay where they were, to be "
                    "imported again. Go on?"
                ).replace("%1", str(unsaved)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        then()

    def lock(self) -> None:
        """Drop the key (close the store) and ask for the password again.

        Unsaved pages are discarded (the unmasked pixels leave memory with the key); after
        the idle lock the user is told how many once they are back.
        """
        if self.session is None:
            return
        user = self.session.user.name
        self.discarded_on_lock = self.unsaved_pages()
        self._drop_session()
        log.info("window locked")
        self.locked.emit()
        self._ask_unlock(user)

    def sign_out(self) -> None:
        """Close the store and let anyone sign in."""
        if self.session is not None:
            self._drop_session()
            self.locked.emit()
        self._ask_unlock("")

    def _drop_session(self) -> None:
        assert self.session is not None
        self.idle_lock.pause()
        # A store write under way finishes before the key is dropped (writes are short).
        self._pools.write.waitForDone()
        self.close_case_tabs()
        self._remove_role_tabs()
        self.model.clear()
        self.session.store.close()
        self.session = None
        self._show_user()
        self._show_count()

    def _ask_unlock(self, user: str) -> None:
        dialog = UnlockDialog(
            self._opener,
            self._policies,
            locked_user=user,
            hint=self._unlock_hint,
            now=self._clock,
            pool=self._pools.analysis,
            pools=self._pools,
            parent=self,
        )
        dialog.unlocked.connect(self._unlocked)
        dialog.sign_out_requested.connect(self._switch_user)
        dialog.rejected.connect(self._unlock_rejected)
        self.unlock_dialog = dialog
        dialog.open()

    def _switch_user(self) -> None:
        self._switching = True
        QTimer.singleShot(0, self.sign_out)

    def _unlock_rejected(self) -> None:
        if self._switching:
            self._switching = False
            return
        if self.session is None:
            # Cancelling the sign-in of a locked window quits: the store stays closed.
            self.close()

    def _unlocked(self, session: Session) -> None:
        self.session = session
        self.unlock_dialog = None
        self.model.set_session(session)
        self._add_role_tabs(session)
        self.idle_lock.set_interval(self._idle_msecs(session))
        self._apply_filters()
        self._show_user()
        self.idle_lock.start()
        if self.discarded_on_lock:
            self.statusBar().showMessage(
                self.tr(
                    "%1 page(s) not saved were discarded when the desk locked: import them again."
                ).replace("%1", str(self.discarded_on_lock)),
                60_000,
            )
            self.discarded_on_lock = 0
        self.unlocked.emit(session)

    # ------------------------------------------------------------------ misc

    def _language_chosen(self, action: QAction) -> None:
        QSettings().setValue(preferences.LANGUAGE, str(action.data()))
        QMessageBox.information(
            self,
            self.tr("Language"),
            self.tr("The language changes the next time Honnin Desk starts."),
        )

    def _choose_idle_minutes(self) -> None:
        settings = QSettings()
        minutes, ok = QInputDialog.getInt(
            self,
            self.tr("Idle lock time"),
            self.tr("Lock the window after this many minutes without input:"),
            preferences.idle_minutes(settings),
            preferences.MIN_IDLE_MINUTES,
            preferences.MAX_IDLE_MINUTES,
        )
        if ok:
            settings.setValue(preferences.IDLE_MINUTES, minutes)
            if self.session is not None:
                self.idle_lock.set_interval(self._idle_msecs(self.session))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Honnin Desk"),
            self.tr(
                "Honnin Desk %1\nIdentity verification desk for data-subject requests."
            ).replace("%1", __version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the store (the key is dropped) when the window closes."""
        self.idle_lock.uninstall()
        self.close_case_tabs()
        if self.session is not None:
            self._pools.write.waitForDone()  # a store write under way finishes first
            self.model.clear()
            self.session.store.close()
            self.session = None
        super().closeEvent(event)
