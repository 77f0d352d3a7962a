"""`loyalty-terminal demo` with a display: the window, the demo camera and its customers.

The window is built as run_demo_window builds it and driven by qtbot; only the final
app.exec() is left out (after it returns, Qt refuses to run another event loop in this
process).
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from terminal.app import build_demo_counter
from terminal.config import Settings
from terminal.ui.widgets.demo_customers import DemoCustomersPanel


def test_picking_a_demo_customer_holds_their_card_to_the_camera_and_shows_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, sound=False)
    counter = build_demo_counter(
        settings, tmp_path / "demo", save=lambda _s: None, fresh=True, customers=12
    )
    try:
        window = counter.window
        qtbot.addWidget(window)
        window.show()
        counter.start()  # the camera worker runs the demo camera through the real decoders
        qtbot.waitUntil(lambda: window.info is not None and window.idle.preview.has_frame)
        panel = window.findChild(DemoCustomersPanel)
        assert panel is not None
        item = panel.customers.item(3)
        with qtbot.waitSignal(window.card_shown, timeout=20_000) as shown:
            panel.customers.itemActivated.emit(item)  # Enter on a demo customer
        card = shown.args[0]
        assert card.card_number in item.text()
        assert window.stack.currentWidget() is window.card_screen
        assert "Morgan Leroy" in panel.pins.text()  # the demo's PINs are on screen
    finally:
        counter.close()
