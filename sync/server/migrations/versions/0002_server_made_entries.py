"""server-made ledger entries and number blocks (9412add, "Central server, part 2")

Points expiry writes POINTS_EXPIRED entries that no store, terminal or terminal sequence
made, and the customer import hands out card numbers from blocks of no terminal: those
columns become nullable. Existing rows are unchanged. NULLs never clash in the unique
(terminal_id, terminal_seq) constraint, which still holds for terminal entries.

Downgrading fails while a server-made row exists (its NULLs cannot be made NOT NULL).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _set_nullable(True)


def downgrade() -> None:
    _set_nullable(False)


def _set_nullable(nullable: bool) -> None:
    with op.batch_alter_table("card_number_blocks") as batch_op:
        batch_op.alter_column("terminal_id", existing_type=sa.String(36), nullable=nullable)
    with op.batch_alter_table("ledger_entries") as batch_op:
        batch_op.alter_column("vendor_id", existing_type=sa.Integer(), nullable=nullable)
        batch_op.alter_column("terminal_id", existing_type=sa.String(36), nullable=nullable)
        batch_op.alter_column("terminal_seq", existing_type=sa.BigInteger(), nullable=nullable)
