"""Copies of the local database file: before an upgrade, and when IT asks for one.

SQLite's online backup API copies a consistent snapshot page by page while the terminal may
keep working (a file copy of a database in WAL mode can miss its last transactions). The
copy is written beside its final name and renamed, so a half-written backup never looks
like a good one. Backups live in `<data folder>/backups/`; the upgrade keeps the newest
`KEEP_UPGRADE_BACKUPS` of its own.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

BACKUPS_FOLDER = "backups"
KEEP_UPGRADE_BACKUPS = 3
UPGRADE_PREFIX = "before-upgrade-"


def backups_dir(database_path: Path) -> Path:
    return database_path.parent / BACKUPS_FOLDER


def copy_database(source: sqlite3.Connection | Path, target: Path) -> Path:
    """Write a consistent copy of `source` (an open connection, or a file) to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    opened = None
    if isinstance(source, Path):
        opened = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        source = opened
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination, pages=4096)
        finally:
            destination.close()
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    finally:
        if opened is not None:
            opened.close()
    return target


def upgrade_backup_path(database_path: Path, revision: str, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backups_dir(database_path) / f"{UPGRADE_PREFIX}{revision}-{stamp}.db"


def prune_upgrade_backups(
    database_path: Path, newest: Path, keep: int = KEEP_UPGRADE_BACKUPS
) -> None:
    """Keep `newest` (the copy just made) and the newest others up to `keep` in all, by the
    time in their names (file times move with clocks and copies)."""
    folder = backups_dir(database_path)
    others = [p for p in folder.glob(f"{UPGRADE_PREFIX}*.db") if p != newest]
    others.sort(key=lambda p: (p.stem.rsplit("-", 1)[-1], p.name))
    for old in others[: max(len(others) - (keep - 1), 0)]:
        with contextlib.suppress(OSError):
            old.unlink()
