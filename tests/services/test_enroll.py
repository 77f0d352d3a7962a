"""Enrollment: welcome bonus, one card per customer, number block, QR tokens, PIN policy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from terminal.domain.cards import card_number_from_body, is_qr_token, luhn_valid
from terminal.domain.errors import (
    CardNumberBlockExhausted,
    CustomerAlreadyEnrolled,
    InvalidCustomerDetails,
    PinRequired,
    ProgramInactive,
    WrongPin,
)
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import CompanyRules, PinOperation, PinPolicy, ProgramRules, ProgramType
from terminal.services.views import Actor
from terminal.store.models import CardNumberBlock
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import (
    add_foreign_card,
    card_row,
    digits,
    ledger,
    ledger_types,
    next_seq,
    refused,
    search_cards,
    set_program,
    staff_row,
)


def _enroll(terminal: Terminal, actor: Actor = CASHIER, **details: str | None):  # type: ignore[no-untyped-def]
    fields: dict[str, str | None] = {"first_name": "Lea", "last_name": "Martin"}
    fields.update(details)
    return terminal.services.enroll.enroll(actor, **fields)  # type: ignore[arg-type]


def _enroll_policy(policy: PinPolicy) -> CompanyRules:
    policies = dict(CompanyRules().pin_policies)
    policies[PinOperation.ENROLL] = policy
    return CompanyRules(pin_policies=policies)


def test_enrollment_writes_card_created_then_welcome_bonus(terminal: Terminal) -> None:
    result = _enroll(terminal, email="Lea@Example.com", phone="06 12 34 56 78")
    card = result.card

    assert result.type is TransactionType.CARD_CREATED
    assert (result.welcome_bonus, result.points_delta, result.stamps_delta) == (50, 0, 0)
    entries = ledger(terminal, card.card_id)
    assert [e.type for e in entries] == [
        TransactionType.CARD_CREATED,
        TransactionType.WELCOME_BONUS,
    ]
    created, bonus = entries
    assert created.id == result.entry_id
    assert (created.stamps_delta, created.points_delta) == (0, 0)
    assert (bonus.points_delta, bonus.points_balance_after) == (50, 50)
    assert bonus.notes == "Welcome bonus on enrollment"
    assert [e.terminal_seq for e in entries] == [1, 2]
    assert {e.terminal_id for e in entries} == {terminal.terminal_id}
    assert {e.vendor_id for e in entries} == {1}
    assert {e.staff_id for e in entries} == {CASHIER.staff_id}
    assert {e.transaction_at for e in entries} == {T0}
    assert next_seq(terminal) == 3

    assert card.customer_name == "Lea Martin"
    assert (card.email, card.phone) == ("lea@example.com", "+33612345678")
    assert card.points_balance == 50
    assert card.pending_points == 50
    assert card.stamp_count == 0
    assert card.is_active
    assert card.enrolled_at_vendor_id == 1
    assert card.enrolled_at_vendor_name == "Main Street"
    assert card.last_activity_at == T0
    assert str(card.last_activity_at.tzinfo) == "Europe/Paris"  # store time, ready to show
    assert card.points_expire_on == (T0 + timedelta(days=365)).date()
    row = card_row(terminal, card.card_id)
    assert (row.total_points_earned, row.points_redeemed) == (50, 0)
    assert row.created_at == T0


@pytest.mark.parametrize(
    ("program", "bonus"),
    [
        (ProgramRules(welcome_bonus_points=0), 0),
        (ProgramRules(program_type=ProgramType.STAMPS, welcome_bonus_points=50), 0),
        (ProgramRules(program_type=ProgramType.POINTS, welcome_bonus_points=75), 75),
        (ProgramRules(program_type=ProgramType.HYBRID, welcome_bonus_points=1), 1),
    ],
)
def test_welcome_bonus_only_when_positive_and_the_program_has_points(
    make_term: MakeTerminal, program: ProgramRules, bonus: int
) -> None:
    terminal = make_term(seed_with(program=program))

    result = _enroll(terminal, email="lea@example.com")

    assert result.card.points_balance == bonus
    expected = [TransactionType.CARD_CREATED]
    if bonus:
        expected.append(TransactionType.WELCOME_BONUS)
    else:
        assert result.card.points_expire_on is None
    assert result.welcome_bonus == bonus
    assert ledger_types(terminal, result.card.card_id) == expected


def test_second_enrollment_with_the_same_email_names_the_existing_card(terminal: Terminal) -> None:
    first = _enroll(terminal, email="lea@example.com").card

    with refused(terminal, CustomerAlreadyEnrolled, first.card_number) as info:
        _enroll(terminal, first_name="Léa", last_name="Other", email="  LEA@example.COM ")

    assert info.value.existing_card_number == first.card_number
    assert info.value.matched_on == "email"
    assert "same email" in info.value.message
    assert "Use that card instead" in info.value.message


def test_second_enrollment_with_the_same_phone_names_the_existing_card(terminal: Terminal) -> None:
    first = _enroll(terminal, phone="06 12 34 56 78").card

    with refused(terminal, CustomerAlreadyEnrolled, first.card_number) as info:
        _enroll(terminal, email="new@example.com", phone="06-12-34-56-78")

    assert info.value.existing_card_number == first.card_number
    assert info.value.matched_on == "phone"


@pytest.mark.parametrize(
    ("first_phone", "second_phone"),
    [
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("06 12 34 56 78", "+33 6 12 34 56 78"),
        ("06.12.34.56.78", "0033 612 345 678"),
        ("(06) 12 34 56 78", "+33 (0)6 12 34 56 78"),
    ],
)
def test_national_and_international_forms_of_a_phone_are_one_customer(
    terminal: Terminal, first_phone: str, second_phone: str
) -> None:
    first = _enroll(terminal, phone=first_phone).card
    assert first.phone == "+33612345678"

    with refused(terminal, CustomerAlreadyEnrolled, first.card_number) as info:
        _enroll(terminal, email="new@example.com", phone=second_phone)
    assert info.value.matched_on == "phone"


def test_an_email_in_another_unicode_form_is_the_same_customer(terminal: Terminal) -> None:
    first = _enroll(terminal, email="Jos\u00e9@example.com").card  # é composed
    assert first.email == "jos\u00e9@example.com"

    with refused(terminal, CustomerAlreadyEnrolled, first.card_number) as info:
        _enroll(terminal, email=" JOSE\u0301@Example.com")  # E and a combining accent
    assert info.value.matched_on == "email"


def test_phones_are_read_in_the_store_country(make_term: MakeTerminal) -> None:
    berlin = ((1, "Berlin Mitte", "Europe/Berlin", "DE"),)
    terminal = make_term(seed_with(vendors=berlin))

    card = _enroll(terminal, phone="0151 12345678").card

    assert card.phone == "+4915112345678"
    assert terminal.services.lookup.by_phone("+49 151 12345678").card_id == card.card_id
    assert terminal.services.lookup.find("0151/12345678").card_id == card.card_id
    french = _enroll(terminal, email="fr@example.com", phone="+33 6 12 34 56 78").card
    assert french.phone == "+33612345678"
    with refused(terminal, InvalidCustomerDetails, "not a valid phone number in DE"):
        _enroll(terminal, email="other@example.com", phone="0151 123")


def test_same_email_in_another_company_does_not_block_enrollment(terminal: Terminal) -> None:
    add_foreign_card(terminal, 50_000_000_000, email="lea@example.com", phone="+33612345678")

    card = _enroll(terminal, email="lea@example.com", phone="0612345678").card

    assert terminal.services.lookup.by_email("lea@example.com").card_id == card.card_id


def test_email_required_by_company_setting(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(company=CompanyRules(require_customer_email_on_enroll=True)))

    with refused(terminal, InvalidCustomerDetails, "email address is needed"):
        _enroll(terminal, phone="0612345678")
    with refused(terminal, InvalidCustomerDetails, "email address is needed"):
        _enroll(terminal, email="   ", phone="0612345678")
    card = _enroll(terminal, email="lea@example.com").card
    assert card.email == "lea@example.com"


def test_phone_only_is_enough_without_the_setting(terminal: Terminal) -> None:
    card = _enroll(terminal, phone="+33 6 12 34 56 78").card

    assert (card.email, card.phone) == (None, "+33612345678")


BAD_DETAILS: list[tuple[dict[str, str | None], str]] = [
    ({}, "email address or a phone number"),
    ({"email": "", "phone": "  "}, "email address or a phone number"),
    ({"first_name": " ", "last_name": None, "email": "a@b.co"}, "Type the customer's name"),
    ({"first_name": "Lea\x00", "email": "a@b.co"}, "cannot be printed"),
    ({"last_name": "M\u202eartin", "email": "a@b.co"}, "cannot be printed"),
    ({"first_name": "L" * 81, "email": "a@b.co"}, r"too long \(80 at most\)"),
    ({"email": "lea.example.com"}, "does not look right"),
    ({"email": "lea@example"}, "does not look right"),
    ({"email": "a@b@c.com"}, "does not look right"),
    ({"email": "ana\x00b@example.com"}, "does not look right"),
    ({"email": "ana\x07@example.com"}, "does not look right"),
    ({"phone": "٠٦١٢٣٤٥٦٧٨"}, "digits only"),
    ({"phone": "06 12 AB 56 78"}, "digits only"),
    ({"phone": "12345"}, "6 to 15 digits"),
    ({"phone": "1" * 16}, "6 to 15 digits"),
    ({"phone": "06 12 34 56"}, "not a valid phone number in FR"),
    ({"phone": "+33 6 12 34 56 78 90"}, "check its country code"),
]


def test_bad_customer_details_are_refused(terminal: Terminal) -> None:
    _enroll(terminal, email="first@example.com")

    for details, message in BAD_DETAILS:
        with refused(terminal, InvalidCustomerDetails, message, case=details):
            _enroll(terminal, **details)


def test_inactive_program_refuses_enrollment(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(program=ProgramRules(is_active=False)))

    with refused(terminal, ProgramInactive, "paused"):
        _enroll(terminal, email="lea@example.com")


def test_program_paused_after_cards_exist(terminal: Terminal) -> None:
    _enroll(terminal, email="lea@example.com")
    set_program(terminal, is_active=False)

    with refused(terminal, ProgramInactive):
        _enroll(terminal, email="other@example.com")


def test_exhausted_number_block_refuses_and_writes_nothing(make_term: MakeTerminal) -> None:
    body = 40_000_000_500
    terminal = make_term(seed_with(card_block=(body, body)))
    only = _enroll(terminal, email="one@example.com").card
    assert digits(only.card_number) == card_number_from_body(body)

    with refused(terminal, CardNumberBlockExhausted, "no new card numbers left"):
        _enroll(terminal, email="two@example.com", phone="0612345678")

    # Nothing half-written: the customer can be enrolled once numbers arrive.
    with terminal.database.writer.begin() as session:
        session.add(
            CardNumberBlock(
                first_body=body + 10, last_body=body + 11, next_body=body + 10, received_at=T0
            )
        )
    card = _enroll(terminal, email="two@example.com", phone="0612345678").card
    assert digits(card.card_number) == card_number_from_body(body + 10)
    assert search_cards(terminal, "two@ex").rows[0].card_id == card.card_id


def test_card_numbers_come_from_the_block_valid_and_unique(make_term: MakeTerminal) -> None:
    first_body = 40_000_000_990
    terminal = make_term(seed_with(card_block=(first_body, first_body + 99)))

    cards = [terminal.enroll(n).card_number for n in range(15)]
    numbers = [digits(c) for c in cards]

    assert all(len(n) == 12 and luhn_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert numbers == [card_number_from_body(first_body + n) for n in range(15)]
    assert all(c == f"{n[:4]}-{n[4:8]}-{n[8:]}" for c, n in zip(cards, numbers, strict=True))


def test_qr_tokens_are_opaque_random_and_unique(terminal: Terminal) -> None:
    cards = [terminal.enroll(n) for n in range(15)]
    tokens = [card_row(terminal, c.card_id).qr_code_data for c in cards]

    assert all(is_qr_token(t) for t in tokens)
    assert len(set(tokens)) == len(tokens)
    for card, token in zip(cards, tokens, strict=True):
        assert digits(card.card_number) not in token
        assert terminal.services.lookup.by_scan(token).card_id == card.card_id


def test_enrolling_staff_member_is_recorded(terminal: Terminal) -> None:
    card = _enroll(terminal, MANAGER, email="lea@example.com").card

    assert {e.staff_id for e in ledger(terminal, card.card_id)} == {MANAGER.staff_id}
    history = terminal.services.lookup.history(card.card_id).entries
    assert {e.staff_name for e in history} == {"Morgan Leroy"}


def test_enrollment_at_another_store_records_that_store(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(terminal_vendor_id=2))

    card = _enroll(terminal, email="lea@example.com").card

    assert card.enrolled_at_vendor_id == 2
    assert {e.vendor_id for e in ledger(terminal, card.card_id)} == {2}


def test_enrolled_card_is_found_at_once(terminal: Terminal) -> None:
    card = _enroll(terminal, first_name="Zoé", email="zoe@example.com", phone="0611223344").card
    lookup = terminal.services.lookup

    assert lookup.by_email("zoe@example.com").card_id == card.card_id
    assert lookup.by_phone("06 11 22 33 44").card_id == card.card_id
    assert lookup.by_number(card.card_number).card_id == card.card_id
    assert [c.card_id for c in search_cards(terminal, "zoe mar").rows] == [card.card_id]


# --- PIN policy for enrollment --------------------------------------------------------------


def test_optional_pin_enroll_without_pin(terminal: Terminal) -> None:
    card = _enroll(terminal, Actor(1), email="lea@example.com").card

    assert ledger(terminal, card.card_id)[0].staff_id == 1


def test_optional_pin_enroll_with_a_wrong_pin_is_refused(terminal: Terminal) -> None:
    with refused(terminal, WrongPin, "4 attempts left"):
        _enroll(terminal, Actor(1, "0000"), email="lea@example.com")

    assert staff_row(terminal, 1).failed_attempts == 1


def test_required_pin_for_enroll(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(company=_enroll_policy(PinPolicy.REQUIRED)))

    with refused(terminal, PinRequired, "type your PIN"):
        _enroll(terminal, Actor(1), email="lea@example.com")
    with refused(terminal, WrongPin):
        _enroll(terminal, Actor(1, "1111"), email="lea@example.com")
    card = _enroll(terminal, Actor(1, "2468"), email="lea@example.com").card
    assert card.points_balance == 50


def test_disabled_pin_for_enroll_ignores_a_typed_pin(make_term: MakeTerminal) -> None:
    terminal = make_term(seed_with(company=_enroll_policy(PinPolicy.DISABLED)))

    card = _enroll(terminal, Actor(1, "0000"), email="lea@example.com").card

    assert card.points_balance == 50
    assert staff_row(terminal, 1).failed_attempts == 0


def test_bad_details_are_refused_before_the_pin_is_checked(terminal: Terminal) -> None:
    """A typo in the email must not cost the cashier a PIN attempt."""
    with refused(terminal, InvalidCustomerDetails):
        _enroll(terminal, Actor(1, "0000"), email="not-an-email")

    assert staff_row(terminal, 1).failed_attempts == 0
