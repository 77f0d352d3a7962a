"""The terminal's local SQLite cache and ledger (SQLAlchemy 2.x)."""
