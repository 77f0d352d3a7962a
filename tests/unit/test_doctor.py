"""`doctor` checks, with the camera lister and decoders injected (hardware is the edge)."""

from __future__ import annotations

import io
from pathlib import Path

from terminal.config import Settings
from terminal.doctor import Outcome, check_database, report, run_checks
from terminal.scanner.camera import CameraInfo
from terminal.scanner.decoders import PyzbarDecoder, ZxingDecoder
from terminal.store.engine import open_database
from terminal.store.schema import head_revision, open_current, upgrade


class MissingDecoder:
    name = "pyzbar"
    available = False
    unavailable_reason = "pyzbar is unavailable (no libzbar). sudo apt-get install libzbar0"

    def decode(self, gray):  # type: ignore[no-untyped-def]
        return []


def _run(tmp_path: Path, cameras: list[CameraInfo], pyzbar: object) -> tuple[int, str]:
    out = io.StringIO()
    checks = run_checks(
        Settings(data_dir=tmp_path),
        list_cameras=lambda: cameras,
        decoders={"zxing-cpp": ZxingDecoder(), "pyzbar": pyzbar},  # type: ignore[dict-item]
        default_decoder="zxing-cpp",
    )
    return report(checks, out), out.getvalue()


def test_all_good_passes_with_exit_code_0(tmp_path: Path) -> None:
    open_current(tmp_path / "terminal.db").dispose()
    code, text = _run(tmp_path, [CameraInfo(0, 1280, 720, "V4L2", True)], PyzbarDecoder())
    assert code == 0
    assert "OK    camera" in text
    assert "#0 1280x720 (V4L2)" in text
    assert f"schema {head_revision()}" in text
    assert "Summary: 4 OK, 0 to look at, 0 to fix." in text


def test_no_camera_fails_with_exit_code_1_and_says_what_to_do(tmp_path: Path) -> None:
    code, text = _run(tmp_path, [], PyzbarDecoder())
    assert code == 1
    assert "FAIL  camera" in text
    assert "plug one in" in text


def test_a_busy_camera_is_named(tmp_path: Path) -> None:
    code, text = _run(tmp_path, [CameraInfo(1, 0, 0, "V4L2", False)], PyzbarDecoder())
    assert code == 1
    assert "camera #1 present but sends no pictures" in text


def test_a_missing_second_engine_is_a_warning_with_the_install_hint(tmp_path: Path) -> None:
    code, text = _run(tmp_path, [CameraInfo(0, 640, 480, "V4L2", True)], MissingDecoder())
    assert code == 0
    assert "WARN  decoder pyzbar" in text
    assert "apt-get install libzbar0" in text


def test_database_states(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    assert check_database(path).outcome is Outcome.OK  # not created yet
    database = open_database(path)
    upgrade(database.engine, "0001")
    database.dispose()
    older = check_database(path)
    assert older.outcome is Outcome.WARN
    assert "schema 0001" in older.detail
    path.write_bytes(b"not a database at all" * 100)
    damaged = check_database(path)
    assert damaged.outcome is Outcome.FAIL
    assert "cannot be read" in damaged.detail


def test_a_configured_camera_that_is_not_there_points_to_the_one_found(tmp_path: Path) -> None:
    code, text = _run(tmp_path, [CameraInfo(2, 640, 480, "V4L2", True)], PyzbarDecoder())
    assert code == 0
    assert "WARN  camera" in text
    assert "settings use camera #0" in text
    assert "#2 640x480" in text
