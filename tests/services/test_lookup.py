"""Finding cards: scans, typed numbers, email, phone, find(), fragment search, history."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest

from terminal.domain.cards import card_number_from_body, format_card_number, new_qr_token
from terminal.domain.errors import (
    CardNotFound,
    CardNumberTypo,
    InvalidCardNumber,
    InvalidCustomerDetails,
    InvalidInput,
    InvalidScan,
)
from terminal.domain.ledger import SyncState, TransactionType
from tests.factories import CASHIER, MANAGER, T0, Terminal
from tests.services.helpers import (
    add_alias,
    add_foreign_card,
    add_remote_entry,
    card_row,
    digits,
    refused,
    search_cards,
)


def _wrong_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


# --- scans ----------------------------------------------------------------------------------


def test_scan_of_the_qr_token_finds_the_card(terminal: Terminal) -> None:
    terminal.enroll(1)
    card = terminal.enroll(2)
    qr = card_row(terminal, card.card_id).qr_code_data
    assert qr.startswith("LC1-")

    for suffix in ("", "\r\n", "\n", "\r", "  ", "\t"):
        found = terminal.services.lookup.by_scan(qr + suffix)
        assert found.card_id == card.card_id, repr(suffix)
        assert found.card_number == card.card_number
        assert found.points_balance == 50


def test_scan_of_a_card_number_finds_the_card(terminal: Terminal) -> None:
    terminal.enroll(1)
    card = terminal.enroll(2)
    d = digits(card.card_number)

    for shape in ("{d}", "{s}", "{d}\r\n", "{s}\r\n", "{s}\n", " {d}\r", "{d4} {d8} {d12}"):
        payload = shape.format(d=d, s=card.card_number, d4=d[:4], d8=d[4:8], d12=d[8:])
        assert terminal.services.lookup.by_scan(payload).card_id == card.card_id, repr(payload)


def test_scan_of_an_unknown_card_is_not_found_and_says_what_was_scanned(terminal: Terminal) -> None:
    terminal.enroll(1)
    unknown_number = card_number_from_body(41_000_000_000)

    with refused(terminal, CardNotFound, "this QR code"):
        terminal.services.lookup.by_scan(new_qr_token())
    with refused(terminal, CardNotFound, "this number"):
        terminal.services.lookup.by_scan(unknown_number)


def test_scan_of_something_else_is_refused_as_not_our_card(terminal: Terminal) -> None:
    terminal.enroll(1)
    for payload in ("https://example.com/menu", "LC1-short", "12345", "4000-0000", "x"):
        with refused(terminal, InvalidScan, "not a loyalty card of ours"):
            terminal.services.lookup.by_scan(payload)


def test_scanned_number_with_a_wrong_check_digit_is_a_typo(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    with refused(terminal, CardNumberTypo, "probably mistyped"):
        terminal.services.lookup.by_scan(_wrong_check_digit(digits(card.card_number)))


# --- typed numbers --------------------------------------------------------------------------


def test_typed_number_with_or_without_separators(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    d = digits(card.card_number)
    a, b, c = d[:4], d[4:8], d[8:]

    for typed in (
        d,
        card.card_number,
        f" {card.card_number} ",
        f"{a} {b} {c}",
        f"{a}-{b} {c}",
        f"{a}\u00a0{b}{c}",
        f"{a} - {b} - {c}",
    ):
        assert terminal.services.lookup.by_number(typed).card_id == card.card_id, repr(typed)


def test_any_single_mistyped_digit_is_reported_as_a_typo(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    d = digits(card.card_number)

    for position in range(12):
        for delta in (1, 5, 9):
            typo = d[:position] + str((int(d[position]) + delta) % 10) + d[position + 1 :]
            with refused(terminal, CardNumberTypo, "Check the number on the card"):
                terminal.services.lookup.by_number(format_card_number(typo))


def test_typo_is_reported_before_any_lookup(terminal: Terminal) -> None:
    """Even a number that IS stored (an old merged card saved with a bad check digit) is
    reported as a typo: the check digit is verified before the database is asked."""
    card = terminal.enroll(1)
    stored_typo = _wrong_check_digit(card_number_from_body(42_000_000_000))
    add_alias(terminal, card.card_id, number=stored_typo)

    with refused(terminal, CardNumberTypo):
        terminal.services.lookup.by_number(stored_typo)


def test_typed_number_of_the_wrong_shape(terminal: Terminal) -> None:
    terminal.enroll(1)

    for typed, message in (
        ("4000-0000-000", "12 digits; 11 were typed"),
        ("4000-0000-00021", "12 digits; 13 were typed"),
        ("4000-0000-000A", "only digits"),
        ("", "only digits"),
    ):
        with refused(terminal, InvalidCardNumber, message, case=typed):
            terminal.services.lookup.by_number(typed)


def test_typed_unknown_number_is_not_found(terminal: Terminal) -> None:
    terminal.enroll(1)

    with refused(terminal, CardNotFound, "this card number"):
        terminal.services.lookup.by_number(format_card_number(card_number_from_body(7)))


# --- email and phone ------------------------------------------------------------------------


def test_email_lookup_is_case_insensitive(terminal: Terminal) -> None:
    terminal.enroll(1)
    card = terminal.enroll(2, email="Ana.Smith@Example.COM")
    assert card.email == "ana.smith@example.com"

    for typed in ("ana.smith@example.com", "ANA.SMITH@EXAMPLE.COM", "  Ana.Smith@Example.com\t"):
        assert terminal.services.lookup.by_email(typed).card_id == card.card_id, typed


def test_email_lookup_is_exact_not_a_fragment(terminal: Terminal) -> None:
    terminal.enroll(1, email="ana.smith@example.com")

    with refused(terminal, CardNotFound, "this email"):
        terminal.services.lookup.by_email("smith@example.com")


def test_phone_lookup_is_normalised_to_e164(terminal: Terminal) -> None:
    terminal.enroll(1, phone="0699999999")
    card = terminal.enroll(2, phone="06 12 34 56 78", email=None)
    assert card.phone == "+33612345678"

    for typed in (
        "0612345678",
        "06 12 34 56 78",
        "06-12-34-56-78",
        "(06) 12.34.56.78",
        " 06123 45678 ",
        "+33 6 12 34 56 78",
        "0033 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
    ):
        assert terminal.services.lookup.by_phone(typed).card_id == card.card_id, typed


def test_phone_lookup_finds_national_and_international_forms_alike(terminal: Terminal) -> None:
    national = terminal.enroll(1, phone="0612345678")
    international = terminal.enroll(2, phone="+33 6 98 76 54 32")
    lookup = terminal.services.lookup

    assert lookup.by_phone("+33 6 12 34 56 78").card_id == national.card_id
    assert lookup.by_phone("06 98 76 54 32").card_id == international.card_id
    with refused(terminal, CardNotFound, "this phone"):
        lookup.by_phone("06 12 34 56 79")


def test_phone_lookup_refuses_a_number_not_valid_in_the_store_country(terminal: Terminal) -> None:
    terminal.enroll(1, phone="0612345678")

    with refused(terminal, InvalidCustomerDetails, "not a valid phone number in FR") as info:
        terminal.services.lookup.by_phone("061234567")
    assert info.value.reason == "phone_invalid_for_country"
    assert info.value.params == {"country": "FR"}


def test_empty_email_or_phone_is_refused(terminal: Terminal) -> None:
    with refused(terminal, InvalidInput, "Type an email address"):
        terminal.services.lookup.by_email("   ")
    with refused(terminal, InvalidInput, "Type a phone number"):
        terminal.services.lookup.by_phone("")


# --- find(): the idle screen's search box ---------------------------------------------------


def test_find_dispatches_on_what_was_typed(terminal: Terminal) -> None:
    terminal.enroll(1, phone="0611111111")
    card = terminal.enroll(2, email="Zoe@Example.com", phone="+33 6 12 34 56 78")
    qr = card_row(terminal, card.card_id).qr_code_data
    find = terminal.services.lookup.find

    assert find("ZOE@example.com").card_id == card.card_id  # email
    assert find("+33 6 12 34 56 78").card_id == card.card_id  # phone with +
    assert find("33 612 345 678").card_id == card.card_id  # 11 digits: a phone
    assert find("06 12 34 56 78").card_id == card.card_id  # national form, same customer
    assert find(card.card_number).card_id == card.card_id  # 12 digits: a card number
    assert find(digits(card.card_number) + "\r\n").card_id == card.card_id
    assert find(qr + "\n").card_id == card.card_id  # QR token from a wedge scanner


def test_find_reads_phones_with_any_usual_separator_as_phones(terminal: Terminal) -> None:
    card = terminal.enroll(1, phone="06 12 34 56 78")
    find = terminal.services.lookup.find

    for typed in (
        "06.12.34.56.78",
        "(06) 12 34 56 78",
        "06/12/34/56/78",
        "06-12-34-56-78",
        "0612345678",
        "+33 (0)6 12 34 56 78",
        "(+33) 6 12 34 56 78",
        "0033 6 12 34 56 78",
        "06\u00a012\u00a034\u00a056\u00a078",
    ):
        assert find(typed).card_id == card.card_id, typed
    with refused(terminal, CardNotFound, "this phone"):
        find("06.99.99.99.99")
    with refused(terminal, InvalidCustomerDetails, "not a valid phone number in FR"):
        find("(06) 12 34")


def test_find_keeps_twelve_digits_a_card_number(terminal: Terminal) -> None:
    card = terminal.enroll(1, phone="06 12 34 56 78")
    find = terminal.services.lookup.find
    number = digits(card.card_number)

    for typed in (number, card.card_number, f"{number[:4]} {number[4:8]} {number[8:]}"):
        assert find(typed).card_id == card.card_id, typed
    with refused(terminal, CardNumberTypo):
        find(_wrong_check_digit(card.card_number))
    with refused(terminal, CardNumberTypo):
        find(_wrong_check_digit(number))


def test_find_reports_which_kind_of_lookup_failed(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    find = terminal.services.lookup.find

    with refused(terminal, CardNotFound, "this email"):
        find("nobody@example.com")
    with refused(terminal, CardNotFound, "this phone"):
        find("+44 20 7946 0000")
    with refused(terminal, CardNotFound, "this phone"):
        find("06 00 00 00 00")
    with refused(terminal, CardNumberTypo):
        find(_wrong_check_digit(card.card_number))
    with refused(terminal, CardNotFound, "this card number"):
        find(format_card_number(card_number_from_body(99)))
    with refused(terminal, CardNotFound, "this QR code"):
        find(new_qr_token())
    with refused(terminal, InvalidScan):
        find("Ana Customer1")


def test_find_refuses_empty_or_overlong_text(terminal: Terminal) -> None:
    for typed, message in (
        ("", "Scan the card"),
        ("   \r\n", "Scan the card"),
        ("x" * 255, "too long"),
    ):
        with refused(terminal, InvalidInput, message, case=typed):
            terminal.services.lookup.find(typed)


# --- fragment search ------------------------------------------------------------------------


def test_search_ignores_accents_and_case(terminal: Terminal) -> None:
    jose = terminal.enroll(1, first_name="José", last_name="Álvarez")
    plain = terminal.enroll(2, first_name="Jose", last_name="Alvarez")
    terminal.enroll(3, first_name="Maria", last_name="Lopez")
    search = partial(search_cards, terminal)

    for fragment in ("jose", "JOSÉ", "josé", "alvarez", "ÁLVAREZ", "se alv"):
        ids = {c.card_id for c in search(fragment).rows}
        assert ids == {jose.card_id, plain.card_id}, fragment
    found = {c.card_id: c for c in search("jose").rows}
    assert found[jose.card_id].customer_name == "José Álvarez"


def test_search_by_email_and_phone_fragments(terminal: Terminal) -> None:
    card = terminal.enroll(1, email="marguerite@example.org", phone="06 55 44 33 22")
    terminal.enroll(2)
    search = partial(search_cards, terminal)

    assert [c.card_id for c in search("MARGUER").rows] == [card.card_id]
    assert [c.card_id for c in search("example.org").rows] == [card.card_id]
    assert [c.card_id for c in search("55 44 33").rows] == [card.card_id]
    assert [c.card_id for c in search("554433").rows] == [card.card_id]
    # the phone is stored as +33655443322 and found as people write it, too
    assert [c.card_id for c in search("06 55 44").rows] == [card.card_id]
    assert [c.card_id for c in search("0655443322").rows] == [card.card_id]
    assert [c.card_id for c in search("+3365544").rows] == [card.card_id]


def test_search_by_card_number_fragment_with_dashes(terminal: Terminal) -> None:
    cards = [terminal.enroll(n) for n in range(12)]
    search = partial(search_cards, terminal)

    for fragment in (cards[11].card_number[5:], cards[3].card_number[2:11], "0000-001"):
        wanted = digits(fragment).replace(" ", "")
        expected = {c.card_id for c in cards if wanted in digits(c.card_number)}
        assert expected, fragment
        assert {c.card_id for c in search(fragment, limit=50).rows} == expected, fragment
    assert [c.card_id for c in search(cards[7].card_number).rows] == [cards[7].card_id]


def test_search_finds_from_one_character_and_an_empty_one_lists_every_card(
    terminal: Terminal,
) -> None:
    abby = terminal.enroll(1, first_name="Abby")
    other = terminal.enroll(2, first_name="Zed")

    for fragment in ("ab", "  ab  ", "Abb", "ABBY"):
        assert [c.card_id for c in search_cards(terminal, fragment).rows] == [abby.card_id]
    for fragment in ("", "  ", "\t\n"):
        assert [c.card_id for c in search_cards(terminal, fragment).rows] == [
            other.card_id,
            abby.card_id,
        ]


def test_search_pages_newest_first_without_duplicates_or_gaps(terminal: Terminal) -> None:
    cards = [terminal.enroll(n, first_name="Pager") for n in range(8)]
    terminal.enroll(99, first_name="Other")
    newest_first = [c.card_id for c in reversed(cards)]

    seen: list[str] = []
    sizes = []
    before = None
    for _ in range(10):
        page = search_cards(terminal, "pager", before=before, limit=3)
        seen += [c.card_id for c in page.rows]
        sizes.append(len(page.rows))
        before = page.next_after
        if before is None:
            break

    assert sizes == [3, 3, 2]
    assert seen == newest_first


def test_search_page_of_exactly_the_limit_says_it_is_the_last(terminal: Terminal) -> None:
    for n in range(4):
        terminal.enroll(n, first_name="Quad")

    page = search_cards(terminal, "quad", limit=4)

    assert len(page.rows) == 4
    assert page.next_after is None


def test_search_never_shows_another_company_and_still_pages_correctly(terminal: Terminal) -> None:
    """The trigram index holds every company's cards: the service filters them out and
    keeps reading until the page is full, with no gap where foreign cards sat."""
    ours = []
    for n in range(6):
        ours.append(terminal.enroll(n, first_name="Camille"))
        for k in range(3):
            add_foreign_card(terminal, 50_000_000_000 + n * 10 + k, first_name="Camille")
    newest_first = [c.card_id for c in reversed(ours)]

    seen: list[str] = []
    before = None
    for _ in range(10):
        page = search_cards(terminal, "camille", before=before, limit=2)
        assert len(page.rows) == 2 or page.next_after is None
        seen += [c.card_id for c in page.rows]
        before = page.next_after
        if before is None:
            break

    assert seen == newest_first


# --- another company's card -----------------------------------------------------------------


def test_another_companys_card_is_not_found_by_any_lookup(terminal: Terminal) -> None:
    terminal.enroll(1)
    foreign = add_foreign_card(
        terminal, 50_000_000_000, email="shared@example.com", phone="+33677777777"
    )
    lookup = terminal.services.lookup
    shown = format_card_number(foreign["number"])

    with refused(terminal, CardNotFound):
        lookup.by_scan(foreign["qr"])
    with refused(terminal, CardNotFound):
        lookup.by_scan(foreign["number"] + "\r\n")
    with refused(terminal, CardNotFound):
        lookup.by_number(shown)
    with refused(terminal, CardNotFound):
        lookup.by_email("shared@example.com")
    with refused(terminal, CardNotFound):
        lookup.by_phone("06 77 77 77 77")
    with refused(terminal, CardNotFound):
        lookup.find(shown)
    with refused(terminal, CardNotFound):
        lookup.card(foreign["card_id"])
    with refused(terminal, CardNotFound):
        lookup.history(foreign["card_id"])
    assert search_cards(terminal, "foreign").rows == []
    assert search_cards(terminal, foreign["number"][:9]).rows == []


def test_another_companys_card_cannot_be_used(terminal: Terminal) -> None:
    foreign = add_foreign_card(terminal, 50_000_000_000)
    card_id = foreign["card_id"]
    services = terminal.services

    with refused(terminal, CardNotFound):
        services.stamps.add_stamp(CASHIER, card_id)
    with refused(terminal, CardNotFound):
        services.points.earn(CASHIER, card_id, "10.00")
    with refused(terminal, CardNotFound):
        services.points.rewards(card_id)
    with refused(terminal, CardNotFound):
        services.points.redeem(CASHIER, card_id, 1)
    with refused(terminal, CardNotFound):
        services.stamps.redeem_reward(CASHIER, card_id)
    with refused(terminal, CardNotFound):
        services.cards.deactivate(MANAGER, card_id)
    with refused(terminal, CardNotFound):
        services.voids.voidable(card_id)


# --- merged cards ---------------------------------------------------------------------------


def test_merged_card_aliases_are_found_by_qr_and_number(terminal: Terminal) -> None:
    terminal.enroll(1)
    survivor = terminal.enroll(2)
    old_qr = new_qr_token()
    old_number = card_number_from_body(43_000_000_123)
    add_alias(terminal, survivor.card_id, qr=old_qr, number=old_number)
    lookup = terminal.services.lookup

    assert lookup.by_scan(old_qr + "\r\n").card_id == survivor.card_id
    assert lookup.by_scan(old_number).card_id == survivor.card_id
    assert lookup.by_number(format_card_number(old_number)).card_id == survivor.card_id
    assert lookup.find(format_card_number(old_number)).card_id == survivor.card_id
    # The card shown is the surviving card, with its own number.
    assert lookup.by_scan(old_qr).card_number == survivor.card_number


def test_alias_of_another_companys_card_is_not_found(terminal: Terminal) -> None:
    foreign = add_foreign_card(terminal, 50_000_000_000)
    old_qr = new_qr_token()
    add_alias(terminal, foreign["card_id"], qr=old_qr, number=card_number_from_body(44))

    with refused(terminal, CardNotFound):
        terminal.services.lookup.by_scan(old_qr)
    with refused(terminal, CardNotFound):
        terminal.services.lookup.by_number(card_number_from_body(44))


# --- history --------------------------------------------------------------------------------


def _busy_card(terminal: Terminal) -> str:
    card = terminal.enroll(1)
    terminal.clock.advance(timedelta(minutes=1))
    terminal.services.stamps.add_stamp(CASHIER, card.card_id)
    terminal.clock.advance(timedelta(minutes=1))
    terminal.services.points.earn(CASHIER, card.card_id, "80.00", order_reference="R-1")
    terminal.clock.advance(timedelta(minutes=1))
    terminal.services.points.redeem(MANAGER, card.card_id, 1)
    return card.card_id


def test_history_is_newest_first_with_store_and_staff_names(terminal: Terminal) -> None:
    card_id = _busy_card(terminal)

    page = terminal.services.lookup.history(card_id)

    assert [e.type for e in page.entries] == [
        TransactionType.POINTS_REDEEMED,
        TransactionType.POINTS_EARNED,
        TransactionType.STAMP_EARNED,
        TransactionType.WELCOME_BONUS,
        TransactionType.CARD_CREATED,
    ]
    assert page.next_before is None
    assert [e.staff_name for e in page.entries] == [
        "Morgan Leroy",
        "Alex Martin",
        "Alex Martin",
        "Alex Martin",
        "Alex Martin",
    ]
    assert {e.vendor_name for e in page.entries} == {"Main Street"}
    assert [e.points_balance_after for e in page.entries] == [30, 130, 50, 50, 0]
    assert page.entries[0].reward_description == "Pastry of your choice"
    assert page.entries[1].purchase_amount == 8000
    assert page.entries[0].transaction_at == T0 + timedelta(minutes=3)
    assert page.entries[0].transaction_at.utcoffset() == timedelta(hours=1)  # shown in Paris
    assert {e.sync_state for e in page.entries} == {SyncState.PENDING}


def test_history_shows_entries_of_other_stores(terminal: Terminal) -> None:
    card_id = _busy_card(terminal)
    add_remote_entry(
        terminal,
        card_id,
        TransactionType.POINTS_EARNED,
        at=T0 + timedelta(hours=2),
        vendor_id=2,
        staff_id=2,
        points_delta=5,
        purchase_amount=500,
    )

    newest = terminal.services.lookup.history(card_id, limit=1).entries[0]

    assert newest.vendor_name == "Station Kiosk"
    assert newest.staff_name == "Morgan Leroy"
    assert newest.sync_state is SyncState.ACCEPTED
    assert newest.points_balance_after == 35


def test_history_pages_by_keyset(terminal: Terminal) -> None:
    card_id = _busy_card(terminal)
    everything = terminal.services.lookup.history(card_id).entries

    pages = []
    before: tuple[object, ...] | None = None
    while True:
        page = terminal.services.lookup.history(card_id, before=before, limit=2)
        pages.append(page)
        if page.next_before is None:
            break
        before = page.next_before

    assert [len(p.entries) for p in pages] == [2, 2, 1]
    assert [e.entry_id for p in pages for e in p.entries] == [e.entry_id for e in everything]


@pytest.mark.parametrize(
    "before", [("nonsense", 1, "x"), ("2026-03-10T09:00:00", 1, "x"), (1, 2), ("a", "b", "c")]
)
def test_a_history_key_that_is_not_one_starts_from_the_newest(
    terminal: Terminal, before: tuple[object, ...]
) -> None:
    card_id = _busy_card(terminal)
    everything = terminal.services.lookup.history(card_id).entries
    assert terminal.services.lookup.history(card_id, before=before).entries == everything


def test_card_by_id_and_unknown_id(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    assert terminal.services.lookup.card(card.card_id) == card
    with refused(terminal, CardNotFound):
        terminal.services.lookup.card("00000000-0000-0000-0000-000000000000")


def test_search_treats_underscore_as_a_plain_character(terminal: Terminal) -> None:
    underscore = terminal.enroll(1, email="ana_b@example.com")
    terminal.enroll(2, email="anaxb@example.com")

    assert [c.card_id for c in search_cards(terminal, "ana_b").rows] == [underscore.card_id]


def test_search_treats_percent_as_a_plain_character(terminal: Terminal) -> None:
    percent = terminal.enroll(1, first_name="Cafe 100%", email="cafe@example.com")
    terminal.enroll(2, first_name="Cafe 100", email="other@example.com")

    assert [c.card_id for c in search_cards(terminal, "e 100% cu").rows] == [percent.card_id]
