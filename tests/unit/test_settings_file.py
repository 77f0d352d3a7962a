"""The settings writer: what it writes, what it keeps of a hand-written file, and that what it
writes reads back the same."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from terminal.config import SETTINGS_FILE, Settings, SettingsError, load_settings
from terminal.settings_file import save_settings

HAND_WRITTEN = """\
# Store 12, counter 2 -- set up by IT on 2026-03-01. Ask before changing.
data_dir = '{data}'   # the second disk
camera_index = 2  # the USB camera on the left

# the glare at this counter needs three equal reads
scan_required_reads = 3
scan_window_seconds = 0.8
"""


def write(directory: Path, text: str) -> Path:
    path = directory / SETTINGS_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_file_holds_only_what_differs_from_the_defaults(tmp_path: Path) -> None:
    wanted = Settings(camera_index=1, language="fr", sound=False)
    path = save_settings(wanted, tmp_path)
    assert path == tmp_path / SETTINGS_FILE
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ")
    keys = [line.split("=")[0].strip() for line in text.splitlines() if "=" in line]
    assert sorted(keys) == ["camera_index", "language", "sound"]
    assert load_settings(tmp_path) == wanted


def test_defaults_only_make_a_file_of_comments(tmp_path: Path) -> None:
    save_settings(Settings(), tmp_path)
    lines = (tmp_path / SETTINGS_FILE).read_text(encoding="utf-8").splitlines()
    assert all(not line or line.startswith("#") for line in lines)
    assert load_settings(tmp_path) == Settings()


def test_comments_layout_and_other_keys_are_kept(tmp_path: Path) -> None:
    data = (tmp_path / "data").as_posix()
    original = HAND_WRITTEN.format(data=data)
    write(tmp_path, original)
    current = load_settings(tmp_path)
    save_settings(current.model_copy(update={"camera_index": 3, "sound": False}), tmp_path)
    text = (tmp_path / SETTINGS_FILE).read_text(encoding="utf-8")
    assert text.startswith(original.splitlines()[0] + "\n")
    assert f"data_dir = '{data}'   # the second disk\n" in text  # unchanged, untouched
    assert "camera_index = 3  # the USB camera on the left\n" in text
    assert "# the glare at this counter needs three equal reads\nscan_required_reads = 3\n" in text
    assert "scan_window_seconds = 0.8\n" in text
    assert "sound = false" in text
    assert "language" not in text  # still the default: not written
    loaded = load_settings(tmp_path)
    assert loaded.camera_index == 3
    assert loaded.scan_required_reads == 3
    assert not loaded.sound
    assert loaded.data_dir == Path(data)


def test_a_key_of_the_file_stays_written_when_set_back_to_its_default(tmp_path: Path) -> None:
    write(tmp_path, "camera_index = 2 # left camera\n")
    save_settings(Settings(camera_index=0), tmp_path)
    assert (tmp_path / SETTINGS_FILE).read_text(encoding="utf-8") == (
        "camera_index = 0 # left camera\n"
    )


def test_saving_the_same_settings_changes_nothing(tmp_path: Path) -> None:
    data = (tmp_path / "data").as_posix()
    original = HAND_WRITTEN.format(data=data)
    path = write(tmp_path, original)
    save_settings(load_settings(tmp_path), tmp_path)
    assert path.read_text(encoding="utf-8") == original


def test_a_wrong_value_in_the_file_is_replaced_by_the_new_one(tmp_path: Path) -> None:
    write(tmp_path, "# set by hand\nreturn_to_idle_seconds = 0\n")
    save_settings(Settings(return_to_idle_seconds=8), tmp_path)
    assert load_settings(tmp_path).return_to_idle_seconds == 8
    assert (tmp_path / SETTINGS_FILE).read_text(encoding="utf-8").startswith("# set by hand\n")


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_bytes(b"# IT\r\ncamera_index = 2\r\n")
    save_settings(Settings(camera_index=4, sound=False), tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b"# IT\r\ncamera_index = 4\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert load_settings(tmp_path).camera_index == 4


def test_a_file_that_cannot_be_parsed_is_not_overwritten(tmp_path: Path) -> None:
    path = write(tmp_path, "camera_index = = 2\n")
    with pytest.raises(SettingsError, match="not changed"):
        save_settings(Settings(camera_index=1), tmp_path)
    assert path.read_text(encoding="utf-8") == "camera_index = = 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [SETTINGS_FILE]


def test_the_file_is_replaced_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = write(tmp_path, "camera_index = 2\n")
    os.chmod(path, 0o640)
    before = path.stat().st_ino
    save_settings(Settings(camera_index=5), tmp_path)
    assert path.stat().st_ino != before  # a new file moved into place, not rewritten in place
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [SETTINGS_FILE]  # no temp file left


def test_the_config_folder_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "config"
    save_settings(Settings(sound=False), folder)
    assert load_settings(folder).sound is False


def test_a_folder_that_cannot_be_written_gives_a_settings_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(SettingsError, match="cannot be written"):
        save_settings(Settings(sound=False), blocker)


@pytest.mark.parametrize(
    "wanted",
    [
        Settings(),
        Settings(language="de", decoder="pyzbar", camera_width=1920, camera_height=1080),
        Settings(return_to_idle_seconds=120, scan_window_seconds=1.25, camera_backend="v4l2"),
    ],
)
def test_what_is_saved_loads_back_equal(tmp_path: Path, wanted: Settings) -> None:
    save_settings(wanted, tmp_path)
    assert load_settings(tmp_path) == wanted
