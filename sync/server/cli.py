"""`loyalty-server`: the central server's admin command line.

    loyalty-server init
    loyalty-server create-company --name "Demo Coffee"
    loyalty-server create-vendor --company 1 --name "Main Street" --timezone Europe/Paris
        [--country FR]                               (default: the time zone's country)
    loyalty-server create-staff --company 1 --name Alice --role manager   (PIN asked for)
    loyalty-server activation-code --vendor 1 [--hours 24]                (prints the code)
    loyalty-server serve [--host 127.0.0.1] [--port 8700]
    loyalty-server expire-points [--company ID] [--now ISO]               (the daily job)
    loyalty-server import-customers --company ID [--country FR] FILE.csv
    loyalty-server program show|set --company ID [--points-per-currency-unit 2 ...]
    loyalty-server rewards list|add|update|disable|enable --company ID ...
    loyalty-server settings show|set --company ID [--pin-policy-void optional ...]
    loyalty-server terminals list [--company ID] | terminals revoke TERMINAL_ID
    loyalty-server audit --company ID [--limit N]                          (who changed what)
    loyalty-server conflicts --company ID                     (entries flagged for a manager)
    loyalty-server prune-changes [--keep-days 90] [--now ISO]     (the daily change-log job)
    loyalty-server backup DEST.db [--force]            (a consistent copy of a SQLite database)

The database is --database URL, else $LOYALTY_SERVER_DATABASE, else a SQLite file in the
platform's data directory.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from sync.server import admin, auth
from sync.server.db import init_database, make_engine, make_sessionmaker
from sync.server.errors import ApiError
from sync.server.models import Vendor
from terminal.domain.clock import SystemClock
from terminal.domain.rules import StaffRole

DATABASE_ENV = "LOYALTY_SERVER_DATABASE"
# Modules that add commands: each has register(commands), which adds its sub-parsers with
# set_defaults(handler=...); a handler takes (args, engine) and returns the exit status.
COMMAND_MODULES = (
    "sync.server.cli_serve",  # serve
    "sync.server.cli_database",  # backup
    "sync.server.cli_program",  # program, rewards, settings, terminals, audit
    "sync.server.cli_jobs",  # prune-changes
    "sync.server.cli_conflicts",  # conflicts
)


def default_database_url() -> str:
    from_env = os.environ.get(DATABASE_ENV)
    if from_env:
        return from_env
    import platformdirs

    folder = Path(platformdirs.user_data_dir("loyalty-server", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.db'}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loyalty-server", description=__doc__.split("\n")[0])
    parser.add_argument("--database", help=f"SQLAlchemy URL (default: ${DATABASE_ENV} or a file)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init", help="create the database tables")
    company = commands.add_parser("create-company", help="a company with the demo program")
    company.add_argument("--name", required=True)
    vendor = commands.add_parser("create-vendor", help="a store of a company")
    vendor.add_argument("--company", type=int, required=True)
    vendor.add_argument("--name", required=True)
    vendor.add_argument("--timezone", default="UTC", help="IANA time zone (default UTC)")
    vendor.add_argument(
        "--country",
        help="ISO 3166-1 alpha-2 code, e.g. FR: where customers' phones typed without a "
        "country code belong (default: the country of --timezone; required for a zone of "
        "no country such as UTC)",
    )
    staff = commands.add_parser("create-staff", help="a staff member with a PIN")
    staff.add_argument("--company", type=int, required=True)
    staff.add_argument("--name", required=True)
    staff.add_argument("--role", choices=[role.value for role in StaffRole], default="cashier")
    staff.add_argument("--pin", help="the PIN (asked for when left out; avoid shell history)")
    code = commands.add_parser("activation-code", help="a one-time code to activate a terminal")
    code.add_argument("--vendor", type=int, required=True)
    code.add_argument("--hours", type=float, default=24.0, help="validity (default 24)")
    expire = commands.add_parser("expire-points", help="the daily points expiry job")
    expire.add_argument("--company", type=int, help="only this company (default: all)")
    expire.add_argument("--now", help="ISO date-time to run as (default: now, UTC)")
    importer = commands.add_parser("import-customers", help="customers and cards from a CSV")
    importer.add_argument("--company", type=int, required=True)
    importer.add_argument(
        "--country",
        help="ISO 3166-1 alpha-2 code, e.g. FR: the country of phone numbers written without "
        "a country code (default: the country of the company's first store)",
    )
    importer.add_argument(
        "file", type=Path, help="CSV: first_name,last_name,email,phone[,card_number]"
    )
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.database or default_database_url()
    engine = make_engine(url)
    try:
        return _run(args, engine)
    except ApiError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def _run(args: argparse.Namespace, engine: Engine) -> int:
    init_database(engine)
    if args.command == "init":
        print("database ready")
        return 0
    handler = getattr(args, "handler", None)
    if handler is not None:
        return int(handler(args, engine))
    now = SystemClock().now()
    sessions = make_sessionmaker(engine)
    if args.command == "expire-points":
        return _expire_points(sessions, args)
    if args.command == "import-customers":
        return _import_customers(sessions, args, now)
    with sessions.begin() as session:
        if args.command == "create-company":
            company = admin.create_company(session, args.name, now)
            print(f"company {company.id}: {company.name}")
        elif args.command == "create-vendor":
            vendor = admin.create_vendor(
                session, args.company, args.name, now, timezone=args.timezone, country=args.country
            )
            print(
                f"vendor {vendor.id}: {vendor.name} (company {vendor.company_id}, "
                f"{vendor.country}, {vendor.timezone})"
            )
        elif args.command == "create-staff":
            pin = args.pin or getpass.getpass("PIN: ")
            staff = admin.create_staff(
                session, args.company, args.name, pin, now, role=StaffRole(args.role)
            )
            print(f"staff {staff.id}: {staff.name} ({staff.role})")
        elif args.command == "activation-code":
            vendor_row = session.get(Vendor, args.vendor)
            if vendor_row is None:
                raise ApiError(404, "vendor_not_found", f"There is no vendor {args.vendor}.")
            code = auth.create_activation_code(
                session, vendor_row, now, timedelta(hours=args.hours)
            )
            print(code)
    return 0


def _expire_points(sessions: sessionmaker[Session], args: argparse.Namespace) -> int:
    from sync.server.jobs import expire_points

    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            print(f"error: --now {args.now!r} is not an ISO date-time", file=sys.stderr)
            return 2
        now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    else:
        now = SystemClock().now()
    report = expire_points(sessions, now, company_id=args.company)
    print(
        f"checked {report.cards_checked} cards, expired {report.points_expired} points "
        f"on {report.cards_expired} cards"
    )
    return 0


def _import_customers(
    sessions: sessionmaker[Session], args: argparse.Namespace, now: datetime
) -> int:
    from sync.server.importer import import_customers

    report = import_customers(sessions, args.company, args.file, now, country=args.country)
    for line, message in report.errors:
        print(f"line {line}: {message}", file=sys.stderr)
    print(
        f"created {report.created}, skipped {len(report.duplicates)} duplicates, "
        f"{len(report.errors)} errors"
    )
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
