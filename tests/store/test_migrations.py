"""Schema versioning: fresh files, files of the first schema upgraded in place, newer files."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

import terminal.store.models  # noqa: F401  (registers the tables)
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
    page = terminal.services.lookup.search("ozturk")
    assert [c.card_number for c in page.cards] == ["4000-0000-0010"]
    assert terminal.services.lookup.search("9151123").cards[0].customer_name == "Jürgen Öztürk"
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
