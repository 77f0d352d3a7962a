"""The counter window with its sync engine: the status bar's badge and the conflicts list.

The badge is checked on the values the engine reports; the whole path (engine thread,
relay, badge, conflicts dialog) with a real counter synced to the real server, where two
stores spend the same points offline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sync.client import SyncClient
from sync.status import PullProgress, SyncStatus
from terminal.app import (
    SyncWiring,
    activate_here,
    build_counter_app,
    terminal_is_activated,
    terminal_sync,
)
from terminal.config import Settings
from terminal.store.models import Reward
from terminal.ui.chime import Chime
from terminal.ui.dialogs.conflicts import ConflictsDialog
from terminal.ui.first_run import FirstRunWindow
from terminal.ui.widgets.sync_badge import SyncBadge
from tests.sync.conftest import World, server, world  # noqa: F401 - live server fixtures
from tests.sync.network import Network
from tests.sync.terminals import make_terminal

TIMEOUT_MS = 20_000
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def backend() -> str:
    return "sqlite"  # the window's side; both engines are covered by tests/sync


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (SyncStatus(), "Connecting to the server…"),
        (SyncStatus(state="online", last_success_at=NOW), "Online"),
        (SyncStatus(state="online", pending=3, conflicts=1), "Online · 3 to send · 1 conflict"),
        (SyncStatus(state="offline", pending=1, retry_in_s=8), "Offline · 1 to send"),
        (
            SyncStatus(state="auth_expired", error_kind="auth_expired", pending=2),
            "Activate again: the server refused this terminal · 2 to send",
        ),
        (SyncStatus(state="error", error_kind="server_error"), "Server problem: retrying"),
        (SyncStatus(state="online", clock_skew_s=-3 * 3600), "Online · clock 180 min off"),
        (
            SyncStatus(state="online", pulling=PullProgress(True, 3, 120)),
            "Receiving the company's data: 120 rows so far",
        ),
        (
            SyncStatus(state="online", pulling=PullProgress(True, 3, 120, 480)),
            "Receiving the company's data: 120 of 480 (25%)",
        ),
    ],
)
def test_the_badge_says_what_the_engine_reports(
    qtbot: QtBot, status: SyncStatus, text: str
) -> None:
    badge = SyncBadge()
    qtbot.addWidget(badge)
    badge.show_status(status)
    assert badge.text() == text
    assert badge.accessibleDescription() == badge.toolTip()


def test_the_badge_details_say_when_and_what_next(qtbot: QtBot) -> None:
    badge = SyncBadge()
    qtbot.addWidget(badge)
    badge.show_status(
        SyncStatus(
            state="offline",
            last_success_at=NOW - timedelta(minutes=5),
            last_error_at=NOW,
            retry_in_s=8.4,
            clock_skew_s=400,
            conflicts=1,
        )
    )
    detail = badge.toolTip()
    assert "every operation is kept and sent later" in detail
    assert "Last sync:" in detail
    assert "Last problem:" in detail
    assert "Next try in 8 s." in detail
    assert "7 minutes off the server's" in detail
    assert "Press to see the conflicts." in detail


@pytest.fixture
def synced_counter(
    qtbot: QtBot,
    world: World,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> Iterator[tuple[object, Network, object]]:
    """A counter window of store 1 whose engine runs (through a network the test can cut),
    and a terminal of store 2 driven directly."""
    till = make_terminal(world.server, world.vendor_a1, tmp_path, "window", world.staff_a)
    till.close()
    station = make_terminal(world.server, world.vendor_a2, tmp_path, "station", world.staff_a)
    network = Network()
    settings = Settings(data_dir=tmp_path, sound=False)
    app = build_counter_app(
        settings,
        tmp_path / "window.db",
        clock=world.server.clock,
        chime=Chime(enabled=False),
        sync=SyncWiring(
            SyncClient(world.server.url, transport=network),
            load_token=lambda: till.token,
            pull_interval_s=0.2,
        ),
    )
    qtbot.addWidget(app.window)
    app.window.show()
    app.start(camera=False)
    try:
        yield app, network, station
    finally:
        app.close()
        app.close()
        station.close()
        network.close()


def test_an_overdraft_reaches_the_badge_and_the_conflicts_list(
    qtbot: QtBot, synced_counter: tuple[object, Network, object]
) -> None:
    app, network, station = synced_counter
    window = app.window  # type: ignore[attr-defined]
    services = app.services  # type: ignore[attr-defined]
    badge = window.sync_badge
    assert badge is not None
    qtbot.waitUntil(lambda: badge.text() == "Online", timeout=TIMEOUT_MS)

    card = station.enroll_card()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: _has_card(services, card), timeout=TIMEOUT_MS)
    with station.database.reader() as session:  # type: ignore[attr-defined]
        pastry = session.scalars(select(Reward.id).where(Reward.points_cost == 100)).one()
    network.down = True
    qtbot.waitUntil(lambda: badge.text().startswith("Offline"), timeout=TIMEOUT_MS)
    services.points.redeem(station.actor, card, pastry)  # type: ignore[attr-defined]
    station.services.points.redeem(station.actor, card, pastry)  # type: ignore[attr-defined]
    station.sync()  # type: ignore[attr-defined]
    network.down = False
    app.sync_engine.trigger()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: badge.text() == "Online · 1 conflict", timeout=TIMEOUT_MS)

    badge.click()
    qtbot.waitUntil(lambda: isinstance(window.current_dialog, ConflictsDialog), timeout=TIMEOUT_MS)
    dialog = window.current_dialog
    assert dialog.rows.count() == 1
    row = dialog.rows.item(0).text()
    assert row.startswith("Overdraft: redeemed offline")
    assert "Reward redeemed: 100 points" in row
    assert "Server: Applied although the card could not afford it" in row
    qtbot.waitUntil(lambda: _unseen(services) == 0, timeout=TIMEOUT_MS)  # a manager saw it
    dialog.accept()
    qtbot.waitUntil(lambda: window.current_dialog is None, timeout=TIMEOUT_MS)
    assert services.lookup.card(card).points_balance == -90  # the server's word


def _has_card(services: object, card_id: str) -> bool:
    try:
        services.lookup.card(card_id)  # type: ignore[attr-defined]
    except Exception:
        return False
    return True


def _unseen(services: object) -> int:
    return sum(
        not row.seen
        for row in services.conflicts.list_conflicts()  # type: ignore[attr-defined]
    )


def test_the_first_run_screen_activates_the_terminal_and_the_counter_syncs(
    qtbot: QtBot,
    world: World,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path, sound=False, credential_store="file")
    path = settings.database_path
    first = FirstRunWindow(path)
    qtbot.addWidget(first)
    first.show()
    first.activate_button.click()  # nothing typed yet
    assert first.problem.isVisible()
    assert "server's address and the activation code" in first.problem.text()
    first.server.setText(world.server.url)
    first.code.setText(world.server.activation_code(world.vendor_a1))
    first.name.setText("Front desk")
    with qtbot.waitSignal(first.activation_requested) as asked:
        first.activate_button.click()
    assert not first.activate_button.isEnabled()  # busy until the outcome is shown
    request = asked.args[0]

    activate_here(settings, path, request, save=lambda _s: None)  # the app runs it off the GUI
    assert terminal_is_activated(path)
    wiring = terminal_sync(settings, path)
    assert wiring is not None
    app = build_counter_app(settings, path, clock=world.server.clock, sync=wiring)
    try:
        qtbot.addWidget(app.window)
        app.window.show()
        app.start(camera=False)
        badge = app.window.sync_badge
        assert badge is not None
        qtbot.waitUntil(lambda: badge.text() == "Online", timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: app.window.info is not None, timeout=TIMEOUT_MS)
        assert app.window.info.terminal_name == "Front desk"
    finally:
        app.close()


def test_the_first_run_screen_explains_a_missing_credential_store(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = FirstRunWindow(tmp_path / "terminal.db")
    qtbot.addWidget(first)
    first.show()
    assert not first.file_credentials.isVisible()
    first.show_problem("no_credential_store", "no keyring")
    assert first.file_credentials.isVisible()
    assert "no secure credential store" in first.problem.text()
    assert first.activate_button.isEnabled()  # the cashier can tick the box and try again
    first.show_problem("code_refused")
    assert "Ask the back office for a new one" in first.problem.text()
