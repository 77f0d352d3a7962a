"""Alembic environment: always run with a connection handed in by terminal.store.schema."""

from __future__ import annotations

from alembic import context

import terminal.store.models  # noqa: F401  (registers the tables)
from terminal.store.base import Base
from terminal.store.schema import include_in_autogenerate

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER through table copies
    include_object=include_in_autogenerate,
)
with context.begin_transaction():
    context.run_migrations()
