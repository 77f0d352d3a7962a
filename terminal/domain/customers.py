"""Customer details as typed at enrollment: names, email and phone, normalised and checked.

One customer, one stored form, on the terminal and on the server alike (both call these
functions), so that the one-card-per-customer check compares like with like:

- an email is trimmed, NFC-normalised and lower-cased (a decomposed "é" typed on one
  keyboard and a composed one on another are the same address);
- a phone is stored in E.164 (+33612345678). A number typed without its country code is
  read in the store's country (TerminalContext.store_country, the server's Vendor.country),
  so 06 12 34 56 78 in a French store, +33 6 12 34 56 78 and 0033 612 345 678 are one
  customer; a number that is not valid for its country is refused.

Reading phone numbers needs the numbering plans of every country, which only a maintained
data set gets right: `phonenumbers` (Google's libphonenumber metadata) is the one
deliberate exception to "the domain is standard library only". It is pure code and data,
with no I/O, threads or global configuration, so the domain stays pure in every sense that
matters (pinned in pyproject.toml; allowed by the import-linter contract).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from terminal.domain.errors import InvalidCustomerDetails

NAME_MAX_LENGTH = 80
EMAIL_MAX_LENGTH = 254
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 15  # E.164
PHONE_MAX_LENGTH = PHONE_MAX_DIGITS + 1  # E.164 as stored: "+" and the digits
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# How people write phone numbers: digits, spaces, dots, dashes, slashes, brackets, a +.
# ASCII only: one phone, one form.
_PHONE_ALLOWED_RE = re.compile(r"[0-9 ()+./-]+")
_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})  # pasted from documents


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
    field = label.replace(" ", "_")  # first_name or last_name: which field, for the screens
    if _has_control_chars(name):
        raise InvalidCustomerDetails(
            f"The {label} has characters that cannot be printed.",
            reason="customer_name_unprintable",
            field=field,
        )
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidCustomerDetails(
            f"The {label} is too long ({NAME_MAX_LENGTH} at most).",
            reason="customer_name_too_long",
            field=field,
            max_length=NAME_MAX_LENGTH,
        )
    return name


def normalize_email(text: str | None) -> str | None:
    """Trimmed, NFC-normalised and lower-cased; None when empty. Raises when it cannot be
    an address."""
    email = unicodedata.normalize("NFC", (text or "").strip().lower())
    if not email:
        return None
    if len(email) > EMAIL_MAX_LENGTH or not _EMAIL_RE.fullmatch(email) or _has_control_chars(email):
        raise InvalidCustomerDetails(
            "This email address does not look right. Check it.", reason="email_invalid"
        )
    return email


def looks_like_phone(text: str | None) -> bool:
    """True when the text is written like a phone number (digits and the usual separators:
    spaces, dots, dashes, slashes, brackets, a +), whatever the number of digits. A card
    number with separators looks like one too: callers tell those apart first."""
    raw = (text or "").translate(_NO_BREAK_SPACES).strip()
    return bool(_PHONE_ALLOWED_RE.fullmatch(raw)) and any(ch.isdigit() for ch in raw)


def normalize_phone(text: str | None, country: str) -> str | None:
    """The number in E.164 (+33612345678); None when empty.

    `country` (ISO 3166-1 alpha-2, the store's) is where a number typed without its country
    code belongs: "06 12 34 56 78" with FR is +33612345678, as are "+33 6 12 34 56 78",
    "0033 6 12 34 56 78" and "(06) 12.34.56.78". Raises InvalidCustomerDetails when the
    text is not written like a phone number or is not a valid number.
    """
    raw = (text or "").translate(_NO_BREAK_SPACES).strip()
    if not raw:
        return None
    if not _PHONE_ALLOWED_RE.fullmatch(raw):
        raise InvalidCustomerDetails(
            "A phone number has digits only (spaces, dots, dashes, brackets and + allowed).",
            reason="phone_not_digits",
        )
    digits = sum(ch.isdigit() for ch in raw)
    if not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise InvalidCustomerDetails(
            f"A phone number has {PHONE_MIN_DIGITS} to {PHONE_MAX_DIGITS} digits.",
            reason="phone_digit_count",
            min_digits=PHONE_MIN_DIGITS,
            max_digits=PHONE_MAX_DIGITS,
        )
    region = (country or "").strip().upper()
    try:
        number = phonenumbers.parse(raw, region, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise _invalid_phone(raw, region, number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _invalid_phone(
    raw: str, region: str, number: phonenumbers.PhoneNumber | None
) -> InvalidCustomerDetails:
    if number is not None:
        typed_with_country_code = (
            number.country_code_source != phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY
        )
    else:
        typed_with_country_code = raw.lstrip("( ").startswith(("+", "00"))
    if typed_with_country_code:
        return InvalidCustomerDetails(
            "This phone number is not valid: check its country code and its digits.",
            reason="phone_invalid_international",
        )
    return InvalidCustomerDetails(
        f"This is not a valid phone number in {region}. "
        "Check it, or type it with its country code (+…).",
        reason="phone_invalid_for_country",
        country=region,
    )


def national_digits(e164: str | None) -> str | None:
    """The digits of an E.164 phone as written in its own country (+33612345678 ->
    0612345678), for fragment search; None for anything that is not a valid E.164 number."""
    if not (e164 or "").startswith("+"):
        return None
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    written = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(ch for ch in written if ch.isdigit())


def e164_from_stored_phone(stored: str | None, country: str) -> str | None:
    """A phone stored before phones were E.164 (digits only, a leading + dropped) read again
    in E.164, or None when it cannot be read as a valid number (it is then left as it was).

    The digits do not say whether a + was dropped, so both readings are tried: as typed in
    `country` (0612345678 in France) and as an international number (33612345678). When
    both are valid numbers, the national reading wins only if those digits are how the
    number is written in that country: 2025550147 in the US (written (202) 555-0147), but
    not 33612345678 in Germany, where a national number starts with its trunk prefix 0.
    """
    text = (stored or "").strip()
    if not text:
        return None
    if text.startswith("+"):
        return _e164_or_none(text, country)
    national = _e164_or_none(text, country)
    international = _e164_or_none("+" + text, country)
    if national is None or international is None or national == international:
        return national or international
    written = phonenumbers.format_number(
        phonenumbers.parse(national), phonenumbers.PhoneNumberFormat.NATIONAL
    )
    return national if "".join(ch for ch in written if ch.isdigit()) == text else international


def _e164_or_none(text: str, country: str) -> str | None:
    try:
        return normalize_phone(text, country)
    except InvalidCustomerDetails:
        return None


def customer_details(
    *,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    phone: str | None,
    email_required: bool,
    country: str,
) -> CustomerDetails:
    """`country`: the store's (ISO 3166-1 alpha-2), for a phone typed without its code."""
    details = CustomerDetails(
        first_name=clean_name(first_name, "first name"),
        last_name=clean_name(last_name, "last name"),
        email=normalize_email(email),
        phone=normalize_phone(phone, country),
    )
    if not details.first_name and not details.last_name:
        raise InvalidCustomerDetails("Type the customer's name.", reason="customer_name_missing")
    if email_required and details.email is None:
        raise InvalidCustomerDetails(
            "An email address is needed to enroll (company setting).",
            reason="customer_email_required",
        )
    if details.email is None and details.phone is None:
        raise InvalidCustomerDetails(
            "Type an email address or a phone number, so the card can be found again.",
            reason="customer_contact_missing",
        )
    return details


def search_key(*parts: str | None) -> str:
    """Lower-cased, accent-free text used for fragment search (José matches jose)."""
    text = " ".join(p for p in parts if p)
    if text.isascii():  # nothing to decompose (most rows of a big pull): 20x faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
