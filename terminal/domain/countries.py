"""A store's country (ISO 3166-1 alpha-2, e.g. FR): the region its phone numbers are read in.

A country is valid when `phonenumbers` has a numbering plan for it (see
terminal.domain.customers for why the domain uses that one package): a store whose
customers' phones cannot be read would be no use.

`country_for_timezone` tells a store's country from its IANA time zone, for stores recorded
before they had one (the terminal's migration 0005, `loyalty-server create-vendor` without
--country). It reads `zone.tab` of the time-zone database zoneinfo itself uses (the system's
folders in zoneinfo.TZPATH, else the tzdata package), read-only and once; where neither is
installed (Windows without tzdata) a small table of the zones of our markets stands in.
Zones of no single country (UTC, Etc/GMT+1) give None: the caller decides.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

import phonenumbers

from terminal.domain.errors import InvalidInput

# Used only when no zone.tab is found; a test checks that it agrees with zone.tab.
FALLBACK_ZONE_COUNTRIES: Mapping[str, str] = {
    "Europe/Paris": "FR",
    "Europe/Monaco": "MC",
    "Europe/Brussels": "BE",
    "Europe/Luxembourg": "LU",
    "Europe/Zurich": "CH",
    "Europe/Berlin": "DE",
    "Europe/Vienna": "AT",
    "Europe/Amsterdam": "NL",
    "Europe/Madrid": "ES",
    "Europe/Lisbon": "PT",
    "Europe/Rome": "IT",
    "Europe/London": "GB",
    "Europe/Dublin": "IE",
    "America/Guadeloupe": "GP",
    "America/Martinique": "MQ",
    "America/Cayenne": "GF",
    "Indian/Reunion": "RE",
    "Indian/Mayotte": "YT",
    "Pacific/Noumea": "NC",
    "Pacific/Tahiti": "PF",
    "America/Toronto": "CA",
    "America/New_York": "US",
    "America/Chicago": "US",
    "America/Denver": "US",
    "America/Los_Angeles": "US",
}
_ZONE_TAB = "zone.tab"


def is_country(text: str | None) -> bool:
    code = (text or "").strip().upper()
    return len(code) == 2 and code in phonenumbers.SUPPORTED_REGIONS


def normalize_country(text: str | None) -> str:
    """The upper-case ISO 3166-1 alpha-2 code; raises InvalidInput for anything else."""
    if not is_country(text):
        raise InvalidInput(
            "A country is its two-letter ISO 3166 code, e.g. FR, DE or GB.",
            reason="country_unknown",
        )
    return (text or "").strip().upper()


def country_for_timezone(zone: str | None) -> str | None:
    """The country of an IANA time zone (Europe/Paris -> FR), or None when it has none."""
    return _zone_countries().get((zone or "").strip())


def zone_table(
    directories: Iterable[Path | str], *, use_tzdata_package: bool = True
) -> dict[str, str]:
    """zone -> country from the first zone.tab found, else FALLBACK_ZONE_COUNTRIES."""
    for directory in directories:
        try:
            return _parse_zone_tab((Path(directory) / _ZONE_TAB).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    if use_tzdata_package:
        try:
            text = resources.files("tzdata").joinpath("zoneinfo", _ZONE_TAB).read_text("utf-8")
        except (ModuleNotFoundError, OSError, UnicodeDecodeError):
            pass
        else:
            return _parse_zone_tab(text)
    return dict(FALLBACK_ZONE_COUNTRIES)


@lru_cache(maxsize=1)
def _zone_countries() -> Mapping[str, str]:
    return zone_table(zoneinfo.TZPATH)


def _parse_zone_tab(text: str) -> dict[str, str]:
    """Lines `CC<TAB>coordinates<TAB>Zone[<TAB>comment]`; '#' starts a comment line."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 3 and is_country(fields[0]):
            table[fields[2].strip()] = fields[0].strip().upper()
    return table
