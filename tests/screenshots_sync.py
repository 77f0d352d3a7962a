"""Screenshots of the live demo: two stores' counters syncing through a local central server.

    .venv/bin/python -m tests.screenshots_sync [--out /tmp/shots] [--size 2400x900]

Starts its own Xvfb when there is no DISPLAY, builds the live demo (server, history, two
counters) in a temporary folder, and saves: both counters online; a card earning in the
first store; the same card shown in the second with the balance arrived; the first counter
offline with an operation waiting; the conflicts list. Look at every picture.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.screenshots import _start_xvfb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "loyalty-shots")
    parser.add_argument("--size", default="2400x900")
    parser.add_argument("--language", default="en", choices=["en", "fr", "de"])
    args = parser.parse_args(argv)
    xvfb = _start_xvfb(args.size)
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        return _walk(args.out, args.language)
    finally:
        if xvfb is not None:
            xvfb.terminate()


def _walk(out: Path, language: str = "en") -> int:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtGui import QGuiApplication

    from terminal.app import build_live_demo, place_side_by_side, qt_application
    from terminal.config import Settings
    from terminal.ui.dialogs.amount import AmountDialog
    from terminal.ui.dialogs.conflicts import ConflictsDialog
    from terminal.ui.widgets.demo_customers import DemoCustomersPanel

    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="loyalty-sync-shots-"))
    settings = Settings(
        data_dir=folder,
        return_to_idle_seconds=120,
        sound=False,
        language=language,  # type: ignore[arg-type]
    )
    app = qt_application(settings)
    session = build_live_demo(
        settings, folder / "demo", save=lambda _s: 0, fresh=True, customers=40, terminals=2
    )
    main_counter, station = session.counters
    windows = [counter.window for counter in session.counters]
    place_side_by_side(windows)
    for counter in session.counters:
        counter.window.show()
        counter.start()

    def wait(condition: Callable[[], bool], timeout_s: float = 20) -> None:
        deadline = time.monotonic() + timeout_s
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(loop.quit)
        timer.start(20)
        try:
            while not condition():
                if time.monotonic() > deadline:
                    shoot("stuck")
                    raise SystemExit("a step did not finish in time: see stuck.png")
                loop.exec()
        finally:
            timer.stop()

    def shoot(name: str) -> None:
        pause = QEventLoop()
        QTimer.singleShot(500, pause.quit)
        pause.exec()
        picture = QGuiApplication.primaryScreen().grabWindow(0)
        target = out / (f"{name}.png" if language == "en" else f"{name}-{language}.png")
        picture.save(str(target))
        print(f"saved {target}")

    panel = windows[0].findChild(DemoCustomersPanel)
    token = panel.customers.item(2).data(Qt.ItemDataRole.UserRole)
    wait(lambda: all(c.sync_engine.status.state == "online" for c in session.counters))
    wait(lambda: all(w.idle.preview.has_frame for w in windows))
    shoot("20-two-stores-online")

    windows[0].show_scan(token)
    wait(lambda: windows[0].stack.currentWidget() is windows[0].card_screen)
    windows[0].run_operation("earn")
    wait(lambda: isinstance(windows[0].current_dialog, AmountDialog))
    amount = windows[0].current_dialog
    amount.amount.insert("37,50")  # type: ignore[union-attr]
    amount.ok_button.click()  # type: ignore[union-attr]
    wait(lambda: windows[0].current_dialog is None and not main_counter.runner.busy)
    card_id = main_counter.services.lookup.by_scan(token).card_id
    expected = main_counter.services.lookup.card(card_id).points_balance
    wait(lambda: station.services.lookup.card(card_id).points_balance == expected)
    windows[1].show_scan(token)
    wait(lambda: windows[1].stack.currentWidget() is windows[1].card_screen)
    shoot("21-balance-arrived-in-the-other-store")

    session.demo.server.stop()  # the network goes away
    windows[0].return_to_idle()
    windows[0].show_scan(token)
    wait(lambda: windows[0].stack.currentWidget() is windows[0].card_screen)
    windows[0].run_operation("stamp")
    wait(lambda: main_counter.sync_engine.status.state == "offline", timeout_s=40)
    shoot("22-offline-working-locally")

    windows[1].sync_badge.click()  # type: ignore[union-attr]
    wait(lambda: isinstance(windows[1].current_dialog, ConflictsDialog))
    shoot("23-conflicts-none")
    windows[1].current_dialog.accept()  # type: ignore[union-attr]
    wait(lambda: windows[1].current_dialog is None)
    # What the list looks like with one row of each kind (the tests make real ones).
    windows[1].open_dialog(ConflictsDialog(_sample_conflicts(), parent=windows[1]))
    shoot("24-conflicts-list")
    session.close()
    app.processEvents()
    return 0


def _sample_conflicts() -> list:  # type: ignore[type-arg]
    from datetime import UTC, datetime, timedelta

    from terminal.domain.ledger import TransactionType as T
    from terminal.services.views import ConflictView

    at = datetime(2026, 12, 2, 10, 30, tzinfo=UTC)
    rows = [
        ("overdraft", "overdraft", "Applied although the card could not afford it: "
         "100 points short.", T.POINTS_REDEEMED, 0, -250),
        ("rejected", "welcome_bonus_already_granted", "This enrollment was merged into the "
         "customer's existing card, which already had its welcome bonus.", T.WELCOME_BONUS,
         0, 50),
        ("merged", None, "The customer already had card 1000-0000-0008: this new card was "
         "merged into it; its QR code and number keep working.", T.CARD_CREATED, 0, 0),
        ("flagged", "stamp_daily_limit", "Applied, and flagged for a manager: Daily stamp "
         "limit exceeded: 3 stamps were already given that store day (limit 3), counting "
         "every till.", T.STAMP_EARNED, 1, 0),
    ]  # fmt: skip
    return [
        ConflictView(n, kind, code, reason, type_, stamps, points, at - timedelta(hours=n),
                     at, "1000-0000-0388", "Felix Leroy", False)
        for n, (kind, code, reason, type_, stamps, points) in enumerate(rows, start=1)
    ]  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
