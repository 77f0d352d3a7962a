"""The store manager's cards table: keyset pages, every sort both ways, every filter, and
the search from one character, on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from terminal.domain.errors import InvalidInput
from terminal.services.views import CardQuery, CardRow, CardSort, CardStatusFilter
from tests.factories import T0, Terminal, make_terminal
from tests.services.helpers import add_foreign_card, set_card, set_program

NAMES = [
    ("Zoé", "Martin"),
    ("Ana", "Dubois"),
    ("Léa", "Martin"),
    ("Hugo", "Bernard"),
    ("Inès", "Petit"),
    ("Jules", "Dubois"),
    ("Emma", "Laurent"),
]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """Balances are set directly here (no ledger behind them): no invariant check."""
    term = make_terminal(tmp_path / "terminal.db")
    yield term
    term.database.dispose()


@pytest.fixture
def cards(terminal: Terminal) -> list[str]:
    """Seven cards; some share points, stamps and last names (ties the keyset must split)."""
    ids = []
    for n, (first, last) in enumerate(NAMES):
        card = terminal.enroll(n, first_name=first, last_name=last, email=f"c{n}@shop.example")
        ids.append(card.card_id)
    points = [50, 300, 50, 0, 120, 50, 700]
    stamps = [3, 10, 0, 3, 9, 12, 3]
    for card_id, p, s in zip(ids, points, stamps, strict=True):
        set_card(terminal, card_id, points_balance=p, stamp_count=s)
    return ids


def everything(terminal: Terminal, query: CardQuery, limit: int) -> list[CardRow]:
    """Every page of `query` in turn, `limit` rows at a time."""
    browser = terminal.services.browser
    rows: list[CardRow] = []
    after = None
    for _ in range(100):
        page = browser.page(query, after=after, limit=limit)
        assert len(page.rows) <= limit
        rows.extend(page.rows)
        if page.next_after is None:
            return rows
        assert len(page.rows) == limit  # only the last page is short
        after = page.next_after
    raise AssertionError("the pages never ended")


def test_without_text_every_card_is_listed_newest_first(terminal: Terminal, cards: list[str]):
    rows = everything(terminal, CardQuery(), limit=3)
    assert [row.card_id for row in rows] == cards[::-1]
    first = rows[-1]
    assert (first.customer_name, first.email, first.points_balance) == (
        "Zoé Martin",
        "c0@shop.example",
        50,
    )
    assert first.enrolled_at_vendor_name == "Main Street"
    assert first.card_number.count("-") == 2


@pytest.mark.parametrize("sort", list(CardSort))
@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("limit", [1, 2, 3, 50])
def test_every_sort_pages_through_every_card_once_in_order(
    terminal: Terminal, cards: list[str], sort: CardSort, descending: bool, limit: int
):
    set_card(terminal, cards[1], last_activity_at=None)
    set_card(terminal, cards[4], last_activity_at=None)
    rows = everything(terminal, CardQuery(sort=sort, descending=descending), limit)
    assert sorted(row.card_id for row in rows) == sorted(cards)
    keys = {
        CardSort.NAME: lambda r: tuple(reversed(r.customer_name.split(" "))),
        CardSort.NUMBER: lambda r: r.card_number,
        CardSort.POINTS: lambda r: r.points_balance,
        CardSort.STAMPS: lambda r: r.stamp_count,
        CardSort.LAST_ACTIVITY: lambda r: (r.last_activity_at is not None, r.last_activity_at),
        CardSort.NEWEST: lambda r: cards.index(r.card_id),
    }
    values = [keys[sort](row) for row in rows]
    assert values == sorted(values, reverse=descending)


def test_ties_are_split_by_the_card_not_repeated_or_skipped(terminal: Terminal, cards: list[str]):
    rows = everything(terminal, CardQuery(sort=CardSort.POINTS), limit=1)
    fifties = [row.card_id for row in rows if row.points_balance == 50]
    assert fifties == [cards[5], cards[2], cards[0]]  # the newest first among equals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("z", {0}),  # one character: Zoé
        ("b", {1, 3, 5}),  # Dubois, Bernard
        ("du", {1, 5}),  # two: Dubois
        ("dubois", {1, 5}),
        ("LÉA", {2}),  # case and accents do not matter
        ("lea martin", {2}),
        ("c3@shop", {3}),
        ("zzz", set()),
    ],
)
def test_the_search_finds_fragments_from_one_character(
    terminal: Terminal, cards: list[str], text: str, expected: set[int]
):
    rows = everything(terminal, CardQuery(text=text), limit=2)
    found = {cards.index(row.card_id) for row in rows}
    assert found == expected
    assert terminal.services.browser.count(CardQuery(text=text)) == len(expected)


def test_the_search_finds_a_card_number_typed_with_or_without_dashes(
    terminal: Terminal, cards: list[str]
):
    shown = terminal.services.lookup.card(cards[3]).card_number
    for typed in (shown, shown.replace("-", ""), shown[-4:]):
        rows = everything(terminal, CardQuery(text=typed), limit=5)
        assert cards[3] in [row.card_id for row in rows], typed


@pytest.mark.parametrize("text", ["%", "_", "\\", '"', "a%", "%%%", "'; DROP"])
def test_like_and_fts_characters_mean_themselves(terminal: Terminal, cards: list[str], text: str):
    assert everything(terminal, CardQuery(text=text), limit=5) == []
    assert len(everything(terminal, CardQuery(), limit=50)) == len(cards)  # data intact


def test_a_search_sorted_by_name_keeps_the_order(terminal: Terminal, cards: list[str]):
    rows = everything(terminal, CardQuery(text="martin", sort=CardSort.NAME, descending=False), 1)
    assert [row.customer_name for row in rows] == ["Léa Martin", "Zoé Martin"]


def test_status_filters(terminal: Terminal, cards: list[str]):
    set_card(terminal, cards[2], is_active=False)
    set_card(terminal, cards[6], is_active=False)
    off = everything(terminal, CardQuery(status=CardStatusFilter.DEACTIVATED), 5)
    on = everything(terminal, CardQuery(status=CardStatusFilter.ACTIVE), 5)
    assert [row.card_id for row in off] == [cards[6], cards[2]]
    assert all(not row.is_active for row in off)
    assert all(row.is_active for row in on)
    assert len(on) == len(cards) - 2


def test_enrolled_here_leaves_out_the_other_stores_cards(terminal: Terminal, cards: list[str]):
    set_card(terminal, cards[0], enrolled_at_vendor_id=2)
    set_card(terminal, cards[3], enrolled_at_vendor_id=None)
    rows = everything(terminal, CardQuery(enrolled_here=True), 5)
    assert {row.card_id for row in rows} == set(cards) - {cards[0], cards[3]}
    other = everything(terminal, CardQuery(), 50)
    assert next(r for r in other if r.card_id == cards[0]).enrolled_at_vendor_name == (
        "Station Kiosk"
    )


def test_reward_available_means_a_stamp_reward_or_an_affordable_reward(
    terminal: Terminal, cards: list[str]
):
    # target 10 stamps; the cheapest reward costs 100 points (minimum redemption 100)
    rows = everything(terminal, CardQuery(reward_available=True), 5)
    assert {cards.index(row.card_id) for row in rows} == {1, 4, 5, 6}
    assert all(row.reward_available for row in rows)
    assert not any(
        row.reward_available for row in everything(terminal, CardQuery(), 50) if row not in rows
    )
    set_program(terminal, minimum_redemption_points=500)
    rows = everything(terminal, CardQuery(reward_available=True), 5)
    assert {cards.index(row.card_id) for row in rows} == {1, 5, 6}


def test_points_expiring_in_the_next_30_days(terminal: Terminal, cards: list[str]):
    # points expire 365 store days after the last activity
    now = terminal.clock.now()
    set_card(terminal, cards[0], last_activity_at=now - timedelta(days=340))  # in 25 days
    set_card(terminal, cards[1], last_activity_at=now - timedelta(days=364))  # tomorrow
    set_card(terminal, cards[2], last_activity_at=now - timedelta(days=300))  # in 65 days
    set_card(terminal, cards[3], last_activity_at=now - timedelta(days=350))  # no points
    rows = everything(terminal, CardQuery(points_expiring=True), 5)
    assert {cards.index(row.card_id) for row in rows} == {0, 1}
    assert all(
        row.points_expire_on is not None and 0 <= (row.points_expire_on - T0.date()).days <= 30
        for row in rows
    )
    set_program(terminal, points_expiration_days=0)  # points never expire
    assert everything(terminal, CardQuery(points_expiring=True), 5) == []


def test_overdrawn_cards(terminal: Terminal, cards: list[str]):
    set_card(terminal, cards[2], points_balance=-40)
    set_card(terminal, cards[4], stamp_count=-1)
    rows = everything(terminal, CardQuery(overdrawn=True), 5)
    assert [row.card_id for row in rows] == [cards[4], cards[2]]


def test_filters_combine(terminal: Terminal, cards: list[str]):
    set_card(terminal, cards[6], is_active=False)
    query = CardQuery(
        text="c", reward_available=True, status=CardStatusFilter.ACTIVE, sort=CardSort.POINTS
    )
    rows = everything(terminal, query, 1)
    assert [cards.index(row.card_id) for row in rows] == [1, 4, 5]
    assert terminal.services.browser.count(query) == 3


def test_another_companys_cards_are_never_listed(terminal: Terminal, cards: list[str]):
    add_foreign_card(terminal, 40_500_000_001, first_name="Ana", last_name="Dubois")
    for sort in CardSort:
        rows = everything(terminal, CardQuery(text="dubois", sort=sort), 1)
        assert {row.card_id for row in rows} == {cards[1], cards[5]}
    assert terminal.services.browser.count(CardQuery()) == len(cards)


@pytest.mark.parametrize(
    "after", [(99,), ("x", 1), (True, 3), (-1,), (0, "not", "a", "key", "at", "all")]
)
def test_a_cursor_that_is_not_a_page_key_starts_over_or_is_ignored(
    terminal: Terminal, cards: list[str], after: tuple[object, ...]
):
    page = terminal.services.browser.page(CardQuery(), after=after, limit=50)
    assert [row.card_id for row in page.rows] == cards[::-1]


def test_a_search_text_too_long_or_not_text_is_refused(terminal: Terminal, cards: list[str]):
    with pytest.raises(InvalidInput) as err:
        terminal.services.browser.page(CardQuery(text="x" * 300))
    assert err.value.reason == "search_too_long"
    with pytest.raises(InvalidInput) as err:
        terminal.services.browser.page(CardQuery(text=42))  # type: ignore[arg-type]
    assert err.value.reason == "search_invalid"


def test_a_huge_limit_is_capped_and_a_silly_one_is_raised_to_one(
    terminal: Terminal, cards: list[str]
):
    assert len(terminal.services.browser.page(CardQuery(), limit=10**9).rows) == len(cards)
    assert len(terminal.services.browser.page(CardQuery(), limit=-5).rows) == 1
