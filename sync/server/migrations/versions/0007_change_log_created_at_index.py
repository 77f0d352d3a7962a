"""an index on change_log.created_at: the pruning job's cut-off

Pruning forgets the change-log rows older than a date; without this index it reads the
whole log.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_change_log_created_at", "change_log", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_change_log_created_at", table_name="change_log")
