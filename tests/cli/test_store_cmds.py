"""End to end: the store commands of the contract against a real SQLCipher store in tmp_path."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageDraw, ImageFont

from desktop.cli import main
from desktop.core.case import Holder
from desktop.core.documents import DocumentType
from desktop.services import documents, workspace
from desktop.services.documents import MaskedPage

if TYPE_CHECKING:
    from pathlib import Path

REQUEST = {
    "received_on": "2026-11-20",
    "request_types": ["disclosure"],
    "requester": "principal",
    "principal": {"name": "架空 花子", "birth_date": "1990-01-02", "address": "東京都架空区1-2-3"},
}


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)

    def lines(self) -> list[object]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


@dataclass
class Desk:
    """A store with admin, two operators and two supervisors; ``run`` calls ``honnin``."""

    root: Path
    store: Path
    capsys: pytest.CaptureFixture[str]
    recovery_key: str = ""

    def pw(self, name: str) -> Path:
        path = self.root / f"{name}.pw"
        if not path.exists():
            path.write_text(f"{_password(name)}\n", encoding="utf-8")
        return path

    def run(self, *argv: str) -> Run:
        self.capsys.readouterr()
        code = main(list(argv))
        captured = self.capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    def as_(self, user: str, *argv: str) -> Run:
        return self.run(
            *argv, "--store", str(self.store), "--user", user, "--password-file", str(self.pw(user))
        )

    def open_case(self, user: str = "olivia") -> str:
        path = self.root / "case.json"
        path.write_text(json.dumps(REQUEST, ensure_ascii=False), encoding="utf-8")
        result = self.as_(user, "case", "open", str(path), "--json")
        assert result.code == 0, result.err
        return str(result.json()["case_id"])  # type: ignore[index]


STAFF = (("olivia", "operator"), ("sam", "supervisor"), ("sue", "supervisor"))


def _password(name: str) -> str:
    return f"pw-{name}-secret"


def _make_store(folder: Path, policy: str) -> str:
    """Create a store with its staff through the services (the CLI's own init is tested
    once); return the recovery key."""
    from desktop.core.cases import Role
    from desktop.services import accounts

    session, key = workspace.initialise(
        folder, admin="admin", password=_password("admin"), policy=policy
    )
    try:
        for name, role in STAFF:
            accounts.add_user(session, name, Role(role), _password(name))
    finally:
        session.store.close()
    return key


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """One store per policy, made once per module and copied for each test (key slots are
    slow to derive on purpose)."""
    made: dict[str, tuple[Path, str]] = {}
    for policy in ("appi-default", "leverages"):
        folder = tmp_path_factory.mktemp("template") / policy
        made[policy] = (folder, _make_store(folder, policy))
    return made


def _desk(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    templates: dict[str, tuple[Path, str]],
    policy: str,
) -> Desk:
    folder, key = templates[policy]
    desk = Desk(tmp_path, tmp_path / "store", capsys, key)
    shutil.copytree(folder, desk.store)
    return desk


@pytest.fixture
def desk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], templates: dict[str, tuple[Path, str]]
) -> Desk:
    return _desk(tmp_path, capsys, templates, "appi-default")


def test_init_and_users_add(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk = Desk(tmp_path, tmp_path / "fresh", capsys)
    result = desk.run(
        "init",
        "--store",
        str(desk.store),
        "--admin",
        "admin",
        "--password-file",
        str(desk.pw("admin")),
        "--json",
    )
    assert result.code == 0, result.err
    key = result.json()["recovery_key"]  # type: ignore[index]
    assert re.fullmatch(r"[0-9a-f]{64}", key.replace("-", ""))
    added = desk.as_(
        "admin", "users", "add", "olivia", "--role", "operator", "--new-password-file",
        str(desk.pw("olivia")),
    )  # fmt: skip
    assert added.code == 0, added.err
    assert desk.as_("olivia", "case", "list").code == 0
    # an operator may not add users; a taken name is bad input
    again = ("users", "add", "olivia", "--role", "operator", "--new-password-file")
    assert desk.as_("olivia", "users", "add", "x", "--role", "operator",
                    "--new-password-file", str(desk.pw("x"))).code == 3  # fmt: skip
    assert desk.as_("admin", *again, str(desk.pw("olivia"))).code == 2


def test_the_recovery_key_opens_the_store_in_debian_sqlcipher(desk: Desk) -> None:
    digits = desk.recovery_key.replace("-", "")
    assert re.fullmatch(r"[0-9a-f]{64}", digits)
    if shutil.which("sqlcipher") is None:
        pytest.skip("Debian's sqlcipher tool is not installed")
    script = f"PRAGMA key = \"x'{digits}'\";\nSELECT count(*) FROM users;\n"
    done = subprocess.run(
        ["sqlcipher", str(desk.store / "honnin.db")],
        input=script,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.stdout.strip().splitlines()[-1] == "4"


def test_init_twice_is_bad_input(desk: Desk) -> None:
    again = desk.run(
        "init", "--store", str(desk.store), "--admin", "x", "--password-file", str(desk.pw("x"))
    )
    assert again.code == 2
    assert "already holds a store" in again.err
    assert len(again.err.strip().splitlines()) == 1


def test_init_with_an_unknown_policy_writes_nothing(tmp_path: Path, desk: Desk) -> None:
    where = tmp_path / "other"
    result = desk.run(
        "init",
        "--store",
        str(where),
        "--admin",
        "a",
        "--password-file",
        str(desk.pw("a")),
        "--policy",
        "no-such-policy",
    )
    assert result.code == 2
    assert not (where / "honnin.db").exists()


def test_wrong_password_is_refused_with_one_line(desk: Desk) -> None:
    bad = desk.root / "bad.pw"
    bad.write_text("nope\n", encoding="utf-8")
    result = desk.run(
        "case", "list", "--store", str(desk.store), "--user", "sam", "--password-file", str(bad)
    )
    assert result.code == 3
    assert len(result.err.strip().splitlines()) == 1
    assert result.out == ""


def test_missing_password_file_is_bad_input(desk: Desk) -> None:
    result = desk.run(
        "case",
        "list",
        "--store",
        str(desk.store),
        "--user",
        "sam",
        "--password-file",
        str(desk.root / "missing.pw"),
    )
    assert result.code == 2
    assert "missing.pw" in result.err


def test_options_may_stand_before_the_sub_command(desk: Desk) -> None:
    desk.open_case()
    result = desk.run(
        "case",
        "--store",
        str(desk.store),
        "--user",
        "sam",
        "--password-file",
        str(desk.pw("sam")),
        "list",
        "--json",
    )
    assert result.code == 0, result.err
    assert len(result.lines()) == 1


def test_edit_and_passwd(desk: Desk) -> None:
    case_id = desk.open_case()
    edited = desk.root / "edited.json"
    edited.write_text(
        json.dumps({**REQUEST, "received_on": "2026-11-21", "channel": "post"}), encoding="utf-8"
    )
    result = desk.as_("olivia", "case", "edit", case_id, str(edited), "--json")
    assert result.code == 0, result.err
    assert result.json()["received_on"] == "2026-11-21"  # type: ignore[index]
    new = desk.root / "new.pw"
    new.write_text("a-new-password\n", encoding="utf-8")
    assert desk.as_("olivia", "users", "passwd", "sam", "--new-password-file", str(new)).code == 3
    assert (
        desk.as_("olivia", "users", "passwd", "olivia", "--new-password-file", str(new)).code == 0
    )
    assert desk.as_("olivia", "case", "list").code == 3  # the old password no longer opens
    again = desk.run(
        "case", "list", "--store", str(desk.store), "--user", "olivia", "--password-file", str(new)
    )
    assert again.code == 0, again.err


def test_case_open_bad_json_names_the_file(desk: Desk) -> None:
    bad = desk.root / "bad.json"
    bad.write_text('{"received_on": "2026-11-20",', encoding="utf-8")
    result = desk.as_("olivia", "case", "open", str(bad))
    assert result.code == 2
    assert "bad.json" in result.err


def test_the_review_flow_roles_and_four_eyes(desk: Desk) -> None:
    case_id = desk.open_case("olivia")
    assert case_id == "2026-000001"
    evaluated = desk.as_("olivia", "case", "evaluate", case_id, "--json")
    assert evaluated.code == 0, evaluated.err
    verdict = evaluated.json()
    assert isinstance(verdict, dict)
    assert verdict["decision"] == "more_documents_needed"
    assert [r["code"] for r in verdict["reasons"]] == ["photo_id_or_two_documents"]
    assert verdict["due_on"] is None

    assert desk.as_("olivia", "case", "submit", case_id).code == 0
    # an operator cannot approve at all
    refused = desk.as_("olivia", "case", "approve", case_id)
    assert refused.code == 3
    assert "operator" in refused.err
    # a return needs no four-eyes; then sam resubmits it himself and may not approve it
    assert desk.as_("sam", "case", "return", case_id, "--reason", "写真付きの書類を").code == 0
    assert desk.as_("sam", "case", "submit", case_id).code == 0
    four_eyes = desk.as_("sam", "case", "approve", case_id)
    assert four_eyes.code == 3
    assert "four-eyes" in four_eyes.err
    listed = desk.as_("sue", "case", "list", "--json")
    assert listed.lines() == [
        {"case_id": case_id, "status": "in_review", "received_on": "2026-11-20", "due_on": None}
    ]
    assert desk.as_("sue", "case", "approve", case_id).code == 0
    # a forbidden transition is bad input
    assert desk.as_("sue", "case", "reject", case_id, "--reason", "harm").code == 2
    assert desk.as_("sue", "case", "list", "--status", "approved", "--json").lines()[0] == {
        "case_id": case_id,
        "status": "approved",
        "received_on": "2026-11-20",
        "due_on": None,
    }
    assert desk.as_("sue", "case", "list", "--status", "intake", "--json").out == ""

    verify = desk.as_("admin", "audit", "verify", "--json")
    assert verify.code == 0
    report = verify.json()
    assert isinstance(report, dict)
    assert report["intact"] is True
    assert report["first_broken"] is None
    assert report["events"] >= 10


def test_audit_verify_exits_1_on_a_broken_chain(desk: Desk) -> None:
    desk.open_case()
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(desk.store / "honnin.db"))
    conn.execute(f"PRAGMA key = \"x'{desk.recovery_key.replace('-', '')}'\"")
    conn.execute("PRAGMA cipher_compatibility = 3")
    conn.execute("UPDATE audit_events SET actor = 'mallory' WHERE id = 2")
    conn.commit()
    conn.close()
    result = desk.as_("admin", "audit", "verify", "--json")
    assert result.code == 1
    assert result.json() == {"intact": False, "events": result.json()["events"], "first_broken": 2}  # type: ignore[index]


def test_audit_export_has_no_personal_data(desk: Desk) -> None:
    case_id = desk.open_case()
    desk.as_("olivia", "case", "evaluate", case_id)
    out = desk.root / "audit.csv"
    result = desk.as_("admin", "audit", "export", "--out", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert any(r["case_id"] == case_id and r["action"] == "evaluate" for r in rows)
    for personal in ("架空", "1990-01-02", "東京都"):
        assert personal not in text
    assert desk.as_("sam", "audit", "export").code == 3


def _masked_page(width: int = 320, height: int = 200) -> MaskedPage:
    im = Image.new("RGB", (width, height), (240, 240, 235))
    draw = ImageDraw.Draw(im)
    draw.rectangle([20, 20, 140, 40], fill=(0, 0, 0))
    out = io.BytesIO()
    im.save(out, format="PNG")
    from desktop.core.cases import RegionRecord

    return MaskedPage(
        out.getvalue(),
        width,
        height,
        DocumentType.PASSPORT,
        {"name": "架空 花子", "birth_date": "1990-01-02", "expiry_date": "2030-01-01"},
        (RegionRecord("permanent_domicile", (20, 20, 121, 21)),),
    )


def _store_page(desk: Desk, case_id: str) -> int:
    session = workspace.unlock(desk.store, user="olivia", password=_password("olivia"))
    try:
        record = documents.add_page(session, case_id, _masked_page(), holder=Holder.PRINCIPAL)
    finally:
        session.store.close()
    return record.document_id


def test_page_writes_the_stored_masked_png(desk: Desk) -> None:
    case_id = desk.open_case()
    document_id = _store_page(desk, case_id)
    out = desk.root / "page.png"
    result = desk.as_("olivia", "case", "page", case_id, str(document_id), "--out", str(out))
    assert result.code == 0, result.err
    with Image.open(out) as im:
        assert im.size == (320, 200)
        assert im.getpixel((30, 30)) == (0, 0, 0)
    # an administrator never sees document images
    assert desk.as_("admin", "case", "page", case_id, "1", "--out", str(out)).code == 0
    assert desk.as_("olivia", "case", "page", case_id, "x", "--out", str(out)).code == 2
    assert desk.as_("olivia", "case", "page", case_id, "99", "--out", str(out)).code == 2


def test_evaluate_weighs_the_stored_pages(desk: Desk) -> None:
    case_id = desk.open_case()
    _store_page(desk, case_id)
    result = desk.as_("olivia", "case", "evaluate", case_id, "--json")
    assert result.code == 0, result.err
    assert result.json()["decision"] == "verified"  # type: ignore[index]


def test_dispose_due_under_an_after_verification_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], templates: dict[str, tuple[Path, str]]
) -> None:
    desk = _desk(tmp_path, capsys, templates, "leverages")
    case_id = desk.open_case()
    document_id = _store_page(desk, case_id)
    assert desk.as_("sam", "dispose", "--due", "--json").json() == {"disposed": []}
    assert desk.as_("olivia", "case", "submit", case_id).code == 0
    assert desk.as_("sam", "case", "approve", case_id).code == 0
    assert desk.as_("olivia", "dispose", "--due", "--json").code == 3
    result = desk.as_("sam", "dispose", "--due", "--json")
    assert result.code == 0, result.err
    assert result.json() == {"disposed": [document_id]}
    gone = desk.as_("sam", "case", "page", case_id, str(document_id), "--out", "x.png")
    assert gone.code == 2
    assert "disposed" in gone.err
    assert desk.as_("sam", "dispose", "--due", "--json").json() == {"disposed": []}


def test_backup_opens_with_the_same_password(desk: Desk) -> None:
    desk.open_case()
    dest = desk.root / "copy"
    assert desk.as_("olivia", "backup", str(dest)).code == 3
    result = desk.as_("admin", "backup", str(dest))
    assert result.code == 0, result.err
    assert (dest / "honnin.db").exists()
    copy = desk.run(
        "case",
        "list",
        "--json",
        "--store",
        str(dest),
        "--user",
        "sam",
        "--password-file",
        str(desk.pw("sam")),
    )
    assert copy.code == 0, copy.err
    assert [c["case_id"] for c in copy.lines()] == ["2026-000001"]  # type: ignore[index]
    assert desk.as_("admin", "backup", str(dest)).code == 2  # never over an existing store


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_letters_carry_the_case_number_in_japanese(desk: Desk) -> None:
    case_id = desk.open_case()
    out = desk.root / "request.pdf"
    result = desk.as_(
        "olivia", "case", "letter", case_id, "--kind", "request_documents", "--out", str(out)
    )
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF-")
    text = _pdf_text(out)
    assert case_id in text
    assert "本人確認書類のご提出のお願い" in text
    assert "架空 花子 様" in text
    assert "顔写真" in text  # the policy's reason, in Japanese
    assert b"/FontFile2" in out.read_bytes()  # the font is embedded
    # a completion letter does not fit a case in intake; administrators write no letters
    assert desk.as_("olivia", "case", "letter", case_id, "--kind", "completion",
                    "--out", str(out)).code == 2  # fmt: skip
    assert desk.as_("admin", "case", "letter", case_id, "--kind", "request_documents",
                    "--out", str(out)).code == 0  # fmt: skip


def test_refusal_letter_names_the_policy_ground(desk: Desk) -> None:
    case_id = desk.open_case()
    assert desk.as_("olivia", "case", "submit", case_id).code == 0
    rejected = desk.as_("sam", "case", "reject", case_id, "--reason", "identity_unverifiable")
    assert rejected.code == 0, rejected.err
    out = desk.root / "refusal.pdf"
    result = desk.as_("olivia", "case", "letter", case_id, "--kind", "refusal", "--out", str(out))
    assert result.code == 0, result.err
    text = _pdf_text(out)
    assert "ご請求に応じられない旨のご通知" in text
    assert "確認できなかったため" in text
    assert case_id in text


@pytest.mark.tesseract
def test_add_page_scans_masks_and_stores(desk: Desk) -> None:
    case_id = desk.open_case()
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=40)
    for i, text in enumerate(["CERTIFICATE", "NAME KAKU HANAKO", "TOKYO 1-2-3"]):
        draw.text((100, 100 + 80 * i), text, font=font, fill="black")
    scan = desk.root / "scan.png"
    page.save(scan)
    result = desk.as_(
        "olivia", "case", "add-page", case_id, str(scan), "--holder", "principal", "--json"
    )
    assert result.code == 0, result.err
    (obj,) = result.lines()
    assert isinstance(obj, dict)
    assert obj["document_id"] == 1
    assert obj["page"] == 1
    for key in ("document_type", "confidence", "fields", "mrz", "sensitive_regions", "seconds"):
        assert key in obj
    out = desk.root / "stored.png"
    assert desk.as_("olivia", "case", "page", case_id, "1", "--out", str(out)).code == 0
    with Image.open(out) as im:
        assert im.size == (1240, 1754)
    bad = desk.as_(
        "olivia", "case", "add-page", case_id, str(desk.root / "none.png"), "--holder", "principal"
    )
    assert bad.code == 2


def test_start_up_loads_no_imaging() -> None:
    import sys

    code = (
        "import sys\n"
        "from desktop.cli import build_parser\n"
        "from desktop.services import accounts, audit, disposal, documents, intake, letters\n"
        "from desktop.services import review, workspace\n"
        "build_parser()\n"
        "heavy = ('cv2', 'pypdfium2', 'desktop.imaging.pipeline')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
