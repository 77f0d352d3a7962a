"""What the window needs from the OS: said before Qt aborts, and by doctor."""

from __future__ import annotations

from terminal.doctor.display import check_window
from terminal.doctor.outcome import Outcome
from terminal.window_system import XCB_LIBRARIES, missing_window_library

X11 = {"DISPLAY": ":0"}


def _none(_name: str) -> None:
    return None


def _found(name: str) -> str:
    return f"lib{name}.so.0"


def test_x11_without_its_libraries_names_the_packages_missing() -> None:
    def only_cursor_missing(name: str) -> str | None:
        return None if name == "xcb-cursor" else _found(name)

    hint = missing_window_library(platform="linux", env=X11, find_library=only_cursor_missing)
    assert hint is not None
    assert "sudo apt-get install libxcb-cursor0 (Fedora" in hint
    check = check_window(platform="linux", env=X11, find_library=_none)
    assert check.outcome is Outcome.FAIL
    assert f"sudo apt-get install {' '.join(XCB_LIBRARIES.values())}" in check.detail


def test_x11_with_libxcb_cursor_or_wayland_or_windows_is_fine() -> None:
    assert missing_window_library(platform="linux", env=X11, find_library=_found) is None
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert missing_window_library(platform="linux", env=wayland, find_library=_none) is None
    assert missing_window_library(platform="win32", env={}, find_library=_none) is None
    assert check_window(platform="linux", env=X11, find_library=_found).outcome is Outcome.OK
    assert check_window(platform="win32", env={}).outcome is Outcome.OK


def test_a_forced_xcb_platform_counts_even_on_wayland() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    assert missing_window_library(platform="linux", env=env, find_library=_none) is not None
    offscreen = {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}
    assert missing_window_library(platform="linux", env=offscreen, find_library=_none) is None


def test_no_desktop_session_is_a_warning_that_says_where_to_run_doctor() -> None:
    check = check_window(platform="linux", env={}, find_library=_found)
    assert check.outcome is Outcome.WARN
    assert "run doctor there" in check.detail
