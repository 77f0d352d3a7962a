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
