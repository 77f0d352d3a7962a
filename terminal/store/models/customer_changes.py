"""The customer details a ledger entry carries, stored with it once and never changed."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from terminal.store.base import Base


class CustomerChangeRecord(Base):
    """The details sent with an entry (sync.protocol.CustomerChange), frozen when the entry
    is written: the customers row changes again with the next edit or pull, but an entry's
    content never does (the server answers `conflict` to the same id with other content, so
    a push sent again after a lost answer must be the same, byte for byte).

    - A CUSTOMER_UPDATED entry: the details after the change (every such entry has one).
    - A CARD_CREATED entry not yet settled when its customer is first edited: the details
      it was enrolled with (its NewCard is otherwise read from the customers row).
    """

    __tablename__ = "customer_changes"

    entry_id: Mapped[str] = mapped_column(ForeignKey("loyalty_transactions.id"), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(254))  # as customers.email: NFC, lower
    phone: Mapped[str | None] = mapped_column(String(16))  # as customers.phone: E.164
