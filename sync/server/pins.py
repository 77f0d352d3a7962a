"""PIN lockouts reported by terminals, made company-wide.

A terminal locks a PIN at once on its own; it reports the state here so that every other
terminal of the company learns it through `changes` (staff upserts). Merging rules: a lock
is never shortened by a report (the later `locked_until` wins); failed attempts take the
highest count reported; a report of 0 attempts with no lock (a correct PIN) clears the count
unless the PIN is locked right now. `observed_at` is kept on the wire for audits; unused yet.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sync.protocol import PinStatus, PinStatusReport
from sync.server.changes import lock_company_log, record_change
from sync.server.models import Staff, Terminal


def apply_pin_reports(
    session: Session, terminal: Terminal, reports: list[PinStatusReport], now: datetime
) -> list[PinStatus]:
    answered: dict[int, PinStatus] = {}
    lock_company_log(session, terminal.company_id)  # before the staff rows: one lock order
    for report in reports:
        staff = session.get(Staff, report.staff_id, with_for_update=True)
        if staff is None or staff.company_id != terminal.company_id:
            continue  # another company's staff is "unknown", never touched
        if _merge(staff, report, now):
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


def _merge(staff: Staff, report: PinStatusReport, now: datetime) -> bool:
    before = (staff.failed_attempts, staff.locked_until)
    locked_now = staff.locked_until is not None and now < staff.locked_until
    if report.locked_until is not None:
        if staff.locked_until is None or report.locked_until > staff.locked_until:
            staff.locked_until = report.locked_until
        staff.failed_attempts = max(staff.failed_attempts, report.failed_attempts)
    elif report.failed_attempts == 0:
        if not locked_now:
            staff.failed_attempts = 0
    else:
        staff.failed_attempts = max(staff.failed_attempts, report.failed_attempts)
    return (staff.failed_attempts, staff.locked_until) != before
