"""The local SQLite engine: WAL, synchronous=FULL, foreign keys, explicit transactions.

pysqlite's own transaction handling is switched off and SQLAlchemy's `begin` emits the
BEGIN itself, as the SQLAlchemy documentation advises for SQLite. Sessions made by
`Database.writer` start with BEGIN IMMEDIATE: they take the write lock up front, so two
writers (the counter and the sync worker) queue on the busy timeout instead of failing
halfway with "database is locked" when a read transaction tries to become a write one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from terminal.store.checkpoint import IdleCheckpointer
from terminal.store.errors import LocalDatabaseBusy, LocalDatabaseError, LocalDatabaseUnreadable

BUSY_TIMEOUT_MS = 5_000
# Page cache per connection, KiB (SQLite's default is 2,000): a million cards' indexes are
# far bigger, and the pull of a big chain ran 20% faster at 300,000 cards with this.
CACHE_KIB = 65_536
CACHE_SYNCHRONOUS = "NORMAL"  # Database.write_cache's transactions
# Keys of a pooled connection's info: its synchronous mode now, and as it was opened.
_SYNCHRONOUS, _DEFAULT_SYNCHRONOUS = "loyalty_synchronous", "loyalty_default_synchronous"


def _connect_listener(synchronous: str, busy_timeout_ms: int, auto_checkpoint: bool) -> Any:
    def on_connect(dbapi_connection: sqlite3.Connection, record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module doc)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
            record.info[_SYNCHRONOUS] = record.info[_DEFAULT_SYNCHRONOUS] = synchronous
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            if not auto_checkpoint:  # an IdleCheckpointer does it (see store/checkpoint.py)
                cursor.execute("PRAGMA wal_autocheckpoint = 0")
        finally:
            cursor.close()

    return on_connect


def _on_begin(connection: Any) -> None:
    options = connection.get_execution_options()
    info = connection.connection.info  # the pooled connection's own: its PRAGMA state
    opened = info.get(_DEFAULT_SYNCHRONOUS)
    # A build-only file (OFF) stays as fast as it was opened.
    wanted = opened if opened == "OFF" else options.get("sqlite_synchronous") or opened
    if wanted is not None and info.get(_SYNCHRONOUS) != wanted:
        connection.exec_driver_sql(f"PRAGMA synchronous = {wanted}")
        info[_SYNCHRONOUS] = wanted
    connection.exec_driver_sql(f"BEGIN {options.get('sqlite_begin', 'DEFERRED')}")


def make_engine(
    path: Path | str,
    *,
    durable: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    auto_checkpoint: bool = True,
) -> Engine:
    """`durable=False` (synchronous=OFF) is only for building demo or benchmark files."""
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    listener = _connect_listener("FULL" if durable else "OFF", busy_timeout_ms, auto_checkpoint)
    event.listen(engine, "connect", listener)
    event.listen(engine, "begin", _on_begin)
    return engine


class WriteGate:
    """First come, first served among this process's writers (the counter's writer thread
    and the sync engine's): a writer waiting for SQLite's lock would sleep in its busy
    handler (1, 2, 5 ... 100 ms steps) and could lose the lock again to the engine's next
    page; here it is woken the moment the lock is free, in turn. Reentrant per thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: deque[int] = deque()
        self._owner: int | None = None
        self._depth = 0

    @contextmanager
    def held(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
            else:
                self._queue.append(me)
                while self._owner is not None or self._queue[0] != me:
                    self._cond.wait()
                self._queue.popleft()
                self._owner, self._depth = me, 1
        try:
            yield
        finally:
            with self._cond:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._cond.notify_all()


@dataclass(frozen=True)
class Database:
    """One local database file: its engine and the two kinds of unit of work."""

    path: Path
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    cache_writer: sessionmaker[Session]
    checkpointer: IdleCheckpointer | None = None
    gate: WriteGate = field(default_factory=WriteGate)

    def dispose(self) -> None:
        """Stop the checkpoint thread (if any) and close every connection; safe twice."""
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work; database failures become LocalDatabaseError."""
        with self._translated_errors(), self.reader() as session:
            yield session

    def write(self) -> AbstractContextManager[Session]:
        """A write unit of work: committed on success, rolled back on any exception."""
        return self._write(self.writer)

    def write_cache(self) -> AbstractContextManager[Session]:
        """A write of data the server can send again (a pulled page and its cursor), with
        synchronous=NORMAL: in WAL mode still atomic and never corrupt; a power cut may undo
        the last such commits, page and cursor together, and they are pulled again. Any
        later durable commit (a counter operation) syncs them with it, in order. No counter
        entry is ever written through here."""
        return self._write(self.cache_writer)

    @contextmanager
    def _write(self, sessions: sessionmaker[Session]) -> Iterator[Session]:
        with self.gate.held(), self._translated_errors(), sessions.begin() as session:
            yield session
        if self.checkpointer is not None:
            self.checkpointer.note_write()

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as err:
            raise describe_database_error(err, self.path) from err


def open_database(
    path: Path | str,
    *,
    durable: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    idle_checkpoints: bool = False,
) -> Database:
    """Open (creating if needed) and check a database file; does not migrate it.

    `idle_checkpoints=True` (the terminal app) moves WAL checkpoints to a background thread
    that runs them when the counter is idle; `dispose()` stops it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(
        path,
        durable=durable,
        busy_timeout_ms=busy_timeout_ms,
        auto_checkpoint=not idle_checkpoints,
    )
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DBAPIError as err:
        engine.dispose()
        raise describe_database_error(err, path) from err
    writer_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
    checkpointer = None
    if idle_checkpoints:
        checkpointer = IdleCheckpointer(engine, path.with_name(path.name + "-wal"))
    if checkpointer is not None:
        checkpointer.start()
    return Database(
        path=path,
        engine=engine,
        reader=sessionmaker(engine, expire_on_commit=False),
        writer=sessionmaker(writer_engine, expire_on_commit=False),
        cache_writer=sessionmaker(
            writer_engine.execution_options(sqlite_synchronous=CACHE_SYNCHRONOUS),
            expire_on_commit=False,
        ),
        checkpointer=checkpointer,
    )


def describe_database_error(err: DBAPIError, path: Path) -> LocalDatabaseError:
    text = str(err.orig).lower()
    if "locked" in text or "busy" in text:
        return LocalDatabaseBusy(
            f"The loyalty database {path} is locked by another program. Close other "
            "copies of the terminal; if it persists, restart the computer."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return LocalDatabaseUnreadable(
            f"The loyalty database {path} is damaged or is not a loyalty database. "
            "Pending transactions may be inside: keep the file and call IT support."
        )
    return LocalDatabaseError(f"The loyalty database {path} cannot be used: {err.orig}")
