"""Pushing ledger entries over real HTTP: every result kind, idempotency, order, authorization."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from sync.protocol import PushResponse
from sync.server import admin
from sync.server.models import Card, Customer, LedgerEntry
from tests.sync.conftest import LiveServer, World

UNKNOWN_CARD = "6f1c4a52-0000-4000-8000-00000000beef"


def results(answer: dict) -> list[str]:
    return [item["result"] for item in answer["results"]]


def ledger_sums(server: LiveServer, card_id: str) -> tuple[int, int]:
    with server.sessions() as session:
        stamps, points = session.execute(
            select(
                func.coalesce(func.sum(LedgerEntry.stamps_delta), 0),
                func.coalesce(func.sum(LedgerEntry.points_delta), 0),
            ).where(
                LedgerEntry.card_id == card_id,
                LedgerEntry.result.in_(("accepted", "overdraft")),
            )
        ).one()
        card = session.get(Card, card_id)
        assert card is not None
        assert (card.stamp_count, card.points_balance) == (stamps, points)
        return stamps, points


def test_enrollment_and_earning_are_accepted_with_confirmed_balances(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment(email="ada@example.com")
    entries += [
        term.entry("STAMP_EARNED", card_id, stamps_delta=1, staff_id=world.staff_a),
        term.entry("POINTS_EARNED", card_id, points_delta=12, purchase_amount=1250),
    ]
    answer = term.push(entries)
    assert results(answer) == ["accepted"] * 4
    assert answer["acked_through_seq"] == 4
    last = answer["results"][-1]["card"]
    assert last["card_id"] == card_id
    assert last["points_balance"] == 62
    assert last["stamp_count"] == 1
    assert last["total_points_earned"] == 62
    assert answer["server_time"].startswith("2026-03-02T09:00:00")
    assert ledger_sums(world.server, card_id) == (1, 62)


def test_repeated_push_is_duplicate_and_changes_nothing(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment()
    entries.append(term.entry("POINTS_EARNED", card_id, points_delta=30, purchase_amount=3000))
    first = term.push(entries)
    for _ in range(3):
        again = term.push(entries)
        assert results(again) == ["duplicate"] * 3
        assert [r["original_result"] for r in again["results"]] == ["accepted"] * 3
        assert again["results"][-1]["card"]["points_balance"] == 80
        assert again["acked_through_seq"] == 3
    assert first["results"][-1]["card"]["points_balance"] == 80
    assert ledger_sums(world.server, card_id) == (0, 80)


def test_reordered_pushes_report_gaps_then_converge(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment()
    e3 = term.entry("STAMP_EARNED", card_id, stamps_delta=1)
    e4 = term.entry("STAMP_EARNED", card_id, stamps_delta=2)
    late = term.push([e4, e3])  # nothing before them has arrived
    assert results(late) == ["gap", "gap"]
    assert late["acked_through_seq"] == 0
    assert "1..3" in late["results"][0]["reason"]
    mixed = term.push([entries[1], entries[0], e3])  # seq 2, 1, 3
    assert results(mixed) == ["gap", "accepted", "gap"]
    assert mixed["acked_through_seq"] == 1
    rest = term.push([entries[0], entries[1], e3, e4])
    assert results(rest) == ["duplicate", "accepted", "accepted", "accepted"]
    assert rest["acked_through_seq"] == 4
    assert ledger_sums(world.server, card_id) == (3, 50)


def test_a_gap_stops_the_rest_of_the_batch(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment(bonus=0)
    missing = term.entry("STAMP_EARNED", card_id, stamps_delta=1)
    after = [term.entry("STAMP_EARNED", card_id, stamps_delta=1) for _ in range(2)]
    answer = term.push([entries[0], *after])
    assert results(answer) == ["accepted", "gap", "gap"]
    assert answer["acked_through_seq"] == 1
    assert missing["seq"] == 2


def test_same_id_with_different_content_is_a_conflict(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment()
    term.push(entries)
    tampered = dict(entries[1], points_delta=5000)
    answer = term.push([tampered])
    assert results(answer) == ["conflict"]
    assert answer["results"][0]["code"] == "id_conflict"
    assert ledger_sums(world.server, card_id) == (0, 50)


def test_same_seq_with_another_id_is_a_conflict(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    _, entries = term.enrollment()
    term.push(entries)
    reused = dict(entries[1], id=str(uuid.uuid4()))
    answer = term.push([reused])
    assert results(answer) == ["conflict"]
    assert answer["results"][0]["code"] == "seq_conflict"
    assert answer["acked_through_seq"] == 2


def test_entry_id_of_another_terminal_is_a_conflict(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a1, "Till 2")
    card_id, entries = till1.enrollment()
    till1.push(entries)
    stolen = till2.entry("STAMP_EARNED", card_id, stamps_delta=1)
    stolen["id"] = entries[1]["id"]
    assert results(till2.push([stolen])) == ["conflict"]


def test_queue_mode_rejection_is_kept_with_its_reason(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    bad = term.entry("STAMP_EARNED", UNKNOWN_CARD, stamps_delta=1)
    answer = term.push([bad])
    assert results(answer) == ["rejected"]
    assert answer["results"][0]["code"] == "card_not_found"
    assert answer["acked_through_seq"] == 1  # the queue moves on
    again = term.push([bad])
    assert results(again) == ["duplicate"]
    assert again["results"][0]["original_result"] == "rejected"
    assert again["results"][0]["code"] == "card_not_found"
    with world.server.sessions() as session:
        row = session.get(LedgerEntry, bad["id"])
        assert row is not None
        assert row.result == "rejected"
        assert "No card" in (row.reason or "")


def test_malformed_deltas_and_foreign_staff_are_rejected(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    answer = term.push(
        [
            term.entry("STAMP_EARNED", card_id, stamps_delta=-3),
            term.entry("POINTS_EARNED", card_id, points_delta=5, staff_id=world.staff_b),
            term.entry("POINTS_EXPIRED", card_id, points_delta=-50),
        ]
    )
    assert results(answer) == ["rejected"] * 3
    codes = [r["code"] for r in answer["results"]]
    assert codes == ["invalid_entry", "staff_not_found", "invalid_entry"]
    assert ledger_sums(world.server, card_id) == (0, 50)


def test_queue_mode_redemption_that_overdraws_is_recorded_as_overdraft(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a2, "Kiosk")
    card_id = till1.enroll()
    till1.push([till1.entry("POINTS_EARNED", card_id, points_delta=100, purchase_amount=10000)])
    # Both stores handed over a 100-point reward while offline; the card had 150.
    first = till1.push([till1.entry("POINTS_REDEEMED", card_id, points_delta=-100, reward_id=1)])
    second = till2.push([till2.entry("POINTS_REDEEMED", card_id, points_delta=-100, reward_id=1)])
    assert results(first) == ["accepted"]
    assert results(second) == ["overdraft"]
    card = second["results"][0]["card"]
    assert card["points_balance"] == -50
    assert card["points_redeemed"] == 200
    assert "could not afford" in second["results"][0]["reason"]
    with world.server.sessions() as session:
        row = session.get(Card, card_id)
        assert row is not None
        assert row.overdrawn
    assert ledger_sums(world.server, card_id) == (0, -50)


def test_authorize_mode_refuses_instead_of_overdrawing(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()  # 50 points
    ask = term.entry(
        "POINTS_REDEEMED", card_id, points_delta=-100, reward_id=1, authorized_online=True
    )
    answer = term.push([ask], mode="authorize")
    assert results(answer) == ["rejected"]
    assert answer["results"][0]["code"] == "below_minimum_redemption"
    assert answer["results"][0]["card"]["points_balance"] == 50
    assert answer["acked_through_seq"] == 2  # nothing recorded: seq 3 is still free
    with world.server.sessions() as session:
        assert session.get(LedgerEntry, ask["id"]) is None
    # The terminal reuses the seq for what the customer does instead.
    term.seq -= 1
    earn = term.entry("POINTS_EARNED", card_id, points_delta=200, purchase_amount=20000)
    assert results(term.push([earn])) == ["accepted"]
    retry = term.entry(
        "POINTS_REDEEMED", card_id, points_delta=-250, reward_id=2, authorized_online=True
    )
    ok = term.push([retry], mode="authorize")
    assert results(ok) == ["accepted"]
    assert ok["results"][0]["card"]["points_balance"] == 0
    too_much = term.entry("STAMP_REDEEMED", card_id, stamps_delta=-10)
    refused = term.push([too_much], mode="authorize")
    assert results(refused) == ["rejected"]
    assert refused["results"][0]["code"] == "stamp_reward_not_ready"
    assert ledger_sums(world.server, card_id) == (0, 0)


def test_authorize_mode_checks_reward_cost_and_card_state(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    term.push([term.entry("POINTS_EARNED", card_id, points_delta=150, purchase_amount=15000)])
    short = term.entry("POINTS_REDEEMED", card_id, points_delta=-250, reward_id=2)
    answer = term.push([short], mode="authorize")
    assert answer["results"][0]["code"] == "insufficient_points"
    term.seq -= 1
    deactivate = term.entry("CARD_DEACTIVATED", card_id, staff_id=world.manager_a)
    assert results(term.push([deactivate])) == ["accepted"]
    blocked = term.entry("POINTS_REDEEMED", card_id, points_delta=-100, reward_id=1)
    answer = term.push([blocked], mode="authorize")
    assert answer["results"][0]["code"] == "card_inactive"
    assert answer["results"][0]["card"]["is_active"] is False


def test_a_terminal_cannot_push_for_another_terminal(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a1, "Till 2")
    _, entries = till1.enrollment()
    answer = till2.http.post(
        "/v1/sync/push", json={"terminal_id": till1.id, "mode": "queue", "entries": entries}
    )
    assert answer.status_code == 403
    assert answer.json()["error"] == "forbidden"


def test_a_terminal_cannot_touch_another_companys_card(world: World) -> None:
    till_a = world.server.activate(world.vendor_a1)
    till_b = world.server.activate(world.vendor_b1, "B till")
    card_a = till_a.enroll()
    answer = till_b.push([till_b.entry("POINTS_EARNED", card_a, points_delta=1000)])
    assert results(answer) == ["rejected"]
    assert answer["results"][0]["code"] == "card_not_found"
    assert answer["results"][0]["card"] is None
    assert ledger_sums(world.server, card_a) == (0, 50)


def test_enrollment_checks_the_number_block_and_vendor(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a1, "Till 2")
    _, stolen = till2.enrollment(bonus=0)
    stolen[0]["seq"] = till1.seq + 1  # till1 pushes a number from till2's block
    till1.seq += 1
    answer = till1.push(stolen)
    assert answer["results"][0]["code"] == "card_number_not_reserved"
    _, other_store = till1.enrollment(bonus=0)
    other_store[0]["new_card"]["enrolled_at_vendor_id"] = world.vendor_a2
    assert till1.push(other_store)["results"][0]["code"] == "vendor_mismatch"


def test_points_void_takes_back_at_most_what_was_earned(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    earn = term.entry("POINTS_EARNED", card_id, points_delta=40, purchase_amount=4000)
    term.push([earn])
    void = term.entry("POINTS_VOIDED", card_id, points_delta=-30, reverses_id=earn["id"])
    too_much = term.entry("POINTS_VOIDED", card_id, points_delta=-20, reverses_id=earn["id"])
    wrong = term.entry("POINTS_VOIDED", card_id, points_delta=-1, reverses_id=str(uuid.uuid4()))
    answer = term.push([void, too_much, wrong])
    assert results(answer) == ["accepted", "rejected", "rejected"]
    assert ledger_sums(world.server, card_id) == (0, 60)


def test_enrollment_of_a_known_customer_merges_into_the_existing_card(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a2, "Kiosk")
    existing = till1.enroll(email="grace@example.com")
    new_card, entries = till2.enrollment(email="GRACE@example.com")
    entries.append(till2.entry("STAMP_EARNED", new_card, stamps_delta=1))
    answer = till2.push(entries)
    assert results(answer) == ["accepted", "rejected", "accepted"]
    created, bonus, stamp = answer["results"]
    assert created["merged_into_card_id"] == existing
    assert "merged" in created["reason"]
    assert bonus["code"] == "welcome_bonus_already_granted"
    assert stamp["card"]["card_id"] == existing
    assert stamp["card"]["points_balance"] == 50  # one welcome bonus only
    assert stamp["card"]["stamp_count"] == 1
    qr = entries[0]["new_card"]["qr_code_data"]
    found = till1.http.get("/v1/cards/lookup", params={"q": qr})
    assert found.status_code == 200
    assert found.json()["id"] == existing
    assert ledger_sums(world.server, existing) == (1, 50)


def test_phone_match_also_merges(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    existing = term.enroll(phone="+33 6 12 34 56 78")
    for typed in ("0033612345678", "33 6 12 34 56 78", "06 12 34 56 78", "(06) 12.34.56.78"):
        _, same = term.enrollment(phone=typed, bonus=0)
        assert term.push(same)["results"][0]["merged_into_card_id"] == existing, typed
    _, other = term.enrollment(phone="06 12 34 56 79", bonus=0)
    assert term.push(other)["results"][0]["merged_into_card_id"] is None


def test_phones_are_read_in_the_country_of_the_enrolling_store(world: World) -> None:
    now = world.server.clock.now()
    with world.server.sessions.begin() as session:
        berlin = admin.create_vendor(
            session, world.company_a, "A Berlin", now, timezone="Europe/Berlin"
        ).id
    paris, german = world.server.activate(world.vendor_a1), world.server.activate(berlin, "B")
    french_card = paris.enroll(phone="06 12 34 56 78")
    german_card = german.enroll(phone="0151 12345678")
    # the same digits typed in Berlin are a German number: another customer
    _, entries = german.enrollment(phone="06 12 34 56 78", bonus=0)
    assert german.push(entries)["results"][0]["merged_into_card_id"] is None
    _, entries = paris.enrollment(phone="+49 151 12345678", bonus=0)
    assert paris.push(entries)["results"][0]["merged_into_card_id"] == german_card
    _, entries = german.enrollment(phone="+33 6 12 34 56 78", bonus=0)
    assert german.push(entries)["results"][0]["merged_into_card_id"] == french_card
    with world.server.sessions() as session:
        phones = {c.phone for c in session.scalars(select(Customer))}
    assert phones == {"+33612345678", "+4915112345678", "+49612345678"}


def test_email_match_in_another_unicode_form_merges(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    existing = term.enroll(email="Jos\u00e9@example.com")
    _, entries = term.enrollment(email="JOSE\u0301@EXAMPLE.COM", bonus=0)
    assert term.push(entries)["results"][0]["merged_into_card_id"] == existing


def test_a_phone_not_valid_for_the_store_is_rejected(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    _, entries = term.enrollment(phone="06 12 34", bonus=0)
    result = term.push(entries)["results"][0]
    assert (result["result"], result["code"]) == ("rejected", "invalid_customer")
    assert "not a valid phone number in FR" in result["reason"]


def test_a_batch_sees_its_own_earlier_entries(world: World) -> None:
    # One push is one transaction, its ledger rows written together at the end: an entry
    # repeated in the same batch is a duplicate, a void finds the earn pushed just before it.
    term = world.server.activate(world.vendor_a1)
    card_id = term.enroll()
    earn = term.entry("POINTS_EARNED", card_id, points_delta=40, purchase_amount=4000)
    void = term.entry("POINTS_VOIDED", card_id, points_delta=-30, reverses_id=earn["id"])
    too_much = term.entry("POINTS_VOIDED", card_id, points_delta=-20, reverses_id=earn["id"])
    answer = term.push([earn, earn, void, too_much])
    assert results(answer) == ["accepted", "duplicate", "accepted", "rejected"]
    assert answer["results"][1]["card"]["points_balance"] == 90
    assert answer["results"][2]["card"]["points_balance"] == 60
    assert answer["acked_through_seq"] == too_much["seq"]
    assert ledger_sums(world.server, card_id) == (0, 60)


def test_the_push_answer_is_exactly_the_protocol_model(world: World) -> None:
    """The answer is serialized once, without validation: it must be what PushResponse says."""
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment()
    entries.append(term.entry("POINTS_EARNED", card_id, points_delta=3, purchase_amount=300))
    answer = term.http.post(
        "/v1/sync/push", json={"terminal_id": term.id, "mode": "queue", "entries": entries}
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    model = PushResponse.model_validate_json(answer.text)
    assert answer.text == model.model_dump_json()
    assert model.results[0].card is not None
    assert answer.json()["results"][-1]["card"]["last_activity_at"].endswith("Z")
