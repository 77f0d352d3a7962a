"""Schema versioning: fresh files, files of the first schema upgraded in place, newer files."""

from __future__ import annotations

import importlib
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

import terminal.store.models  # noqa: F401  (registers the tables)
from terminal.domain.cards import card_number_from_body, new_qr_token
from terminal.store.base import Base
from terminal.store.engine import open_database
from terminal.store.errors import LocalDatabaseTooNew
from terminal.store.schema import (
    current_revision,
    head_revision,
    include_in_autogenerate,
    open_current,
    upgrade,
)
from tests.factories import open_terminal
from tests.services.helpers import search_cards

UNKNOWN_ZONE_COUNTRY = importlib.import_module(
    "terminal.store.migrations.versions.0005_vendor_country_e164_phones"
).UNKNOWN_ZONE_COUNTRY


def test_a_fresh_file_has_the_models_schema(tmp_path: Path) -> None:
    database = open_current(tmp_path / "t.db")
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_in_autogenerate}
        )
        assert compare_metadata(context, Base.metadata) == []
    assert current_revision(database.engine) == head_revision()
    database.dispose()


def _fill_first_schema(path: Path) -> None:
    """Data as the first schema (revision 0001) stored it, written with plain SQL."""
    database = open_database(path)
    upgrade(database.engine, "0001")
    assert current_revision(database.engine) == "0001"
    statements = [
        "INSERT INTO companies (id, name) VALUES (1, 'Old Company')",
        "INSERT INTO vendors (id, company_id, name, timezone, is_active) "
        "VALUES (1, 1, 'Old Store', 'Europe/Berlin', 1)",
        "INSERT INTO loyalty_programs (id, company_id, name, program_type, is_active, "
        "stamps_target, stamps_reward_description, max_daily_stamps, stamp_cooldown_minutes, "
        "points_per_currency_unit, minimum_redemption_points, welcome_bonus_points, "
        "points_expiration_days) VALUES (1, 1, 'P', 'hybrid', 1, 10, 'Coffee', 3, 5, 1, "
        "100, 50, 365)",
        "INSERT INTO company_settings (company_id, pin_policy_redeem, pin_policy_void, "
        "pin_policy_deactivate, pin_policy_enroll, pin_max_failed_attempts, "
        "pin_lockout_minutes, allow_void_transactions, allow_cross_location_redemption, "
        "offline_redemption_limit_points, require_customer_email_on_enroll) "
        "VALUES (1, 'required', 'required', 'required', 'optional', 5, 30, 1, 1, 500, 0)",
        "INSERT INTO staff_pins (id, company_id, name, role, pin_hash, is_active, "
        "failed_attempts) VALUES (1, 1, 'Kim', 'cashier', 'scrypt$2$1$1$AA$AA', 1, 0)",
        "INSERT INTO terminal_identity (id, terminal_id, name, company_id, vendor_id, "
        "next_seq, activated_at) VALUES (1, '11111111-1111-4111-8111-111111111111', "
        "'Till', 1, 1, 2, "
        "'2025-01-02 10:00:00.000000')",
        "INSERT INTO customers (id, uuid, company_id, first_name, last_name, email, phone, "
        "created_at) VALUES (1, '22222222-2222-4222-8222-222222222222', 1, 'Jürgen', 'Öztürk', "
        "'jo@example.com', '4915112345678', '2025-01-02 10:00:00.000000')",
        "INSERT INTO loyalty_cards (id, uuid, company_id, customer_id, program_id, "
        "card_number, qr_code_data, enrolled_at_vendor_id, is_active, stamp_count, "
        "total_stamps_earned, stamps_redeemed, points_balance, total_points_earned, "
        "points_redeemed, last_activity_at, created_at, updated_at) VALUES (1, "
        "'33333333-3333-4333-8333-333333333333', 1, 1, 1, '400000000010', "
        "'LC1-oldoldoldoldoldoldoldold', 1, 1, "
        "0, 0, 0, 50, 50, 0, '2025-01-02 10:00:00.000000', '2025-01-02 10:00:00.000000', "
        "'2025-01-02 10:00:00.000000')",
    ]
    with database.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    database.dispose()


def test_a_first_schema_file_is_upgraded_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _fill_first_schema(path)

    terminal = open_terminal(path)  # opening migrates to the current schema

    assert current_revision(terminal.database.engine) == head_revision()
    card = terminal.services.lookup.by_number("4000-0000-0010")
    assert card.customer_name == "Jürgen Öztürk"
    assert card.points_balance == 50
    # the search index added by revision 0002 was filled from the existing rows
    page = search_cards(terminal, "ozturk")
    assert [c.card_number for c in page.rows] == ["4000-0000-0010"]
    assert search_cards(terminal, "9151123").rows[0].customer_name == "Jürgen Öztürk"
    terminal.database.dispose()


def test_revision_0005_fills_the_store_country_and_stores_phones_in_e164(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _fill_first_schema(path)  # a store in Europe/Berlin, a customer stored as 4915112345678
    phones = {2: "015112345678", 3: "123", 4: None, 5: "33612345678", 6: "+4930123456"}
    rows = [
        {
            "id": customer_id,
            "customer_uuid": str(uuid.uuid4()),
            "card_uuid": str(uuid.uuid4()),
            "name": f"Customer{customer_id}",
            "email": f"c{customer_id}@example.com",
            "phone": phone,
            "number": card_number_from_body(40_000_000_000 + customer_id),
            "qr": new_qr_token(),
            "at": "2025-01-02 10:00:00.000000",
        }
        for customer_id, phone in phones.items()
    ]
    database = open_database(path)
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO vendors (id, company_id, name, timezone, is_active) "
                "VALUES (2, 1, 'Old Kiosk', 'UTC', 1), (3, 1, 'Old Paris', 'Europe/Paris', 1)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO customers (id, uuid, company_id, first_name, last_name, email, "
                "phone, created_at) VALUES (:id, :customer_uuid, 1, 'C', :name, :email, :phone, "
                ":at)"
            ),
            rows,
        )
        connection.execute(
            text(
                "INSERT INTO loyalty_cards (id, uuid, company_id, customer_id, program_id, "
                "card_number, qr_code_data, enrolled_at_vendor_id, is_active, stamp_count, "
                "total_stamps_earned, stamps_redeemed, points_balance, total_points_earned, "
                "points_redeemed, created_at, updated_at) VALUES (:id, :card_uuid, 1, :id, 1, "
                ":number, :qr, 1, 1, 0, 0, 0, 0, 0, 0, :at, :at)"
            ),
            rows,
        )
    database.dispose()

    terminal = open_terminal(path)

    with terminal.database.reader() as session:
        countries = dict(session.execute(text("SELECT id, country FROM vendors")).all())
        stored = dict(session.execute(text("SELECT id, phone FROM customers")).all())
        vendor_triggers = session.scalar(
            text(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'vendors'"
            )
        )
        broken_references = session.execute(text("PRAGMA foreign_key_check")).all()
    # from the time zone; a zone of no country gets the documented default
    assert countries == {1: "DE", 2: UNKNOWN_ZONE_COUNTRY, 3: "FR"}
    # read in the terminal's store country (DE); what cannot be read is left as it was
    assert stored == {
        1: "+4915112345678",
        2: "+4915112345678",
        3: "123",
        4: None,
        5: "+33612345678",
        6: "+4930123456",
    }
    assert vendor_triggers == 3  # the catalogue-version triggers survived the table copy
    assert broken_references == []
    lookup = terminal.services.lookup
    assert lookup.by_phone("0151 1234 5678").customer_name in {"Jürgen Öztürk", "C Customer2"}
    assert lookup.by_phone("+33 6 12 34 56 78").customer_name == "C Customer5"
    # the search index holds the new forms
    assert {c.customer_name for c in search_cards(terminal, "+4915112").rows} == {
        "Jürgen Öztürk",
        "C Customer2",
    }
    terminal.database.dispose()


def test_revision_0006_keeps_the_confirmed_balances_apart(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _fill_first_schema(path)  # card 1: 50 points (its welcome bonus)
    database = open_database(path)
    upgrade(database.engine, "0005")
    entry = (
        "INSERT INTO loyalty_transactions (id, company_id, card_id, vendor_id, terminal_id, "
        "terminal_seq, staff_id, type, stamps_delta, points_delta, stamp_count_after, "
        "points_balance_after, shortfall, authorized_online, transaction_at, sync_state) "
        "VALUES (:id, 1, 1, 1, '11111111-1111-4111-8111-111111111111', :seq, 1, :type, :ds, "
        ":dp, :stamps, :points, 0, 0, '2025-01-02 10:00:00.000000', :state)"
    )
    rows = [  # the bonus was confirmed; an earn and a stamp are still pending
        ("WELCOME_BONUS", 0, 50, 0, 50, "accepted"),
        ("POINTS_EARNED", 0, 30, 0, 80, "pending"),
        ("STAMP_EARNED", 1, 0, 1, 80, "pending"),
    ]
    with database.engine.begin() as connection:
        for seq, (kind, ds, dp, stamps, points, state) in enumerate(rows, start=1):
            connection.execute(
                text(entry),
                {"id": str(uuid.uuid4()), "seq": seq, "type": kind, "ds": ds, "dp": dp,
                 "stamps": stamps, "points": points, "state": state},
            )  # fmt: skip
        connection.execute(text("UPDATE loyalty_cards SET points_balance = 80, stamp_count = 1"))
    database.dispose()

    terminal = open_terminal(path)

    with terminal.database.reader() as session:
        card = session.execute(
            text(
                "SELECT stamp_count, points_balance, confirmed_stamp_count, "
                "confirmed_points_balance, confirmed_at FROM loyalty_cards WHERE id = 1"
            )
        ).one()
        sent = session.scalar(
            text("SELECT count(*) FROM loyalty_transactions WHERE sent_at IS NOT NULL")
        )
    assert tuple(card) == (1, 80, 0, 50, None)  # shown = confirmed + pending
    assert sent == 0
    terminal.database.dispose()


def test_upgrading_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    open_current(path).dispose()
    database = open_current(path)
    assert current_revision(database.engine) == head_revision()
    database.dispose()


def test_a_file_from_a_newer_terminal_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    database = open_current(path)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    database.dispose()

    with pytest.raises(LocalDatabaseTooNew, match="newer version of the terminal"):
        open_current(path)

    database = open_database(path)
    assert current_revision(database.engine) == "9999_future"
    database.dispose()
