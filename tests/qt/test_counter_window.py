"""The counter window as a product: keyboard, accessibility, sizes, languages, lifecycle."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QWidget

from terminal.app import build_counter_app, terminal_is_activated
from terminal.config import Settings
from terminal.scanner.reconnect import SourceState, SourceStatus
from terminal.ui.dialogs.amount import AmountDialog
from terminal.ui.dialogs.enroll import EnrollDialog
from terminal.ui.dialogs.pin import PinDialog
from terminal.ui.dialogs.settings import SettingsDialog
from terminal.ui.dialogs.void import VoidDialog
from terminal.ui.first_run import FirstRunWindow
from terminal.ui.i18n import install_language
from tests.factories import CASHIER, make_terminal
from tests.qt.conftest import MakeCounter
from tests.qt.test_counter_flows import enroll

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QListWidget)


def _controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, CONTROLS) and w.isVisible()]


def _check_accessible_and_big(root: QWidget) -> None:
    controls = _controls(root)
    assert controls
    for widget in controls:
        # What a screen reader gets: Qt's accessibility interface of the widget.
        face = QAccessible.queryAccessibleInterface(widget)
        assert face is not None
        name = face.text(QAccessible.Text.Name)
        label = f"{type(widget).__name__} {widget.objectName()!r} {name!r}"
        assert name.strip(), label
        assert face.text(QAccessible.Text.Description).strip(), label
        assert widget.height() >= 48, f"{label}: {widget.height()} px"


def test_every_control_has_an_accessible_name_and_description_and_48_px(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    card = enroll(counter)
    counter.services.points.earn(CASHIER, card.card_id, "10.00")  # something to void
    _check_accessible_and_big(counter.window)  # idle
    counter.scan(card.qr_token)
    _check_accessible_and_big(counter.window)  # card
    counter.key(Qt.Key.Key_F3)
    _check_accessible_and_big(counter.dialog(AmountDialog))
    counter.key(Qt.Key.Key_Escape, counter.window.current_dialog)
    counter.no_dialog()
    counter.key(Qt.Key.Key_F6)  # void: entries, amount, note, then the PIN dialog
    void = counter.dialog(VoidDialog)
    _check_accessible_and_big(void)
    void.ok_button.click()
    _check_accessible_and_big(counter.dialog(PinDialog))
    counter.key(Qt.Key.Key_Escape, counter.window.current_dialog)
    counter.qtbot.waitUntil(lambda: counter.window.current_dialog is void)
    counter.key(Qt.Key.Key_Escape, void)
    counter.no_dialog()
    counter.key(Qt.Key.Key_F8)
    _check_accessible_and_big(counter.dialog(EnrollDialog))


def test_every_operation_has_a_function_key_and_focus_is_visible(make_counter: MakeCounter) -> None:
    counter = make_counter()
    card = enroll(counter)
    counter.scan(card.qr_token)
    screen = counter.window.card_screen
    for name, button in screen.buttons.items():
        assert "F" in button.text().split("\n")[-1], name
    assert screen.buttons["stamp"].hasFocus()  # the keyboard starts on the first operation
    assert screen.buttons["stamp"].focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "focus" in counter.window.styleSheet() + QCoreApplication.instance().styleSheet()


def test_the_window_switches_to_french_and_german_and_back(make_counter: MakeCounter) -> None:
    counter = make_counter()
    card = enroll(counter)
    app = QCoreApplication.instance()
    window = counter.window
    install_language(app, "fr")  # widgets get LanguageChange from the event loop
    counter.qtbot.waitUntil(
        lambda: window.idle.headline.text() == "Présentez votre carte de fidélité"
    )
    counter.scan(card.qr_token)
    assert window.card_screen.buttons["stamp"].text().startswith("Ajouter un tampon")
    counter.key(Qt.Key.Key_F2)
    text = counter.wait_banner("confirmation")
    assert "tampon" in text.lower()
    install_language(app, "de")
    counter.qtbot.waitUntil(
        lambda: window.card_screen.buttons["stamp"].text().startswith("Stempel")
    )
    counter.clock.advance(__import__("datetime").timedelta(minutes=1))
    counter.key(Qt.Key.Key_F2)  # refused by the cooldown: the domain's refusal, in German
    refusal = counter.wait_banner("refusal")
    assert "Stempel" in refusal
    install_language(app, "en")
    counter.qtbot.waitUntil(lambda: window.idle.headline.text() == "Show your loyalty card")


def test_the_card_held_still_in_front_of_the_camera_does_not_close_the_open_dialog(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    card = enroll(counter)
    dialog = counter.open_earn(card)
    counter.window.show_scan(card.qr_token)  # the confirmer accepts it again after 1.5 s
    counter.idle()
    assert counter.window.current_dialog is dialog


def test_the_camera_state_is_said_in_words(make_counter: MakeCounter) -> None:
    counter = make_counter()
    window = counter.window
    window.show_camera_status(SourceStatus(SourceState.WAITING, "x", 1.0, kind="busy"), "")
    assert "in use by another program" in window.idle.camera_status.text()
    window.show_camera_status(SourceStatus(SourceState.WAITING, "x", 1.0, kind="missing"), "")
    assert "No camera found" in window.idle.camera_status.text()
    window.show_camera_status(SourceStatus(SourceState.OK), "USB camera 0")
    assert window.idle.camera_status.text() == "Camera ready: USB camera 0"


def test_the_status_bar_names_store_terminal_staff_and_local_only(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    window = counter.window
    assert window.where.text() == "Main Street · Counter 1"
    assert window.on_duty_box.currentText() == "Alex Martin"
    assert "Local only" in window.sync_label.text()


def test_pending_sync_marks_and_expiry_are_on_the_card(make_counter: MakeCounter) -> None:
    counter = make_counter()
    card = enroll(counter)
    counter.services.points.earn(CASHIER, card.card_id, "30.00")
    counter.services.stamps.add_stamp(CASHIER, card.card_id)
    counter.scan(card.qr_token)
    panel = counter.window.card_screen.panel
    assert panel.pending.text() == "+80 points pending sync · +1 stamp pending sync"
    assert panel.expiry.isVisible()
    assert "2027" in panel.expiry.text()
    assert panel.store.text() == "Enrolled at Main Street"


def test_settings_change_the_language_and_the_return_delay_without_a_restart(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    window = counter.window
    window.settings_requested.emit()
    dialog = counter.dialog(SettingsDialog)
    new = counter.app.settings.model_copy(update={"language": "de", "return_to_idle_seconds": 9})
    with counter.qtbot.waitSignal(dialog.finished):
        dialog.submitted.emit(new)
    assert counter.app.settings.language == "de"
    counter.qtbot.waitUntil(lambda: window.idle.find_button.text().startswith("Suchen"))
    assert window._return_s == 9


def test_before_activation_there_is_a_first_run_screen_offering_the_demo(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "terminal.db"
    assert not terminal_is_activated(path)
    assert not path.exists()  # asking never creates the file
    first = FirstRunWindow(path)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.demo_requested):
        first.demo_button.click()
    assert "not activated" in first.title.text()


def test_an_activated_database_opens_the_counter(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "terminal.db"
    make_terminal(path).database.dispose()
    assert terminal_is_activated(path)
    counter = build_counter_app(Settings(data_dir=tmp_path), path)
    try:
        assert counter.database.checkpointer is not None  # opened as the app must open it
    finally:
        counter.close()


def test_settings_that_cannot_be_saved_say_so_and_change_nothing(
    make_counter: MakeCounter,
) -> None:
    from terminal.config import SettingsError

    def refuse(_settings: Settings) -> None:
        raise SettingsError("The settings file /etc/x/settings.toml cannot be written.")

    counter = make_counter()
    counter.app.save_settings = refuse
    window = counter.window
    window.settings_requested.emit()
    dialog = counter.dialog(SettingsDialog)
    new = counter.app.settings.model_copy(update={"language": "fr"})
    dialog.submitted.emit(new)
    counter.qtbot.waitUntil(lambda: dialog.refusal.isVisible())
    assert "not saved" in dialog.refusal.text()
    assert "/etc/x/settings.toml" in dialog.refusal.text()
    assert counter.app.settings.language == "en"
    assert dialog.isVisible()


def test_a_closed_dialog_is_deleted_so_a_long_day_does_not_grow_memory(
    make_counter: MakeCounter,
) -> None:
    import shiboken6

    counter = make_counter()
    card = enroll(counter)
    dialog = counter.open_earn(card)
    counter.type(dialog.amount, "5")
    counter.key(Qt.Key.Key_Return, dialog.amount)
    counter.qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))


def test_escape_does_not_close_a_dialog_while_its_operation_runs(
    make_counter: MakeCounter,
) -> None:
    counter = make_counter()
    card = enroll(counter)
    dialog = counter.open_earn(card)
    dialog.set_busy(True)  # as between Enter and the answer
    dialog.reject()
    assert dialog.isVisible()
    dialog.set_busy(False)
    dialog.reject()
    counter.no_dialog()
