"""The ledger's vocabulary: transaction types and sync states."""

from __future__ import annotations

from enum import StrEnum


class TransactionType(StrEnum):
    CARD_CREATED = "CARD_CREATED"
    CARD_DEACTIVATED = "CARD_DEACTIVATED"
    CARD_REACTIVATED = "CARD_REACTIVATED"
    WELCOME_BONUS = "WELCOME_BONUS"
    STAMP_EARNED = "STAMP_EARNED"
    STAMP_REDEEMED = "STAMP_REDEEMED"
    STAMP_VOIDED = "STAMP_VOIDED"
    POINTS_EARNED = "POINTS_EARNED"
    POINTS_REDEEMED = "POINTS_REDEEMED"
    POINTS_VOIDED = "POINTS_VOIDED"
    POINTS_ADJUSTMENT = "POINTS_ADJUSTMENT"
    POINTS_EXPIRED = "POINTS_EXPIRED"
    # A manager changed the customer's name, email or phone: no stamps, no points, not an
    # activity (points still expire); the new details travel with the entry.
    CUSTOMER_UPDATED = "CUSTOMER_UPDATED"


class SyncState(StrEnum):
    """Where a local ledger entry stands with the central server."""

    PENDING = "pending"
    # A redemption being authorised online right now (at most one, for about 1.5 s): it
    # holds its sequence number and counts in the shown balance like a pending entry, and
    # becomes accepted (the server said yes), pending (no answer in time: offline rules)
    # or is withdrawn (the server said no: it never happened, its number is free again).
    AUTHORIZING = "authorize"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    OVERDRAFT = "overdraft"


# Activity that keeps points from expiring (DOMAIN.md: earn or redeem).
ACTIVITY_TYPES = frozenset(
    {
        TransactionType.STAMP_EARNED,
        TransactionType.STAMP_REDEEMED,
        TransactionType.POINTS_EARNED,
        TransactionType.POINTS_REDEEMED,
        TransactionType.WELCOME_BONUS,
    }
)

REDEMPTION_TYPES = frozenset({TransactionType.STAMP_REDEEMED, TransactionType.POINTS_REDEEMED})
