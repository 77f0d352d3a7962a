"""Typed settings from one TOML file; bad files get a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.config import SettingsError, load_settings


def test_defaults_when_there_is_no_settings_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.return_to_idle_seconds == 5
    assert settings.database_path.name == "terminal.db"


def test_values_come_from_the_settings_file(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(
        f'data_dir = "{tmp_path / "data"}"\nreturn_to_idle_seconds = 8\n', encoding="utf-8"
    )
    settings = load_settings(tmp_path)
    assert settings.return_to_idle_seconds == 8
    assert settings.database_path == tmp_path / "data" / "terminal.db"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("return_to_idle_seconds = 0", "return_to_idle_seconds"),
        ("unknown_option = 1", "unknown_option"),
        ("this is not toml", "cannot be read"),
        ('max_purchase_amount_minor = "lots"', "max_purchase_amount_minor"),
        ('camera_backend = "webcam"', "camera_backend"),
        ("scan_required_reads = 0", "scan_required_reads"),
    ],
)
def test_a_bad_settings_file_is_refused_with_what_is_wrong(
    tmp_path: Path, content: str, expected: str
) -> None:
    (tmp_path / "settings.toml").write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=expected):
        load_settings(tmp_path)
