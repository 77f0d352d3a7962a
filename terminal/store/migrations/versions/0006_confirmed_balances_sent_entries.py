"""cards keep their server-confirmed balances apart; entries note when a push carried them

`loyalty_cards.confirmed_stamp_count` / `confirmed_points_balance` (and `confirmed_at`, the
server time of that state) are the part of the card's balances the server has confirmed;
`stamp_count` / `points_balance` stay what the cashier sees: confirmed plus this terminal's
pending entries. Existing cards get confirmed = shown minus their pending entries' deltas,
which is what they held (every settled entry was confirmed).

`loyalty_transactions.sent_at`: when a push first carried the entry (NULL: never sent).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.add_column(
            sa.Column("confirmed_stamp_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("confirmed_points_balance", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("loyalty_transactions") as batch_op:
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(), nullable=True))
    op.get_bind().execute(
        sa.text(
            """
            UPDATE loyalty_cards SET
                confirmed_stamp_count = stamp_count - coalesce((
                    SELECT sum(stamps_delta) FROM loyalty_transactions t
                    WHERE t.card_id = loyalty_cards.id AND t.sync_state = 'pending'), 0),
                confirmed_points_balance = points_balance - coalesce((
                    SELECT sum(points_delta) FROM loyalty_transactions t
                    WHERE t.card_id = loyalty_cards.id AND t.sync_state = 'pending'), 0)
            """
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("loyalty_transactions") as batch_op:
        batch_op.drop_column("sent_at")
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.drop_column("confirmed_at")
        batch_op.drop_column("confirmed_points_balance")
        batch_op.drop_column("confirmed_stamp_count")
