"""Amounts typed by cashiers, amounts shown, and points earned from an amount."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain.errors import InvalidAmount, InvalidInput
from terminal.domain.money import (
    DEFAULT_MAX_AMOUNT_MINOR,
    format_amount,
    parse_amount,
    points_for_purchase,
)

# --- parse_amount: accepted -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "minor"),
    [
        ("12.50", 1250),
        ("12,50", 1250),
        ("12", 1200),
        ("12.5", 1250),
        ("12,5", 1250),
        (" 12.50 ", 1250),
        ("\t12.50\r\n", 1250),
        ("+3", 300),
        ("+3.05", 305),
        ("0.01", 1),
        ("0,99", 99),
        ("007.10", 710),
        ("10000", DEFAULT_MAX_AMOUNT_MINOR),
        ("10000.00", DEFAULT_MAX_AMOUNT_MINOR),
    ],
)
def test_parse_amount_accepts(typed: str, minor: int) -> None:
    assert parse_amount(typed) == minor


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=DEFAULT_MAX_AMOUNT_MINOR), st.sampled_from(".,"))
def test_parse_amount_round_trips_every_valid_amount(minor: int, separator: str) -> None:
    units, cents = divmod(minor, 100)
    assert parse_amount(f"{units}{separator}{cents:02d}") == minor
    if cents == 0:
        assert parse_amount(str(units)) == minor


# --- parse_amount: refused ------------------------------------------------------------------


def _refusal(typed: str | None, **kwargs: int) -> InvalidAmount:
    with pytest.raises(InvalidAmount) as info:
        parse_amount(typed, **kwargs)  # type: ignore[arg-type]
    error = info.value
    assert isinstance(error, InvalidInput)
    assert error.code == "invalid_amount"
    assert error.message == str(error)
    return error


@pytest.mark.parametrize("typed", ["-5", "-12.50", "-0.01", "-0", " -3 ", "- 3"])
def test_parse_amount_refuses_negative(typed: str) -> None:
    assert "cannot be negative" in _refusal(typed).message


@pytest.mark.parametrize("typed", ["0", "0.00", "0,0", "000", "+0", "0."])
def test_parse_amount_refuses_zero(typed: str) -> None:
    assert _refusal(typed).message == "The amount must be more than zero."


@pytest.mark.parametrize("typed", ["", "   ", "\r\n", None])
def test_parse_amount_refuses_empty(typed: str | None) -> None:
    assert _refusal(typed).message == "Type the purchase amount, e.g. 12.50."


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "twelve",
        "12.50 EUR",
        "€12.50",
        "$12",
        "12..50",
        "12.5.0",
        "1,234.50",  # grouping separators are not accepted as input
        "1e3",
        "NaN",
        "inf",
        "0x10",
        "+-3",
        "++3",
        "12-",
        "3+",
        "'; DROP TABLE--",
        "%s%n{0}",
        "١٢",  # Arabic-Indic digits
        "١٢.٥٠",
        "１２",  # full-width digits
        "12\x0050",
        "12 EUR",
        "12 5O",
    ],
)
def test_parse_amount_refuses_text(typed: str) -> None:
    error = _refusal(typed)
    assert "as a number" in error.message
    assert error.key == "amount_not_a_number"


@pytest.mark.parametrize("typed", ["12 50", "1 250", "12\t50", "1 2 3", "+ 3", "12\u00a050"])
def test_parse_amount_refuses_a_space_inside(typed: str) -> None:
    # 12 50 was read as 1,250.00: at a counter it may as well mean 12.50. Ask, never guess.
    error = _refusal(typed)
    assert error.key == "amount_with_space"
    assert "ambiguous" in error.message
    assert "without spaces" in error.message


@pytest.mark.parametrize("typed", ["1 250,00", "1 234.50", "10 000.00", "1\u202f250,00"])
def test_parse_amount_refuses_thousands_separated_by_spaces(typed: str) -> None:
    error = _refusal(typed)
    assert error.key == "amount_grouped_with_spaces"
    assert "without spaces" in error.message


@pytest.mark.parametrize("typed", [" 12.50", "12,50 ", "\u00a012.50\u00a0"])
def test_parse_amount_still_takes_spaces_around(typed: str) -> None:
    assert parse_amount(typed) == 1250


@pytest.mark.parametrize("typed", ["1.234", "12,505", "0.001", "12.500"])
def test_parse_amount_refuses_more_than_two_decimals(typed: str) -> None:
    assert "at most two decimals" in _refusal(typed).message


@pytest.mark.parametrize(
    "typed",
    [
        "10000.01",
        "10001",
        "99999999999.99",
        "9" * 13,
        "9" * 5000,  # beyond Python's int-from-string digit limit: still a clean refusal
        "1" + "0" * 100_000,
    ],
)
def test_parse_amount_refuses_huge(typed: str) -> None:
    assert "above the maximum of 10,000.00" in _refusal(typed).message


def test_parse_amount_maximum_is_configurable() -> None:
    assert parse_amount("50.00", max_minor=5000) == 5000
    assert "maximum of 50.00" in _refusal("50.01", max_minor=5000).message
    assert parse_amount("25000", max_minor=10_000_000) == 2_500_000


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_parse_amount_never_fails_with_anything_but_a_clear_refusal(typed: str) -> None:
    try:
        minor = parse_amount(typed)
    except InvalidAmount:
        return  # the refusal itself is the expected outcome; messages are checked above
    assert isinstance(minor, int)
    assert 0 < minor <= DEFAULT_MAX_AMOUNT_MINOR


# --- format_amount --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minor", "shown"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (50, "0.50"),
        (1250, "12.50"),
        (100_000, "1,000.00"),
        (123_450, "1,234.50"),
        (100_000_000, "1,000,000.00"),
        (-5, "-0.05"),
        (-1250, "-12.50"),
        (-123_450, "-1,234.50"),
    ],
)
def test_format_amount(minor: int, shown: str) -> None:
    assert format_amount(minor) == shown


@given(st.integers(min_value=1, max_value=DEFAULT_MAX_AMOUNT_MINOR))
def test_format_amount_without_grouping_parses_back(minor: int) -> None:
    assert parse_amount(format_amount(minor).replace(",", "")) == minor


# --- points_for_purchase ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minor", "rate", "points"),
    [
        (1299, 1, 12),  # 12.99 earns 12: floored, never rounded
        (1200, 1, 12),
        (1201, 1, 12),
        (99, 1, 0),
        (0, 1, 0),
        (1299, 2, 25),  # 25.98 -> 25
        (1, 100, 1),
        (1250, 0, 0),
        (DEFAULT_MAX_AMOUNT_MINOR, 3, 30_000),
    ],
)
def test_points_for_purchase_floors(minor: int, rate: int, points: int) -> None:
    assert points_for_purchase(minor, rate) == points


@given(st.integers(0, 10**9), st.integers(0, 1000))
def test_points_for_purchase_is_exact_floor(minor: int, rate: int) -> None:
    points = points_for_purchase(minor, rate)
    assert isinstance(points, int)
    assert points == Fraction(minor * rate, 100).__floor__()


@pytest.mark.parametrize(("minor", "rate"), [(-1, 1), (100, -1)])
def test_points_for_purchase_refuses_negative(minor: int, rate: int) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        points_for_purchase(minor, rate)
