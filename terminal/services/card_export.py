"""The cards table to CSV, with the manager's current search, filters and sort.

The rows come from CardBrowser's keyset pages, each its own short read: a long export never
holds one read transaction open for minutes (WAL could not checkpoint behind it), and a card
changed meanwhile is written as it is when its page is read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from terminal.services.card_browser import MAX_PAGE_SIZE, CardBrowser
from terminal.services.csv_writer import Cancelled, Progress, check_separator, write_csv
from terminal.services.views import CARD_COLUMNS, CardQuery, CardRow, ExportResult


class CardExport:
    def __init__(self, browser: CardBrowser, *, page_rows: int = MAX_PAGE_SIZE) -> None:
        self._browser = browser
        self._page_rows = page_rows

    def export_cards(
        self,
        path: Path,
        query: CardQuery,
        *,
        separator: str,
        labels: Mapping[str, str] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportResult:
        """Every card `query` lists, in its order. Refusals as CardBrowser's and write_csv's
        (nothing written)."""
        check_separator(separator)
        total = self._browser.count(query)  # also checks the query before anything is written
        header = [(labels or {}).get(code, code) for code in CARD_COLUMNS]
        written = write_csv(
            path,
            header,
            self._rows(query),
            separator=separator,
            total=total,
            progress=progress,
            cancelled=cancelled,
            chunk_rows=self._page_rows,
        )
        return ExportResult(rows=written, path=Path(path))

    def _rows(self, query: CardQuery) -> Iterator[Sequence[object]]:
        after: tuple[object, ...] | None = None
        while True:
            page = self._browser.page(query, after=after, limit=self._page_rows)
            yield from (_cells(row) for row in page.rows)
            if page.next_after is None:
                return
            after = page.next_after


def _cells(row: CardRow) -> list[object]:
    return [
        row.card_number,
        row.customer_name,
        row.email,
        row.phone,
        row.stamp_count,
        row.points_balance,
        1 if row.is_active else 0,
        row.enrolled_at_vendor_name,
        row.last_activity_at.isoformat(timespec="seconds") if row.last_activity_at else None,
        row.points_expire_on.isoformat() if row.points_expire_on else None,
    ]
