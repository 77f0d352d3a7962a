"""PIN lockouts reported by terminals, made company-wide.

A terminal locks a PIN at once on its own; it reports the state here so that every other
terminal of the company learns it through `changes` (staff upserts). Merging rules: a lock
is never shortened by a report (the later `locked_until` wins); failed attempts take the
highest count reported; a report of 0 attempts with no lock (a correct PIN) clears the count
unless the PIN is locked right now.

A reported `locked_until` is bounded: at most the company's `pin_lockout_minutes` counted from
the report's `observed_at` or the server's clock, whichever is earlier. A terminal with a wrong
clock (or a forged report) can therefore never lock a PIN for years; a lock already stored
beyond now + lockout minutes (before this bound existed) is brought back to it on the next
report, so it expires and clears the normal way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from sync.protocol import PinStatus, PinStatusReport
from sync.server.changes import lock_company_log, record_change
from sync.server.models import Settings, Staff, Terminal
from terminal.domain.rules import CompanyRules


def apply_pin_reports(
    session: Session, terminal: Terminal, reports: list[PinStatusReport], now: datetime
) -> list[PinStatus]:
    answered: dict[int, PinStatus] = {}
    lock_company_log(session, terminal.company_id)  # before the staff rows: one lock order
    lockout = _lockout(session, terminal.company_id)
    for report in reports:
        staff = session.get(Staff, report.staff_id, with_for_update=True)
        if staff is None or staff.company_id != terminal.company_id:
            continue  # another company's staff is "unknown", never touched
        if _merge(staff, report, now, lockout):
            record_change(
                session,
                company_id=staff.company_id,
                entity="staff",
                entity_id=str(staff.id),
                data=staff.to_wire(),
                now=now,
            )
        answered[staff.id] = PinStatus(
            staff_id=staff.id,
            failed_attempts=staff.failed_attempts,
            locked_until=staff.locked_until,
        )
    return list(answered.values())


def _lockout(session: Session, company_id: int) -> timedelta:
    settings = session.get(Settings, company_id)
    minutes = (
        settings.pin_lockout_minutes if settings is not None else CompanyRules().pin_lockout_minutes
    )
    return timedelta(minutes=max(minutes, 0))


def bounded_lock(report: PinStatusReport, now: datetime, lockout: timedelta) -> datetime | None:
    """The report's `locked_until`, never beyond min(observed_at, now) + lockout."""
    if report.locked_until is None:
        return None
    return min(report.locked_until, min(report.observed_at, now) + lockout)


def _merge(staff: Staff, report: PinStatusReport, now: datetime, lockout: timedelta) -> bool:
    before = (staff.failed_attempts, staff.locked_until)
    ceiling = now + lockout
    if staff.locked_until is not None and staff.locked_until > ceiling:
        staff.locked_until = ceiling  # stored before reports were bounded
    locked_now = staff.locked_until is not None and now < staff.locked_until
    reported_lock = bounded_lock(report, now, lockout)
    if reported_lock is not None:
        if staff.locked_until is None or reported_lock > staff.locked_until:
            staff.locked_until = reported_lock
        staff.failed_attempts = max(staff.failed_attempts, report.failed_attempts)
    elif report.failed_attempts == 0:
        if not locked_now:
            staff.failed_attempts = 0
    else:
        staff.failed_attempts = max(staff.failed_attempts, report.failed_attempts)
    return (staff.failed_attempts, staff.locked_until) != before
