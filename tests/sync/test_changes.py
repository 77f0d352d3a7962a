"""`changes` pages over real HTTP: snapshot, cursors, deltas, scoping, blocks."""

from __future__ import annotations

from typing import Any

from sync.protocol import VendorData
from sync.server.changes import log_position, prune_change_log
from tests.sync.conftest import BLOCK_SIZE, Term, World


def pull_all(term: Term, cursor: str | None = None, limit: int = 500) -> tuple[list[dict], str]:
    changes: list[dict[str, Any]] = []
    for _ in range(1000):
        page = term.changes(cursor, limit)
        changes += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes, cursor
    raise AssertionError("changes never ended")


def by_entity(changes: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for change in changes:
        grouped.setdefault(change["entity"], []).append(change)
    return grouped


def test_first_pull_is_a_snapshot_of_the_own_company_only(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    first = term.changes()
    assert first["snapshot"] is True
    assert first["has_more"] is False
    grouped = by_entity(first["changes"])
    assert [c["data"]["name"] for c in grouped["companies"]] == ["Company A"]
    assert {c["data"]["name"] for c in grouped["vendors"]} == {"A Main Street", "A Station"}
    for change in grouped["vendors"]:
        vendor = VendorData.model_validate(change["data"])  # the wire shape of a store
        assert vendor.country == "FR"
    program = grouped["programs"][0]["data"]
    assert program["stamps_target"] == 10
    assert program["welcome_bonus_points"] == 50
    assert [c["data"]["points_cost"] for c in grouped["rewards"]] == [100, 250, 500]
    assert grouped["settings"][0]["data"]["pin_policy_redeem"] == "required"
    staff = {c["data"]["name"]: c["data"] for c in grouped["staff"]}
    assert set(staff) == {"Alice", "Mona"}
    assert staff["Alice"]["pin_hash"].startswith("scrypt$")
    assert "2468" not in str(grouped["staff"])
    blocks = grouped["card_number_blocks"]
    assert len(blocks) == 1
    assert blocks[0]["data"]["last_body"] - blocks[0]["data"]["first_body"] + 1 == BLOCK_SIZE
    assert "Company B" not in str(first)


def test_snapshot_pages_then_deltas(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a2, "Kiosk")
    card = till2.enroll(email="ada@example.com")
    snapshot, cursor = pull_all(till1, limit=2)
    grouped = by_entity(snapshot)
    assert [c["id"] for c in grouped["cards"]] == [card]
    assert len(grouped["customers"]) == 1
    assert len(grouped["card_number_blocks"]) == 1  # its own, not the kiosk's
    whole = till1.changes()["changes"]
    assert sorted(map(str, snapshot)) == sorted(map(str, whole))  # paging loses nothing
    assert cursor.startswith("c")
    assert till1.changes(cursor)["changes"] == []

    till2.push([till2.entry("POINTS_EARNED", card, points_delta=25, purchase_amount=2500)])
    delta = till1.changes(cursor)
    assert delta["snapshot"] is False
    assert [(c["entity"], c["id"]) for c in delta["changes"]] == [("cards", card)]
    assert delta["changes"][0]["data"]["points_balance"] == 75
    assert till1.changes(delta["next_cursor"])["changes"] == []


def test_delta_pages_follow_the_cursor(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    _, cursor = pull_all(term)
    for _ in range(3):
        term.enroll()
    changes, end = pull_all(term, cursor, limit=2)
    kinds = [c["entity"] for c in changes]
    assert kinds.count("customers") == 3
    # One per card: its state after the push that created it with its welcome bonus.
    assert kinds.count("cards") == 3
    assert {c["data"]["points_balance"] for c in changes if c["entity"] == "cards"} == {50}
    assert all(c["op"] == "upsert" for c in changes)
    assert term.changes(end)["changes"] == []


def test_changes_of_another_company_are_invisible(world: World) -> None:
    till_a = world.server.activate(world.vendor_a1)
    till_b = world.server.activate(world.vendor_b1, "B")
    _, cursor = pull_all(till_a)
    till_b.enroll(email="bob@example.com")
    assert till_a.changes(cursor)["changes"] == []
    assert "bob@example.com" not in str(pull_all(till_a)[0])


def test_unknown_or_garbage_cursor_gets_a_snapshot(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    for cursor in ["garbage", "c999999", "s99:x:1", "s1:abc:0", "c-1", "s0::99999"]:
        page = term.changes(cursor)
        assert page["snapshot"] is True, cursor
        assert page["changes"][0]["entity"] == "companies"


def test_cursor_older_than_the_retained_log_gets_a_snapshot(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    _, old_cursor = pull_all(term)
    term.enroll()
    _, recent_cursor = pull_all(term, old_cursor)
    with world.server.sessions.begin() as session:
        prune_change_log(session, log_position(session))
    assert term.changes(old_cursor)["snapshot"] is True
    recent = term.changes(recent_cursor)
    assert recent["snapshot"] is False
    assert recent["changes"] == []


def test_membership_of_merged_cards_reaches_terminals(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    existing = term.enroll(email="grace@example.com")
    _, cursor = pull_all(term)
    new_card, entries = term.enrollment(email="grace@example.com", bonus=0)
    term.push(entries)
    changes = term.changes(cursor)["changes"]
    assert {"entity": "cards", "id": new_card, "op": "delete", "data": None} in changes
    customer = entries[0]["new_card"]["customer_id"]
    assert {"entity": "customers", "id": customer, "op": "delete", "data": None} in changes
    alias = next(c for c in changes if c["entity"] == "card_aliases")
    assert alias["data"]["card_id"] == existing
    assert alias["data"]["merged_card_id"] == new_card


def test_number_blocks_are_refilled_during_pull(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    _, cursor = pull_all(term)
    for _ in range(BLOCK_SIZE // 2 + 1):
        term.enroll(bonus=0)
    changes, _ = pull_all(term, cursor)
    blocks = [c for c in changes if c["entity"] == "card_number_blocks"]
    assert len(blocks) == 1
    other = world.server.activate(world.vendor_a2, "Kiosk")
    other_blocks = by_entity(other.changes()["changes"])["card_number_blocks"]
    mine = {b["data"]["first_body"] for b in blocks}
    assert not mine & {b["data"]["first_body"] for b in other_blocks}
