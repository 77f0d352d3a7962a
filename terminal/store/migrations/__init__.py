"""Alembic migrations of the local schema; applied by `terminal.store.schema.upgrade`."""
