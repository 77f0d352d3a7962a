"""A diagnostic for IT and the start benchmark: how long the window took, how much memory.

With LOYALTY_TERMINAL_START_PROBE=<file> in the environment, the counter window (or the
demo's first window) writes to that file, as JSON, the wall-clock time of its first paint
and, after LOYALTY_TERMINAL_START_PROBE_SECONDS (default 10) with the camera running, the
process's resident memory; then the program quits. The caller notes the time just before
it starts the program: the difference is the cold start to the idle screen
(tests/bench/bench_start.py does this for the packaged build and for the venv).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PROBE_ENV = "LOYALTY_TERMINAL_START_PROBE"
SECONDS_ENV = "LOYALTY_TERMINAL_START_PROBE_SECONDS"
SHOT_ENV = "LOYALTY_TERMINAL_START_PROBE_SHOT"  # optional: a PNG of the window at the end


def resident_memory_mb() -> float | None:
    """The process's resident memory now (Linux), or its peak (macOS, other Unixes)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class StartProbe(QObject):
    def __init__(
        self, window: QWidget, target: Path, seconds: float, shot: Path | None = None
    ) -> None:
        super().__init__(window)
        self._target = target
        self._shot = shot
        self._seconds = seconds
        self._window = window
        self._painted_at: float | None = None
        app = QApplication.instance()
        if app is not None:  # any widget of the window painting counts (children cover it)
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if (
            self._painted_at is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._painted_at = time.time()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QTimer.singleShot(int(self._seconds * 1000), self._finish)
        return False

    def _finish(self) -> None:
        report: dict[str, object] = {
            "painted_at": self._painted_at,
            "camera_seconds": self._seconds,
            "rss_mb": resident_memory_mb(),
            "frozen": bool(getattr(sys, "frozen", False)),
            "window": self._window.windowTitle(),
        }
        if self._shot is not None:
            report["shot_saved"] = self._window.grab().save(str(self._shot))
        self._target.write_text(json.dumps(report), encoding="utf-8")
        app = QApplication.instance()
        if app is not None:
            app.quit()


def install_start_probe(window: QWidget) -> StartProbe | None:
    """The probe on `window` when the environment asks for one."""
    target = os.environ.get(PROBE_ENV)
    if not target:
        return None
    seconds = float(os.environ.get(SECONDS_ENV, "10"))
    shot = os.environ.get(SHOT_ENV)
    return StartProbe(window, Path(target), seconds, Path(shot) if shot else None)
