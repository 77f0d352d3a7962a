"""The local schema. Import models from here."""

from terminal.store.models.cards import CardAlias, CardNumberBlock, Customer, LoyaltyCard
from terminal.store.models.catalog import (
    Company,
    CompanySettings,
    LoyaltyProgram,
    Reward,
    StaffPin,
    Vendor,
)
from terminal.store.models.conflicts import SyncConflict
from terminal.store.models.customer_changes import CustomerChangeRecord
from terminal.store.models.ledger import (
    CatalogVersion,
    LedgerEntry,
    SyncCursor,
    TerminalIdentity,
)

__all__ = [
    "CardAlias",
    "CardNumberBlock",
    "CatalogVersion",
    "Company",
    "CompanySettings",
    "Customer",
    "CustomerChangeRecord",
    "LedgerEntry",
    "LoyaltyCard",
    "LoyaltyProgram",
    "Reward",
    "StaffPin",
    "SyncConflict",
    "SyncCursor",
    "TerminalIdentity",
    "Vendor",
]
