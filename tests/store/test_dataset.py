"""The large-dataset generator, at a small size: a consistent file the real services accept."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from terminal.demo.dataset import DATASET_CATALOG, DatasetInfo, build_large_dataset
from terminal.domain.cards import format_card_number, is_qr_token, luhn_valid
from terminal.domain.clock import ManualClock
from terminal.domain.ledger import SyncState, TransactionType
from terminal.services.bundle import counter_services
from terminal.services.views import Actor, CardQuery
from terminal.store.models import LedgerEntry, LoyaltyCard, TerminalIdentity
from terminal.store.schema import open_current
from terminal.store.search import search_body

CARDS, ROWS = 300, 1_500
CASHIER = Actor(1, "2468")  # DATASET_CATALOG's staff
STORED_DATETIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DatasetInfo:
    return build_large_dataset(
        tmp_path_factory.mktemp("dataset") / "large.db", cards=CARDS, ledger_rows=ROWS
    )


@pytest.fixture
def con(built: DatasetInfo) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(built.path)
    yield connection
    connection.close()


def test_counts_and_file_health(
    built: DatasetInfo, con: sqlite3.Connection, tmp_path: Path
) -> None:
    def count(table: str) -> int:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

    assert (built.cards, built.customers, built.ledger_rows) == (CARDS, CARDS, ROWS)
    assert count("customers") == count("loyalty_cards") == count("card_search") == CARDS
    assert count("loyalty_transactions") == ROWS
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    open_current(tmp_path / "empty.db").dispose()  # the schema as the migrations make it
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    with closing(sqlite3.connect(tmp_path / "empty.db")) as empty:
        assert con.execute(schema).fetchall() == empty.execute(schema).fetchall()


def test_every_card_equals_the_sum_of_its_ledger(con: sqlite3.Connection) -> None:
    mismatched = con.execute(
        """SELECT c.id FROM loyalty_cards c JOIN (
             SELECT card_id, sum(stamps_delta) s, sum(points_delta) p,
               sum(CASE WHEN type = 'STAMP_EARNED' THEN stamps_delta END) se,
               sum(CASE WHEN type = 'STAMP_REDEEMED' THEN -stamps_delta END) sr,
               sum(CASE WHEN points_delta > 0 THEN points_delta END) pe,
               sum(CASE WHEN type = 'POINTS_REDEEMED' THEN -points_delta END) pr,
               max(transaction_at) last, min(transaction_at) first
             FROM loyalty_transactions GROUP BY card_id) l ON l.card_id = c.id
           WHERE c.stamp_count != l.s OR c.points_balance != l.p
              OR c.total_stamps_earned != coalesce(l.se, 0)
              OR c.stamps_redeemed != coalesce(l.sr, 0)
              OR c.total_points_earned != coalesce(l.pe, 0)
              OR c.points_redeemed != coalesce(l.pr, 0)
              OR c.updated_at != l.last OR c.created_at != l.first
              OR c.last_activity_at != l.last"""
    ).fetchall()
    assert mismatched == []
    wrong_after = con.execute(
        """SELECT count(*) FROM (SELECT stamp_count_after, points_balance_after,
             sum(stamps_delta) OVER w s, sum(points_delta) OVER w p
             FROM loyalty_transactions
             WINDOW w AS (PARTITION BY card_id ORDER BY transaction_at, rowid))
           WHERE s != stamp_count_after OR p != points_balance_after OR s < 0 OR p < 0"""
    ).fetchone()[0]
    assert wrong_after == 0
    types = {row[0] for row in con.execute("SELECT DISTINCT type FROM loyalty_transactions")}
    assert types == {
        TransactionType.CARD_CREATED,
        TransactionType.WELCOME_BONUS,
        TransactionType.STAMP_EARNED,
        TransactionType.STAMP_REDEEMED,
        TransactionType.POINTS_EARNED,
        TransactionType.POINTS_REDEEMED,
    }
    firsts = con.execute(
        "SELECT type, count(*) FROM loyalty_transactions t WHERE rowid = "
        "(SELECT min(rowid) FROM loyalty_transactions WHERE card_id = t.card_id) GROUP BY type"
    ).fetchall()
    assert firsts == [(TransactionType.CARD_CREATED, CARDS)]


def test_other_terminals_have_gap_free_sequences_in_time_order(
    built: DatasetInfo, con: sqlite3.Connection
) -> None:
    per_terminal = con.execute(
        "SELECT terminal_id, count(*), min(terminal_seq), max(terminal_seq), "
        "count(DISTINCT sync_state), min(sync_state) FROM loyalty_transactions GROUP BY 1"
    ).fetchall()
    assert {row[0] for row in per_terminal} <= set(built.other_terminal_ids)
    assert built.terminal_id not in built.other_terminal_ids
    for _, count, first, last, states, state in per_terminal:
        assert (first, last, states, state) == (1, count, 1, SyncState.ACCEPTED)
    out_of_order = con.execute(
        "SELECT count(*) FROM (SELECT terminal_seq, row_number() OVER "
        "(PARTITION BY terminal_id ORDER BY transaction_at, rowid) n FROM loyalty_transactions) "
        "WHERE n != terminal_seq"
    ).fetchone()[0]
    assert out_of_order == 0
    assert con.execute("SELECT next_seq FROM terminal_identity").fetchone()[0] == 1


def test_identifiers_and_search_rows(con: sqlite3.Connection) -> None:
    first, last = DATASET_CATALOG.card_block
    rows = con.execute(
        "SELECT c.card_number, c.qr_code_data, u.first_name, u.last_name, u.email, u.phone, "
        "s.body FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id "
        "JOIN card_search s ON s.rowid = c.id"
    ).fetchall()
    for number, qr, first_name, last_name, email, phone, body in rows:
        assert luhn_valid(number)
        assert not first <= int(number[:-1]) <= last
        assert is_qr_token(qr)
        assert email or phone
        assert body == search_body(first_name, last_name, email, phone, number)


def test_datetimes_are_stored_as_sqlalchemy_writes_them(built: DatasetInfo) -> None:
    database = open_current(built.path)
    try:
        with database.reader() as session:
            entry = session.scalars(select(LedgerEntry).order_by(LedgerEntry.id).limit(1)).one()
            card = session.get(LoyaltyCard, entry.card_id)
            assert card is not None
            assert card.last_activity_at is not None
            assert entry.transaction_at.tzinfo is UTC
            assert card.created_at.tzinfo is UTC
            assert built.ends_at - timedelta(days=800) < card.created_at <= built.ends_at
            # the stored text is the value read back, written the way SQLAlchemy writes it
            raw = session.connection().exec_driver_sql(
                "SELECT transaction_at, received_at FROM loyalty_transactions WHERE id = ?",
                (entry.id,),
            )
            stored, received = raw.one()
            assert stored == entry.transaction_at.replace(tzinfo=None).isoformat(
                " ", "microseconds"
            )
            assert STORED_DATETIME.fullmatch(stored)
            assert STORED_DATETIME.fullmatch(received)
            assert received > stored
    finally:
        database.dispose()


def test_the_services_find_and_serve_generated_cards(built: DatasetInfo, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    with closing(sqlite3.connect(built.path)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    clock = ManualClock(built.ends_at + timedelta(days=1))
    database = open_current(path)
    try:
        services = counter_services(database, clock)
        lookup = services.lookup
        card_id = built.card_ids[0]
        assert lookup.by_scan(built.qr_tokens[0]).card_id == card_id
        assert lookup.by_number(format_card_number(built.card_numbers[0])).card_id == card_id
        with database.reader() as session:
            customer = (
                session.scalars(select(LoyaltyCard).where(LoyaltyCard.uuid == card_id))
                .one()
                .customer
            )
        email, phone, name = customer.email, customer.phone, customer.full_name
        if email:
            assert lookup.by_email(email.upper()).card_id == card_id
            assert card_id in {
                c.card_id for c in services.browser.page(CardQuery(text=email[2:-3])).rows
            }
        if phone:
            assert lookup.by_phone(phone).card_id == card_id
            assert lookup.by_phone("0" + phone[3:]).card_id == card_id  # as typed in France
        assert card_id in {
            c.card_id for c in services.browser.page(CardQuery(text=name.upper()), limit=200).rows
        }
        assert built.emails
        assert built.phones
        assert lookup.by_email(built.emails[-1]).email == built.emails[-1]
        assert lookup.by_phone(built.phones[-1]).phone == built.phones[-1]
        # a real counter operation: this terminal's own numbering starts at 1
        before = lookup.card(card_id)
        stamped = services.stamps.add_stamp(CASHIER, card_id)
        clock.advance(timedelta(minutes=10))
        earned = services.points.earn(CASHIER, card_id, "25.00")
        assert stamped.card.stamp_count == before.stamp_count + 1
        assert earned.card.points_balance == before.points_balance + 25
        assert earned.card.pending_points == 25
        assert earned.card.pending_stamps == 1
        with database.reader() as session:
            mine = session.scalars(
                select(LedgerEntry).where(LedgerEntry.terminal_id == built.terminal_id)
            ).all()
            assert sorted(e.terminal_seq for e in mine) == [1, 2]
            assert session.get(TerminalIdentity, 1).next_seq == 3  # type: ignore[union-attr]
            new_text = (
                session.connection()
                .exec_driver_sql(
                    "SELECT transaction_at FROM loyalty_transactions WHERE id = ?",
                    (stamped.entry_id,),
                )
                .scalar_one()
            )
            assert STORED_DATETIME.fullmatch(new_text)
        assert lookup.history(card_id).entries[0].entry_id == earned.entry_id
        rich = database.engine.connect().exec_driver_sql(
            "SELECT uuid, points_balance FROM loyalty_cards WHERE points_balance >= 100 LIMIT 1"
        )
        rich_id, balance = rich.one()
        redeemed = services.points.redeem(CASHIER, rich_id, 1)  # PIN checked: policy REQUIRED
        assert redeemed.card.points_balance == balance - DATASET_CATALOG.rewards[0][1]
        with database.reader() as session:
            assert session.get(TerminalIdentity, 1).next_seq == 4  # type: ignore[union-attr]
    finally:
        database.dispose()


def test_same_seed_same_data_and_refusals(built: DatasetInfo, tmp_path: Path) -> None:
    again = build_large_dataset(tmp_path / "again.db", cards=CARDS, ledger_rows=ROWS)
    assert (again.qr_tokens, again.emails, again.ends_at) == (
        built.qr_tokens,
        built.emails,
        built.ends_at,
    )
    with pytest.raises(FileExistsError):
        build_large_dataset(tmp_path / "again.db", cards=10, ledger_rows=20)
    with pytest.raises(ValueError, match="ledger rows per card"):
        build_large_dataset(tmp_path / "few.db", cards=10, ledger_rows=19)
