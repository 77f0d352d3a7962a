"""ledger staff and reward ids as sent: 64-bit (7ea7754, "no 5xx on hostile input")

The wire allows 64-bit ids; an INTEGER column refused a larger one with a 500 on PostgreSQL.
ledger_entries.staff_id and reward_id become BIGINT (on SQLite only the declared type
changes: its integers are 64-bit anyway). Downgrading fails on PostgreSQL while a stored id
does not fit 32 bits.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ledger_entries") as batch_op:
        for column in ("staff_id", "reward_id"):
            batch_op.alter_column(
                column, existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=True
            )


def downgrade() -> None:
    with op.batch_alter_table("ledger_entries") as batch_op:
        for column in ("staff_id", "reward_id"):
            batch_op.alter_column(
                column, existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=True
            )
