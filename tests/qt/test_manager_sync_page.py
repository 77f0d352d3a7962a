"""The manager's Sync page over the real services on a real SQLite file: the sync state a
real SyncRelay publishes, the conflicts list with its filter and details, marking one
handled through the dialog (and a cashier refused), and opening a conflict's card."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sync.status import PullProgress, SyncStatus
from terminal.domain.clock import to_store_time
from terminal.domain.errors import ManagerRequired
from terminal.domain.ledger import TransactionType
from terminal.services.views import Actor, ConflictView
from terminal.store.models import LedgerEntry, SyncConflict
from terminal.ui.dialogs.conflicts import kind_label
from terminal.ui.i18n import install_language
from terminal.ui.manager import conflicts_model as cm
from terminal.ui.manager.sync_page import SyncPage
from terminal.ui.sync_relay import SyncRelay
from terminal.ui.tasks import TaskRunner
from terminal.ui.texts import date_time_text, error_text
from tests.factories import CASHIER, MANAGER, T0, Terminal, make_terminal

TIMEOUT_MS = 10_000
STORE_TZ = "Europe/Paris"


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    terminal = make_terminal(tmp_path / "t.db")
    yield terminal
    terminal.database.dispose()


@pytest.fixture(autouse=True)
def plain_locale() -> Iterator[None]:
    """No language chosen (the C locale: ISO dates); the default QLocale of before is put
    back."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def _conflicts(term: Terminal) -> dict[str, str]:
    """Three conflicts on entries written through the real services (as
    tests/services/test_adjustments.py makes them): kind -> the card's uuid."""
    made: dict[str, str] = {}
    for n, (kind, code, reason) in enumerate(
        [
            ("overdraft", None, None),
            ("rejected", "card_not_found", "No card with this id in the company."),
            ("merged", None, None),
        ],
        start=1,
    ):
        term.clock.set(T0 + timedelta(minutes=n))
        card = term.enroll(n)
        entry_id = term.services.points.earn(CASHIER, card.card_id, "20.00").entry_id
        with term.database.writer.begin() as session:
            entry = session.scalars(select(LedgerEntry).where(LedgerEntry.id == entry_id)).one()
            session.add(
                SyncConflict(
                    entry_id=entry.id,
                    kind=kind,
                    code=code,
                    reason=reason,
                    card_uuid=card.card_id,
                    recorded_at=T0 + timedelta(hours=1, minutes=n),
                )
            )
        made[kind] = card.card_id
    return made


def _page(
    qtbot: QtBot,
    manager: Any,
    runner: TaskRunner,
    sync: SyncRelay | None = None,
    actor: Actor | None = MANAGER,
) -> SyncPage:
    page = SyncPage(manager, runner, sync, lambda: actor, store_tz=STORE_TZ)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _refresh(qtbot: QtBot, page: SyncPage) -> int:
    with qtbot.waitSignal(page.conflicts_shown, timeout=TIMEOUT_MS) as shown:
        page.refresh()
    return shown.args[0]


def _cells(page: SyncPage, row: int) -> list[str]:
    return [page.model.index(row, column).data() for column in cm.COLUMNS]


def _row_of_kind(page: SyncPage, kind: str) -> int:
    return next(
        row for row in range(page.model.rowCount()) if page.model.conflict(row).kind == kind
    )


def test_the_conflicts_are_listed_with_what_each_means_and_marked_seen(
    qtbot: QtBot, term: Terminal, runner: TaskRunner, qtmodeltester: ModelTester
) -> None:
    cards = _conflicts(term)
    page = _page(qtbot, term.services, runner)
    assert _refresh(qtbot, page) == 3
    qtmodeltester.check(page.model)

    rejected = _row_of_kind(page, "rejected")
    when, card, customer, what, handled = _cells(page, rejected)
    view = page.model.conflict(rejected)
    assert view is not None
    assert view.card_id == cards["rejected"]
    assert when == date_time_text(view.transaction_at)
    assert card == view.card_number
    assert customer == "Ana Customer2"
    assert what == f"{kind_label('rejected')} — Points earned: 20 points"
    assert handled == "Not handled yet"
    assert [page.model.conflict(row).kind for row in range(3)] == [
        "merged",
        "rejected",
        "overdraft",
    ]  # newest first

    page.table.selectRow(rejected)
    assert page.details.title.text() == "Refused by the server"
    assert page.details.explanation.text() == (
        "The server said: No card with this id in the company.\n"
        "The entry was not applied: the balance shown is the server's. If the customer "
        "should have it, add it again or adjust the points."
    )
    assert "Customer: Ana Customer2" in page.details.facts.text()
    page.table.selectRow(_row_of_kind(page, "overdraft"))
    assert page.details.explanation.text().startswith(
        "The server applied this redemption although the card could no longer afford it"
    )
    page.table.selectRow(_row_of_kind(page, "merged"))
    assert "the new card was merged into it" in page.details.explanation.text()

    qtbot.waitUntil(lambda: not runner.busy, timeout=TIMEOUT_MS)  # the mark_seen write
    assert all(conflict.seen for conflict in term.services.conflicts.list_conflicts())


def test_show_unhandled_only(qtbot: QtBot, term: Terminal, runner: TaskRunner) -> None:
    _conflicts(term)
    first = term.services.conflicts.list_conflicts()[-1]
    term.services.conflicts.mark_handled(MANAGER, first.conflict_id, "Done already")
    page = _page(qtbot, term.services, runner)
    assert _refresh(qtbot, page) == 3
    with qtbot.waitSignal(page.conflicts_shown, timeout=TIMEOUT_MS) as shown:
        qtbot.mouseClick(page.unhandled_only, Qt.MouseButton.LeftButton)
    assert page.unhandled_only.isChecked()
    assert shown.args == [2]
    assert all(page.model.conflict(row).handled_at is None for row in range(2))
    with qtbot.waitSignal(page.conflicts_shown, timeout=TIMEOUT_MS) as shown:
        qtbot.mouseClick(page.unhandled_only, Qt.MouseButton.LeftButton)
    assert shown.args == [3]


def _open_handled_dialog(qtbot: QtBot, page: SyncPage, row: int) -> Any:
    page.table.selectRow(row)
    assert page.handled_button.isEnabled()
    qtbot.mouseClick(page.handled_button, Qt.MouseButton.LeftButton)
    dialog = page.handled_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_a_manager_marks_a_conflict_handled_through_the_dialog(
    qtbot: QtBot, term: Terminal, runner: TaskRunner
) -> None:
    _conflicts(term)
    page = _page(qtbot, term.services, runner)
    _refresh(qtbot, page)
    row = _row_of_kind(page, "overdraft")
    dialog = _open_handled_dialog(qtbot, page, row)
    qtbot.keyClicks(dialog.note, "Gave the points back")
    with qtbot.waitSignal(page.conflict_handled, timeout=TIMEOUT_MS) as handled:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    view: ConflictView = handled.args[0]
    assert view.handled_by == "Morgan Leroy"
    assert view.handled_note == "Gave the points back"
    qtbot.waitUntil(lambda: page.handled_dialog is None, timeout=TIMEOUT_MS)
    assert not dialog.isVisible()

    shown = _cells(page, row)[cm.HANDLED]
    assert shown.startswith("Morgan Leroy, ")
    assert date_time_text(view.handled_at) in shown  # type: ignore[arg-type]
    assert shown.endswith("— Gave the points back")
    assert page.details.handled.text() == f"Handled: {shown}"
    assert not page.handled_button.isEnabled()  # nothing left to do with this one
    assert page.message.text() == "Marked as handled."
    stored = term.services.conflicts.list_conflicts(conflict_id=view.conflict_id)[0]
    assert stored.handled_by == "Morgan Leroy"


def test_a_cashier_is_refused_and_nothing_changes(
    qtbot: QtBot, term: Terminal, runner: TaskRunner
) -> None:
    _conflicts(term)
    page = _page(qtbot, term.services, runner, actor=CASHIER)
    _refresh(qtbot, page)
    row = _row_of_kind(page, "rejected")
    dialog = _open_handled_dialog(qtbot, page, row)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    refusal = error_text(ManagerRequired())
    qtbot.waitUntil(lambda: page.message.text() == refusal, timeout=TIMEOUT_MS)
    assert refusal == "Only a manager can do this. Ask a manager to enter their PIN."
    assert page.message.isVisible()
    assert page.message.objectName() == "refusal"
    assert dialog.refusal.text() == refusal  # the dialog stays open and says it too
    assert dialog.isVisible()
    assert _cells(page, row)[cm.HANDLED] == "Not handled yet"
    assert all(c.handled_at is None for c in term.services.conflicts.list_conflicts())
    dialog.reject()
    qtbot.waitUntil(lambda: page.handled_dialog is None, timeout=TIMEOUT_MS)


def test_a_locked_page_marks_nothing(qtbot: QtBot, term: Terminal, runner: TaskRunner) -> None:
    _conflicts(term)
    page = _page(qtbot, term.services, runner, actor=None)
    _refresh(qtbot, page)
    qtbot.waitUntil(lambda: not runner.busy, timeout=TIMEOUT_MS)  # the mark_seen write
    dialog = _open_handled_dialog(qtbot, page, 0)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "The manager views are locked: sign in again to do this."
    assert not runner.busy  # nothing was asked of the services
    dialog.reject()


def test_open_card_emits_the_conflicts_card_id(
    qtbot: QtBot, term: Terminal, runner: TaskRunner
) -> None:
    cards = _conflicts(term)
    page = _page(qtbot, term.services, runner)
    _refresh(qtbot, page)
    row = _row_of_kind(page, "merged")
    page.table.selectRow(row)
    with qtbot.waitSignal(page.card_requested, timeout=TIMEOUT_MS) as requested:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert requested.args == [cards["merged"]]

    other = _row_of_kind(page, "overdraft")
    centre = page.table.visualRect(page.model.index(other, cm.CUSTOMER)).center()
    viewport = page.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)  # a double-click's first
    with qtbot.waitSignal(page.card_requested, timeout=TIMEOUT_MS) as requested:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert requested.args == [cards["overdraft"]]


class _CardsGone:
    """The real conflicts service, as a terminal whose cache no longer has the cards."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def list_conflicts(self, *args: Any, **kwargs: Any) -> list[ConflictView]:
        found = self._inner.list_conflicts(*args, **kwargs)
        return [replace(c, card_id=None, card_number=None, customer_name=None) for c in found]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_open_card_is_disabled_when_the_card_is_gone(
    qtbot: QtBot, term: Terminal, runner: TaskRunner
) -> None:
    _conflicts(term)
    manager = replace(term.services, conflicts=_CardsGone(term.services.conflicts))  # type: ignore[arg-type]
    page = _page(qtbot, manager, runner)
    _refresh(qtbot, page)
    page.table.selectRow(0)
    assert not page.open_button.isEnabled()
    assert page.handled_button.isEnabled()
    assert _cells(page, 0)[cm.CARD] == "card no longer here"


def test_the_sync_state_comes_from_the_relay(
    qtbot: QtBot, term: Terminal, runner: TaskRunner
) -> None:
    relay = SyncRelay()
    first = SyncStatus(state="offline", pending=2)
    with qtbot.waitSignal(relay.status_changed, timeout=TIMEOUT_MS):
        relay.publish(first)  # before the page exists: `latest` holds it
    page = _page(qtbot, term.services, runner, sync=relay)
    values = page.status_values
    assert page.state.text() == "Offline · 2 to send"
    assert values["pending"].text() == "2"
    assert values["success"].text() == "never"
    assert values["problem"].text() == "none"
    assert page.local_only.isHidden()

    success = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    failure = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)
    with qtbot.waitSignal(relay.status_changed, timeout=TIMEOUT_MS):
        relay.publish(
            SyncStatus(
                state="error",
                error_kind="rate_limited",
                error_detail="429 Too Many Requests",
                pending=12,
                last_success_at=success,
                last_error_at=failure,
                retry_in_s=30,
            )
        )
    assert page.state.text() == "Server busy: retrying · 12 to send"
    assert values["pending"].text() == "12"
    assert values["success"].text() == "2026-03-10 09:00"  # store time, Paris
    assert values["success"].text() == date_time_text(to_store_time(success, STORE_TZ))
    assert values["problem"].text() == "2026-03-10 09:30, next try in 30 s"
    assert page.error_detail.text() == "Details: 429 Too Many Requests"
    assert page.error_detail.isVisible()
    assert page.pull.isHidden()

    with qtbot.waitSignal(relay.status_changed, timeout=TIMEOUT_MS):
        relay.publish(
            SyncStatus(
                state="online",
                last_success_at=success,
                last_error_at=failure,
                pulling=PullProgress(True, 3, 120, 480),
            )
        )
    assert page.state.text() == "Receiving the company's data: 120 of 480 (25%)"
    assert values["problem"].text() == "2026-03-10 09:30 (solved since)"
    assert page.pull.isVisible()
    assert (page.pull.value(), page.pull.maximum()) == (120, 480)
    assert page.error_detail.isHidden()


def test_without_a_server_the_page_says_local_only(
    qtbot: QtBot, term: Terminal, runner: TaskRunner
) -> None:
    page = _page(qtbot, term.services, runner, sync=None)
    assert page.local_only.text() == "Local only: not connected to a server"
    assert page.local_only.isVisible()
    assert page.state.isHidden()
    assert all(label.isHidden() for label in page.status_values.values())
    assert _refresh(qtbot, page) == 0
    assert page.details.title.text() == "No conflicts: the server took everything as it was sent."
    assert not page.handled_button.isEnabled()
    assert not page.open_button.isEnabled()


def test_a_conflicts_model_of_every_kind_passes_the_model_tester(
    qtmodeltester: ModelTester,
) -> None:
    model = cm.ConflictsModel()
    base = ConflictView(
        conflict_id=1,
        kind="overdraft",
        code=None,
        reason=None,
        entry_type=TransactionType.POINTS_REDEEMED,
        stamps_delta=0,
        points_delta=-250,
        transaction_at=to_store_time(T0, STORE_TZ),
        recorded_at=to_store_time(T0, STORE_TZ),
        card_number="4000-0000-0001",
        customer_name="Ana Customer1",
        seen=False,
        card_id="c1",
    )
    kinds = ["overdraft", "rejected", "merged", "conflict", "flagged"]
    rows = [replace(base, conflict_id=n, kind=kind) for n, kind in enumerate(kinds, start=1)]
    model.set_conflicts(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    handled = replace(rows[0], handled_at=rows[0].recorded_at, handled_by="Morgan Leroy")
    assert model.replace(handled) == 0
    assert model.index(0, cm.HANDLED).data() == "Morgan Leroy, 2026-03-10 10:00"  # Paris
    assert len({cm.kind_explanation(row) for row in rows}) == len(kinds)  # one each


def test_new_conflicts_reported_by_the_sync_are_read_while_the_page_shows(
    qtbot: QtBot, term: Terminal, runner: TaskRunner
) -> None:
    relay = SyncRelay()
    page = _page(qtbot, term.services, runner, sync=relay)
    with qtbot.waitSignal(relay.status_changed, timeout=TIMEOUT_MS):
        relay.publish(SyncStatus(state="online", conflicts=0))
    assert _refresh(qtbot, page) == 0
    _conflicts(term)  # the sync engine wrote them meanwhile
    with qtbot.waitSignal(page.conflicts_shown, timeout=TIMEOUT_MS) as shown:
        relay.publish(SyncStatus(state="online", conflicts=3))
    assert shown.args == [3]


def test_a_language_change_retranslates_the_page(
    qtbot: QtBot, term: Terminal, runner: TaskRunner
) -> None:
    _conflicts(term)
    page = _page(qtbot, term.services, runner, sync=SyncRelay())
    _refresh(qtbot, page)
    row = _row_of_kind(page, "overdraft")
    page.table.selectRow(row)
    english = page.details.title.text()
    app = QApplication.instance()
    assert app is not None
    try:
        install_language(app, "fr")
        qtbot.waitUntil(lambda: page.details.title.text() != english)
        assert page.details.title.text() == kind_label("overdraft")  # now in French
        assert _cells(page, row)[cm.WHAT].startswith(kind_label("overdraft"))
    finally:
        install_language(app, "en")
    qtbot.waitUntil(lambda: page.details.title.text() == english)


def test_clear_forgets_what_was_shown(qtbot: QtBot, term: Terminal, runner: TaskRunner) -> None:
    _conflicts(term)
    page = _page(qtbot, term.services, runner)
    _refresh(qtbot, page)
    dialog = _open_handled_dialog(qtbot, page, 0)
    page.clear()  # the manager views locked
    assert page.model.rowCount() == 0
    assert not dialog.isVisible()
    assert not page.handled_button.isEnabled()
