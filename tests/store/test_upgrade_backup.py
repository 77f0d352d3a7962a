"""Upgrades copy the file first; a failed upgrade leaves the file as it was and names the copy."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from terminal.store.backup import KEEP_UPGRADE_BACKUPS, backups_dir, copy_database
from terminal.store.engine import open_database
from terminal.store.errors import (
    LocalDatabaseBackupFailed,
    LocalDatabaseBusy,
    LocalDatabaseUpgradeFailed,
)
from terminal.store.schema import current_revision, head_revision, open_current, upgrade

OLD = "0007"


def _old_file(path: Path) -> None:
    database = open_database(path)
    upgrade(database.engine, OLD)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO companies (id, name) VALUES (1, 'Old Company')")
    database.dispose()


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def _content(path: Path) -> tuple[str, list[str]]:
    """The main file's bytes after a full checkpoint, and the whole schema and data."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        dump = list(connection.iterdump())
    return hashlib.sha256(path.read_bytes()).hexdigest(), dump


def test_an_upgrade_copies_the_file_first_and_the_copy_is_the_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    _old_file(path)

    open_current(path).dispose()

    assert _revision(path) == head_revision()
    (copy,) = backups_dir(path).glob("before-upgrade-*.db")
    assert copy.name.startswith(f"before-upgrade-{OLD}-")
    assert _revision(copy) == OLD
    with closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("SELECT name FROM companies").fetchall() == [("Old Company",)]
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_current_or_new_file_is_not_copied(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    open_current(path).dispose()  # new: nothing to keep
    open_current(path).dispose()  # current: nothing to upgrade
    assert not backups_dir(path).exists()


def test_only_the_newest_upgrade_copies_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    database = open_database(path)
    try:
        upgrade(database.engine, "0002")
        steps = ["0003", "0004", "0005", "0006", "0007"]
        copies = [
            upgrade(database.engine, step, backup_of=path, now=datetime(2026, 12, day, tzinfo=UTC))
            for day, step in enumerate(steps, start=1)
        ]
    finally:
        database.dispose()
    assert None not in copies
    kept = set(backups_dir(path).glob("before-upgrade-*.db"))
    assert kept == set(copies[-KEEP_UPGRADE_BACKUPS:])


def test_the_copy_just_made_is_kept_even_when_older_copies_look_newer(tmp_path: Path) -> None:
    """A clock that was ahead once named copies in the future: the new one still stays."""
    path = tmp_path / "terminal.db"
    _old_file(path)
    folder = backups_dir(path)
    folder.mkdir()
    future = [folder / f"before-upgrade-0006-2030010{n}T000000Z.db" for n in range(1, 5)]
    for copy in future:
        copy.write_bytes(b"an older copy")
    database = open_database(path)
    try:
        made = upgrade(database.engine, backup_of=path, now=datetime(2026, 12, 4, tzinfo=UTC))
    finally:
        database.dispose()
    assert made is not None
    assert made.exists()
    assert set(folder.glob("before-upgrade-*.db")) == {made, *future[-2:]}


def test_a_file_another_program_holds_locked_is_busy_not_broken(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    _old_file(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        database = open_database(path, busy_timeout_ms=50)
        try:
            with pytest.raises(LocalDatabaseBusy):
                upgrade(database.engine, backup_of=path)
        finally:
            database.dispose()
    finally:
        holder.rollback()
        holder.close()
    assert _revision(path) == OLD


def test_a_failed_upgrade_leaves_the_file_untouched_and_names_the_copy(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    _old_file(path)
    # a reference to nothing, which the upgrade's final check refuses
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "INSERT INTO vendors (id, company_id, name, timezone, is_active, country) "
            "VALUES (7, 99, 'Orphan', 'Europe/Paris', 1, 'FR')"
        )
    before = _content(path)

    with pytest.raises(LocalDatabaseUpgradeFailed) as raised:
        open_current(path)

    assert _content(path) == before  # not one table, row or page changed
    assert _revision(path) == OLD
    (copy,) = backups_dir(path).glob("before-upgrade-*.db")
    message = raised.value.message
    assert f"from schema {OLD} failed" in message
    assert "The file was not changed" in message
    assert str(copy) in message


def test_a_copy_that_cannot_be_written_stops_the_upgrade_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    _old_file(path)
    backups_dir(path).write_text("a file where the folder should be")

    with pytest.raises(LocalDatabaseBackupFailed) as raised:
        open_current(path)

    assert "could not be written" in raised.value.message
    assert _revision(path) == OLD


def test_copy_database_makes_a_consistent_copy_of_a_file_in_use(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    database = open_current(path)
    try:
        with database.engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO companies (id, name) VALUES (1, 'Live')")
        copy = copy_database(path, tmp_path / "out" / "copy.db")
    finally:
        database.dispose()
    assert current_revision(open_database(copy).engine) == head_revision()
    with closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("SELECT name FROM companies").fetchall() == [("Live",)]
    assert not list((tmp_path / "out").glob(".*partial"))
