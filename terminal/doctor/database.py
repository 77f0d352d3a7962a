"""The local database file: intact, at which schema, not held locked, room on its drive;
and who this terminal is, as the file says.

Nothing here creates the file or migrates it: SQLite opens it through "mode=ro" / "mode=rw"
URIs, which refuse a missing file instead of making an empty one.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from terminal.doctor.outcome import Check, Outcome, skipped
from terminal.store.models import TerminalIdentity
from terminal.store.schema import MIGRATIONS_DIR, head_revision

BACKUP_HINT = "restore the latest backup (see README, Backup)"
LOCK_HINT = "is another terminal instance running? Close it (or restart the computer)"
READ_TIMEOUT_S = 2.0  # how long a read waits for another program's lock
LOCK_TIMEOUT_S = 0.2  # how long the write-lock probe waits
MB = 1024 * 1024
FAIL_BELOW_BYTES = 200 * MB
WARN_BELOW_BYTES = 1024 * MB

DiskUsage = Callable[[Path], Any]  # shutil.disk_usage: anything with a `free` in bytes


class DatabaseUnreadable(Exception):
    """The file exists but cannot be read (damaged, locked, not a database)."""


def _connect(path: Path, mode: Literal["ro", "rw"], timeout: float) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={mode}"  # as_uri: "?" or "#" in a folder name
    return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)


def _is_locked(err: BaseException) -> bool:
    text = str(err).lower()
    return "locked" in text or "busy" in text


def check_database(path: Path, *, timeout: float = READ_TIMEOUT_S) -> Check:
    if not path.exists():
        return Check("database", Outcome.OK, f"{path} not created yet (made at activation)")
    try:
        integrity, tables, version = _inspect(path, timeout)
    except sqlite3.DatabaseError as err:
        if _is_locked(err):
            return Check("database", Outcome.FAIL, f"{path} is locked ({err}): {LOCK_HINT}")
        return Check("database", Outcome.FAIL, f"{path} cannot be read ({err}): {BACKUP_HINT}")
    if integrity != "ok":
        return Check("database", Outcome.FAIL, f"{path} is damaged ({integrity}): {BACKUP_HINT}")
    return _schema_check(path, tables, version)


def _inspect(path: Path, timeout: float) -> tuple[str, set[str], str | None]:
    """(quick_check's verdict, table names, Alembic revision or None)."""
    connection = _connect(path, "ro", timeout)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check").fetchmany(3)]
        query = "SELECT name FROM sqlite_master WHERE type = 'table'"
        tables = {name for (name,) in connection.execute(query)}
        version = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            version = row[0] if row else None
    finally:
        connection.close()
    return "; ".join(problems), tables, version


def _schema_check(path: Path, tables: set[str], version: str | None) -> Check:
    head = head_revision()
    if version is None:
        if not tables - {"alembic_version"}:
            return Check(
                "database", Outcome.WARN, f"{path} is empty: the terminal builds it when it starts"
            )
        return Check(
            "database",
            Outcome.FAIL,
            f"{path} is not a loyalty database (no schema version): {BACKUP_HINT}",
        )
    if version == head:
        return Check("database", Outcome.OK, f"{path} ok (schema {version})")
    if version not in _known_revisions():
        return Check(
            "database",
            Outcome.FAIL,
            f"{path} was written by a newer terminal (schema {version}): install that "
            "version again; do not delete the file",
        )
    return Check(
        "database",
        Outcome.WARN,
        f"{path} is at schema {version}; the terminal upgrades it to {head} when it starts",
    )


def _known_revisions() -> set[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}


def check_database_lock(path: Path, *, timeout: float = LOCK_TIMEOUT_S) -> Check:
    """Whether this terminal could write now: BEGIN IMMEDIATE takes SQLite's write lock
    (and gives it back at once); it fails while another program holds it."""
    if not path.exists():
        return skipped("write lock", "no database yet")
    try:
        connection = _connect(path, "rw", timeout)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
        finally:
            connection.close()
    except sqlite3.DatabaseError as err:
        text = str(err).lower()
        if _is_locked(err):
            return Check(
                "write lock",
                Outcome.FAIL,
                f"another program holds the write lock of {path}: {LOCK_HINT}",
            )
        if "readonly" in text or "unable to open" in text:
            return Check(
                "write lock",
                Outcome.FAIL,
                f"{path} cannot be written ({err}): give this user write access to the "
                "file and its folder",
            )
        return skipped("write lock", "the file cannot be read: see database")
    return Check("write lock", Outcome.OK, "no other program holds its write lock")


def check_disk_space(folder: Path, *, disk_usage: DiskUsage = shutil.disk_usage) -> Check:
    """Free space on the drive of the data folder (or of its nearest existing parent)."""
    try:
        free = int(disk_usage(_nearest_existing(folder)).free)
    except OSError as err:
        return Check("disk space", Outcome.WARN, f"free space of {folder} unknown ({err})")
    figure = _size(free)
    if free < FAIL_BELOW_BYTES:
        return Check(
            "disk space",
            Outcome.FAIL,
            f"only {figure} free on the drive of {folder}: free some space now; the "
            "database needs room for every sale it records",
        )
    if free < WARN_BELOW_BYTES:
        return Check(
            "disk space",
            Outcome.WARN,
            f"{figure} free on the drive of {folder}: free some space soon (under "
            f"{_size(FAIL_BELOW_BYTES)} the terminal may fail to record)",
        )
    return Check("disk space", Outcome.OK, f"{figure} free on the drive of {folder}")


def _nearest_existing(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return folder


def _size(size: int) -> str:
    if size < 1024 * MB:
        return f"{size // MB} MB"
    return f"{size / (1024 * MB):.1f} GB"


@dataclass(frozen=True)
class Identity:
    """Who this terminal is, as its database says; `terminal_id` None: not activated."""

    terminal_id: str | None = None
    server_url: str | None = None


def read_identity(path: Path, *, timeout: float = READ_TIMEOUT_S) -> Identity:
    """The activation's terminal id and server address (what TerminalSyncStore reads),
    read-only: a missing file stays missing, an old one is not upgraded. Raises
    DatabaseUnreadable when the file is there but cannot be read."""
    if not path.exists():
        return Identity()
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: _connect(path, "ro", timeout), poolclass=NullPool
    )
    query = select(TerminalIdentity.terminal_id, TerminalIdentity.server_url).where(
        TerminalIdentity.id == 1
    )
    try:
        with engine.connect() as connection:
            row = connection.execute(query).first()
    except DBAPIError as err:
        if "no such table" in str(err.orig).lower():
            return Identity()  # empty, or older than activation itself
        raise DatabaseUnreadable(str(err.orig)) from err
    finally:
        engine.dispose()
    return Identity(row.terminal_id, row.server_url) if row else Identity()
