"""The transaction export: this store's entries of a period, written through the real
services into a real SQLite file, read back with the csv module."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from terminal.domain.errors import ExportCancelled, InvalidInput
from terminal.domain.ledger import TransactionType
from terminal.domain.rules import ProgramRules
from terminal.services.context import ServiceDeps
from terminal.services.export import MAX_EXPORT_DAYS, TransactionExport
from terminal.services.views import TRANSACTION_COLUMNS
from tests.factories import CASHIER, MANAGER, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import add_remote_entry, paris

UNLIMITED = ProgramRules(max_daily_stamps=0, stamp_cooldown_minutes=0)
BOM = b"\xef\xbb\xbf"
LABELS = {code: code.replace("_", " ").title() for code in TRANSACTION_COLUMNS}


def _read(path: Path, separator: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=separator))
    assert rows[0] == [LABELS[code] for code in TRANSACTION_COLUMNS]
    return [dict(zip(TRANSACTION_COLUMNS, row, strict=True)) for row in rows[1:]]


def _export(terminal: Terminal, chunk_rows: int = 1_000) -> TransactionExport:
    return TransactionExport(ServiceDeps(terminal.database, terminal.clock), chunk_rows=chunk_rows)


@pytest.fixture
def shop(make_term: MakeTerminal) -> Terminal:
    """A day at Main Street: a tricky name, a formula-looking one, a purchase, a
    redemption, a stamp; plus another store's entry that the export must leave out."""
    terminal = make_term(seed_with(program=UNLIMITED))
    terminal.clock.set(paris(2026, 3, 10, 9, 30))
    tricky = terminal.enroll(1, first_name='Jo "Big"', last_name="Dupont; Fils").card_id
    terminal.services.points.earn(CASHIER, tricky, "312,50")  # 312 points
    terminal.clock.set(paris(2026, 3, 10, 17, 45, 10))
    terminal.services.points.redeem(MANAGER, tricky, 2)  # 250 points
    formula = terminal.enroll(2, first_name='=HYPERLINK("http://x")', last_name="-1").card_id
    terminal.services.stamps.add_stamp(CASHIER, formula, 2)
    add_remote_entry(
        terminal,
        formula,
        TransactionType.STAMP_EARNED,
        at=paris(2026, 3, 10, 12, 0),
        vendor_id=2,
        stamps_delta=1,
    )
    return terminal


def test_the_period_as_a_spreadsheet_reads_it(shop: Terminal, tmp_path: Path) -> None:
    target = tmp_path / "transactions.csv"

    result = shop.services.exports.export_transactions(
        target, date(2026, 3, 10), date(2026, 3, 10), separator=";", labels=LABELS
    )

    assert result.rows == 7
    assert result.path == target
    raw = target.read_bytes()
    assert raw.startswith(BOM)
    assert raw.count(b"\r\n") == 8  # the header and 7 rows
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b'"Jo ""Big"" Dupont; Fils"' in raw  # the separator and the quotes, quoted
    rows = _read(target, ";")
    assert [row["type"] for row in rows] == [
        "CARD_CREATED",
        "WELCOME_BONUS",
        "POINTS_EARNED",
        "POINTS_REDEEMED",
        "CARD_CREATED",
        "WELCOME_BONUS",
        "STAMP_EARNED",
    ]
    by_type = {row["type"]: row for row in rows}
    earned = by_type["POINTS_EARNED"]
    assert earned["transaction_at"] == "2026-03-10T09:30:00+01:00"  # store time, its offset
    assert earned["store"] == "Main Street"
    assert earned["staff"] == "Alex Martin"
    assert earned["customer_name"] == 'Jo "Big" Dupont; Fils'
    assert earned["card_number"].count("-") == 2  # the shown form
    assert earned["points_delta"] == "312"
    assert earned["purchase_amount"] == "312,50"  # a comma decimal with ";"
    assert earned["sync_state"] == "pending"
    redeemed = by_type["POINTS_REDEEMED"]
    assert redeemed["points_delta"] == "-250"  # a number, not guarded
    assert redeemed["reward"]
    assert redeemed["staff"] == "Morgan Leroy"
    assert redeemed["transaction_at"] == "2026-03-10T17:45:10+01:00"
    stamp = by_type["STAMP_EARNED"]
    assert stamp["customer_name"] == '\'=HYPERLINK("http://x") -1'  # shown, never run
    assert stamp["stamps_delta"] == "2"
    assert all(row["store"] == "Main Street" for row in rows)  # not the station's stamp


def test_comma_separated_has_dot_decimals(shop: Terminal, tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    shop.services.exports.export_transactions(
        target, date(2026, 3, 10), date(2026, 3, 10), separator=",", labels=LABELS
    )
    amounts = [row["purchase_amount"] for row in _read(target, ",") if row["purchase_amount"]]
    assert amounts == ["312.50"]


def test_without_labels_the_header_is_the_column_codes(shop: Terminal, tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    shop.services.exports.export_transactions(
        target, date(2026, 3, 10), date(2026, 3, 10), separator="\t"
    )
    with target.open(encoding="utf-8-sig", newline="") as stream:
        assert next(csv.reader(stream, delimiter="\t")) == list(TRANSACTION_COLUMNS)


def test_the_bounds_are_store_days_both_included(make_term: MakeTerminal, tmp_path: Path) -> None:
    terminal = make_term(seed_with(program=UNLIMITED))
    card_id = terminal.enroll(1).card_id  # at T0, 10 March
    moments = {
        paris(2026, 3, 3, 23, 59, 59): 1,  # the day before the period
        paris(2026, 3, 4, 0, 0): 2,  # its first moment (3 March in UTC)
        paris(2026, 3, 9, 23, 59, 59): 3,  # its last second
        paris(2026, 3, 10, 0, 0): 4,  # the day after (9 March in UTC)
    }
    for moment, count in moments.items():
        terminal.clock.set(moment)
        terminal.services.stamps.add_stamp(CASHIER, card_id, count)
    target = tmp_path / "t.csv"

    result = terminal.services.exports.export_transactions(
        target, date(2026, 3, 4), date(2026, 3, 9), separator=",", labels=LABELS
    )

    rows = _read(target, ",")
    assert result.rows == 2
    assert [(row["transaction_at"], row["stamps_delta"]) for row in rows] == [
        ("2026-03-04T00:00:00+01:00", "2"),
        ("2026-03-09T23:59:59+01:00", "3"),
    ]


def test_keyset_pages_report_progress_up_to_the_total(shop: Terminal, tmp_path: Path) -> None:
    # Seven entries at the same instant, from two terminals of this store: the pages break
    # the tie on (terminal, sequence number).
    card_id = shop.enroll(3).card_id
    shop.clock.set(paris(2026, 3, 10, 20, 0))
    for _ in range(5):
        shop.services.stamps.add_stamp(CASHIER, card_id, 1)
    for _ in range(2):
        add_remote_entry(
            shop,
            card_id,
            TransactionType.STAMP_EARNED,
            at=paris(2026, 3, 10, 20, 0),
            vendor_id=1,
            stamps_delta=1,
        )
    seen: list[tuple[int, int]] = []
    target = tmp_path / "t.csv"

    result = _export(shop, chunk_rows=2).export_transactions(
        target,
        date(2026, 3, 10),
        date(2026, 3, 10),
        separator=",",
        labels=LABELS,
        progress=lambda done, total: seen.append((done, total)),
    )

    total = result.rows
    assert total == 16  # the shop's 7, 2 for the enrollment, 7 stamps
    assert seen == [(2, 16), (4, 16), (6, 16), (8, 16), (10, 16), (12, 16), (14, 16), (16, 16)]
    whole = _export(shop).export_transactions(
        tmp_path / "whole.csv", date(2026, 3, 10), date(2026, 3, 10), separator=","
    )
    assert whole.rows == total
    # Page by page, the same rows in the same order as in one page.
    assert (
        target.read_bytes().split(b"\r\n")[1:]
        == ((tmp_path / "whole.csv").read_bytes().split(b"\r\n")[1:])
    )


def test_cancelling_leaves_no_file_and_no_temporary_file(shop: Terminal, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # after the first page

    with pytest.raises(ExportCancelled):
        _export(shop, chunk_rows=2).export_transactions(
            folder / "t.csv",
            date(2026, 3, 10),
            date(2026, 3, 10),
            separator=",",
            cancelled=cancelled,
        )
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("since", "until", "reason"),
    [
        (date(2026, 3, 10), date(2026, 3, 9), "export_period_reversed"),
        (date(2025, 3, 9), date(2026, 3, 10), "export_period_too_long"),  # 367 days
    ],
)
def test_a_refused_period_writes_nothing(
    terminal: Terminal, tmp_path: Path, since: date, until: date, reason: str
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(InvalidInput) as refused:
        terminal.services.exports.export_transactions(folder / "t.csv", since, until, separator=",")
    assert refused.value.key == reason
    assert list(folder.iterdir()) == []


def test_a_full_year_and_a_day_is_allowed(terminal: Terminal, tmp_path: Path) -> None:
    until = date(2026, 3, 10)
    since = until - timedelta(days=MAX_EXPORT_DAYS - 1)
    terminal.enroll(1)
    result = terminal.services.exports.export_transactions(
        tmp_path / "t.csv", since, until, separator=","
    )
    assert result.rows == 2  # the enrollment and its welcome bonus, at T0 (10 March)


def test_a_bad_separator_writes_nothing(terminal: Terminal, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(InvalidInput) as refused:
        terminal.services.exports.export_transactions(
            folder / "t.csv", date(2026, 3, 10), date(2026, 3, 10), separator="|"
        )
    assert refused.value.key == "export_separator_invalid"
    assert list(folder.iterdir()) == []
