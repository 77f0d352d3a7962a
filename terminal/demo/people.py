"""Made-up customers for demo and benchmark data (deterministic for a given random seed)."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

FIRST_NAMES = (
    "Ana",
    "Léa",
    "Lucas",
    "Hugo",
    "Emma",
    "Chloé",
    "Louis",
    "Jules",
    "Inès",
    "Sofia",
    "Noah",
    "Zoé",
    "Mila",
    "Adam",
    "Nina",
    "Paul",
    "Sarah",
    "Tom",
    "Jade",
    "Élise",
    "Marc",
    "Julia",
    "Ben",
    "Lina",
    "Max",
    "Eva",
    "Leo",
    "Maya",
    "Omar",
    "Yuki",
    "José",
    "Ingrid",
    "Kofi",
    "Priya",
    "Jonas",
    "Ayla",
    "Felix",
    "Mira",
    "Samir",
    "Ida",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Rossi",
    "Russo",
    "Ferrari",
    "Nguyen",
    "Okafor",
    "Haddad",
    "Kowalski",
    "Novak",
    "Jensen",
    "Silva",
    "Costa",
    "Sato",
)
MAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example")
# French mobile numbers are 06 or 07 and 8 digits, except the ranges below (not allocated).
_UNALLOCATED_06 = ("39", "90", "91", "92", "93", "94", "96", "97")


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    email: str | None
    phone: str | None


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def french_mobile(serial: int) -> str:
    """A valid French mobile number in E.164 (the demo stores are in France), one per
    serial below 10**8: +33 6 and the serial's 8 digits, or +33 7 where 06 has no such
    numbers (07 has them: 0739..., 079...)."""
    digits = f"{serial % 10**8:08d}"
    return f"+33{'7' if digits[:2] in _UNALLOCATED_06 else '6'}{digits}"


def make_person(rng: random.Random, serial: int) -> Person:
    """A customer; `serial` makes email and phone unique across a whole dataset."""
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    email = f"{_ascii(first)}.{_ascii(last)}{serial}@{rng.choice(MAIL_DOMAINS)}"
    phone = french_mobile(serial)
    if rng.random() < 0.1:
        email = None  # some customers only give a phone number
    elif rng.random() < 0.2:
        phone = None
    return Person(first, last, email, phone)
