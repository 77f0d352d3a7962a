"""Change-log pruning (sync.server.jobs.prune_changes, `loyalty-server prune-changes`).

Over real loopback HTTP on both engines: pruning forgets only the rows older than the kept
window; a terminal whose cursor is behind the pruned point gets a snapshot and converges; a
terminal with a recent cursor keeps getting deltas; a terminal offline for 60 days catches up
with or without pruning; a second run is a no-op; a pull in flight is never answered a page
with a hole (PostgreSQL).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from sync.server import admin
from sync.server.changes import lock_company_log
from sync.server.cli import main
from sync.server.db import init_database, make_engine, make_sessionmaker
from sync.server.jobs import prune_changes
from sync.server.models import Card, ChangeLog, LedgerEntry, ServerState
from tests.sync.conftest import BLOCK_SIZE, LiveServer, Term, World

DAY = timedelta(days=1)


# --- helpers --------------------------------------------------------------------------------


class View:
    """A terminal's local copy of what it pulled: (entity, id) -> data."""

    def __init__(self, term: Term) -> None:
        self.term = term
        self.rows: dict[tuple[str, str], Any] = {}
        self.cursor: str | None = None
        self.pages: list[dict[str, Any]] = []

    def pull(self, limit: int = 7) -> list[dict[str, Any]]:
        """Pull pages until the server has nothing more; returns the pages of this pull."""
        pages = []
        while True:
            page = self.term.changes(self.cursor, limit=limit)
            pages.append(page)
            for change in page["changes"]:
                key = (change["entity"], change["id"])
                if change["op"] == "delete":
                    self.rows.pop(key, None)
                else:
                    self.rows[key] = change["data"]
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                self.pages.extend(pages)
                return pages

    def cards(self) -> dict[str, dict[str, Any]]:
        return {key: data for (entity, key), data in self.rows.items() if entity == "cards"}


def _server_cards(server: LiveServer, company_id: int) -> dict[str, dict[str, Any]]:
    with server.sessions() as session:
        cards = session.scalars(select(Card).where(Card.company_id == company_id)).all()
        return {card.id: card.to_wire() for card in cards}


def _assert_balances_equal_ledger(server: LiveServer, company_id: int) -> None:
    with server.sessions() as session:
        for card in session.scalars(select(Card).where(Card.company_id == company_id)):
            points, stamps = session.execute(
                select(
                    func.coalesce(func.sum(LedgerEntry.points_delta), 0),
                    func.coalesce(func.sum(LedgerEntry.stamps_delta), 0),
                ).where(
                    LedgerEntry.card_id == card.id,
                    LedgerEntry.result.in_(("accepted", "overdraft")),
                )
            ).one()
            assert (card.points_balance, card.stamp_count) == (points, stamps), card.id


def _log(server: LiveServer) -> list[tuple[int, datetime]]:
    with server.sessions() as session:
        return [
            (row[0], row[1])
            for row in session.execute(
                select(ChangeLog.seq, ChangeLog.created_at).order_by(ChangeLog.seq)
            )
        ]


def _pruned_through(server: LiveServer) -> int:
    with server.sessions() as session:
        state = session.get(ServerState, 1)
        return state.log_pruned_through if state is not None else 0


def _earn(term: Term, card_id: str, amount: int, at: datetime) -> None:
    entry = term.entry(
        "POINTS_EARNED",
        card_id,
        points_delta=amount // 100,  # rate 1 point per 1.00
        purchase_amount=amount,
        transaction_at=at.isoformat(),
    )
    results = term.push([entry])["results"]
    assert [result["result"] for result in results] == ["accepted"], results


def _busy_day(server: LiveServer, term: Term, cards: list[str], enrollments: int = 1) -> None:
    """A day of activity at the server clock's moment: enrollments, then an earn on the
    first card and on the three newest."""
    for _ in range(enrollments):
        cards.append(term.enroll())
    for n, card_id in enumerate(dict.fromkeys([cards[0], *cards[-3:]])):
        _earn(term, card_id, 1000 + 100 * n, server.clock.now() - timedelta(minutes=1))


# --- the job --------------------------------------------------------------------------------


def test_pruning_removes_only_rows_older_than_the_window(world: World) -> None:
    server = world.server
    till = server.activate(world.vendor_a1)
    cards: list[str] = []
    _busy_day(server, till, cards, enrollments=3)
    old = _log(server)
    server.clock.advance(timedelta(days=100))
    _busy_day(server, till, cards)
    young = [row for row in _log(server) if row not in old]
    assert old
    assert young

    report = prune_changes(server.sessions, server.clock.now(), keep_days=90, batch_size=4)

    assert _log(server) == young  # every kept row untouched, every old one gone
    assert report.rows_deleted == len(old)
    assert report.batches == -(-len(old) // 4)  # batches of at most 4 rows
    assert report.pruned_before == 0
    assert report.pruned_through == old[-1][0] == _pruned_through(server)
    assert report.cutoff == server.clock.now() - timedelta(days=90)
    assert all(created >= report.cutoff for _, created in young)


def test_pruning_twice_is_a_no_op(world: World) -> None:
    server = world.server
    till = server.activate(world.vendor_a1)
    cards: list[str] = []
    _busy_day(server, till, cards, enrollments=2)
    server.clock.advance(timedelta(days=91))
    _busy_day(server, till, cards)
    first = prune_changes(server.sessions, server.clock.now())
    kept = _log(server)
    assert first.rows_deleted > 0

    second = prune_changes(server.sessions, server.clock.now())

    assert (second.rows_deleted, second.batches) == (0, 0)
    assert second.pruned_before == second.pruned_through == first.pruned_through
    assert _log(server) == kept
    assert _pruned_through(server) == first.pruned_through


def test_nothing_younger_than_the_window_is_pruned_even_behind_a_skewed_clock(
    world: World,
) -> None:
    """Rows are deleted by seq: an old-stamped row after a young one (writers' clocks that
    disagree) stays, with everything after the first young row."""
    server = world.server
    till = server.activate(world.vendor_a1)
    cards: list[str] = []
    _busy_day(server, till, cards)  # old rows
    first_old = _log(server)
    server.clock.advance(timedelta(days=100))
    _busy_day(server, till, cards)  # young rows
    server.clock.advance(-timedelta(days=100))
    _busy_day(server, till, cards)  # old-stamped rows after young ones
    server.clock.advance(timedelta(days=100))
    before = _log(server)

    report = prune_changes(server.sessions, server.clock.now(), keep_days=90)

    assert report.pruned_through == first_old[-1][0]
    assert _log(server) == before[len(first_old) :]


# --- terminals pulling after a prune ---------------------------------------------------------


def test_a_cursor_behind_the_pruned_point_gets_a_snapshot_and_converges(world: World) -> None:
    server = world.server
    writer = server.activate(world.vendor_a1, "Writer")
    reader = View(server.activate(world.vendor_a2, "Reader"))
    cards: list[str] = []
    _busy_day(server, writer, cards)
    reader.pull()
    stale = reader.cursor
    _busy_day(server, writer, cards, enrollments=2)  # changes the reader has not seen
    server.clock.advance(timedelta(days=100))
    _busy_day(server, writer, cards)
    report = prune_changes(server.sessions, server.clock.now(), keep_days=90)
    assert stale is not None
    assert int(stale[1:]) < report.pruned_through

    pages = reader.pull()

    assert pages[0]["snapshot"] is True
    assert reader.cards() == _server_cards(server, world.company_a)
    assert len(reader.cards()) == len(cards) == 4
    _earn(writer, cards[0], 2500, server.clock.now() - timedelta(minutes=1))
    after = reader.pull()  # the snapshot ended on a delta cursor
    assert [page["snapshot"] for page in after] == [False]
    assert reader.cards() == _server_cards(server, world.company_a)


def test_a_recent_cursor_keeps_getting_deltas(world: World) -> None:
    server = world.server
    writer = server.activate(world.vendor_a1, "Writer")
    reader = View(server.activate(world.vendor_a2, "Reader"))
    cards: list[str] = []
    _busy_day(server, writer, cards, enrollments=2)
    server.clock.advance(timedelta(days=100))
    reader.pull()
    _busy_day(server, writer, cards)
    report = prune_changes(server.sessions, server.clock.now(), keep_days=90)
    assert report.rows_deleted > 0
    assert reader.cursor is not None
    assert int(reader.cursor[1:]) >= report.pruned_through

    pages = reader.pull(limit=2)

    assert len(pages) > 1
    assert not any(page["snapshot"] for page in pages)
    received = [(c["entity"], c["id"]) for page in pages for c in page["changes"]]
    assert ("cards", cards[-1]) in received
    assert reader.cards() == _server_cards(server, world.company_a)


@pytest.mark.parametrize("pruning", [False, True], ids=["no-pruning", "daily-pruning"])
def test_a_terminal_offline_for_60_days_catches_up(world: World, pruning: bool) -> None:
    server = world.server
    offline = View(server.activate(world.vendor_a2, "Offline"))
    writer = server.activate(world.vendor_a1, "Writer")
    other = server.activate(world.vendor_b1, "Other company")  # changes the offline one never sees
    offline.pull()
    cards: list[str] = []
    other_cards: list[str] = []
    pruned = []
    for _day in range(60):
        server.clock.advance(DAY)
        if server.clock.now().day % 4 == 0:
            new = 1 if len(cards) < BLOCK_SIZE - 1 else 0  # within the tills' number blocks
            _busy_day(server, writer, cards, enrollments=new)
            _busy_day(server, other, other_cards, enrollments=new)
        if pruning:
            pruned.append(prune_changes(server.sessions, server.clock.now(), keep_days=30))
    if pruning:
        assert sum(report.rows_deleted for report in pruned) > 0

    pages = offline.pull()

    assert pages[0]["snapshot"] is pruning
    assert len(cards) == BLOCK_SIZE - 1
    assert offline.cards() == _server_cards(server, world.company_a)
    balances = {card_id: data["points_balance"] for card_id, data in offline.cards().items()}
    assert balances[cards[0]] > 50
    _assert_balances_equal_ledger(server, world.company_a)
    assert not set(offline.cards()) & set(other_cards)


def test_a_pull_in_flight_is_never_answered_a_page_with_a_hole(world: World) -> None:
    """The pruner waits for a reader holding its company's shared log lock (PostgreSQL).

    The reader checks the pruned point, then reads the rows after its cursor: a delete
    committed in between would leave a hole in its page. The test holds the reader between
    the two reads until the pruner is seen waiting for a lock, then reads the rows."""
    server = world.server
    if server.backend == "sqlite":
        pytest.skip("SQLite: every transaction is BEGIN IMMEDIATE, pulls and prunes serialize")
    writer = server.activate(world.vendor_a1, "Writer")
    reader = View(server.activate(world.vendor_a2, "Reader"))
    cards: list[str] = []
    reader.pull()
    assert reader.cursor is not None
    after = int(reader.cursor[1:])
    _busy_day(server, writer, cards, enrollments=2)
    server.clock.advance(timedelta(days=100))
    expected = [seq for seq, _ in _log(server) if seq > after]
    done: list[Any] = []

    with server.sessions.begin() as session:  # the reader's transaction, as in read_changes
        lock_company_log(session, world.company_a, shared=True)
        state = session.get(ServerState, 1)
        assert state is not None
        assert state.log_pruned_through <= after  # the check that lets a delta page through
        pruner = threading.Thread(
            target=lambda: done.append(prune_changes(server.sessions, server.clock.now())),
            daemon=True,
        )
        pruner.start()
        _wait_for_a_lock_waiter(server, pruner)
        seen = session.scalars(
            select(ChangeLog.seq)
            .where(ChangeLog.seq > after, ChangeLog.company_id == world.company_a)
            .order_by(ChangeLog.seq)
        ).all()
        assert [seq for seq in expected if seq in set(seen)] == expected
        assert not done
    pruner.join(timeout=30)
    assert done
    assert done[0].rows_deleted > 0
    pages = reader.pull()
    assert pages[0]["snapshot"] is True
    assert reader.cards() == _server_cards(server, world.company_a)


def _wait_for_a_lock_waiter(server: LiveServer, pruner: threading.Thread) -> None:
    """Until another backend of this database waits for a lock (bounded; paced by waiting
    on the pruner, which must not finish while the reader holds its lock)."""
    deadline = datetime.now(UTC) + timedelta(seconds=20)
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
    )
    with server.engine.connect() as connection:
        while connection.execute(query).scalar_one() == 0:
            assert datetime.now(UTC) < deadline, "the pruner never waited for the reader's lock"
            pruner.join(timeout=0.01)
            assert pruner.is_alive(), "the pruner deleted rows under a reader's lock"


# --- the command ----------------------------------------------------------------------------


def test_prune_changes_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(database)
    init_database(engine)
    long_ago = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    recently = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    with make_sessionmaker(engine).begin() as session:
        company = admin.create_company(session, "Old Coffee", long_ago)
        admin.create_vendor(session, company.id, "Main", recently, country="FR")
    with make_sessionmaker(engine)() as session:
        old_rows = session.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.created_at < recently)
        )
    assert old_rows
    engine.dispose()
    now = "2026-06-10T00:00:00+00:00"

    assert main(["--database", database, "prune-changes", "--keep-days", "30", "--now", now]) == 0
    out = capsys.readouterr().out
    assert f"pruned {old_rows} change-log rows created before 2026-05-11T00:00:00+00:00" in out
    assert main(["--database", database, "prune-changes", "--keep-days", "30", "--now", now]) == 0
    assert "nothing to prune" in capsys.readouterr().out
    assert main(["--database", database, "prune-changes", "--now", "yesterday"]) == 2
    assert "not an ISO date-time" in capsys.readouterr().err
    assert main(["--database", database, "prune-changes", "--keep-days", "-1"]) == 2

    engine = make_engine(database)
    with make_sessionmaker(engine)() as session:
        kept = session.scalars(select(ChangeLog.created_at)).all()
        state = session.get(ServerState, 1)
        assert state is not None
        assert state.log_pruned_through > 0
    engine.dispose()
    assert kept
    assert all(created >= recently for created in kept)
