"""`doctor`: the camera and decoder checks, the text and JSON reports, and `run_doctor` with
every collaborator injected (camera lister, decoders, keyring, disk): no hardware, no OS
credential store, no network."""

from __future__ import annotations

import io
import json
from collections import namedtuple
from pathlib import Path

from terminal.config import Settings
from terminal.doctor import Check, Outcome, report, report_json, run_checks, run_doctor
from terminal.scanner.camera import CameraInfo
from terminal.scanner.decoders import ZxingDecoder
from terminal.store.schema import head_revision, open_current
from tests.sync.test_token_store import MemoryKeyring

Usage = namedtuple("Usage", "total used free")
PLENTY = Usage(100 * 2**30, 50 * 2**30, 50 * 2**30)
CAMERA = CameraInfo(0, 1280, 720, "V4L2", True)


class WorkingDecoder:
    name = "pyzbar"
    available = True
    unavailable_reason = None

    def decode(self, gray):  # type: ignore[no-untyped-def]
        return []


class MissingDecoder:
    name = "pyzbar"
    available = False
    unavailable_reason = "pyzbar is unavailable (no libzbar). sudo apt-get install libzbar0"

    def decode(self, gray):  # type: ignore[no-untyped-def]
        return []


WINDOW = Check("window", Outcome.OK, "X11 display :0, with what Qt needs")


def _run(tmp_path: Path, cameras: list[CameraInfo], pyzbar: object) -> tuple[int, str]:
    out = io.StringIO()
    checks = run_checks(
        Settings(data_dir=tmp_path),
        list_cameras=lambda: cameras,
        decoders={"zxing-cpp": ZxingDecoder(), "pyzbar": pyzbar},  # type: ignore[dict-item]
        default_decoder="zxing-cpp",
        offline=True,
        keyring_backend=MemoryKeyring,
        disk_usage=lambda _folder: PLENTY,
        window=lambda: WINDOW,
    )
    return report(checks, out), out.getvalue()


def test_all_good_passes_with_exit_code_0(tmp_path: Path) -> None:
    open_current(tmp_path / "terminal.db").dispose()
    code, text = _run(tmp_path, [CAMERA], WorkingDecoder())
    assert code == 0
    assert "OK    camera" in text
    assert "#0 1280x720 (V4L2)" in text
    assert f"schema {head_revision()}" in text
    assert "OK    write lock" in text
    assert "OS credential store: tests.sync.test_token_store.MemoryKeyring" in text
    # window, camera, 2 decoders, database, lock, disk, credential store; not checked: the
    # credentials file (keyring used), the token (not activated), the server (offline)
    assert "Summary: 8 OK, 0 to look at, 0 to fix, 5 not checked." in text


def test_no_camera_fails_with_exit_code_1_and_says_what_to_do(tmp_path: Path) -> None:
    code, text = _run(tmp_path, [], WorkingDecoder())
    assert code == 1
    assert "FAIL  camera" in text
    assert "plug one in" in text


def test_a_busy_camera_is_named(tmp_path: Path) -> None:
    code, text = _run(tmp_path, [CameraInfo(1, 0, 0, "V4L2", False)], WorkingDecoder())
    assert code == 1
    assert "camera #1 present but sends no pictures" in text


def test_a_missing_second_engine_is_a_warning_with_the_install_hint(tmp_path: Path) -> None:
    code, text = _run(tmp_path, [CameraInfo(0, 640, 480, "V4L2", True)], MissingDecoder())
    assert code == 0
    assert "WARN  decoder pyzbar" in text
    assert "apt-get install libzbar0" in text


def test_a_configured_camera_that_is_not_there_points_to_the_one_found(tmp_path: Path) -> None:
    code, text = _run(tmp_path, [CameraInfo(2, 640, 480, "V4L2", True)], WorkingDecoder())
    assert code == 0
    assert "WARN  camera" in text
    assert "settings use camera #0" in text
    assert "#2 640x480" in text


def test_skips_and_warnings_keep_exit_code_0_and_a_fail_makes_it_1() -> None:
    calm = [
        Check("a", Outcome.OK, "fine"),
        Check("b", Outcome.WARN, "look"),
        Check("c", Outcome.SKIP, "not checked (--offline)"),
    ]
    out = io.StringIO()
    assert report(calm, out) == 0
    assert "SKIP  c  not checked (--offline)" in out.getvalue()
    assert out.getvalue().endswith("Summary: 1 OK, 1 to look at, 0 to fix, 1 not checked.\n")
    assert report([*calm, Check("d", Outcome.FAIL, "fix")], io.StringIO()) == 1


def test_json_report_has_stable_keys_and_the_same_exit_code() -> None:
    checks = [
        Check("camera", Outcome.OK, "1 found"),
        Check("disk space", Outcome.FAIL, "only 12 MB free"),
        Check("server reach", Outcome.SKIP, "not checked (--offline)"),
    ]
    out = io.StringIO()
    assert report_json(checks, out) == 1
    document = json.loads(out.getvalue())
    assert document == {
        "ok": False,
        "checks": [
            {"name": "camera", "outcome": "OK", "detail": "1 found"},
            {"name": "disk space", "outcome": "FAIL", "detail": "only 12 MB free"},
            {"name": "server reach", "outcome": "SKIP", "detail": "not checked (--offline)"},
        ],
        "summary": {"ok": 1, "warn": 0, "fail": 1, "skip": 1},
    }
    out = io.StringIO()
    assert report_json(checks[:1] + checks[2:], out) == 0
    assert json.loads(out.getvalue())["ok"] is True


def test_run_doctor_offline_as_json_names_every_check_once(tmp_path: Path) -> None:
    open_current(tmp_path / "terminal.db").dispose()
    out = io.StringIO()
    code = run_doctor(
        Settings(data_dir=tmp_path),
        offline=True,
        as_json=True,
        out=out,
        list_cameras=lambda: [CAMERA],
        decoders={"zxing-cpp": ZxingDecoder()},
        keyring_backend=MemoryKeyring,
        window=lambda: WINDOW,
    )
    document = json.loads(out.getvalue())
    names = [c["name"] for c in document["checks"]]
    assert names == [
        "window", "camera", "decoder zxing-cpp", "database", "write lock", "disk space",
        "credential store", "credentials file", "token",
        "server reach", "protocol version", "clock skew",
    ]  # fmt: skip
    server = {c["name"]: c for c in document["checks"][-3:]}
    assert {c["outcome"] for c in server.values()} == {"SKIP"}
    assert server["server reach"]["detail"] == "not checked (--offline)"
    assert code == (0 if document["ok"] else 1)  # the disk of this machine decides "ok"
    assert document["summary"]["skip"] >= 5


def test_run_doctor_takes_the_default_engine_from_the_settings(tmp_path: Path) -> None:
    out = io.StringIO()
    code = run_doctor(
        Settings(data_dir=tmp_path, decoder="pyzbar"),
        offline=True,
        as_json=False,
        out=out,
        list_cameras=lambda: [CAMERA],
        decoders={"zxing-cpp": ZxingDecoder(), "pyzbar": MissingDecoder()},  # type: ignore[dict-item]
        keyring_backend=MemoryKeyring,
    )
    assert code == 1
    assert "FAIL  decoder pyzbar" in out.getvalue()
    assert "decoder zxing-cpp  available (second engine)" in out.getvalue()
