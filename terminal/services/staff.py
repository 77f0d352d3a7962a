"""Staff members and PIN checks with lockout.

The slow scrypt check runs outside any write transaction (so the counter is never blocked
behind it); the outcome is then recorded in its own short unit of work, and a failure is
committed even though the operation it guarded is refused.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from terminal.domain.clock import to_store_time
from terminal.domain.errors import StaffNotFound
from terminal.domain.pins import (
    PinAttempts,
    after_failed_attempt,
    check_not_locked,
    check_role,
    pin_needed,
    verify_pin_hash,
    wrong_pin_error,
)
from terminal.domain.rules import PinOperation, StaffRole
from terminal.services.context import ServiceDeps
from terminal.services.inputs import is_row_id
from terminal.services.views import Actor, StaffMember
from terminal.store.models import StaffPin


def _member(staff: StaffPin, store_tz: str) -> StaffMember:
    locked = staff.locked_until
    return StaffMember(
        staff.id, staff.name, staff.role, to_store_time(locked, store_tz) if locked else None
    )


class StaffService:
    def __init__(self, deps: ServiceDeps) -> None:
        self._deps = deps

    def list_staff(self) -> list[StaffMember]:
        """Active staff of the company, for the 'pick your name' list."""
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            rows = session.scalars(
                select(StaffPin)
                .where(StaffPin.company_id == ctx.company_id, StaffPin.is_active.is_(True))
                .order_by(StaffPin.name)
            )
            return [_member(staff, ctx.store_tz) for staff in rows]

    def verify_pin(self, staff_id: int, pin: str) -> StaffMember:
        """Check a PIN; raises WrongPin (attempts left) or PinLocked (until when)."""
        now = self._deps.clock.now()
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            staff = self._active_staff(session, ctx.company_id, staff_id)
            check_not_locked(
                PinAttempts(staff.failed_attempts, staff.locked_until), now, ctx.store_tz
            )
            pin_hash = staff.pin_hash
        matches = isinstance(pin, str) and len(pin) <= 64 and verify_pin_hash(pin, pin_hash)
        with self._deps.sessions.write() as session:
            staff = self._active_staff(session, ctx.company_id, staff_id)
            state = PinAttempts(staff.failed_attempts, staff.locked_until)
            check_not_locked(state, now, ctx.store_tz)  # locked meanwhile at another till
            if matches:
                staff.failed_attempts = 0
                staff.locked_until = None
                staff.last_used_at = now
                return _member(staff, ctx.store_tz)
            after = after_failed_attempt(state, now, ctx.company)
            staff.failed_attempts = after.failed_attempts
            staff.locked_until = after.locked_until
            error = wrong_pin_error(after, ctx.company)
        raise error

    def authorize(
        self, actor: Actor, operation: PinOperation | None, role: StaffRole = StaffRole.CASHIER
    ) -> StaffMember:
        """The staff member allowed to do `operation`, PIN-checked when the policy says so."""
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            member = _member(
                self._active_staff(session, ctx.company_id, actor.staff_id), ctx.store_tz
            )
        if operation is not None and pin_needed(ctx.company, operation, bool(actor.pin)):
            member = self.verify_pin(actor.staff_id, actor.pin or "")
        check_role(member.role, role)
        return member

    def sign_in_manager(self, actor: Actor) -> StaffMember:
        """The manager views' door: always a PIN, whatever the company's policies, and the
        manager role (a wrong PIN counts towards the lockout like any other)."""
        member = self.verify_pin(actor.staff_id, actor.pin or "")
        check_role(member.role, StaffRole.MANAGER)
        return member

    @staticmethod
    def _active_staff(session: Session, company_id: int, staff_id: int) -> StaffPin:
        staff = session.get(StaffPin, staff_id) if is_row_id(staff_id) else None
        if staff is None or staff.company_id != company_id or not staff.is_active:
            raise StaffNotFound()
        return staff
