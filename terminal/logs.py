"""The terminal's log files and crash reports, where the platform keeps logs.

- `terminal.log` in the log folder, rotated by size (`MAX_LOG_BYTES`, `LOG_BACKUPS` old
  files kept): a store PC runs for years and its disk must never fill with logs.
- `crashes/crash-<UTC time>.txt` for every exception nobody caught (main thread, any other
  thread, a Qt slot), with the version, the platform and the last lines of the log; the
  newest `MAX_CRASH_REPORTS` are kept. `crashes/native.log` receives the Python stacks of a
  crash inside a C library (Qt, OpenCV), through faulthandler.

Neither ever contains the terminal's token: the token store tells `protect()` every token it
reads or writes, and every line written (log or report) is scrubbed of those and of anything
shaped like an Authorization header first. Logging that cannot write (a read-only folder, a
full disk) falls back to standard error: it never stops the counter.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from terminal.version import app_version

LOG_FILE = "terminal.log"  # the counter (and the demo)
TOOLS_LOG_FILE = "tools.log"  # doctor, activate, backup: run beside a working counter, whose
# file they must not rotate under it (Windows cannot rename a file another process has open)
MAX_LOG_BYTES = 2_000_000
LOG_BACKUPS = 5  # at most 12 MB of logs in all
CRASH_FOLDER = "crashes"
MAX_CRASH_REPORTS = 20
LOG_LINES_IN_REPORT = 60
REDACTED = "[redacted]"
_BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s\"',}]+")
# the whole value of an Authorization header, whatever its scheme (Basic, Token, ...)
_AUTHORIZATION = re.compile(
    r"(?i)\b(authorization[\"']?\s*[:=]\s*[\"']?)(?!\s|bearer\b)[^\"'\r\n},]+"
)
_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


class Redactor:
    """Removes the secrets it was told of, and bearer headers, from text."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def protect(self, secret: str | None) -> None:
        if secret and len(secret) >= 8:  # a short value would blank ordinary words
            with self._lock:
                self._secrets.add(secret)

    def scrub(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            text = text.replace(secret, REDACTED)
        text = _BEARER.sub(lambda match: match.group(1) + REDACTED, text)
        return _AUTHORIZATION.sub(lambda match: match.group(1) + REDACTED, text)


REDACTOR = Redactor()  # one per process, as logging itself is


def protect(secret: str | None) -> None:
    """Never write `secret` to a log or a crash report from now on."""
    REDACTOR.protect(secret)


class RedactingFormatter(logging.Formatter):
    """UTC times, and the whole line (message and traceback) scrubbed."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__(_FORMAT)
        self._redactor = redactor

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def format(self, record: logging.LogRecord) -> str:
        return self._redactor.scrub(super().format(record))


def configure_logging(
    log_dir: Path,
    *,
    file_name: str = LOG_FILE,
    level: int = logging.INFO,
    echo: TextIO | None = None,
    echo_level: int = logging.WARNING,
    redactor: Redactor = REDACTOR,
) -> Path | None:
    """Send the root logger to the rotating `file_name` (and its warnings and errors to
    `echo`, e.g. the console of the debug program). Returns the log file, or None when it
    cannot be written, in which case the lines go to standard error instead."""
    close_logging()
    root = logging.getLogger()
    formatter = RedactingFormatter(redactor)
    handlers: list[logging.Handler] = []
    path: Path | None = log_dir / file_name
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / file_name, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS,
                encoding="utf-8",
            )
        )  # fmt: skip
    except OSError as err:
        path = None
        print(f"loyalty-terminal: cannot write logs to {log_dir} ({err})", file=sys.stderr)
        echo, echo_level = echo or sys.stderr, level
    if echo is not None:
        stream = logging.StreamHandler(echo)
        stream.setLevel(echo_level)
        handlers.append(stream)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._loyalty_terminal = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # httpx's INFO line names every request: useful, but once per pull is noise at INFO
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return path


def close_logging() -> None:
    """Take the handlers configure_logging added off the root logger (end of a command)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_loyalty_terminal", False):
            root.removeHandler(handler)
            handler.close()


ExceptionInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashReporter:
    """Writes a report for every uncaught exception; `install()` makes it the hook of the
    main thread and of every other thread (PySide6 hands exceptions raised in slots to
    sys.excepthook too), and points faulthandler at `crashes/native.log`."""

    def __init__(
        self,
        log_dir: Path,
        *,
        log_file: str = LOG_FILE,
        redactor: Redactor = REDACTOR,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        echo: TextIO | None = None,
    ) -> None:
        self.folder = log_dir / CRASH_FOLDER
        self._log_file = log_dir / log_file
        self._redactor = redactor
        self._now = now
        self._echo = echo
        self._native: TextIO | None = None
        self._previous: tuple[Any, Any, bool] | None = None

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook, faulthandler.is_enabled())
        sys.excepthook = self._main_hook
        threading.excepthook = self._thread_hook
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            self._native = (self.folder / "native.log").open("a", encoding="utf-8")
            faulthandler.enable(self._native, all_threads=True)

    def uninstall(self) -> None:
        """Put back the hooks (and faulthandler) as they were before install()."""
        if self._previous is None:
            return
        main_hook, thread_hook, faults_on = self._previous
        self._previous = None
        sys.excepthook = main_hook
        threading.excepthook = thread_hook
        if self._native is not None:
            faulthandler.disable()
            self._native.close()
            self._native = None
            if faults_on and sys.__stderr__ is not None:  # as near as it can be put back
                with contextlib.suppress(OSError, ValueError):
                    faulthandler.enable(sys.__stderr__, all_threads=True)

    def _main_hook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        self.report((kind, error, tb), thread="MainThread")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        self.report((args.exc_type, args.exc_value, args.exc_traceback), thread=name)

    def report(self, info: ExceptionInfo, *, thread: str) -> Path | None:
        """Write one report; returns its path (None when the folder cannot be written, in
        which case the scrubbed report goes to standard error)."""
        moment = self._now()
        text = self._redactor.scrub(self._text(info, thread, moment))
        logging.getLogger("terminal.crash").error(
            "uncaught %s in %s", info[0].__name__, thread, exc_info=info
        )
        stamp = moment.strftime("%Y%m%dT%H%M%S.%fZ")
        path = self.folder / f"crash-{stamp}.txt"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self._prune()
        except OSError:
            print(text, file=sys.stderr)
            return None
        if self._echo is not None:
            print(f"loyalty-terminal: an unexpected error; report written to {path}",
                  file=self._echo)  # fmt: skip
        return path

    def _text(self, info: ExceptionInfo, thread: str, moment: datetime) -> str:
        lines = [
            "Loyalty terminal crash report",
            f"time: {moment.isoformat()}",
            f"version: {app_version()}",
            f"frozen: {bool(getattr(sys, 'frozen', False))}",
            f"python: {platform.python_version()}",
            f"platform: {platform.platform()}",
            f"thread: {thread}",
            "",
            "".join(traceback.format_exception(*info)).rstrip(),
            "",
            f"last lines of {self._log_file.name}:",
            *self._log_tail(),
        ]
        return "\n".join(lines) + "\n"

    def _log_tail(self) -> list[str]:
        try:
            with self._log_file.open(encoding="utf-8", errors="replace") as stream:
                return stream.read().splitlines()[-LOG_LINES_IN_REPORT:]
        except OSError:
            return ["(no log file)"]

    def _prune(self) -> None:
        reports = sorted(self.folder.glob("crash-*.txt"))
        for old in reports[:-MAX_CRASH_REPORTS]:
            with contextlib.suppress(OSError):
                old.unlink()
