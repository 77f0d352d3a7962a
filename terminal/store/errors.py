"""Errors of the local database file itself, with messages IT and cashiers can act on."""

from __future__ import annotations


class LocalDatabaseError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LocalDatabaseUnreadable(LocalDatabaseError):
    """The file is damaged or is not a loyalty database at all."""


class LocalDatabaseBusy(LocalDatabaseError):
    """Another program holds the database locked for longer than we wait."""


class LocalDatabaseTooNew(LocalDatabaseError):
    """Written by a newer version of the terminal: refusing beats corrupting it."""
