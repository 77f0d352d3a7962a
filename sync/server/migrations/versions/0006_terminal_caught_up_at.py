"""terminals.caught_up_at: when a terminal's pull last reached the end of the change feed

sync.server.claims judges a terminal's offline entries by the rules in force since then.
Existing terminals start NULL (not known to have caught up since this was kept).

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
    with op.batch_alter_table("terminals") as batch_op:
        batch_op.add_column(sa.Column("caught_up_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("terminals") as batch_op:
        batch_op.drop_column("caught_up_at")
