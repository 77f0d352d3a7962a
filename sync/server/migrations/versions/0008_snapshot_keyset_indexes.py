"""indexes on (company_id, id) of customers and cards: snapshot pages by keyset

A snapshot page reads a company's customers or cards after a key, in key order. Without
these indexes SQLite sorts all of the company's rows for every page (a 1,000,000-card pull
slows down quadratically) and PostgreSQL scans every company's rows in key order.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customers_company_id_id", "customers", ["company_id", "id"])
    op.create_index("ix_cards_company_id_id", "cards", ["company_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_cards_company_id_id", table_name="cards")
    op.drop_index("ix_customers_company_id_id", table_name="customers")
