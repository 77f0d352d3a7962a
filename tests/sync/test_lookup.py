"""`cards/lookup` over real HTTP: every kind of identifier, scoped to the company."""

from __future__ import annotations

import pytest

from terminal.domain.cards import format_card_number
from tests.sync.conftest import World


def test_lookup_by_every_identifier(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a2, "Kiosk")
    card_id, entries = till1.enrollment(email="Ada@Example.com", phone="+33 6 11 22 33 44")
    till1.push(entries)
    new = entries[0]["new_card"]
    for query in (
        new["qr_code_data"],
        new["card_number"],
        format_card_number(new["card_number"]),
        "ada@example.com",
        "+33 6 11 22 33 44",
        "33611223344",
        "06 11 22 33 44",  # the national form, read in the asking store's country
        "06.11.22.33.44",
        "0033 6 11 22 33 44",
        card_id,
    ):
        answer = till2.http.get("/v1/cards/lookup", params={"q": query})
        assert answer.status_code == 200, (query, answer.text)
        body = answer.json()
        assert body["id"] == card_id
        assert body["customer"]["email"] == "ada@example.com"
        assert body["customer"]["phone"] == "+33611223344"
        assert body["balances"]["points_balance"] == 50
        assert body["enrolled_at_vendor_id"] == world.vendor_a1


def test_another_companys_card_is_not_found(world: World) -> None:
    till_a = world.server.activate(world.vendor_a1)
    till_b = world.server.activate(world.vendor_b1, "B")
    card_id, entries = till_a.enrollment(email="ada@example.com")
    till_a.push(entries)
    for query in (entries[0]["new_card"]["qr_code_data"], card_id, "ada@example.com"):
        answer = till_b.http.get("/v1/cards/lookup", params={"q": query})
        assert answer.status_code == 404
        assert answer.json()["error"] == "card_not_found"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("1000-0000-0004", "card_number_typo"),
        ("a@b", "invalid_customer"),
        ("06 11 22", "invalid_customer"),
    ],
)
def test_bad_identifiers_are_explained(world: World, query: str, code: str) -> None:
    term = world.server.activate(world.vendor_a1)
    answer = term.http.get("/v1/cards/lookup", params={"q": query})
    assert answer.status_code == 422
    assert answer.json()["error"] == code
