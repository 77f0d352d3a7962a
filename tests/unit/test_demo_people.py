"""Demo customers: their phones are valid numbers of the demo stores' country (FR)."""

from __future__ import annotations

import random

from terminal.demo.catalog import CatalogSeed
from terminal.demo.people import french_mobile, make_person
from terminal.domain.customers import normalize_phone


def test_demo_phones_are_valid_french_numbers_stored_as_e164() -> None:
    countries = {country for *_, country in CatalogSeed().vendors}
    assert countries == {"FR"}
    rng = random.Random(7)
    phones = [make_person(rng, serial).phone for serial in range(1, 2_000)]
    for phone in filter(None, phones):
        assert normalize_phone(phone, "FR") == phone


def test_french_mobiles_are_valid_and_unique_over_the_whole_range() -> None:
    serials = [
        *range(0, 100_000, 7),
        *range(38_990_000, 39_010_000, 13),
        *range(89_000_000, 10**8, 997),
    ]
    phones = [french_mobile(serial) for serial in serials]
    assert len(set(phones)) == len(phones)
    for phone in phones:
        assert normalize_phone(phone, "FR") == phone, phone
