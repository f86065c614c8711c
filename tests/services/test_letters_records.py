"""Letters as records: stored, listed, read back, delivered; templates edited and refused."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest

from desktop.core.cases import CaseStatus, NotPermitted
from desktop.core.errors import InputError, RefusedError
from desktop.services import letters, review
from desktop.services.letters import DeliveryChannel
from desktop.services.review import ResponseKind
from tests.services.test_review import drive

if TYPE_CHECKING:
    from pathlib import Path

    from tests.services.conftest import Desk


@pytest.fixture(autouse=True)
def _needs_a_japanese_font(desk: Desk) -> None:
    try:
        letters.find_font(desk.admin)
    except InputError:
        pytest.skip("no Japanese TrueType font installed")


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    """The text of a PDF by poppler's pdftotext (the letter is synthetic test data)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def fonts_of(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    """The rows of ``pdffonts`` (name, type, encoding, emb, sub, uni, ...)."""
    tool = shutil.which("pdffonts")
    if tool is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def test_a_written_letter_is_stored_listed_and_read_back(desk: Desk) -> None:
    case_id = drive(desk, CaseStatus.APPROVED)
    olivia = desk.login("olivia")
    pdf = letters.write_letter(olivia, case_id, ResponseKind.DISCLOSURE_NOTICE)
    (stored,) = letters.list_letters(olivia, case_id)
    assert (stored.case_id, stored.kind, stored.created_by) == (
        case_id,
        "disclosure_notice",
        "olivia",
    )
    assert stored.created_at == desk.clock.current
    assert stored.delivered_on is None
    assert letters.letter_pdf(olivia, stored.letter_id) == pdf
    event = list(desk.store.audit.events())[-1]
    assert (event.action, event.case_id, dict(event.detail)) == (
        "write_letter",
        case_id,
        {"kind": "disclosure_notice"},
    )
    assert "架空" not in json.dumps(dict(event.detail), ensure_ascii=False)


def test_request_documents_lists_only_the_items_the_supervisor_picked(
    desk: Desk, tmp_path: Path
) -> None:
    desk.policies.decide = lambda case: (
        "more_documents_needed",
        ["document_expired", "address_mismatch"],
        None,
    )
    olivia, sam = desk.login("olivia"), desk.login("sam")
    case_id = drive(desk, CaseStatus.IN_REVIEW)
    review.return_case(sam, case_id, None, items=["address_mismatch"])
    text = pdftotext(
        letters.write_letter(olivia, case_id, ResponseKind.REQUEST_DOCUMENTS), tmp_path
    )
    assert "理由 address_mismatch" in text
    assert "理由 document_expired" not in text
    assert case_id in text
    assert "message for" not in text  # the English default note is not printed
    assert "拝啓" in text
    assert "敬具" in text
    assert "令和8年11月20日（2026年11月20日）" in text  # received, era and Western


def test_a_return_item_must_be_one_of_the_verdicts_reasons(desk: Desk) -> None:
    desk.policies.decide = lambda case: ("more_documents_needed", ["document_expired"], None)
    case_id = drive(desk, CaseStatus.IN_REVIEW)
    with pytest.raises(InputError, match="not a reason of the verdict: no_such_code"):
        review.return_case(desk.login("sam"), case_id, None, items=["no_such_code"])


def test_the_font_is_embedded(desk: Desk, tmp_path: Path) -> None:
    case_id = drive(desk, CaseStatus.RETURNED)
    pdf = letters.write_letter(desk.login("olivia"), case_id, ResponseKind.REQUEST_DOCUMENTS)
    rows = fonts_of(pdf, tmp_path)
    assert rows, "no font listed"
    for row in rows:
        assert row[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, ToUnicode


def test_refusal_carries_ground_reason_and_article_36(desk: Desk, tmp_path: Path) -> None:
    olivia, sam = desk.login("olivia"), desk.login("sam")
    case_id = drive(desk, CaseStatus.IN_REVIEW)
    review.reject(
        sam, case_id, "identity_unverifiable", reason="同封の書類の氏名が請求書と異なるため"
    )
    text = pdftotext(letters.write_letter(olivia, case_id, ResponseKind.REFUSAL), tmp_path)
    flat = text.replace("\n", "")
    assert "ご本人であることを確認できなかったため" in flat
    assert "同封の書類の氏名が請求書と異なるため" in flat
    assert "個人情報の保護に関する法律第36条" in flat
    event = [e for e in desk.store.audit.events() if e.action == "reject"][-1]
    assert event.detail["ground"] == "identity_unverifiable"  # the reason stays off the chain


def test_the_sender_comes_from_the_settings(desk: Desk, tmp_path: Path) -> None:
    with desk.store.transaction():
        desk.store.settings.set("company_name", "架空商事株式会社 個人情報窓口")
        desk.store.settings.set("company_address", "東京都架空区9-9-9")
        desk.store.settings.set("company_contact", "電話 03-0000-0000（平日10時～17時）")
    case_id = drive(desk, CaseStatus.APPROVED)
    text = pdftotext(
        letters.write_letter(desk.login("olivia"), case_id, ResponseKind.COMPLETION), tmp_path
    )
    for expected in ("架空商事株式会社 個人情報窓口", "東京都架空区9-9-9", "03-0000-0000"):
        assert expected in text


def test_delivery_is_recorded_audited_and_answers_the_case(desk: Desk) -> None:
    case_id = drive(desk, CaseStatus.REJECTED)
    olivia = desk.login("olivia")
    letter_id, _ = letters.create_letter(olivia, case_id, ResponseKind.REFUSAL)
    on = desk.clock.current.date()
    stored = letters.record_delivery(olivia, letter_id, DeliveryChannel.EMAIL_ATTACHMENT, on)
    assert (stored.delivery_channel, stored.delivered_on, stored.delivered_by) == (
        "email_attachment",
        on,
        "olivia",
    )
    case = desk.store.cases.get(case_id)
    assert case is not None
    assert (case.response_kind, case.response_sent_on) == ("refusal", on)
    actions = [e.action for e in desk.store.audit.events()][-2:]
    assert actions == ["record_delivery", "record_response"]
    delivery = [e for e in desk.store.audit.events() if e.action == "record_delivery"][-1]
    assert dict(delivery.detail) == {
        "kind": "refusal",
        "channel": "email_attachment",
        "sent_on": on.isoformat(),
    }
    with pytest.raises(RefusedError, match="already"):
        letters.record_delivery(olivia, letter_id, "post", on)


def test_delivery_of_a_letter_the_status_does_not_answer_leaves_the_case(desk: Desk) -> None:
    case_id = drive(desk, CaseStatus.INTAKE)
    olivia = desk.login("olivia")
    letter_id, _ = letters.create_letter(olivia, case_id, ResponseKind.REQUEST_DOCUMENTS)
    letters.record_delivery(olivia, letter_id, "post", desk.clock.current.date())
    case = desk.store.cases.get(case_id)
    assert case is not None
    assert case.response_kind is None
    assert [e.action for e in desk.store.audit.events()][-1] == "record_delivery"


def test_bad_deliveries_are_refused_and_change_nothing(desk: Desk) -> None:
    case_id = drive(desk, CaseStatus.APPROVED)
    olivia = desk.login("olivia")
    letter_id, _ = letters.create_letter(olivia, case_id, ResponseKind.COMPLETION)
    today = desk.clock.current.date()
    before = desk.store.snapshot()
    with pytest.raises(InputError, match="future"):
        letters.record_delivery(olivia, letter_id, "post", today + timedelta(days=1))
    with pytest.raises(InputError, match="before the letter was written"):
        letters.record_delivery(olivia, letter_id, "post", date(2026, 11, 1))
    with pytest.raises(InputError, match="unknown delivery channel"):
        letters.record_delivery(olivia, letter_id, "fax", today)
    with pytest.raises(InputError, match="no such letter"):
        letters.record_delivery(olivia, 999, "post", today)
    assert desk.store.snapshot() == before


def test_allowed_kinds_follow_the_status(desk: Desk) -> None:
    olivia = desk.login("olivia")
    returned = desk.store.cases.get(drive(desk, CaseStatus.RETURNED))
    rejected = desk.store.cases.get(drive(desk, CaseStatus.REJECTED))
    assert returned is not None
    assert rejected is not None
    assert letters.allowed_kinds(returned) == [ResponseKind.REQUEST_DOCUMENTS]
    assert letters.allowed_kinds(rejected) == [ResponseKind.REFUSAL]
    del olivia


# --------------------------------------------------------------------------- templates


def test_an_administrator_edits_and_resets_a_template(desk: Desk, tmp_path: Path) -> None:
    case_id = drive(desk, CaseStatus.APPROVED)
    text = "# 試験用\n特別なご通知\n{addressee}、受付番号{case_id}の件は完了しました。\n>以上\n"
    letters.save_template(desk.admin, ResponseKind.COMPLETION, text)
    assert letters.is_customised(desk.admin, ResponseKind.COMPLETION)
    assert letters.template_text(desk.admin, ResponseKind.COMPLETION) == text
    pdf = letters.write_letter(desk.login("olivia"), case_id, ResponseKind.COMPLETION)
    edited = pdftotext(pdf, tmp_path)
    assert "特別なご通知" in edited
    assert f"架空 花子 様、受付番号{case_id}の件は完了しました。" in edited
    assert "試験用" not in edited  # comments are not printed
    letters.reset_template(desk.admin, ResponseKind.COMPLETION)
    assert not letters.is_customised(desk.admin, ResponseKind.COMPLETION)
    builtin = letters.builtin_template(ResponseKind.COMPLETION)
    assert letters.template_text(desk.admin, ResponseKind.COMPLETION) == builtin
    again = pdftotext(
        letters.write_letter(desk.login("olivia"), case_id, ResponseKind.COMPLETION), tmp_path
    )
    assert "特別なご通知" not in again
    assert letters.TITLES[ResponseKind.COMPLETION] in again
    actions = [e.action for e in desk.store.audit.events()]
    assert "edit_letter_template" in actions
    assert "reset_letter_template" in actions


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("題名\n{case_id} {unknown}\n", "unknown placeholder {unknown}"),
        ("題名\n{case_id\n", "unbalanced braces"),
        ("題名\nclosing } alone\n", "unbalanced braces"),
        ("題名\n{case_id:>20}\n", "without a format"),
        ("題名\n{case_id!r}\n", "without a format"),
        ("題名\n{}\n", "unknown placeholder {}"),
        ("# only a comment\n\n", "empty"),
    ],
)
def test_a_broken_template_is_refused_naming_it(desk: Desk, text: str, message: str) -> None:
    before = desk.store.snapshot()
    with pytest.raises(InputError, match=message) as caught:
        letters.save_template(desk.admin, ResponseKind.REFUSAL, text)
    assert caught.value.source == "letter template refusal"
    assert str(caught.value).startswith("letter template refusal")
    assert desk.store.snapshot() == before


def test_the_line_of_a_broken_placeholder_is_named(desk: Desk) -> None:
    with pytest.raises(InputError) as caught:
        letters.validate_template(ResponseKind.REFUSAL, "# c\n題名\n本文\n{reasons}\n")
    assert caught.value.line == 4


def test_literal_braces_are_written_doubled(desk: Desk) -> None:
    used = letters.validate_template(ResponseKind.REFUSAL, "題名\n{{注}} {ground} {case_id}\n")
    assert used == ("ground", "case_id")


def test_only_administrators_edit_templates(desk: Desk) -> None:
    with pytest.raises(NotPermitted):
        letters.save_template(desk.login("sam"), ResponseKind.REFUSAL, "題名\n")
    with pytest.raises(NotPermitted):
        letters.reset_template(desk.login("olivia"), ResponseKind.REFUSAL)


def test_every_builtin_template_is_valid_and_titled() -> None:
    for kind in ResponseKind:
        text = letters.builtin_template(kind)
        letters.validate_template(kind, text)
        title = next(line for line in text.splitlines() if line and not line.startswith("#"))
        assert title == letters.TITLES[kind]
        assert "拝啓" in text
        assert "敬具" in text
        assert "{case_id}" in text
        assert "{company_contact}" in text


def test_an_exported_letter_is_whole_and_audited(desk: Desk, tmp_path: Path) -> None:
    case_id = drive(desk, CaseStatus.APPROVED)
    olivia = desk.login("olivia")
    letter_id, pdf = letters.create_letter(olivia, case_id, ResponseKind.COMPLETION)
    dest = tmp_path / "letter.pdf"
    assert letters.export_letter(olivia, letter_id, dest) == dest
    assert dest.read_bytes() == pdf
    last = list(desk.store.audit.events())[-1]
    assert (last.action, last.case_id, dict(last.detail)) == (
        "export_letter",
        case_id,
        {"kind": "completion"},
    )

    # A folder that cannot be written: the file's name in the message, nothing left behind.
    before = desk.store.snapshot()
    missing = tmp_path / "no-such-folder" / "letter.pdf"
    with pytest.raises(InputError, match="no-such-folder"):
        letters.export_letter(olivia, letter_id, missing)
    assert not missing.parent.exists()
    assert desk.store.snapshot() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.pdf"]
