"""What Qt needs from the operating system to open the counter window.

On Linux, Qt 6's X11 platform plugin (xcb) links a few X client libraries that a desktop
has but a minimal install may lack (libxcb-cursor since Qt 6.5, the xcb-util family); Qt
then aborts with a long message that names only one of them. The command line asks first
and names the packages to install; `doctor` shows the same as its "window" check.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# the library find_library looks for, and its Debian / Ubuntu package
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def xcb_hint(packages: list[str]) -> str:
    listed = " ".join(packages)
    return (
        f"Qt needs these system libraries to open the window on X11: {listed}. "
        f"sudo apt-get install {listed} (Fedora: dnf install xcb-util-cursor xcb-util-wm "
        "xcb-util-image xcb-util-keysyms xcb-util-renderutil libxkbcommon-x11)"
    )


def uses_xcb(env: Mapping[str, str]) -> bool:
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if chosen:
        return chosen == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def find_system_or_bundled(name: str) -> str | None:
    """ctypes' search (the system's library cache), and in the packaged application its own
    folder first: PyInstaller bundles these libraries, but find_library does not look there."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle is not None:
        for found in Path(bundle).glob(f"lib{name}.so*"):
            return str(found)
    return ctypes.util.find_library(name)


def missing_window_library(
    *,
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    find_library: Callable[[str], str | None] = find_system_or_bundled,
) -> str | None:
    """The hint when a system library the window needs is missing, else None."""
    env = os.environ if env is None else env
    if not (platform.startswith("linux") and uses_xcb(env)):
        return None
    missing = [package for name, package in XCB_LIBRARIES.items() if find_library(name) is None]
    return xcb_hint(missing) if missing else None
