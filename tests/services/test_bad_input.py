"""Bad input at every entry point: a LoyaltyError with a message, and nothing changed.

QUALITY.md "Bad input": garbage QR payloads (random bytes, 10 kB strings, control characters,
SQL and format-string look-alikes, another company's card), amounts (negative, zero, huge,
text, comma decimals), card numbers with a wrong check digit, PIN brute force.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from terminal.domain.cards import format_card_number
from terminal.domain.errors import (
    CardNotFound,
    CardNumberTypo,
    InvalidAmount,
    InvalidCardNumber,
    InvalidCustomerDetails,
    InvalidInput,
    InvalidScan,
    InvalidStampCount,
    LoyaltyError,
    PinLocked,
    RewardUnavailable,
    StaffNotFound,
    VoidRefused,
    WrongPin,
)
from terminal.services.views import Actor
from tests.factories import CASHIER, MANAGER, Terminal
from tests.services.helpers import (
    add_foreign_card,
    card_row,
    digits,
    refused,
    search_cards,
    staff_row,
)

SQL_LOOKALIKES = [
    "' OR 1=1 --",
    "'; DROP TABLE loyalty_cards; --",
    '" OR ""="',
    "1' UNION SELECT qr_code_data FROM loyalty_cards --",
    "%' OR body LIKE '%",
]
FORMAT_STRINGS = ["%s%n{0}", "{card_number}", "%(email)s", "{0!r:>{1}}", "%x%x%x%x"]
CONTROL_CHARS = ["\x00", "\x1b[2J", "\x07\x08\x7f", "\u202e\u202d", "\ufeff", "\r\n\r\n"]


def _garbage(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [
        rng.randbytes(rng.randint(1, 700)).decode("utf-8", errors="replace") for _ in range(count)
    ]


def _lookups(terminal: Terminal) -> dict[str, Callable[[str], object]]:
    lookup = terminal.services.lookup
    return {
        "by_scan": lookup.by_scan,
        "by_number": lookup.by_number,
        "by_email": lookup.by_email,
        "by_phone": lookup.by_phone,
        "find": lookup.find,
    }


# --- garbage scans and lookups --------------------------------------------------------------


def test_random_bytes_as_scans(terminal: Terminal) -> None:
    terminal.enroll(1)

    for payload in _garbage(20260310, 60):
        with refused(terminal, InvalidScan, case=payload):
            terminal.services.lookup.by_scan(payload)
        with refused(terminal, LoyaltyError, exact=False, case=payload):
            terminal.services.lookup.find(payload)


def test_ten_kilobyte_strings(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    qr = card_row(terminal, card.card_id).qr_code_data
    huge = {
        "letters": "A" * 10_240,
        "qr_prefix": "LC1-" + "A" * 10_236,
        "own_qr_then_junk": qr + "x" * 10_240,
        "digits": digits(card.card_number) * 854,
        "email": "a" * 10_000 + "@example.com",
        "phone": "+" + "1" * 10_239,
    }

    for name, text in huge.items():
        for lookup_name, lookup in _lookups(terminal).items():
            with refused(terminal, LoyaltyError, exact=False, case=(name, lookup_name)):
                lookup(text)
        with refused(terminal, InvalidInput, "too long"):
            search_cards(terminal, text)
        with refused(terminal, InvalidAmount):
            terminal.services.points.earn(CASHIER, card.card_id, text)
        with refused(terminal, InvalidCustomerDetails):
            terminal.services.enroll.enroll(
                CASHIER, first_name=text, last_name="X", email=f"{name}@example.com"
            )
        with refused(terminal, LoyaltyError, exact=False) as info:
            terminal.services.staff.verify_pin(2, text)
        assert isinstance(info.value, WrongPin | PinLocked)


def test_control_characters_in_scans(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    qr = card_row(terminal, card.card_id).qr_code_data
    d = digits(card.card_number)

    for junk in CONTROL_CHARS:
        for payload in (junk, qr[:10] + junk + qr[10:], d[:4] + junk + d[4:], junk + "LC1-"):
            with refused(terminal, InvalidScan, case=payload):
                terminal.services.lookup.by_scan(payload)
            with refused(terminal, LoyaltyError, exact=False, case=payload):
                terminal.services.lookup.find(payload)


def test_control_characters_between_digit_groups(terminal: Terminal) -> None:
    """A scan is refused when control characters sit between the digit groups."""
    card = terminal.enroll(1)
    d = digits(card.card_number)

    for sep in ("\x0b", "\x0c", "\x1c", "\x1f", "\t", "\n"):
        with refused(terminal, InvalidScan):
            terminal.services.lookup.by_scan(f"{d[:4]}{sep}{d[4:8]}{sep}{d[8:]}")


def test_sql_and_format_string_lookalikes(terminal: Terminal) -> None:
    cards = [terminal.enroll(1), terminal.enroll(2)]
    secrets = [c.card_number for c in cards] + [c.email or "" for c in cards]

    for text in SQL_LOOKALIKES + FORMAT_STRINGS:
        for name, lookup in _lookups(terminal).items():
            with refused(terminal, LoyaltyError, exact=False, case=(name, text)) as info:
                lookup(text)
            # Nothing was formatted into the message: no card data leaks out.
            assert not any(secret in info.value.message for secret in secrets), text
        assert search_cards(terminal, text).rows == [], text
    assert len(search_cards(terminal, "customer").rows) == 2  # the data is intact


def test_lookalike_names_are_stored_as_plain_text(terminal: Terminal) -> None:
    names = [*SQL_LOOKALIKES[:3], "{card_number}", "{0!r:>{1}}"]
    for n, name in enumerate(names):
        result = terminal.services.enroll.enroll(
            CASHIER, first_name=name, last_name="X", email=f"x{n}@example.com"
        )
        card_id = result.card.card_id
        assert result.card.customer_name == f"{name} X"
        assert terminal.services.lookup.card(card_id).customer_name == f"{name} X"
        assert [c.card_id for c in search_cards(terminal, name).rows] == [card_id]


def test_another_companys_card_scanned(terminal: Terminal) -> None:
    foreign = add_foreign_card(terminal, 50_000_000_000)

    with refused(terminal, CardNotFound):
        terminal.services.lookup.by_scan(foreign["qr"] + "\r\n")
    with refused(terminal, CardNotFound):
        terminal.services.lookup.find(format_card_number(foreign["number"]))


# --- card numbers ---------------------------------------------------------------------------


def test_wrong_check_digit_everywhere_a_number_is_typed(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    d = digits(card.card_number)
    typo = d[:-1] + str((int(d[-1]) + 3) % 10)

    lookup = terminal.services.lookup
    for shown in (typo, format_card_number(typo), f" {typo[:4]} {typo[4:8]} {typo[8:]} "):
        for find in (lookup.by_number, lookup.by_scan, lookup.find):
            with refused(terminal, CardNumberTypo, "mistyped"):
                find(shown)
    for scanned in (typo + "\r\n", format_card_number(typo) + "\n"):
        for find in (lookup.by_scan, lookup.find):
            with refused(terminal, CardNumberTypo, "mistyped"):
                find(scanned)


def test_card_numbers_in_other_digit_forms(terminal: Terminal) -> None:
    terminal.enroll(1)  # 4000-0000-0002

    for typed in ("٤٠٠٠٠٠٠٠٠٠٠٢", "４０００-００００-０００２", "4000_0000_0002", "4000.0000.0002"):
        with refused(terminal, InvalidCardNumber, exact=False, case=typed):
            terminal.services.lookup.by_number(typed)
        with refused(terminal, InvalidScan, case=typed):
            terminal.services.lookup.by_scan(typed)


# --- amounts --------------------------------------------------------------------------------


AMOUNTS = [
    "-12.50",
    "- 1",
    "0",
    "0.00",
    "0,0",
    "99999999999",
    "1" * 400,
    "10 000,01",
    "12.50€",
    "twelve",
    "12,5,0",
    "1.2.3",
    "0x10",
    "1_000",
    "١٢",
    "\x00",
    "12\x00",
    "",
]


def test_bad_amounts_on_earn_and_return(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    purchase = terminal.services.points.earn(CASHIER, card.card_id, "100.00")

    for typed in AMOUNTS + SQL_LOOKALIKES + FORMAT_STRINGS:
        with refused(terminal, InvalidAmount, case=typed):
            terminal.services.points.earn(CASHIER, card.card_id, typed)
        if typed:  # an empty returned amount means "all that is left"
            with refused(terminal, InvalidAmount, case=typed):
                terminal.services.voids.void(
                    MANAGER, card.card_id, purchase.entry_id, returned_amount=typed
                )


def test_comma_is_a_decimal_mark_never_a_thousands_separator(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    # "1,234" is neither 1,234.00 nor silently 1.23: it is refused.
    with refused(terminal, InvalidAmount, "at most two decimals"):
        terminal.services.points.earn(CASHIER, card.card_id, "1,234")
    result = terminal.services.points.earn(CASHIER, card.card_id, "123,45")
    assert (result.points_delta, result.purchase_amount, result.card.points_balance) == (
        123,
        12345,
        173,
    )


# --- ids and None values --------------------------------------------------------------------


def test_non_int_staff_ids(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    for staff_id in ("1", "2", 1.0, None, [1], "' OR 1=1 --", -(2**62)):
        actor = Actor(staff_id, "2468")  # type: ignore[arg-type]
        with refused(terminal, StaffNotFound, case=staff_id):
            terminal.services.stamps.add_stamp(actor, card.card_id)
        with refused(terminal, StaffNotFound, case=staff_id):
            terminal.services.points.redeem(actor, card.card_id, 1)
        with refused(terminal, StaffNotFound, case=staff_id):
            terminal.services.staff.verify_pin(staff_id, "2468")  # type: ignore[arg-type]


def test_non_int_or_unknown_reward_ids(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.services.points.earn(CASHIER, card.card_id, "1000.00")

    for reward_id in ("1", 1.0, None, [1], "' OR 1=1 --", 2**62, -(2**62)):
        with refused(terminal, RewardUnavailable, case=reward_id):
            terminal.services.points.redeem(CASHIER, card.card_id, reward_id)  # type: ignore[arg-type]


@pytest.mark.parametrize(("which", "huge"), [("staff", 2**63), ("reward", -(2**63) - 1)])
def test_ids_outside_the_integer_range(terminal: Terminal, which: str, huge: int) -> None:
    card = terminal.enroll(1)
    terminal.services.points.earn(CASHIER, card.card_id, "1000.00")

    with refused(terminal, LoyaltyError, exact=False):
        if which == "staff":
            terminal.services.stamps.add_stamp(Actor(huge, "2468"), card.card_id)
        else:
            terminal.services.points.redeem(CASHIER, card.card_id, huge)


@pytest.mark.parametrize("which", ["staff", "reward"])
def test_booleans_are_not_ids(terminal: Terminal, which: str) -> None:
    card = terminal.enroll(1)
    terminal.services.points.earn(CASHIER, card.card_id, "1000.00")

    with refused(terminal, LoyaltyError, exact=False):
        if which == "staff":
            terminal.services.stamps.add_stamp(Actor(True, "2468"), card.card_id)  # type: ignore[arg-type]
        else:
            terminal.services.points.redeem(CASHIER, card.card_id, True)


def test_bad_card_ids(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.services.points.earn(CASHIER, card.card_id, "100.00")
    for card_id in (None, "", "' OR 1=1 --", "%", "x" * 10_240, 123, b"\x00"):
        _refuse_everywhere(terminal, card_id)


def _refuse_everywhere(terminal: Terminal, card_id: object) -> None:
    s = terminal.services
    bad: str = card_id  # type: ignore[assignment]

    for action in (
        lambda: s.lookup.card(bad),
        lambda: s.lookup.history(bad),
        lambda: s.stamps.add_stamp(CASHIER, bad),
        lambda: s.stamps.redeem_reward(CASHIER, bad),
        lambda: s.points.earn(CASHIER, bad, "10.00"),
        lambda: s.points.rewards(bad),
        lambda: s.points.redeem(CASHIER, bad, 1),
        lambda: s.voids.voidable(bad),
        lambda: s.cards.deactivate(MANAGER, bad),
    ):
        with refused(terminal, CardNotFound, case=card_id):
            action()


def test_none_values(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    s = terminal.services
    lookup = s.lookup

    cases: list[tuple[type[LoyaltyError], Callable[[], object]]] = [
        (InvalidScan, lambda: lookup.by_scan(None)),  # type: ignore[arg-type]
        (InvalidCardNumber, lambda: lookup.by_number(None)),  # type: ignore[arg-type]
        (InvalidInput, lambda: lookup.by_email(None)),  # type: ignore[arg-type]
        (InvalidInput, lambda: lookup.by_phone(None)),  # type: ignore[arg-type]
        (InvalidInput, lambda: lookup.find(None)),  # type: ignore[arg-type]
        (InvalidInput, lambda: search_cards(terminal, 42)),  # type: ignore[arg-type]
        (InvalidAmount, lambda: s.points.earn(CASHIER, card.card_id, None)),  # type: ignore[arg-type]
        (InvalidStampCount, lambda: s.stamps.add_stamp(CASHIER, card.card_id, None)),  # type: ignore[arg-type]
        (RewardUnavailable, lambda: s.points.redeem(CASHIER, card.card_id, None)),  # type: ignore[arg-type]
        (StaffNotFound, lambda: s.stamps.add_stamp(Actor(None), card.card_id)),  # type: ignore[arg-type]
        (WrongPin, lambda: s.staff.verify_pin(1, None)),  # type: ignore[arg-type]
        (CardNotFound, lambda: s.voids.void(MANAGER, None, "x")),  # type: ignore[arg-type]
        (
            InvalidCustomerDetails,
            lambda: s.enroll.enroll(CASHIER, first_name=None, last_name=None),
        ),
    ]
    for number, (error, action) in enumerate(cases):
        with refused(terminal, error, exact=False, case=f"None case #{number}"):
            action()


def test_void_of_no_entry(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    with refused(terminal, VoidRefused):
        terminal.services.voids.void(MANAGER, card.card_id, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("fragment", ["%%%", "___"])
def test_search_for_wildcards_only_lists_nothing(terminal: Terminal, fragment: str) -> None:
    for n in range(3):
        terminal.enroll(n)

    assert search_cards(terminal, fragment).rows == []


# --- PIN brute force ------------------------------------------------------------------------


def test_pin_brute_force_stops_after_five_guesses(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    terminal.services.points.earn(CASHIER, card.card_id, "1000.00")
    guesses = [f"{n:04d}" for n in range(2460, 2480)]  # the cashier's PIN 2468 is the 9th

    outcomes = []
    for guess in guesses:
        with refused(terminal, LoyaltyError, exact=False) as info:
            terminal.services.points.redeem(Actor(1, guess), card.card_id, 1)
        outcomes.append(type(info.value))

    assert outcomes == [WrongPin] * 5 + [PinLocked] * 15
    assert staff_row(terminal, 1).failed_attempts == 5
