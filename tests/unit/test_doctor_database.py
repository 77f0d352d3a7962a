"""`doctor`'s local database checks on real SQLite files: integrity, schema, a write lock
held by another connection, free disk space, and the terminal's identity, all read without
creating or upgrading the file."""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from terminal.config import Settings
from terminal.doctor import (
    Identity,
    Outcome,
    check_database,
    check_database_lock,
    check_disk_space,
    read_identity,
    run_checks,
)
from terminal.doctor.database import DatabaseUnreadable
from terminal.store.engine import open_database
from terminal.store.schema import head_revision, open_current, upgrade
from tests.factories import make_terminal
from tests.sync.test_token_store import MemoryKeyring

MB = 1024 * 1024
Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def current(tmp_path: Path) -> Path:
    path = tmp_path / "terminal.db"
    open_current(path).dispose()
    return path


@pytest.fixture
def writer(current: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write: it holds the database's write lock."""
    other = sqlite3.connect(current, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_a_missing_database_is_reported_and_not_created(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "not" / "there")
    checks = {
        c.name: c
        for c in run_checks(
            settings,
            list_cameras=list,
            decoders={},
            default_decoder="zxing-cpp",
            keyring_backend=MemoryKeyring,
        )
    }
    assert checks["database"].outcome is Outcome.OK
    assert "not created yet (made at activation)" in checks["database"].detail
    assert checks["write lock"].outcome is Outcome.SKIP
    assert checks["server reach"].outcome is Outcome.WARN
    assert "not activated: run loyalty-terminal activate" in checks["server reach"].detail
    assert not (tmp_path / "not").exists()  # nothing made: not the file, not its folder


def test_the_current_schema_passes_and_an_older_one_warns(tmp_path: Path, current: Path) -> None:
    assert check_database(current).detail == f"{current} ok (schema {head_revision()})"
    older = tmp_path / "older.db"
    database = open_database(older)
    upgrade(database.engine, "0001")
    database.dispose()
    check = check_database(older)
    assert check.outcome is Outcome.WARN
    assert f"schema 0001; the terminal upgrades it to {head_revision()}" in check.detail


def test_a_schema_from_a_newer_terminal_fails_without_promising_an_upgrade(current: Path) -> None:
    with closing(sqlite3.connect(current, isolation_level=None)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    check = check_database(current)
    assert check.outcome is Outcome.FAIL
    assert "written by a newer terminal (schema 9999_from_the_future)" in check.detail
    assert "do not delete the file" in check.detail


def test_garbage_bytes_fail_with_the_backup_hint(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    path.write_bytes(b"not a database at all" * 100)
    check = check_database(path)
    assert check.outcome is Outcome.FAIL
    assert "cannot be read (file is not a database)" in check.detail
    assert "restore the latest backup (see README, Backup)" in check.detail
    assert check_database_lock(path).outcome is Outcome.SKIP  # one FAIL for one problem
    with pytest.raises(DatabaseUnreadable):
        read_identity(path)


def test_a_damaged_page_fails_quick_check_with_the_backup_hint(current: Path) -> None:
    # the root page of loyalty_cards overwritten: the header is intact, the b-tree is not
    with closing(sqlite3.connect(current, isolation_level=None)) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'loyalty_cards'"
        ).fetchone()[0]
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with current.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)
    check = check_database(current)
    assert check.outcome is Outcome.FAIL
    assert "restore the latest backup" in check.detail


def test_an_empty_file_warns_and_another_programs_database_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    assert check_database(empty).outcome is Outcome.WARN
    assert "is empty: the terminal builds it when it starts" in check_database(empty).detail
    assert read_identity(empty) == Identity()
    stranger = tmp_path / "stranger.db"
    with closing(sqlite3.connect(stranger, isolation_level=None)) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    check = check_database(stranger)
    assert check.outcome is Outcome.FAIL
    assert "is not a loyalty database" in check.detail


def test_a_held_write_lock_is_named_with_the_other_instance_hint(
    current: Path, writer: sqlite3.Connection
) -> None:
    assert check_database(current).outcome is Outcome.OK  # WAL: reading still works
    locked = check_database_lock(current, timeout=0.05)
    assert locked.outcome is Outcome.FAIL
    assert f"another program holds the write lock of {current}" in locked.detail
    assert "another terminal instance running? Close it" in locked.detail
    writer.execute("ROLLBACK")
    writer.execute("BEGIN")  # the fixture's ROLLBACK ends this one
    assert check_database_lock(current).outcome is Outcome.OK


def test_a_lock_that_stops_reads_is_not_called_damage(tmp_path: Path) -> None:
    """A rollback-journal file (not WAL) under an exclusive lock cannot even be read."""
    path = tmp_path / "terminal.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE alembic_version (version_num TEXT)")
    other.execute("BEGIN EXCLUSIVE")
    try:
        check = check_database(path, timeout=0.05)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert check.outcome is Outcome.FAIL
    assert "is locked (database is locked)" in check.detail
    assert "backup" not in check.detail


@pytest.mark.parametrize(
    ("free", "outcome", "figure"),
    [
        (150 * MB, Outcome.FAIL, "only 150 MB free"),
        (200 * MB - 1, Outcome.FAIL, "only 199 MB free"),
        (200 * MB, Outcome.WARN, "200 MB free"),
        (1024 * MB - 1, Outcome.WARN, "1023 MB free"),
        (1024 * MB, Outcome.OK, "1.0 GB free"),
        (5 * 1024 * MB + 300 * MB, Outcome.OK, "5.3 GB free"),
    ],
)
def test_free_disk_space_thresholds(
    tmp_path: Path, free: int, outcome: Outcome, figure: str
) -> None:
    asked: list[Path] = []

    def usage(folder: Path) -> Usage:
        asked.append(folder)
        return Usage(10 * 1024 * MB, 0, free)

    folder = tmp_path / "data"  # not made yet: its drive is its parent's
    check = check_disk_space(folder, disk_usage=usage)
    assert check.outcome is outcome
    assert f"{figure} on the drive of {folder}" in check.detail
    assert asked == [tmp_path]
    assert not folder.exists()


def test_free_disk_space_of_the_real_drive_and_an_unreadable_one(tmp_path: Path) -> None:
    check = check_disk_space(tmp_path)
    assert f"free on the drive of {tmp_path}" in check.detail
    assert check.outcome in (Outcome.OK, Outcome.WARN, Outcome.FAIL)

    def broken(_folder: Path) -> Usage:
        raise PermissionError("denied")

    unknown = check_disk_space(tmp_path, disk_usage=broken)
    assert unknown.outcome is Outcome.WARN
    assert "unknown (denied)" in unknown.detail


def test_the_identity_is_read_without_upgrading_an_old_file(tmp_path: Path) -> None:
    term = make_terminal(tmp_path / "terminal.db")
    term.database.dispose()
    assert read_identity(tmp_path / "terminal.db") == Identity(term.terminal_id, None)
    assert read_identity(tmp_path / "missing.db") == Identity()
    assert not (tmp_path / "missing.db").exists()
    old = tmp_path / "old.db"
    database = open_database(old)
    upgrade(database.engine, "0001")
    database.dispose()
    assert read_identity(old) == Identity()
    with closing(
        sqlite3.connect(old, isolation_level=None)
    ) as connection:  # still at 0001: nothing was migrated
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_a_damaged_database_is_not_mistaken_for_a_terminal_not_activated(tmp_path: Path) -> None:
    (tmp_path / "terminal.db").write_bytes(b"\x00garbage" * 512)
    checks = {
        c.name: c
        for c in run_checks(
            Settings(data_dir=tmp_path),
            list_cameras=list,
            decoders={},
            default_decoder="zxing-cpp",
            keyring_backend=MemoryKeyring,
        )
    }
    assert checks["database"].outcome is Outcome.FAIL
    assert checks["server reach"].outcome is Outcome.SKIP
    assert "the local database cannot be read" in checks["server reach"].detail
