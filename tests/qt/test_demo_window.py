"""`loyalty-terminal demo` with a display: a central server on this computer, counter
windows that sync with it for real, the demo camera and its customers.

The windows are built as run_demo_window builds them and driven by qtbot; only the final
app.exec() is left out (after it returns, Qt refuses to run another event loop in this
process).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from terminal.app import DemoSession, build_live_demo
from terminal.config import Settings
from terminal.services.views import Actor
from terminal.ui.widgets.demo_customers import DemoCustomersPanel

TIMEOUT_MS = 20_000
CASHIER = Actor(1, "2468")  # the demo's Alex Martin


@pytest.fixture
def demo(qtbot: QtBot, tmp_path: Path) -> Iterator[DemoSession]:
    settings = Settings(data_dir=tmp_path, sound=False)
    session = build_live_demo(
        settings,
        tmp_path / "demo",
        save=lambda _s: None,
        fresh=True,
        customers=12,
        terminals=2,
        pull_interval_s=0.2,
    )
    try:
        for counter in session.counters:
            qtbot.addWidget(counter.window)
            counter.window.show()
            counter.start()
        yield session
    finally:
        session.close()


def test_picking_a_demo_customer_holds_their_card_to_the_camera_and_shows_it(
    qtbot: QtBot, demo: DemoSession
) -> None:
    window = demo.counters[0].window
    qtbot.waitUntil(lambda: window.info is not None and window.idle.preview.has_frame)
    panel = window.findChild(DemoCustomersPanel)
    assert panel is not None
    item = panel.customers.item(3)
    with qtbot.waitSignal(window.card_shown, timeout=TIMEOUT_MS) as shown:
        panel.customers.itemActivated.emit(item)  # Enter on a demo customer
    card = shown.args[0]
    assert card.card_number in item.text()
    assert window.stack.currentWidget() is window.card_screen
    assert "Morgan Leroy" in panel.pins.text()  # the demo's PINs are on screen


def test_a_card_earning_in_one_store_shows_its_balance_in_the_other(
    qtbot: QtBot, demo: DemoSession
) -> None:
    main, station = demo.counters
    for counter in demo.counters:
        badge = counter.window.sync_badge
        assert badge is not None
        qtbot.waitUntil(lambda badge=badge: badge.text().startswith("Online"), timeout=TIMEOUT_MS)
    assert main.window.info is not None
    assert station.window.info is not None
    assert main.window.info.vendor_name != station.window.info.vendor_name  # two stores
    panel = main.window.findChild(DemoCustomersPanel)
    assert panel is not None
    token = panel.customers.item(0).data(Qt.ItemDataRole.UserRole)
    card = main.services.lookup.by_scan(token)
    before = station.services.lookup.card(card.card_id).points_balance

    earned = main.services.points.earn(CASHIER, card.card_id, "25.00")
    assert main.sync_engine is not None
    main.sync_engine.trigger()  # what a write through the window does

    qtbot.waitUntil(
        lambda: (
            station.services.lookup.card(card.card_id).points_balance
            == before + earned.points_delta
        ),
        timeout=TIMEOUT_MS,
    )
    shown = station.services.lookup.card(card.card_id)
    assert shown.pending_points == 0  # confirmed by the server, not a local guess
