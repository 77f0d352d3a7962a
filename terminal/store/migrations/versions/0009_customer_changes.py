"""a manager changes a customer's details: the details each entry carries

`customer_changes` holds, per ledger entry, the customer details it is sent with, frozen when
it is written (terminal.store.models.customer_changes): the new details of a
CUSTOMER_UPDATED entry, and the enrollment details of a CARD_CREATED entry still unsettled
when its customer was edited. Existing files have neither: nothing to fill.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_changes",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["loyalty_transactions.id"],
            name=op.f("fk_customer_changes_entry_id_loyalty_transactions"),
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_customer_changes")),
    )


def downgrade() -> None:
    op.drop_table("customer_changes")
