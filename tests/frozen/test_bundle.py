"""The packaged application works on its own: doctor, activation, sync, the headless demo."""

from __future__ import annotations

import json
import re
from pathlib import Path

from terminal.store.schema import head_revision
from terminal.version import app_version
from tests.frozen.conftest import Bundle, Run, World


def _checks(output: str) -> dict[str, dict[str, str]]:
    report = json.loads(output)
    return {check["name"]: check for check in report["checks"]}


def _outcome(checks: dict[str, dict[str, str]], prefix: str) -> str:
    (name,) = [name for name in checks if name.startswith(prefix)]
    return checks[name]["outcome"]


def test_the_bundle_has_both_programs_and_its_resources(bundle: Bundle) -> None:
    assert bundle.application.exists()
    internal = bundle.folder / "_internal"
    assert (internal / "resources" / "style.qss").exists()
    assert {p.name for p in (internal / "resources" / "translations").glob("*.qm")} == {
        "loyalty_fr.qm",
        "loyalty_de.qm",
    }
    assert not (internal / "resources" / "screenshots").exists()  # the README's, not the app's
    assert not list(internal.glob("libzbar*"))  # pyzbar uses the system's (Linux, macOS)
    versions = internal / "terminal" / "store" / "migrations" / "versions"
    assert any(versions.glob(f"{head_revision()}_*.py"))
    assert (internal / "sync" / "server" / "migrations" / "env.py").exists()
    qt_libraries = {p.name.split(".")[0] for p in internal.rglob("libQt6*")}
    assert "libQt6Widgets" in qt_libraries
    unused = {"libQt6WebEngineCore", "libQt6Pdf", "libQt6VirtualKeyboard", "libQt6Quick3D"}
    assert not unused & qt_libraries


def test_frozen_version(run_frozen: Run) -> None:
    done = run_frozen("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"loyalty-terminal {app_version()}"


def test_frozen_doctor_offline_checks_everything_but_the_server(
    run_frozen: Run, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    done = run_frozen("doctor", "--offline", "--json", "--data-dir", str(data))

    checks = _checks(done.stdout)
    assert _outcome(checks, "decoder zxing-cpp") == "OK"  # the compiled decoder is bundled
    assert _outcome(checks, "database") == "OK"  # not created yet, and that is fine
    assert "camera" in checks  # none on a CI machine: a FAIL with its hint
    assert any(name.startswith("credential") for name in checks)
    assert any(name.startswith("disk") or "disk" in check["detail"].lower()
               for name, check in checks.items())  # fmt: skip
    assert all(check["outcome"] == "SKIP" for name, check in checks.items() if "server" in name)
    failed = [name for name, check in checks.items() if check["outcome"] == "FAIL"]
    assert done.returncode == (1 if failed else 0), done.stderr
    assert (data / "logs" / "tools.log").exists()  # --data-dir holds the logs too


def test_frozen_activate_then_doctor_online_then_backup(
    run_frozen: Run, world: World, tmp_path: Path
) -> None:
    data = tmp_path / "store-pc"
    code = world.server.activation_code(world.vendor_a1)
    activated = run_frozen(
        "activate", "--server", world.server.url, "--code", code, "--name", "Till 1",
        "--allow-file-credentials", "--data-dir", str(data),
    )  # fmt: skip
    assert activated.returncode == 0, activated.stderr
    assert "Activated: Till 1 of A Main Street (Company A)" in activated.stdout
    assert "Ready:" in activated.stdout

    doctor = run_frozen("doctor", "--json", "--data-dir", str(data))
    checks = _checks(doctor.stdout)
    assert head_revision() in checks["database"]["detail"]  # the bundled migrations ran
    server_checks = {name: c for name, c in checks.items() if "server" in name}
    assert server_checks
    assert all(c["outcome"] == "OK" for c in server_checks.values()), server_checks
    assert _outcome(checks, "protocol") == "OK"
    assert _outcome(checks, "clock") == "OK"

    backup = run_frozen("backup", "--data-dir", str(data))
    assert backup.returncode == 0, backup.stderr
    assert list((data / "backups").glob("terminal-*.db"))

    token = json.loads((data / "credentials.json").read_text(encoding="utf-8"))
    secrets = [value for value in _strings(token) if len(value) >= 20]
    assert secrets
    logs = "".join(p.read_text(encoding="utf-8") for p in (data / "logs").rglob("*.log"))
    assert "started: activate" in logs
    assert not any(secret in logs for secret in secrets)


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def test_frozen_headless_demo(run_frozen: Run, tmp_path: Path) -> None:
    done = run_frozen(
        "demo", "--headless", "--data-dir", str(tmp_path / "demo"), "--customers", "20",
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "read in 2 equal frames" in done.stdout  # the bundled decoders read the camera
    assert re.search(r"central server at http://127\.0\.0\.1:\d+", done.stdout)
    assert "points: they agree" in done.stdout  # two stores synced through the server
    assert "Demo finished: 14 operations done, 8 refused as expected." in done.stdout


def test_frozen_counter_without_a_display_says_so(run_frozen: Run, tmp_path: Path) -> None:
    done = run_frozen("--data-dir", str(tmp_path / "pc"))
    assert done.returncode == 2
    assert "no display found" in done.stderr


def test_frozen_demo_window_opens_on_a_display(
    run_frozen: Run, x_display: str, tmp_path: Path
) -> None:
    """The counter window of the packaged build, on a real (virtual) X display: the xcb
    platform plugin, the style sheet, the demo camera and the decoders, for two seconds."""
    probe, shot = tmp_path / "probe.json", tmp_path / "window.png"
    done = run_frozen(
        "demo", "--data-dir", str(tmp_path / "demo"), "--customers", "20",
        timeout=300,
        extra_env={
            "DISPLAY": x_display,
            "QT_QPA_PLATFORM": "xcb",
            "LOYALTY_TERMINAL_START_PROBE": str(probe),
            "LOYALTY_TERMINAL_START_PROBE_SECONDS": "2",
            "LOYALTY_TERMINAL_START_PROBE_SHOT": str(shot),
        },
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(probe.read_text(encoding="utf-8"))
    assert report["frozen"] is True
    assert report["painted_at"] > 0
    assert report["rss_mb"] > 0
    assert report["shot_saved"] is True
    assert shot.stat().st_size > 10_000  # a painted window, not an empty picture
