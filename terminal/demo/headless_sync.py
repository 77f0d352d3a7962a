"""The headless demo's second half: two counters of the chain syncing for real.

A central server on this computer (terminal.demo.live: the demo company, a short history),
two counters activated against it (Main Street and the Station Kiosk), and what a visitor
should see: a card enrolled and earning at one store reaches the server exactly once and
arrives at the other store with its balance; a counter that loses its network goes on,
keeps what it did and sends it when the network is back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from sync.client import SyncClient
from sync.engine import SyncEngine
from sync.status import SyncStatus
from terminal.demo.catalog import CatalogSeed
from terminal.demo.live import LiveDemo, demo_counter, start_live_demo
from terminal.domain.clock import ManualClock
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.syncing.store import TerminalSyncStore
from terminal.services.views import Actor
from terminal.store.engine import Database
from terminal.store.models import LoyaltyCard
from terminal.store.schema import open_current

if TYPE_CHECKING:
    from terminal.demo.headless import Narrator

LIVE_FOLDER = "live"
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing answers (a cable pulled)


@dataclass
class _Counter:
    name: str
    database: Database
    services: CounterServices
    engine: SyncEngine
    client: SyncClient
    cashier: Actor
    token: str | None

    def close(self) -> None:
        self.engine.stop()
        self.client.close()
        self.database.dispose()


def play_sync_story(
    say: Narrator, demo_dir: Path, now: datetime, *, fresh: bool, customers: int
) -> None:
    line = say.say
    say.step("Two stores of the chain, syncing through a central server on this computer")
    live_dir = demo_dir / LIVE_FOLDER
    demo = start_live_demo(
        live_dir, now, customers=customers, fresh=fresh, report=lambda text: line(f"   {text}")
    )
    counters: list[_Counter] = []
    try:
        line(f"   central server at {demo.url} (the demo company, {len(demo.vendors)} stores)")
        for index in (1, 2):
            counters.append(_open_counter(demo, live_dir, index, now))
            with counters[-1].database.read() as session:
                cards = session.scalar(select(func.count()).select_from(LoyaltyCard))
            line(
                f"   counter {index}: {counters[-1].name} activated (a one-time code, the "
                f"first time), the company pulled ({cards} cards)"
            )
        _story(say, counters)
    finally:
        for counter in counters:
            counter.close()
        demo.stop()


def _open_counter(demo: LiveDemo, live_dir: Path, index: int, now: datetime) -> _Counter:
    path, terminal_id = demo_counter(demo, live_dir, index, now)
    database = open_current(path)
    token = demo.tokens.load(terminal_id)
    client = SyncClient(demo.url, token=token)
    engine = SyncEngine(TerminalSyncStore(database), client)
    services = counter_services(database, ManualClock(now), authorizer=engine)
    pins = {member.name: member.pin for member in CatalogSeed().staff}
    staff = services.staff.list_staff()
    cashier = Actor(staff[0].staff_id, pins.get(staff[0].name))
    name = demo.vendors[(index - 1) % len(demo.vendors)][1]
    return _Counter(name, database, services, engine, client, cashier, token)


def _story(say: Narrator, counters: list[_Counter]) -> None:
    first, second = counters
    attempt, line = say.attempt, say.say
    enrolled = attempt(
        f"at {first.name}: enroll Noa Martin",
        lambda: first.services.enroll.enroll(
            first.cashier,
            first_name="Noa",
            last_name="Martin",
            email=f"noa.martin.{uuid.uuid4().hex[:6]}@example.com",
        ),
    )
    if enrolled is None:
        return
    card = enrolled.card
    attempt(
        f"at {first.name}: earn points on 24.00",
        lambda: first.services.points.earn(first.cashier, card.card_id, "24.00"),
    )
    shown = first.services.lookup.card(card.card_id)
    line(f"   {first.name} shows {shown.points_balance} points, {shown.pending_points} pending")
    line(f"   {first.name} syncs: {_status_text(first.engine.run_once())}")
    line(f"   {second.name} syncs: {_status_text(second.engine.run_once())}")
    there = attempt(
        f"at {second.name}: find card {card.card_number}",
        lambda: second.services.lookup.by_number(card.card_number),
    )
    if there is None:
        return
    line(
        f"   {second.name} shows {there.points_balance} points, {there.pending_points} "
        "pending: the same card, counted once"
    )

    line(f"   {second.name} loses its network (the demo points it at a port nobody serves)")
    unplugged = SyncClient(UNREACHABLE, token=second.token, timeout=1.0)
    offline = SyncEngine(TerminalSyncStore(second.database), unplugged)
    try:
        attempt(
            f"at {second.name}: earn points on 10.00, offline",
            lambda: second.services.points.earn(second.cashier, card.card_id, "10.00"),
        )
        line(f"   {second.name} tries to sync: {_status_text(offline.run_once())}")
    finally:
        offline.stop()
        unplugged.close()
    line(f"   the network is back; {second.name} syncs: {_status_text(second.engine.run_once())}")
    line(f"   {first.name} syncs: {_status_text(first.engine.run_once())}")
    balances = [c.services.lookup.card(card.card_id).points_balance for c in counters]
    agree = "they agree" if len(set(balances)) == 1 else "THEY DIFFER"
    line(f"   both stores now show {' and '.join(map(str, balances))} points: {agree}")


def _status_text(status: SyncStatus) -> str:
    if status.state == "online":
        return f"online, {status.pending} waiting to be sent, {status.conflicts} conflicts"
    return f"{status.state} ({status.error_kind}), {status.pending} waiting to be sent"
