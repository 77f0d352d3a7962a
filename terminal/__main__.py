"""Command line: `loyalty-terminal` (the counter window), `demo`, `activate`, `doctor`,
`backup`. Every command writes its log in the log folder (rotated) and a crash report for
any error nobody caught; `--data-dir` keeps everything in one folder instead."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from terminal.config import Settings, SettingsError, load_settings
from terminal.store.errors import LocalDatabaseError
from terminal.version import app_version
from terminal.window_system import missing_window_library

if TYPE_CHECKING:
    from terminal.logs import CrashReporter

DATA_DIR_HELP = (
    "keep the settings file, the database, the logs and the crash reports in this folder "
    "(kiosks, tests) instead of the platform's usual folders"
)


def _parser() -> argparse.ArgumentParser:
    # --data-dir is taken before or after the command (`loyalty-terminal --data-dir D doctor`
    # as well as `loyalty-terminal doctor --data-dir D`)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=DATA_DIR_HELP)
    parser = argparse.ArgumentParser(
        prog="loyalty-terminal",
        description="In-store loyalty terminal: QR cards, stamps, points and rewards.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo", help="try the product with demo data on this machine", parents=[common]
    )
    demo.add_argument(
        "--headless",
        action="store_true",
        help="no window: play a scripted counter session and print what happens "
        "(also what happens on a machine without a display)",
    )
    demo.add_argument("--fresh", action="store_true", help="rebuild the demo database first")
    demo.add_argument(
        "--customers", type=int, default=300, help="demo customers to create (default 300)"
    )
    demo.add_argument(
        "--terminals",
        type=int,
        default=1,
        help="counter windows, one per store of the demo chain in turn (default 1; "
        "2 shows a card earning in one store and its balance arriving in the other)",
    )
    activate = commands.add_parser(
        "activate",
        help="make this computer a terminal of a store, with a one-time code from the "
        "back office; then receive the company's data",
        parents=[common],
    )
    activate.add_argument("--server", required=True, help="the central server, https://...")
    activate.add_argument("--code", required=True, help="the one-time activation code")
    activate.add_argument(
        "--name", default=None, help="this terminal's name (default: the computer's name)"
    )
    activate.add_argument(
        "--allow-file-credentials",
        action="store_true",
        help="on a computer without a secure credential store only: keep the token in a "
        "file readable by this user alone (see README, Credentials)",
    )
    doctor = commands.add_parser(
        "doctor",
        help="check camera, decoders, database, credential store, server and clock; "
        "exit code 1 if something must be fixed",
        parents=[common],
    )
    doctor.add_argument(
        "--max-camera-index", type=int, default=5, help="probe cameras 0..N (default 5)"
    )
    doctor.add_argument("--offline", action="store_true", help="do not contact the central server")
    doctor.add_argument(
        "--json", action="store_true", help="print the checks as JSON (for monitoring)"
    )
    backup = commands.add_parser(
        "backup",
        help="write a consistent copy of the local database (also while the counter runs)",
        parents=[common],
    )
    backup.add_argument(
        "--to",
        type=Path,
        default=None,
        help="the copy's file (default: the backups folder beside the database)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    console = _has_console()
    args = _parser().parse_args(argv)
    data_dir: Path | None = getattr(args, "data_dir", None)
    save = _saver(data_dir)
    try:
        settings, unreadable = _settings(data_dir), None
    except SettingsError as err:  # logged where the defaults put logs, then told
        settings, unreadable = Settings(**_folders(data_dir)[1]), err
    reporter = _start_logging(settings.log_dir, args.command, echo=console)
    try:
        if unreadable is not None:
            raise unreadable
        if args.command == "demo":
            return _demo(args, settings, save)
        if args.command == "doctor":
            return _doctor(args, settings)
        if args.command == "activate":
            return _activate(args, settings, save)
        if args.command == "backup":
            return _backup(args, settings)
        return _counter(settings, save)
    except (SettingsError, LocalDatabaseError) as err:
        _tell(err, args.command, windowed=not console)
        return 2
    except Exception:  # a bug: reported (scrubbed) before the hooks are put back
        reporter.report(sys.exc_info(), thread="MainThread")  # type: ignore[arg-type]
        return 1
    finally:
        _stop_logging(reporter)


def _has_console() -> bool:
    """Whether this program has a console. The windowed program on Windows and macOS has
    none: its sys.stdout and sys.stderr are None, and writing to them would fail, so they
    go to the null device instead (the log and the screen say what matters)."""
    had = sys.stderr is not None
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    return had


def _tell(err: SettingsError | LocalDatabaseError, command: str | None, *, windowed: bool) -> None:
    """A start that cannot go on: in the log, on the console, and, for the windowed
    program's counter or demo, on screen (a database problem there is shown by the app)."""
    _refuse(err.message)
    if windowed and command in (None, "demo") and isinstance(err, SettingsError):
        from terminal.app import has_display, qt_application
        from terminal.ui.startup_problem import startup_problem_box

        if has_display() and missing_window_library() is None:
            qt_application(Settings())
            startup_problem_box(err).exec()


def _folders(data_dir: Path | None) -> tuple[Path | None, dict[str, object]]:
    """Where the settings file is, and the defaults it overrides: the platform's config
    folder; with `--data-dir`, that folder, and the database and logs there too (unless
    its settings file says otherwise)."""
    if data_dir is None:
        return None, {}
    data_dir = data_dir.expanduser().resolve()
    return data_dir, {"data_dir": data_dir, "log_dir": data_dir / "logs"}


def _settings(data_dir: Path | None) -> Settings:
    config_dir, defaults = _folders(data_dir)
    return load_settings(config_dir, defaults=defaults)


def _start_logging(log_dir: Path, command: str | None, *, echo: bool) -> CrashReporter:
    """The log file and the crash reports; a console (the debug program, a terminal
    window) also shows the warnings and errors as they happen."""
    from terminal.logs import LOG_FILE, TOOLS_LOG_FILE, CrashReporter, configure_logging

    file_name = LOG_FILE if command in (None, "demo") else TOOLS_LOG_FILE
    on_screen = sys.stderr if echo and sys.stderr.isatty() else None
    configure_logging(log_dir, file_name=file_name, echo=on_screen)
    logging.raiseExceptions = False  # a log that fails to write never prints the record
    reporter = CrashReporter(log_dir, log_file=file_name, echo=sys.stderr)
    reporter.install()
    logging.getLogger("terminal").info(
        "loyalty-terminal %s started: %s", app_version(), command or "counter"
    )
    return reporter


def _stop_logging(reporter: CrashReporter) -> None:
    from terminal.logs import close_logging

    reporter.uninstall()
    close_logging()


def _saver(data_dir: Path | None) -> Callable[[Settings], Path]:
    """How the Settings dialog's changes are written: where the settings were read from."""

    def save(settings: Settings) -> Path:
        from terminal.settings_file import save_settings

        config_dir, defaults = _folders(data_dir)
        return save_settings(settings, config_dir, defaults=defaults)

    return save


def _counter(settings: Settings, save: Callable[[Settings], Path]) -> int:
    from terminal.app import has_display, run_terminal

    if not has_display():
        return _refuse(
            "no display found, so the counter window cannot open here. Start it in the "
            "desktop session (or under Xvfb), or try `loyalty-terminal demo --headless`."
        )
    if (missing := missing_window_library()) is not None:
        return _refuse(f"{missing}.")
    return run_terminal(settings, save)


def _refuse(message: str) -> int:
    """A command that cannot do its job: the reason in the log and on standard error."""
    logging.getLogger("terminal").error("%s", message)
    print(f"loyalty-terminal: {message}", file=sys.stderr)
    return 2


def _demo(args: argparse.Namespace, settings: Settings, save: Callable[[Settings], Path]) -> int:
    from terminal.app import has_display

    if not 1 <= args.customers <= 100_000:
        print("loyalty-terminal: --customers takes 1 to 100000.", file=sys.stderr)
        return 2
    if not 1 <= args.terminals <= 4:
        print("loyalty-terminal: --terminals takes 1 to 4.", file=sys.stderr)
        return 2
    demo_dir = settings.demo_dir  # <data folder>/demo, as the first-run screen's demo
    missing = missing_window_library() if not args.headless and has_display() else None
    if missing is not None:
        print(f"{missing}. Running the headless demo instead.\n")
    elif not args.headless and has_display():
        from terminal.app import run_demo_window

        return run_demo_window(
            settings,
            demo_dir,
            save=save,
            fresh=args.fresh,
            customers=args.customers,
            terminals=args.terminals,
        )
    if not args.headless and missing is None:
        print(
            "No display found: the counter window needs a desktop session (or Xvfb). "
            "Running the headless demo instead.\n"
        )
    from terminal.demo.headless import run_headless_demo

    return run_headless_demo(
        demo_dir,
        sys.stdout,
        now=datetime.now(UTC),
        fresh=args.fresh,
        customers=args.customers,
    )


def _activate(
    args: argparse.Namespace, settings: Settings, save: Callable[[Settings], Path]
) -> int:
    import platform

    from terminal.activation import ActivationFailed, activate, token_store
    from terminal.store.schema import open_current

    try:
        tokens = token_store(settings, allow_file=args.allow_file_credentials)
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        database = open_current(settings.database_path)
        try:
            done = activate(
                settings,
                database,
                server_url=args.server,
                code=args.code,
                name=args.name or platform.node() or "Terminal",
                tokens=tokens,
                now=datetime.now(UTC),
            )
            if tokens.kind == "file" and settings.credential_store != "file":
                save(settings.model_copy(update={"credential_store": "file"}))
            print(
                f"Activated: {done.terminal_name} of {done.vendor_name} ({done.company_name}), "
                f"with {done.numbers} card numbers for offline enrollment."
            )
            status = _pull_with_progress(settings, database, tokens)
        finally:
            database.dispose()
    except ActivationFailed as err:
        return _refuse(err.message)
    if status.state != "online":
        print(
            "The first pull did not finish "
            f"({status.error_kind}): the terminal completes it by itself once it can reach "
            "the server.",
            file=sys.stderr,
        )
        return 1
    print(f"Ready: {status.pulled} records received. Start the counter with `loyalty-terminal`.")
    return 0


def _pull_with_progress(settings: Settings, database: object, tokens: object) -> object:
    """The first pull, with a progress bar on the terminal's stderr."""
    from tqdm import tqdm

    from terminal.activation import first_pull

    with tqdm(desc="Receiving the company's data", unit=" rows", file=sys.stderr) as bar:

        def show(status: object) -> None:
            pulling = getattr(status, "pulling", None)
            if pulling is not None:
                if pulling.total and bar.total != pulling.total:
                    bar.total = pulling.total
                bar.update(pulling.rows - bar.n)

        status = first_pull(settings, database, tokens=tokens, on_status=show)  # type: ignore[arg-type]
        bar.update(max(getattr(status, "pulled", 0) - bar.n, 0))
    return status


def _doctor(args: argparse.Namespace, settings: Settings) -> int:
    from terminal.doctor import run_doctor

    return run_doctor(
        settings,
        offline=args.offline,
        as_json=args.json,
        out=sys.stdout,
        max_camera_index=args.max_camera_index,
    )


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    import sqlite3

    from terminal.store.backup import backups_dir, copy_database

    source = settings.database_path
    if not source.exists():
        return _refuse(f"there is no database at {source} to back up.")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = (args.to or backups_dir(source) / f"terminal-{stamp}.db").expanduser()
    if target.resolve() == source.resolve():
        return _refuse(f"{target} is the database itself: choose another file for the copy.")
    try:
        copy_database(source, target)
    except (OSError, sqlite3.Error) as err:
        return _refuse(f"the backup could not be written to {target}: {err}")
    print(f"Backup written: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
