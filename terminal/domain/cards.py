"""Card numbers (12 digits, Luhn check digit) and QR tokens.

A card number is stored normalised (12 digits, no separators) and shown as 1234-5678-9012.
The QR code on a card holds an opaque random token, never the card number, so a photo of
a card number alone is not enough to spend its points.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Literal

from terminal.domain.errors import CardNumberTypo, InvalidCardNumber, InvalidScan

CARD_NUMBER_DIGITS = 12
CARD_BODY_DIGITS = CARD_NUMBER_DIGITS - 1
CARD_BODY_MAX = 10**CARD_BODY_DIGITS - 1

QR_TOKEN_PREFIX = "LC1-"  # noqa: S105 (a format marker, not a secret)
_QR_TOKEN_BYTES = 18  # 144 random bits, above the 128 the domain asks for
_QR_TOKEN_RE = re.compile(r"LC1-[A-Za-z0-9_-]{24}")
_SEPARATORS_RE = re.compile("[ \u00a0-]+")  # what people type between digit groups
MAX_SCAN_LENGTH = 512


def luhn_check_digit(body: str) -> int:
    """The Luhn digit that makes `body + digit` valid."""
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:  # doubled: these sit left of the future check digit
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def luhn_valid(number: str) -> bool:
    if not (number.isascii() and number.isdigit()) or len(number) < 2:
        return False
    return luhn_check_digit(number[:-1]) == int(number[-1])


def card_number_from_body(body: int) -> str:
    """The full 12-digit number for an 11-digit body (as handed out in number blocks)."""
    if not 0 <= body <= CARD_BODY_MAX:
        raise ValueError(f"card number body out of range: {body}")
    text = f"{body:0{CARD_BODY_DIGITS}d}"
    return text + str(luhn_check_digit(text))


def normalize_card_number(text: str) -> str:
    """Digits only, checked: raises InvalidCardNumber or CardNumberTypo."""
    digits = _SEPARATORS_RE.sub("", text or "")
    if not digits.isascii() or not digits.isdigit():
        raise InvalidCardNumber(
            "A card number has only digits, e.g. 1234-5678-9012. Check what was typed.",
            reason="card_number_not_digits",
        )
    if len(digits) != CARD_NUMBER_DIGITS:
        raise InvalidCardNumber(
            f"A card number has {CARD_NUMBER_DIGITS} digits; {len(digits)} were typed.",
            reason="card_number_wrong_length",
            digits=CARD_NUMBER_DIGITS,
            typed=len(digits),
        )
    if not luhn_valid(digits):
        raise CardNumberTypo()
    return digits


def looks_like_card_number(text: str) -> bool:
    """True when the text is digits with optional separators, whatever their count."""
    stripped = _SEPARATORS_RE.sub("", text or "")
    return bool(stripped) and stripped.isascii() and stripped.isdigit()


def format_card_number(number: str) -> str:
    """1234-5678-9012 for a normalised 12-digit number."""
    return f"{number[0:4]}-{number[4:8]}-{number[8:12]}"


def new_qr_token() -> str:
    return QR_TOKEN_PREFIX + secrets.token_urlsafe(_QR_TOKEN_BYTES)


def is_qr_token(text: str) -> bool:
    return bool(_QR_TOKEN_RE.fullmatch(text))


@dataclass(frozen=True)
class ScannedCode:
    """What a scan (camera or keyboard-wedge scanner) identified."""

    kind: Literal["qr_token", "card_number"]
    value: str


def parse_scan(payload: str) -> ScannedCode:
    """Classify a scanned payload; anything that is not one of our cards raises InvalidScan.

    Scanners append CR/LF and phones may add spaces, so the edges are trimmed; anything
    else unexpected (control characters, other QR contents, over-long data) is refused.
    """
    if not isinstance(payload, str) or len(payload) > MAX_SCAN_LENGTH:
        raise InvalidScan()
    text = payload.strip()
    if is_qr_token(text):
        return ScannedCode("qr_token", text)
    if looks_like_card_number(text) and len(_SEPARATORS_RE.sub("", text)) == CARD_NUMBER_DIGITS:
        return ScannedCode("card_number", normalize_card_number(text))
    raise InvalidScan()
