"""Money as integer minor units (cents): parsing cashier input, showing amounts, points math."""

from __future__ import annotations

import re

from terminal.domain.errors import InvalidAmount

MINOR_UNITS_PER_UNIT = 100
DEFAULT_MAX_AMOUNT_MINOR = 1_000_000  # 10,000.00: above this a typo is far likelier than a sale

_AMOUNT_RE = re.compile(r"(?P<units>\d+)(?:[.,](?P<cents>\d*))?")


def format_amount(minor: int) -> str:
    """12.50 for 1250; thousands grouped (1,234.50) as receipts show them."""
    sign = "-" if minor < 0 else ""
    units, cents = divmod(abs(minor), MINOR_UNITS_PER_UNIT)
    return f"{sign}{units:,}.{cents:02d}"


def parse_amount(text: str, *, max_minor: int = DEFAULT_MAX_AMOUNT_MINOR) -> int:
    """A purchase amount typed by a cashier, as minor units.

    Takes `12.50`, `12,50`, `12`, `12.5` and surrounding spaces. Refuses text, negative,
    zero, more than two decimals, anything above `max_minor`, and a space inside the
    number: `12 50` may mean 12.50 as well as 1250, so the cashier is asked, never guessed
    for (and `1 250,00`, grouped with spaces, is refused the same way).
    """
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidAmount("Type the purchase amount, e.g. 12.50.", reason="amount_missing")
    if cleaned.startswith("-"):
        raise InvalidAmount(
            "The amount cannot be negative. Type the purchase amount.", reason="amount_negative"
        )
    cleaned = cleaned.removeprefix("+")
    compact = "".join(cleaned.split())
    if compact != cleaned and compact.isascii() and _AMOUNT_RE.fullmatch(compact):
        if "." in compact or "," in compact:
            raise InvalidAmount(
                "Type the amount without spaces, e.g. 1250.00 (no thousands separator).",
                reason="amount_grouped_with_spaces",
            )
        raise InvalidAmount(
            "A space inside an amount is ambiguous (12 50: 12.50 or 1250?). "
            "Type the amount without spaces, e.g. 12.50.",
            reason="amount_with_space",
        )
    match = _AMOUNT_RE.fullmatch(cleaned)
    if not match or not cleaned.isascii():
        raise InvalidAmount(
            "Type the amount as a number, e.g. 12.50 or 12,50.", reason="amount_not_a_number"
        )
    cents_text = match.group("cents") or ""
    if len(cents_text) > 2:
        raise InvalidAmount(
            "An amount has at most two decimals, e.g. 12.50.", reason="amount_too_many_decimals"
        )
    units_text = match.group("units")
    if len(units_text.lstrip("0")) > 12:
        raise InvalidAmount(
            f"The amount is above the maximum of {format_amount(max_minor)}.",
            reason="amount_above_maximum",
            maximum=max_minor,
        )
    minor = int(units_text) * MINOR_UNITS_PER_UNIT + int(cents_text.ljust(2, "0"))
    if minor == 0:
        raise InvalidAmount("The amount must be more than zero.", reason="amount_zero")
    if minor > max_minor:
        raise InvalidAmount(
            f"The amount is above the maximum of {format_amount(max_minor)}. Check the amount.",
            reason="amount_above_maximum",
            maximum=max_minor,
        )
    return minor


def points_for_purchase(amount_minor: int, points_per_currency_unit: int) -> int:
    """floor(amount x rate), in integers: 12.99 at 1 point per 1.00 earns 12 points."""
    if amount_minor < 0 or points_per_currency_unit < 0:
        raise ValueError("amount and rate must not be negative")
    return amount_minor * points_per_currency_unit // MINOR_UNITS_PER_UNIT
