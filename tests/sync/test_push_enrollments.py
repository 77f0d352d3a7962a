"""Enrollments inside one push (sync.server.enrollment.Identifiers): what the push read once
at its start and what it enrolled itself both count, so a batch cannot reuse an identifier
of an earlier entry of the same batch, of an earlier push, or of a merged card's alias."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from sqlalchemy import func, select

from sync.server.models import Card, Customer
from terminal.domain.cards import card_number_from_body, new_qr_token
from tests.sync.conftest import Term, World


def _results(term: Term, entries: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(r["result"], r["code"]) for r in term.push(entries)["results"]]


def _fresh_number(term: Term) -> str:
    number = card_number_from_body(term.next_body)
    term.next_body += 1
    return number


def _created(
    term: Term, source: dict[str, Any], card_id: str | None = None, **new_card: Any
) -> dict[str, Any]:
    """The next CARD_CREATED entry: `source`'s new card with a new customer id and the
    fields in `new_card` changed."""
    data = {**copy.deepcopy(source["new_card"]), "customer_id": str(uuid.uuid4()), **new_card}
    return term.entry("CARD_CREATED", card_id or str(uuid.uuid4()), new_card=data)


def _counts(world: World) -> tuple[int, int]:
    with world.server.sessions.begin() as session:
        cards = session.scalar(select(func.count()).select_from(Card))
        customers = session.scalar(select(func.count()).select_from(Customer))
        return int(cards or 0), int(customers or 0)


def test_a_batch_cannot_reuse_its_own_identifiers(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    first_id, (created,) = term.enrollment(bonus=0)
    batch = [
        created,
        _created(term, created, card_number=_fresh_number(term)),  # its QR token
        _created(term, created, qr_code_data=new_qr_token()),  # its number
        _created(term, created, first_id, card_number=_fresh_number(term),
                 qr_code_data=new_qr_token()),  # its card id
        _created(term, created, card_number=_fresh_number(term), qr_code_data=new_qr_token(),
                 customer_id=created["new_card"]["customer_id"]),  # its customer id
    ]  # fmt: skip
    assert _results(term, batch) == [
        ("accepted", None),
        ("rejected", "card_exists"),
        ("rejected", "card_exists"),
        ("rejected", "card_exists"),
        ("rejected", "customer_exists"),
    ]
    assert _counts(world) == (1, 1)


def test_a_batch_cannot_reuse_an_earlier_push_or_an_alias(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    kept, (kept_created,) = term.enrollment(email="ada@example.com", bonus=0)
    term.push([kept_created])
    _merged, (merged_created,) = term.enrollment(email="ada@example.com", bonus=0)
    assert term.push([merged_created])["results"][0]["merged_into_card_id"] == kept
    before = _counts(world)
    batch = [
        _created(term, kept_created, email=None, card_number=_fresh_number(term)),
        _created(term, merged_created, email=None, card_number=_fresh_number(term)),
        _created(term, merged_created, email=None, qr_code_data=new_qr_token()),
    ]
    assert _results(term, batch) == [("rejected", "card_exists")] * 3
    assert _counts(world) == before


def test_a_second_enrollment_of_the_customer_in_the_batch_merges(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    first_id, first = term.enrollment(phone="+33612345678")
    second_id, second = term.enrollment(phone="06 12 34 56 78")
    results = term.push(first + second)["results"]
    assert [r["result"] for r in results] == ["accepted", "accepted", "accepted", "rejected"]
    assert results[2]["merged_into_card_id"] == first_id
    assert results[3]["code"] == "welcome_bonus_already_granted"
    assert _counts(world) == (1, 1)
    assert second_id != first_id


def test_one_welcome_bonus_per_new_card_in_one_batch(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    card_id, entries = term.enrollment(bonus=50)
    entries.append(term.entry("WELCOME_BONUS", card_id, points_delta=50))
    assert _results(term, entries) == [
        ("accepted", None),
        ("accepted", None),
        ("rejected", "welcome_bonus_already_granted"),
    ]
    with world.server.sessions.begin() as session:
        card = session.get(Card, card_id)
        assert card is not None
        assert card.points_balance == 50
