"""Manager benchmark: the store manager's cards table on a large local database.

    cd /work/main && .venv/bin/python -m tests.bench.bench_manager \
        [--cards 1000000 --rows 5000000 --samples 20 --export-rows 100000 \
         --json bench-results/manager.json --cache-dir DIR --stall-ms MS]

About 3 minutes once the dataset is cached (2 cores). Data: tests/bench/bench_counter.py's
cached dataset, through its `_dataset` (the same cache key under
~/.cache/loyalty-terminal/bench, so both benchmarks share one file; built once in about
3.5 minutes). --rows defaults to bench_counter's 5,000,000: the generator writes two
entries per card first (enrolment, welcome bonus), so 2,000,000 rows for 1,000,000 cards
would hold no visit at all (no stamps, no reward due, every balance 50 or 0: the reward
filter and the stamps and points sorts would time a degenerate table). The cached file is
COPIED to a work file, deleted at the end; the copy is opened as the app opens it
(open_current, idle_checkpoints=True, WAL) with counter_services on a ManualClock at
terminal.demo.dataset.DATASET_END. The operating system's file cache is warm (the copy was
just written).

The real manager table is driven on the GUI thread, QT_QPA_PLATFORM=offscreen unless set
otherwise: terminal.ui.manager.cards_page.CardsPage (its lazy CardsModel over CardBrowser)
on a TaskRunner (2 readers, as the app), the page shown at 1366x768, gc.collect() and
gc.freeze() once it is built (as CounterApp.start() does). Everything waits in QEventLoops
quit by the model's and the runner's signals; a 5 ms heartbeat QTimer records the gaps
between its ticks all along (a gap includes the 5 ms interval; the longest one is the
longest time the GUI thread could not run it). Before every timed query the runner is idle
(the previous query's count was delivered), so the samples do not overlap.

1. First page: from page.refresh() (no text, newest first) to the model's page_loaded;
   each sort through the header (setSortIndicator on each sortable column, both ways).
   Apart: the GUI thread's time from the rows inserted to page_loaded handled (the page's
   own page_loaded slot, e.g. its column fitting), over every first page of the run.
2. Scroll: from the first page, the view scrolled to the bottom (scrollToBottom: the view
   asks the model to fetchMore) each time a page lands, until 10,000 rows are held (newest
   first; again sorted by name). Total, and per page from the fetchMore to the page in the
   model. A scroll that did not ask for more (should not happen) is counted as a fallback
   and fetchMore is called directly.
3. Searches, typed into the search box and applied at once (apply_filters, i.e. Enter,
   without the 250 ms typing pause), --samples texts of each kind drawn from the dataset's
   rows: 1 character; 2 characters common / rare (as the app decides: 1% of its sample of
   the newest 2,000 search rows); 3 to 6 letters of a name; 4 to 10 characters of an
   email; a phone's national number and its last 4 digits; a card number with and without
   dashes. Each filter alone (deactivated, enrolled here, reward available, points
   expiring, overdrawn), toggled on its widget. The count (browser.count, read apart) from
   the query to count_changed, for no filter and for the name search.
4. A CSV export (services.card_exports.export_cards, "," separator, no progress dialog) on
   the runner's reader pool while the heartbeat runs, of the query (among a few filters
   and searches, counted first) whose count is nearest --export-rows, with --samples / 2
   name searches through the table during it; then the nearest query without a text
   search, when that is another one (a search's pages and a filter's are read unlike).

Baselines in the same run and file: for each kind, the service call alone (no Qt, first
--baseline-samples texts) and "raw": the very SELECTs the service sent (captured from
SQLAlchemy) run again through a plain sqlite3 connection with the app's page cache, rows
fetched, no ORM; `SELECT * FROM loyalty_cards ORDER BY id DESC LIMIT 100` raw (what a page
costs at the bottom); for the export a bare csv.writer writing as many rows of 10 short
strings (same encoding and line ends). EXPLAIN QUERY PLAN of the slowest raw statement of
each kind is in the JSON, and printed for the kinds that miss their goal.

Goals (QUALITY.md): GUI thread longest block < 50 ms over the whole run; fragment search
first page < 150 ms, judged on p95 (the max is shown). The other figures are "info". The
machine's load average is in the JSON: 2 cores shared with other work make every figure
noisier (and the heartbeat's worst gap most of all).

Why the GUI thread was late: every Python garbage collection (gc.callbacks, on any thread)
is recorded with its thread and step, and each heartbeat gap over 50 ms is told how much
collection it held (a collection on a reader thread holds the GIL, which the GUI thread
needs for every Python slot: the heartbeat's, the model's data()). Diagnosis only:
--stall-ms MS samples the GUI thread's Python stack while the heartbeat is late (the
StallSampler of tests/bench/counter_ui_session.py).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QEventLoop, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from terminal.demo.dataset import DATASET_END
from terminal.domain.cards import format_card_number
from terminal.domain.clock import ManualClock
from terminal.domain.customers import national_digits
from terminal.services.bundle import counter_services
from terminal.services.csv_writer import ENCODING, LINE_END
from terminal.services.views import CardQuery, CardSort, CardStatusFilter
from terminal.store.engine import CACHE_KIB
from terminal.store.schema import open_current
from terminal.store.search import COMMON_SHARE, SAMPLE_ROWS
from terminal.ui.manager.cards_page import CardsPage
from terminal.ui.models.cards import COLUMNS
from terminal.ui.tasks import TaskRunner
from tests.bench.bench_counter import _dataset

HEARTBEAT_MS = 5
GOAL_GUI_BLOCK_MS, GOAL_SEARCH_MS = 50.0, 150.0
SCROLL_ROWS = 10_000
WAIT_S = 120.0  # a query that takes longer than this is reported as failed
SEARCH_KINDS = (
    "1 character",
    "2 characters, common",
    "2 characters, rare",
    "3-6 letters of a name",
    "email fragment",
    "phone, national number",
    "phone, last 4 digits",
    "card number with dashes",
    "card number, digits only",
)
FILTERS = ("deactivated", "enrolled here", "reward available", "points expiring", "overdrawn")
SORTS = tuple(
    (code, descending) for code, sort in COLUMNS if sort is not None for descending in (False, True)
)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    load_at_start = os.getloadavg()
    cache_dir = Path(args.cache_dir).expanduser()
    if args.rows <= 2 * args.cards:
        print(
            f"warning: {args.rows:,} ledger rows for {args.cards:,} cards are only their "
            "enrolments and welcome bonuses: no visits, no stamps, no reward due",
            file=sys.stderr,
        )
    info, built_now = _dataset(cache_dir, args.cards, args.rows, args.seed, args.rebuild)
    work = cache_dir / "work-manager.db"
    exports = cache_dir / "work-manager-export"
    _remove(work, exports)
    started = time.perf_counter()
    shutil.copyfile(info["path"], work)
    exports.mkdir()
    print(f"work copy: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    rng = random.Random(args.seed + 11)
    try:
        texts = _search_texts(work, rng, args.samples)
        raw_newest = _raw_newest_page(work, args.samples * 5)
        database = open_current(work, idle_checkpoints=True)
        try:
            services = counter_services(database, ManualClock(DATASET_END))
            export_choices = _export_queries(services.browser, args.export_rows)
            qt = _qt_session(services, texts, export_choices, exports, args)
            direct = _direct_baselines(
                database, services.browser, texts, export_choices, args.baseline_samples
            )
        finally:
            database.dispose()
        csv_baseline = _csv_baseline(exports / "baseline.csv", qt["exports"][0]["rows"])
    finally:
        _remove(work, exports)
    results = _rows(qt, direct, raw_newest, csv_baseline)
    _print_table(results, qt, direct, info, built_now, args)
    report = {
        "benchmark": "manager",
        "command": "python -m tests.bench.bench_manager " + " ".join(sys.argv[1:]),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "pyside6": metadata.version("PySide6"),
            "qt_platform": os.environ["QT_QPA_PLATFORM"],
            "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg(),
        },
        "dataset": {**info, "built_in_this_run": built_now},
        "settings": {
            "samples": args.samples,
            "baseline_samples": args.baseline_samples,
            "heartbeat_ms": HEARTBEAT_MS,
            "page_size": qt["page_size"],
            "runner_readers": 2,
            "clock": DATASET_END.isoformat(),
            "search_texts": texts,
            "export_candidates": export_choices[0]["candidates"] if export_choices else {},
        },
        "results": results,
        "heartbeat": qt["heartbeat"],
        "scroll": {name: qt[name] for name in ("scroll newest", "scroll by name")},
        "exports": qt["exports"],
        "gc_pauses": qt["gc"],
        "stalls": qt["stalls"],
        "csv_baseline": csv_baseline,
        "raw_newest_page": raw_newest,
        "direct": direct,
        "qt_samples": qt["samples"],
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nJSON written to {out}")
    return 0 if all(row["passed"] is not False for row in results) else 1


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1_000_000)
    parser.add_argument(
        "--rows",
        type=int,
        default=5_000_000,
        help="ledger rows (bench_counter's default: its cached dataset is shared; at least "
        "3 per card, or the cards have no visits, so no stamps and no reward due)",
    )
    parser.add_argument("--samples", type=int, default=20, help="timed queries per kind")
    parser.add_argument(
        "--baseline-samples", type=int, default=5, help="queries per kind, no Qt and raw"
    )
    parser.add_argument(
        "--export-rows", type=int, default=100_000, help="export the query nearest this count"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cache-dir", default=str(platformdirs.user_cache_path("loyalty-terminal") / "bench")
    )
    parser.add_argument("--rebuild", action="store_true", help="ignore a cached dataset")
    parser.add_argument("--json", default="bench-results/manager.json")
    parser.add_argument(
        "--stall-ms",
        type=float,
        help="diagnosis: sample the GUI thread's stack when its heartbeat is late by this "
        "much (tests/bench/counter_ui_session.py's StallSampler; it perturbs a little)",
    )
    return parser.parse_args(argv)


def _remove(work: Path, exports: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(exports, ignore_errors=True)


# --- what the manager types ---------------------------------------------------------------------


def _search_texts(path: Path, rng: random.Random, k: int) -> dict[str, list[str]]:
    """k texts of each kind, from random cards' own details. One- and two-character texts
    are sorted into common and rare as the app does (terminal.store.search._is_common:
    1% of the newest SAMPLE_ROWS search rows); every one is in a row of a random sample of
    20,000 (it matches something)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        top = con.execute("SELECT max(id) FROM loyalty_cards").fetchone()[0]
        ids = rng.sample(range(1, top + 1), min(top, 10 * k))
        people = con.execute(
            "SELECT u.first_name, u.last_name, u.email, u.phone, c.card_number "
            "FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id "
            "WHERE c.id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        ).fetchall()
        newest = [row[0] for row in con.execute(
            "SELECT body FROM card_search ORDER BY rowid DESC LIMIT ?", (SAMPLE_ROWS,)
        )]  # fmt: skip
        spread = [row[0] for row in con.execute(
            "SELECT body FROM card_search WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(rng.sample(range(1, top + 1), min(top, 20_000))),),
        )]  # fmt: skip
    rng.shuffle(people)

    def share(fragment: str, bodies: list[str]) -> float:
        return sum(fragment in body for body in bodies) / max(1, len(bodies))

    def pieces(size: int, bodies: list[str]) -> set[str]:
        return {
            body[at : at + size]
            for body in bodies
            for at in range(len(body) - size + 1)
            if body[at : at + size].isalnum()
        }

    singles = sorted(pieces(1, spread[:2_000]))
    pairs = sorted(pieces(2, spread))
    common_pairs = [p for p in pairs if share(p, newest) >= COMMON_SHARE]
    rare_pairs = [p for p in pairs if share(p, newest) < COMMON_SHARE]

    def piece(text: str, shortest: int, longest: int) -> str:
        size = min(len(text), rng.randint(shortest, longest))
        at = rng.randrange(len(text) - size + 1)
        return text[at : at + size]

    words = [word for row in people for word in row[:2] if len(word) >= 3]
    emails = [row[2] for row in people if row[2]]
    nationals = [n for row in people if row[3] and (n := national_digits(row[3]))]
    numbers = [row[4] for row in people]
    return {
        "1 character": [rng.choice(singles) for _ in range(k)],
        "2 characters, common": [rng.choice(common_pairs) for _ in range(k)],
        "2 characters, rare": [rng.choice(rare_pairs) for _ in range(k)] if rare_pairs else [],
        "3-6 letters of a name": [piece(rng.choice(words), 3, 6) for _ in range(k)],
        "email fragment": [piece(rng.choice(emails), 4, 10) for _ in range(k)],
        "phone, national number": nationals[:k],
        "phone, last 4 digits": [n[-4:] for n in nationals[k : 2 * k]],
        "card number with dashes": [format_card_number(n) for n in numbers[:k]],
        "card number, digits only": numbers[k : 2 * k],
    }


def _filter_query(name: str) -> CardQuery:
    return {
        "deactivated": CardQuery(status=CardStatusFilter.DEACTIVATED),
        "enrolled here": CardQuery(enrolled_here=True),
        "reward available": CardQuery(reward_available=True),
        "points expiring": CardQuery(points_expiring=True),
        "overdrawn": CardQuery(overdrawn=True),
    }[name]


def _sort_query(code: str, descending: bool) -> CardQuery:
    sort = dict(COLUMNS)[code]
    assert sort is not None
    return CardQuery(sort=sort, descending=descending)


def _sort_label(code: str, descending: bool) -> str:
    return f"sort: {code.replace('_', ' ')} {'descending' if descending else 'ascending'}"


def _export_queries(browser: Any, target: int) -> list[dict[str, Any]]:
    """Among a few filters and searches, the query whose count is nearest `target`; and
    the nearest without a text search too, when that is another one (a search and a
    filter are not read alike)."""
    here = CardQuery(enrolled_here=True)
    candidates = {
        "enrolled here": here,
        "active, enrolled here": replace(here, status=CardStatusFilter.ACTIVE),
        "reward available": CardQuery(reward_available=True),
        "points expiring": CardQuery(points_expiring=True),
        'search "gmail"': CardQuery(text="gmail"),
        'search "gmail", enrolled here': replace(here, text="gmail"),
        'search "hotmail"': CardQuery(text="hotmail"),
        'search "hotmail", enrolled here': replace(here, text="hotmail"),
        'search "+336"': CardQuery(text="+336"),
        'search "+337"': CardQuery(text="+337"),
    }
    counted = {}
    for name, query in candidates.items():
        began = time.perf_counter()
        counted[name] = {"count": browser.count(query), "count_s": time.perf_counter() - began}
    chosen = []
    for names in (list(counted), [n for n in counted if not candidates[n].text]):
        name = min(names, key=lambda n: (abs(counted[n]["count"] - target), n))
        if counted[name]["count"] and name not in (c["name"] for c in chosen):
            chosen.append({"name": name, "query": candidates[name],
                           "count": counted[name]["count"], "candidates": counted})  # fmt: skip
    for choice in chosen:
        print(f"export: {choice['name']} ({choice['count']:,} cards)", file=sys.stderr)
    return chosen


# --- the GUI thread -------------------------------------------------------------------------


class ManagerDriver:
    """Drives a CardsPage from the GUI thread and times it; a heartbeat all along."""

    def __init__(self, page: CardsPage, runner: TaskRunner) -> None:
        self.page, self.model, self.runner = page, page.model, runner
        self.label = "start"
        self.gaps: list[tuple[float, str, float]] = []  # (ms, step, monotonic end)
        self.samples: dict[str, list[dict[str, Any]]] = {}
        self.last_tick = 0.0
        self.started_at = self.finished_at = 0.0
        self._beat = QTimer()
        self._beat.setTimerType(Qt.TimerType.PreciseTimer)
        self._beat.setInterval(HEARTBEAT_MS)
        self._beat.timeout.connect(self._tick)

    def start(self) -> None:
        self.started_at = self.last_tick = time.monotonic()
        self._beat.start()

    def stop(self) -> None:
        self.finished_at = time.monotonic()
        self._beat.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        self.gaps.append(((now - self.last_tick) * 1000, self.label, now))
        self.last_tick = now

    def wait(self, done: Callable[[], bool], signals: list[Any], timeout_s: float = WAIT_S) -> bool:
        """Run the event loop until `done()` (checked as each signal arrives) or timeout."""
        if done():
            return True
        loop = QEventLoop()

        def check(*_: Any) -> None:
            if done():
                loop.quit()

        for signal in signals:
            signal.connect(check)
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        deadline.start(round(timeout_s * 1000))
        loop.exec()
        deadline.stop()
        for signal in signals:
            signal.disconnect(check)
        return done()

    def settle(self) -> None:
        """Nothing queued or running on the runner any more (the last count delivered)."""
        if not self.wait(lambda: not self.runner.busy, [self.runner.idle]):
            raise RuntimeError(f"{self.label}: the runner is still busy after {WAIT_S:g} s")

    def _current_query_done(self) -> bool:
        return not self.model.loading and self.model.count is not None

    def first_page(
        self, kind: str, start: Callable[[], None], text: str = "", *, settle_all: bool = True
    ) -> dict[str, Any]:
        """Time `start()` (which starts a query) to its first page and to its count."""
        if settle_all:
            self.settle()
        else:
            self.wait(self._current_query_done, [self.model.page_loaded, self.model.count_changed])
        self.label = kind
        model, seen = self.model, {}

        def loaded(_rows: int) -> None:
            seen.setdefault("page", time.perf_counter())

        def counted(count: int) -> None:
            if count >= 0:
                seen.setdefault("count", time.perf_counter())

        def failed(text: str) -> None:
            seen.setdefault("failed", text)

        def inserted(*_: Any) -> None:  # (after the view's own slots: it connected first)
            seen.setdefault("inserted", time.perf_counter())

        model.rowsInserted.connect(inserted)
        model.page_loaded.connect(loaded)
        model.count_changed.connect(counted)
        model.page_failed.connect(failed)
        began = time.perf_counter()
        start()
        signals = [model.page_loaded, model.page_failed, model.count_changed]
        self.wait(lambda: "page" in seen or "failed" in seen, signals)
        self.wait(lambda: "count" in seen or "failed" in seen, signals)
        model.rowsInserted.disconnect(inserted)
        model.page_loaded.disconnect(loaded)
        model.count_changed.disconnect(counted)
        model.page_failed.disconnect(failed)
        arrival = seen["page"] - seen["inserted"] if {"page", "inserted"} <= set(seen) else None
        record = {
            "text": text,
            "page_ms": (seen["page"] - began) * 1000 if "page" in seen else None,
            "count_ms": (seen["count"] - began) * 1000 if "count" in seen else None,
            # the GUI thread's work between the rows inserted and page_loaded handled (the
            # page's own page_loaded slot)
            "arrival_gui_ms": arrival * 1000 if arrival is not None else None,
            "rows": model.rowCount(),
            "count": model.count,
            "failed": seen.get("failed"),
        }
        if record["page_ms"] is None and record["failed"] is None:
            record["failed"] = f"no page in {WAIT_S:g} s"
        self.samples.setdefault(kind, []).append(record)
        return record

    def scroll(self, kind: str, target: int) -> dict[str, Any]:
        """From the first page shown, scroll to the bottom each time a page lands."""
        self.settle()
        self.label = kind
        model, table = self.model, self.page.table
        state: dict[str, Any] = {"asked": 0.0, "fallbacks": 0, "failed": None}
        pages: list[float] = []

        def asked(loading: bool) -> None:
            if loading:
                state["asked"] = time.perf_counter()

        def down() -> None:
            table.scrollToBottom()  # the view asks the model for more at its bottom
            if not model.loading and model.canFetchMore():
                state["fallbacks"] += 1
                model.fetchMore()

        def landed(rows: int) -> None:
            pages.append((time.perf_counter() - state["asked"]) * 1000)
            if rows < target and not model.exhausted:
                QTimer.singleShot(0, down)

        def failed(text: str) -> None:
            state["failed"] = text

        model.loading_changed.connect(asked)
        model.page_loaded.connect(landed)
        model.page_failed.connect(failed)
        held = model.rowCount()
        began = time.perf_counter()
        down()
        self.wait(
            lambda: model.rowCount() >= target or model.exhausted or state["failed"] is not None,
            [model.page_loaded, model.page_failed],
        )
        total = time.perf_counter() - began
        model.loading_changed.disconnect(asked)
        model.page_loaded.disconnect(landed)
        model.page_failed.disconnect(failed)
        return {
            "rows_at_start": held,
            "rows_held": model.rowCount(),
            "pages": pages,
            "total_s": total,
            "fallbacks": state["fallbacks"],
            "failed": state["failed"],
        }

    def read(self, kind: str, fn: Callable[[], Any], while_running: Callable[[], None]) -> dict:
        """Run `fn` on the runner's reader pool; `while_running()` until it ends."""
        self.settle()
        self.label = kind
        out: dict[str, Any] = {}
        began = time.perf_counter()

        def done(value: Any) -> None:
            out["value"], out["ended"] = value, time.perf_counter()

        def failed(err: BaseException) -> None:
            out["error"], out["ended"] = repr(err), time.perf_counter()

        self.runner.read(fn, done, failed)
        while_running()
        self.label = kind
        self.wait(lambda: "ended" in out, [self.runner.task_finished], timeout_s=1800)
        if "ended" not in out:
            raise RuntimeError(f"{kind}: not done in 30 minutes")
        return {"seconds": out["ended"] - began, "value": out.get("value"),
                "error": out.get("error")}  # fmt: skip


def _qt_session(
    services: Any,
    texts: dict[str, list[str]],
    export_choices: list[dict[str, Any]],
    exports: Path,
    args: argparse.Namespace,
) -> dict[str, Any]:
    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    page = CardsPage(services.browser, runner)
    page.resize(1366, 768)
    page.show()
    app.processEvents()  # the window laid out and painted once, before any timing
    gc.collect()
    gc.freeze()  # as CounterApp.start()
    driver = ManagerDriver(page, runner)
    pauses = _GcPauses(driver)
    header = page.table.horizontalHeader()
    codes = [code for code, _ in COLUMNS]
    result: dict[str, Any] = {"page_size": page.model.page_size}
    sampler = None
    if args.stall_ms:
        from tests.bench.counter_ui_session import StallSampler

        sampler = StallSampler(driver, args.stall_ms)  # type: ignore[arg-type]
    driver.start()
    gc.callbacks.append(pauses.callback)
    if sampler is not None:
        sampler.start()
    try:
        print(f"[qt] first page, newest first x{args.samples}", file=sys.stderr)
        for _ in range(args.samples):
            driver.first_page("first page, newest", page.refresh)
        print(f"[qt] scroll to {SCROLL_ROWS:,} rows, newest first", file=sys.stderr)
        driver.first_page("first page, newest", page.refresh)
        result["scroll newest"] = driver.scroll("scroll, newest", SCROLL_ROWS)
        print("[qt] filters", file=sys.stderr)
        for name in FILTERS:
            on, off = _filter_switch(page, name)
            for _ in range(args.samples):
                driver.first_page(f"filter: {name}", on)
                driver.first_page("(filter off)", off)
        print("[qt] searches", file=sys.stderr)
        for kind in SEARCH_KINDS:
            for text in texts[kind]:
                driver.first_page(f"search: {kind}", _typed(page, text), text)
        driver.first_page("(search cleared)", _typed(page, ""))
        print("[qt] sorts", file=sys.stderr)
        for _ in range(args.samples):
            for code, descending in SORTS:
                order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
                column = codes.index(code)
                driver.first_page(
                    _sort_label(code, descending),
                    lambda column=column, order=order: header.setSortIndicator(column, order),
                )
        print(f"[qt] scroll to {SCROLL_ROWS:,} rows, by name", file=sys.stderr)
        driver.first_page(
            "first page, by name (scroll)",
            lambda: header.setSortIndicator(codes.index("name"), Qt.SortOrder.AscendingOrder),
        )
        result["scroll by name"] = driver.scroll("scroll, by name", SCROLL_ROWS)
        page.model.set_query(CardQuery())  # newest again (no header column stands for it)
        driver.settle()
        names = texts["3-6 letters of a name"]
        result["exports"] = []
        for number, choice in enumerate(export_choices):
            print(f"[qt] CSV export: {choice['name']}", file=sys.stderr)
            path = exports / f"cards-{number}.csv"
            label = f"CSV export: {choice['name']}"

            def export(path: Path = path, query: CardQuery = choice["query"]) -> Any:
                return services.card_exports.export_cards(path, query, separator=",")

            def search_meanwhile(label: str = label, first: bool = number == 0) -> None:
                if first:  # a manager searching the table while the file is written
                    for text in names[: max(1, args.samples // 2)]:
                        driver.first_page(
                            "search during the export: 3-6 letters of a name",
                            _typed(page, text),
                            text,
                            settle_all=False,
                        )
                    signals = [page.model.page_loaded, page.model.count_changed]
                    driver.wait(driver._current_query_done, signals)
                driver.label = label

            ran = driver.read(label, export, search_meanwhile)
            if ran["error"]:
                raise RuntimeError(f"the export failed: {ran['error']}")
            result["exports"].append({
                "query": choice["name"],
                "count": choice["count"],
                "rows": ran["value"].rows,
                "seconds": ran["seconds"],
                "rows_per_s": ran["value"].rows / ran["seconds"],
                "file_bytes": path.stat().st_size,
            })  # fmt: skip
            path.unlink()
        driver.settle()
    finally:
        gc.callbacks.remove(pauses.callback)
        if sampler is not None:
            sampler.stop()
        driver.stop()
        runner.shutdown()
        page.close()
        page.deleteLater()
        app.processEvents()
    result["samples"] = driver.samples
    result["gc"] = pauses.summary()
    result["stalls"] = sampler.top(12) if sampler is not None else None
    result["heartbeat"] = _gap_summary(driver.gaps, driver.finished_at - driver.started_at, pauses)
    return result


class _GcPauses:
    """Python's collections during the session: how long, on which thread, in which step
    (a collection stops every thread that wants the GIL, the GUI thread included)."""

    def __init__(self, driver: ManagerDriver) -> None:
        self._driver = driver
        self._began: dict[int, float] = {}
        # (ms, generation, thread, step, monotonic start)
        self.pauses: list[tuple[float, int, str, str, float]] = []

    def callback(self, phase: str, info: dict[str, int]) -> None:
        thread = threading.get_ident()
        if phase == "start":
            self._began[thread] = time.monotonic()
        elif thread in self._began:
            began = self._began.pop(thread)
            ms = (time.monotonic() - began) * 1000
            name = threading.current_thread().name
            self.pauses.append((ms, info["generation"], name, self._driver.label, began))

    def within(self, start: float, end: float) -> float:
        """Milliseconds of collections (on any thread) between two monotonic times."""
        return 1000 * sum(
            max(0.0, min(end, began + ms / 1000) - max(start, began))
            for ms, _, _, _, began in self.pauses
        )

    def summary(self) -> dict[str, Any]:
        return {
            "collections": len(self.pauses),
            "by_generation": {g: sum(p[1] == g for p in self.pauses) for g in (0, 1, 2)},
            "total_ms": sum(p[0] for p in self.pauses),
            "over_20ms": sum(p[0] > 20 for p in self.pauses),
            "worst_10": sorted(self.pauses, reverse=True)[:10],
        }


def _quiet_offscreen(kind: QtMsgType, _context: Any, message: str) -> None:
    """Qt's messages to stderr, but the offscreen plugin's "does not support
    propagateSizeHints()" (printed at every layout change there)."""
    if "propagateSizeHints" not in message:
        print(f"qt {kind.name}: {message}", file=sys.stderr)


def _typed(page: CardsPage, text: str) -> Callable[[], None]:
    def start() -> None:
        page.search.setText(text)  # (its 250 ms typing timer starts; apply_filters stops it)
        page.apply_filters()  # as Enter

    return start


def _filter_switch(page: CardsPage, name: str) -> tuple[Callable[[], None], Callable[[], None]]:
    """Two calls that turn the filter on and off on its widget (each starts a query)."""
    if name == "deactivated":
        combo = page.status
        on_index = combo.findData(CardStatusFilter.DEACTIVATED)
        off_index = combo.findData(CardStatusFilter.ALL)
        return (lambda: combo.setCurrentIndex(on_index)), (lambda: combo.setCurrentIndex(off_index))
    box = {
        "enrolled here": page.enrolled_here,
        "reward available": page.reward_available,
        "points expiring": page.points_expiring,
        "overdrawn": page.overdrawn,
    }[name]
    return (lambda: box.setChecked(True)), (lambda: box.setChecked(False))


def _gap_summary(
    gaps: list[tuple[float, str, float]], seconds: float, pauses: _GcPauses
) -> dict[str, Any]:
    """The heartbeat's gaps; for the long ones, how much of them a Python collection (on
    any thread: it holds the GIL the GUI thread needs to run a Python slot) took."""
    ordered = sorted(ms for ms, _, _ in gaps)
    worst: dict[str, float] = {}
    for ms, label, _ in gaps:
        worst[label] = max(worst.get(label, 0.0), ms)
    longest = max(gaps) if gaps else (math.nan, "-", 0.0)
    over_50 = [(ms, end) for ms, _, end in gaps if ms > GOAL_GUI_BLOCK_MS]
    with_gc = [pauses.within(end - ms / 1000, end) for ms, end in over_50]
    return {
        "ticks": len(gaps),
        "seconds": seconds,
        "expected_ticks": seconds * 1000 / HEARTBEAT_MS,
        "max_ms": longest[0],
        "max_step": longest[1],
        "p50_ms": _percentile(ordered, 50),
        "p99_ms": _percentile(ordered, 99),
        "p999_ms": _percentile(ordered, 99.9),
        "over_20ms": sum(ms > 20 for ms in ordered),
        "over_50ms": sum(ms > 50 for ms in ordered),
        "worst_by_step_ms": dict(sorted(worst.items(), key=lambda item: -item[1])),
        "over_50ms_with_a_gc_over_10ms": sum(ms > 10 for ms in with_gc),
        "over_50ms_gc_share": sum(with_gc) / max(1e-9, sum(ms for ms, _ in over_50)),
        "worst_10": [
            {"ms": ms, "step": label, "gc_ms_within": pauses.within(end - ms / 1000, end)}
            for ms, label, end in sorted(gaps, reverse=True)[:10]
        ],
    }


# --- baselines: the service alone, and its SQL raw ------------------------------------------


class _Statements:
    """The SELECTs SQLAlchemy sends to SQLite while capturing, with their parameters."""

    def __init__(self, engine: Any) -> None:
        self.seen: list[tuple[str, tuple]] = []
        self._on = False
        event.listen(engine, "before_cursor_execute", self._before)

    def _before(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if self._on and statement.lstrip()[:6].upper() in ("SELECT", "WITH"):
            self.seen.append((statement, tuple(parameters or ())))

    @contextlib.contextmanager
    def capture(self) -> Iterator[list[tuple[str, tuple]]]:
        self.seen, self._on = [], True
        try:
            yield self.seen
        finally:
            self._on = False


def _raw_connection(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # the app's page cache
    return con


def _raw(con: sqlite3.Connection, statements: list[tuple[str, tuple]]) -> tuple[float, int]:
    """The statements in one read transaction, every row fetched: (ms, slowest's index)."""
    times = []
    began = time.perf_counter()
    con.execute("BEGIN")
    for sql, params in statements:
        at = time.perf_counter()
        con.execute(sql, params).fetchall()
        times.append(time.perf_counter() - at)
    con.execute("COMMIT")
    elapsed = (time.perf_counter() - began) * 1000
    return elapsed, max(range(len(times)), key=times.__getitem__) if times else -1


def _plan(con: sqlite3.Connection, statement: tuple[str, tuple]) -> list[str]:
    sql, params = statement
    rows = con.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines


def _timed_calls(
    capture: _Statements, con: sqlite3.Connection, calls: list[Callable[[], Any]]
) -> dict[str, Any]:
    """Each call alone (ms), then its SELECTs raw (one untimed run first, then timed)."""
    service, raw, plan, sql = [], [], None, None
    for call in calls:
        with capture.capture() as seen:
            began = time.perf_counter()
            call()
            service.append((time.perf_counter() - began) * 1000)
        statements = list(seen)
        _raw(con, statements)
        elapsed, slowest = _raw(con, statements)
        raw.append(elapsed)
        if plan is None and slowest >= 0:
            plan, sql = _plan(con, statements[slowest]), statements[slowest][0]
    return {"service_ms": _stats(service), "raw_ms": _stats(raw), "plan": plan,
            "slowest_sql": sql}  # fmt: skip


def _direct_baselines(
    database: Any,
    browser: Any,
    texts: dict[str, list[str]],
    export_choices: list[dict[str, Any]],
    k: int,
) -> dict[str, Any]:
    """The same queries without Qt (the service alone), and their SQL through sqlite3."""
    print("baselines: the service alone and its SQL raw", file=sys.stderr)
    capture = _Statements(database.engine)
    con = _raw_connection(database.path)
    out: dict[str, Any] = {}
    try:

        def pages(kind: str, queries: list[CardQuery]) -> None:
            out[kind] = _timed_calls(
                capture, con, [lambda q=q: browser.page(q, limit=100) for q in queries[:k]]
            )

        def counts(kind: str, queries: list[CardQuery]) -> None:
            out[kind] = _timed_calls(capture, con, [lambda q=q: browser.count(q) for q in queries])

        pages("first page, newest", [CardQuery()] * k)
        for name in FILTERS:
            pages(f"filter: {name}", [_filter_query(name)] * k)
        for kind in SEARCH_KINDS:
            pages(f"search: {kind}", [CardQuery(text=t) for t in texts[kind]])
        for code, descending in SORTS:
            pages(_sort_label(code, descending), [_sort_query(code, descending)] * k)
        counts("count: no filter", [CardQuery()] * min(k, 3))
        names = texts["3-6 letters of a name"][:k]
        counts("count: 3-6 letters of a name", [CardQuery(text=t) for t in names])
        for kind, query in (
            ("scroll, newest", CardQuery()),
            ("scroll, by name", CardQuery(sort=CardSort.NAME, descending=False)),
        ):
            out[kind] = _walk(capture, con, browser, query)
        for choice in export_choices:  # one page of the export (CardExport reads 500 rows)
            out[f"CSV export: {choice['name']}, a page of 500"] = _timed_calls(
                capture, con, [lambda q=choice["query"]: browser.page(q, limit=500)] * min(k, 3)
            )
    finally:
        con.close()
    return out


def _walk(
    capture: _Statements, con: sqlite3.Connection, browser: Any, query: CardQuery
) -> dict[str, Any]:
    """The scroll's pages after the first, read one after another by the service alone,
    then raw."""
    after, calls = browser.page(query, limit=100).next_after, []
    while after is not None and len(calls) < SCROLL_ROWS // 100 - 1:
        calls.append(lambda after=after: browser.page(query, after=after, limit=100))
        after = browser.page(query, after=after, limit=100).next_after  # (the next cursor)
    timed = _timed_calls(capture, con, calls)
    began = time.perf_counter()
    for call in calls:
        call()
    timed["service_total_s"] = time.perf_counter() - began
    return timed


def _raw_newest_page(path: Path, n: int) -> dict[str, Any]:
    """SELECT * FROM loyalty_cards ORDER BY id DESC LIMIT 100 through sqlite3 (and the same
    joined to the customers, as the page reads them)."""
    plain = "SELECT * FROM loyalty_cards ORDER BY id DESC LIMIT 100"
    joined = (
        "SELECT c.*, u.* FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id "
        "ORDER BY c.id DESC LIMIT 100"
    )
    out = {}
    with contextlib.closing(_raw_connection(path)) as con:
        for name, sql in (("plain", plain), ("joined", joined)):
            con.execute(sql).fetchall()
            times = []
            for _ in range(n):
                began = time.perf_counter()
                con.execute(sql).fetchall()
                times.append((time.perf_counter() - began) * 1000)
            out[name] = {"sql": sql, **_stats(times)}
    return out


def _csv_baseline(path: Path, rows: int) -> dict[str, Any]:
    """A bare csv.writer: `rows` rows of 10 short strings, same encoding and line ends."""
    row = ["1000-0013-6927", "Chloé Johnson", "chloe.johnson12@gmail.com", "+33612345678", "7",
           "120", "1", "Café du Marché", "2026-02-27T10:41:07+01:00", "2026-08-26"]  # fmt: skip
    began = time.perf_counter()
    with open(path, "w", encoding=ENCODING, newline="") as stream:
        writer = csv.writer(stream, lineterminator=LINE_END)
        writer.writerow([f"column{i}" for i in range(10)])
        for _ in range(rows):
            writer.writerow(row)
    seconds = time.perf_counter() - began
    size = path.stat().st_size
    path.unlink()
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / max(seconds, 1e-9),
            "file_bytes": size}  # fmt: skip


# --- the report ---------------------------------------------------------------------------------


def _percentile(ordered: list[float], p: float) -> float:
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else math.nan


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "p50": _percentile(ordered, 50),
        "p95": _percentile(ordered, 95),
        "max": ordered[-1] if ordered else math.nan,
    }


def _latency(
    figure: str,
    values: list[float],
    goal: float | None,
    direct: dict[str, Any] | None,
    *,
    rows: list[int] | None = None,
    failed: int = 0,
) -> dict[str, Any]:
    stats = _stats(values)
    passed = None if goal is None else (failed == 0 and bool(values) and stats["p95"] < goal)
    return {
        "figure": figure,
        "table": "latency",
        **{f"{key}_ms" if key != "n" else key: value for key, value in stats.items()},
        "goal": f"p95 < {goal:g} ms" if goal is not None else "info",
        "passed": passed,
        "service_p50_ms": direct["service_ms"]["p50"] if direct else None,
        "raw_p50_ms": direct["raw_ms"]["p50"] if direct else None,
        "mean_rows_on_first_page": round(sum(rows) / len(rows), 1) if rows else None,
        "failed": failed,
    }


def _figure(
    figure: str, value: float, unit: str, goal: float | None = None, baseline: str = ""
) -> dict[str, Any]:
    return {
        "figure": figure,
        "table": "figures",
        "value": round(value, 3),
        "unit": unit,
        "goal": f"< {goal:g} {unit}" if goal is not None else "info",
        "passed": None if goal is None else value < goal,
        "baseline": baseline,
    }


def _rows(
    qt: dict[str, Any], direct: dict[str, Any], raw_newest: dict[str, Any], csv_base: dict
) -> list[dict[str, Any]]:
    samples, rows = qt["samples"], []

    def page_row(kind: str, goal: float | None = None, label: str | None = None) -> None:
        own = samples.get(kind, [])
        values = [s["page_ms"] for s in own if s["page_ms"] is not None]
        failed = sum(s["failed"] is not None for s in own)
        figure = label or kind
        rows.append(_latency(figure, values, goal, direct.get(kind),
                             rows=[s["rows"] for s in own], failed=failed))  # fmt: skip

    page_row("first page, newest", label="first page, newest (refresh)")
    for name in ("scroll newest", "scroll by name"):
        kind = name.replace("scroll ", "scroll, ")
        rows.append(_latency(f"{kind}: a page (fetchMore to model)", qt[name]["pages"], None,
                             direct.get(kind)))  # fmt: skip
    for name in FILTERS:
        page_row(f"filter: {name}")
    for kind in SEARCH_KINDS:
        page_row(f"search: {kind}", GOAL_SEARCH_MS)
    page_row("search during the export: 3-6 letters of a name", GOAL_SEARCH_MS)
    for code, descending in SORTS:
        page_row(_sort_label(code, descending))
    arrivals = [
        s["arrival_gui_ms"]
        for own in samples.values()
        for s in own
        if s.get("arrival_gui_ms") is not None
    ]
    rows.append(_latency("GUI thread: a first page's page_loaded handling", arrivals, None,
                         None))  # fmt: skip
    for kind, source in (
        ("count: no filter", "first page, newest"),
        ("count: 3-6 letters of a name", "search: 3-6 letters of a name"),
    ):
        values = [s["count_ms"] for s in samples.get(source, []) if s["count_ms"] is not None]
        rows.append(_latency(f"{kind} (query to count shown)", values, None, direct.get(kind)))
    for name in ("scroll newest", "scroll by name"):
        run = qt[name]
        kind = name.replace("scroll ", "scroll, ")
        base = direct[kind]
        rows.append(_figure(
            f"{kind}: {run['rows_at_start']:,} to {run['rows_held']:,} rows, total",
            run["total_s"], "s",
            baseline=f"service alone {base['service_total_s']:.2f} s; "
            f"raw p50 {base['raw_ms']['p50']:.2f} ms/page",
        ))  # fmt: skip
        if run["fallbacks"] or run["failed"]:
            rows.append(_figure(f"  {kind}: fetchMore called directly", run["fallbacks"], ""))
    for number, export in enumerate(qt["exports"]):
        page = direct.get(f"CSV export: {export['query']}, a page of 500")
        rows += [
            _figure(f"CSV export, {export['query']}: {export['rows']:,} cards",
                    export["seconds"], "s",
                    baseline=f"bare csv.writer, {csv_base['rows']:,} rows: "
                    f"{csv_base['seconds']:.2f} s" if number == 0 else ""),
            _figure("  CSV export rate", export["rows_per_s"], "rows/s",
                    baseline=f"bare csv.writer {csv_base['rows_per_s']:,.0f} rows/s"),
        ]  # fmt: skip
        if page:
            rows.append(_figure(
                "  one export page of 500, service alone p50", page["service_ms"]["p50"], "ms",
                baseline=f"raw SQL p50 {page['raw_ms']['p50']:.1f} ms",
            ))  # fmt: skip
    for name, text in (("plain", "SELECT * ... LIMIT 100"), ("joined", "+ customers")):
        base = raw_newest[name]
        rows.append(_figure(f"raw sqlite3 newest page ({text}), p50", base["p50"], "ms",
                            baseline=f"p95 {base['p95']:.2f} ms"))  # fmt: skip
    beat, collected = qt["heartbeat"], qt["gc"]
    if collected["worst_10"]:
        ms, generation, thread, step, _ = collected["worst_10"][0]
        rows.append(_figure(
            f"longest Python GC pause (gen {generation}, {thread})", ms, "ms",
            baseline=f"in: {step}; {collected['collections']} collections",
        ))  # fmt: skip
    rows += [
        _figure("GUI thread longest block (max heartbeat gap)", beat["max_ms"], "ms",
                GOAL_GUI_BLOCK_MS, baseline=f"in: {beat['max_step']}"),
        _figure("  heartbeat gap p99", beat["p99_ms"], "ms"),
        _figure("  heartbeat gaps over 50 ms", beat["over_50ms"], "",
                baseline=f"{beat['over_50ms_with_a_gc_over_10ms']} of them with over 10 ms of "
                f"Python GC inside; GC {100 * beat['over_50ms_gc_share']:.0f}% of their time"),
        _figure("  Python GC inside the longest gap", beat["worst_10"][0]["gc_ms_within"]
                if beat["worst_10"] else 0.0, "ms"),
        _figure(f"  heartbeat ticks (expected {beat['expected_ticks']:,.0f})", beat["ticks"],
                ""),
    ]  # fmt: skip
    return rows


def _print_table(
    rows: list[dict],
    qt: dict[str, Any],
    direct: dict[str, Any],
    info: dict[str, Any],
    built_now: bool,
    args: argparse.Namespace,
) -> None:
    how = "built in this run" if built_now else "cached"
    print(
        f"\nManager benchmark: {info['cards']:,} cards, {info['ledger_rows']:,} ledger rows "
        f"(dataset {how}, work copy); CardsPage on QT_QPA_PLATFORM="
        f"{os.environ['QT_QPA_PLATFORM']}; {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print(
        f"first pages: query started on the widget to page_loaded, {args.samples} samples; "
        f"baselines: service alone (no Qt) and raw = its SELECTs via sqlite3, "
        f"{args.baseline_samples} samples"
    )
    head = f"{'figure':<50}{'n':>4}{'p50':>9}{'p95':>9}{'max':>9}  {'goal':<15}{'result':<7}"
    print(f"{head}{'service':>9}{'raw':>9}{'rows':>6}   (ms)")
    for row in (r for r in rows if r["table"] == "latency"):
        result = {True: "pass", False: "FAIL", None: "-"}[row["passed"]]
        service = "" if row["service_p50_ms"] is None else f"{row['service_p50_ms']:.1f}"
        raw = "" if row["raw_p50_ms"] is None else f"{row['raw_p50_ms']:.1f}"
        shown = "" if row["mean_rows_on_first_page"] is None else row["mean_rows_on_first_page"]
        print(
            f"{row['figure']:<50}{row['n']:>4}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['max_ms']:>9.1f}  {row['goal']:<15}{result:<7}{service:>9}{raw:>9}"
            f"{shown!s:>6}" + (f"  {row['failed']} failed" if row["failed"] else "")
        )
    print(f"\n{'figure':<58}{'value':>12} {'unit':<7}{'goal':<10}{'result':<7}baseline")
    for row in (r for r in rows if r["table"] == "figures"):
        result = {True: "pass", False: "FAIL", None: "-"}[row["passed"]]
        decimals = 2 if row["unit"] in ("s", "ms", "x") else 0
        value = f"{row['value']:,.{decimals}f}"
        print(
            f"{row['figure']:<58}{value:>12} {row['unit']:<7}{row['goal']:<10}{result:<7}"
            f"{row['baseline']}"
        )
    beat = qt["heartbeat"]
    worst = list(beat["worst_by_step_ms"].items())[:5]
    print("longest heartbeat gap by step: " + ", ".join(f"{k} {v:.0f} ms" for k, v in worst))
    for stall in qt["stalls"] or []:
        print(f"stall sample x{stall['samples_2ms']} in {stall['label']}: "
              + " < ".join(reversed(stall["stack"][-5:])))  # fmt: skip
    counts = {k: v[-1]["count"] for k, v in qt["samples"].items() if k.startswith("filter")}
    print("filter counts: " + ", ".join(f"{k[8:]} {v:,}" for k, v in counts.items()))
    for row in rows:
        if row["passed"] is False and row["table"] == "latency":
            kind = row["figure"]
            base = direct.get(kind) or {}
            if base.get("plan"):
                print(f"\nEXPLAIN QUERY PLAN, {kind} (its slowest SELECT):")
                print("\n".join("  " + line for line in base["plan"]))


if __name__ == "__main__":
    sys.exit(main())
