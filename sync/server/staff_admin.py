"""Admin changes to a company's staff: add a member, set a new PIN, deactivate or
reactivate, unlock after too many wrong PINs.

Like program_admin: each runs in the caller's transaction, takes the company's change-log
lock first, writes the row, its change-log row (every terminal gets it at its next pull,
PIN hash included: the terminals check PINs offline) and its audit record (never the PIN
nor its hash), or raises ApiError before writing anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.admin import AdminChange, check_actor, company_or_404, create_staff, record_audit
from sync.server.changes import lock_company_log, record_change
from sync.server.errors import ApiError
from sync.server.models import Staff, fits_integer
from terminal.domain.errors import LoyaltyError
from terminal.domain.pins import hash_pin, validate_new_pin
from terminal.domain.rules import StaffRole

MAX_NAME_LENGTH = 80


def _public(staff: Staff) -> dict[str, Any]:
    """What the audit keeps of a member: never the PIN's hash."""
    return {
        "name": staff.name,
        "role": staff.role,
        "is_active": staff.is_active,
        "locked": staff.locked_until is not None,
    }


def list_staff(session: Session, company_id: int) -> list[Staff]:
    company_or_404(session, company_id)
    return list(
        session.scalars(select(Staff).where(Staff.company_id == company_id).order_by(Staff.name))
    )


def add_staff(
    session: Session, company_id: int, name: str, role: str, pin: str, *, actor: str, now: datetime
) -> AdminChange:
    actor = check_actor(actor)
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise ApiError(422, "invalid_value", f"A name has 1 to {MAX_NAME_LENGTH} characters.")
    if role not in {item.value for item in StaffRole}:
        raise ApiError(422, "invalid_value", f"A role is cashier or manager, not {role!r}.")
    company_or_404(session, company_id)
    lock_company_log(session, company_id)
    staff = create_staff(session, company_id, name, pin, now, role=StaffRole(role))
    session.flush()
    record_audit(session, company_id=company_id, actor=actor, action="staff.add",
                 entity="staff", entity_id=str(staff.id), before=None, after=_public(staff),
                 now=now)  # fmt: skip
    return AdminChange("staff", str(staff.id), None, _public(staff), _public(staff))


def change_staff(
    session: Session,
    company_id: int,
    staff_id: int,
    *,
    actor: str,
    now: datetime,
    pin: str | None = None,
    active: bool | None = None,
    unlock: bool = False,
) -> AdminChange:
    """A new PIN (also unlocks), deactivate / reactivate, or unlock; a member of another
    company is "not found"."""
    actor = check_actor(actor)
    if pin is not None:
        try:
            validate_new_pin(pin)
        except LoyaltyError as err:
            raise ApiError(422, err.code, err.message) from err
    company_or_404(session, company_id)
    lock_company_log(session, company_id)
    staff = session.get(Staff, staff_id, populate_existing=True) if fits_integer(staff_id) else None
    if staff is None or staff.company_id != company_id:
        raise ApiError(404, "staff_not_found", f"Company {company_id} has no staff {staff_id}.")
    before = _public(staff)
    action = "staff.update"
    if pin is not None:
        staff.pin_hash = hash_pin(pin)
        unlock, action = True, "staff.new_pin"
    if active is not None and active != staff.is_active:
        staff.is_active = active
        action = "staff.reactivate" if active else "staff.deactivate"
    if unlock and (staff.locked_until is not None or staff.failed_attempts):
        staff.locked_until = None
        staff.failed_attempts = 0
        action = action if pin is not None else "staff.unlock"
    after = _public(staff)
    if after == before and pin is None:
        return AdminChange("staff", str(staff.id), {}, {}, after)
    session.flush()
    record_change(session, company_id=company_id, entity="staff", entity_id=str(staff.id),
                  data=staff.to_wire(), now=now)  # fmt: skip
    changed = {key: value for key, value in after.items() if before[key] != value}
    if pin is not None:
        changed["pin"] = "changed"
    record_audit(session, company_id=company_id, actor=actor, action=action, entity="staff",
                 entity_id=str(staff.id), before={k: before[k] for k in changed if k in before},
                 after=changed, now=now)  # fmt: skip
    return AdminChange("staff", str(staff.id), before, changed, after)
