"""the conflicts list: what the server did not take as this terminal sent it

`sync_conflicts` holds one row per entry the server answered as an overdraft, a rejection,
a merged enrollment, an id or sequence conflict, or an acceptance flagged for a manager
(terminal.store.models.conflicts). The status bar counts the rows a manager has not seen.

`loyalty_transactions.approved_online`: the server approved the redemption online while the
customer waited (what the offline redemption limit leaves out). Existing entries: those sent
for online authorisation, which until now were only ever written once approved.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("card_uuid", sa.String(length=36), nullable=False),
        sa.Column("merged_into_card_uuid", sa.String(length=36), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["loyalty_transactions.id"],
            name=op.f("fk_sync_conflicts_entry_id_loyalty_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_index(op.f("ix_sync_conflicts_entry_id"), "sync_conflicts", ["entry_id"], unique=True)
    with op.batch_alter_table("loyalty_transactions") as batch_op:
        batch_op.add_column(
            sa.Column("approved_online", sa.Boolean(), nullable=False, server_default="0")
        )
    op.get_bind().execute(
        sa.text("UPDATE loyalty_transactions SET approved_online = authorized_online")
    )


def downgrade() -> None:
    with op.batch_alter_table("loyalty_transactions") as batch_op:
        batch_op.drop_column("approved_online")
    op.drop_index(op.f("ix_sync_conflicts_entry_id"), table_name="sync_conflicts")
    op.drop_table("sync_conflicts")
