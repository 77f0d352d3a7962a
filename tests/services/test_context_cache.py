"""The cached terminal context follows catalogue changes made by anyone, at once."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from terminal.domain.errors import ProgramInactive, StampLimitReached
from tests.factories import CASHIER, Terminal


def _raw_sql(terminal: Terminal, statement: str) -> None:
    """A change through another connection, as a sync worker or an admin tool would make."""
    connection = sqlite3.connect(terminal.database.path)
    with connection:
        connection.execute(statement)
    connection.close()


def test_a_program_change_from_another_connection_applies_to_the_next_operation(
    terminal: Terminal,
) -> None:
    card = terminal.enroll(1)
    terminal.services.stamps.add_stamp(CASHIER, card.card_id)  # caches the context
    terminal.clock.advance(timedelta(minutes=10))

    _raw_sql(terminal, "UPDATE loyalty_programs SET max_daily_stamps = 1")

    with pytest.raises(StampLimitReached, match=r"Daily stamp limit reached \(1\)"):
        terminal.services.stamps.add_stamp(CASHIER, card.card_id)


def test_pausing_the_program_is_seen_by_lookups_and_operations(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    assert terminal.services.lookup.card(card.card_id).stamps_target == 10

    _raw_sql(terminal, "UPDATE loyalty_programs SET is_active = 0, stamps_target = 8")

    assert terminal.services.lookup.card(card.card_id).stamps_target == 8
    with pytest.raises(ProgramInactive):
        terminal.services.points.earn(CASHIER, card.card_id, "10")


def test_ledger_writes_do_not_move_the_catalogue_version(terminal: Terminal) -> None:
    def version() -> int:
        connection = sqlite3.connect(terminal.database.path)
        (value,) = connection.execute("SELECT version FROM catalog_version").fetchone()
        connection.close()
        return value

    before = version()
    card = terminal.enroll(1)
    terminal.services.stamps.add_stamp(CASHIER, card.card_id)
    assert version() == before
    _raw_sql(terminal, "UPDATE rewards SET points_cost = 120 WHERE id = 1")
    assert version() == before + 1
