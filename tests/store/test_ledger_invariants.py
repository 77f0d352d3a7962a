"""Random sequences of counter operations keep every balance equal to its ledger sum.

A hypothesis state machine drives the real services on a real SQLite file: enroll, stamps,
purchases, redemptions, partial and full returns, voided stamps, (de)activation, the clock
moving by minutes or days. Refusals are part of the game; after every step the invariants
are checked against the database itself.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from terminal.domain.errors import LoyaltyError
from terminal.domain.ledger import SyncState, TransactionType
from terminal.store.models import LedgerEntry, LoyaltyCard, TerminalIdentity
from tests.factories import CASHIER, MANAGER, Terminal, make_terminal, open_terminal

_serial = itertools.count()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    terminal = make_terminal(path)
    terminal.database.dispose()
    return path


class CounterMachine(RuleBasedStateMachine):
    template: Path

    cards = Bundle("cards")
    purchases = Bundle("purchases")
    stamps_given = Bundle("stamps_given")

    def __init__(self) -> None:
        super().__init__()
        self._dir = Path(tempfile.mkdtemp(prefix="ledger-machine-"))
        path = self._dir / "terminal.db"
        shutil.copyfile(self.template, path)
        self.terminal: Terminal = open_terminal(path)
        self.succeeded = 0

    def teardown(self) -> None:
        self.terminal.database.dispose()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _try(self, action):  # type: ignore[no-untyped-def]
        try:
            result = action()
        except LoyaltyError as err:
            assert err.message  # noqa: PT017  (every refusal explains itself)
            return None
        self.succeeded += 1
        return result

    @initialize(target=cards)
    def first_card(self) -> str:
        return self.terminal.enroll(next(_serial)).card_id

    @rule(target=cards)
    def enroll(self) -> str:
        return self.terminal.enroll(next(_serial)).card_id

    @rule(minutes=st.sampled_from([1, 4, 6, 61, 60 * 13, 60 * 24 * 3]))
    def time_passes(self, minutes: int) -> None:
        self.terminal.clock.advance(timedelta(minutes=minutes))

    @rule(target=stamps_given, card=cards, count=st.integers(1, 3))
    def stamp(self, card: str, count: int):  # type: ignore[no-untyped-def]
        result = self._try(lambda: self.terminal.services.stamps.add_stamp(CASHIER, card, count))
        return (card, result.entry_id) if result else (card, None)

    @rule(card=cards)
    def redeem_stamps(self, card: str) -> None:
        self._try(lambda: self.terminal.services.stamps.redeem_reward(CASHIER, card))

    @rule(target=purchases, card=cards, cents=st.integers(1, 60_000))
    def earn(self, card: str, cents: int):  # type: ignore[no-untyped-def]
        amount = f"{cents // 100},{cents % 100:02d}"
        result = self._try(lambda: self.terminal.services.points.earn(CASHIER, card, amount))
        return (card, result.entry_id if result else None, cents)

    @rule(card=cards, reward=st.sampled_from([1, 2, 3]), online=st.booleans())
    def redeem_points(self, card: str, reward: int, online: bool) -> None:
        self._try(
            lambda: self.terminal.services.points.redeem(
                CASHIER, card, reward, authorized_online=online
            )
        )

    @rule(purchase=purchases, part=st.integers(1, 60_000) | st.none())
    def return_goods(self, purchase, part) -> None:  # type: ignore[no-untyped-def]
        card, entry_id, _ = purchase
        if entry_id is None:
            return
        amount = None if part is None else f"{part // 100}.{part % 100:02d}"
        self._try(
            lambda: self.terminal.services.voids.void(
                MANAGER, card, entry_id, returned_amount=amount
            )
        )

    @rule(given=consumes(stamps_given))
    def void_stamp(self, given) -> None:  # type: ignore[no-untyped-def]
        card, entry_id = given
        if entry_id is not None:
            self._try(lambda: self.terminal.services.voids.void(MANAGER, card, entry_id))

    @precondition(lambda self: self.succeeded > 0)
    @rule(card=cards, active=st.booleans())
    def set_active(self, card: str, active: bool) -> None:
        cards = self.terminal.services.cards
        action = cards.reactivate if active else cards.deactivate
        self._try(lambda: action(MANAGER, card))

    @invariant()
    def balances_equal_ledger_sums_and_never_negative(self) -> None:
        with self.terminal.database.reader() as session:
            sums = _delta_sums(session)
            for card in session.scalars(select(LoyaltyCard)):
                assert card.stamp_count >= 0
                assert card.points_balance >= 0
                assert sums[card.id] == (card.stamp_count, card.points_balance)

    @invariant()
    def shown_balances_are_confirmed_plus_pending(self) -> None:
        """Counter operations only add pending entries: the confirmed part (what the server
        confirmed, none of it here) never moves, and what the cashier sees is it plus the
        pending entries' deltas."""
        with self.terminal.database.reader() as session:
            pending = _delta_sums(session, LedgerEntry.sync_state == SyncState.PENDING)
            for card in session.scalars(select(LoyaltyCard)):
                stamps, points = pending.get(card.id, (0, 0))
                assert (card.confirmed_stamp_count, card.confirmed_points_balance) == (0, 0)
                assert card.stamp_count == card.confirmed_stamp_count + stamps
                assert card.points_balance == card.confirmed_points_balance + points
            sent = session.scalar(select(func.count()).where(LedgerEntry.sent_at.is_not(None)))
            assert sent == 0  # nothing pushes here

    @invariant()
    def sequence_has_no_gaps_and_every_entry_names_its_staff(self) -> None:
        with self.terminal.database.reader() as session:
            seqs = list(session.scalars(select(LedgerEntry.terminal_seq).order_by("terminal_seq")))
            assert seqs == list(range(1, len(seqs) + 1))
            assert session.get_one(TerminalIdentity, 1).next_seq == len(seqs) + 1
            unnamed = session.scalar(select(func.count()).where(LedgerEntry.staff_id.is_(None)))
            assert unnamed == 0

    @invariant()
    def voids_never_take_back_more_than_was_earned(self) -> None:
        with self.terminal.database.reader() as session:
            originals = {
                e.id: e
                for e in session.scalars(
                    select(LedgerEntry).where(
                        LedgerEntry.type.in_(
                            [TransactionType.POINTS_EARNED, TransactionType.STAMP_EARNED]
                        )
                    )
                )
            }
            voids = session.scalars(select(LedgerEntry).where(LedgerEntry.reverses_id.isnot(None)))
            taken: dict[str, int] = {}
            returned: dict[str, int] = {}
            for void in voids:
                taken[void.reverses_id] = taken.get(void.reverses_id, 0) + (
                    -void.points_delta - void.stamps_delta + void.shortfall
                )
                returned[void.reverses_id] = returned.get(void.reverses_id, 0) + (
                    void.purchase_amount or 0
                )
            for original_id, total in taken.items():
                original = originals[original_id]
                assert total <= original.points_delta + original.stamps_delta
                assert returned[original_id] <= (original.purchase_amount or 0)


def _delta_sums(session: Any, *where: Any) -> dict[int, tuple[int, int]]:
    """(stamps, points) deltas summed per card, of the entries matching `where`."""
    query = select(
        LedgerEntry.card_id, func.sum(LedgerEntry.stamps_delta), func.sum(LedgerEntry.points_delta)
    )
    rows = session.execute(query.where(*where).group_by(LedgerEntry.card_id))
    return {card_id: (stamps, points) for card_id, stamps, points in rows}


def test_random_counter_sessions_keep_the_ledger_invariants(template_db: Path) -> None:
    CounterMachine.template = template_db
    run_state_machine_as_test(
        CounterMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
