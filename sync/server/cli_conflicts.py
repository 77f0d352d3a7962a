"""`loyalty-server conflicts`: what a manager must look at.

Entries applied although the rules say they should not have been (sync.server.claims): an
offline redemption that overdrew a card, the daily stamp limit or the cooldown broken across
two tills, an earn on a card deactivated at another till meanwhile. Newest first.
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import Engine, select

from sync.server.db import make_sessionmaker
from sync.server.models import Card, LedgerEntry, Terminal, Vendor
from terminal.domain.cards import format_card_number


def register(commands: Any) -> None:
    conflicts = commands.add_parser(
        "conflicts", help="entries flagged for a manager (overdrafts, limits broken offline)"
    )
    conflicts.add_argument("--company", type=int, required=True)
    conflicts.add_argument("--limit", type=int, default=100, help="newest N (default 100)")
    conflicts.set_defaults(handler=list_conflicts)


def list_conflicts(args: argparse.Namespace, engine: Engine) -> int:
    if args.limit < 1:
        print("error: --limit must be at least 1")
        return 2
    with make_sessionmaker(engine).begin() as session:
        rows = session.execute(
            select(LedgerEntry, Card.card_number, Vendor.name, Terminal.name)
            .outerjoin(Card, Card.id == LedgerEntry.card_id)
            .outerjoin(Vendor, Vendor.id == LedgerEntry.vendor_id)
            .outerjoin(Terminal, Terminal.id == LedgerEntry.terminal_id)
            .where(LedgerEntry.company_id == args.company, LedgerEntry.flagged.is_(True))
            .order_by(LedgerEntry.received_at.desc(), LedgerEntry.id)
            .limit(args.limit)
        ).all()
        if not rows:
            print(f"no conflicts in company {args.company}")
            return 0
        for entry, number, store, till in rows:
            card = format_card_number(number) if number else entry.card_id
            print(
                f"{entry.transaction_at.isoformat()}  {store or '-'} / {till or '-'}  "
                f"{entry.type}  card {card}  {entry.result} ({entry.reason_code})  {entry.id}"
            )
            print(f"    {entry.reason}")
        print(f"{len(rows)} conflict(s)")
    return 0
