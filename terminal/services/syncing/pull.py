"""A page of the server's changes written into the local cache.

The catalogue (company, stores, program, rewards, settings, staff) is a handful of rows per
page, written through the ORM. Customers and cards can be a million on the first pull of a
big chain, so they are written with one multi-row statement per kind and page. Cards'
balances go through `balances.confirm` whenever this terminal has unsettled entries on them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol import ChangesResponse
from terminal.domain.ledger import SyncState, TransactionType
from terminal.services.syncing.balances import ServerCardState, confirm, unsettled_by_card
from terminal.services.syncing.bulk import cards_of, customer_ids, insert_cards, insert_customers
from terminal.store.models import (
    CardAlias,
    CardNumberBlock,
    Company,
    CompanySettings,
    Customer,
    LedgerEntry,
    LoyaltyCard,
    LoyaltyProgram,
    Reward,
    StaffPin,
    Vendor,
)
from terminal.store.search import search_body

_CATALOG: dict[str, type[Any]] = {
    "companies": Company,
    "vendors": Vendor,
    "programs": LoyaltyProgram,
    "rewards": Reward,
    "settings": CompanySettings,
    "staff": StaffPin,
}
_KEY = {"settings": "company_id"}
_CATALOG_TIMES = {"locked_until"}


@dataclass
class PageSummary:
    applied: dict[str, int] = field(default_factory=dict)
    skipped: int = 0  # rows this cache cannot hold (e.g. a card whose customer never came)

    def count(self, entity: str, n: int = 1) -> None:
        self.applied[entity] = self.applied.get(entity, 0) + n


def apply_page(
    session: Session, page: ChangesResponse, summary: PageSummary, now: datetime
) -> None:
    """Every change of `page`, in order; consecutive rows of one big entity together."""
    for entity, op, rows in _runs(page):
        if op == "delete":
            for key in rows:
                _delete(session, entity, key)
            summary.count(entity, len(rows))
        elif entity == "customers":
            upsert_customers(session, rows)
            summary.count(entity, len(rows))
        elif entity == "cards":
            summary.skipped += upsert_cards(session, rows, summary)
        elif entity == "card_aliases":
            for row in rows:
                _upsert_alias(session, row)
            summary.count(entity, len(rows))
        elif entity == "card_number_blocks":
            for row in rows:
                _upsert_block(session, row, now)
            summary.count(entity, len(rows))
        elif entity in _CATALOG:
            for row in rows:
                _upsert_catalog(session, entity, row)
            summary.count(entity, len(rows))


def _runs(page: ChangesResponse) -> Iterator[tuple[str, str, list[Any]]]:
    """(entity, "upsert", [data...]) or (entity, "delete", [key...]) runs, in page order."""
    run: tuple[str, str, list[Any]] | None = None
    for change in page.changes:
        if change.op == "upsert_rows":
            columns = change.columns  # type: ignore[union-attr]
            items: list[Any] = [dict(zip(columns, row, strict=True)) for row in change.rows]  # type: ignore[union-attr]
            entity, op = change.entity, "upsert"
        elif change.op == "upsert":
            entity, op, items = change.entity, "upsert", [change.data]  # type: ignore[union-attr]
        else:
            entity, op, items = change.entity, "delete", [change.id]  # type: ignore[union-attr]
        if run is not None and run[0] == entity and run[1] == op:
            run[2].extend(items)
            continue
        if run is not None:
            yield run
        run = (entity, op, items)
    if run is not None:
        yield run


def _time(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


# --- the catalogue ---------------------------------------------------------------------------


def _upsert_catalog(session: Session, entity: str, data: dict[str, Any]) -> None:
    model = _CATALOG[entity]
    key = data[_KEY.get(entity, "id")]
    row = session.get(model, key)
    if row is None:
        row = model()
        session.add(row)
    local_lockout = getattr(row, "locked_until", None) if entity == "staff" else None
    columns = set(model.__table__.columns.keys())
    for name, value in data.items():
        if name in columns:
            setattr(row, name, _time(value) if name in _CATALOG_TIMES else value)
    if local_lockout is not None and (row.locked_until is None or local_lockout > row.locked_until):
        # A lockout this terminal saw and has not reported yet is not lifted by an older
        # company-wide state (the engine reports it before it pulls).
        row.locked_until = local_lockout
    session.flush()


# --- customers and cards -----------------------------------------------------------------------


def _inserted_as_new(
    session: Session,
    insert: Callable[[Session, list[dict[str, Any]]], int],
    rows: list[dict[str, Any]],
) -> int | None:
    """All of `rows` inserted as new rows (`insert`'s answer), or none (a uuid already
    here: None). The first pull of a chain is all new rows: no lookup per row; a later
    snapshot over a full cache fails at its first row, cheaply."""
    try:
        with session.begin_nested():
            return insert(session, rows)
    except sqlite3.IntegrityError:
        return None


def upsert_customers(session: Session, rows: list[dict[str, Any]]) -> None:
    rows = list({row["id"]: row for row in rows}.values())  # twice in a page: the latest
    if _inserted_as_new(session, insert_customers, rows) is not None:
        return
    known = customer_ids(session, [row["id"] for row in rows])
    new = [row for row in rows if row["id"] not in known]
    if new:
        insert_customers(session, new)
    changed = [row for row in rows if row["id"] in known]
    if changed:
        edited = _edited_here(session)
        changed = [row for row in changed if known[row["id"]] not in edited]
    if not changed:
        return
    session.execute(
        update(Customer),
        [
            {
                "id": known[row["id"]],
                "first_name": row["first_name"] or "",
                "last_name": row["last_name"] or "",
                "email": row["email"],
                "phone": row["phone"],
            }
            for row in changed
        ],
    )
    _reindex(
        session,
        session.scalars(
            select(LoyaltyCard.id).where(
                LoyaltyCard.customer_id.in_([known[row["id"]] for row in changed])
            )
        ).all(),
    )


def _edited_here(session: Session) -> set[int]:
    """Customers whose details a manager changed here in an entry not settled yet: those
    details stand over pulled ones, which the server held before the change reached it
    (an entry sent without an answer is settled before any pull), as an unsent
    deactivation stands over the card's flag. The server logs the customer again when it
    takes or refuses the change: that row comes with a later pull."""
    return set(
        session.scalars(
            select(LoyaltyCard.customer_id)
            .join(LedgerEntry, LedgerEntry.card_id == LoyaltyCard.id)
            .where(
                LedgerEntry.sync_state == SyncState.PENDING,
                LedgerEntry.type == TransactionType.CUSTOMER_UPDATED,
            )
        )
    )


def _card_values(data: dict[str, Any]) -> dict[str, Any]:
    state = ServerCardState.from_wire(data)
    return {
        "is_active": state.is_active,
        "stamp_count": state.stamp_count,
        "total_stamps_earned": state.total_stamps_earned,
        "stamps_redeemed": state.stamps_redeemed,
        "points_balance": state.points_balance,
        "total_points_earned": state.total_points_earned,
        "points_redeemed": state.points_redeemed,
        "last_activity_at": state.last_activity_at,
        "confirmed_stamp_count": state.stamp_count,
        "confirmed_points_balance": state.points_balance,
        "confirmed_at": state.updated_at,
        "updated_at": state.updated_at,
    }


def upsert_cards(session: Session, rows: list[dict[str, Any]], summary: PageSummary) -> int:
    """Returns how many rows had to be skipped."""
    rows = list({row["id"]: row for row in rows}.values())  # a card twice: its latest state
    left_out = _inserted_as_new(session, insert_cards, rows)
    if left_out is not None:
        summary.count("cards", len(rows) - left_out)
        return left_out
    existing = cards_of(session, [row["id"] for row in rows])
    new = [row for row in rows if row["id"] not in existing]
    skipped = insert_cards(session, new) if new else 0
    summary.count("cards", len(new) - skipped)
    changed = [row for row in rows if row["id"] in existing]
    if changed:
        ids = [existing[row["id"]][0] for row in changed]
        unsettled = unsettled_by_card(session, ids)
        plain: list[dict[str, Any]] = []
        for row in changed:
            card_id, confirmed_at = existing[row["id"]]
            state = ServerCardState.from_wire(row)
            if card_id in unsettled:
                if any(entry.sent_at is not None for entry in unsettled[card_id]):
                    # Sent, its answer not saved yet (an online authorisation in flight): this
                    # state may already count it. Its answer brings the card's state.
                    continue
                card = session.get(LoyaltyCard, card_id)
                assert card is not None
                confirm(card, state, unsettled[card_id])
            elif (
                confirmed_at is None
                or state.updated_at is None
                or (state.updated_at >= confirmed_at)
            ):
                plain.append({"id": card_id, **_card_values(row)})
        if plain:
            session.execute(update(LoyaltyCard), plain)
        session.flush()
        summary.count("cards", len(changed))
    return skipped


def _reindex(session: Session, card_ids: list[int]) -> None:
    if not card_ids:
        return
    rows = session.execute(
        select(
            LoyaltyCard.id,
            Customer.first_name,
            Customer.last_name,
            Customer.email,
            Customer.phone,
            LoyaltyCard.card_number,
        )
        .join(Customer, Customer.id == LoyaltyCard.customer_id)
        .where(LoyaltyCard.id.in_(card_ids))
    ).all()
    session.execute(
        text("DELETE FROM card_search WHERE rowid = :id"), [{"id": row[0]} for row in rows]
    )
    session.execute(
        text("INSERT INTO card_search (rowid, body) VALUES (:id, :body)"),
        [{"id": row[0], "body": search_body(*row[1:])} for row in rows],
    )


# --- merged cards, number blocks, deletes -------------------------------------------------------


def _upsert_alias(session: Session, data: dict[str, Any]) -> None:
    """A merged card's QR token and number keep working as aliases of the customer's card.
    When this cache holds the merged (provisional) card, its history moves to that card."""
    target = session.scalar(select(LoyaltyCard).where(LoyaltyCard.uuid == data["card_id"]))
    if target is None:
        return  # the card arrives later in the log; its aliases come again with a snapshot
    merged_uuid = data.get("merged_card_id")
    if merged_uuid:
        _merge(session, merged_uuid, target)
    clashes = []
    if data.get("qr_code_data"):
        clashes.append(CardAlias.qr_code_data == data["qr_code_data"])
    if data.get("card_number"):
        clashes.append(CardAlias.card_number == data["card_number"])
    for clash in clashes:
        session.execute(delete(CardAlias).where(clash))
    session.add(
        CardAlias(
            card_id=target.id,
            qr_code_data=data.get("qr_code_data"),
            card_number=data.get("card_number"),
        )
    )
    session.flush()


def _merge(session: Session, merged_uuid: str, target: LoyaltyCard) -> None:
    merged = session.scalar(select(LoyaltyCard).where(LoyaltyCard.uuid == merged_uuid))
    if merged is None or merged.id == target.id:
        return
    session.execute(
        update(LedgerEntry).where(LedgerEntry.card_id == merged.id).values(card_id=target.id)
    )
    session.execute(
        update(CardAlias).where(CardAlias.card_id == merged.id).values(card_id=target.id)
    )
    customer_id = merged.customer_id
    session.execute(text("DELETE FROM card_search WHERE rowid = :id"), {"id": merged.id})
    session.delete(merged)
    session.flush()
    _delete_customer_if_unused(session, customer_id)
    confirm(target, None, unsettled_by_card(session, [target.id]).get(target.id, []))


def _delete_customer_if_unused(session: Session, customer_id: int) -> None:
    used = session.scalar(
        select(func.count()).select_from(LoyaltyCard).where(LoyaltyCard.customer_id == customer_id)
    )
    if not used:
        session.execute(delete(Customer).where(Customer.id == customer_id))


def _upsert_block(session: Session, data: dict[str, Any], now: datetime) -> None:
    block = session.get(CardNumberBlock, data["id"])
    if block is None:
        session.add(
            CardNumberBlock(
                id=data["id"],
                first_body=data["first_body"],
                last_body=data["last_body"],
                next_body=data["first_body"],
                received_at=now,
            )
        )
    else:
        block.last_body = data["last_body"]
    session.flush()


def _delete(session: Session, entity: str, key: str) -> None:
    if entity == "cards":
        card = session.scalar(select(LoyaltyCard).where(LoyaltyCard.uuid == key))
        if card is not None and not session.scalar(
            select(func.count()).select_from(LedgerEntry).where(LedgerEntry.card_id == card.id)
        ):
            session.execute(text("DELETE FROM card_search WHERE rowid = :id"), {"id": card.id})
            session.delete(card)
            session.flush()
        return
    if entity == "customers":
        customer_id = session.scalar(select(Customer.id).where(Customer.uuid == key))
        if customer_id is not None:
            _delete_customer_if_unused(session, customer_id)
        return
    model = _CATALOG.get(entity)
    if model is None:
        return
    row = session.get(model, int(key))
    if row is None:
        return
    try:
        with session.begin_nested():
            session.delete(row)
    except IntegrityError:  # still named by the ledger: kept, out of use
        if hasattr(row, "is_active"):
            row.is_active = False
