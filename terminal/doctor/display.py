"""The window: is there a desktop session, and can Qt open a window in it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

from terminal.doctor.outcome import Check, Outcome
from terminal.window_system import find_system_or_bundled, missing_window_library


def check_window(
    *,
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    find_library: Callable[[str], str | None] = find_system_or_bundled,
) -> Check:
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return Check("window", Outcome.OK, "the desktop session opens the counter window")
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return Check(
            "window",
            Outcome.WARN,
            "no desktop session here (DISPLAY and WAYLAND_DISPLAY unset, e.g. over SSH): "
            "the counter window opens in the store PC's desktop session; run doctor there "
            "to check it",
        )
    hint = missing_window_library(platform=platform, env=env, find_library=find_library)
    if hint is not None:
        return Check("window", Outcome.FAIL, hint)
    session = "Wayland" if env.get("WAYLAND_DISPLAY") else f"X11 display {env.get('DISPLAY')}"
    return Check("window", Outcome.OK, f"{session}, with what Qt needs")
