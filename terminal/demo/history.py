"""A demo company with a few hundred customers and weeks of history, made through the real
services (so every rule and the ledger invariant hold) on a clock that walks the past."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from terminal.demo.catalog import CatalogSeed, StaffSeed, install_catalog
from terminal.demo.people import make_person
from terminal.domain.clock import ManualClock
from terminal.domain.errors import LoyaltyError
from terminal.domain.ledger import SyncState
from terminal.domain.rules import CompanyRules, PinOperation, PinPolicy
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.views import Actor
from terminal.store.engine import Database
from terminal.store.models import CompanySettings, LedgerEntry, LoyaltyCard
from terminal.store.schema import open_current

HISTORY_DAYS = 60


@dataclass(frozen=True)
class DemoData:
    path: Path
    staff: tuple[StaffSeed, ...]
    card_ids: tuple[str, ...]
    qr_tokens: tuple[str, ...]
    entries: int


def build_demo_database(
    path: Path, now: datetime, *, customers: int = 300, seed: CatalogSeed | None = None
) -> DemoData:
    """Create `path` afresh with the demo catalogue and `customers` cards with history."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    seed = seed or CatalogSeed()
    # Past redemptions are replayed without PIN checks (scrypt is slow on purpose); the
    # company's real settings are put in place once the history is written.
    relaxed = CompanyRules(
        pin_policies={op: PinPolicy.DISABLED for op in PinOperation},
        offline_redemption_limit_points=10**9,
    )
    clock = ManualClock(now - timedelta(days=HISTORY_DAYS))
    database = open_current(path, durable=False)
    try:
        with database.writer.begin() as session:
            install_catalog(session, replace(seed, company=relaxed), clock.now())
        card_ids = replay_history(database, clock, now, customers, seed)
        with database.writer.begin() as session:
            session.merge(CompanySettings.from_rules(seed.company_id, seed.company))
            result = session.execute(
                update(LedgerEntry).values(
                    sync_state=SyncState.ACCEPTED, received_at=LedgerEntry.transaction_at
                )
            )
            entries = result.rowcount
        tokens = tuple(_qr_token(database, card_id) for card_id in card_ids[:10])
    finally:
        database.dispose()
    return DemoData(path, seed.staff, tuple(card_ids), tokens, entries)


def replay_history(
    database: Database, clock: ManualClock, now: datetime, customers: int, seed: CatalogSeed
) -> list[str]:
    """`customers` enrollments spread over the last HISTORY_DAYS, each with a few visits,
    through the counter services on `clock` (moved along); returns the card ids."""
    services = counter_services(database, clock)
    rng = random.Random(7)
    cashier = Actor(seed.staff[0].staff_id)
    step = timedelta(days=HISTORY_DAYS) / max(customers, 1)
    card_ids: list[str] = []
    for serial in range(1, customers + 1):
        person = make_person(rng, serial)
        card = services.enroll.enroll(
            cashier,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            phone=person.phone,
        ).card
        card_ids.append(card.card_id)
        visit = clock.now()
        for _ in range(rng.randint(0, 8)):
            visit += timedelta(hours=rng.randint(20, 200))
            if visit >= now - timedelta(hours=1):
                break
            clock.set(visit)
            _one_visit(services, rng, cashier, card.card_id)
        clock.set(now - timedelta(days=HISTORY_DAYS) + step * serial)
    return card_ids


def _one_visit(services: CounterServices, rng: random.Random, cashier: Actor, card_id: str) -> None:
    try:
        services.stamps.add_stamp(cashier, card_id)
        amount = f"{rng.randint(3, 60)}.{rng.randint(0, 99):02d}"
        services.points.earn(cashier, card_id, amount)
        card = services.lookup.card(card_id)
        if card.stamp_reward_available and rng.random() < 0.7:
            services.stamps.redeem_reward(cashier, card_id)
        options = [o for o in services.points.rewards(card_id) if o.available]
        if options and rng.random() < 0.3:
            services.points.redeem(cashier, card_id, rng.choice(options).reward_id)
    except LoyaltyError:
        pass  # a refusal in the replayed past is just a visit that did not happen


def _qr_token(database: Database, card_id: str) -> str:
    with database.reader() as session:
        token = session.scalar(select(LoyaltyCard.qr_code_data).where(LoyaltyCard.uuid == card_id))
    assert token is not None
    return token


def demo_customers(path: Path, limit: int = 12) -> list[tuple[str, str, str]]:
    """(name, card number, QR token) of the first demo customers, for the demo's panel."""
    from terminal.domain.cards import format_card_number
    from terminal.store.models import Customer

    database = open_current(path)
    try:
        with database.reader() as session:
            rows = session.execute(
                select(
                    Customer.first_name,
                    Customer.last_name,
                    LoyaltyCard.card_number,
                    LoyaltyCard.qr_code_data,
                )
                .join(Customer, Customer.id == LoyaltyCard.customer_id)
                .order_by(LoyaltyCard.id)
                .limit(limit)
            ).all()
    finally:
        database.dispose()
    return [
        (f"{first} {last}".strip(), format_card_number(number), token)
        for first, last, number, token in rows
    ]
