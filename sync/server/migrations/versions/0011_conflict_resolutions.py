"""how a manager resolved a flagged entry: who, when, how (adjusted / written off), why

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


COLUMNS = (
    ("resolved_at", sa.DateTime()),
    ("resolved_by", sa.String(length=120)),
    ("resolution", sa.String(length=16)),
    ("resolution_note", sa.String(length=500)),
)


def upgrade() -> None:
    # nullable columns: ALTER TABLE ADD COLUMN on both engines, no copy of the ledger
    for name, kind in COLUMNS:
        op.add_column("ledger_entries", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ledger_entries") as table:
        for name, _kind in reversed(COLUMNS):
            table.drop_column(name)
