"""Command line: `loyalty-terminal` (the counter window), `demo`, `doctor`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from terminal.config import Settings, SettingsError, load_settings
from terminal.store.errors import LocalDatabaseError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="loyalty-terminal",
        description="In-store loyalty terminal: QR cards, stamps, points and rewards.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="try the product with demo data on this machine")
    demo.add_argument(
        "--headless",
        action="store_true",
        help="no window: play a scripted counter session and print what happens "
        "(also what happens on a machine without a display)",
    )
    demo.add_argument("--fresh", action="store_true", help="rebuild the demo database first")
    demo.add_argument("--data-dir", type=Path, help="where the demo database lives")
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
        "doctor", help="check camera, decoders and database; exit code 1 if something fails"
    )
    doctor.add_argument(
        "--max-camera-index", type=int, default=5, help="probe cameras 0..N (default 5)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "demo":
            return _demo(args, settings)
        if args.command == "doctor":
            return _doctor(args, settings)
        if args.command == "activate":
            return _activate(args, settings)
        return _counter(settings)
    except (SettingsError, LocalDatabaseError) as err:
        print(f"loyalty-terminal: {err.message}", file=sys.stderr)
        return 2


def _save(settings: Settings) -> Path:
    from terminal.settings_file import save_settings

    return save_settings(settings)


def _counter(settings: Settings) -> int:
    from terminal.app import has_display, run_terminal

    if not has_display():
        print(
            "loyalty-terminal: no display found, so the counter window cannot open here. "
            "Start it in the desktop session (or under Xvfb), or try "
            "`loyalty-terminal demo --headless`.",
            file=sys.stderr,
        )
        return 2
    return run_terminal(settings, _save)


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from terminal.app import has_display

    if not 1 <= args.customers <= 100_000:
        print("loyalty-terminal: --customers takes 1 to 100000.", file=sys.stderr)
        return 2
    if not 1 <= args.terminals <= 4:
        print("loyalty-terminal: --terminals takes 1 to 4.", file=sys.stderr)
        return 2
    demo_dir = args.data_dir or settings.demo_dir
    if not args.headless and has_display():
        from terminal.app import run_demo_window

        return run_demo_window(
            settings,
            demo_dir,
            save=_save,
            fresh=args.fresh,
            customers=args.customers,
            terminals=args.terminals,
        )
    if not args.headless:
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


def _activate(args: argparse.Namespace, settings: Settings) -> int:
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
            if args.allow_file_credentials and settings.credential_store != "file":
                _save(settings.model_copy(update={"credential_store": "file"}))
            print(
                f"Activated: {done.terminal_name} of {done.vendor_name} ({done.company_name}), "
                f"with {done.numbers} card numbers for offline enrollment."
            )
            status = _pull_with_progress(settings, database, tokens)
        finally:
            database.dispose()
    except ActivationFailed as err:
        print(f"loyalty-terminal: {err.message}", file=sys.stderr)
        return 2
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
    from terminal.doctor import report, run_checks
    from terminal.scanner.camera import list_cameras
    from terminal.scanner.decoders import available_decoders

    checks = run_checks(
        settings,
        list_cameras=lambda: list_cameras(
            max(args.max_camera_index, settings.camera_index), backend=settings.camera_backend
        ),
        decoders=available_decoders(),
        default_decoder="zxing-cpp",
    )
    return report(checks, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
