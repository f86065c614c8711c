"""Deadlines: the policy's due date, its restart when a returned case gets its documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pytest

from desktop.core.calendar import DEFAULT_CALENDAR
from desktop.core.case import Holder
from desktop.services import deadlines, documents, intake, review
from tests.clock import JST
from tests.services.conftest import REQUEST
from tests.services.test_documents import masked

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tests.services.conftest import Desk


def fourteen_business_days(case: Mapping[str, Any]) -> tuple[str, list[str], date | None]:
    """A policy like Leverages': complete when a page is in, due 14 business days on."""
    if not case["documents"]:
        return "more_documents_needed", ["photo_id_or_two_documents"], None
    received = date.fromisoformat(case["received_on"])
    return "verified", [], DEFAULT_CALENDAR.add_business_days(received, 14)


@pytest.fixture(autouse=True)
def _policy(desk: Desk) -> None:
    desk.policies.decide = fourteen_business_days


def test_due_date_counts_from_receipt_across_the_labour_thanksgiving_holiday(desk: Desk) -> None:
    olivia = desk.login("olivia")
    case_id = intake.open_case(olivia, REQUEST, "case.json").case_id  # received Fri 2026-11-20
    documents.add_page(olivia, case_id, masked(), holder=Holder.PRINCIPAL)
    case = review.submit(olivia, case_id)
    # Mon 23 Nov is 勤労感謝の日: the 14th business day after Fri 20 Nov is Fri 11 Dec.
    assert case.due_on == date(2026, 12, 11)
    assert deadlines.clock_start(olivia, case) == date(2026, 11, 20)


def test_the_clock_restarts_when_a_returned_case_gets_its_documents(desk: Desk) -> None:
    olivia, sam = desk.login("olivia"), desk.login("sam")
    case_id = intake.open_case(olivia, REQUEST, "case.json").case_id
    assert review.submit(olivia, case_id).due_on is None  # nothing enclosed: no clock
    review.return_case(sam, case_id, "運転免許証の写しをお送りください")
    desk.clock.current = datetime(2026, 12, 25, 15, 0, tzinfo=JST)  # the copy arrives
    documents.add_page(olivia, case_id, masked(), holder=Holder.PRINCIPAL)
    desk.clock.current = datetime(2026, 12, 28, 9, 0, tzinfo=JST)  # resubmitted on Monday
    case = review.submit(olivia, case_id)
    assert deadlines.clock_start(olivia, case) == date(2026, 12, 25)
    # From Fri 25 Dec: 28 Dec, then the year-end closure (29 Dec - 3 Jan), 4-8 Jan,
    # 成人の日 on Mon 11 Jan 2027, so the 14th business day is Thu 21 Jan 2027.
    assert case.due_on == date(2027, 1, 21)
    # Weighing it again in review keeps the restarted clock.
    assert review.evaluate(olivia, case_id).due_on == date(2027, 1, 21)
    event = list(desk.store.audit.events())[-1]
    assert event.detail["due_on"] == "2027-01-21"


def test_no_restart_when_nothing_new_came_after_the_return(desk: Desk) -> None:
    olivia, sam = desk.login("olivia"), desk.login("sam")
    case_id = intake.open_case(olivia, REQUEST, "case.json").case_id
    documents.add_page(olivia, case_id, masked(), holder=Holder.PRINCIPAL)
    review.submit(olivia, case_id)
    review.return_case(sam, case_id, "鮮明な写しをお送りください")
    desk.clock.current = datetime(2026, 12, 1, 9, 0, tzinfo=JST)
    case = review.submit(olivia, case_id)
    assert deadlines.clock_start(olivia, case) == date(2026, 11, 20)
    assert case.due_on == date(2026, 12, 11)


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (date(2026, 11, 20), 14),  # the day of receipt
        (date(2026, 11, 23), 14),  # 勤労感謝の日: no business day has passed yet
        (date(2026, 11, 24), 13),
        (date(2026, 12, 10), 1),
        (date(2026, 12, 11), 0),  # due today
        (date(2026, 12, 12), -1),  # Saturday after the due date: overdue all the same
        (date(2026, 12, 14), -1),
        (date(2026, 12, 15), -2),
    ],
)
def test_business_days_left(desk: Desk, today: date, left: int) -> None:
    olivia = desk.login("olivia")
    case_id = intake.open_case(olivia, REQUEST, "case.json").case_id
    documents.add_page(olivia, case_id, masked(), holder=Holder.PRINCIPAL)
    case = review.submit(olivia, case_id)
    assert deadlines.business_days_left(olivia, case, today) == left


def test_no_due_date_no_days_left(desk: Desk) -> None:
    olivia = desk.login("olivia")
    case = intake.open_case(olivia, REQUEST, "case.json")
    assert deadlines.business_days_left(olivia, case, date(2026, 11, 24)) is None
