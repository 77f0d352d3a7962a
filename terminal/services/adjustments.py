"""A manager's points adjustment: a signed correction with a mandatory reason.

It is a POINTS_ADJUSTMENT ledger entry like any other (synced, re-checked by the server,
which accepts it from a manager only). It may take the balance down to zero, never below:
a correction that finds fewer points than it expected is typed again with the right figure.
"""

from __future__ import annotations

from terminal.domain.errors import InvalidInput
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import PinOperation, StaffRole
from terminal.services.cardviews import card_view, require_card
from terminal.services.context import ServiceDeps
from terminal.services.ledger_writer import append_entry
from terminal.services.staff import StaffService
from terminal.services.views import Actor, OperationResult

MAX_ADJUSTMENT = 1_000_000
REASON_MIN, REASON_MAX = 3, 200


class PointsAdjustmentService:
    def __init__(self, deps: ServiceDeps, staff: StaffService) -> None:
        self._deps = deps
        self._staff = staff

    def adjust(self, actor: Actor, card_id: str, points: int | str, reason: str) -> OperationResult:
        """Add (`points` > 0) or take away (< 0) points; `reason` says why, for the audit."""
        delta = _points(points)
        note = _reason(reason)
        member = self._staff.authorize(actor, PinOperation.DEACTIVATE, StaffRole.MANAGER)
        now = self._deps.clock.now()
        with self._deps.sessions.write() as session:
            ctx = self._deps.context(session)
            card = require_card(session, ctx, card_id)
            if card.points_balance + delta < 0:
                raise InvalidInput(
                    f"The card has {card.points_balance} points: an adjustment cannot take "
                    "the balance below zero.",
                    reason="adjustment_below_zero",
                    balance=card.points_balance,
                )
            entry = append_entry(
                session,
                ctx,
                card,
                TransactionType.POINTS_ADJUSTMENT,
                now=now,
                staff_id=member.staff_id,
                points_delta=delta,
                notes=note,
            )
            view = card_view(session, ctx, card)
            return OperationResult(entry.id, entry.type, view, points_delta=delta)


def _points(points: int | str) -> int:
    value: int | None = None
    if isinstance(points, int) and not isinstance(points, bool):
        value = points
    elif isinstance(points, str):
        text = points.strip().replace(" ", "").replace("\u202f", "").replace("\u2212", "-")
        if text.lstrip("+-").isdigit() and text.count("-") + text.count("+") <= 1:
            value = int(text) if len(text) <= 12 else MAX_ADJUSTMENT + 1
    if value is None or value == 0 or abs(value) > MAX_ADJUSTMENT:
        raise InvalidInput(
            f"Type the points to add (e.g. 50) or take away (e.g. -50), at most {MAX_ADJUSTMENT}.",
            reason="adjustment_points_invalid",
            max_points=MAX_ADJUSTMENT,
        )
    return value


def _reason(reason: str) -> str:
    note = " ".join(reason.split()) if isinstance(reason, str) else ""
    if len(note) < REASON_MIN or len(note) > REASON_MAX or not note.isprintable():
        raise InvalidInput(
            f"Say why the points change ({REASON_MIN} to {REASON_MAX} characters).",
            reason="adjustment_reason_invalid",
            min_length=REASON_MIN,
            max_length=REASON_MAX,
        )
    return note
