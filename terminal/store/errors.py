"""Errors of the local database file itself, with messages IT and cashiers can act on.

`code` names the error for the screens (terminal/ui/texts.py), which must not import the
store: they translate the code, never show `message`.
"""

from __future__ import annotations


class LocalDatabaseError(Exception):
    code = "database_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LocalDatabaseUnreadable(LocalDatabaseError):
    """The file is damaged or is not a loyalty database at all."""

    code = "database_unreadable"


class LocalDatabaseBusy(LocalDatabaseError):
    """Another program holds the database locked for longer than we wait."""

    code = "database_busy"


class LocalDatabaseTooNew(LocalDatabaseError):
    """Written by a newer version of the terminal: refusing beats corrupting it."""

    code = "database_too_new"


class LocalDatabaseUpgradeFailed(LocalDatabaseError):
    """A migration failed; the file is as it was and a copy was kept (the message names it)."""

    code = "database_upgrade_failed"


class LocalDatabaseBackupFailed(LocalDatabaseError):
    """The copy made before an upgrade could not be written: nothing was migrated."""

    code = "database_backup_failed"
