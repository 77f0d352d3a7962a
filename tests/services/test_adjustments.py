"""A manager's points adjustment, the manager views' PIN door, and conflicts marked as
handled: each success and each refusal, on a real SQLite file."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from terminal.domain.errors import InvalidInput, ManagerRequired, WrongPin
from terminal.domain.ledger import SyncState, TransactionType
from terminal.services.conflicts import ConflictNotFound
from terminal.services.views import Actor
from terminal.store.models import LedgerEntry, SyncConflict
from tests.factories import CASHIER, MANAGER, Terminal
from tests.services.helpers import card_row, entry, refused


def _card(terminal: Terminal) -> str:
    card = terminal.enroll(1)
    terminal.services.points.earn(CASHIER, card.card_id, "120.00")
    return card.card_id


def test_a_manager_adds_and_takes_away_points_with_a_reason(terminal: Terminal) -> None:
    card_id = _card(terminal)
    before = card_row(terminal, card_id).points_balance
    added = terminal.services.adjustments.adjust(MANAGER, card_id, "+30", "  Coffee machine  down ")
    assert added.card.points_balance == before + 30
    assert added.points_delta == 30
    written = entry(terminal, added.entry_id)
    assert written.type is TransactionType.POINTS_ADJUSTMENT
    assert written.notes == "Coffee machine down"
    assert written.staff_id == MANAGER.staff_id
    assert written.sync_state is SyncState.PENDING  # synced like every entry
    taken = terminal.services.adjustments.adjust(MANAGER, card_id, -(before + 30), "Duplicate card")
    assert taken.card.points_balance == 0
    assert taken.card.pending_points == 0  # enrolled, earned and adjusted here: all pending


@pytest.mark.parametrize("points", [0, "0", "", "abc", "1.5", "--5", 10**7, "9" * 20, True, None])
def test_an_adjustment_that_is_not_a_number_of_points_is_refused(
    terminal: Terminal, points: object
) -> None:
    card_id = _card(terminal)
    with refused(terminal, InvalidInput, case=points) as err:
        terminal.services.adjustments.adjust(MANAGER, card_id, points, "A reason")  # type: ignore[arg-type]
    assert err.value.reason == "adjustment_points_invalid"


@pytest.mark.parametrize("reason", ["", "  ", "ab", "x" * 201, "bad\x00text", None])
def test_an_adjustment_needs_a_reason(terminal: Terminal, reason: object) -> None:
    card_id = _card(terminal)
    with refused(terminal, InvalidInput, case=reason) as err:
        terminal.services.adjustments.adjust(MANAGER, card_id, 10, reason)  # type: ignore[arg-type]
    assert err.value.reason == "adjustment_reason_invalid"


def test_an_adjustment_never_takes_the_balance_below_zero(terminal: Terminal) -> None:
    card_id = _card(terminal)
    balance = card_row(terminal, card_id).points_balance
    with refused(terminal, InvalidInput) as err:
        terminal.services.adjustments.adjust(MANAGER, card_id, -(balance + 1), "Too much")
    assert err.value.reason == "adjustment_below_zero"
    assert err.value.params["balance"] == balance


def test_a_cashier_cannot_adjust_points(terminal: Terminal) -> None:
    card_id = _card(terminal)
    with refused(terminal, ManagerRequired):
        terminal.services.adjustments.adjust(CASHIER, card_id, 10, "Trying")
    with refused(terminal, WrongPin, exact=False):
        terminal.services.adjustments.adjust(Actor(MANAGER.staff_id, "0000"), card_id, 10, "x y z")


def test_the_manager_views_always_ask_the_managers_pin(terminal: Terminal) -> None:
    member = terminal.services.staff.sign_in_manager(MANAGER)
    assert member.staff_id == MANAGER.staff_id
    with pytest.raises(WrongPin):
        terminal.services.staff.sign_in_manager(Actor(MANAGER.staff_id, "9999"))
    with pytest.raises(WrongPin):
        terminal.services.staff.sign_in_manager(Actor(MANAGER.staff_id, None))
    with pytest.raises(ManagerRequired):
        terminal.services.staff.sign_in_manager(CASHIER)


def _conflict(terminal: Terminal) -> int:
    card_id = _card(terminal)
    with terminal.database.writer.begin() as session:
        first = session.scalars(select(LedgerEntry).order_by(LedgerEntry.terminal_seq)).first()
        assert first is not None
        row = SyncConflict(
            entry_id=first.id,
            kind="rejected",
            code="card_not_found",
            reason="No card with this id in the company.",
            card_uuid=card_id,
            recorded_at=datetime(2026, 3, 10, 9, 5, tzinfo=UTC),
        )
        session.add(row)
        session.flush()
        return row.id


def test_a_manager_marks_a_conflict_handled_with_who_when_and_a_note(terminal: Terminal) -> None:
    conflict_id = _conflict(terminal)
    conflicts = terminal.services.conflicts
    assert conflicts.list_conflicts()[0].handled_at is None
    done = conflicts.mark_handled(MANAGER, conflict_id, "  Points given back   by hand ")
    assert done.handled_by == "Morgan Leroy"
    assert done.handled_at is not None
    assert done.handled_at.utcoffset() is not None
    assert done.handled_note == "Points given back by hand"
    assert done.seen
    assert done.card_id is not None
    assert conflicts.list_conflicts(unhandled_only=True) == []
    again = conflicts.mark_handled(MANAGER, conflict_id, "Someone else")
    assert again.handled_note == "Points given back by hand"  # the first record stays


def test_marking_a_conflict_is_refused_for_a_cashier_a_bad_note_or_an_unknown_one(
    terminal: Terminal,
) -> None:
    conflict_id = _conflict(terminal)
    conflicts = terminal.services.conflicts
    with refused(terminal, ManagerRequired):
        conflicts.mark_handled(CASHIER, conflict_id)
    with refused(terminal, InvalidInput) as err:
        conflicts.mark_handled(MANAGER, conflict_id, "x" * 300)
    assert err.value.reason == "conflict_note_invalid"
    for unknown in (conflict_id + 1, -1, "1", str(uuid.uuid4())):
        with refused(terminal, ConflictNotFound, case=unknown):
            conflicts.mark_handled(MANAGER, unknown)  # type: ignore[arg-type]
