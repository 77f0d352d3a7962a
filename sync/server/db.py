"""Engine and sessions for the server database: a SQLite file by default, PostgreSQL by URL.

The schema is created with `create_all` for now (no migrations yet on the server side).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from sync.server.models import Base, ServerState

SQLITE_BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`. SQLite gets WAL, foreign keys, and IMMEDIATE transactions.

    IMMEDIATE: every unit of work takes the write lock when it begins, so two pushes never
    read the same `last_seq` and then both try to write (SQLite's lock-upgrade deadlock).
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
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def init_database(engine: Engine) -> None:
    """Create missing tables (idempotent) and the server-state row."""
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        if session.get(ServerState, 1) is None:
            session.add(ServerState(id=1, log_pruned_through=0))


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
