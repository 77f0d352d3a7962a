"""Real terminals for the sync tests: a local SQLite file, the counter services over it,
activated against the live central server and synced by the real engine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from sync.client import SyncClient
from sync.engine import SyncEngine, SyncStatus
from sync.server.models import Card, LedgerEntry
from terminal.domain.clock import ManualClock
from terminal.domain.ledger import SyncState
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.syncing.store import TerminalSyncStore, save_activation
from terminal.services.views import Actor
from terminal.store.engine import Database
from terminal.store.models import LedgerEntry as LocalEntry
from terminal.store.models import LoyaltyCard
from terminal.store.schema import open_current
from tests.sync.conftest import LiveServer

PIN = "2468"


@dataclass
class SyncedTerminal:
    name: str
    database: Database
    services: CounterServices
    engine: SyncEngine
    client: SyncClient
    clock: ManualClock
    statuses: list[SyncStatus]
    staff_id: int
    store: TerminalSyncStore
    terminal_id: str
    token: str

    @property
    def actor(self) -> Actor:
        return Actor(self.staff_id, PIN)

    def sync(self) -> SyncStatus:
        return self.engine.run_once()

    def close(self) -> None:
        self.engine.stop()
        self.client.close()
        self.database.dispose()

    def enroll_card(self, email: str = "ida@example.com", earn: str = "60") -> str:
        """A new customer's card with 50 + `earn` points, pushed; returns its id."""
        card = self.services.enroll.enroll(
            self.actor, first_name="Ida", last_name="Pan", email=email
        ).card
        self.services.points.earn(self.actor, card.card_id, earn)
        status = self.sync()
        assert status.state == "online"
        assert status.pending == 0
        return card.card_id

    def card(self, uuid: str) -> LoyaltyCard | None:
        with self.database.reader() as session:
            card = session.scalar(select(LoyaltyCard).where(LoyaltyCard.uuid == uuid))
            if card is not None:
                session.expunge(card)
            return card

    def states(self) -> dict[str, int]:
        with self.database.reader() as session:
            return {
                str(state): count
                for state, count in session.execute(
                    select(LocalEntry.sync_state, func.count()).group_by(LocalEntry.sync_state)
                )
            }

    def balances(self) -> dict[str, tuple[int, int, int, int]]:
        """Every cached card: (stamps, points) shown and confirmed."""
        with self.database.reader() as session:
            return {
                card.uuid: (
                    card.stamp_count,
                    card.points_balance,
                    card.confirmed_stamp_count,
                    card.confirmed_points_balance,
                )
                for card in session.scalars(select(LoyaltyCard))
            }


def make_terminal(
    server: LiveServer,
    vendor_id: int,
    directory: Path,
    name: str,
    staff_id: int,
    *,
    transport: httpx.BaseTransport | None = None,
    online_redemptions: bool = False,
    **engine_options: Any,
) -> SyncedTerminal:
    """Activated with a fresh code, its first pull done."""
    code = server.activation_code(vendor_id)
    client = SyncClient(server.url, transport=transport)
    answer = client.activate(code, name)
    client.set_token(answer.token)
    database = open_current(directory / f"{name}.db")
    save_activation(database, answer, server.url, server.clock.now())
    statuses: list[SyncStatus] = []
    store = TerminalSyncStore(database)
    engine = SyncEngine(
        store,
        client,
        clock=server.clock,
        on_status=statuses.append,
        **engine_options,
    )
    terminal = SyncedTerminal(
        name,
        database,
        counter_services(database, server.clock, authorizer=engine if online_redemptions else None),
        engine,
        client,
        server.clock,
        statuses,
        staff_id,
        store,
        answer.terminal_id,
        answer.token,
    )
    status = terminal.sync()
    assert status.state == "online", status
    return terminal


def server_balances(server: LiveServer) -> dict[str, tuple[int, int]]:
    with server.sessions() as session:
        return {
            card.id: (card.stamp_count, card.points_balance)
            for card in session.scalars(select(Card))
        }


def server_ledger_sums(server: LiveServer) -> dict[str, tuple[int, int]]:
    """Per card: the sums of its applied (accepted and overdraft) entries."""
    with server.sessions() as session:
        rows = session.execute(
            select(
                LedgerEntry.card_id,
                func.sum(LedgerEntry.stamps_delta),
                func.sum(LedgerEntry.points_delta),
            )
            .where(LedgerEntry.result.in_(["accepted", "overdraft"]))
            .group_by(LedgerEntry.card_id)
        )
        return {card_id: (int(stamps), int(points)) for card_id, stamps, points in rows}


__all__ = ["SyncState", "SyncedTerminal", "make_terminal", "server_balances"]
