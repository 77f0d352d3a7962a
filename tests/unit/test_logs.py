"""Log files rotate under a size cap; crash reports say what happened and never the token."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from terminal import logs
from terminal.logs import (
    LOG_FILE,
    MAX_CRASH_REPORTS,
    REDACTED,
    CrashReporter,
    Redactor,
    close_logging,
    configure_logging,
)

TOKEN = "tok_4f9c2b7e1d0a48e6b3c5d7f9a1b2c3d4"


@pytest.fixture
def redactor() -> Redactor:
    redactor = Redactor()
    redactor.protect(TOKEN)
    return redactor


@pytest.fixture(autouse=True)
def _no_handlers_left() -> object:
    yield
    close_logging()


def _boom(message: str) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError(message)
    except RuntimeError as err:
        return type(err), err, err.__traceback__


def test_the_log_file_never_holds_a_protected_token_or_a_bearer_header(
    tmp_path: Path, redactor: Redactor
) -> None:
    path = configure_logging(tmp_path, redactor=redactor)
    log = logging.getLogger("terminal.test")
    log.info("pulled with %s", TOKEN)
    log.warning("request headers: {'authorization': 'Bearer abc.def-123'}")
    try:
        raise ValueError(f"refused {TOKEN}")
    except ValueError:
        log.exception("push failed")
    close_logging()

    assert path == tmp_path / LOG_FILE
    text = path.read_text(encoding="utf-8")
    assert TOKEN not in text
    assert "abc.def-123" not in text
    assert text.count(REDACTED) == 3
    assert "ValueError: refused [redacted]" in text  # the traceback is scrubbed too
    assert "Z INFO    MainThread terminal.test: pulled with [redacted]" in text  # UTC times


def test_logs_rotate_and_stay_under_their_cap(
    tmp_path: Path, redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_LOG_BYTES", 2_000)
    monkeypatch.setattr(logs, "LOG_BACKUPS", 2)
    configure_logging(tmp_path, redactor=redactor)
    for number in range(500):
        logging.getLogger("terminal.test").info("line %d %s", number, "x" * 40)
    close_logging()

    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2"]
    assert all((tmp_path / name).stat().st_size <= 2_000 for name in files)
    assert "line 499" in (tmp_path / LOG_FILE).read_text(encoding="utf-8")


def test_an_unwritable_log_folder_falls_back_to_standard_error(
    tmp_path: Path, redactor: Redactor, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    assert configure_logging(blocked / "logs", redactor=redactor) is None
    logging.getLogger("terminal.test").warning("still told: %s", TOKEN)
    err = capsys.readouterr().err
    assert "cannot write logs to" in err
    assert "still told: [redacted]" in err


def test_a_crash_report_has_the_traceback_context_and_no_token(
    tmp_path: Path, redactor: Redactor
) -> None:
    configure_logging(tmp_path, redactor=redactor)
    logging.getLogger("terminal.sync").info("last pull with Authorization: Bearer %s", TOKEN)
    reporter = CrashReporter(
        tmp_path, redactor=redactor, now=lambda: datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    )

    path = reporter.report(_boom(f"token {TOKEN} refused"), thread="sync")

    assert path is not None
    assert path.parent == tmp_path / "crashes"
    assert path.name == "crash-20261204T180000.000000Z.txt"
    text = path.read_text(encoding="utf-8")
    assert TOKEN not in text
    assert "RuntimeError: token [redacted] refused" in text
    assert "thread: sync" in text
    assert "version: " in text
    assert "last pull with Authorization: Bearer [redacted]" in text  # the log's last lines
    assert TOKEN not in (tmp_path / LOG_FILE).read_text(encoding="utf-8")


def test_only_the_newest_crash_reports_are_kept(tmp_path: Path, redactor: Redactor) -> None:
    start = datetime(2026, 12, 4, tzinfo=UTC)
    moments = iter(start + timedelta(seconds=n) for n in range(MAX_CRASH_REPORTS + 5))
    reporter = CrashReporter(tmp_path, redactor=redactor, now=lambda: next(moments))
    for _ in range(MAX_CRASH_REPORTS + 5):
        reporter.report(_boom("again"), thread="MainThread")
    reports = sorted((tmp_path / "crashes").glob("crash-*.txt"))
    assert len(reports) == MAX_CRASH_REPORTS
    assert reports[-1].name == "crash-20261204T000024.000000Z.txt"


def test_installed_hooks_report_a_thread_that_dies(tmp_path: Path, redactor: Redactor) -> None:
    reporter = CrashReporter(tmp_path, redactor=redactor)
    reporter.install()
    try:
        worker = threading.Thread(target=lambda: 1 / 0, name="camera")
        worker.start()
        worker.join()
    finally:
        reporter.uninstall()
    (report,) = (tmp_path / "crashes").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "thread: camera" in text
    assert "ZeroDivisionError" in text
    assert (tmp_path / "crashes" / "native.log").exists()  # faulthandler's file


def test_short_values_are_not_treated_as_secrets() -> None:
    redactor = Redactor()
    redactor.protect("abc")
    redactor.protect(None)
    assert redactor.scrub("abc def") == "abc def"


def test_other_authorization_schemes_lose_their_whole_value() -> None:
    redactor = Redactor()
    assert redactor.scrub("Authorization: Basic dXNlcjpwYXNz") == f"Authorization: {REDACTED}"
    assert redactor.scrub("{'authorization': 'Token abc123'}") == (
        f"{{'authorization': '{REDACTED}'}}"
    )


def test_uninstall_puts_back_the_hooks_that_were_there(tmp_path: Path) -> None:
    import faulthandler
    import sys

    before = (sys.excepthook, threading.excepthook, faulthandler.is_enabled())
    reporter = CrashReporter(tmp_path)
    reporter.install()
    assert sys.excepthook != before[0]
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook, faulthandler.is_enabled()) == before


def test_the_token_store_tells_the_redactor_every_token(tmp_path: Path) -> None:
    from terminal.activation import token_store
    from terminal.config import Settings
    from tests.sync.test_token_store import MemoryKeyring

    saved, loaded = "tok_saved_0123456789abcdef", "tok_loaded_0123456789abcdef"
    keyring = MemoryKeyring()
    keyring.set_password("loyalty-terminal", "t-2", loaded)
    store = token_store(Settings(data_dir=tmp_path), backend=keyring)
    store.save("t-1", saved)
    assert store.load("t-2") == loaded
    assert logs.REDACTOR.scrub(f"{saved} {loaded}") == f"{REDACTED} {REDACTED}"
