"""The manager's cards table and card page, on real services over a real SQLite file, with
the real TaskRunner: lazy keyset pages, search, every filter, sorting, opening a card, the
customer edited, points adjusted, the card deactivated; each refusal shown."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from terminal.services.views import Actor, CardSort, CardStatusFilter
from terminal.ui.manager.card_page import CardPage
from terminal.ui.manager.cards_page import CardsPage
from terminal.ui.manager.dialogs import AdjustPointsDialog, CardStatusDialog
from terminal.ui.models.cards import COLUMNS, CardsModel
from terminal.ui.models.history import HistoryModel
from terminal.ui.tasks import TaskRunner
from tests.factories import CASHIER, MANAGER, Terminal, make_terminal
from tests.services.helpers import set_card

TIMEOUT_MS = 10_000
NAMES = [("Zoé", "Martin"), ("Ana", "Dubois"), ("Léa", "Martin"), ("Hugo", "Bernard")]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = make_terminal(tmp_path / "manager.db")
    yield term
    term.database.dispose()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def keep() -> list[object]:
    """Models a test hands to qtmodeltester: alive until its checks have disconnected."""
    return []


@pytest.fixture
def cards(terminal: Terminal) -> list[str]:
    ids = []
    for n, (first, last) in enumerate(NAMES):
        card = terminal.enroll(n, first_name=first, last_name=last, email=f"c{n}@shop.example")
        ids.append(card.card_id)
    terminal.services.points.earn(CASHIER, ids[1], "300.00")
    return ids


def idle(qtbot: QtBot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=TIMEOUT_MS)


def shown_names(page: CardsPage) -> list[str]:
    return [row.customer_name for row in page.model.rows]


def make_page(qtbot: QtBot, terminal: Terminal, runner: TaskRunner) -> CardsPage:
    page = CardsPage(terminal.services.browser, runner)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    page.refresh()
    idle(qtbot, runner)
    return page


def test_the_lazy_model_passes_qtmodeltester_and_fetches_pages_as_asked(
    keep: list[object],
    qtbot: QtBot,
    qtmodeltester,
    terminal: Terminal,
    runner: TaskRunner,
    cards: list[str],
) -> None:
    model = CardsModel(terminal.services.browser, runner, page_size=3)
    keep.append(model)
    model.set_query(model.query)
    idle(qtbot, runner)
    assert model.rowCount() == 3
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page in flight at a time
    idle(qtbot, runner)
    assert model.rowCount() == 4
    assert not model.canFetchMore()  # the last page came
    assert model.count == 4
    qtmodeltester.check(model, force_py=True)
    index = model.index(0, COLUMNS.index(("points", CardSort.POINTS)))
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.data(model.index(99, 0)) is None


def test_a_new_query_drops_the_page_of_the_old_one_in_flight(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    model = CardsModel(terminal.services.browser, runner)
    model.set_query(model.query)
    model.set_query(replace(model.query, text="dubois"))  # before the first answer lands
    idle(qtbot, runner)
    assert [row.customer_name for row in model.rows] == ["Ana Dubois"]


def test_browsing_without_text_then_searching_from_one_character(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_page(qtbot, terminal, runner)
    assert shown_names(page) == ["Hugo Bernard", "Léa Martin", "Ana Dubois", "Zoé Martin"]
    assert page.count_label.text() == "4 cards"
    qtbot.keyClicks(page.search, "z")
    qtbot.waitUntil(lambda: shown_names(page) == ["Zoé Martin"], timeout=TIMEOUT_MS)
    idle(qtbot, runner)
    assert page.count_label.text() == "1 card"
    page.search.clear()
    qtbot.keyClicks(page.search, "mart")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter searches at once
    idle(qtbot, runner)
    assert shown_names(page) == ["Léa Martin", "Zoé Martin"]
    assert page.table.hasFocus()


def test_each_filter_narrows_the_table(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    set_card(terminal, cards[2], is_active=False, enrolled_at_vendor_id=2)
    set_card(terminal, cards[3], points_balance=-5, last_activity_at=None)
    page = make_page(qtbot, terminal, runner)
    page.status.setCurrentIndex(page.status.findData(CardStatusFilter.DEACTIVATED))
    idle(qtbot, runner)
    assert shown_names(page) == ["Léa Martin"]
    page.status.setCurrentIndex(page.status.findData(CardStatusFilter.ALL))
    page.enrolled_here.setChecked(True)
    idle(qtbot, runner)
    assert "Léa Martin" not in shown_names(page)
    page.enrolled_here.setChecked(False)
    page.reward_available.setChecked(True)
    idle(qtbot, runner)
    assert shown_names(page) == ["Ana Dubois"]  # 300 + 50 points buys a reward
    page.reward_available.setChecked(False)
    page.overdrawn.setChecked(True)
    idle(qtbot, runner)
    assert shown_names(page) == ["Hugo Bernard"]
    page.overdrawn.setChecked(False)
    page.points_expiring.setChecked(True)
    idle(qtbot, runner)
    assert shown_names(page) == []  # everything happened today
    assert page.count_label.text() == "0 cards"


def test_a_click_on_a_column_title_sorts_and_an_unsortable_one_does_not(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_page(qtbot, terminal, runner)
    header = page.table.horizontalHeader()
    header.setSortIndicator(COLUMNS.index(("name", CardSort.NAME)), Qt.SortOrder.AscendingOrder)
    idle(qtbot, runner)
    assert shown_names(page) == ["Hugo Bernard", "Ana Dubois", "Léa Martin", "Zoé Martin"]
    header.setSortIndicator(
        COLUMNS.index(("points", CardSort.POINTS)), Qt.SortOrder.DescendingOrder
    )
    idle(qtbot, runner)
    assert shown_names(page)[0] == "Ana Dubois"
    assert page.model.query.sort is CardSort.POINTS
    email = COLUMNS.index(("email", None))
    header.setSortIndicator(email, Qt.SortOrder.AscendingOrder)
    idle(qtbot, runner)
    assert page.model.query.sort is CardSort.POINTS  # unchanged
    assert header.sortIndicatorSection() == COLUMNS.index(("points", CardSort.POINTS))


def test_enter_or_a_double_click_opens_the_card(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_page(qtbot, terminal, runner)
    page.table.setFocus()
    page.table.selectRow(1)
    with qtbot.waitSignal(page.card_requested, timeout=TIMEOUT_MS) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [cards[2]]
    rect = page.table.visualRect(page.model.index(3, 0))
    viewport = page.table.viewport()
    with qtbot.waitSignal(page.card_requested, timeout=TIMEOUT_MS) as opened:
        # what a double-click is made of: a click, then the second press
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [cards[0]]


def test_a_search_too_long_is_said_on_the_page(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_page(qtbot, terminal, runner)
    page.search.setMaxLength(1000)
    page.search.setText("x" * 300)
    page.apply_filters()
    idle(qtbot, runner)
    assert page.message.isVisible()
    assert "too long" in page.message.text()
    assert shown_names(page) == []


# --- the card page ----------------------------------------------------------------------------


def make_card_page(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, actor: Actor | None = MANAGER
) -> CardPage:
    page = CardPage(terminal.services, runner, lambda: actor)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_the_card_page_shows_the_customer_balances_and_history(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_card_page(qtbot, terminal, runner)
    page.show_card(cards[1])
    idle(qtbot, runner)
    assert (page.first_name.text(), page.last_name.text()) == ("Ana", "Dubois")
    assert page.email.text() == "c1@shop.example"
    assert "Points: 350 (confirmed 0, pending 350)" in page.balances.text()
    model = page.history_model
    assert [model.data(model.index(r, 3)) for r in range(model.rowCount())] == [
        "Points earned",
        "Welcome bonus",
        "Card created",
    ]
    assert model.data(model.index(0, 5)) == "+300"
    assert model.data(model.index(0, 8)) == "Not sent yet"


def test_history_pages_come_lazily(
    keep: list[object],
    qtbot: QtBot,
    qtmodeltester,
    terminal: Terminal,
    runner: TaskRunner,
    cards: list[str],
) -> None:
    for _ in range(4):
        terminal.services.points.earn(CASHIER, cards[0], "1.00")
    model = HistoryModel(terminal.services.lookup, runner, page_size=2)
    keep.append(model)
    model.show_card(cards[0])
    idle(qtbot, runner)
    assert model.rowCount() == 2
    while model.canFetchMore():
        model.fetchMore()
        idle(qtbot, runner)
    assert model.rowCount() == 6  # created, welcome bonus, four earns, nothing twice
    ids = [row.entry_id for row in model.rows]
    assert len(set(ids)) == len(ids)
    qtmodeltester.check(model, force_py=True)


def test_the_manager_edits_the_customer_and_a_refusal_is_shown(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_card_page(qtbot, terminal, runner)
    page.show_card(cards[1])
    idle(qtbot, runner)
    page.email.setText("c0@shop.example")  # Zoé's
    page.save_button.click()
    idle(qtbot, runner)
    assert page.message.isVisible()
    assert page.message.objectName() == "refusal"
    assert terminal.services.lookup.card(cards[1]).email == "c1@shop.example"
    page.email.setText("ana.dubois@shop.example")
    page.last_name.setText("Dubois-Leroy")
    page.save_button.click()
    idle(qtbot, runner)
    assert page.message.objectName() == "confirmation"
    card = terminal.services.lookup.card(cards[1])
    assert (card.email, card.last_name) == ("ana.dubois@shop.example", "Dubois-Leroy")
    assert page.history_model.data(page.history_model.index(0, 3)) == "Details changed"


def test_the_manager_adjusts_points_through_the_dialog(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_card_page(qtbot, terminal, runner)
    page.show_card(cards[1])
    idle(qtbot, runner)
    page.adjust_button.click()
    dialog = page.findChild(AdjustPointsDialog)
    assert dialog is not None
    dialog.points.setText("-20")
    dialog.ok_button.click()  # no reason: refused, the dialog stays
    idle(qtbot, runner)
    assert dialog.refusal.isVisible()
    assert terminal.services.lookup.card(cards[1]).points_balance == 350
    dialog.reason.setText("Counted twice on Monday")
    with qtbot.waitSignal(dialog.finished, timeout=TIMEOUT_MS):
        dialog.ok_button.click()
    idle(qtbot, runner)
    assert terminal.services.lookup.card(cards[1]).points_balance == 330
    assert "330" in page.balances.text()
    assert page.history_model.data(page.history_model.index(0, 3)) == "Adjustment"
    assert page.history_model.data(page.history_model.index(0, 7)) == "Counted twice on Monday"


def test_the_manager_deactivates_and_reactivates_the_card(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_card_page(qtbot, terminal, runner)
    page.show_card(cards[0])
    idle(qtbot, runner)
    for expected in (False, True):
        page.status_button.click()
        dialog = page.findChild(CardStatusDialog)
        assert dialog is not None
        dialog.reason.setText("Lost card")
        with qtbot.waitSignal(dialog.finished, timeout=TIMEOUT_MS):
            dialog.ok_button.click()
        idle(qtbot, runner)
        assert terminal.services.lookup.card(cards[0]).is_active is expected
        qtbot.waitUntil(lambda: page.findChild(CardStatusDialog) is None, timeout=TIMEOUT_MS)
    assert page.state.text() == "Active"


def test_a_cashier_behind_the_manager_views_is_refused_and_nothing_changes(
    qtbot: QtBot, terminal: Terminal, runner: TaskRunner, cards: list[str]
) -> None:
    page = make_card_page(qtbot, terminal, runner, actor=CASHIER)
    page.show_card(cards[1])
    idle(qtbot, runner)
    page.adjust_button.click()
    dialog = page.findChild(AdjustPointsDialog)
    assert dialog is not None
    dialog.points.setText("100")
    dialog.reason.setText("Just because")
    dialog.ok_button.click()
    idle(qtbot, runner)
    assert "manager" in dialog.refusal.text().lower()
    assert terminal.services.lookup.card(cards[1]).points_balance == 350
