"""Card numbers (Luhn), their normalisation and display, QR tokens and scan parsing."""

from __future__ import annotations

import base64
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain.cards import (
    CARD_BODY_MAX,
    CARD_NUMBER_DIGITS,
    MAX_SCAN_LENGTH,
    QR_TOKEN_PREFIX,
    ScannedCode,
    card_number_from_body,
    format_card_number,
    is_qr_token,
    looks_like_card_number,
    luhn_check_digit,
    luhn_valid,
    new_qr_token,
    normalize_card_number,
    parse_scan,
)
from terminal.domain.errors import (
    CardNumberTypo,
    InvalidCardNumber,
    InvalidInput,
    InvalidScan,
)

VALID = "123456789015"  # card_number_from_body(12345678901)
WRONG_CHECK_DIGIT = "123456789016"
TOKEN = "LC1-" + "A1b2_C3d4-E5f6G7h8I9j0Kk"  # 24 url-safe characters after the prefix

bodies = st.integers(min_value=0, max_value=CARD_BODY_MAX)


def _arabic_indic(digits: str) -> str:
    return "".join(chr(0x0660 + int(d)) for d in digits)


# --- Luhn -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "digit"),
    [
        ("7992739871", 3),  # the textbook example 79927398713
        ("411111111111111", 1),  # the well-known test number 4111 1111 1111 1111
        ("12345678901", 5),
        ("00000000000", 0),
        ("", 0),
    ],
)
def test_luhn_check_digit_known_values(body: str, digit: int) -> None:
    assert luhn_check_digit(body) == digit


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("79927398713", True),
        ("79927398710", False),
        ("4111111111111111", True),
        ("4111111111111112", False),
        (VALID, True),
        (WRONG_CHECK_DIGIT, False),
        ("", False),
        ("1234a", False),
        ("-18", False),
    ],
)
def test_luhn_valid(number: str, valid: bool) -> None:
    assert luhn_valid(number) is valid


@given(bodies)
def test_card_number_from_body_is_12_digits_luhn_valid_and_keeps_the_body(body: int) -> None:
    number = card_number_from_body(body)
    assert len(number) == CARD_NUMBER_DIGITS
    assert number.isascii()
    assert number.isdigit()
    assert luhn_valid(number)
    assert int(number[:-1]) == body
    assert normalize_card_number(number) == number


def test_card_number_from_body_range_edges() -> None:
    assert card_number_from_body(0) == "000000000000"
    assert card_number_from_body(CARD_BODY_MAX) == "999999999991"
    assert card_number_from_body(12345678901) == VALID


@pytest.mark.parametrize("body", [-1, CARD_BODY_MAX + 1, 10**20])
def test_card_number_from_body_out_of_range(body: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        card_number_from_body(body)


@settings(max_examples=150)
@given(bodies, st.integers(0, CARD_NUMBER_DIGITS - 1), st.integers(1, 9))
def test_any_single_digit_typo_is_reported_as_a_typo(body: int, position: int, shift: int) -> None:
    number = card_number_from_body(body)
    wrong = str((int(number[position]) + shift) % 10)
    typo = number[:position] + wrong + number[position + 1 :]
    with pytest.raises(CardNumberTypo):
        normalize_card_number(typo)


@settings(max_examples=150)
@given(bodies, st.integers(0, CARD_NUMBER_DIGITS - 2))
def test_adjacent_transpositions_are_caught(body: int, position: int) -> None:
    number = card_number_from_body(body)
    a, b = number[position], number[position + 1]
    if a == b or {a, b} == {"0", "9"}:  # the one swap Luhn cannot see
        return
    swapped = number[:position] + b + a + number[position + 2 :]
    with pytest.raises(CardNumberTypo):
        normalize_card_number(swapped)


# --- normalize_card_number ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        VALID,
        "1234-5678-9015",
        "1234 5678 9015",
        " 1234 - 5678 - 9015 ",
        "1234--5678  9015",
        "1234\u00a05678\u00a09015",  # non-breaking spaces pasted from a document
        "123 456 789 015",
    ],
)
def test_normalize_card_number_drops_spaces_and_dashes(typed: str) -> None:
    assert normalize_card_number(typed) == VALID


@pytest.mark.parametrize(("typed", "count"), [("1234-5678-901", 11), ("1234-5678-90155", 13)])
def test_normalize_card_number_wrong_length_says_how_many_digits(typed: str, count: int) -> None:
    with pytest.raises(InvalidCardNumber) as info:
        normalize_card_number(typed)
    assert type(info.value) is InvalidCardNumber  # not reported as a typo
    assert info.value.message == f"A card number has 12 digits; {count} were typed."


@pytest.mark.parametrize(
    "typed",
    [
        "1234-5678-901O",  # letter O for zero
        "abcd-efgh-ijkl",
        "1234.5678.9015",
        "1234/5678/9015",
        "+123456789015",
        _arabic_indic(VALID),
        "１２３４５６７８９０１５",  # full-width digits
        "",
        "   ",
        "- -",
    ],
)
def test_normalize_card_number_refuses_non_digits(typed: str) -> None:
    with pytest.raises(InvalidCardNumber) as info:
        normalize_card_number(typed)
    assert type(info.value) is InvalidCardNumber
    assert "only digits" in info.value.message


def test_normalize_card_number_none_is_refused_cleanly() -> None:
    with pytest.raises(InvalidCardNumber):
        normalize_card_number(None)  # type: ignore[arg-type]


def test_wrong_check_digit_is_a_cashier_readable_typo() -> None:
    with pytest.raises(CardNumberTypo) as info:
        normalize_card_number("1234-5678-9016")
    error = info.value
    assert isinstance(error, InvalidCardNumber)
    assert isinstance(error, InvalidInput)
    assert error.code == "card_number_typo"
    assert error.message == str(error)
    assert "mistyped" in error.message
    assert "type it again" in error.message
    for jargon in ("Luhn", "checksum", "check digit", "Exception"):
        assert jargon not in error.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", True),
        ("12-34 56", True),
        ("1234-5678-9015-0000", True),
        ("", False),
        ("  - ", False),
        ("12a4", False),
        ("bob@example.com", False),
        (_arabic_indic("1234"), False),
    ],
)
def test_looks_like_card_number(text: str, expected: bool) -> None:
    assert looks_like_card_number(text) is expected


def test_format_card_number() -> None:
    assert format_card_number(VALID) == "1234-5678-9015"
    assert format_card_number("000000000000") == "0000-0000-0000"


@given(bodies)
def test_format_and_normalize_round_trip(body: int) -> None:
    number = card_number_from_body(body)
    shown = format_card_number(number)
    assert re.fullmatch(r"\d{4}-\d{4}-\d{4}", shown)
    assert normalize_card_number(shown) == number


# --- QR tokens ------------------------------------------------------------------------------


def test_new_qr_token_format() -> None:
    token = new_qr_token()
    assert token.startswith(QR_TOKEN_PREFIX)
    assert re.fullmatch(r"LC1-[A-Za-z0-9_-]{24}", token)
    assert is_qr_token(token)
    assert not looks_like_card_number(token)


def test_new_qr_token_carries_at_least_128_random_bits() -> None:
    body = new_qr_token().removeprefix(QR_TOKEN_PREFIX)
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    assert len(raw) * 8 >= 128
    assert len(raw) == 18


def test_new_qr_tokens_are_unique_and_vary_in_every_position() -> None:
    tokens = {new_qr_token() for _ in range(2000)}
    assert len(tokens) == 2000
    bodies_ = [t.removeprefix(QR_TOKEN_PREFIX) for t in tokens]
    for position in range(24):
        assert len({b[position] for b in bodies_}) > 10  # no fixed or low-entropy position


@pytest.mark.parametrize(
    "text",
    [
        TOKEN[:-1],  # 23 characters
        TOKEN + "x",  # 25 characters
        "lc1-" + TOKEN[4:],
        "LC2-" + TOKEN[4:],
        "LC1-" + "A" * 23 + "+",  # standard base64, not url-safe
        "LC1-" + "A" * 23 + "/",
        " " + TOKEN,
        "",
    ],
)
def test_is_qr_token_refuses_near_misses(text: str) -> None:
    assert not is_qr_token(text)


# --- parse_scan -----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "\r", "\n", "\r\n", "  \r\n", "\t"])
def test_parse_scan_qr_token_with_scanner_suffix(suffix: str) -> None:
    assert parse_scan(TOKEN + suffix) == ScannedCode("qr_token", TOKEN)
    assert parse_scan(" " + TOKEN + suffix) == ScannedCode("qr_token", TOKEN)


def test_parse_scan_real_token_round_trip() -> None:
    token = new_qr_token()
    assert parse_scan(token + "\r\n") == ScannedCode("qr_token", token)


@pytest.mark.parametrize(
    "payload", [VALID, "1234-5678-9015", "1234 5678 9015\r\n", "\n123456789015\r"]
)
def test_parse_scan_card_number_is_normalised(payload: str) -> None:
    assert parse_scan(payload) == ScannedCode("card_number", VALID)


def test_parse_scan_card_number_with_wrong_check_digit_is_a_typo() -> None:
    with pytest.raises(CardNumberTypo):
        parse_scan("1234-5678-9016\r\n")


GARBAGE = [
    "",
    " ",
    "\r\n",
    "hello",
    "\x00",
    "\x1b[2J",  # terminal escape
    TOKEN + "\x00",
    TOKEN[:10] + "\x07" + TOKEN[10:],
    TOKEN + "\x1b",
    VALID + "\x00",
    "\x00" + VALID,
    "'; DROP TABLE loyalty_cards;--",
    "' OR '1'='1",
    "1234-5678-9015'; DROP TABLE cards;--",
    "%s%n{0}",
    "%s%s%s%s%n",
    "{0.__class__.__mro__}",
    "${jndi:ldap://example.com/a}",
    "<script>alert(1)</script>",
    "https://example.com/loyalty?card=123456789015",
    "https://example.com/" + TOKEN,
    "WIFI:T:WPA;S:shop;P:secret;;",
    "BEGIN:VCARD\nFN:Jane\nEND:VCARD",
    TOKEN + TOKEN,
    TOKEN + " " + TOKEN,
    VALID + VALID,
    VALID + " " + TOKEN,
    "12345678901",  # 11 digits
    "1234567890155",  # 13 digits
    _arabic_indic(VALID),
    "１２３４５６７８９０１５",
    "1" * 10_000,  # 10 kB of digits
    "A" * 10_000,
    VALID + " " * 10_000,  # a valid number drowned in padding
    "\U0001f600" * 3,
    "\ud800",  # lone surrogate, as a lenient decoder might produce
]


@pytest.mark.parametrize("payload", GARBAGE)
def test_parse_scan_refuses_garbage(payload: str) -> None:
    with pytest.raises(InvalidScan) as info:
        parse_scan(payload)
    error = info.value
    assert error.code == "invalid_scan"
    assert "not a loyalty card" in error.message
    assert "type the card number" in error.message


@pytest.mark.parametrize("payload", ["%s%n{0}", "'; DROP TABLE--", "<b>x</b>"])
def test_invalid_scan_message_does_not_echo_the_payload(payload: str) -> None:
    with pytest.raises(InvalidScan) as info:
        parse_scan(payload)
    assert payload not in info.value.message


@pytest.mark.parametrize("payload", [None, b"123456789015", 123456789015, ["x"]])
def test_parse_scan_refuses_non_text(payload: object) -> None:
    with pytest.raises(InvalidScan):
        parse_scan(payload)  # type: ignore[arg-type]


def test_parse_scan_length_limit_is_on_the_raw_payload() -> None:
    padded = TOKEN.ljust(MAX_SCAN_LENGTH)
    assert len(padded) == MAX_SCAN_LENGTH
    assert parse_scan(padded) == ScannedCode("qr_token", TOKEN)
    with pytest.raises(InvalidScan):
        parse_scan(padded + " ")


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "cp1252"])
def test_parse_scan_refuses_random_bytes_decoded(seed: int, encoding: str) -> None:
    rng = random.Random(seed)
    raw = rng.randbytes(rng.choice([1, 16, 28, 100, 511, 4096]))
    payload = raw.decode(encoding, errors="replace")
    with pytest.raises(InvalidScan):
        parse_scan(payload)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=600), st.binary(max_size=600).map(lambda b: b.decode("latin-1"))))
def test_parse_scan_only_ever_accepts_well_formed_codes(payload: str) -> None:
    """Whatever arrives, the answer is a clean refusal or a strictly well-formed code."""
    try:
        scanned = parse_scan(payload)
    except InvalidInput:
        return
    if scanned.kind == "qr_token":
        assert re.fullmatch(r"LC1-[A-Za-z0-9_-]{24}", scanned.value)
    else:
        assert scanned.kind == "card_number"
        assert re.fullmatch(r"\d{12}", scanned.value)
        assert luhn_valid(scanned.value)


@pytest.mark.parametrize(
    "payload",
    ["1234\x1d5678\x1e9015", "1234\t5678\n9015", "1234\x0b5678\x0c9015", "1234\x1f56789015"],
)
def test_parse_scan_refuses_control_characters_inside_a_card_number(payload: str) -> None:
    with pytest.raises(InvalidScan):
        parse_scan(payload)
