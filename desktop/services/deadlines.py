"""Deadlines: when the policy's clock starts, the due date, business days left.

The policy counts its deadline (e.g. 14 business days) from the receipt of the complete
documents. A case returned for more documents has no complete set until they come: when it
is resubmitted, the clock starts again on the day the documents added after the (last)
return arrived.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.calendar import DEFAULT_CALENDAR, BusinessCalendar
from desktop.core.cases import Action

if TYPE_CHECKING:
    from datetime import date, datetime

    from desktop.services.ports import CaseRecord
    from desktop.services.session import Session


def business_calendar(session: Session) -> BusinessCalendar:
    """The calendar deadlines are counted in (the policy engine's: weekends, holidays, 年末年始)."""
    del session  # one calendar for every store until companies can name their closure days
    return DEFAULT_CALENDAR


def last_return(session: Session, case_id: str) -> datetime | None:
    """When the case was last returned for more documents, from its audit trail; or None."""
    returned = None
    for event in session.store.audit.events(case_id=case_id):
        if event.action == Action.RETURN.value:
            returned = event.at
    return returned


def clock_start(session: Session, case: CaseRecord) -> date:
    """The day the policy's deadline counts from.

    ``received_on``, unless the case was returned and documents were added after the last
    return: then the day the last of those arrived (the set became complete that day).
    """
    returned = last_return(session, case.case_id)
    if returned is None:
        return case.received_on
    arrived = [
        doc.added_at
        for doc in session.store.documents.for_case(case.case_id)
        if doc.added_at > returned
    ]
    if not arrived:
        return case.received_on
    return max(case.received_on, max(arrived).date())


def restart(session: Session, case: CaseRecord, due_on: date | None, start: date) -> date | None:
    """The policy's due date ``due_on`` (counted from ``received_on``) counted from ``start``.

    The policy's number of business days is read back from its own due date (the calendar's
    ``business_days_between`` undoes ``add_business_days``), so any policy's period moves.
    """
    if due_on is None or start == case.received_on:
        return due_on
    calendar = business_calendar(session)
    days = calendar.business_days_between(case.received_on, due_on)
    return calendar.add_business_days(start, days)


def business_days_left(session: Session, case: CaseRecord, today: date) -> int | None:
    """Business days from ``today`` to the case's due date: 0 on the day, negative overdue.

    A case past its due date is at least one day overdue even on a weekend or holiday (the
    calendar would count 0 business days then). None when the case has no due date.
    """
    return None if case.due_on is None else days_left(session, case.due_on, today)


def days_left(session: Session, due: date, today: date) -> int:
    """Business days from ``today`` to ``due``: 0 on the day, at most -1 once it has passed."""
    left = business_calendar(session).business_days_between(today, due)
    if today > due:
        return min(left, -1)
    return left
