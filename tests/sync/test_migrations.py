"""The server database upgrades in place from every released schema, refuses a newer one
untouched, and backs up consistently while serving.

Released schemas are frozen as the DDL `create_all` made from each commit's
sync/server/models.py (tests/sync/fixtures/schema_<commit>.<backend>.sql): that is what every
database deployed before migrations is. Each test runs on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, Integer, MetaData, inspect, select, text
from sqlalchemy.engine import make_url

from sync.server import admin, db
from sync.server.app import create_app
from sync.server.auth import sha256_hex
from sync.server.cli import main
from sync.server.db import (
    DatabaseSchemaTooNew,
    head_revision,
    init_database,
    legacy_revision,
    make_engine,
    schema_revision,
)
from sync.server.models import Base, Card, CardNumberBlock, LedgerEntry, Vendor
from terminal.domain.cards import card_number_from_body, new_qr_token
from terminal.domain.pins import hash_pin
from tests.sync.conftest import LiveServer, Term, _database, _serve

FIXTURES = Path(__file__).with_name("fixtures")
# Released schemas: the commits that changed sync/server/models.py, and their revisions.
RELEASED = {
    "ec92465": "0001",  # Central server, part 1
    "9412add": "0002",  # part 2: server-made entries and blocks
    "0b8d17b": "0003",  # vendor country, E.164 phones
    "7ea7754": "0004",  # 64-bit staff and reward ids
    "0c15b76": "0005",  # rule versions, audit log, terminal contact, flagged entries
}
FIRST = "ec92465"
TOKEN = "legacy-terminal-token-0123456789abcdef"
TERMINAL_ID = "7f1c1d0e-0000-4000-8000-000000000001"
CUSTOMER_ID = "7f1c1d0e-0000-4000-8000-0000000000c1"
CARD_ID = "7f1c1d0e-0000-4000-8000-0000000000ca"
FIRST_BODY = 1_000
# Naive UTC, as stored; before the server clock's START.
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC).replace(tzinfo=None)
ACCEPTED = ("accepted", "overdraft")


# --- the frozen released schemas and a realistic company in them ---------------------------


def _load_schema(engine: Engine, commit: str) -> None:
    """The database as `create_all` made it at `commit`: no alembic_version."""
    sql = (FIXTURES / f"schema_{commit}.{engine.dialect.name}.sql").read_text()
    body = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    with engine.begin() as connection:
        for statement in body.split(";\n"):
            if statement.strip():
                connection.exec_driver_sql(statement)


def _legacy_rows(e164: bool) -> list[tuple[str, dict[str, Any]]]:
    """A company as the first server kept it: program, settings, rewards, two stores (one in a
    zone of no country), staff, a customer and card, a terminal with its number block and
    three accepted entries, and the change-log rows those made."""
    customer = {
        "id": CUSTOMER_ID,
        "company_id": 1,
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.com",
        "phone": "+4915112345678" if e164 else "4915112345678",  # digits only, + dropped
        "created_at": T0,
    }
    vendor = {"company_id": 1, "is_active": True}
    entry = {
        "company_id": 1,
        "card_id": CARD_ID,
        "vendor_id": 1,
        "terminal_id": TERMINAL_ID,
        "staff_id": 1,
        "stamps_delta": 0,
        "shortfall": 0,
        "authorized_online": True,
        "transaction_at": T0,
        "received_at": T0,
        "result": "accepted",
        "content_hash": "0" * 64,
    }
    log = {"company_id": 1, "terminal_id": None, "op": "upsert", "created_at": T0}
    return [
        ("companies", {"id": 1, "name": "Demo Coffee"}),
        (
            "programs",
            {
                "id": 1,
                "company_id": 1,
                "name": "Loyalty program",
                "program_type": "hybrid",
                "is_active": True,
                "stamps_target": 10,
                "stamps_reward_description": "Free coffee",
                "max_daily_stamps": 3,
                "stamp_cooldown_minutes": 5,
                "points_per_currency_unit": 1,
                "minimum_redemption_points": 100,
                "welcome_bonus_points": 50,
                "points_expiration_days": 365,
            },
        ),
        (
            "company_settings",
            {
                "company_id": 1,
                "pin_policy_redeem": "required",
                "pin_policy_void": "required",
                "pin_policy_deactivate": "required",
                "pin_policy_enroll": "optional",
                "pin_max_failed_attempts": 5,
                "pin_lockout_minutes": 30,
                "allow_void_transactions": True,
                "allow_cross_location_redemption": True,
                "offline_redemption_limit_points": 500,
                "require_customer_email_on_enroll": False,
            },
        ),
        (
            "rewards",
            {
                "id": 1,
                "program_id": 1,
                "company_id": 1,
                "name": "Croissant",
                "points_cost": 100,
                "is_active": True,
            },
        ),
        ("vendors", {**vendor, "id": 1, "name": "Berlin Mitte", "timezone": "Europe/Berlin"}),
        ("vendors", {**vendor, "id": 2, "name": "Online shop", "timezone": "UTC"}),
        (
            "staff",
            {
                "id": 1,
                "company_id": 1,
                "name": "Alice",
                "role": "cashier",
                "pin_hash": hash_pin("2468", n=2**4),
                "is_active": True,
                "failed_attempts": 0,
                "locked_until": None,
            },
        ),
        ("customers", customer),
        (
            "terminals",
            {
                "id": TERMINAL_ID,
                "name": "Till 1",
                "company_id": 1,
                "vendor_id": 1,
                "token_hash": sha256_hex(TOKEN),
                "last_seq": 3,
                "is_active": True,
                "activated_at": T0,
            },
        ),
        (
            "activation_codes",
            {
                "id": 1,
                "code_hash": sha256_hex("ABCD-EFGH"),
                "company_id": 1,
                "vendor_id": 1,
                "created_at": T0,
                "expires_at": T0 + timedelta(days=1),
                "used_at": T0,
                "terminal_id": TERMINAL_ID,
            },
        ),
        (
            "card_number_blocks",
            {
                "id": 1,
                "company_id": 1,
                "terminal_id": TERMINAL_ID,
                "first_body": FIRST_BODY,
                "last_body": FIRST_BODY + 9,
                "allocated_at": T0,
            },
        ),
        (
            "cards",
            {
                "id": CARD_ID,
                "company_id": 1,
                "customer_id": CUSTOMER_ID,
                "program_id": 1,
                "card_number": card_number_from_body(FIRST_BODY),
                "qr_code_data": new_qr_token(),
                "enrolled_at_vendor_id": 1,
                "created_by_terminal_id": TERMINAL_ID,
                "is_active": True,
                "stamp_count": 0,
                "total_stamps_earned": 0,
                "stamps_redeemed": 0,
                "points_balance": 150,
                "total_points_earned": 150,
                "points_redeemed": 0,
                "overdrawn": False,
                "last_activity_at": T0,
                "created_at": T0,
                "updated_at": T0,
            },
        ),
        (
            "card_aliases",
            {
                "id": 1,
                "company_id": 1,
                "card_id": CARD_ID,
                "merged_card_id": None,
                "qr_code_data": None,
                "card_number": card_number_from_body(FIRST_BODY + 5),
            },
        ),
        ("ledger_entries", {**entry, "id": str(uuid.uuid4()), "terminal_seq": 1,
                            "type": "CARD_CREATED", "points_delta": 0}),
        ("ledger_entries", {**entry, "id": str(uuid.uuid4()), "terminal_seq": 2,
                            "type": "WELCOME_BONUS", "points_delta": 50,
                            "points_balance_after": 50}),
        ("ledger_entries", {**entry, "id": str(uuid.uuid4()), "terminal_seq": 3,
                            "type": "POINTS_EARNED", "points_delta": 100,
                            "purchase_amount": 10_000, "points_balance_after": 150}),
        ("change_log", {**log, "entity": "vendors", "entity_id": "1", "data": {
            "id": 1, "company_id": 1, "name": "Berlin Mitte", "timezone": "Europe/Berlin",
            "is_active": True}}),
        ("change_log", {**log, "entity": "vendors", "entity_id": "2", "data": {
            "id": 2, "company_id": 1, "name": "Online shop", "timezone": "UTC",
            "is_active": True}}),
        ("change_log", {**log, "entity": "customers", "entity_id": CUSTOMER_ID, "data": {
            "id": CUSTOMER_ID, "company_id": 1, "first_name": "Ada", "last_name": "Lovelace",
            "email": "ada@example.com", "phone": customer["phone"],
            "created_at": "2026-03-01T10:00:00+00:00"}}),
        ("change_log", {**log, "entity": "rewards", "entity_id": "1", "data": {
            "id": 1, "program_id": 1, "name": "Croissant", "points_cost": 100,
            "is_active": True}}),
        ("server_state", {"id": 1, "log_pruned_through": 0}),
    ]  # fmt: skip


def _fill(engine: Engine) -> dict[str, int]:
    """The legacy rows, in the columns this schema has; returns the row count per table."""
    with engine.begin() as connection:
        tables = MetaData()
        tables.reflect(connection)
        e164 = "country" in tables.tables["vendors"].c
        for name, row in _legacy_rows(e164):
            table = tables.tables[name]
            if name == "vendors" and e164:
                row = {**row, "country": "DE"}
            connection.execute(table.insert(), [{k: v for k, v in row.items() if k in table.c}])
        if connection.dialect.name == "postgresql":  # explicit ids: move the sequences on
            for table in tables.sorted_tables:
                key = "seq" if table.name == "change_log" else "id"
                if key in table.c and isinstance(table.c[key].type, Integer):
                    connection.execute(
                        text(
                            "SELECT setval(pg_get_serial_sequence(:table, :key), "  # noqa: S608
                            f"(SELECT coalesce(max({key}), 0) + 1 FROM {table.name}), false)"
                        ),
                        {"table": table.name, "key": key},
                    )
        return _counts(connection)


def _counts(connection: Connection) -> dict[str, int]:
    names = sorted(set(inspect(connection).get_table_names()) - {"alembic_version"})
    return {
        name: int(connection.execute(text(f"SELECT count(*) FROM {name}")).scalar_one())  # noqa: S608
        for name in names
    }


def _metadata_diff(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _describe(engine: Engine) -> dict[str, Any]:
    """Tables, columns (type, nullability), keys and indexes, order-free: to compare schemas."""
    inspector = inspect(engine)
    described: dict[str, Any] = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        described[table] = {
            "columns": {
                column["name"]: (str(column["type"]).upper(), column["nullable"])
                for column in inspector.get_columns(table)
            },
            "pk": tuple(inspector.get_pk_constraint(table)["constrained_columns"]),
            "fks": sorted(
                (fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"])
                for fk in inspector.get_foreign_keys(table)
            ),
            "uniques": sorted(
                (uq["name"], tuple(uq["column_names"]))
                for uq in inspector.get_unique_constraints(table)
            ),
            "indexes": sorted(
                (ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                for ix in inspector.get_indexes(table)
                if not ix.get("duplicates_constraint")
            ),
        }
    return described


def _upgrade_to(engine: Engine, revision: str) -> None:
    """Only revisions up to `revision` (what init_database does for all of them)."""
    config = db._config()
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        if engine.dialect.name == "sqlite":
            raw.execute("PRAGMA foreign_keys = OFF")
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        if engine.dialect.name == "sqlite":
            raw.execute("PRAGMA foreign_keys = ON")


def _cli_url(engine: Engine) -> str:
    """The engine's database as a --database URL (PostgreSQL: with the test's schema)."""
    if engine.dialect.name == "sqlite":
        return str(engine.url)
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    url = make_url(str(engine.url.render_as_string(hide_password=False)))
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@contextmanager
def _live(engine: Engine, backend: str) -> Iterator[LiveServer]:
    yield from _serve(engine, backend)


def _legacy_terminal(live: LiveServer) -> Term:
    return Term(
        id=TERMINAL_ID,
        token=TOKEN,
        company_id=1,
        vendor_id=1,
        next_body=FIRST_BODY + 1,
        http=live.client(TOKEN),
        seq=3,
        staff_id=1,
    )


def _balances_match_ledger(connection: Any) -> list[tuple[str, int, int]]:
    """Cards whose points_balance is not the sum of their moving ledger entries."""
    sums: dict[str, int] = {}
    for card_id, delta, result in connection.execute(
        "SELECT card_id, points_delta, result FROM ledger_entries"
    ):
        if result in ACCEPTED:
            sums[card_id] = sums.get(card_id, 0) + delta
    return [
        (card_id, balance, sums.get(card_id, 0))
        for card_id, balance in connection.execute("SELECT id, points_balance FROM cards")
        if balance != sums.get(card_id, 0)
    ]


# --- upgrades ------------------------------------------------------------------------------


@pytest.fixture
def engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    with _database(backend, tmp_path) as engine:
        yield engine


def test_first_schema_database_is_upgraded_keeps_its_rows_and_serves(
    engine: Engine, backend: str
) -> None:
    _load_schema(engine, FIRST)
    before = _fill(engine)
    with engine.connect() as connection:
        assert legacy_revision(connection) == "0001"
    assert schema_revision(engine) is None

    init_database(engine)

    assert schema_revision(engine) == head_revision()
    assert _metadata_diff(engine) == []
    with engine.connect() as connection:
        after = _counts(connection)
        assert {name: after[name] for name in before} == before
        assert after["rule_versions"] == after["audit_log"] == 0
        countries = dict(connection.execute(text("SELECT id, country FROM vendors")).all())
        # Berlin's zone; the UTC store takes its company's first known country.
        assert countries == {1: "DE", 2: "DE"}
        phone = connection.execute(text("SELECT phone FROM customers")).scalar_one()
        assert phone == "+4915112345678"
        flagged = text("SELECT count(*) FROM ledger_entries WHERE flagged")
        assert connection.execute(flagged).scalar_one() == 0

    with _live(engine, backend) as live:
        term = _legacy_terminal(live)
        earned = term.entry("POINTS_EARNED", CARD_ID, points_delta=25, purchase_amount=2_500)
        results = term.push([earned])["results"]
        assert [r["result"] for r in results] == ["accepted"], results
        with live.sessions.begin() as session:
            card = session.get(Card, CARD_ID)
            assert card is not None
            assert card.points_balance == 175
        page = term.changes("c0")  # the legacy change-log rows, as stored
        vendors = [c["data"] for c in page["changes"] if c["entity"] == "vendors" and c["data"]]
        assert {v["id"]: v["country"] for v in vendors} == {1: "DE", 2: "DE"}
        customers = [c["data"] for c in page["changes"] if c["entity"] == "customers"]
        assert customers
        assert all(c["phone"] == "+4915112345678" for c in customers)

        # Columns that were NOT NULL in the first schema take the server's own rows now.
        with live.sessions.begin() as session:
            session.add(
                LedgerEntry(
                    id=str(uuid.uuid4()),
                    company_id=1,
                    card_id=CARD_ID,
                    vendor_id=None,
                    terminal_id=None,
                    terminal_seq=None,
                    staff_id=2**40,  # 64-bit now
                    type="POINTS_EXPIRED",
                    points_delta=0,
                    transaction_at=live.clock.now(),
                    received_at=live.clock.now(),
                    result="accepted",
                    content_hash="1" * 64,
                )
            )
            session.add(
                CardNumberBlock(
                    company_id=1,
                    terminal_id=None,
                    first_body=50_000,
                    last_body=50_099,
                    allocated_at=live.clock.now(),
                )
            )
        with live.sessions.begin() as session:
            nulls = session.scalars(
                select(LedgerEntry).where(LedgerEntry.terminal_id.is_(None))
            ).all()
            assert [(e.vendor_id, e.terminal_seq, e.flagged) for e in nulls] == [
                (None, None, False)
            ]


def test_first_schema_database_is_upgraded_by_the_init_command(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    _load_schema(engine, FIRST)
    before = _fill(engine)

    assert main(["--database", _cli_url(engine), "init"]) == 0
    assert "database ready" in capsys.readouterr().out

    assert schema_revision(engine) == head_revision()
    assert _metadata_diff(engine) == []
    with engine.connect() as connection:
        after = _counts(connection)
    assert {name: after[name] for name in before} == before


@pytest.mark.parametrize("commit", list(RELEASED))
def test_every_released_schema_is_recognised_and_upgraded(engine: Engine, commit: str) -> None:
    _load_schema(engine, commit)
    before = _fill(engine)
    with engine.connect() as connection:
        assert legacy_revision(connection) == RELEASED[commit]

    init_database(engine)

    assert schema_revision(engine) == head_revision()
    assert _metadata_diff(engine) == []
    with engine.connect() as connection:
        after = _counts(connection)
        assert {name: after[name] for name in before} == before
        assert connection.execute(text("SELECT country FROM vendors WHERE id = 2")).scalar_one()
    with db.make_sessionmaker(engine).begin() as session:
        assert session.get(Vendor, 1) is not None


@pytest.mark.parametrize("commit", list(RELEASED))
def test_each_revision_builds_exactly_its_released_schema(
    backend: str, tmp_path: Path, commit: str
) -> None:
    frozen_dir, migrated_dir = tmp_path / "frozen", tmp_path / "migrated"
    frozen_dir.mkdir()
    migrated_dir.mkdir()
    with _database(backend, frozen_dir) as frozen, _database(backend, migrated_dir) as migrated:
        _load_schema(frozen, commit)
        _upgrade_to(migrated, RELEASED[commit])
        assert _describe(migrated) == _describe(frozen)


def test_an_empty_database_is_built_to_head_and_init_twice_changes_nothing(
    engine: Engine, backend: str
) -> None:
    init_database(engine)
    assert schema_revision(engine) == head_revision()
    assert _metadata_diff(engine) == []
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO companies (id, name) VALUES (7, 'Kept')"))
        counts = _counts(connection)
    schema = _describe(engine)

    init_database(engine)
    create_app(engine)  # every start runs it too

    assert schema_revision(engine) == head_revision()
    assert _describe(engine) == schema
    with engine.connect() as connection:
        assert _counts(connection) == counts


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _all_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as connection:
        names = sorted(inspect(connection).get_table_names())
        return {
            name: sorted(
                (
                    tuple(map(repr, row))
                    for row in connection.execute(text(f"SELECT * FROM {name}"))  # noqa: S608
                ),
            )
            for name in names
        }


def test_a_database_of_newer_code_is_refused_untouched(
    backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _database(backend, tmp_path) as engine:
        init_database(engine)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO companies (id, name) VALUES (1, 'Future')"))
            connection.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
        rows, schema = _all_rows(engine), _describe(engine)
        url = _cli_url(engine)
        if backend == "sqlite":
            engine.dispose()  # every connection closed: the WAL is folded into the file
            database_file = tmp_path / "server.db"
            digest = _file_hash(database_file)

        with pytest.raises(DatabaseSchemaTooNew) as refused:
            init_database(engine)
        assert "0099_future" in refused.value.message
        assert head_revision() in refused.value.message
        with pytest.raises(DatabaseSchemaTooNew):
            create_app(engine)
        assert main(["--database", url, "init"]) == 2
        error = capsys.readouterr().err
        assert error.startswith("error: ")
        assert "0099_future" in error
        assert head_revision() in error

        assert schema_revision(engine) == "0099_future"
        assert _all_rows(engine) == rows
        assert _describe(engine) == schema
        if backend == "sqlite":
            engine.dispose()
            assert _file_hash(database_file) == digest


# --- backup --------------------------------------------------------------------------------

PUSH_BATCH = 20
JOIN_TIMEOUT_S = 30.0


def test_backup_while_serving_and_pushing_is_a_consistent_copy_at_head(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _database("sqlite", tmp_path) as engine, _live(engine, "sqlite") as live:
        now = live.clock.now()
        with live.sessions.begin() as session:
            company = admin.create_company(session, "Demo Coffee", now)
            vendor = admin.create_vendor(session, company.id, "Main", now, timezone="Europe/Paris")
            admin.create_staff(
                session, company.id, "Alice", "2468", now, pin_hash=hash_pin("2468", n=2**4)
            )
        term = live.activate(vendor.id)
        cards = [term.enroll() for _ in range(3)]

        pushing, stop = threading.Event(), threading.Event()
        failures: list[BaseException] = []
        pushes_after_backup: list[int] = []

        def push_until_stopped() -> None:
            try:
                while not stop.is_set():
                    entries = [
                        term.entry(
                            "POINTS_EARNED", cards[i % 3], points_delta=7, purchase_amount=700
                        )
                        for i in range(PUSH_BATCH)
                    ]
                    results = term.push(entries)["results"]
                    assert {r["result"] for r in results} == {"accepted"}, results
                    pushing.set()
                    if backup_done.is_set():
                        pushes_after_backup.append(len(results))
                        if len(pushes_after_backup) >= 2:
                            return
            except BaseException as err:  # reported by the main thread
                failures.append(err)
                pushing.set()

        backup_done = threading.Event()
        pusher = threading.Thread(target=push_until_stopped, name="pusher", daemon=True)
        pusher.start()
        assert pushing.wait(JOIN_TIMEOUT_S), "no push went through"
        dest = tmp_path / "backup.db"
        status = main(["--database", str(engine.url), "backup", str(dest)])
        backup_done.set()
        pusher.join(JOIN_TIMEOUT_S)
        stop.set()
        pusher.join(JOIN_TIMEOUT_S)
        assert not pusher.is_alive()
        assert failures == []
        assert status == 0, capsys.readouterr().err
        assert f"backed up to {dest}" in capsys.readouterr().out

    copy = sqlite3.connect(dest)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
        assert copy.execute("SELECT count(*) FROM cards").fetchone() == (3,)
        assert _balances_match_ledger(copy) == []
        earned = copy.execute(
            "SELECT count(*) FROM ledger_entries WHERE type = 'POINTS_EARNED'"
        ).fetchone()
        assert earned[0] >= PUSH_BATCH  # taken while the pusher was at work
    finally:
        copy.close()
    assert not (tmp_path / "backup.db.partial").exists()


def test_backup_refuses_to_overwrite_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    dest = tmp_path / "backup.db"
    dest.write_bytes(b"an older backup")

    assert main(["--database", url, "backup", str(dest)]) == 2
    assert "--force" in capsys.readouterr().err
    assert dest.read_bytes() == b"an older backup"

    assert main(["--database", url, "backup", "--force", str(dest)]) == 0
    copy = sqlite3.connect(dest)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        copy.close()
    assert main(["--database", url, "backup", "--force", str(tmp_path / "server.db")]) == 2
    assert "the database itself" in capsys.readouterr().err


def test_backup_of_postgresql_points_to_pg_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _database("postgresql", tmp_path) as engine:
        dest = tmp_path / "backup.db"
        assert main(["--database", _cli_url(engine), "backup", str(dest)]) == 2
        error = capsys.readouterr().err
        assert error.startswith("error: ")
        assert "pg_dump" in error
        assert not dest.exists()


def test_head_revision_is_the_last_migration() -> None:
    versions = sorted(p.name for p in (db.MIGRATIONS_DIR / "versions").glob("0*.py"))
    assert versions[-1].startswith(head_revision() + "_")
    assert [name[:4] for name in versions] == [f"{n:04d}" for n in range(1, len(versions) + 1)]


def test_servers_starting_at_once_upgrade_one_after_another(backend: str, tmp_path: Path) -> None:
    """Without the advisory lock (PostgreSQL) or the write lock (SQLite) both would create
    the same tables, and one would fail."""
    with _database(backend, tmp_path) as engine:
        _load_schema(engine, FIRST)
        _fill(engine)
        url = _cli_url(engine)
        engines = [make_engine(url) for _ in range(3)]
        start = threading.Barrier(len(engines))
        failures: list[BaseException] = []

        def start_server(other: Engine) -> None:
            try:
                start.wait(JOIN_TIMEOUT_S)
                init_database(other)
            except BaseException as err:  # reported by the main thread
                failures.append(err)

        threads = [threading.Thread(target=start_server, args=(e,)) for e in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(JOIN_TIMEOUT_S)
        for other in engines:
            other.dispose()
        assert not any(thread.is_alive() for thread in threads)
        assert failures == []
        assert schema_revision(engine) == head_revision()
        assert _metadata_diff(engine) == []


def test_a_create_all_database_of_the_current_models_is_stamped_at_head(engine: Engine) -> None:
    """Development databases made by create_all after the last release (revisions 0006 on)."""
    Base.metadata.create_all(engine)
    with engine.connect() as connection:
        assert legacy_revision(connection) == head_revision()
    init_database(engine)
    assert schema_revision(engine) == head_revision()
    assert _metadata_diff(engine) == []
