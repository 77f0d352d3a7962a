"""the store manager's views: sorted card pages and handled conflicts

Indexes for the cards table's keyset pages sorted by points, stamps, last activity and
customer name, and small partial indexes of deactivated and overdrawn cards (those
filters find the few among a million without a scan). A conflict a manager dealt with
records who, when and what they did (`handled_*`).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_loyalty_cards_points", "loyalty_cards", ["points_balance"])
    op.create_index("ix_loyalty_cards_stamps", "loyalty_cards", ["stamp_count"])
    op.create_index("ix_loyalty_cards_last_activity", "loyalty_cards", ["last_activity_at"])
    op.create_index(
        "ix_loyalty_cards_inactive", "loyalty_cards", ["id"], sqlite_where=sa.text("is_active = 0")
    )
    op.create_index(
        "ix_loyalty_cards_overdrawn",
        "loyalty_cards",
        ["id"],
        sqlite_where=sa.text("points_balance < 0 OR stamp_count < 0"),
    )
    op.create_index("ix_customers_name", "customers", ["last_name", "first_name"])
    with op.batch_alter_table("sync_conflicts") as batch_op:
        batch_op.add_column(sa.Column("handled_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("handled_by_staff_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("handled_note", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_sync_conflicts_handled_by_staff_id_staff_pins"),
            "staff_pins",
            ["handled_by_staff_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_conflicts") as batch_op:
        batch_op.drop_constraint(
            op.f("fk_sync_conflicts_handled_by_staff_id_staff_pins"), type_="foreignkey"
        )
        batch_op.drop_column("handled_note")
        batch_op.drop_column("handled_by_staff_id")
        batch_op.drop_column("handled_at")
    op.drop_index("ix_customers_name", table_name="customers")
    op.drop_index("ix_loyalty_cards_overdrawn", table_name="loyalty_cards")
    op.drop_index("ix_loyalty_cards_inactive", table_name="loyalty_cards")
    op.drop_index("ix_loyalty_cards_last_activity", table_name="loyalty_cards")
    op.drop_index("ix_loyalty_cards_stamps", table_name="loyalty_cards")
    op.drop_index("ix_loyalty_cards_points", table_name="loyalty_cards")
