"""The settings dialog: it shows the current settings, submits new validated ones that the
writer saves and load_settings reads back, and refuses bad values with a message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QStandardItemModel
from pytestqt.qtbot import QtBot

from terminal.config import SETTINGS_FILE, Settings, load_settings
from terminal.settings_file import save_settings
from terminal.ui.dialogs.settings import SettingsDialog
from tests.qt.test_operation_dialogs import assert_accessible_and_big, shown, submissions

ALL_DECODERS = {"zxing-cpp": None, "pyzbar": None}
NO_ZBAR = {"zxing-cpp": None, "pyzbar": "pyzbar is unavailable (libzbar.so.0 not found)."}


def saving_dialog(qtbot: QtBot, settings: Settings, folder: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    """The dialog wired as the flow wires it: a submission is saved, then the dialog closes."""
    dialog = shown(qtbot, SettingsDialog(settings, **kwargs))  # type: ignore[arg-type]

    def save(new: Settings) -> None:
        save_settings(new, folder)
        dialog.accept()

    dialog.submitted.connect(save)
    return dialog


def test_the_dialog_shows_the_current_settings(qtbot: QtBot) -> None:
    current = Settings(
        camera_index=2, camera_width=1920, camera_height=1080, decoder="zxing-cpp",
        return_to_idle_seconds=9, language="de", sound=False,
    )  # fmt: skip
    dialog = shown(qtbot, SettingsDialog(current, decoders=ALL_DECODERS))
    assert dialog.camera.value() == 2
    assert dialog.resolution.currentText() == "1920 × 1080"
    assert dialog.decoder.currentData() == "zxing-cpp"
    assert dialog.delay.value() == 9
    assert dialog.language.currentText() == "Deutsch"
    assert not dialog.sound.isChecked()
    assert dialog.values() == current
    assert [dialog.language.itemText(i) for i in range(3)] == ["English", "Français", "Deutsch"]
    assert_accessible_and_big(dialog)


def test_changes_are_saved_and_read_back_equal(qtbot: QtBot, tmp_path: Path) -> None:
    current = Settings(scan_required_reads=3)  # a field the dialog does not show
    dialog = saving_dialog(qtbot, current, tmp_path, decoders=ALL_DECODERS)
    seen = submissions(dialog)
    dialog.camera.setFocus()
    qtbot.keyClick(dialog.camera, Qt.Key.Key_Up)
    dialog.resolution.setCurrentIndex(0)
    dialog.decoder.setCurrentIndex(dialog.decoder.findData("pyzbar"))
    dialog.delay.setValue(12)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    box = dialog.sound  # click on the box itself, not on the empty right of a wide row
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.camera, Qt.Key.Key_Return)
    (new,) = seen
    assert new == current.model_copy(
        update={
            "camera_index": 1,
            "camera_width": 640,
            "camera_height": 480,
            "decoder": "pyzbar",
            "return_to_idle_seconds": 12,
            "language": "fr",
            "sound": False,
        }
    )
    assert load_settings(tmp_path) == new


def test_the_comments_of_the_file_survive_a_save_from_the_dialog(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text(
        "# counter 2: the camera on the left\ncamera_index = 1  # USB\ncamera_width = 800\n"
        "camera_height = 600\n",
        encoding="utf-8",
    )
    dialog = saving_dialog(qtbot, load_settings(tmp_path), tmp_path, decoders=ALL_DECODERS)
    # a size IT wrote that is not in the list stays offered, and chosen
    assert "800 × 600" in dialog.resolution.currentText()
    dialog.delay.setValue(7)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# counter 2: the camera on the left\ncamera_index = 1  # USB\n")
    assert "camera_width = 800\n" in text
    assert load_settings(tmp_path).return_to_idle_seconds == 7


def test_a_bad_value_is_refused_with_a_message_and_nothing_is_written(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = saving_dialog(qtbot, Settings(), tmp_path, decoders=ALL_DECODERS)
    seen = submissions(dialog)
    dialog.delay.setMaximum(500)  # what the spin box prevents, pydantic still refuses
    dialog.delay.setValue(300)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert seen == []
    assert dialog.refusal.isVisible()
    message = dialog.refusal.text()
    assert "Back to the idle screen after" in message
    assert "120" in message
    assert "return_to_idle_seconds" not in message  # the field's name on screen, not the key
    assert dialog.ok_button.isEnabled()  # correct it and save again
    assert not (tmp_path / SETTINGS_FILE).exists()
    dialog.delay.setValue(60)
    assert not dialog.refusal.isVisible()


def test_pyzbar_is_marked_unavailable_without_libzbar(qtbot: QtBot) -> None:
    dialog = shown(qtbot, SettingsDialog(Settings(), decoders=NO_ZBAR))
    index = dialog.decoder.findData("pyzbar")
    model = dialog.decoder.model()
    assert isinstance(model, QStandardItemModel)
    assert not model.item(index).isEnabled()
    assert "unavailable" in dialog.decoder.itemText(index)
    assert "libzbar" in model.item(index).toolTip()
    assert dialog.decoder_hint.isVisible()
    assert dialog.decoder_hint.text()


def test_a_chosen_pyzbar_without_libzbar_stays_chosen_with_a_warning(qtbot: QtBot) -> None:
    dialog = shown(qtbot, SettingsDialog(Settings(decoder="pyzbar"), decoders=NO_ZBAR))
    assert dialog.decoder.currentData() == "pyzbar"
    assert "zbar" in dialog.decoder_hint.text()
    assert dialog.values().decoder == "pyzbar"  # opening and saving changes nothing


def test_with_libzbar_every_decoder_can_be_chosen(qtbot: QtBot) -> None:
    dialog = shown(qtbot, SettingsDialog(Settings(), decoders=ALL_DECODERS))
    model = dialog.decoder.model()
    assert isinstance(model, QStandardItemModel)
    assert all(model.item(i).isEnabled() for i in range(dialog.decoder.count()))
    assert not dialog.decoder_hint.isVisible()


def test_the_decoders_of_this_machine_are_asked_by_default(qtbot: QtBot) -> None:
    dialog = shown(qtbot, SettingsDialog(Settings()))
    assert dialog.decoder.count() == 3


def test_esc_cancels_without_submitting(qtbot: QtBot) -> None:
    dialog = shown(qtbot, SettingsDialog(Settings(), decoders=ALL_DECODERS))
    seen = submissions(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.camera, Qt.Key.Key_Escape)
    assert seen == []
