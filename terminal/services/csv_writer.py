"""CSV files a spreadsheet opens as they are: the one way the manager's exports are written.

- UTF-8 with a byte-order mark: without it Excel reads UTF-8 as the system's code page
  (accents broken); LibreOffice takes it too. CRLF line ends, the `csv` module's quoting.
- The separator the manager picks: "," ; ";" where the decimal mark is a comma (Excel in
  French or German expects ";" and reads 12,50 as a number); tab. Decimal cells follow it.
- Cells are typed: an int or Decimal is a number (a negative one stays a number), a date
  or time its ISO 8601 form, anything else text. Text that a spreadsheet would run as a
  formula (starting with = + - @, a tab or a carriage return: CSV injection) gets a
  leading apostrophe, which shows it as the text it is.
- Written to a temporary file next to the target, renamed over it at the end: a cancelled,
  failed or killed export leaves no half-written file under the chosen name.

Runs on the caller's (background) thread; `progress` and `cancelled` are called there.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path

from terminal.domain.errors import ExportCancelled, ExportFailed, InvalidInput
from terminal.domain.money import MINOR_UNITS_PER_UNIT

SEPARATORS = (",", ";", "\t")
CHUNK_ROWS = 1_000  # rows between two progress reports and cancel checks
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"  # UTF-8 with its byte-order mark
LINE_END = "\r\n"
_DECIMALS = len(str(MINOR_UNITS_PER_UNIT)) - 1  # 100 minor units: two decimals, 12.50

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def check_separator(separator: str) -> str:
    if separator not in SEPARATORS:
        raise InvalidInput(
            "Choose comma, semicolon or tab as the separator.",
            reason="export_separator_invalid",
        )
    return separator


def decimal_mark(separator: str) -> str:
    """A comma where the separator is ";" (the lists of comma-decimal locales), else a dot."""
    return "," if separator == ";" else "."


def minor_units(amount: int | None) -> Decimal | None:
    """Integer minor units as an exact decimal number cell: 1250 -> 12.50."""
    if amount is None:
        return None
    return Decimal(amount).scaleb(-_DECIMALS)


def guard_text(text: str) -> str:
    """Text a spreadsheet would take for a formula, shown as text instead."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: object, mark: str = ".") -> str:
    """One value as its cell text (see the module doc); `mark`: the decimal mark."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int to Python
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", mark)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        value = value.value
    return guard_text(str(value))


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    separator: str,
    total: int | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> int:
    """Write `header` and `rows` to `path` (replaced only when complete); returns the rows
    written. Every `chunk_rows` rows: `progress(done, total)` (`total` as given, never
    below `done`; 0 when unknown, a busy bar in Qt), then `cancelled()`; at the end
    `progress(done, done)` once more unless just said. `cancelled()` is asked before
    anything is written too. Raises ExportCancelled (nothing left behind), ExportFailed
    (the file system refused: nothing left behind either), InvalidInput (a separator other
    than SEPARATORS)."""
    check_separator(separator)
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    mark = decimal_mark(separator)
    path = Path(path)
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        temporary = Path(name)
        with open(handle, "w", encoding=ENCODING, newline="") as stream:
            writer = csv.writer(stream, delimiter=separator, lineterminator=LINE_END)
            writer.writerow([guard_text(label) for label in header])
            done = 0
            said: tuple[int, int] | None = None
            for row in rows:
                writer.writerow([cell(value, mark) for value in row])
                done += 1
                if done % chunk_rows == 0:
                    said = (done, 0 if total is None else max(total, done))
                    if progress is not None:
                        progress(*said)
                    if cancelled is not None and cancelled():
                        raise ExportCancelled()
            stream.flush()
            os.fsync(stream.fileno())  # the rename must never publish a file still in flight
        os.replace(temporary, path)
        temporary = None
    except OSError as err:
        raise ExportFailed(str(path), err.strerror or type(err).__name__) from err
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
    if progress is not None and said != (done, done):
        progress(done, done)
    return done
