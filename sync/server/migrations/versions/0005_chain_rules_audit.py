"""the chain: rule versions, audit log, terminal last contact and revocation, flagged entries
(0c15b76)

New tables rule_versions and audit_log start empty: a program or reward with no version is
judged by its current row (sync.server.rules_history), and the audit log records changes
from now on. terminals.last_seen_at and revoked_at start NULL (unknown: no call since).
ledger_entries.flagged is NOT NULL with a server default of false: no existing entry is
flagged for a manager.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=24), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_audit_log_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_company_id"), "audit_log", ["company_id"], unique=False)
    op.create_table(
        "rule_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=24), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_rule_versions_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_versions")),
    )
    op.create_index(
        op.f("ix_rule_versions_company_id"), "rule_versions", ["company_id"], unique=False
    )
    op.create_index(
        "ix_rule_versions_lookup",
        "rule_versions",
        ["entity", "entity_id", "valid_from"],
        unique=False,
    )
    with op.batch_alter_table("ledger_entries") as batch_op:
        batch_op.add_column(
            sa.Column("flagged", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("terminals") as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("terminals") as batch_op:
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("last_seen_at")
    with op.batch_alter_table("ledger_entries") as batch_op:
        batch_op.drop_column("flagged")
    op.drop_table("rule_versions")
    op.drop_table("audit_log")
