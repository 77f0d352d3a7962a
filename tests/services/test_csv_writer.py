"""terminal/services/csv_writer.py: files a spreadsheet opens as they are, never half-written."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from terminal.domain.errors import ExportCancelled, ExportFailed, InvalidInput
from terminal.domain.ledger import SyncState
from terminal.services.csv_writer import cell, minor_units, write_csv

BOM = b"\xef\xbb\xbf"


def _read(path: Path, separator: str) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=separator))


def test_bom_crlf_quoting_and_typed_cells(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    paris = ZoneInfo("Europe/Paris")
    rows = [
        ['Dupont; "Jo"', -250, minor_units(-1250), datetime(2026, 3, 10, 9, 5, tzinfo=paris)],
        ["Line\r\nbreak", 0, minor_units(5), date(2026, 3, 10)],
        [None, True, Decimal("1.5"), SyncState.PENDING],
    ]

    written = write_csv(target, ["Name", "Points", "Amount", "When"], rows, separator=";")

    assert written == 3
    raw = target.read_bytes()
    assert raw.startswith(BOM)
    assert raw.count(b"\r\n") == 5  # 4 records, one break inside a quoted cell
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b'"Dupont; ""Jo"""' in raw  # quoted: the separator and a doubled quote
    assert _read(target, ";") == [
        ["Name", "Points", "Amount", "When"],
        ['Dupont; "Jo"', "-250", "-12,50", "2026-03-10T09:05:00+01:00"],
        ["Line\r\nbreak", "0", "0,05", "2026-03-10"],
        ["", "1", "1,5", "pending"],
    ]


@pytest.mark.parametrize(("separator", "amount"), [(",", "12.50"), ("\t", "12.50"), (";", "12,50")])
def test_the_decimal_mark_follows_the_separator(
    tmp_path: Path, separator: str, amount: str
) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["a", "b"], [[minor_units(1250), "x"]], separator=separator)
    assert _read(target, separator)[1] == [amount, "x"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 6 12", "'+33 6 12"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Ana = Bea", "Ana = Bea"),
        ("", ""),
    ],
)
def test_text_that_would_run_as_a_formula_is_guarded(text: str, shown: str) -> None:
    assert cell(text) == shown


def test_numbers_stay_numbers_even_negative() -> None:
    assert cell(-250) == "-250"
    assert cell(minor_units(-1999), ",") == "-19,99"
    assert cell(minor_units(None)) == ""
    assert cell(datetime(2026, 3, 10, 9, 0, tzinfo=UTC)) == "2026-03-10T09:00:00+00:00"


def test_progress_counts_up_to_the_total_and_cancel_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the previous export")
    seen: list[tuple[int, int]] = []
    rows = ([n] for n in range(5))

    assert (
        write_csv(
            target,
            ["n"],
            rows,
            separator=",",
            total=5,
            progress=lambda d, t: seen.append((d, t)),
            chunk_rows=2,
        )
        == 5
    )

    assert seen == [(2, 5), (4, 5), (5, 5)]
    calls: list[int] = []

    def cancel_after_first_chunk() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ExportCancelled):
        write_csv(
            target,
            ["n"],
            ([n] for n in range(10)),
            separator=",",
            cancelled=cancel_after_first_chunk,
            chunk_rows=2,
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary file
    assert _read(target, ",") == [["n"], ["0"], ["1"], ["2"], ["3"], ["4"]]  # untouched


def test_unknown_total_and_an_empty_export(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    target = tmp_path / "out.csv"
    write_csv(
        target,
        ["n"],
        ([n] for n in range(3)),
        separator=",",
        progress=lambda d, t: seen.append((d, t)),
        chunk_rows=2,
    )
    assert seen == [(2, 0), (3, 3)]
    seen.clear()
    assert (
        write_csv(
            target, ["n"], [], separator=",", total=0, progress=lambda d, t: seen.append((d, t))
        )
        == 0
    )
    assert seen == [(0, 0)]
    assert _read(target, ",") == [["n"]]


def test_refusals_leave_nothing(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as refused:
        write_csv(tmp_path / "out.csv", ["n"], [[1]], separator="|")
    assert refused.value.key == "export_separator_invalid"
    with pytest.raises(ExportCancelled):
        write_csv(tmp_path / "out.csv", ["n"], [[1]], separator=",", cancelled=lambda: True)
    with pytest.raises(ExportFailed) as failed:
        write_csv(tmp_path / "missing" / "out.csv", ["n"], [[1]], separator=",")
    assert failed.value.key == "export_failed"
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_reading_leaves_no_temporary_file(tmp_path: Path) -> None:
    def rows() -> object:
        yield [1]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_csv(tmp_path / "out.csv", ["n"], rows(), separator=",")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
