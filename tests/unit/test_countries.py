"""A store's country: ISO 3166-1 alpha-2 codes, and the country a time zone belongs to."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.domain.countries import (
    FALLBACK_ZONE_COUNTRIES,
    country_for_timezone,
    is_country,
    normalize_country,
    zone_table,
)
from terminal.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("typed", "code"), [("FR", "FR"), ("fr", "FR"), (" de ", "DE"), ("GB", "GB"), ("RE", "RE")]
)
def test_normalize_country(typed: str, code: str) -> None:
    assert normalize_country(typed) == code
    assert is_country(typed)


@pytest.mark.parametrize("typed", ["", "F", "FRA", "XX", "ZZ", "UK", "12", None, "F\u0280"])
def test_unknown_countries_are_refused(typed: str | None) -> None:
    assert not is_country(typed)
    with pytest.raises(InvalidInput) as info:
        normalize_country(typed)
    assert info.value.reason == "country_unknown"
    assert info.value.message == "A country is its two-letter ISO 3166 code, e.g. FR, DE or GB."


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Europe/Paris", "FR"),
        ("Europe/Berlin", "DE"),
        ("Europe/London", "GB"),
        ("America/New_York", "US"),
        ("America/Toronto", "CA"),
        ("Indian/Reunion", "RE"),
        ("Europe/Brussels", "BE"),
    ],
)
def test_country_for_timezone(zone: str, country: str) -> None:
    assert country_for_timezone(zone) == country


@pytest.mark.parametrize("zone", ["UTC", "Etc/GMT+1", "", None, "Not/AZone", "../../etc/passwd"])
def test_zones_of_no_country(zone: str | None) -> None:
    assert country_for_timezone(zone) is None


def test_the_fallback_table_agrees_with_the_time_zone_database() -> None:
    """The explicit table is used only where no zone.tab is found: it must say the same."""
    for zone, country in FALLBACK_ZONE_COUNTRIES.items():
        assert is_country(country), zone
        assert country_for_timezone(zone) == country, zone


def test_zone_table_is_read_from_the_first_folder_that_has_one(tmp_path: Path) -> None:
    empty, filled = tmp_path / "empty", tmp_path / "filled"
    empty.mkdir()
    filled.mkdir()
    (filled / "zone.tab").write_text(
        "# comment line\nFR\t+4852+00220\tEurope/Paris\n"
        "CH\t+4723+00832\tEurope/Zurich\tSwiss time\nAQ\t-7750+16636\tAntarctica/McMurdo\n"
        "broken line\n",
        encoding="utf-8",
    )
    table = zone_table([empty, filled])
    # AQ has no phone numbering plan of its own: not a store country
    assert table == {"Europe/Paris": "FR", "Europe/Zurich": "CH"}


def test_without_a_zone_table_the_fallback_is_used(tmp_path: Path) -> None:
    assert zone_table([tmp_path], use_tzdata_package=False) == dict(FALLBACK_ZONE_COUNTRIES)
