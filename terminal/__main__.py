"""Command line: `loyalty-terminal demo --headless`, `loyalty-terminal doctor`."""

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
        help="no window: play a scripted counter session and print what happens",
    )
    demo.add_argument("--fresh", action="store_true", help="rebuild the demo database first")
    demo.add_argument("--data-dir", type=Path, help="where the demo database lives")
    demo.add_argument(
        "--customers", type=int, default=300, help="demo customers to create (default 300)"
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
            return _demo(args, settings.demo_dir)
        if args.command == "doctor":
            return _doctor(args, settings)
    except (SettingsError, LocalDatabaseError) as err:
        print(f"loyalty-terminal: {err.message}", file=sys.stderr)
        return 2
    print(
        "loyalty-terminal: the counter window is not built yet. "
        "Try `loyalty-terminal demo --headless`.",
        file=sys.stderr,
    )
    return 2


def _demo(args: argparse.Namespace, default_dir: Path) -> int:
    from terminal.demo.headless import run_headless_demo

    if not args.headless:
        print(
            "loyalty-terminal: the windowed demo is not built yet; "
            "run `loyalty-terminal demo --headless`.",
            file=sys.stderr,
        )
        return 2
    if not 1 <= args.customers <= 100_000:
        print("loyalty-terminal: --customers takes 1 to 100000.", file=sys.stderr)
        return 2
    return run_headless_demo(
        args.data_dir or default_dir,
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
