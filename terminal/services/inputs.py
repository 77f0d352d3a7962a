"""Checks of identifiers handed to the services by the UI, before any of them reaches SQL.

A wrong identifier is a "not found" for the cashier, never a crash: SQLite integers are
64-bit and a bool is an int to Python, so both are checked here.
"""

from __future__ import annotations

import uuid

SQLITE_MAX_INT = 2**63 - 1


def is_row_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= SQLITE_MAX_INT


def is_uuid_text(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def clamp_int(value: object, low: int, high: int, default: int) -> int:
    """A paging number from the UI, kept in range (anything else means the default)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return default
    return max(low, min(value, high))
