"""Test helpers: a real SQLite file with a catalogue, the services over it, a manual clock."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from terminal.demo.catalog import CatalogSeed, install_catalog
from terminal.domain.clock import ManualClock
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.views import Actor, CardView
from terminal.store.engine import Database
from terminal.store.models import TerminalIdentity
from terminal.store.schema import open_current

# A Tuesday morning in Paris (UTC+1 in March): far from midnight and from DST changes.
T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
FAST_SEED = CatalogSeed(pin_hash_n=2**8)
CASHIER = Actor(1, "2468")
MANAGER = Actor(2, "1357")


@dataclass
class Terminal:
    """One terminal's local store and services, as the app wires them."""

    database: Database
    clock: ManualClock
    services: CounterServices
    terminal_id: str

    def enroll(self, n: int = 0, **details: str | None) -> CardView:
        fields = {
            "first_name": "Ana",
            "last_name": f"Customer{n}",
            "email": f"ana{n}@example.com",
            "phone": None,
        }
        fields.update(details)
        return self.services.enroll.enroll(CASHIER, **fields).card  # type: ignore[arg-type]


def make_terminal(path: Path, seed: CatalogSeed = FAST_SEED, start: datetime = T0) -> Terminal:
    clock = ManualClock(start)
    database = open_current(path)
    with database.writer.begin() as session:
        terminal_id = install_catalog(session, seed, clock.now())
    return Terminal(database, clock, counter_services(database, clock), terminal_id)


def open_terminal(path: Path, start: datetime = T0) -> Terminal:
    """A terminal over an existing database file (e.g. a copy of a prepared template)."""
    clock = ManualClock(start)
    database = open_current(path)
    with database.reader() as session:
        terminal_id = session.get_one(TerminalIdentity, 1).terminal_id
    return Terminal(database, clock, counter_services(database, clock), terminal_id)


def seed_with(**changes: object) -> CatalogSeed:
    """FAST_SEED with program / company rules changed, e.g. seed_with(program=...)."""
    return replace(FAST_SEED, **changes)  # type: ignore[arg-type]
