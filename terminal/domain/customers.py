"""Customer details as typed at enrollment: names, email and phone, normalised and checked."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from terminal.domain.errors import InvalidCustomerDetails

NAME_MAX_LENGTH = 80
EMAIL_MAX_LENGTH = 254
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 15  # E.164
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_ALLOWED_RE = re.compile(r"[0-9 ()+./-]+")  # ASCII only: one phone, one form


@dataclass(frozen=True)
class CustomerDetails:
    first_name: str
    last_name: str
    email: str | None
    phone: str | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _has_control_chars(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("C") for ch in text)


def clean_name(text: str | None, label: str) -> str:
    name = " ".join((text or "").split())
    if _has_control_chars(name):
        raise InvalidCustomerDetails(f"The {label} has characters that cannot be printed.")
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidCustomerDetails(f"The {label} is too long ({NAME_MAX_LENGTH} at most).")
    return name


def normalize_email(text: str | None) -> str | None:
    """Lower-cased and trimmed; None when empty. Raises when it cannot be an address."""
    email = (text or "").strip().lower()
    if not email:
        return None
    if len(email) > EMAIL_MAX_LENGTH or not _EMAIL_RE.fullmatch(email) or _has_control_chars(email):
        raise InvalidCustomerDetails("This email address does not look right. Check it.")
    return email


def normalize_phone(text: str | None) -> str | None:
    """Digits only (a leading + and separators dropped); None when empty."""
    raw = (text or "").strip()
    if not raw:
        return None
    if not _PHONE_ALLOWED_RE.fullmatch(raw):
        raise InvalidCustomerDetails("A phone number has digits only (spaces, + and - allowed).")
    digits = re.sub(r"[^0-9]", "", raw)
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
        raise InvalidCustomerDetails(
            f"A phone number has {PHONE_MIN_DIGITS} to {PHONE_MAX_DIGITS} digits."
        )
    return digits


def customer_details(
    *,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    phone: str | None,
    email_required: bool,
) -> CustomerDetails:
    details = CustomerDetails(
        first_name=clean_name(first_name, "first name"),
        last_name=clean_name(last_name, "last name"),
        email=normalize_email(email),
        phone=normalize_phone(phone),
    )
    if not details.first_name and not details.last_name:
        raise InvalidCustomerDetails("Type the customer's name.")
    if email_required and details.email is None:
        raise InvalidCustomerDetails("An email address is needed to enroll (company setting).")
    if details.email is None and details.phone is None:
        raise InvalidCustomerDetails(
            "Type an email address or a phone number, so the card can be found again."
        )
    return details


def search_key(*parts: str | None) -> str:
    """Lower-cased, accent-free text used for fragment search (José matches jose)."""
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
