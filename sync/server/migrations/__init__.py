"""Alembic migrations of the central server's schema; applied by `sync.server.db.init_database`."""
