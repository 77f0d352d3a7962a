"""Engine and sessions for the server database: a SQLite file by default, PostgreSQL by URL.

The schema is versioned with Alembic (sync/server/migrations): `init_database` brings a
database of any released schema to the current one, in place, at every start.
Databases made before migrations existed (`create_all`, no alembic_version table) are
recognised by their tables and columns, stamped with the revision of that released schema,
then upgraded like the others. A database written by newer code (a revision this code does
not know) is refused untouched.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, insert, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from sync.server.errors import ApiError
from sync.server.models import ServerState

SQLITE_BUSY_TIMEOUT_MS = 10_000
_SQLITE_BEGIN = "loyalty_sqlite_begin"  # execution option: how a SQLite transaction begins
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock key: server processes starting at once upgrade one after another.
SCHEMA_LOCK_KEY = 0x6C6F79616C7479  # "loyalty"
# The tables of the first released schema (revision 0001): a database holding none of them
# (and no alembic_version) is empty; one holding only some is not a server database.
FIRST_SCHEMA_TABLES = frozenset(
    {
        "companies",
        "vendors",
        "programs",
        "rewards",
        "company_settings",
        "staff",
        "customers",
        "cards",
        "card_aliases",
        "card_number_blocks",
        "terminals",
        "activation_codes",
        "ledger_entries",
        "change_log",
        "server_state",
    }
)


class DatabaseSchemaTooNew(ApiError):
    """The database names a schema revision this code does not know: newer code wrote it."""

    def __init__(self, found: str, head: str) -> None:
        super().__init__(
            503,
            "schema_too_new",
            f"The server database is at schema revision {found}, written by a newer version "
            f"of loyalty-server; this version knows revisions up to {head}. Nothing was "
            "changed: run the newer version (or restore a backup made for this one).",
        )
        self.found = found
        self.head = head


class DatabaseNotRecognized(ApiError):
    """Tables without alembic_version that are not any released server schema."""

    def __init__(self, missing: set[str]) -> None:
        super().__init__(
            503,
            "schema_unknown",
            "The database is not a loyalty-server database (or a damaged one): it has no "
            "schema revision and lacks the tables " + ", ".join(sorted(missing)) + ". "
            "Nothing was changed: point --database at the server's own database.",
        )


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`. SQLite gets WAL, foreign keys, and IMMEDIATE transactions.

    IMMEDIATE: every unit of work takes the write lock when it begins, so two pushes never
    read the same `last_seq` and then both try to write (SQLite's lock-upgrade deadlock).
    A read-only unit of work (`make_read_sessionmaker`) begins DEFERRED instead: in WAL
    mode it then holds no lock that a push waits for.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, hide_parameters=True, **kwargs)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # no SQL parameters (card tokens, hashes) in errors or logs
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(_SQLITE_BEGIN, "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _config() -> Config:
    config = Config()  # no alembic.ini: everything it would say is said here
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache  # the scripts are this code's own: read them once per process
def _known_revisions() -> frozenset[str]:
    scripts = ScriptDirectory.from_config(_config()).walk_revisions()
    return frozenset(script.revision for script in scripts)


@cache
def head_revision() -> str:
    """The schema revision this code brings every database to."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def schema_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None: none recorded).

    On SQLite it reads outside any transaction, so asking takes no write lock."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            raw = connection.connection.driver_connection
            assert raw is not None
            if (
                raw.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                ).fetchone()
                is None
            ):
                return None
            row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
        return MigrationContext.configure(connection).get_current_revision()


def legacy_revision(connection: Connection) -> str | None:
    """The revision of a database made by `create_all` before migrations existed, told by
    what each released schema added (None: an empty database)."""
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    if not tables & (FIRST_SCHEMA_TABLES | {"rule_versions", "audit_log"}):
        return None
    missing = FIRST_SCHEMA_TABLES - tables
    if missing:
        raise DatabaseNotRecognized(missing)

    def columns(table: str) -> dict[str, dict[str, Any]]:
        return {column["name"]: column for column in inspector.get_columns(table)}

    terminals = columns("terminals")
    ledger = columns("ledger_entries")
    # 0006 to 0009: models of work in progress after the last release (dev databases).
    ledger_indexes = {ix["name"] for ix in inspector.get_indexes("ledger_entries")}
    if "ix_ledger_entries_company_time" in ledger_indexes:
        return "0009"
    if "ix_cards_company_id_id" in {ix["name"] for ix in inspector.get_indexes("cards")}:
        return "0008"
    if "ix_change_log_created_at" in {ix["name"] for ix in inspector.get_indexes("change_log")}:
        return "0007"
    if "caught_up_at" in terminals:
        return "0006"
    if "rule_versions" in tables or "last_seen_at" in terminals or "flagged" in ledger:
        return "0005"
    if "BIGINT" in str(ledger["staff_id"]["type"]).upper():
        return "0004"
    if "country" in columns("vendors"):
        return "0003"
    if ledger["vendor_id"]["nullable"]:
        return "0002"
    return "0001"


def init_database(engine: Engine) -> None:
    """Bring the database to the current schema (idempotent) and add the server-state row.

    One transaction, so a failed upgrade changes nothing: on PostgreSQL under an advisory
    lock (servers starting at once upgrade one after another), on SQLite under the write
    lock that BEGIN IMMEDIATE takes. Raises DatabaseSchemaTooNew for a database of newer
    code, DatabaseNotRecognized for tables of something else; both leave it untouched.
    """
    config = _config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.driver_connection if sqlite else None
        # SQLite changes a column by copying its table and dropping the original, which
        # fails while other rows reference it and foreign keys are on. SQLite's procedure:
        # keys off outside the transaction, every reference checked before commit. (On the
        # driver connection: SQLAlchemy would open a transaction, where the pragma is a no-op.)
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY}
                    )
                _upgrade(connection, config, check_references=sqlite)
                if connection.execute(select(ServerState.id)).first() is None:
                    connection.execute(insert(ServerState).values(id=1, log_pruned_through=0))
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def _upgrade(connection: Connection, config: Config, *, check_references: bool) -> None:
    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and current not in _known_revisions():
        raise DatabaseSchemaTooNew(current, head_revision())
    config.attributes["connection"] = connection
    if current is None:
        current = legacy_revision(connection)
        if current is not None:
            command.stamp(config, current)
    if current == head_revision():
        return
    command.upgrade(config, "head")
    if (
        check_references
        and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None
    ):
        raise ApiError(
            503,
            "schema_upgrade_failed",
            "Upgrading the server database would leave broken references; nothing was "
            "changed. Keep the database as it is and restore a consistent backup.",
        )


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def make_read_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for units of work that only read (a long aggregate such as the company's
    figures): on SQLite they never take the write lock (PostgreSQL readers take none)."""
    reading = engine.execution_options(**{_SQLITE_BEGIN: "DEFERRED"})
    return sessionmaker(reading, expire_on_commit=False)
