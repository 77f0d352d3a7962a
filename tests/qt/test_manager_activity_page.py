"""The manager's Activity page over the real services on a real SQLite file: the figures
and the chart of each period, the company column, and the CSV exports (written, read back,
cancelled, refused)."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from terminal.domain.activity import ActivityFigures, CompanyActivity, StoreActivity
from terminal.domain.errors import CompanyFiguresUnavailable, ExportCancelled, InvalidInput
from terminal.domain.rules import ProgramRules
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.context import ServiceDeps
from terminal.services.export import TransactionExport
from terminal.services.views import CARD_COLUMNS, TRANSACTION_COLUMNS, CardQuery
from terminal.ui.i18n import install_language
from terminal.ui.manager.activity_page import ActivityPage
from terminal.ui.manager.csv_export import card_labels, csv_separator, transaction_labels
from terminal.ui.tasks import TaskRunner
from terminal.ui.texts import error_text
from tests.factories import CASHIER, MANAGER, T0, Terminal, make_terminal, seed_with

TIMEOUT_MS = 10_000
UNLIMITED = ProgramRules(max_daily_stamps=0, stamp_cooldown_minutes=0)


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    terminal = make_terminal(tmp_path / "t.db", seed_with(program=UNLIMITED))
    yield terminal
    terminal.database.dispose()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture(autouse=True)
def plain_locale() -> Iterator[None]:
    """No language chosen (the C locale: ISO dates, 1234) unless a test picks one; the
    default QLocale of before is put back."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)


def _written(term: Terminal) -> dict[str, int]:
    """Entries through the real services over ten days; returns the points they earned."""
    stamps, points, clock = term.services.stamps, term.services.points, term.clock
    clock.set(T0 - timedelta(days=10))
    old = term.enroll(3).card_id
    stamps.add_stamp(CASHIER, old, 1)
    clock.set(T0 - timedelta(days=3))
    first = term.enroll(1).card_id
    stamps.add_stamp(CASHIER, first, 2)
    earned_before = points.earn(CASHIER, first, "300.00").points_delta
    clock.set(T0 - timedelta(days=1))
    redeemed = -points.redeem(MANAGER, first, 2).points_delta
    clock.set(T0)
    second = term.enroll(2).card_id
    stamps.add_stamp(CASHIER, second, 4)
    earned_today = points.earn(CASHIER, second, "1234.00").points_delta
    return {"before": earned_before, "today": earned_today, "redeemed": redeemed}


def _page(qtbot: QtBot, manager: Any, runner: TaskRunner, tmp_path: Path) -> ActivityPage:
    asked: list[str] = []
    page = ActivityPage(
        manager, runner, ask_path=lambda _parent, name: asked.append(name) or tmp_path / name
    )
    page.asked = asked  # type: ignore[attr-defined]  # what the page suggested, for the tests
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _refresh(qtbot: QtBot, page: ActivityPage) -> None:
    with qtbot.waitSignal(page.activity_shown, timeout=TIMEOUT_MS):
        page.refresh()


def _shown(page: ActivityPage) -> dict[str, str]:
    return {name: label.text() for name, label in page.store_values.items()}


def _export(qtbot: QtBot, page: ActivityPage, button: QPushButton) -> str:
    with qtbot.waitSignal(page.export_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    text = finished.args[0]
    assert page.exports.message.text() == text
    assert page.exports.message.isVisible()
    return text


def _read_csv(path: Path, separator: str) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=separator))


def test_each_period_shows_this_stores_figures_and_its_daily_chart(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    points = _written(term)
    term.clock.set(T0 + timedelta(hours=1))
    page = _page(qtbot, term.services, runner, tmp_path)
    _refresh(qtbot, page)

    assert page.period() == 1
    assert page.store_header.text() == "This store (Main Street)"
    assert _shown(page) == {
        "stamps_given": "4",
        "points_earned": str(points["today"]),
        "points_redeemed": "0",
        "rewards_redeemed": "0",
        "enrollments": "1",
    }
    assert page.counts_chart.values("stamps_given") == [4]
    assert page.points_chart.values("points_earned") == [points["today"]]
    assert page.counts_chart.day_axis.categories() == ["03-10"]

    with qtbot.waitSignal(page.activity_shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.periods.button(7), Qt.MouseButton.LeftButton)
    assert page.period() == 7
    earned = points["before"] + points["today"]
    assert _shown(page) == {
        "stamps_given": "6",
        "points_earned": str(earned),
        "points_redeemed": str(points["redeemed"]),
        "rewards_redeemed": "1",
        "enrollments": "2",
    }
    # 4 to 10 March, oldest first: 7 March (3 days ago), 9 March (yesterday), today.
    assert page.counts_chart.day_axis.categories() == [f"03-{d:02}" for d in range(4, 11)]
    assert page.counts_chart.values("stamps_given") == [0, 0, 0, 2, 0, 0, 4]
    assert page.counts_chart.values("rewards_redeemed") == [0, 0, 0, 0, 0, 1, 0]
    assert page.counts_chart.values("enrollments") == [0, 0, 0, 1, 0, 0, 1]
    assert page.points_chart.values("points_earned") == [0, 0, 0, points["before"], 0, 0, 1234]
    assert page.points_chart.values("points_redeemed") == [0, 0, 0, 0, 0, points["redeemed"], 0]
    assert page.points_chart.value_axis.min() == 0
    assert page.points_chart.value_axis.max() >= 1234

    with qtbot.waitSignal(page.activity_shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.periods.button(30), Qt.MouseButton.LeftButton)
    assert _shown(page)["stamps_given"] == "7"
    assert _shown(page)["enrollments"] == "3"
    stamps = page.counts_chart.values("stamps_given")
    assert len(stamps) == 30
    assert stamps[-11] == 1  # ten days ago
    assert page.counts_chart.day_axis.labelsAngle() == -90  # 30 labels stand upright

    with qtbot.waitSignal(page.activity_shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.periods.button(1), Qt.MouseButton.LeftButton)
    assert _shown(page)["stamps_given"] == "4"


def test_numbers_and_day_labels_follow_the_language(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    _written(term)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    page = _page(qtbot, term.services, runner, tmp_path)
    page.set_period(7)
    qtbot.waitUntil(lambda: page.view is not None and page.view.days == 7, timeout=TIMEOUT_MS)
    assert page.store_values["points_earned"].text() == QLocale().toString(
        page.view.store.points_earned
    )
    assert "," in page.store_values["points_earned"].text()  # 1,534
    assert page.counts_chart.day_axis.categories()[-1] == "3/10"  # M/d/yy without the year

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    page.retranslate()
    assert page.counts_chart.day_axis.categories()[-1] == "10/03"
    assert page.exports.until_edit.displayFormat() == "dd/MM/yyyy"


def test_the_company_column_says_why_it_is_missing(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    page = _page(qtbot, term.services, runner, tmp_path)  # built without a server
    _refresh(qtbot, page)
    assert page.view is not None
    assert page.view.company_unavailable_reason == "no_server"
    assert page.company_note.text() == (
        "Company figures need the server: this terminal works without one."
    )
    assert page.company_note.isVisible()
    assert all(label.isHidden() for label in page.company_values.values())


class _Server:
    """The sync engine's company-figures port (CompanyFiguresSource), answering as the
    central server would, or not."""

    def __init__(self, why: str | None = None) -> None:
        self.why = why

    def company_activity(self, since: datetime) -> CompanyActivity:
        if self.why is not None:
            raise CompanyFiguresUnavailable(self.why)
        figures = ActivityFigures(120, 4500, 900, 12, 30)
        return CompanyActivity(
            since=since,
            server_time=T0,
            total=figures,
            stores=(StoreActivity(1, "Main Street", figures),),
            days=(),
        )


@pytest.mark.parametrize(
    ("why", "sentence"),
    [
        ("offline", "Company figures need the server: offline. Try again later."),
        (
            "auth_expired",
            "Company figures need the server: this terminal must be activated again.",
        ),
        ("error", "Company figures need the server: it did not send them. Try again later."),
    ],
)
def test_each_reason_the_server_gave_no_figures_has_its_sentence(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path, why: str, sentence: str
) -> None:
    services = counter_services(term.database, term.clock, company_figures=_Server(why))
    page = _page(qtbot, services, runner, tmp_path)
    _refresh(qtbot, page)
    assert page.company_note.text() == sentence


def test_the_company_column_shows_the_servers_figures(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    services = counter_services(term.database, term.clock, company_figures=_Server())
    page = _page(qtbot, services, runner, tmp_path)
    _refresh(qtbot, page)
    shown = {name: label.text() for name, label in page.company_values.items()}
    assert shown == {
        "stamps_given": "120",
        "points_earned": "4500",
        "points_redeemed": "900",
        "rewards_redeemed": "12",
        "enrollments": "30",
    }
    assert all(label.isVisible() for label in page.company_values.values())
    assert page.company_note.isHidden()
    assert page.company_as_of.text() == (
        "Company figures as counted by the server at 2026-03-10 10:00"  # Paris time
    )


def test_the_cards_export_writes_the_card_query_with_translated_headers(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    _written(term)
    page = _page(qtbot, term.services, runner, tmp_path)
    _refresh(qtbot, page)
    text = _export(qtbot, page, page.exports.cards_button)
    path = tmp_path / "cards-2026-03-10.csv"
    assert page.asked == ["cards-2026-03-10.csv"]  # the store's today in the name
    assert text == f"Exported 3 cards to {path}"
    rows = _read_csv(path, ",")
    assert rows[0] == list(card_labels().values())
    assert rows[0][:2] == ["Card number", "Customer"]
    assert sorted(row[1] for row in rows[1:]) == [
        "Ana Customer1",
        "Ana Customer2",
        "Ana Customer3",
    ]

    page.set_card_query(CardQuery(text="Customer2"))
    path.unlink()
    text = _export(qtbot, page, page.exports.cards_button)
    assert text == f"Exported 1 card to {path}"
    assert [row[1] for row in _read_csv(path, ",")[1:]] == ["Ana Customer2"]


def test_the_transactions_export_uses_a_semicolon_under_a_french_locale(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    _written(term)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    assert csv_separator() == ";"
    page = _page(qtbot, term.services, runner, tmp_path)
    _refresh(qtbot, page)
    assert page.exports.since_edit.date() == QDate(2026, 2, 9)  # the last 30 store days
    assert page.exports.until_edit.date() == QDate(2026, 3, 10)
    text = _export(qtbot, page, page.exports.transactions_button)
    path = tmp_path / "transactions-2026-03-10.csv"
    rows = _read_csv(path, ";")
    assert rows[0] == list(transaction_labels().values())
    assert len(rows) - 1 == int(text.split()[1])  # "Exported 11 transactions to ..."
    purchases = [row[TRANSACTION_COLUMNS.index("purchase_amount")] for row in rows[1:]]
    assert "1234,00" in purchases  # the decimal comma that goes with ";"
    assert all(len(row) == len(TRANSACTION_COLUMNS) for row in rows)
    assert page.exports.message.objectName() == "confirmation"


def test_a_period_ending_before_it_starts_is_refused_and_nothing_is_written(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    page = _page(qtbot, term.services, runner, tmp_path)
    page.exports.since_edit.setDate(QDate(2026, 3, 10))
    page.exports.until_edit.setDate(QDate(2026, 3, 1))
    _refresh(qtbot, page)
    assert page.exports.until_edit.date() == QDate(2026, 3, 1)  # the manager's choice stays
    text = _export(qtbot, page, page.exports.transactions_button)
    refusal = InvalidInput("reversed", reason="export_period_reversed")
    assert text == error_text(refusal)
    assert text == "The period ends before it starts. Pick the first day, then the last one."
    assert page.exports.message.objectName() == "refusal"
    assert not list(tmp_path.glob("transactions-*"))
    assert page.exports.transactions_button.isEnabled()


def test_no_path_chosen_exports_nothing(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    page = ActivityPage(term.services, runner, ask_path=lambda _parent, _name: None)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.exports.cards_button, Qt.MouseButton.LeftButton)
    assert page.exports.running is None
    assert not runner.busy
    assert page.exports.message.isHidden()


class _HeldExport:
    """The real transaction export (one row per chunk), whose worker waits after its first
    progress report until the test has pressed Cancel: the cancel lands mid-export every
    time, without sleeping."""

    def __init__(self, inner: TransactionExport) -> None:
        self._inner = inner
        self.gate = threading.Event()
        self.reports: list[tuple[int, int]] = []

    def export_transactions(self, *args: Any, progress: Any = None, **kwargs: Any) -> Any:
        def held(done: int, total: int) -> None:  # on the export's worker thread
            self.reports.append((done, total))
            progress(done, total)
            self.gate.wait(TIMEOUT_MS / 1000)

        return self._inner.export_transactions(*args, progress=held, **kwargs)


def test_cancelling_an_export_leaves_no_file(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    _written(term)
    held = _HeldExport(TransactionExport(ServiceDeps(term.database, term.clock), chunk_rows=1))
    manager: CounterServices = replace(term.services, exports=held)  # type: ignore[arg-type]
    page = _page(qtbot, manager, runner, tmp_path)
    _refresh(qtbot, page)  # the period: the last 30 store days
    with qtbot.waitSignal(page.export_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(page.exports.transactions_button, Qt.MouseButton.LeftButton)
        run = page.exports.running
        assert run is not None
        assert not page.exports.cards_button.isEnabled()  # one export at a time
        # The dialog shows once the export has run for PROGRESS_DELAY_MS.
        qtbot.waitUntil(lambda: run.dialog.isVisible(), timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: run.bar.value() == 1, timeout=TIMEOUT_MS)
        assert run.bar.maximum() == held.reports[0][1] > 1
        cancel = run.dialog.findChild(QPushButton)
        assert cancel is not None
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert run.is_cancelled
        held.gate.set()
    assert finished.args[0] == error_text(ExportCancelled())
    assert finished.args[0] == "The export was cancelled: no file was written."
    assert page.exports.message.objectName() == "refusal"
    assert not list(tmp_path.glob("transactions-*"))
    assert not list(tmp_path.glob(".transactions-*"))  # nor its temporary file
    assert page.exports.running is None
    assert page.exports.cards_button.isEnabled()


def test_the_column_labels_cover_the_services_column_codes() -> None:
    assert tuple(card_labels()) == CARD_COLUMNS
    assert tuple(transaction_labels()) == TRANSACTION_COLUMNS


def test_store_days_come_from_the_view_not_this_computer(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    # 23:30 UTC on 10 March is already 11 March in Paris.
    term.clock.set(datetime(2026, 3, 10, 23, 30, tzinfo=UTC))
    page = _page(qtbot, term.services, runner, tmp_path)
    _refresh(qtbot, page)
    assert page.view is not None
    assert page.view.series[-1].day == date(2026, 3, 11)
    assert page.exports.until_edit.date() == QDate(2026, 3, 11)


def test_a_language_change_retranslates_the_page(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    _written(term)
    page = _page(qtbot, term.services, runner, tmp_path)
    page.set_period(7)
    qtbot.waitUntil(lambda: page.view is not None and page.view.days == 7, timeout=TIMEOUT_MS)
    app = QApplication.instance()
    assert app is not None
    try:
        install_language(app, "fr")  # posts LanguageChange to every widget
        qtbot.waitUntil(lambda: page.periods.button(1).text() == "Aujourd'hui")
        assert page.periods.button(1).accessibleName() == "Aujourd'hui"
        earned = page.view.store.points_earned  # type: ignore[union-attr]
        assert page.store_values["points_earned"].text() == QLocale().toString(earned)
        assert page.counts_chart.day_axis.categories()[-1] == "10/03"
        assert page.exports.since_edit.displayFormat() == "dd/MM/yyyy"
    finally:
        install_language(app, "en")
    qtbot.waitUntil(lambda: page.periods.button(1).text() == "Today")


def test_clear_forgets_the_figures(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, tmp_path: Path
) -> None:
    _written(term)
    page = _page(qtbot, term.services, runner, tmp_path)
    _refresh(qtbot, page)
    page.clear()  # the manager views locked
    assert page.view is None
    assert set(_shown(page).values()) == {"—"}
    assert page.counts_chart.values("stamps_given") == []
