"""`honnin init|users|case|audit|dispose|backup`: the encrypted store from the command line.

Every command takes ``--store DIR`` (default: the user-data folder) and, except ``init``,
``--user NAME --password-file FILE``; without ``--password-file`` the password is asked for
at a prompt (or read from the first line of standard input when it is not a terminal). A
password is never accepted on the command line.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from desktop.core.cases import CaseRecord
    from desktop.services.session import Session

EXIT_OK = 0
EXIT_BROKEN = 1

MAX_PASSWORD_FILE = 64 * 1024
ROLES = ("operator", "supervisor", "administrator")
STATUSES = ("intake", "in_review", "returned", "approved", "rejected", "closed")
LETTER_KINDS = (
    "request_documents",
    "refusal",
    "purpose_notification",
    "disclosure_notice",
    "completion",
)
_S = argparse.SUPPRESS


# --------------------------------------------------------------------------- parsing


def _store_option(parser: argparse.ArgumentParser, *, default: Any = None) -> None:
    parser.add_argument(
        "--store",
        metavar="DIR",
        default=default,
        help="the store's folder (default: the user-data folder)",
    )


def _login_options(parser: argparse.ArgumentParser) -> None:
    """``--store``, ``--user``, ``--password-file``.

    Group parsers (``case``, ``users``, ``audit``) take them too, so that they may stand
    before or after the sub-command; every default is SUPPRESS so that no level overwrites
    a value given at the other (read them with ``getattr(args, name, None)``).
    """
    default = _S
    _store_option(parser, default=default)
    parser.add_argument("--user", metavar="NAME", default=default, help="your account")
    parser.add_argument(
        "--password-file",
        metavar="FILE",
        default=default,
        help="a file whose first line is your password (else you are asked)",
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the store commands to the `honnin` parser."""
    init = sub.add_parser("init", help="create the store and its first administrator")
    _store_option(init)
    init.add_argument("--admin", required=True, metavar="NAME", help="first administrator")
    init.add_argument(
        "--password-file", metavar="FILE", help="a file whose first line is the password"
    )
    init.add_argument(
        "--policy",
        default="appi-default",
        metavar="NAME",
        help="the verification policy in force: a built-in name or a policy file",
    )
    _json_option(init)
    init.set_defaults(handler=run_init)

    users = sub.add_parser("users", help="accounts (administrators)")
    _login_options(users)
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="add an account with its own key slot")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--new-password-file",
        required=True,
        metavar="FILE",
        help="a file whose first line is the new account's password",
    )
    _login_options(add)
    _json_option(add)
    add.set_defaults(handler=run_users_add)
    lst = users_sub.add_parser("list", help="the accounts")
    _login_options(lst)
    _json_option(lst)
    lst.set_defaults(handler=run_users_list)
    remove = users_sub.add_parser("remove", help="disable an account (its name stays taken)")
    remove.add_argument("name", metavar="NAME")
    _login_options(remove)
    remove.set_defaults(handler=run_users_remove)

    passwd = users_sub.add_parser("passwd", help="change a password (yours, or any: admins)")
    passwd.add_argument("name", metavar="NAME")
    passwd.add_argument(
        "--new-password-file",
        required=True,
        metavar="FILE",
        help="a file whose first line is the new password",
    )
    _login_options(passwd)
    passwd.set_defaults(handler=run_users_passwd)

    case = sub.add_parser("case", help="cases: open, add pages, evaluate, review")
    _login_options(case)
    case_sub = case.add_subparsers(dest="case_command", required=True)

    p = case_sub.add_parser("open", help="open a case from a request (CASE.json)")
    p.add_argument("file", metavar="CASE.json")
    _login_options(p)
    _json_option(p)
    p.set_defaults(handler=run_case_open)

    p = case_sub.add_parser("edit", help="replace the request of a case still in intake")
    p.add_argument("case_id", metavar="CASE_ID")
    p.add_argument("file", metavar="CASE.json")
    _login_options(p)
    _json_option(p)
    p.set_defaults(handler=run_case_edit)

    p = case_sub.add_parser("add-page", help="scan a file, mask it, store the masked pages")
    p.add_argument("case_id", metavar="CASE_ID")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--holder", required=True, choices=("principal", "representative"))
    p.add_argument(
        "--request-form",
        action="store_true",
        help="the pages are the request form (kept for the request-form retention period)",
    )
    _login_options(p)
    _json_option(p)
    p.set_defaults(handler=run_case_add_page)

    p = case_sub.add_parser("page", help="write a stored (masked) page as PNG")
    p.add_argument("case_id", metavar="CASE_ID")
    p.add_argument("document_id", metavar="DOCUMENT_ID")
    p.add_argument("--out", required=True, metavar="OUT.png")
    _login_options(p)
    p.set_defaults(handler=run_case_page)

    p = case_sub.add_parser("evaluate", help="weigh the stored documents against the policy")
    p.add_argument("case_id", metavar="CASE_ID")
    _login_options(p)
    _json_option(p)
    p.set_defaults(handler=run_case_evaluate)

    for name, text in (
        ("submit", "submit the case for review"),
        ("approve", "approve the case (supervisors; not the one who submitted it)"),
        ("return", "return the case for more documents (supervisors)"),
        ("reject", "reject the case, with a ground (supervisors)"),
        ("close", "close the case (supervisors)"),
    ):
        p = case_sub.add_parser(name, help=text)
        p.add_argument("case_id", metavar="CASE_ID")
        p.add_argument(
            "--reason", metavar="TEXT", help="the letter (return), the ground (reject), a note"
        )
        _login_options(p)
        _json_option(p)
        p.set_defaults(handler=run_case_action, action=name)

    p = case_sub.add_parser("respond", help="record that a notice was sent to the requester")
    p.add_argument("case_id", metavar="CASE_ID")
    p.add_argument("--kind", required=True, choices=LETTER_KINDS)
    p.add_argument("--sent-on", metavar="YYYY-MM-DD", help="default: today")
    _login_options(p)
    _json_option(p)
    p.set_defaults(handler=run_case_respond)

    p = case_sub.add_parser("letter", help="write a letter to the requester as PDF")
    p.add_argument("case_id", metavar="CASE_ID")
    p.add_argument("--kind", required=True, choices=LETTER_KINDS)
    p.add_argument("--out", required=True, metavar="OUT.pdf")
    _login_options(p)
    p.set_defaults(handler=run_case_letter)

    p = case_sub.add_parser("list", help="the cases, one a line")
    p.add_argument("--status", choices=STATUSES)
    _login_options(p)
    _json_option(p)
    p.set_defaults(handler=run_case_list)

    audit = sub.add_parser("audit", help="the audit chain")
    _login_options(audit)
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    p = audit_sub.add_parser("verify", help="recompute the chain; exit 1 when it is broken")
    _login_options(p)
    _json_option(p)
    p.set_defaults(handler=run_audit_verify)
    p = audit_sub.add_parser("export", help="the events as CSV, without personal data")
    p.add_argument("--out", metavar="FILE.csv", help="default: standard output")
    _login_options(p)
    p.set_defaults(handler=run_audit_export)

    dispose = sub.add_parser("dispose", help="destroy the images whose time has come")
    dispose.add_argument(
        "--due", action="store_true", required=True, help="every image the policy says is due"
    )
    _login_options(dispose)
    _json_option(dispose)
    dispose.set_defaults(handler=run_dispose)

    backup = sub.add_parser("backup", help="a consistent copy of the store with its key slots")
    backup.add_argument("dest", metavar="DEST", help="a new or empty folder")
    _login_options(backup)
    backup.set_defaults(handler=run_backup)


# --------------------------------------------------------------------------- helpers


def read_password_file(path: str) -> str:
    """The first line of ``path`` (without its line ending).

    Raises:
        InputError: the file cannot be read, is not UTF-8 text, or its first line is empty.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PASSWORD_FILE + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_PASSWORD_FILE:
        raise InputError(path, "too large for a password file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if not password:
        raise InputError(path, "the first line (the password) is empty")
    return password


def _prompt_password(prompt: str) -> str:
    if not sys.stdin.isatty():
        # Scripts may pipe the password in; it never appears on the command line.
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
    else:
        password = getpass.getpass(prompt)
    if not password:
        raise InputError("password", "no password given")
    return password


def _password(args: argparse.Namespace, attr: str = "password_file") -> str:
    path = getattr(args, attr, None)
    if path:
        return read_password_file(path)
    return _prompt_password("Password: ")


def _user(args: argparse.Namespace) -> str:
    user = getattr(args, "user", None)
    if user:
        return str(user)
    if not sys.stdin.isatty():
        raise InputError("--user", "give your account name with --user NAME")
    return input("User: ").strip()


def _session(args: argparse.Namespace) -> Session:
    from desktop.services import workspace

    user = _user(args)
    password = _password(args)
    return workspace.unlock(getattr(args, "store", None), user=user, password=password)


@contextlib.contextmanager
def _unlocked(args: argparse.Namespace) -> Iterator[Session]:
    """Unlock the store for one command and close it (dropping the key) however it ends."""
    session = _session(args)
    try:
        yield session
    finally:
        session.store.close()


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def _read_json(path: str) -> Any:
    from desktop.services.policies import read_json

    return read_json(path)


def _write(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None


def _case_line(case: CaseRecord) -> str:
    due = case.due_on.isoformat() if case.due_on else "-"
    return f"{case.case_id}  {case.status.value:<10} received {case.received_on}  due {due}"


# --------------------------------------------------------------------------- commands


def run_init(args: argparse.Namespace) -> int:
    """`honnin init --store DIR --admin NAME --password-file FILE [--policy NAME] [--json]`."""
    from desktop.services import workspace

    password = _password(args)
    repeat_needed = not args.password_file and sys.stdin.isatty()
    if repeat_needed and getpass.getpass("Repeat the password: ") != password:
        raise InputError("password", "the two passwords differ; nothing was created")
    session, recovery_key = workspace.initialise(
        args.store, admin=args.admin, password=password, policy=args.policy
    )
    session.store.close()
    if args.json:
        _print_json({"recovery_key": recovery_key})
    else:
        print(f"Recovery key: {recovery_key}")
        print(
            "Write it down and keep it apart from this computer: it is shown only once and "
            "opens the store when every password is lost.",
            file=sys.stderr,
        )
    return EXIT_OK


def run_users_add(args: argparse.Namespace) -> int:
    """`honnin users add NAME --role ROLE --new-password-file FILE`."""
    from desktop.core.cases import Role
    from desktop.services import accounts

    new_password = read_password_file(args.new_password_file)
    with _unlocked(args) as session:
        user = accounts.add_user(session, args.name, Role(args.role), new_password)
    if args.json:
        _print_json({"name": user.name, "role": user.role.value})
    else:
        print(f"added {user.name} ({user.role.value})")
    return EXIT_OK


def run_users_list(args: argparse.Namespace) -> int:
    """`honnin users list [--json]`."""
    from desktop.services import accounts

    with _unlocked(args) as session:
        users = accounts.list_users(session)
    for user in users:
        if args.json:
            _print_json({"name": user.name, "role": user.role.value, "active": user.active})
        else:
            state = "" if user.active else "  (removed)"
            print(f"{user.name}  {user.role.value}{state}")
    return EXIT_OK


def run_users_remove(args: argparse.Namespace) -> int:
    """`honnin users remove NAME`."""
    from desktop.services import accounts

    with _unlocked(args) as session:
        accounts.set_active(session, args.name, False)
    print(f"removed {args.name}")
    return EXIT_OK


def run_users_passwd(args: argparse.Namespace) -> int:
    """`honnin users passwd NAME --new-password-file FILE`."""
    from desktop.services import accounts

    new_password = read_password_file(args.new_password_file)
    with _unlocked(args) as session:
        accounts.change_password(session, args.name, new_password)
    print(f"password of {args.name} changed")
    return EXIT_OK


def run_case_open(args: argparse.Namespace) -> int:
    """`honnin case open CASE.json [--json]`."""
    from desktop.services import intake

    data = _read_json(args.file)
    with _unlocked(args) as session:
        case = intake.open_case(session, data, args.file)
    if args.json:
        _print_json(intake.case_summary(case))
    else:
        print(_case_line(case))
    return EXIT_OK


def run_case_edit(args: argparse.Namespace) -> int:
    """`honnin case edit CASE_ID CASE.json [--json]`."""
    from desktop.services import intake

    data = _read_json(args.file)
    with _unlocked(args) as session:
        case = intake.edit_intake(session, args.case_id, data, args.file)
    if args.json:
        _print_json(intake.case_summary(case))
    else:
        print(_case_line(case))
    return EXIT_OK


def run_case_add_page(args: argparse.Namespace) -> int:
    """`honnin case add-page CASE_ID FILE --holder H [--json]`: scan, mask, store."""
    from desktop.core.case import Holder
    from desktop.core.cases import DocumentCategory
    from desktop.services import documents

    category = DocumentCategory.REQUEST_FORM if args.request_form else DocumentCategory.IDENTITY
    with _unlocked(args) as session:
        pages = documents.scan_file(
            session,
            args.case_id,
            Path(args.file),
            args.file,
            holder=Holder(args.holder),
            category=category,
        )
    for page in pages:
        if args.json:
            _print_json(dict(page.scan))
        else:
            kinds = ", ".join(r.kind for r in page.document.regions) or "nothing"
            print(
                f"document {page.document.document_id}: {page.document.document_type.value}"
                f" (page {page.scan.get('page')}; masked: {kinds})"
            )
    return EXIT_OK


def _document_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise InputError(text, "DOCUMENT_ID must be a number") from None
    if value <= 0:
        raise InputError(text, "DOCUMENT_ID must be a positive number")
    return value


def run_case_page(args: argparse.Namespace) -> int:
    """`honnin case page CASE_ID DOCUMENT_ID --out OUT.png`."""
    from desktop.services import documents

    document_id = _document_id(args.document_id)
    with _unlocked(args) as session:
        png = documents.page_image(session, args.case_id, document_id)
    _write(args.out, png)
    return EXIT_OK


def run_case_evaluate(args: argparse.Namespace) -> int:
    """`honnin case evaluate CASE_ID [--json]`: the `check` output for the stored documents."""
    from desktop.services import review

    with _unlocked(args) as session:
        case = review.evaluate(session, args.case_id)
    out = review.verdict_json(case)
    if args.json:
        _print_json(out)
    else:
        print(f"decision: {out['decision']}")
        for reason in out["reasons"]:
            print(f"- [{reason['code']}] {reason['message']}")
        print(f"due on: {out['due_on'] or 'none'}")
        print(f"policy: {out['policy']} ({out['policy_version']})")
    return EXIT_OK


def run_case_action(args: argparse.Namespace) -> int:
    """`honnin case submit|approve|return|reject|close CASE_ID [--reason TEXT]`."""
    from desktop.services import review

    with _unlocked(args) as session:
        if args.action == "submit":
            case = review.submit(session, args.case_id)
        elif args.action == "approve":
            case = review.approve(session, args.case_id, args.reason)
        elif args.action == "return":
            case = review.return_case(session, args.case_id, args.reason)
        elif args.action == "reject":
            case = review.reject(session, args.case_id, args.reason)
        else:
            case = review.close(session, args.case_id)
    if args.json:
        from desktop.services import intake

        _print_json(intake.case_summary(case))
    else:
        print(_case_line(case))
    return EXIT_OK


def run_case_respond(args: argparse.Namespace) -> int:
    """`honnin case respond CASE_ID --kind KIND [--sent-on DATE]`."""
    from datetime import date

    from desktop.services import intake, review

    sent_on = None
    if args.sent_on:
        try:
            sent_on = date.fromisoformat(args.sent_on)
        except ValueError:
            raise InputError(args.sent_on, "--sent-on must be a date as YYYY-MM-DD") from None
    with _unlocked(args) as session:
        case = review.record_response(
            session, args.case_id, review.ResponseKind(args.kind), sent_on
        )
    if args.json:
        _print_json({**intake.case_summary(case), "response_kind": case.response_kind})
    else:
        print(f"{case.case_id}: {case.response_kind} sent on {case.response_sent_on}")
    return EXIT_OK


def run_case_letter(args: argparse.Namespace) -> int:
    """`honnin case letter CASE_ID --kind KIND --out OUT.pdf`: a Japanese letter as PDF."""
    from desktop.services import letters, review

    with _unlocked(args) as session:
        pdf = letters.write_letter(session, args.case_id, review.ResponseKind(args.kind))
    _write(args.out, pdf)
    return EXIT_OK


def run_case_list(args: argparse.Namespace) -> int:
    """`honnin case list [--status S] [--json]`: one object per line."""
    from desktop.core.cases import CaseStatus
    from desktop.services import intake

    with _unlocked(args) as session:
        status = CaseStatus(args.status) if args.status else None
        cases = intake.list_cases(session, status)
    for case in cases:
        if args.json:
            _print_json(intake.case_summary(case))
        else:
            print(_case_line(case))
    return EXIT_OK


def run_audit_verify(args: argparse.Namespace) -> int:
    """`honnin audit verify [--json]`: exit 1 when the chain is broken."""
    from desktop.services import audit

    with _unlocked(args) as session:
        check = audit.verify(session)
    if args.json:
        _print_json(
            {"intact": check.intact, "events": check.events, "first_broken": check.first_broken}
        )
    elif check.intact:
        print(f"intact: {check.events} events")
    else:
        print(f"BROKEN at event {check.first_broken} ({check.events} events)")
    return EXIT_OK if check.intact else EXIT_BROKEN


def run_audit_export(args: argparse.Namespace) -> int:
    """`honnin audit export [--out FILE.csv]`: CSV without personal data."""
    import io

    from desktop.services import audit

    buffer = io.StringIO()
    with _unlocked(args) as session:
        audit.export_csv(session, buffer)
    if args.out:
        _write(args.out, buffer.getvalue().encode("utf-8"))
    else:
        sys.stdout.write(buffer.getvalue())
    return EXIT_OK


def run_dispose(args: argparse.Namespace) -> int:
    """`honnin dispose --due [--json]`: {"disposed": [DOCUMENT_ID, ...]}."""
    from desktop.services import disposal

    with _unlocked(args) as session:
        disposed = disposal.dispose_due(session)
    if args.json:
        _print_json({"disposed": disposed})
    else:
        print(f"disposed of {len(disposed)} image(s)" + (f": {disposed}" if disposed else ""))
    return EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    """`honnin backup DEST`: a consistent copy of the database with its key-slot file."""
    from desktop.services import accounts

    with _unlocked(args) as session:
        accounts.backup(session, Path(args.dest))
    print(f"backed up to {args.dest}")
    return EXIT_OK
