"""card fragment search: FTS5 trigram index over customers and cards, filled in place

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from terminal.store.search import fill_search_table

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS card_search "
            "USING fts5(body, tokenize = 'trigram', detail = 'none')"
        )
    )
    fill_search_table(connection)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS card_search")
