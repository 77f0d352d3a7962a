"""first schema: the central server as released in "Central server, part 1" (ec92465)

Companies, programs, settings, rewards, stores, staff, customers, cards and their aliases,
terminals, activation codes, card-number blocks, the ledger, the change log, server state.
Exactly what `Base.metadata.create_all` made from that commit's sync/server/models.py, so a
database created then (no alembic_version) is stamped 0001 and upgraded from here.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=True),
        sa.Column("entity", sa.String(length=24), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("data", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_change_log_company_seq", "change_log", ["company_id", "seq"], unique=False)

    op.create_table(
        "companies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
    )
    op.create_table(
        "server_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_pruned_through", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_state")),
    )
    op.create_table(
        "company_settings",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("pin_policy_redeem", sa.String(length=10), nullable=False),
        sa.Column("pin_policy_void", sa.String(length=10), nullable=False),
        sa.Column("pin_policy_deactivate", sa.String(length=10), nullable=False),
        sa.Column("pin_policy_enroll", sa.String(length=10), nullable=False),
        sa.Column("pin_max_failed_attempts", sa.Integer(), nullable=False),
        sa.Column("pin_lockout_minutes", sa.Integer(), nullable=False),
        sa.Column("allow_void_transactions", sa.Boolean(), nullable=False),
        sa.Column("allow_cross_location_redemption", sa.Boolean(), nullable=False),
        sa.Column("offline_redemption_limit_points", sa.Integer(), nullable=False),
        sa.Column("require_customer_email_on_enroll", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_company_settings_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_company_settings")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_customers_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    op.create_index(
        "ix_customers_company_email", "customers", ["company_id", "email"], unique=False
    )
    op.create_index(
        "ix_customers_company_phone", "customers", ["company_id", "phone"], unique=False
    )

    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("program_type", sa.String(length=12), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("stamps_target", sa.Integer(), nullable=False),
        sa.Column("stamps_reward_description", sa.String(length=120), nullable=False),
        sa.Column("max_daily_stamps", sa.Integer(), nullable=False),
        sa.Column("stamp_cooldown_minutes", sa.Integer(), nullable=False),
        sa.Column("points_per_currency_unit", sa.Integer(), nullable=False),
        sa.Column("minimum_redemption_points", sa.Integer(), nullable=False),
        sa.Column("welcome_bonus_points", sa.Integer(), nullable=False),
        sa.Column("points_expiration_days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_programs_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
        sa.UniqueConstraint("company_id", name=op.f("uq_programs_company_id")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("pin_hash", sa.String(length=160), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_staff_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
    )
    op.create_index(op.f("ix_staff_company_id"), "staff", ["company_id"], unique=False)

    op.create_table(
        "vendors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_vendors_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendors")),
    )
    op.create_index(op.f("ix_vendors_company_id"), "vendors", ["company_id"], unique=False)

    op.create_table(
        "activation_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("terminal_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_activation_codes_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"], ["vendors.id"], name=op.f("fk_activation_codes_vendor_id_vendors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activation_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_activation_codes_code_hash")),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("card_number", sa.String(length=12), nullable=False),
        sa.Column("qr_code_data", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at_vendor_id", sa.Integer(), nullable=True),
        sa.Column("created_by_terminal_id", sa.String(length=36), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("stamp_count", sa.Integer(), nullable=False),
        sa.Column("total_stamps_earned", sa.Integer(), nullable=False),
        sa.Column("stamps_redeemed", sa.Integer(), nullable=False),
        sa.Column("points_balance", sa.BigInteger(), nullable=False),
        sa.Column("total_points_earned", sa.BigInteger(), nullable=False),
        sa.Column("points_redeemed", sa.BigInteger(), nullable=False),
        sa.Column("overdrawn", sa.Boolean(), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_cards_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_cards_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["enrolled_at_vendor_id"],
            ["vendors.id"],
            name=op.f("fk_cards_enrolled_at_vendor_id_vendors"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_cards_program_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cards")),
        sa.UniqueConstraint("card_number", name=op.f("uq_cards_card_number")),
        sa.UniqueConstraint(
            "company_id", "customer_id", name=op.f("uq_cards_company_id_customer_id")
        ),
        sa.UniqueConstraint("qr_code_data", name=op.f("uq_cards_qr_code_data")),
    )
    op.create_index(op.f("ix_cards_company_id"), "cards", ["company_id"], unique=False)
    op.create_index(
        op.f("ix_cards_created_by_terminal_id"), "cards", ["created_by_terminal_id"], unique=False
    )

    op.create_table(
        "rewards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("points_cost", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_rewards_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_rewards_program_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rewards")),
    )
    op.create_index(op.f("ix_rewards_company_id"), "rewards", ["company_id"], unique=False)
    op.create_index(op.f("ix_rewards_program_id"), "rewards", ["program_id"], unique=False)

    op.create_table(
        "terminals",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("activated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_terminals_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"], ["vendors.id"], name=op.f("fk_terminals_vendor_id_vendors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terminals")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_terminals_token_hash")),
    )
    op.create_index(op.f("ix_terminals_company_id"), "terminals", ["company_id"], unique=False)
    op.create_index(op.f("ix_terminals_vendor_id"), "terminals", ["vendor_id"], unique=False)

    op.create_table(
        "card_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.String(length=36), nullable=False),
        sa.Column("merged_card_id", sa.String(length=36), nullable=True),
        sa.Column("qr_code_data", sa.String(length=64), nullable=True),
        sa.Column("card_number", sa.String(length=12), nullable=True),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_card_aliases_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_card_aliases_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_aliases")),
        sa.UniqueConstraint("card_number", name=op.f("uq_card_aliases_card_number")),
        sa.UniqueConstraint("merged_card_id", name=op.f("uq_card_aliases_merged_card_id")),
        sa.UniqueConstraint("qr_code_data", name=op.f("uq_card_aliases_qr_code_data")),
    )
    op.create_index(op.f("ix_card_aliases_card_id"), "card_aliases", ["card_id"], unique=False)
    op.create_index(
        op.f("ix_card_aliases_company_id"), "card_aliases", ["company_id"], unique=False
    )

    op.create_table(
        "card_number_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("first_body", sa.BigInteger(), nullable=False),
        sa.Column("last_body", sa.BigInteger(), nullable=False),
        sa.Column("allocated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_card_number_blocks_company_id_companies"),
        ),
        sa.ForeignKeyConstraint(
            ["terminal_id"],
            ["terminals.id"],
            name=op.f("fk_card_number_blocks_terminal_id_terminals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_number_blocks")),
        sa.UniqueConstraint("first_body", name=op.f("uq_card_number_blocks_first_body")),
    )
    op.create_index(
        op.f("ix_card_number_blocks_company_id"), "card_number_blocks", ["company_id"], unique=False
    )
    op.create_index(
        op.f("ix_card_number_blocks_terminal_id"),
        "card_number_blocks",
        ["terminal_id"],
        unique=False,
    )

    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.String(length=36), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("terminal_seq", sa.BigInteger(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(length=24), nullable=False),
        sa.Column("stamps_delta", sa.Integer(), nullable=False),
        sa.Column("points_delta", sa.Integer(), nullable=False),
        sa.Column("stamp_count_after", sa.Integer(), nullable=True),
        sa.Column("points_balance_after", sa.BigInteger(), nullable=True),
        sa.Column("purchase_amount", sa.BigInteger(), nullable=True),
        sa.Column("order_reference", sa.String(length=64), nullable=True),
        sa.Column("reward_id", sa.Integer(), nullable=True),
        sa.Column("reward_description", sa.String(length=120), nullable=True),
        sa.Column("reverses_id", sa.String(length=36), nullable=True),
        sa.Column("shortfall", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("authorized_online", sa.Boolean(), nullable=False),
        sa.Column("transaction_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.String(length=12), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("merged_into_card_id", sa.String(length=36), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_ledger_entries_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["terminal_id"], ["terminals.id"], name=op.f("fk_ledger_entries_terminal_id_terminals")
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"], ["vendors.id"], name=op.f("fk_ledger_entries_vendor_id_vendors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint(
            "terminal_id", "terminal_seq", name=op.f("uq_ledger_entries_terminal_id_terminal_seq")
        ),
    )
    op.create_index(
        "ix_ledger_entries_card_time", "ledger_entries", ["card_id", "transaction_at"], unique=False
    )
    op.create_index(
        op.f("ix_ledger_entries_company_id"), "ledger_entries", ["company_id"], unique=False
    )
    op.create_index(
        op.f("ix_ledger_entries_reverses_id"), "ledger_entries", ["reverses_id"], unique=False
    )


def downgrade() -> None:
    for table in (
        "ledger_entries",
        "card_number_blocks",
        "card_aliases",
        "terminals",
        "rewards",
        "cards",
        "activation_codes",
        "vendors",
        "staff",
        "programs",
        "customers",
        "company_settings",
        "server_state",
        "companies",
        "change_log",
    ):
        op.drop_table(table)
