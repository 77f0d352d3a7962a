"""The daily points expiry job (sync.server.jobs) against the live server and its clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from sync.server import admin
from sync.server.cli import main
from sync.server.db import init_database, make_engine, make_sessionmaker
from sync.server.jobs import expire_points
from sync.server.models import Card, LedgerEntry
from terminal.domain.rules import ProgramRules
from tests.sync.conftest import START, LiveServer, World

# Company A's program: 365 days; vendor A1 is in Europe/Paris (UTC+1 in March).
# Activity at START (2026-03-02 09:00 UTC) expires on 2027-03-02, Paris calendar,
# which begins at 2027-03-01 23:00 UTC.
EXPIRY_MOMENT = datetime(2027, 3, 1, 23, 0, tzinfo=UTC)


def _card(server: LiveServer, card_id: str) -> Card:
    with server.sessions() as session:
        card = session.get(Card, card_id)
        assert card is not None
        return card


def _ledger_sum(server: LiveServer, card_id: str) -> int:
    with server.sessions() as session:
        total = session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.points_delta), 0)).where(
                LedgerEntry.card_id == card_id,
                LedgerEntry.result.in_(("accepted", "overdraft")),
            )
        )
        return int(total or 0)


def _expired_entries(server: LiveServer, card_id: str) -> list[LedgerEntry]:
    with server.sessions() as session:
        return list(
            session.scalars(
                select(LedgerEntry).where(
                    LedgerEntry.card_id == card_id, LedgerEntry.type == "POINTS_EXPIRED"
                )
            )
        )


def test_points_expire_on_the_store_date_and_not_before(world: World) -> None:
    server = world.server
    term = server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=50)

    before = expire_points(server.sessions, EXPIRY_MOMENT - timedelta(minutes=1))
    assert before.cards_expired == 0
    assert _card(server, card_id).points_balance == 50

    report = expire_points(server.sessions, EXPIRY_MOMENT)
    assert (report.cards_expired, report.points_expired) == (1, 50)
    card = _card(server, card_id)
    assert card.points_balance == 0
    assert card.total_points_earned == 50  # history kept; only the balance goes
    [entry] = _expired_entries(server, card_id)
    assert entry.points_delta == -50
    assert entry.terminal_id is None
    assert entry.terminal_seq is None
    assert entry.result == "accepted"
    assert entry.points_balance_after == 0
    assert _ledger_sum(server, card_id) == card.points_balance


def test_activity_resets_the_window(world: World) -> None:
    server = world.server
    term = server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=50)
    later = (START + timedelta(days=100)).isoformat()
    server.clock.set(START + timedelta(days=100))  # a time ahead of the server is refused
    earned = term.entry(
        "POINTS_EARNED", card_id, points_delta=30, purchase_amount=3000, transaction_at=later
    )
    assert term.push([earned])["results"][0]["result"] == "accepted"

    assert expire_points(server.sessions, EXPIRY_MOMENT).cards_expired == 0
    assert _card(server, card_id).points_balance == 80
    report = expire_points(server.sessions, EXPIRY_MOMENT + timedelta(days=100))
    assert report.points_expired == 80
    assert _ledger_sum(server, card_id) == _card(server, card_id).points_balance == 0


def test_running_twice_writes_nothing_new(world: World) -> None:
    server = world.server
    term = server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=50)
    assert expire_points(server.sessions, EXPIRY_MOMENT).cards_expired == 1
    again = expire_points(server.sessions, EXPIRY_MOMENT + timedelta(hours=3))
    assert again.cards_expired == 0
    assert len(_expired_entries(server, card_id)) == 1
    # The terminal keeps pushing with its own sequence afterwards.
    card = term.entry("POINTS_EARNED", card_id, points_delta=5, purchase_amount=500)
    assert term.push([card])["results"][0]["result"] == "accepted"


def test_company_filter_and_batches(world: World) -> None:
    server = world.server
    term_a = server.activate(world.vendor_a1)
    term_b = server.activate(world.vendor_b1)
    cards_a = [term_a.enroll(bonus=50) for _ in range(5)]
    card_b = term_b.enroll(bonus=50)
    far = EXPIRY_MOMENT + timedelta(days=2)
    report = expire_points(server.sessions, far, company_id=world.company_a, batch_size=2)
    assert report.cards_expired == 5
    assert all(_card(server, card).points_balance == 0 for card in cards_a)
    assert _card(server, card_b).points_balance == 50
    assert expire_points(server.sessions, far, batch_size=2).cards_expired == 1


def test_terminal_sees_the_expiry_through_changes(world: World) -> None:
    server = world.server
    term = server.activate(world.vendor_a1)
    card_id = term.enroll(bonus=50)
    cursor = None
    while True:
        page = term.changes(cursor)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    expire_points(server.sessions, EXPIRY_MOMENT)
    page = term.changes(cursor)
    cards = [c for c in page["changes"] if c["entity"] == "cards" and c["id"] == card_id]
    assert cards, page
    assert cards[-1]["op"] == "upsert"
    assert cards[-1]["data"]["points_balance"] == 0
    assert cards[-1]["data"]["total_points_earned"] == 50


def test_no_expiry_when_the_program_never_expires(world: World) -> None:
    server = world.server
    with server.sessions.begin() as session:
        company = admin.create_company(
            session,
            "Forever",
            START,
            program=ProgramRules(points_expiration_days=0, welcome_bonus_points=20),
        )
        vendor = admin.create_vendor(session, company.id, "Shop", START, country="FR")
        admin.create_staff(session, company.id, "Sam", "2468", START, pin_hash="x")
    term = server.activate(vendor.id)
    card_id = term.enroll(bonus=20)
    assert expire_points(server.sessions, START + timedelta(days=5000)).cards_expired == 0
    assert _card(server, card_id).points_balance == 20


def test_cli_expire_points(tmp_path: Path, capsys: object) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    init_database(engine)
    with make_sessionmaker(engine).begin() as session:
        admin.create_company(session, "Empty", START)
    engine.dispose()
    assert main(["--database", url, "expire-points", "--now", "2030-01-01T00:00:00"]) == 0
    assert main(["--database", url, "expire-points", "--company", "1"]) == 0
    assert main(["--database", url, "expire-points", "--now", "not a date"]) == 2
