"""Access: every role × every action through the services, four-eyes, and refused accounts.

The table maps each ``Action`` of ``desktop.core.cases`` to the service functions that do it;
each role (operator, supervisor, administrator, a disabled and a removed account) tries each
one on a real SQLCipher store. A refusal must be ``NotPermitted`` (a ``RefusedError``)
exactly where ``PERMISSIONS`` says, and leave every table of the database and the key-slot
file byte for byte as they were; a disabled or removed account is refused at unlock. A sample
runs through `honnin` (exit 3, one line on stderr, nothing changed).

Rerun: ``.venv/bin/pytest tests/reliability/test_access.py -s`` (``-s`` prints the number of
role × action cells checked).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

import pytest

from desktop.core.case import Holder
from desktop.core.cases import PERMISSIONS, Action, CaseStatus, NotPermitted, Role
from desktop.core.errors import RefusedError
from desktop.services import (
    accounts,
    audit,
    disposal,
    documents,
    intake,
    letters,
    review,
    workspace,
)
from desktop.services.review import ResponseKind
from desktop.store.db import Store as SqlStore
from tests.clock import Clock
from tests.reliability import desk
from tests.reliability.desk import Cli

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    import sqlcipher3

    from desktop.services.session import Session

DISABLED, REMOVED = "dora", "remy"
ACTORS = {
    Role.OPERATOR: "olivia",
    Role.SUPERVISOR: "sam",
    Role.ADMINISTRATOR: desk.ADMIN,
}
"""Who plays each role; cases are prepared and submitted by ``oscar`` (four-eyes apart)."""
PREPARER, DECIDER = "oscar", "sue"


@dataclass(frozen=True)
class Template:
    folder: Path
    recovery_key: str


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    folder = tmp_path_factory.mktemp("access") / "store"
    admin, key = desk.create(folder)
    try:
        for name in (DISABLED, REMOVED):
            accounts.add_user(admin, name, Role.OPERATOR, desk.password(name))
        accounts.set_active(admin, DISABLED, False)
    finally:
        admin.store.close()
    return Template(folder, key)


# --------------------------------------------------------------------------- snapshots


def snapshot(conn: sqlcipher3.Connection, folder: Path) -> tuple[int, str, bytes]:
    """The audit event count, a digest of every row of every table, the key-slot file."""
    digest = hashlib.sha256()
    tables = [
        str(row[0])
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    for table in tables:
        digest.update(table.encode())
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(row).encode())
    (events,) = conn.execute("SELECT count(*) FROM audit_events").fetchone()
    return int(events), digest.hexdigest(), desk.slots_path(folder).read_bytes()


# --------------------------------------------------------------------------- the table


@dataclass
class World:
    """A store copy for one test: sessions of the staff, cases made to order."""

    folder: Path
    clock: Clock
    sessions: dict[str, Session]
    serial: count[int]

    def session(self, name: str) -> Session:
        if name not in self.sessions:
            self.sessions[name] = desk.login(self.folder, name, self.clock)
        return self.sessions[name]

    def case(self, status: CaseStatus | None) -> str:
        """A fresh case in ``status``, with one page, prepared and submitted by oscar."""
        if status is None:
            return ""
        oscar = self.session(PREPARER)
        case_id = intake.open_case(oscar, desk.REQUEST, "case.json").case_id
        documents.add_page(
            oscar,
            case_id,
            desk.masked_page(fields={"name": "架空 花子", "birth_date": "1990-01-02"}),
            holder=Holder.PRINCIPAL,
        )
        if status is CaseStatus.INTAKE:
            return case_id
        review.submit(oscar, case_id)
        if status is CaseStatus.APPROVED:
            review.approve(self.session(DECIDER), case_id)
        return case_id

    def close(self) -> None:
        for session in self.sessions.values():
            session.store.close()


def _first_document(session: Session, case_id: str) -> int:
    return documents.list_documents(session, case_id)[0].document_id


def _edited(session: Session, case_id: str, world: World) -> object:
    changed = {**desk.REQUEST, "request_types": ["disclosure", "correction"]}
    return intake.edit_intake(session, case_id, changed, "case.json")


def _new_name(world: World) -> str:
    return f"staff{next(world.serial)}"


ENTRIES: tuple[tuple[Action, str, CaseStatus | None, Callable[[Session, str, World], object]], ...]
ENTRIES = (
    (Action.OPEN_CASE, "intake.open_case", None,
     lambda s, c, w: intake.open_case(s, desk.REQUEST, "case.json")),
    (Action.EDIT_CASE, "intake.edit_intake", CaseStatus.INTAKE, _edited),
    (Action.EDIT_CASE, "documents.correct_page", CaseStatus.INTAKE,
     lambda s, c, w: documents.correct_page(
         s, c, _first_document(w.session(PREPARER), c), fields={"name": "架空 華子"})),
    (Action.ADD_DOCUMENT, "documents.add_page", CaseStatus.INTAKE,
     lambda s, c, w: documents.add_page(s, c, desk.masked_page(), holder=Holder.PRINCIPAL)),
    (Action.VIEW_DOCUMENT, "documents.page_image", CaseStatus.INTAKE,
     lambda s, c, w: documents.page_image(s, c, _first_document(w.session(PREPARER), c))),
    (Action.EVALUATE, "review.evaluate", CaseStatus.INTAKE,
     lambda s, c, w: review.evaluate(s, c)),
    (Action.SUBMIT, "review.submit", CaseStatus.INTAKE, lambda s, c, w: review.submit(s, c)),
    (Action.APPROVE, "review.approve", CaseStatus.IN_REVIEW,
     lambda s, c, w: review.approve(s, c)),
    (Action.RETURN, "review.return_case", CaseStatus.IN_REVIEW,
     lambda s, c, w: review.return_case(s, c, "住民票の写しをお送りください")),
    (Action.REJECT, "review.reject", CaseStatus.IN_REVIEW,
     lambda s, c, w: review.reject(s, c, "identity_unverifiable")),
    (Action.CLOSE, "review.close", CaseStatus.APPROVED, lambda s, c, w: review.close(s, c)),
    (Action.WRITE_LETTER, "letters.write_letter", CaseStatus.APPROVED,
     lambda s, c, w: letters.write_letter(s, c, ResponseKind.DISCLOSURE_NOTICE)),
    (Action.WRITE_LETTER, "review.record_response", CaseStatus.APPROVED,
     lambda s, c, w: review.record_response(s, c, ResponseKind.DISCLOSURE_NOTICE)),
    (Action.LIST_CASES, "intake.list_cases", None, lambda s, c, w: intake.list_cases(s)),
    (Action.LIST_CASES, "intake.review_queue", None, lambda s, c, w: intake.review_queue(s)),
    (Action.LIST_CASES, "intake.get_case", CaseStatus.INTAKE,
     lambda s, c, w: intake.get_case(s, c)),
    (Action.DISPOSE, "disposal.due_documents", None,
     lambda s, c, w: disposal.due_documents(s)),
    (Action.DISPOSE, "disposal.dispose_due", None, lambda s, c, w: disposal.dispose_due(s)),
    (Action.MANAGE_USERS, "accounts.add_user", None,
     lambda s, c, w: accounts.add_user(s, _new_name(w), Role.OPERATOR, "pw-new-staff")),
    (Action.MANAGE_USERS, "accounts.list_users", None, lambda s, c, w: accounts.list_users(s)),
    (Action.MANAGE_USERS, "accounts.set_active", None,
     lambda s, c, w: accounts.set_active(s, "oscar", True)),
    (Action.MANAGE_USERS, "accounts.change_password (another's)", None,
     lambda s, c, w: accounts.change_password(s, PREPARER, desk.password(PREPARER))),
    (Action.CHANGE_OWN_PASSWORD, "accounts.change_password (own)", None,
     lambda s, c, w: accounts.change_password(s, s.user.name, desk.password(s.user.name))),
    (Action.EDIT_SETTINGS, "audit.export_csv", None,
     lambda s, c, w: audit.export_csv(s, io.StringIO())),
    (Action.VERIFY_AUDIT, "audit.verify", None, lambda s, c, w: audit.verify(s)),
    (Action.BACKUP, "accounts.backup", None,
     lambda s, c, w: accounts.backup(s, w.folder.parent / f"backup{next(w.serial)}")),
)  # fmt: skip
"""(action, service function, status of the case it needs, the call)."""


READS = frozenset(
    {
        "intake.list_cases",
        "intake.review_queue",
        "intake.get_case",
        "disposal.due_documents",
        "disposal.dispose_due",  # nothing is due in these tests
        "accounts.list_users",
        "audit.verify",
    }
)
"""Entries that write nothing when allowed; every other one leaves an audit event."""


def test_the_table_covers_every_action() -> None:
    assert {action for action, *_ in ENTRIES} == set(Action)
    assert set(PERMISSIONS) == set(Action)


@pytest.fixture
def world(template: Template, tmp_path: Path) -> Iterator[World]:
    folder = tmp_path / "store"
    shutil.copytree(template.folder, folder)
    made = World(folder, Clock(), {}, count(1))
    yield made
    made.close()


CELLS: list[str] = []
"""Every role × entry checked, for the printed figure."""


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_may_do_exactly_what_the_table_allows(
    role: Role, world: World, template: Template
) -> None:
    actor = world.session(ACTORS[role])
    raw = desk.raw_connect(world.folder, template.recovery_key)
    problems: list[str] = []
    refused = 0
    try:
        for action, label, status, call in ENTRIES:
            case_id = world.case(status)
            before = snapshot(raw, world.folder)
            allowed = role in PERMISSIONS[action]
            try:
                call(actor, case_id, world)
            except NotPermitted as exc:
                if allowed:
                    problems.append(f"{role} {label}: refused ({exc}) but the table allows it")
                elif snapshot(raw, world.folder) != before:
                    problems.append(f"{role} {label}: refused, yet something was written")
                refused += 1
            else:
                if not allowed:
                    problems.append(f"{role} {label}: done, but the table forbids it")
                elif label not in READS and snapshot(raw, world.folder)[0] <= before[0]:
                    problems.append(f"{role} {label}: done, but no audit event was written")
            CELLS.append(f"{role}:{label}")
        expected = sum(role not in PERMISSIONS[action] for action, *_ in ENTRIES)
        assert refused == expected
    finally:
        raw.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", [DISABLED, REMOVED, "nobody"])
def test_refused_accounts_cannot_unlock(
    name: str,
    template: Template,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A disabled account, one removed with `honnin users remove`, one that never existed:
    each is refused at unlock (services, workspace and CLI), so no action of the table runs,
    and the refusal writes nothing."""
    folder = tmp_path / "store"
    shutil.copytree(template.folder, folder)
    cli = Cli(capsys, monkeypatch, tmp_path)
    if name == REMOVED:
        run = cli.as_(desk.ADMIN, folder, "users", "remove", REMOVED)
        assert run.code == 0, run.err
    raw = desk.raw_connect(folder, template.recovery_key)
    try:
        before = snapshot(raw, folder)
        for _action, label, _status, _call in ENTRIES:
            with pytest.raises(RefusedError):
                desk.login(folder, name)
            CELLS.append(f"{name}:{label}")
        with pytest.raises(RefusedError):
            workspace.unlock(folder, user=name, password=desk.password(name))
        run = cli.as_(name, folder, "case", "list")
        assert run.code == 3
        assert len(run.err.strip().splitlines()) == 1
        assert snapshot(raw, folder) == before
    finally:
        raw.close()


# --------------------------------------------------------------------------- four-eyes


@pytest.mark.parametrize("preparer", ["sam", desk.ADMIN], ids=["supervisor", "administrator"])
def test_the_submitter_cannot_approve(preparer: str, world: World, template: Template) -> None:
    """Whoever submitted a case may not approve it, administrators included; another may.
    The same holds after a return and a second submission (the last submitter is the
    preparer)."""
    session = world.session(preparer)
    case_id = world.case(CaseStatus.INTAKE)
    review.submit(session, case_id)
    raw = desk.raw_connect(world.folder, template.recovery_key)
    try:
        before = snapshot(raw, world.folder)
        with pytest.raises(NotPermitted, match="four-eyes"):
            review.approve(session, case_id)
        assert snapshot(raw, world.folder) == before
        other = world.session(DECIDER)
        review.return_case(other, case_id, "住民票の写しをお送りください")
        review.submit(session, case_id)  # submitted again by the same person
        before = snapshot(raw, world.folder)
        with pytest.raises(NotPermitted, match="four-eyes"):
            review.approve(session, case_id)
        assert snapshot(raw, world.folder) == before
    finally:
        raw.close()
    assert review.approve(other, case_id).status is CaseStatus.APPROVED


def test_an_account_disabled_during_its_session_is_refused(
    world: World, template: Template
) -> None:
    """Disabling an account takes its rights away at its next action, not when it locks;
    the refusal writes nothing."""
    olivia = world.session("olivia")
    case_id = world.case(CaseStatus.INTAKE)
    accounts.set_active(world.session(desk.ADMIN), "olivia", False)
    raw = desk.raw_connect(world.folder, template.recovery_key)
    try:
        before = snapshot(raw, world.folder)
        with pytest.raises(RefusedError, match="disabled"):
            intake.open_case(olivia, desk.REQUEST, "case.json")
        with pytest.raises(RefusedError, match="disabled"):
            intake.list_cases(olivia)  # reads too: every role may list, an inactive one not
        with pytest.raises(RefusedError, match="disabled"):
            review.submit(olivia, case_id)
        assert snapshot(raw, world.folder) == before
    finally:
        raw.close()
    accounts.set_active(world.session(desk.ADMIN), "olivia", True)
    assert intake.open_case(olivia, desk.REQUEST, "case.json").case_id  # enabled again


def test_an_account_demoted_during_its_session_loses_the_role(world: World) -> None:
    """A supervisor made operator while signed in may no longer approve; what the new role
    allows still works."""
    sam = world.session(DECIDER)
    case_id = world.case(CaseStatus.IN_REVIEW)
    store = world.session(desk.ADMIN).store
    assert isinstance(store, SqlStore)  # no service changes a role yet: the store does
    store.users.set_role(DECIDER, Role.OPERATOR)
    with pytest.raises(NotPermitted, match="operator"):
        review.approve(sam, case_id)
    assert intake.get_case(sam, case_id).status is CaseStatus.IN_REVIEW
    store.users.set_role(DECIDER, Role.SUPERVISOR)
    assert review.approve(sam, case_id).status is CaseStatus.APPROVED


# --------------------------------------------------------------------------- command line


def test_refusals_through_the_command_line(
    world: World,
    template: Template,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sample of the store commands: exit 3, one line on stderr, nothing changed."""
    cli = Cli(capsys, monkeypatch, tmp_path)
    in_review = world.case(CaseStatus.IN_REVIEW)
    own = world.case(CaseStatus.INTAKE)
    review.submit(world.session("sam"), own)
    admins_own = world.case(CaseStatus.INTAKE)
    review.submit(world.session(desk.ADMIN), admins_own)
    world.close()
    world.sessions.clear()
    request = tmp_path / "case.json"
    request.write_text(json.dumps(desk.REQUEST, ensure_ascii=False), encoding="utf-8")
    new_pw = cli.pw_file("newcomer")
    backup = tmp_path / "backup"
    sample = [
        ("olivia", ("case", "approve", in_review)),
        ("olivia", ("case", "return", in_review, "--reason", "書類不足")),
        ("olivia", ("case", "reject", in_review, "--reason", "identity_unverifiable")),
        ("olivia", ("users", "add", "newcomer", "--role", "operator",
                    "--new-password-file", str(new_pw))),
        ("sam", ("users", "add", "newcomer", "--role", "administrator",
                 "--new-password-file", str(new_pw))),
        ("olivia", ("users", "remove", "oscar")),
        ("olivia", ("dispose", "--due")),
        ("olivia", ("audit", "verify")),
        ("sam", ("backup", str(backup))),
        ("sam", ("case", "approve", own)),  # four-eyes
        (desk.ADMIN, ("case", "approve", admins_own)),  # four-eyes, even as administrator
        (DISABLED, ("case", "list")),
        (DISABLED, ("case", "open", str(request))),
        ("nobody", ("case", "list")),
    ]  # fmt: skip
    raw = desk.raw_connect(world.folder, template.recovery_key)
    try:
        for user, argv in sample:
            before = snapshot(raw, world.folder)
            run = cli.as_(user, world.folder, *argv)
            assert run.code == 3, (user, argv, run)
            assert len(run.err.strip().splitlines()) == 1, run.err
            assert "Traceback" not in run.err
            assert snapshot(raw, world.folder) == before, (user, argv)
        assert not backup.exists()
        CELLS.extend(f"cli:{user}:{argv[0]}" for user, argv in sample)
        # A wrong password is refused too; it changes nothing but the slot's failure count
        # (kept so that restarts do not reset the back-off).
        wrong = tmp_path / "wrong.pw"
        wrong.write_text("not-the-password\n", encoding="utf-8")
        events, tables, _slots = snapshot(raw, world.folder)
        run = cli.run(
            "case", "list", "--store", str(world.folder), "--user", "olivia",
            "--password-file", str(wrong),
        )  # fmt: skip
        assert run.code == 3
        assert len(run.err.strip().splitlines()) == 1
        assert snapshot(raw, world.folder)[:2] == (events, tables)
        slots = json.loads(desk.slots_path(world.folder).read_text("utf-8"))["slots"]
        assert slots["olivia"]["failures"] == 1
    finally:
        raw.close()


def test_figure_cells_checked() -> None:
    """Prints the figure (runs after the matrix, in file order)."""
    print(f"\nrole × action cells checked: {len(CELLS)} ({len(ENTRIES)} service entries)")
