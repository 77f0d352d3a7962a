"""an index on ledger_entries (company_id, transaction_at): a company's activity figures

`GET /v1/stats` sums a company's entries from a moment on. With only the index on
company_id, it read every entry the company ever had (millions for a chain) to keep the
last days; with this one it reads the period's entries only.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_ledger_entries_company_time", "ledger_entries", ["company_id", "transaction_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_ledger_entries_company_time", table_name="ledger_entries")
