"""`loyalty-terminal demo` with a display: the window, the demo camera and its customers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from terminal.app import run_demo_window
from terminal.config import Settings
from terminal.ui.app_window import CounterWindow
from terminal.ui.widgets.demo_customers import DemoCustomersPanel


def test_picking_a_demo_customer_holds_their_card_to_the_camera_and_shows_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    seen: dict[str, object] = {}

    def drive() -> None:  # runs inside the demo's own event loop
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, CounterWindow)]
        if not windows or not windows[0].isVisible() or windows[0].info is None:
            QTimer.singleShot(20, drive)
            return
        window = windows[0]
        panel = window.findChild(DemoCustomersPanel)
        assert panel is not None
        item = panel.customers.item(0)
        seen["picked"] = item.text()

        def shown(card: object) -> None:
            seen["card"] = card
            window.close()  # the demo ends when its window closes

        window.card_shown.connect(shown)
        panel.customers.itemActivated.emit(item)  # Enter on the first demo customer
        QTimer.singleShot(30_000, window.close)  # a broken camera path still ends the test

    QTimer.singleShot(0, drive)
    settings = Settings(data_dir=tmp_path, sound=False)
    code = run_demo_window(
        settings, tmp_path / "demo", save=lambda _s: None, fresh=True, customers=12
    )
    assert code == 0
    card = seen.get("card")
    assert card is not None, "the held card never reached the card screen"
    assert card.card_number in str(seen["picked"])  # type: ignore[attr-defined]
