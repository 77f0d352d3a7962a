"""Hostile input, built from the protocol alone: always a 4xx with a clear message, never a 5xx,
and nothing changes (issue "Central server for a real chain", point 9)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from sync.protocol import PROTOCOL_HEADER
from sync.server.models import Card, LedgerEntry, Terminal
from tests.sync.conftest import START, Term, World

TOO_LATE = "9999-12-31T23:00:00-05:00"  # past datetime.max once in UTC
TOO_EARLY = "0001-01-01T00:30:00+02:00"  # before datetime.min once in UTC
BIG_ID = 2**40  # allowed by the protocol (64-bit), above a 32-bit column


def ledger_count(world: World) -> int:
    with world.server.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(LedgerEntry)) or 0)


def card_state(world: World, card_id: str) -> tuple[int, int, int]:
    with world.server.sessions() as session:
        card = session.get(Card, card_id)
        assert card is not None
        return card.stamp_count, card.total_stamps_earned, card.points_balance


def push(term: Term, entries: list[dict[str, Any]], mode: str = "queue") -> Any:
    return term.http.post(
        "/v1/sync/push", json={"terminal_id": term.id, "mode": mode, "entries": entries}
    )


def assert_invalid(answer: Any, expected: str) -> None:
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"] == "invalid_request"
    assert expected in body["message"], body["message"]


# --- protocol header ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "version",
    ["١".encode(), "²".encode("latin-1"), b"1" * 5000, b"0" * 4999 + b"1"],
    ids=["arabic-indic", "superscript", "5000-ones", "5000-digits-of-one"],
)
def test_odd_protocol_headers_are_400(world: World, version: bytes) -> None:
    term = world.server.activate(world.vendor_a1)
    answer = term.http.get("/v1/sync/changes", headers={PROTOCOL_HEADER: version})
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["error"] == "unsupported_protocol_version"
    assert "speaks version(s) 1" in body["message"]
    assert len(body["message"]) < 200


# --- changes cursors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cursor",
    [
        "c١",
        "c²",
        "c" + "9" * 20,
        "c1\x00",
        "s5:²:0",
        "s5:١:0",
        "s0:0:²",
        "s²:0:0",
        "s5:" + "9" * 20 + ":0",
        "s5:" + "1" * 19 + ":0",
        "s0:0:" + "9" * 20,
        "s6:\x00:0",
        "s7:a\x00b:0",
        "s5:1\x00:0",
    ],
)
def test_edited_cursors_get_a_fresh_snapshot(world: World, cursor: str) -> None:
    """An unreadable cursor means a new snapshot (sync.server.changes): never a 5xx."""
    term = world.server.activate(world.vendor_a1)
    term.enroll(email="ada@example.com")
    answer = term.http.get("/v1/sync/changes", params={"cursor": cursor})
    assert answer.status_code == 200, answer.text
    page = answer.json()
    assert page["snapshot"] is True
    assert page["changes"][0]["entity"] == "companies"


# --- times ----------------------------------------------------------------------------------


@pytest.mark.parametrize("moment", [TOO_LATE, TOO_EARLY])
def test_transaction_times_that_overflow_in_utc_are_422(world: World, moment: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    before = ledger_count(world), card_state(world, card_id)
    entry = term.entry("STAMP_EARNED", card_id, stamps_delta=1, transaction_at=moment)
    assert_invalid(push(term, [entry]), "transaction_at")
    assert (ledger_count(world), card_state(world, card_id)) == before


@pytest.mark.parametrize("field", ["observed_at", "locked_until"])
@pytest.mark.parametrize("moment", [TOO_LATE, TOO_EARLY])
def test_pin_report_times_that_overflow_in_utc_are_422(
    world: World, field: str, moment: str
) -> None:
    term = world.server.activate(world.vendor_a1)
    report = {
        "staff_id": world.staff_a,
        "failed_attempts": 5,
        "locked_until": START.isoformat(),
        "observed_at": START.isoformat(),
        field: moment,
    }
    answer = term.http.post(
        "/v1/staff/pin-status", json={"terminal_id": term.id, "reports": [report]}
    )
    assert_invalid(answer, field)


# --- NUL bytes ------------------------------------------------------------------------------


def test_nul_in_the_terminal_name_is_422(world: World) -> None:
    code = world.server.activation_code(world.vendor_a1)
    answer = world.server.client().post(
        "/v1/terminals/activate", json={"code": code, "terminal_name": "Till\x001"}
    )
    assert_invalid(answer, "terminal_name")
    with world.server.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Terminal)) == 0
    world.server.activate(world.vendor_a1)  # the code was not used up


@pytest.mark.parametrize(
    "fields",
    [
        {"notes": "late\x00note"},
        {"order_reference": "A-\x00"},
        {"reward_description": "\x00"},
    ],
    ids=["notes", "order_reference", "reward_description"],
)
def test_nul_in_entry_text_is_422(world: World, fields: dict[str, str]) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    before = ledger_count(world), card_state(world, card_id)
    entry = term.entry("STAMP_EARNED", card_id, stamps_delta=1, **fields)
    assert_invalid(push(term, [entry]), next(iter(fields)))
    assert (ledger_count(world), card_state(world, card_id)) == before


@pytest.mark.parametrize("field", ["first_name", "last_name", "email", "phone"])
def test_nul_in_new_card_text_is_422(world: World, field: str) -> None:
    term = world.server.activate(world.vendor_a1)
    _, entries = term.enrollment(email="ada@example.com", phone="+33612345678", bonus=0)
    entries[0]["new_card"][field] = "x\x00y"
    assert_invalid(push(term, entries), field)
    assert ledger_count(world) == 0


@pytest.mark.parametrize("q", ["\x00", "ada\x00@example.com", "+3361234\x005678"])
def test_nul_in_the_lookup_text_is_422(world: World, q: str) -> None:
    term = world.server.activate(world.vendor_a1)
    term.enroll(email="ada@example.com", phone="+33612345678")
    answer = term.http.get("/v1/cards/lookup", params={"q": q})
    assert_invalid(answer, "q")


# --- 64-bit ids -----------------------------------------------------------------------------


@pytest.mark.parametrize("big", [BIG_ID, 2**63 - 1])
@pytest.mark.parametrize("mode", ["queue", "authorize"])
def test_staff_ids_above_32_bits_are_unknown_staff(world: World, big: int, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    before = card_state(world, card_id)
    entry = term.entry("STAMP_EARNED", card_id, stamps_delta=1, staff_id=big)
    answer = push(term, [entry], mode)
    assert answer.status_code == 200, answer.text
    result = answer.json()["results"][0]
    assert (result["result"], result["code"]) == ("rejected", "staff_not_found")
    assert card_state(world, card_id) == before


@pytest.mark.parametrize("big", [BIG_ID, 2**63 - 1])
@pytest.mark.parametrize("mode", ["queue", "authorize"])
def test_reward_ids_above_32_bits_are_unknown_rewards(world: World, big: int, mode: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=50)
    before = card_state(world, card_id)
    entry = term.entry("POINTS_REDEEMED", card_id, points_delta=-10, reward_id=big)
    answer = push(term, [entry], mode)
    assert answer.status_code == 200, answer.text
    result = answer.json()["results"][0]
    assert (result["result"], result["code"]) == ("rejected", "reward_unavailable")
    assert card_state(world, card_id) == before


def test_staff_ids_above_32_bits_in_pin_reports_are_left_out(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    report = {"staff_id": BIG_ID, "failed_attempts": 1, "observed_at": START.isoformat()}
    answer = term.http.post(
        "/v1/staff/pin-status", json={"terminal_id": term.id, "reports": [report]}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["staff"] == []


def test_vendor_ids_above_32_bits_at_enrollment_are_refused(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment(bonus=0)
    entries[0]["new_card"]["enrolled_at_vendor_id"] = BIG_ID
    result = push(term, entries).json()["results"][0]
    assert (result["result"], result["code"]) == ("rejected", "vendor_mismatch")
    with world.server.sessions() as session:
        assert session.get(Card, card_id) is None


# --- counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["stamps_delta", "points_delta", "shortfall"])
def test_counts_beyond_32_bits_are_422(world: World, field: str) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    before = ledger_count(world), card_state(world, card_id)
    entry = term.entry("STAMP_EARNED", card_id, **{field: 3_000_000_000})
    assert_invalid(push(term, [entry]), field)
    assert (ledger_count(world), card_state(world, card_id)) == before


@pytest.mark.parametrize("mode", ["queue", "authorize"])
def test_stamp_totals_that_would_overflow_are_refused(world: World, mode: str) -> None:
    # A program without a daily limit, so that one entry may carry this many stamps.
    world.change_program(max_daily_stamps=0, stamp_cooldown_minutes=0)
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=0)
    big = 1_000_000_000
    results = term.push([term.entry("STAMP_EARNED", card_id, stamps_delta=big) for _ in range(2)])
    assert [r["result"] for r in results["results"]] == ["accepted", "accepted"]
    before = card_state(world, card_id)
    answer = push(term, [term.entry("STAMP_EARNED", card_id, stamps_delta=big)], mode)
    assert answer.status_code == 200, answer.text
    result = answer.json()["results"][0]
    assert (result["result"], result["code"]) == ("rejected", "out_of_range")
    assert "stamp" in result["reason"]
    assert card_state(world, card_id) == before


@pytest.mark.parametrize("mode", ["queue", "authorize"])
def test_stamp_overdrafts_that_would_overflow_are_refused(world: World, mode: str) -> None:
    world.change_program(stamps_target=1_000_000_000)  # so that such a reward is a real one
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=0)
    big = -1_000_000_000
    results = term.push([term.entry("STAMP_REDEEMED", card_id, stamps_delta=big) for _ in range(2)])
    assert [r["result"] for r in results["results"]] == ["overdraft", "overdraft"]
    before = card_state(world, card_id)
    answer = push(term, [term.entry("STAMP_REDEEMED", card_id, stamps_delta=big)], mode)
    assert answer.status_code == 200, answer.text
    result = answer.json()["results"][0]
    assert result["result"] == "rejected"
    if mode == "queue":  # authorize mode refuses any redemption the card cannot afford
        assert result["code"] == "out_of_range"
    assert card_state(world, card_id) == before
