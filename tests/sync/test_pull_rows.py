"""Customers and cards written the fast way by a pull (terminal.services.syncing.bulk) read
back through the models exactly as the server holds them: times as aware UTC, texts and
balances unchanged, the search rows made. A second snapshot over the full cache takes the
lookup path and changes nothing it should not."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from sync.server.models import Card as ServerCard
from sync.server.models import Customer as ServerCustomer
from terminal.services.syncing.bulk import cards_of
from terminal.store.models import Customer, LoyaltyCard
from tests.services.helpers import search_cards
from tests.sync.conftest import World
from tests.sync.terminals import SyncedTerminal, make_terminal


def _cached(till: SyncedTerminal) -> dict[str, tuple[object, ...]]:
    with till.database.reader() as session:
        rows = session.execute(select(LoyaltyCard, Customer).join(Customer)).all()
        return {
            card.uuid: (
                customer.uuid, customer.first_name, customer.last_name, customer.email,
                customer.phone, customer.created_at, card.card_number, card.qr_code_data,
                card.is_active, card.stamp_count, card.points_balance, card.created_at,
                card.updated_at, card.last_activity_at, card.confirmed_points_balance,
                card.confirmed_at,
            )
            for card, customer in rows
        }  # fmt: skip


def _on_server(world: World) -> dict[str, tuple[object, ...]]:
    with world.server.sessions() as session:
        rows = session.execute(
            select(ServerCard, ServerCustomer).join(
                ServerCustomer, ServerCustomer.id == ServerCard.customer_id
            )
        ).all()
        return {
            card.id: (
                customer.id, customer.first_name, customer.last_name, customer.email,
                customer.phone, customer.created_at, card.card_number, card.qr_code_data,
                card.is_active, card.stamp_count, card.points_balance, card.created_at,
                card.updated_at, card.last_activity_at, card.points_balance, card.updated_at,
            )
            for card, customer in rows
            if card.company_id == world.company_a
        }  # fmt: skip


def test_bulk_pulled_rows_read_back_as_the_server_holds_them(world: World, tmp_path: Path) -> None:
    main = make_terminal(world.server, world.vendor_a1, tmp_path, "main", world.staff_a)
    try:
        enrolled = main.services.enroll.enroll(
            main.actor, first_name="José", last_name="Ñúñez", email="jose@example.com",
            phone="+33612345678",
        ).card  # fmt: skip
        main.services.enroll.enroll(
            main.actor, first_name="Ann", last_name="Lee", email="ann@example.com"
        )
        main.services.points.earn(main.actor, enrolled.card_id, "12.34")
        assert main.sync().pending == 0
    finally:
        main.close()

    late = make_terminal(world.server, world.vendor_a2, tmp_path, "late", world.staff_a)
    try:
        expected = _on_server(world)
        assert len(expected) == 2
        assert _cached(late) == expected
        with late.database.read() as session:
            held = {card.uuid: card.confirmed_at for card in session.scalars(select(LoyaltyCard))}
            assert {uuid: at for uuid, (_id, at) in cards_of(session, list(held)).items()} == held
            bodies = session.execute(text("SELECT body FROM card_search")).scalars().all()
        assert len(bodies) == 2
        assert search_cards(late, "nunez").rows[0].card_number == enrolled.card_number
        assert search_cards(late, "0612345").rows[0].card_number == enrolled.card_number

        with late.database.write() as session:  # the server sends everything again
            session.execute(text("UPDATE sync_cursor SET cursor = NULL"))
        assert late.sync().state == "online"
        assert _cached(late) == expected
        with late.database.read() as session:
            assert session.scalar(text("SELECT count(*) FROM card_search")) == 2
    finally:
        late.close()
