"""Screenshots of the counter window, walked through its main flows as a cashier would.

    .venv/bin/python -m tests.screenshots [--out resources/screenshots] [--size 1366x768]

Starts its own Xvfb when there is no DISPLAY (Debian: apt-get install xvfb), builds a small
demo database in a temporary folder, opens the real window with the demo camera stand-in,
and saves one PNG per step of the whole screen (dialogs included): idle with the camera,
card shown, earn dialog, PIN dialog, rewards, void, enrollment, the new card, a refusal,
a deactivated card, then French and German and the dark palette. Look at every picture.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "resources" / "screenshots"


def _start_xvfb(size: str) -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("No DISPLAY and no Xvfb: apt-get install xvfb, or run on a desktop.")
    display = ":97"
    process = subprocess.Popen(  # noqa: S603 (a fixed local program)
        ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],  # noqa: S607
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["DISPLAY"] = display
    socket = Path(f"/tmp/.X11-unix/X{display[1:]}")  # noqa: S108 (where X puts it)
    deadline = time.monotonic() + 10
    while not socket.exists():
        if time.monotonic() > deadline or process.poll() is not None:
            sys.exit("Xvfb did not start.")
        time.sleep(0.05)  # a script waiting for a server, not a test
    return process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args(argv)
    xvfb = _start_xvfb(args.size)
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        return _walk(args.out, tuple(int(v) for v in args.size.split("x")))  # type: ignore[arg-type]
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()


def _walk(out: Path, size: tuple[int, int]) -> int:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtGui import QGuiApplication, QKeyEvent
    from PySide6.QtWidgets import QApplication

    from terminal.app import build_counter_app, qt_application
    from terminal.config import Settings
    from terminal.demo.catalog import CatalogSeed
    from terminal.demo.history import build_demo_database, demo_customers
    from terminal.scanner.demo_source import DemoCounterCamera
    from terminal.services.views import Actor
    from terminal.ui.dialogs.amount import AmountDialog
    from terminal.ui.dialogs.enroll import EnrollDialog
    from terminal.ui.dialogs.new_card import NewCardDialog
    from terminal.ui.dialogs.pin import PinDialog
    from terminal.ui.dialogs.rewards import RewardsDialog
    from terminal.ui.dialogs.void import VoidDialog
    from terminal.ui.i18n import install_language
    from terminal.ui.style import apply_style
    from terminal.ui.widgets.demo_customers import DemoCustomer, DemoCustomersPanel

    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="loyalty-shots-"))
    path = folder / "demo-terminal.db"
    build_demo_database(path, datetime.now(UTC), customers=40)
    settings = Settings(data_dir=folder, return_to_idle_seconds=120, sound=False)
    app = qt_application(settings)
    people = [DemoCustomer(*person) for person in demo_customers(path)]
    camera = DemoCounterCamera([p.qr_token for p in people])
    staff = [(s.name, s.role.value, s.pin) for s in CatalogSeed().staff]
    panel = DemoCustomersPanel(people, staff)
    counter = build_counter_app(
        settings, path, source_factory=lambda: camera, side_panel=panel, save_settings=lambda _s: 0
    )
    panel.hold_card.connect(camera.hold)
    window = counter.window
    window.resize(*size)
    window.show()
    counter.start()

    def wait(condition: Callable[[], bool], timeout_s: float = 15) -> None:
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

    def settle() -> None:
        wait(lambda: not counter.runner.busy)
        pause = QEventLoop()
        QTimer.singleShot(400, pause.quit)  # let previews and animations reach the screen
        pause.exec()

    def shoot(name: str) -> None:
        settle()
        screen = QGuiApplication.primaryScreen()
        picture = screen.grabWindow(0)
        target = out / f"{name}.png"
        picture.save(str(target))
        print(f"saved {target}")

    def dialog(kind: type) -> object:
        wait(lambda: isinstance(window.current_dialog, kind))
        return window.current_dialog

    def type_into(field: object, text: str) -> None:
        field.setFocus()  # type: ignore[attr-defined]
        field.insert(text)  # type: ignore[attr-defined]

    def show_card(index: int) -> None:
        shown = []
        window.card_shown.connect(shown.append)
        camera.hold(people[index].qr_token)
        wait(lambda: bool(shown))
        window.card_shown.disconnect(shown.append)

    wait(lambda: window.idle.preview.has_frame and window.info is not None)
    shoot("01-idle")
    show_card(1)
    shoot("02-card")

    window.run_operation("stamp")
    wait(lambda: window.card_screen.banner.isVisible())
    shoot("03-stamp-confirmed")
    window.run_operation("stamp")
    wait(lambda: window.card_screen.banner.objectName() == "refusal")
    shoot("04-refusal")

    window.run_operation("earn")
    amount = dialog(AmountDialog)
    type_into(amount.amount, "42,80")  # type: ignore[attr-defined]
    shoot("05-earn-amount")
    amount.ok_button.click()  # type: ignore[attr-defined]
    wait(lambda: window.current_dialog is None)

    window.run_operation("redeem_points")
    rewards = dialog(RewardsDialog)
    shoot("06-rewards")
    rewards.rewards.setFocus()  # type: ignore[attr-defined]
    down = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(rewards.rewards, down)  # type: ignore[attr-defined]
    if rewards.selected_option() is not None:  # type: ignore[attr-defined]
        rewards.ok_button.click()  # type: ignore[attr-defined]
        pin = dialog(PinDialog)
        type_into(pin.pin, "0000")  # type: ignore[attr-defined]
        pin.ok_button.click()  # type: ignore[attr-defined]
        wait(lambda: pin.refusal.isVisible() and not pin.busy)  # type: ignore[attr-defined]
        shoot("07-pin-wrong")
        type_into(pin.pin, "2468")  # type: ignore[attr-defined]
        pin.ok_button.click()  # type: ignore[attr-defined]
        wait(lambda: window.current_dialog is None)
        shoot("08-reward-redeemed")
    else:
        rewards.reject()  # type: ignore[attr-defined]

    window.run_operation("void")
    void = dialog(VoidDialog)
    shoot("09-void")
    void.reject()  # type: ignore[attr-defined]
    wait(lambda: window.current_dialog is None)

    window.run_operation("enroll")
    enroll = dialog(EnrollDialog)
    type_into(enroll.first_name, "Léa")  # type: ignore[attr-defined]
    type_into(enroll.last_name, "Moreau")  # type: ignore[attr-defined]
    type_into(enroll.email, "lea.moreau@example")  # type: ignore[attr-defined]
    shoot("10-enroll-typing")
    type_into(enroll.email, ".com")  # type: ignore[attr-defined]
    type_into(enroll.phone, "06 12 34 56 78")  # type: ignore[attr-defined]
    enroll.ok_button.click()  # type: ignore[attr-defined]
    new_card = dialog(NewCardDialog)
    shoot("11-new-card")
    new_card.accept()  # type: ignore[attr-defined]
    wait(lambda: window.current_dialog is None)

    card = window.card_screen.card
    assert card is not None
    counter.services.cards.deactivate(Actor(2, "1357"), card.card_id, "lost")
    window.search(card.card_number)
    wait(lambda: window.card_screen.panel.inactive.isVisible())
    shoot("12-deactivated")

    window.return_to_idle()
    install_language(app, "fr")
    shoot("13-idle-fr")
    show_card(2)
    shoot("14-card-fr")
    window.run_operation("earn")
    amount = dialog(AmountDialog)
    type_into(amount.amount, "12 50")  # type: ignore[attr-defined]
    amount.ok_button.click()  # type: ignore[attr-defined]
    wait(lambda: amount.refusal.isVisible() and not amount.busy)  # type: ignore[attr-defined]
    shoot("15-refusal-fr")
    amount.reject()  # type: ignore[attr-defined]
    wait(lambda: window.current_dialog is None)

    install_language(app, "de")
    shoot("16-card-de")
    install_language(app, "en")
    apply_style(app, dark=True)
    show_card(3)
    shoot("17-card-dark")
    apply_style(app, dark=False)
    window.return_to_idle()

    # --- the manager's views ---------------------------------------------------------------
    from terminal.ui.manager.dialogs import AdjustPointsDialog, ManagerSignInDialog

    window.manager_door.open()
    sign_in = dialog(ManagerSignInDialog)
    type_into(sign_in.pin, "0000")  # type: ignore[attr-defined]
    sign_in.ok_button.click()  # type: ignore[attr-defined]
    wait(lambda: sign_in.refusal.isVisible() and not sign_in.busy)  # type: ignore[attr-defined]
    shoot("22-manager-pin-wrong")
    type_into(sign_in.pin, "1357")  # type: ignore[attr-defined]
    sign_in.ok_button.click()  # type: ignore[attr-defined]
    manager = window.manager_screen
    wait(lambda: window.current_dialog is None and manager.cards.model.count is not None)
    shoot("23-manager-cards")
    manager.cards.search.setText("ma")
    manager.cards.reward_available.setChecked(True)
    manager.cards.apply_filters()
    wait(lambda: not manager.cards.model.loading)
    shoot("24-manager-search-filter")
    manager.cards.reward_available.setChecked(False)
    manager.cards.search.clear()
    manager.cards.apply_filters()
    wait(lambda: manager.cards.model.rowCount() > 0)
    first = manager.cards.model.row_at(0)
    assert first is not None
    manager.open_card(first.card_id)
    wait(lambda: manager.card.card is not None and manager.card.history_model.rowCount() > 0)
    shoot("25-manager-card")
    manager.card.adjust_button.click()
    adjust = None
    wait(lambda: manager.card.findChild(AdjustPointsDialog) is not None)
    adjust = manager.card.findChild(AdjustPointsDialog)
    type_into(adjust.points, "25")  # type: ignore[union-attr]
    type_into(adjust.reason, "Birthday gesture")  # type: ignore[union-attr]
    shoot("26-manager-adjust")
    adjust.ok_button.click()  # type: ignore[union-attr]
    wait(lambda: manager.card.findChild(AdjustPointsDialog) is None)
    shoot("27-manager-card-adjusted")
    manager.tabs.setCurrentWidget(manager.activity)
    manager.activity.set_period(30)
    wait(lambda: manager.activity.view is not None and manager.activity.view.days == 30)
    shoot("28-manager-activity")
    manager.tabs.setCurrentWidget(manager.sync)
    shoot("29-manager-sync")
    install_language(app, "fr")
    manager.tabs.setCurrentIndex(0)
    manager.show_cards()
    shoot("30-manager-cards-fr")
    install_language(app, "de")
    manager.tabs.setCurrentWidget(manager.activity)
    shoot("31-manager-activity-de")
    install_language(app, "en")
    manager.lock()

    counter.close()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
