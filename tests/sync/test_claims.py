"""The server re-checks what terminals claim: a malicious or broken terminal cannot mint points.

What no honest terminal can produce is refused in both modes (kept as `rejected` in queue
mode, nothing recorded in authorize mode). What honest terminals produce while offline (the
daily stamp limit broken across two tills, a card deactivated meanwhile) is applied and
flagged in queue mode and refused in authorize mode. Over real HTTP, SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from sync.server.cli import main
from sync.server.models import Card, LedgerEntry
from tests.sync.conftest import START, Term, World

MODES = ["queue", "authorize"]
PASTRY, LUNCH = 1, 2  # company A's rewards: 100 and 250 points
COMPANY_B_REWARD = 4


def push_one(term: Term, entry: dict[str, Any], mode: str = "queue") -> dict[str, Any]:
    result = term.push([entry], mode)["results"][0]
    if mode == "authorize" and result["result"] == "rejected":
        term.seq -= 1  # nothing was recorded: the seq stays free
    return result


def card_state(world: World, card_id: str) -> tuple[int, int, bool]:
    with world.server.sessions.begin() as session:
        card = session.get(Card, card_id)
        assert card is not None
        return card.points_balance, card.stamp_count, card.is_active


def row(world: World, entry_id: str) -> LedgerEntry | None:
    with world.server.sessions.begin() as session:
        return session.get(LedgerEntry, entry_id)


def ledger_points(world: World, card_id: str) -> int:
    with world.server.sessions.begin() as session:
        return int(
            session.scalar(
                select(func.coalesce(func.sum(LedgerEntry.points_delta), 0)).where(
                    LedgerEntry.card_id == card_id,
                    LedgerEntry.result.in_(("accepted", "overdraft")),
                )
            )
        )


def assert_refused(
    world: World, term: Term, entry: dict[str, Any], mode: str, code: str
) -> dict[str, Any]:
    """Refused with `code` and its reason; the card did not move; queue mode keeps the entry
    as rejected, authorize mode records nothing."""
    before = card_state(world, entry["card_id"])
    result = push_one(term, entry, mode)
    assert (result["result"], result["code"]) == ("rejected", code), result
    assert result["reason"]
    assert card_state(world, entry["card_id"]) == before
    kept = row(world, entry["id"])
    if mode == "queue":
        assert kept is not None
        assert (kept.result, kept.reason_code) == ("rejected", code)
    else:
        assert kept is None
    return result


def earned(world: World, term: Term, card_id: str, points: int) -> None:
    entry = term.entry("POINTS_EARNED", card_id, points_delta=points, purchase_amount=points * 100)
    assert push_one(term, entry)["result"] == "accepted"


# --- points earned --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_points_must_match_amount_times_rate(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    minted = term.entry("POINTS_EARNED", card_id, points_delta=1000, purchase_amount=1299)
    result = assert_refused(world, term, minted, mode, "points_mismatch")
    assert "12" in result["reason"]  # 12.99 at 1 point per 1.00 earns 12
    honest = term.entry("POINTS_EARNED", card_id, points_delta=12, purchase_amount=1299)
    assert push_one(term, honest, mode)["result"] == "accepted"
    assert card_state(world, card_id)[0] == 50 + 12 == ledger_points(world, card_id)


@pytest.mark.parametrize("mode", MODES)
def test_an_earn_without_its_amount_is_refused(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    assert_refused(
        world, term, term.entry("POINTS_EARNED", card_id, points_delta=40), mode, "amount_required"
    )


def test_the_rate_in_force_at_the_entry_time_counts(world: World) -> None:
    server = world.server
    term = server.activate(world.vendor_a1)
    card_id = term.enroll()
    term.changes()  # caught up with the rules of START
    before_change = START + timedelta(minutes=30)
    server.clock.set(START + timedelta(hours=1))
    world.change_program(points_per_currency_unit=2)
    server.clock.set(START + timedelta(days=3))
    # Made before the change at the old rate, pushed days later: accepted.
    old = term.entry(
        "POINTS_EARNED",
        card_id,
        points_delta=10,
        purchase_amount=1000,
        transaction_at=before_change.isoformat(),
    )
    assert push_one(term, old)["result"] == "accepted"
    # Made after the change by this till, offline since before it: the old rate it had.
    offline = term.entry(
        "POINTS_EARNED",
        card_id,
        points_delta=10,
        purchase_amount=1000,
        transaction_at=(START + timedelta(days=2)).isoformat(),
    )
    assert push_one(term, offline)["result"] == "accepted"
    # Once it has pulled the new rules, the old rate is a lie.
    cursor = None
    while True:
        page = term.changes(cursor)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    later = (START + timedelta(days=3)).isoformat()
    stale = term.entry(
        "POINTS_EARNED", card_id, points_delta=10, purchase_amount=1000, transaction_at=later
    )
    assert push_one(term, stale)["code"] == "points_mismatch"
    fresh = term.entry(
        "POINTS_EARNED", card_id, points_delta=20, purchase_amount=1000, transaction_at=later
    )
    assert push_one(term, fresh)["result"] == "accepted"
    assert card_state(world, card_id)[0] == 50 + 10 + 10 + 20 == ledger_points(world, card_id)


# --- stamps ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_stamps_beyond_one_visit_are_refused(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=0)
    entry = term.entry("STAMP_EARNED", card_id, stamps_delta=1000)
    assert_refused(world, term, entry, mode, "too_many_stamps")
    zero = term.entry("STAMP_EARNED", card_id, stamps_delta=0)
    assert_refused(world, term, zero, mode, "invalid_stamp_count")


def _stamps(term: Term, card_id: str, count: int, at: Any) -> dict[str, Any]:
    return term.entry("STAMP_EARNED", card_id, stamps_delta=count, transaction_at=at.isoformat())


@pytest.mark.parametrize("mode", MODES)
def test_a_fourth_stamp_in_a_store_day_across_tills(world: World, mode: str) -> None:
    server = world.server
    till1 = server.activate(world.vendor_a1, "Till 1")
    till2 = server.activate(world.vendor_a1, "Till 2")
    card_id = till1.enroll(bonus=0)
    server.clock.set(START + timedelta(hours=6))
    assert push_one(till1, _stamps(till1, card_id, 3, START + timedelta(hours=1)))["result"] == (
        "accepted"
    )
    fourth = _stamps(till2, card_id, 1, START + timedelta(hours=2))
    result = push_one(till2, fourth, mode)
    if mode == "queue":  # it already happened at the counter: applied, flagged for a manager
        assert (result["result"], result["code"]) == ("accepted", "stamp_daily_limit")
        assert "manager" in result["reason"]
        assert card_state(world, card_id)[1] == 4
        kept = row(world, fourth["id"])
        assert kept is not None
        assert kept.flagged
    else:
        assert (result["result"], result["code"]) == ("rejected", "stamp_daily_limit")
        assert card_state(world, card_id)[1] == 3
        assert row(world, fourth["id"]) is None
    # The next store day is a new day (Europe/Paris: START is 10:00 there).
    tomorrow = _stamps(till2, card_id, 1, START + timedelta(days=1))
    server.clock.set(START + timedelta(days=1, hours=1))
    assert push_one(till2, tomorrow, mode)["result"] == "accepted"


def test_the_cooldown_across_tills_is_flagged(world: World) -> None:
    server = world.server
    till1 = server.activate(world.vendor_a1, "Till 1")
    till2 = server.activate(world.vendor_a1, "Till 2")
    card_id = till1.enroll(bonus=0)
    server.clock.set(START + timedelta(hours=6))
    push_one(till1, _stamps(till1, card_id, 1, START + timedelta(hours=1)))
    close = _stamps(till2, card_id, 1, START + timedelta(hours=1, minutes=2))
    result = push_one(till2, close)
    assert (result["result"], result["code"]) == ("accepted", "stamp_cooldown")
    refused = push_one(
        till2, _stamps(till2, card_id, 1, START + timedelta(hours=1, minutes=3)), "authorize"
    )
    assert (refused["result"], refused["code"]) == ("rejected", "stamp_cooldown")


@pytest.mark.parametrize("mode", MODES)
def test_a_stamp_reward_takes_the_target(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=0)
    cheap = term.entry("STAMP_REDEEMED", card_id, stamps_delta=-1)
    assert_refused(world, term, cheap, mode, "stamp_reward_mismatch")


# --- rewards --------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_reward_costs_its_catalogue_price(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    earned(world, term, card_id, 300)
    cheap = term.entry("POINTS_REDEEMED", card_id, points_delta=-1, reward_id=LUNCH)
    result = assert_refused(world, term, cheap, mode, "reward_cost_mismatch")
    assert "250" in result["reason"]
    no_reward = term.entry("POINTS_REDEEMED", card_id, points_delta=-100)
    assert_refused(world, term, no_reward, mode, "reward_required")
    foreign = term.entry("POINTS_REDEEMED", card_id, points_delta=-100, reward_id=COMPANY_B_REWARD)
    assert_refused(world, term, foreign, mode, "reward_unavailable")
    fair = term.entry("POINTS_REDEEMED", card_id, points_delta=-250, reward_id=LUNCH)
    assert push_one(term, fair, mode)["result"] == "accepted"


def test_a_reward_repriced_while_a_till_was_offline(world: World) -> None:
    server = world.server
    term = server.activate(world.vendor_a1)
    card_id = term.enroll()
    earned(world, term, card_id, 300)
    term.changes()
    server.clock.set(START + timedelta(hours=1))
    world.change_reward(PASTRY, points_cost=150)
    server.clock.set(START + timedelta(days=1))
    # The till redeemed at the price it knew: applied.
    at = (START + timedelta(hours=5)).isoformat()
    old_price = term.entry(
        "POINTS_REDEEMED", card_id, points_delta=-100, reward_id=PASTRY, transaction_at=at
    )
    assert push_one(term, old_price)["result"] == "accepted"
    new_price = term.entry(
        "POINTS_REDEEMED", card_id, points_delta=-150, reward_id=PASTRY, transaction_at=at
    )
    assert push_one(term, new_price)["result"] == "accepted"
    assert card_state(world, card_id)[0] == 350 - 250 == ledger_points(world, card_id)


def test_a_reward_disabled_meanwhile_is_flagged_offline_and_refused_online(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    earned(world, term, card_id, 300)
    world.change_reward(PASTRY, is_active=False)
    online = term.entry("POINTS_REDEEMED", card_id, points_delta=-100, reward_id=PASTRY)
    assert push_one(term, online, "authorize")["code"] == "reward_unavailable"
    offline = term.entry("POINTS_REDEEMED", card_id, points_delta=-100, reward_id=PASTRY)
    result = push_one(term, offline)
    assert (result["result"], result["code"]) == ("accepted", "reward_unavailable")


# --- welcome bonus --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_welcome_bonus_of_another_size_or_twice(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment(bonus=5000)
    results = term.push(entries)["results"]
    assert [r["result"] for r in results] == ["accepted", "rejected"]
    assert results[1]["code"] == "welcome_bonus_mismatch"
    assert card_state(world, card_id)[0] == 0
    right = term.entry("WELCOME_BONUS", card_id, points_delta=50)
    assert push_one(term, right, mode)["result"] == "accepted"
    again = term.entry("WELCOME_BONUS", card_id, points_delta=50)
    assert_refused(world, term, again, mode, "welcome_bonus_already_granted")


def test_a_welcome_bonus_comes_from_the_enrolling_till(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1, "Till 1")
    till2 = world.server.activate(world.vendor_a1, "Till 2")
    card_id = till1.enroll(bonus=0)
    bonus = till2.entry("WELCOME_BONUS", card_id, points_delta=50)
    assert_refused(world, till2, bonus, "queue", "welcome_bonus_refused")


# --- staff, roles, times --------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_every_entry_names_a_staff_member_of_the_company(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    nobody = term.entry(
        "POINTS_EARNED", card_id, points_delta=5, purchase_amount=500, staff_id=None
    )
    assert_refused(world, term, nobody, mode, "staff_required")
    foreign = term.entry(
        "POINTS_EARNED", card_id, points_delta=5, purchase_amount=500, staff_id=world.staff_b
    )
    assert_refused(world, term, foreign, mode, "staff_not_found")


@pytest.mark.parametrize("mode", MODES)
def test_a_cashier_cannot_deactivate_a_card(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    by_cashier = term.entry("CARD_DEACTIVATED", card_id, staff_id=world.staff_a)
    assert_refused(world, term, by_cashier, mode, "manager_required")
    by_manager = term.entry("CARD_DEACTIVATED", card_id, staff_id=world.manager_a)
    assert push_one(term, by_manager, mode)["result"] == "accepted"
    assert card_state(world, card_id)[2] is False


@pytest.mark.parametrize("mode", MODES)
def test_points_adjustments_need_a_manager_and_a_reason(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    anonymous = term.entry("POINTS_ADJUSTMENT", card_id, points_delta=100000, staff_id=None)
    assert_refused(world, term, anonymous, mode, "staff_required")
    cashier = term.entry("POINTS_ADJUSTMENT", card_id, points_delta=100000, notes="gift")
    assert_refused(world, term, cashier, mode, "manager_required")
    silent = term.entry("POINTS_ADJUSTMENT", card_id, points_delta=20, staff_id=world.manager_a)
    assert_refused(world, term, silent, mode, "adjustment_reason_required")
    fair = term.entry(
        "POINTS_ADJUSTMENT",
        card_id,
        points_delta=20,
        staff_id=world.manager_a,
        notes="Receipt scanned twice",
    )
    assert push_one(term, fair, mode)["result"] == "accepted"


@pytest.mark.parametrize("mode", MODES)
def test_a_time_ahead_of_the_server_clock_is_refused(world: World, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    future = (START + timedelta(days=3650)).isoformat()
    entry = term.entry(
        "POINTS_EARNED", card_id, points_delta=5, purchase_amount=500, transaction_at=future
    )
    result = assert_refused(world, term, entry, mode, "future_time")
    assert "clock" in result["reason"]
    with world.server.sessions.begin() as session:
        card = session.get(Card, card_id)
        assert card is not None
        assert card.last_activity_at is not None
        assert card.last_activity_at <= START
    # A few minutes ahead is a normal clock drift; weeks in the past is a till back online.
    drift = (START + timedelta(minutes=5)).isoformat()
    ok = term.entry(
        "POINTS_EARNED", card_id, points_delta=5, purchase_amount=500, transaction_at=drift
    )
    assert push_one(term, ok, mode)["result"] == "accepted"
    world.server.clock.set(START + timedelta(days=60))
    old = term.entry("POINTS_EARNED", card_id, points_delta=5, purchase_amount=500)
    assert push_one(term, old, mode)["result"] == "accepted"


# --- offline conflicts ----------------------------------------------------------------------


def test_a_card_deactivated_at_another_till_while_offline(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1, "Till 1")
    till2 = world.server.activate(world.vendor_a2, "Till 2")
    card_id = till1.enroll()
    deactivate = till1.entry("CARD_DEACTIVATED", card_id, staff_id=world.manager_a)
    assert push_one(till1, deactivate)["result"] == "accepted"
    offline = till2.entry("POINTS_EARNED", card_id, points_delta=5, purchase_amount=500)
    result = push_one(till2, offline)
    assert (result["result"], result["code"]) == ("accepted", "card_inactive")
    online = till2.entry("POINTS_EARNED", card_id, points_delta=5, purchase_amount=500)
    assert push_one(till2, online, "authorize")["code"] == "card_inactive"


def test_overdrafts_and_conflicts_are_listed_for_managers(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    server = world.server
    till1 = server.activate(world.vendor_a1, "Till 1")
    till2 = server.activate(world.vendor_a2, "Till 2")
    card_id = till1.enroll()
    earned(world, till1, card_id, 60)
    spend = [
        till.entry("POINTS_REDEEMED", card_id, points_delta=-100, reward_id=PASTRY)
        for till in (till1, till2)
    ]
    assert push_one(till1, spend[0])["result"] == "accepted"
    assert push_one(till2, spend[1])["result"] == "overdraft"
    kept = row(world, spend[1]["id"])
    assert kept is not None
    assert kept.flagged
    if server.backend != "sqlite":
        return  # the command line reads the database by URL: the SQLite file here
    url = str(server.engine.url)
    assert main(["--database", url, "conflicts", "--company", str(world.company_a)]) == 0
    out = capsys.readouterr().out
    assert "overdraft" in out
    assert spend[1]["id"] in out
    assert spend[0]["id"] not in out
