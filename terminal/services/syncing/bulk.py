"""New customers and cards of a pulled page, written the fast way: one executemany per
table through the session's own DB-API connection (so in its transaction), the ids given
here (the write lock is held: nobody else inserts meanwhile), times converted as text.

An initial pull of a big chain is a million of each; going through the ORM (one object per
row, its bind processing) cost four times the insert itself. The values are exactly what
the ORM writes: UtcDateTime stores naive UTC as SQLAlchemy's SQLite DATETIME text,
"YYYY-MM-DD HH:MM:SS.ffffff" (tests/sync/test_pull_rows.py reads them back as the models).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from terminal.store.search import search_body

CHUNK = 900  # bound parameters per IN (...) list: far below any SQLite build's limit


def stored_time(value: Any) -> str | None:
    """A wire time (ISO with its UTC offset, or an aware datetime) as the column stores it."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) >= 25 and value.endswith("+00:00"):
        # The server's own UTC form: 2026-03-02T09:00:00+00:00 or ...:00.123456+00:00
        micro = value[20:26] if value[19] == "." else "000000"
        return f"{value[:10]} {value[11:19]}.{micro}"
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("a pulled time without its UTC offset")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def read_time(stored: str) -> datetime:
    """A time column as the models read it (UtcDateTime): aware UTC."""
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _cursor(session: Session) -> Any:
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    return raw.cursor()


def _next_id(cursor: Any, table: str) -> int:
    # Our own table names, never input.
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608
    return int(cursor.fetchone()[0])


def insert_customers(session: Session, rows: list[dict[str, Any]]) -> int:
    """Returns how many were inserted (all of them)."""
    cursor = _cursor(session)
    first = _next_id(cursor, "customers")
    cursor.executemany(
        "INSERT INTO customers (id, uuid, company_id, first_name, last_name, email, phone, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (first + index, row["id"], row["company_id"], row["first_name"] or "",
             row["last_name"] or "", row["email"], row["phone"], stored_time(row["created_at"]))
            for index, row in enumerate(rows)
        ],
    )  # fmt: skip
    return len(rows)


def _found(session: Session, columns: str, table: str, uuids: list[str]) -> Iterator[Any]:
    """Rows (uuid, *columns) of `table` whose uuid is in `uuids`."""
    cursor = _cursor(session)
    for chunk in chunks(list(set(uuids))):
        marks = ", ".join("?" * len(chunk))
        # Our own table and column names, never input; the uuids are bound.
        cursor.execute(f"SELECT uuid, {columns} FROM {table} WHERE uuid IN ({marks})", chunk)  # noqa: S608
        yield from cursor.fetchall()


def customer_ids(session: Session, uuids: list[str]) -> dict[str, int]:
    """uuid -> local id of the customers here."""
    return {row[0]: row[1] for row in _found(session, "id", "customers", uuids)}


def customers_of(session: Session, uuids: list[str]) -> dict[str, tuple[Any, ...]]:
    """uuid -> (local id, first name, last name, email, phone) of the customers here."""
    columns = "id, first_name, last_name, email, phone"
    return {row[0]: tuple(row[1:]) for row in _found(session, columns, "customers", uuids)}


def cards_of(session: Session, uuids: list[str]) -> dict[str, tuple[int, datetime | None]]:
    """uuid -> (local id, confirmed at) of the cards here."""
    return {
        row[0]: (row[1], None if row[2] is None else read_time(row[2]))
        for row in _found(session, "id, confirmed_at", "loyalty_cards", uuids)
    }


def insert_cards(session: Session, rows: list[dict[str, Any]]) -> int:
    """The new cards and their search rows; returns how many had no customer here (left
    out: they come again with the next snapshot)."""
    customers = customers_of(session, [row["customer_id"] for row in rows])
    cursor = _cursor(session)
    first = _next_id(cursor, "loyalty_cards")
    cards, bodies, skipped = [], [], 0
    for row in rows:
        customer = customers.get(row["customer_id"])
        if customer is None:
            skipped += 1
            continue
        card_id = first + len(cards)
        updated = stored_time(row.get("updated_at"))
        cards.append(
            (card_id, row["id"], row["company_id"], customer[0], row["program_id"],
             row["card_number"], row["qr_code_data"], row["enrolled_at_vendor_id"],
             bool(row["is_active"]), row["stamp_count"], row["total_stamps_earned"],
             row["stamps_redeemed"], row["points_balance"], row["total_points_earned"],
             row["points_redeemed"], stored_time(row["last_activity_at"]),
             stored_time(row["created_at"]), updated, row["stamp_count"], row["points_balance"],
             updated)
        )  # fmt: skip
        bodies.append((card_id, search_body(*customer[1:], row["card_number"])))
    if cards:
        cursor.executemany(
            "INSERT INTO loyalty_cards (id, uuid, company_id, customer_id, program_id, "
            "card_number, qr_code_data, enrolled_at_vendor_id, is_active, stamp_count, "
            "total_stamps_earned, stamps_redeemed, points_balance, total_points_earned, "
            "points_redeemed, last_activity_at, created_at, updated_at, confirmed_stamp_count, "
            "confirmed_points_balance, confirmed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            cards,
        )
        cursor.executemany("INSERT INTO card_search (rowid, body) VALUES (?, ?)", bodies)
    return skipped
