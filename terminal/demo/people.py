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


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    email: str | None
    phone: str | None


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def make_person(rng: random.Random, serial: int) -> Person:
    """A customer; `serial` makes email and phone unique across a whole dataset."""
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    email = f"{_ascii(first)}.{_ascii(last)}{serial}@{rng.choice(MAIL_DOMAINS)}"
    phone = f"336{serial:08d}"
    if rng.random() < 0.1:
        email = None  # some customers only give a phone number
    elif rng.random() < 0.2:
        phone = None
    return Person(first, last, email, phone)
