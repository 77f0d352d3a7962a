"""What the server did not take as the terminal sent it: kept for a manager, never silent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from terminal.store.base import Base, UtcDateTime
from terminal.store.models.cards import UUID_LENGTH


class SyncConflict(Base):
    """One entry the server answered with something other than a plain acceptance:

    - `overdraft`: applied although the card could not afford it (an offline redemption
      another store's spending overtook; the reward was already handed over);
    - `rejected`: not applied, with the server's reason (`code`, `reason`);
    - `merged`: an enrollment of a customer who already had a card: merged into it;
    - `conflict`: the id or sequence number was already used for a different entry;
    - `flagged`: applied, and flagged for a manager (e.g. an offline redemption over the
      daily limit).

    `card_uuid` (not a key to the cards table): a merged card's row goes away.
    `reason` is the server's own sentence (English), shown as the detail beside the
    translated kind; `code` is its stable machine name.
    """

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[str] = mapped_column(
        ForeignKey("loyalty_transactions.id"), unique=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    code: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    card_uuid: Mapped[str] = mapped_column(String(UUID_LENGTH))
    merged_into_card_uuid: Mapped[str | None] = mapped_column(String(UUID_LENGTH))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)  # server time of the answer
    seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # a manager looked at it
    # A manager dealt with it (migration 0008): who, when, and what they did about it.
    handled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    handled_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_pins.id"))
    handled_note: Mapped[str | None] = mapped_column(Text)
