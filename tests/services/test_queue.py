"""The review queue and the review detail on a real (SQLCipher) store with a fixed clock."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from PIL import Image, ImageDraw

from desktop.core.case import Holder
from desktop.core.cases import CaseStatus, NotPermitted, Role
from desktop.core.documents import DocumentType
from desktop.core.errors import InputError
from desktop.services import accounts, deadlines, documents, intake, queue, review
from desktop.services.documents import MaskedPage
from desktop.services.workspace import FilePolicies
from desktop.store.db import StoreOpener
from desktop.store.keyslots import KdfParams
from tests.clock import JST, Clock

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from desktop.services.session import Session
    from desktop.store.queries import PageKey

FAST_KDF = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "pass-word-1"
PREPARER, OTHER_OPERATOR, REVIEWER = "sagyou", "sagyou2", "kantoku"
PRINCIPAL = {"name": "架空 花子", "birth_date": "1990-01-02", "address": "東京都架空区1-2-3"}


def page_png(size: tuple[int, int] = (320, 200)) -> bytes:
    """A synthetic card-like page (grey lines on a light background)."""
    image = Image.new("RGB", size, (235, 235, 230))
    draw = ImageDraw.Draw(image)
    for y in range(12, size[1] - 12, 16):
        draw.line([(10, y), (size[0] - 10, y)], fill=(80, 80, 80), width=2)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def open_case(session: Session, received_on: str, **extra: Any) -> str:
    """Open a principal's disclosure request of the invented principal; return its number."""
    data = {
        "received_on": received_on,
        "channel": "post",
        "request_types": ["disclosure"],
        "requester": "principal",
        "principal": dict(PRINCIPAL),
        **extra,
    }
    return intake.open_case(session, data, "test").case_id


def add_licence(session: Session, case_id: str, *, name: str = PRINCIPAL["name"]) -> int:
    """Store a (synthetic, already masked) driver's licence of the principal."""
    fields = {
        "name": name,
        "birth_date": PRINCIPAL["birth_date"],
        "address": PRINCIPAL["address"],
        "expiry_date": "2030-01-02",
    }
    page = MaskedPage(page_png(), 320, 200, DocumentType.DRIVERS_LICENSE, fields)
    return documents.add_page(session, case_id, page, holder=Holder.PRINCIPAL).document_id


def prepare(session: Session, received_on: str, *, with_licence: bool = True) -> str:
    """Open, document (or not) and submit a case as ``session``'s user; return its number."""
    case_id = open_case(session, received_on)
    if with_licence:
        add_licence(session, case_id)
    review.submit(session, case_id)
    return case_id


class Desk:
    """A real store under the leverages policy (14 business days), one user of each role."""

    def __init__(self, directory: Path, clock: Clock) -> None:
        self.opener = StoreOpener(directory, kdf=FAST_KDF)
        self.policies = FilePolicies()
        self.clock = clock
        self.admin, _ = accounts.initialise(
            self.opener,
            self.policies,
            admin="kanri",
            password=PASSWORD,
            policy="leverages",
            now=clock,
        )
        for name, role in (
            (PREPARER, Role.OPERATOR),
            (OTHER_OPERATOR, Role.OPERATOR),
            (REVIEWER, Role.SUPERVISOR),
        ):
            accounts.add_user(self.admin, name, role, PASSWORD)
        self.sessions: list[Session] = [self.admin]

    def login(self, name: str) -> Session:
        session = accounts.unlock(
            self.opener, self.policies, user=name, password=PASSWORD, now=self.clock
        )
        self.sessions.append(session)
        return session

    def close(self) -> None:
        for session in self.sessions:
            session.store.close()


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    clock = Clock()
    # Friday 20 Nov 2026; Monday 23 Nov is a national holiday (勤労感謝の日).
    clock.current = datetime(2026, 11, 20, 9, 30, tzinfo=JST)
    ready = Desk(tmp_path / "store", clock)
    yield ready
    ready.close()


def test_queue_order_and_counts_across_a_holiday(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    # Received on → due 14 business days later (leverages):
    due_27 = prepare(operator, "2026-11-06")  # due Fri 27 Nov: 4 business days left
    no_due = prepare(operator, "2026-11-10", with_licence=False)  # more documents: no clock
    due_26 = prepare(operator, "2026-11-05")  # due Thu 26 Nov: 3 business days left
    overdue = prepare(operator, "2026-10-29")  # due Thu 19 Nov: overdue by one
    later = prepare(operator, "2026-11-19")  # due Thu 10 Dec
    open_case(operator, "2026-11-01")  # still in intake: not in the queue

    q = queue.review_queue(desk.login(REVIEWER))

    assert [r.case_id for r in q.rows] == [overdue, due_26, due_27, later, no_due]
    by_id = {r.case_id: r for r in q.rows}
    assert by_id[overdue].due_on == date(2026, 11, 19)
    assert by_id[due_26].due_on == date(2026, 11, 26)
    assert by_id[due_27].due_on == date(2026, 11, 27)
    assert by_id[no_due].due_on is None
    assert by_id[overdue].business_days_left == -1
    # 21/22 Nov weekend and 23 Nov holiday do not count: Tue 24, Wed 25, Thu 26.
    assert by_id[due_26].business_days_left == 3
    assert by_id[due_27].business_days_left == 4
    assert by_id[later].business_days_left == 13
    assert by_id[no_due].business_days_left is None
    assert [r.case_id for r in q.rows if r.overdue] == [overdue]
    # Thu 26 Nov is 6 calendar days away yet due soon; Fri 27 is not (4 business days).
    assert [r.case_id for r in q.rows if r.due_soon] == [due_26]
    assert (q.total, q.overdue, q.due_soon) == (5, 1, 1)
    assert q.today == date(2026, 11, 20)
    row = by_id[due_26]
    assert row.principal == PRINCIPAL["name"]
    assert row.request_types == ("disclosure",)
    assert row.submitted_by == PREPARER
    assert row.decision == "verified"
    assert by_id[no_due].decision == "more_documents_needed"


def test_counts_follow_the_clock(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    case_id = prepare(operator, "2026-11-05")  # due Thu 26 Nov
    reviewer = desk.login(REVIEWER)
    desk.clock.current = datetime(2026, 11, 26, 17, 0, tzinfo=JST)
    (row,) = queue.review_queue(reviewer).rows
    assert (row.case_id, row.business_days_left, row.due_soon, row.overdue) == (
        case_id,
        0,
        True,
        False,
    )
    desk.clock.current = datetime(2026, 11, 27, 9, 0, tzinfo=JST)
    q = queue.review_queue(reviewer)
    assert (q.rows[0].business_days_left, q.overdue, q.due_soon) == (-1, 1, 0)


def test_overdue_on_a_holiday_counts_one_day_at_least(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    case_id = prepare(operator, "2026-10-30")  # due Fri 20 Nov
    # Mon 23 Nov, a holiday: no business day has passed since the deadline, yet it is past.
    desk.clock.current = datetime(2026, 11, 23, 10, 0, tzinfo=JST)
    q = queue.review_queue(desk.login(REVIEWER))
    (row,) = q.rows
    assert (row.case_id, row.due_on) == (case_id, date(2026, 11, 20))
    assert (row.business_days_left, row.overdue, row.due_soon) == (-1, True, False)
    assert (q.overdue, q.due_soon) == (1, 0)
    assert queue.review_detail(desk.login(REVIEWER), case_id).business_days_left == -1


def test_decided_cases_leave_the_queue(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    first = prepare(operator, "2026-11-05")
    second = prepare(operator, "2026-11-06")
    reviewer = desk.login(REVIEWER)
    review.approve(reviewer, first)
    assert [r.case_id for r in queue.review_queue(reviewer).rows] == [second]


def test_operators_are_refused(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    case_id = prepare(operator, "2026-11-05")
    with pytest.raises(NotPermitted, match="supervisors"):
        queue.review_queue(operator)
    with pytest.raises(NotPermitted):
        queue.review_detail(operator, case_id)
    with pytest.raises(NotPermitted):
        queue.audit_trail(operator, case_id)
    # Administrators hold every supervisor's right (roles are cumulative).
    assert [r.case_id for r in queue.review_queue(desk.admin).rows] == [case_id]


def test_detail_shows_intake_pages_checklist_and_trail(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    case_id = open_case(
        operator,
        "2026-11-05",
        requester="appointed_agent",
        representative={"name": "代理 次郎", "address": "大阪府架空市4-5-6"},
        request_types=["disclosure", "correction"],
    )
    licence = add_licence(operator, case_id)
    review.submit(operator, case_id)
    reviewer = desk.login(REVIEWER)

    detail = queue.review_detail(reviewer, case_id)

    assert detail.case_id == case_id
    assert detail.status is CaseStatus.IN_REVIEW
    assert detail.received_on == date(2026, 11, 5)
    assert detail.request_types == ("disclosure", "correction")
    assert detail.requester == "appointed_agent"
    assert detail.channel == "post"
    assert detail.principal["name"] == PRINCIPAL["name"]
    assert detail.representative == {"name": "代理 次郎", "address": "大阪府架空市4-5-6"}
    assert detail.submitted_by == PREPARER
    (page,) = detail.pages
    assert (page.document_id, page.number, page.document_type, page.holder) == (
        licence,
        1,
        "drivers_license",
        "principal",
    )
    assert (page.added_by, page.added_at, page.disposed) == (PREPARER, desk.clock(), False)

    verdict = detail.verdict
    assert verdict is not None
    assert verdict.decision == "more_documents_needed"  # the agent's ID and letter are missing
    assert verdict.policy == "leverages"
    assert verdict.stored_decision == "more_documents_needed"
    assert verdict.approve_overrides
    checks = {c.requirement: c for c in verdict.checks}
    # Which page satisfied which rule: the licence proves the principal's identity.
    assert checks["principal_identity"].met
    assert checks["principal_identity"].document_ids == (licence,)
    assert not checks["representative_identity"].met
    assert not checks["power_of_attorney"].met
    assert (licence, "identity", "principal") in verdict.used
    codes = [r.code for r in verdict.reasons]
    assert "representative_id_missing" in codes
    assert "power_of_attorney_missing" in codes
    assert all(r.missing for r in verdict.reasons)
    attorney = next(r for r in verdict.reasons if r.code == "power_of_attorney_missing")
    assert "委任状" in attorney.text_ja
    assert attorney.text_en
    assert attorney.text_en != attorney.text_ja

    actions = [(e.actor, e.action) for e in detail.trail]
    assert actions[:3] == [
        (PREPARER, "open_case"),
        (PREPARER, "add_document"),
        (PREPARER, "submit"),
    ]
    submit = detail.trail[2]
    assert (submit.status_from, submit.status_to) == ("intake", "in_review")
    assert ("decision", "more_documents_needed") in submit.detail
    assert detail.trail[1].document_id == licence
    # Nothing personal reaches the trail.
    shown = repr(detail.trail)
    for secret in (PRINCIPAL["name"], PRINCIPAL["address"], "代理", "1990"):
        assert secret not in shown

    assert detail.can_approve
    assert detail.approve_block is None
    grounds = {g.code: g for g in detail.refusal_grounds}
    assert "identity_unverifiable" in grounds
    assert grounds["identity_unverifiable"].text_ja != grounds["identity_unverifiable"].text_en


def test_detail_of_a_verified_case_and_four_eyes(desk: Desk) -> None:
    supervisor = desk.login(REVIEWER)
    # A supervisor may prepare a case too; then another must approve it.
    case_id = prepare(supervisor, "2026-11-05")
    detail = queue.review_detail(supervisor, case_id)
    assert detail.verdict is not None
    assert detail.verdict.decision == "verified"
    assert detail.verdict.reasons == ()
    assert not detail.verdict.approve_overrides
    assert detail.verdict.due_on == date(2026, 11, 26)
    assert detail.business_days_left == 3
    assert not detail.can_approve
    assert detail.approve_block == "four_eyes"
    assert queue.review_detail(desk.admin, case_id).can_approve


def test_detail_of_an_unknown_case(desk: Desk) -> None:
    with pytest.raises(InputError):
        queue.review_detail(desk.login(REVIEWER), "2026-999999")


def test_return_note_and_reject_ground_are_checked(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    case_id = prepare(operator, "2026-11-05", with_licence=False)
    reviewer = desk.login(REVIEWER)
    with pytest.raises(InputError, match="missing"):
        queue.return_for_documents(reviewer, case_id, [" "], "  ")
    with pytest.raises(InputError, match="refusal ground"):
        queue.reject_with_ground(reviewer, case_id, "no_such_ground", "理由")
    with pytest.raises(InputError, match="reason"):
        queue.reject_with_ground(reviewer, case_id, "identity_unverifiable", " ")
    assert intake.get_case(reviewer, case_id).status is CaseStatus.IN_REVIEW

    with pytest.raises(InputError, match="not a reason"):
        queue.return_for_documents(reviewer, case_id, ["power_of_attorney_missing"])

    returned = queue.return_for_documents(
        reviewer, case_id, ["photo_id_or_two_documents"], "表裏両面の写しをお送りください"
    )
    assert returned.status is CaseStatus.RETURNED
    assert returned.decision_note == "表裏両面の写しをお送りください"
    last = queue.audit_trail(reviewer, case_id)[-1]
    assert (last.action, last.status_to) == ("return", "returned")
    assert ("reasons", "photo_id_or_two_documents") in last.detail


def test_reject_records_the_grounds_code(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    case_id = prepare(operator, "2026-11-05", with_licence=False)
    reviewer = desk.login(REVIEWER)
    rejected = queue.reject_with_ground(
        reviewer, case_id, "identity_unverifiable", "提出書類の氏名が請求書と異なるため"
    )
    assert rejected.status is CaseStatus.REJECTED
    assert rejected.decision_note == "identity_unverifiable\n提出書類の氏名が請求書と異なるため"
    last = queue.audit_trail(reviewer, case_id)[-1]
    assert (last.action, last.status_to) == ("reject", "rejected")
    assert ("ground", "identity_unverifiable") in last.detail


def test_queue_pages_follow_each_other_and_counts_cover_the_whole_queue(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    # Received from 15 Oct to 19 Nov: due from overdue to mid-December; two without a clock.
    received = [f"2026-{m:02d}-{d:02d}" for m, d in ((10, 15), (10, 29), (11, 4), (11, 5))]
    received += [f"2026-11-{d:02d}" for d in (6, 9, 10, 12, 16, 19)]
    made = [prepare(operator, day) for day in received]
    made += [prepare(operator, "2026-11-11", with_licence=False) for _ in range(2)]
    reviewer = desk.login(REVIEWER)
    whole = queue.review_queue(reviewer, limit=100)
    assert whole.after is None
    assert sorted(r.case_id for r in whole.rows) == sorted(made)

    first = queue.review_queue(reviewer, limit=5)
    assert [r.case_id for r in first.rows] == [r.case_id for r in whole.rows[:5]]
    assert first.after is not None
    # the counts are the whole queue's, counted by the store, not the first page's
    assert (first.total, first.overdue, first.due_soon) == (
        len(made),
        sum(r.overdue for r in whole.rows),
        sum(r.due_soon for r in whole.rows),
    )
    assert first.overdue >= 2
    assert first.due_soon >= 1
    rows = list(first.rows)
    after: PageKey | None = first.after
    while after is not None:
        page = queue.queue_page(reviewer, after, 5)
        rows += page.rows
        after = page.after
    assert rows == list(whole.rows)


def test_a_case_decided_between_pages_is_not_listed_twice_nor_skips_others(desk: Desk) -> None:
    operator = desk.login(PREPARER)
    made = [prepare(operator, f"2026-11-{d:02d}") for d in (2, 3, 4, 5, 6)]
    reviewer = desk.login(REVIEWER)
    first = queue.review_queue(reviewer, limit=2)
    assert [r.case_id for r in first.rows] == made[:2]
    review.approve(reviewer, made[0])  # on the page already shown
    review.approve(reviewer, made[3])  # on the next page
    assert first.after is not None
    rest = queue.queue_page(reviewer, first.after, 10)
    assert [r.case_id for r in rest.rows] == [made[2], made[4]]
    assert rest.after is None
    assert queue.review_queue(reviewer).total == 3


def test_due_soon_ends_on_the_third_business_day(desk: Desk) -> None:
    session = desk.login(REVIEWER)
    # Fri 20 Nov: Sat, Sun and the Mon 23 holiday are not business days; Tue 24, Wed 25,
    # Thu 26 are the three.
    assert queue.due_soon_until(session, date(2026, 11, 20)) == date(2026, 11, 26)
    # Tue 24: Wed 25, Thu 26, Fri 27; a deadline on Sat 28 or Sun 29 is 3 business days away.
    assert queue.due_soon_until(session, date(2026, 11, 24)) == date(2026, 11, 29)
    # the range is exactly the deadlines the rows call due soon, around the new year too
    calendar = deadlines.business_calendar(session)
    for today in (date(2026, 11, 20) + timedelta(days=n) for n in range(0, 60, 3)):
        until = queue.due_soon_until(session, today)
        for due in (today + timedelta(days=n) for n in range(20)):
            soon = 0 <= calendar.business_days_between(today, due) <= queue.DUE_SOON_BUSINESS_DAYS
            assert (due <= until) == soon, (today, due)


def test_a_store_without_list_queries_is_paged_in_the_service() -> None:
    from desktop.core.cases import CaseRecord, UserRecord, Verdict
    from desktop.services.session import Session
    from tests.services.fakes import FakePolicies, FakeStore

    store = FakeStore()
    clock = Clock()
    clock.current = datetime(2026, 11, 20, 9, 30, tzinfo=JST)
    dues = [date(2026, 11, 26), None, date(2026, 11, 19), date(2026, 12, 10), date(2026, 11, 26)]
    with store.transaction():
        for n, due in enumerate(dues, start=1):
            store.cases.add(
                CaseRecord(
                    case_id=f"2026-{n:06d}",
                    status=CaseStatus.IN_REVIEW,
                    received_on=date(2026, 11, 1),
                    intake={"principal": {"name": "架空 花子"}},
                    created_by=PREPARER,
                    created_at=clock(),
                    submitted_by=PREPARER,
                    verdict=None
                    if due is None
                    else Verdict("verified", (), due, "l", "1", clock(), PREPARER),
                )
            )
    session = Session(store, UserRecord(REVIEWER, Role.SUPERVISOR), FakePolicies(), clock)
    first = queue.review_queue(session, limit=2)
    assert [r.case_id for r in first.rows] == ["2026-000003", "2026-000001"]
    assert (first.total, first.overdue, first.due_soon) == (5, 1, 2)
    assert first.after is not None
    rest = queue.queue_page(session, first.after, 2)
    assert [r.case_id for r in rest.rows] == ["2026-000005", "2026-000004"]
    assert rest.after is not None
    last = queue.queue_page(session, rest.after, 2)
    assert [r.case_id for r in last.rows] == ["2026-000002"]
    assert last.after is None
