"""card fragment search: FTS5 trigram index over customers and cards, filled in place

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from terminal.store.search import CREATE_SEARCH_TABLE, search_body

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    connection = op.get_bind()
    connection.execute(sa.text(CREATE_SEARCH_TABLE))
    rows = connection.execute(
        sa.text(
            "SELECT c.id, u.first_name, u.last_name, u.email, u.phone, c.card_number "
            "FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id ORDER BY c.id"
        )
    )
    insert = sa.text("INSERT INTO card_search (rowid, body) VALUES (:id, :body)")
    while batch := rows.fetchmany(_BATCH):
        connection.execute(insert, [{"id": row[0], "body": search_body(*row[1:])} for row in batch])


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS card_search")
