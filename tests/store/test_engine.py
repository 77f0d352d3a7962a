"""The local database file: durability pragmas, transactions, damaged and locked files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from terminal.services.bundle import counter_services
from terminal.store.checkpoint import IdleCheckpointer
from terminal.store.engine import Database, open_database
from terminal.store.errors import LocalDatabaseBusy, LocalDatabaseUnreadable
from terminal.store.schema import open_current
from tests.factories import CASHIER, make_terminal


def test_connections_use_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    database = open_current(tmp_path / "t.db")
    with database.reader() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    database.dispose()


def test_a_pulled_page_commits_with_normal_sync_and_counter_work_stays_full(
    tmp_path: Path,
) -> None:
    """write_cache (a page the server can send again) is synchronous=NORMAL for its own
    transaction only: the next counter write on the same pooled connection is FULL again."""
    database = open_current(tmp_path / "t.db")
    try:
        for _ in range(2):
            with database.write_cache() as session:
                assert session.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
            with database.write() as session:
                assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            with database.reader() as session:
                assert session.execute(text("PRAGMA synchronous")).scalar() == 2
    finally:
        database.dispose()


def test_a_build_only_file_stays_unsynced_for_cache_writes_too(tmp_path: Path) -> None:
    database = open_current(tmp_path / "t.db", durable=False)
    try:
        with database.write_cache() as session:
            assert session.execute(text("PRAGMA synchronous")).scalar() == 0  # OFF
        with database.write() as session:
            assert session.execute(text("PRAGMA synchronous")).scalar() == 0
    finally:
        database.dispose()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    database = open_current(tmp_path / "t.db")
    with pytest.raises(Exception, match="FOREIGN KEY"), database.writer.begin() as session:
        session.execute(
            text(
                "INSERT INTO vendors (id, company_id, name, timezone, country, is_active) "
                "VALUES (1, 999, 'x', 'UTC', 'FR', 1)"
            )
        )
    database.dispose()


def test_writer_sessions_take_the_write_lock_at_begin(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits instead of failing halfway through its work."""
    database = open_database(tmp_path / "t.db", busy_timeout_ms=50)
    other = open_database(tmp_path / "t.db", busy_timeout_ms=50)
    with database.writer.begin() as session:
        session.execute(text("SELECT 1"))  # no write yet, but the lock is already held
        with pytest.raises(Exception, match="locked"), other.writer.begin() as second:
            second.execute(text("SELECT 1"))
        with other.reader() as reader:  # readers are never blocked (WAL)
            assert reader.execute(text("SELECT 1")).scalar() == 1
    database.dispose()
    other.dispose()


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    path.write_bytes(b"this is not sqlite at all, just some text that landed here" * 40)
    with pytest.raises(LocalDatabaseUnreadable, match="damaged or is not a loyalty database"):
        open_database(path)
    assert path.read_bytes().startswith(b"this is not sqlite")  # left untouched for IT


def test_a_locked_file_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # rollback-journal mode: nobody else may even read
    try:
        with pytest.raises(LocalDatabaseBusy, match="locked by another program"):
            open_database(path, busy_timeout_ms=20)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_counter_operation_blocked_by_another_writer_says_so_and_changes_nothing(
    tmp_path: Path,
) -> None:
    terminal = make_terminal(tmp_path / "t.db")
    card = terminal.enroll(1)
    impatient = open_database(tmp_path / "t.db", busy_timeout_ms=30)
    services = counter_services(impatient, terminal.clock)
    holder = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # e.g. a stuck sync worker holding the write lock
    try:
        with pytest.raises(LocalDatabaseBusy, match="locked by another program"):
            services.stamps.add_stamp(CASHIER, card.card_id)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert terminal.services.lookup.card(card.card_id).stamp_count == 0
    assert services.stamps.add_stamp(CASHIER, card.card_id).card.stamp_count == 1
    impatient.dispose()
    terminal.database.dispose()


def _quiet_checkpointer(database: Database, **kwargs: object) -> IdleCheckpointer:
    """The database's own thread stopped; a checkpointer driven by hand with a fake clock."""
    assert database.checkpointer is not None
    database.checkpointer.stop()
    wal = database.path.with_name(database.path.name + "-wal")
    return IdleCheckpointer(database.engine, wal, **kwargs)  # type: ignore[arg-type]


def _pending_wal_frames(database: Database) -> int:
    with database.engine.connect() as connection:
        _busy, frames, done = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    return frames - done


def test_idle_checkpoints_run_only_when_the_counter_is_quiet(tmp_path: Path) -> None:
    database = open_current(tmp_path / "t.db", idle_checkpoints=True)
    now = [100.0]
    checkpointer = _quiet_checkpointer(database, idle_s=1.0, clock=lambda: now[0])
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0

    assert checkpointer.run_once() is False  # nothing written yet
    for i in range(3):
        with database.write() as session:
            session.execute(text(f"CREATE TABLE filler{i} (x)"))
    checkpointer.note_write()
    now[0] += 0.5
    assert checkpointer.run_once() is False  # the counter is still busy
    now[0] += 0.6
    assert checkpointer.run_once() is True  # idle for 1.1 s: checkpoint
    assert checkpointer.run_once() is False  # and only once per quiet spell
    assert _pending_wal_frames(database) == 0
    database.dispose()
    database.dispose()  # safe twice


def test_a_long_rush_is_checkpointed_without_waiting_for_a_pause(tmp_path: Path) -> None:
    database = open_current(tmp_path / "t.db", idle_checkpoints=True)
    checkpointer = _quiet_checkpointer(
        database, idle_s=60.0, max_wal_bytes=64 * 1024, clock=lambda: 0.0
    )
    with database.engine.connect() as connection:  # start from an empty WAL
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpointer.note_write()
    assert checkpointer.run_once() is False  # busy and the WAL is still short
    for i in range(40):  # each DDL rewrites the schema page: the WAL grows
        with database.write() as session:
            session.execute(text(f"CREATE TABLE filler{i} (x)"))
        checkpointer.note_write()
    assert (database.path.with_name("t.db-wal")).stat().st_size > 64 * 1024
    assert checkpointer.run_once() is True
    assert _pending_wal_frames(database) == 0
    database.dispose()
