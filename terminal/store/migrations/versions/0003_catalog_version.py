"""catalog version: a counter bumped by triggers whenever the catalogue changes

Every unit of work needs the terminal's context (store, program, settings). Reading one
integer tells whether the cached context is still right, whoever changed the catalogue
(sync, activation, an admin tool) and through whatever connection.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CATALOG_TABLES = ("companies", "vendors", "loyalty_programs", "rewards", "company_settings")
BUMP = "UPDATE catalog_version SET version = version + 1 WHERE id = 1;"


def upgrade() -> None:
    op.create_table(
        "catalog_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_version")),
    )
    op.execute("INSERT INTO catalog_version (id, version) VALUES (1, 1)")
    for table in CATALOG_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER bump_catalog_{table}_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {BUMP} END"
            )
    for event in ("INSERT", "DELETE", "UPDATE OF terminal_id, company_id, vendor_id"):
        name = event.split()[0].lower()
        op.execute(
            f"CREATE TRIGGER bump_catalog_terminal_identity_{name} AFTER {event} "
            f"ON terminal_identity BEGIN {BUMP} END"
        )


def downgrade() -> None:
    for table in (*CATALOG_TABLES, "terminal_identity"):
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS bump_catalog_{table}_{event}")
    op.drop_table("catalog_version")
