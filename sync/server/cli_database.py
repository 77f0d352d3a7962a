"""`loyalty-server backup DEST.db`: a consistent copy of the SQLite database, while it serves.

The copy is made with SQLite's online backup API in one step, inside one read transaction:
under WAL the server keeps writing meanwhile, and the copy is the database as it stood when
the step began. It is written next to DEST, checked (integrity_check, schema revision) and
only then renamed to DEST, so a failed backup never leaves a half-written DEST. PostgreSQL
databases are backed up with pg_dump.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from sync.server.db import head_revision


def register(commands: Any) -> None:
    backup = commands.add_parser(
        "backup", help="a consistent copy of the SQLite database (safe while serving)"
    )
    backup.add_argument("dest", type=Path, help="the copy to write, e.g. server-backup.db")
    backup.add_argument("--force", action="store_true", help="overwrite DEST if it exists")
    backup.set_defaults(handler=run_backup)


def run_backup(args: argparse.Namespace, engine: Engine) -> int:
    if engine.dialect.name != "sqlite":
        print(
            "error: backup copies SQLite databases only. Back up a PostgreSQL database with "
            "pg_dump, e.g. pg_dump --format=custom --file=server.dump DBNAME (restore with "
            "pg_restore).",
            file=sys.stderr,
        )
        return 2
    dest: Path = args.dest
    source = engine.url.database
    if source and source != ":memory:" and dest.exists() and dest.samefile(source):
        print(f"error: {dest} is the database itself; choose another file", file=sys.stderr)
        return 2
    if dest.exists() and not args.force:
        print(f"error: {dest} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
    try:
        revision = backup_sqlite(engine, dest)
    except BackupFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"backed up to {dest} (schema {revision}, {dest.stat().st_size} bytes)")
    return 0


class BackupFailed(Exception):
    pass


def backup_sqlite(engine: Engine, dest: Path) -> str:
    """Copy the database to `dest` (replaced if it exists); returns the copy's revision."""
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    raw_source = engine.raw_connection()
    try:
        source = raw_source.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)  # pages=-1: every page in one step, one consistent snapshot
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            revision = _check_copy(copy)
        finally:
            copy.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        raw_source.close()
    os.replace(partial, dest)
    return revision


def _check_copy(copy: sqlite3.Connection) -> str:
    verdict = [row[0] for row in copy.execute("PRAGMA integrity_check")]
    if verdict != ["ok"]:
        raise BackupFailed("the copy fails its integrity check: " + "; ".join(verdict[:5]))
    row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    head = head_revision()
    if row is None or row[0] != head:
        raise BackupFailed(f"the copy is at schema {row and row[0]}, not {head}")
    return str(row[0])
