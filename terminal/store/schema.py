"""Schema versioning: bring a database file to the current schema, in place.

Migrations are Alembic revisions under `migrations/versions`; a fresh file is built by
running them all, so a new terminal and an upgraded one end with the same schema.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from terminal.store.backup import copy_database, prune_upgrade_backups, upgrade_backup_path
from terminal.store.engine import Database, describe_database_error, open_database
from terminal.store.errors import (
    LocalDatabaseBackupFailed,
    LocalDatabaseBusy,
    LocalDatabaseError,
    LocalDatabaseTooNew,
    LocalDatabaseUpgradeFailed,
)

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SEARCH_TABLE = "card_search"


def include_in_autogenerate(obj: Any, name: str | None, type_: str, *_: Any) -> bool:
    """The FTS5 search table and its shadow tables live outside the ORM metadata."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE))


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(
    engine: Engine,
    revision: str = "head",
    *,
    backup_of: Path | None = None,
    now: datetime | None = None,
) -> Path | None:
    """Apply every missing migration in one transaction; refuse a file written by a newer
    terminal. With `backup_of` (the database's file), a file that has a schema and needs a
    migration is copied to its backups folder first. A migration that fails leaves the file
    as it was and raises LocalDatabaseError naming the copy. Returns the copy's path."""
    config = _config()
    script = ScriptDirectory.from_config(config)
    known = {rev.revision for rev in script.walk_revisions()}
    current = current_revision(engine)
    if current is not None and current not in known:
        raise LocalDatabaseTooNew(
            "The loyalty database was written by a newer version of the terminal "
            f"(schema {current}). Install that version again; do not delete the file."
        )
    target = script.get_current_head() if revision == "head" else revision
    copy = None
    if backup_of is not None and current is not None and current != target:
        copy = _backup_before_upgrade(engine, backup_of, current, now or datetime.now(UTC))
    try:
        _migrate(engine, config, revision, current)
    except LocalDatabaseTooNew:
        raise
    except DBAPIError as err:
        described = describe_database_error(err, backup_of or Path("terminal.db"))
        if isinstance(described, LocalDatabaseBusy):  # another program holds the file
            raise described from err
        if copy is None:
            raise
        raise _upgrade_failed(backup_of, current, copy, type(err).__name__) from err
    except Exception as err:
        if copy is None:
            raise
        reason = err.message if isinstance(err, LocalDatabaseError) else type(err).__name__
        raise _upgrade_failed(backup_of, current, copy, reason) from err
    return copy


def _upgrade_failed(
    path: Path | None, current: str | None, copy: Path, reason: str
) -> LocalDatabaseUpgradeFailed:
    log.error("upgrading %s from schema %s failed (%s); a copy is at %s", path, current,
              reason, copy)  # fmt: skip
    return LocalDatabaseUpgradeFailed(
        f"Upgrading the loyalty database {path} from schema {current} failed ({reason}). "
        f"The file was not changed, and a copy made just before is at {copy}. Keep both "
        "and call support."
    )


def _backup_before_upgrade(engine: Engine, path: Path, current: str, now: datetime) -> Path:
    target = upgrade_backup_path(path, current, now)
    try:
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            copy_database(raw, target)  # type: ignore[arg-type]
    except (OSError, sqlite3.Error) as err:
        raise LocalDatabaseBackupFailed(
            f"The loyalty database {path} needs an upgrade (schema {current}), but the copy "
            f"made first could not be written to {target.parent} ({err}). Nothing was "
            "changed: free some disk space or fix the folder's permissions, then start again."
        ) from err
    prune_upgrade_backups(path, target)
    log.info("before upgrading %s from schema %s: a copy at %s", path, current, target)
    return target


def _migrate(engine: Engine, config: Config, revision: str, current: str | None) -> None:
    with engine.connect() as connection:
        # SQLite changes a column by copying its table and dropping the original, which
        # fails while other rows reference it and foreign keys are on (e.g. revision 0005).
        # SQLite's own procedure: keys off outside the transaction, every reference checked
        # before commit. (Set on the driver connection: SQLAlchemy would open a transaction.)
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                try:
                    command.upgrade(config, revision)
                except CommandError as err:  # e.g. an unknown target revision
                    raise LocalDatabaseTooNew(str(err)) from err
                migrated = MigrationContext.configure(connection).get_current_revision()
                # (checked only after a migration: on a large file the check takes seconds)
                if (
                    migrated != current
                    and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None
                ):
                    raise LocalDatabaseError(
                        "Upgrading the loyalty database would leave broken references; "
                        "nothing was changed. Keep the file and call support."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def open_current(
    path: Path | str, *, durable: bool = True, idle_checkpoints: bool = False
) -> Database:
    """Open a local database file and bring it to the current schema (a file that needs an
    upgrade is copied to its backups folder first)."""
    database = open_database(path, durable=durable, idle_checkpoints=idle_checkpoints)
    try:
        upgrade(database.engine, backup_of=Path(path))
    except BaseException:
        database.dispose()
        raise
    return database
