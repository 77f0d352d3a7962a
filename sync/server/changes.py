"""The change log and the `changes` pages terminals pull.

Every catalogue or card change is written to `change_log` in the same database transaction
as the change itself, so a terminal never sees a balance without its ledger entry or the
reverse. Cursors are opaque to terminals:

- `c<seq>`: "I have every change up to log seq <seq>". The next page is the company's
  changes after it (and this terminal's own card-number blocks).
- `s<entity index>:<last key>:<base seq>`: inside a snapshot. A snapshot pages through every
  current row of the company, entity by entity in key order, then continues with `c<base>`,
  where base is the log position taken when the snapshot started; changes made meanwhile are
  replayed after it (upserts are idempotent, so seeing a row twice is harmless).

No cursor, an unreadable one, one from the future, or one older than the pruned part of the
log: a new snapshot.

Commit order (why a `c<seq>` cursor never skips a row). On PostgreSQL a log row's seq comes
from a sequence when it is inserted, not when its transaction commits: two concurrent writers
could take seqs 7 and 8, commit 8 first, and a pull in between would answer `c8` and never see
7. We prevent this by serializing the log per company with a row lock on the company:

- every transaction that writes change-log rows first takes `SELECT ... FOR NO KEY UPDATE` on
  its company's row (`lock_company_log`, called by `record_change` and at the start of each
  writing unit of work) and holds it until commit, so within a company seq order equals commit
  order;
- a pull takes `FOR SHARE` on the same row before reading, so it waits for an in-flight writer
  of its company, and a later writer waits for it and takes a higher seq than anything it saw.

A pull only ever sees its own company's rows, so other companies' interleaving is harmless.
This was chosen over serving changes only up to a "safe point" (the oldest in-flight
transaction's seq) because it needs no PostgreSQL-specific snapshot functions and is also what
makes enrollment checks (email/phone matches) race-free; its cost is that writes to one
company's data are serialized, which a loyalty program's traffic easily affords. `NO KEY
UPDATE` (not `UPDATE`) so that inserts referencing the company (foreign keys take `KEY SHARE`)
are not blocked. On SQLite every transaction is `BEGIN IMMEDIATE`, which serializes writers
anyway, and the locking clauses are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from pydantic_core import to_json
from sqlalchemy import BigInteger, String, delete, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sync.protocol import Entity
from sync.server.models import (
    Card,
    CardAlias,
    CardNumberBlock,
    ChangeLog,
    Company,
    Customer,
    Program,
    Reward,
    ServerState,
    Settings,
    Staff,
    Terminal,
    Vendor,
    fits_integer,
)

_LOCKED_KEY = "loyalty_company_log_locks"


def lock_company_log(session: Session, company_id: int, *, shared: bool = False) -> None:
    """Lock `company_id`'s change log for the rest of this transaction (see the module doc).

    `shared`: a reader's lock (waits for writers, not for other readers). Idempotent per
    transaction; a writer's lock is never downgraded.
    """
    transaction = session.get_transaction()
    owner, held = session.info.get(_LOCKED_KEY, (None, {}))
    if owner is None or owner is not transaction:  # locks end with their transaction
        held = {}
        session.info[_LOCKED_KEY] = (transaction, held)
    if company_id in held and (held[company_id] or shared):
        return
    query = select(Company.id).where(Company.id == company_id)
    session.execute(query.with_for_update(read=shared, key_share=not shared))
    held[company_id] = not shared


def forget_log_locks(session: Session) -> None:
    """After a rollback to a savepoint: the locks taken inside it may be gone, take them
    again when asked (lock_company_log)."""
    session.info.pop(_LOCKED_KEY, None)


def record_change(
    session: Session,
    *,
    company_id: int,
    entity: Entity,
    entity_id: str,
    data: dict[str, Any] | None,
    now: datetime,
    op: str = "upsert",
    terminal_id: str | None = None,
) -> None:
    lock_company_log(session, company_id)
    session.add(
        ChangeLog(
            company_id=company_id,
            terminal_id=terminal_id,
            entity=entity,
            entity_id=entity_id,
            op=op,
            data=data,
            created_at=now,
        )
    )


def add_recorded(
    session: Session,
    row: Any,
    *,
    entity: Entity,
    company_id: int,
    now: datetime,
    terminal_id: str | None = None,
) -> None:
    """Add a new row (with an integer id and `to_wire()`) and log its creation."""
    session.add(row)
    session.flush()  # assigns the id the change refers to
    record_change(
        session,
        company_id=company_id,
        entity=entity,
        entity_id=str(row.id),
        data=row.to_wire(),
        now=now,
        terminal_id=terminal_id,
    )


@dataclass(frozen=True)
class _SnapshotSource:
    entity: Entity
    model: type[Any]
    key: InstrumentedAttribute[Any]
    scope: str  # "company" or "terminal"


_SNAPSHOT: tuple[_SnapshotSource, ...] = (
    _SnapshotSource("companies", Company, Company.id, "company"),
    _SnapshotSource("vendors", Vendor, Vendor.id, "company"),
    _SnapshotSource("programs", Program, Program.id, "company"),
    _SnapshotSource("rewards", Reward, Reward.id, "company"),
    _SnapshotSource("settings", Settings, Settings.company_id, "company"),
    _SnapshotSource("staff", Staff, Staff.id, "company"),
    _SnapshotSource("customers", Customer, Customer.id, "company"),
    _SnapshotSource("cards", Card, Card.id, "company"),
    _SnapshotSource("card_aliases", CardAlias, CardAlias.id, "company"),
    _SnapshotSource("card_number_blocks", CardNumberBlock, CardNumberBlock.id, "terminal"),
)


# The big entities (customers, cards, card aliases) go out as row batches
# (sync.protocol.RowBatch) whose rows the database itself writes as JSON arrays: one SQL
# statement per batch, no Python object per value, the page joined from the rows' texts. The
# values are exactly those of the model's `to_wire()`, in its key order (`_BATCH_COLUMNS`):
# booleans as true / false (SQLite stores 0 / 1), UtcDateTime columns (stored as naive UTC)
# as `aware_utc.isoformat()` writes them, "2026-03-02T09:00:00+00:00" or with six digits of
# microseconds when there are any. tests/sync/test_changes_fast_path.py compares every value
# with `to_wire()` on both engines.

_TIME_SQL = {
    # Stored by SQLAlchemy as "YYYY-MM-DD HH:MM:SS.ffffff" (Python leaves out zero microseconds).
    "sqlite": "replace(replace({c}, ' ', 'T'), '.000000', '') || '+00:00'",
    # Always six digits of microseconds from to_char (numeric fields only: no locale), the
    # zero ones dropped as in SQLite.
    "postgresql": (
        "replace(to_char({c}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '') || '+00:00'"
    ),
}


@dataclass(frozen=True)
class _BatchColumn:
    name: str
    kind: str = "value"  # "value", "bool" or "time"


def _batch(*names: str) -> tuple[_BatchColumn, ...]:
    """`name`, `name:bool` or `name:time`, in `to_wire()` order."""
    return tuple(_BatchColumn(*name.split(":")) for name in names)


# Card.balances_wire() without card_id, then the rest as Card.to_wire() adds it.
_CARD_WIRE = (
    "is_active:bool", "stamp_count", "total_stamps_earned", "stamps_redeemed",
    "points_balance", "total_points_earned", "points_redeemed", "last_activity_at:time",
    "id", "company_id", "customer_id", "program_id", "card_number", "qr_code_data",
    "enrolled_at_vendor_id", "overdrawn:bool", "created_at:time", "updated_at:time",
)  # fmt: skip
_BATCH_COLUMNS: dict[Entity, tuple[_BatchColumn, ...]] = {
    "customers": _batch(
        "id", "company_id", "first_name", "last_name", "email", "phone", "created_at:time"
    ),
    "cards": _batch(*_CARD_WIRE),
    "card_aliases": _batch("id", "card_id", "merged_card_id", "qr_code_data", "card_number"),
}
# Each big entity's key is its `id`: where it sits in a row.
_KEY_AT = {
    entity: [column.name for column in columns].index("id")
    for entity, columns in _BATCH_COLUMNS.items()
}


def _value_sql(column: _BatchColumn, dialect: str) -> str:
    if column.kind == "time":
        return _TIME_SQL[dialect].format(c=column.name)
    if column.kind == "bool" and dialect == "sqlite":
        return f"json(CASE WHEN {column.name} THEN 'true' ELSE 'false' END)"
    return column.name


@lru_cache(maxsize=32)
def _batch_sql(dialect: str, entity: Entity, after: bool) -> str:
    """Up to :limit rows of the company after :after in key order, for the bare driver.
    SQLite writes each row's JSON array itself (key, array); on PostgreSQL the values come
    as they are, times as text, and the driver's rows go out through `to_json` (twice as
    fast as PostgreSQL's json_build_array). Table and column names are the models' own."""
    source = next(source for source in _SNAPSHOT if source.entity == entity)
    table, key = source.model.__tablename__, source.key.key
    values = ", ".join(_value_sql(column, dialect) for column in _BATCH_COLUMNS[entity])
    if dialect == "sqlite":
        columns, scope, after_mark, limit = f"{key}, json_array({values})", ":s", ":a", ":n"
    else:
        columns, scope, after_mark, limit = values, "%(s)s", "%(a)s", "%(n)s"
    where = f"company_id = {scope}" + (f" AND {key} > {after_mark}" if after else "")
    return f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {key} LIMIT {limit}"  # noqa: S608


def snapshot_batch(
    session: Session, terminal: Terminal, entity: Entity, after_key: str | None, limit: int
) -> tuple[int, str | None, str]:
    """Up to `limit` rows of a big entity after `after_key`: (how many, the last one's key,
    their values as the JSON array of arrays a RowBatch carries)."""
    connection = session.connection()
    dialect = connection.dialect.name
    after: Any = after_key
    if after_key is not None and entity == "card_aliases":
        after = int(after_key)
    raw = connection.connection.dbapi_connection
    assert raw is not None
    # The session's connection, so its transaction; PostgreSQL's binary format is the
    # cheaper to read (about 30% on a page of cards).
    cursor = raw.cursor(binary=True) if dialect == "postgresql" else raw.cursor()
    try:
        sql = _batch_sql(dialect, entity, after_key is not None)
        cursor.execute(sql, {"s": terminal.company_id, "a": after, "n": limit})
        rows = cursor.fetchall()
    finally:
        cursor.close()
    if not rows:
        return 0, None, "[]"
    if dialect == "sqlite":
        return len(rows), str(rows[-1][0]), "[" + ",".join(row[1] for row in rows) + "]"
    return len(rows), str(rows[-1][_KEY_AT[entity]]), to_json(rows).decode()


class RowsJson(str):
    """A change of a page already serialized as JSON (a RowBatch): page_json inserts it."""


def _row_batch(entity: Entity, rows_json: str) -> RowsJson:
    columns = to_json([column.name for column in _BATCH_COLUMNS[entity]]).decode()
    return RowsJson(
        f'{{"entity":"{entity}","op":"upsert_rows","columns":{columns},"rows":{rows_json}}}'
    )


@dataclass(frozen=True)
class Page:
    # Each as a `sync.protocol.Change` serializes it, or a RowBatch already serialized.
    changes: list[dict[str, Any] | RowsJson]
    next_cursor: str
    has_more: bool
    snapshot: bool
    snapshot_rows: int | None = None  # on a snapshot's first page: its size


def page_json(page: Page, server_time: datetime) -> bytes:
    """The page as the JSON body of a `ChangesResponse`: what FastAPI would send for the
    model, without validating a model per row (the largest cost of a big page); the row
    batches' JSON goes in as the database wrote it. tests/sync/test_changes_fast_path.py
    compares the two."""
    rest = to_json(
        {
            "next_cursor": page.next_cursor,
            "has_more": page.has_more,
            "snapshot": page.snapshot,
            "server_time": server_time,
            "snapshot_rows": page.snapshot_rows,
        }
    )
    changes = b",".join(
        change.encode() if isinstance(change, RowsJson) else to_json(change)
        for change in page.changes
    )
    return b'{"changes":[' + changes + b"]," + rest[1:]


def log_position(session: Session) -> int:
    state = session.get(ServerState, 1)
    pruned = state.log_pruned_through if state else 0
    return max(session.scalar(select(func.max(ChangeLog.seq))) or 0, pruned)


def read_page(session: Session, terminal: Terminal, cursor: str | None, limit: int) -> Page:
    session.flush()  # the pages are read with Core on the session's connection: no autoflush
    state = session.get(ServerState, 1)
    pruned = state.log_pruned_through if state else 0
    head = log_position(session)
    parsed = _parse(cursor)
    if isinstance(parsed, int) and pruned <= parsed <= head:
        return _delta_page(session, terminal, parsed, limit)
    if isinstance(parsed, tuple) and pruned <= parsed[2] <= head and _key_fits(*parsed[:2]):
        return _snapshot_page(session, terminal, *parsed, limit=limit)
    page = _snapshot_page(session, terminal, 0, None, head, limit=limit)
    return replace(page, snapshot_rows=snapshot_size(session, terminal))


def snapshot_size(session: Session, terminal: Terminal) -> int:
    """The rows a new snapshot of this terminal's company holds (a progress bar's end):
    counted on the (company_id, id) indexes, a few milliseconds for a million cards."""
    total = 0
    for source in _SNAPSHOT:
        query = select(func.count()).select_from(source.model)
        if source.scope == "terminal":
            query = query.where(source.model.terminal_id == terminal.id)
        elif source.model is Company:
            query = query.where(Company.id == terminal.company_id)
        else:
            query = query.where(source.model.company_id == terminal.company_id)
        total += int(session.scalar(query) or 0)
    return total


def prune_change_log(session: Session, through_seq: int) -> int:
    """Forget log entries up to `through_seq`; cursors older than that get a snapshot."""
    state = session.get(ServerState, 1)
    if state is None:
        state = ServerState(id=1, log_pruned_through=0)
        session.add(state)
    state.log_pruned_through = max(state.log_pruned_through, through_seq)
    result = session.execute(delete(ChangeLog).where(ChangeLog.seq <= through_seq))
    return int(getattr(result, "rowcount", 0) or 0)


def _parse(cursor: str | None) -> int | tuple[int, str | None, int] | None:
    if not cursor:
        return None
    if cursor.startswith("c"):
        return _number(cursor[1:])
    if cursor.startswith("s"):
        parts = cursor[1:].split(":")
        if len(parts) != 3:
            return None
        index, base = _number(parts[0]), _number(parts[2])
        if index is None or base is None or not index < len(_SNAPSHOT):
            return None
        return index, (parts[1] or None), base
    return None


# What the server itself writes in cursors: ASCII digits that fit their column, and
# canonical uuids for the string keys. Anything else (an edited cursor: "²", 20 digits, a NUL
# byte) is unreadable, so a new snapshot, and never reaches the database.
_DIGITS = re.compile(r"[0-9]{1,19}")
_UUID_KEY = re.compile(r"[0-9a-f-]{1,36}")
_MAX_DB_INT = 2**63 - 1


def _number(text: str) -> int | None:
    return int(text) if _DIGITS.fullmatch(text) and int(text) <= _MAX_DB_INT else None


def _key_fits(index: int, key: str | None) -> bool:
    if key is None:
        return True
    if isinstance(_SNAPSHOT[index].key.type, String):
        return _UUID_KEY.fullmatch(key) is not None
    number = _number(key)
    fits = isinstance(_SNAPSHOT[index].key.type, BigInteger) or fits_integer(number or 0)
    return number is not None and fits


def _visible(terminal: Terminal) -> Any:
    return (ChangeLog.company_id == terminal.company_id) & or_(
        ChangeLog.terminal_id.is_(None), ChangeLog.terminal_id == terminal.id
    )


def _delta_page(session: Session, terminal: Terminal, after: int, limit: int) -> Page:
    rows = (
        session.connection()
        .execute(
            select(
                ChangeLog.seq, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op, ChangeLog.data
            )
            .where(ChangeLog.seq > after, _visible(terminal))
            .order_by(ChangeLog.seq)
            .limit(limit + 1)
        )
        .all()
    )
    page = rows[:limit]
    changes = [
        {"entity": entity, "id": entity_id, "op": op, "data": data}
        for _seq, entity, entity_id, op, data in page
    ]
    last = page[-1][0] if page else after
    return Page(changes, f"c{last}", len(rows) > limit, snapshot=False)


def snapshot_rows(
    session: Session, terminal: Terminal, index: int, after_key: str | None, limit: int
) -> list[tuple[str, dict[str, Any]]]:
    """Up to `limit` rows of snapshot entity `index` (not a big one: `snapshot_batch`) after
    `after_key`: (key, the model's `to_wire()`)."""
    source = _SNAPSHOT[index]
    query = select(source.model)
    if source.scope == "terminal":
        query = query.where(source.model.terminal_id == terminal.id)
    elif source.model is Company:
        query = query.where(Company.id == terminal.company_id)
    else:
        query = query.where(source.model.company_id == terminal.company_id)
    if after_key is not None:
        key_value: Any = after_key if isinstance(source.key.type, String) else int(after_key)
        query = query.where(source.key > key_value)
    query = query.order_by(source.key).limit(limit)
    return [
        (str(getattr(row, source.key.key)), row.to_wire()) for row in session.scalars(query).all()
    ]


def _snapshot_page(
    session: Session,
    terminal: Terminal,
    index: int,
    after_key: str | None,
    base: int,
    *,
    limit: int,
) -> Page:
    changes: list[dict[str, Any] | RowsJson] = []
    count = 0
    while index < len(_SNAPSHOT):
        entity = _SNAPSHOT[index].entity
        if entity in _BATCH_COLUMNS:
            n, last, rows_json = snapshot_batch(session, terminal, entity, after_key, limit - count)
            if n:
                changes.append(_row_batch(entity, rows_json))
                count, after_key = count + n, last
        else:
            rows = snapshot_rows(session, terminal, index, after_key, limit - count)
            changes += [
                {"entity": entity, "id": key, "op": "upsert", "data": data} for key, data in rows
            ]
            if rows:
                count, after_key = count + len(rows), rows[-1][0]
        if count >= limit:
            return Page(changes, f"s{index}:{after_key}:{base}", True, snapshot=True)
        index, after_key = index + 1, None
    return Page(changes, f"c{base}", False, snapshot=True)
