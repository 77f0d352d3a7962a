"""`loyalty-server program|rewards|settings|terminals|audit`: admin changes (see sync.server.cli).

    loyalty-server program show --company 1
    loyalty-server program set --company 1 --points-per-currency-unit 2 --welcome-bonus-points 0
    loyalty-server rewards list --company 1
    loyalty-server rewards add --company 1 --name "Free cake" --points-cost 150
    loyalty-server rewards update 4 --company 1 [--name "Cake"] [--points-cost 120]
    loyalty-server rewards disable 4 --company 1          (enable: the same)
    loyalty-server settings show --company 1
    loyalty-server settings set --company 1 --pin-policy-void optional --pin-lockout-minutes 15
    loyalty-server terminals list [--company 1]
    loyalty-server terminals revoke TERMINAL_ID [--company 1]
    loyalty-server audit --company 1 [--limit 50]

Changes take `--actor NAME` for the audit log (default: the OS user). The logic lives in
sync.server.program_admin and sync.server.admin; this module only parses and prints.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sync.server import admin, program_admin
from sync.server.admin import AdminChange
from sync.server.db import make_sessionmaker
from sync.server.program_admin import PROGRAM_FIELDS, SETTINGS_FIELDS, FieldRule
from terminal.domain.clock import SystemClock

T = TypeVar("T")
_YES = ("yes", "y", "true", "on", "1")
_NO = ("no", "n", "false", "off", "0")


def register(commands: Any) -> None:
    program = commands.add_parser("program", help="show or change the loyalty program")
    program_actions = program.add_subparsers(dest="action", required=True)
    show = _company(program_actions.add_parser("show", help="the program's rules"))
    show.set_defaults(handler=program_show)
    change = _changer(program_actions.add_parser("set", help="change program rules"))
    _field_options(change, PROGRAM_FIELDS)
    change.set_defaults(handler=program_set)

    rewards = commands.add_parser("rewards", help="the rewards catalogue")
    reward_actions = rewards.add_subparsers(dest="action", required=True)
    listing = _company(reward_actions.add_parser("list", help="every reward, disabled too"))
    listing.set_defaults(handler=rewards_list)
    add = _changer(reward_actions.add_parser("add", help="a new reward"))
    add.add_argument("--name", required=True)
    add.add_argument("--points-cost", type=int, required=True)
    add.set_defaults(handler=rewards_add)
    update = _changer(reward_actions.add_parser("update", help="rename or reprice a reward"))
    update.add_argument("reward", type=int, metavar="REWARD_ID")
    update.add_argument("--name")
    update.add_argument("--points-cost", type=int)
    update.set_defaults(handler=rewards_update)
    for verb, active in (("disable", False), ("enable", True)):
        toggle = _changer(reward_actions.add_parser(verb, help=f"{verb} a reward"))
        toggle.add_argument("reward", type=int, metavar="REWARD_ID")
        toggle.set_defaults(handler=rewards_toggle, active=active)

    settings = commands.add_parser("settings", help="the company's settings (PIN policy, ...)")
    settings_actions = settings.add_subparsers(dest="action", required=True)
    _company(settings_actions.add_parser("show", help="the settings")).set_defaults(
        handler=settings_show
    )
    change = _changer(settings_actions.add_parser("set", help="change settings"))
    _field_options(change, SETTINGS_FIELDS)
    change.set_defaults(handler=settings_set)

    terminals = commands.add_parser("terminals", help="activated terminals")
    terminal_actions = terminals.add_subparsers(dest="action", required=True)
    listing = terminal_actions.add_parser("list", help="terminals, their last contact, status")
    listing.add_argument("--company", type=int, help="only this company (default: all)")
    listing.set_defaults(handler=terminals_list)
    revoke = terminal_actions.add_parser("revoke", help="its token stops working at once")
    revoke.add_argument("terminal", metavar="TERMINAL_ID")
    revoke.add_argument("--company", type=int, help="refuse unless it is this company's")
    _actor(revoke).set_defaults(handler=terminals_revoke)

    audit = _company(commands.add_parser("audit", help="who changed what, newest first"))
    audit.add_argument("--limit", type=int, default=50, help="records to show (default 50)")
    audit.set_defaults(handler=audit_list)


# --- handlers --------------------------------------------------------------------------------


def program_show(args: argparse.Namespace, engine: Engine) -> int:
    data = _read(engine, lambda s: program_admin.show_program(s, args.company))
    print(f"program {data['id']} of company {data['company_id']}:")
    _print_fields(data, PROGRAM_FIELDS)
    return 0


def program_set(args: argparse.Namespace, engine: Engine) -> int:
    values = _given(args, PROGRAM_FIELDS)
    change = _write(
        engine,
        lambda s, now: program_admin.update_program(
            s, args.company, values, actor=_who(args), now=now
        ),
    )
    return _report(change, f"program {change.entity_id} of company {args.company}")


def rewards_list(args: argparse.Namespace, engine: Engine) -> int:
    rewards = _read(engine, lambda s: program_admin.list_rewards(s, args.company))
    rows = [
        [str(r["id"]), r["name"], str(r["points_cost"]), "active" if r["is_active"] else "disabled"]
        for r in rewards
    ]
    _print_table(["ID", "NAME", "POINTS", "STATUS"], rows)
    return 0


def rewards_add(args: argparse.Namespace, engine: Engine) -> int:
    change = _write(
        engine,
        lambda s, now: program_admin.add_reward(
            s, args.company, args.name, args.points_cost, actor=_who(args), now=now
        ),
    )
    row = change.row
    print(f"reward {row['id']} of company {args.company}: {row['name']}, {row['points_cost']} pts")
    return 0


def rewards_update(args: argparse.Namespace, engine: Engine) -> int:
    values = {
        name: value
        for name, value in (("name", args.name), ("points_cost", args.points_cost))
        if value is not None
    }
    change = _write(
        engine,
        lambda s, now: program_admin.update_reward(
            s, args.company, args.reward, values, actor=_who(args), now=now
        ),
    )
    return _report(change, f"reward {args.reward} of company {args.company}")


def rewards_toggle(args: argparse.Namespace, engine: Engine) -> int:
    change = _write(
        engine,
        lambda s, now: program_admin.set_reward_active(
            s, args.company, args.reward, args.active, actor=_who(args), now=now
        ),
    )
    state = "enabled" if args.active else "disabled"
    if not change.changed:
        print(f"no change: reward {args.reward} of company {args.company} is already {state}")
    else:
        print(f"reward {args.reward} of company {args.company} {state}")
    return 0


def settings_show(args: argparse.Namespace, engine: Engine) -> int:
    data = _read(engine, lambda s: program_admin.show_settings(s, args.company))
    print(f"settings of company {data['company_id']}:")
    _print_fields(data, SETTINGS_FIELDS)
    return 0


def settings_set(args: argparse.Namespace, engine: Engine) -> int:
    values = _given(args, SETTINGS_FIELDS)
    change = _write(
        engine,
        lambda s, now: program_admin.update_settings(
            s, args.company, values, actor=_who(args), now=now
        ),
    )
    return _report(change, f"settings of company {args.company}")


def terminals_list(args: argparse.Namespace, engine: Engine) -> int:
    terminals = _read(engine, lambda s: admin.list_terminals(s, args.company))
    rows = [
        [
            t.id,
            t.name,
            str(t.company_id),
            f"{t.vendor_id} {t.vendor_name}",
            _when(t.activated_at),
            _when(t.last_seen_at),
            f"revoked {_when(t.revoked_at)}" if t.revoked_at else t.status,
        ]
        for t in terminals
    ]
    headers = ["TERMINAL", "NAME", "COMPANY", "VENDOR", "ACTIVATED", "LAST CONTACT", "STATUS"]
    _print_table(headers, rows)
    return 0


def terminals_revoke(args: argparse.Namespace, engine: Engine) -> int:
    change = _write(
        engine,
        lambda s, now: admin.revoke_terminal(
            s, args.terminal, actor=_who(args), now=now, company_id=args.company
        ),
    )
    if not change.changed:
        print(f"no change: terminal {change.entity_id} is already revoked")
    else:
        print(f"terminal {change.entity_id} revoked: its token is refused from now on")
    return 0


def audit_list(args: argparse.Namespace, engine: Engine) -> int:
    records = _read(engine, lambda s: admin.list_audit(s, args.company, args.limit))
    for record in records:
        if record.before is None:
            what = "created " + _pairs(record.after or {})
        else:
            after = record.after or {}
            what = ", ".join(
                f"{name} {_shown(old)} -> {_shown(after.get(name))}"
                for name, old in record.before.items()
            )
        print(
            f"{_when(record.created_at)}  {record.actor}  {record.action} "
            f"{record.entity} {record.entity_id}: {what}"
        )
    if not records:
        print(f"no audit records for company {args.company}")
    return 0


# --- plumbing --------------------------------------------------------------------------------


def _company(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--company", type=int, required=True)
    return parser


def _actor(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--actor", help="who makes the change, for the audit log (default: you)")
    return parser


def _changer(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    return _actor(_company(parser))


def _yes_no(text: str) -> bool:
    if text.strip().lower() in _YES:
        return True
    if text.strip().lower() in _NO:
        return False
    raise argparse.ArgumentTypeError(f"expected yes or no, not {text!r}")


def _field_options(parser: argparse.ArgumentParser, fields: Mapping[str, FieldRule]) -> None:
    for name, rule in fields.items():
        option = "--" + name.replace("_", "-")
        if rule.kind == "int":
            parser.add_argument(option, type=int, metavar="N", help=rule.describe())
        elif rule.kind == "bool":
            parser.add_argument(option, type=_yes_no, metavar="yes|no", help=rule.describe())
        elif rule.kind == "choice":
            parser.add_argument(option, choices=rule.choices, help=rule.describe())
        else:
            parser.add_argument(option, metavar="TEXT", help=rule.describe())


def _given(args: argparse.Namespace, fields: Mapping[str, FieldRule]) -> dict[str, Any]:
    return {name: getattr(args, name) for name in fields if getattr(args, name) is not None}


def _who(args: argparse.Namespace) -> str:
    if args.actor is not None:
        return str(args.actor)
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return "unknown"


def _read(engine: Engine, work: Callable[[Session], T]) -> T:
    with make_sessionmaker(engine).begin() as session:
        return work(session)


def _write(engine: Engine, work: Callable[[Session, datetime], T]) -> T:
    """One transaction; the caller prints only after it committed."""
    with make_sessionmaker(engine).begin() as session:
        return work(session, SystemClock().now())


def _report(change: AdminChange, what: str) -> int:
    if not change.changed:
        print(f"no change: {what} already has these values")
        return 0
    print(f"{what} changed:")
    for name, old in (change.before or {}).items():
        print(f"  {name.replace('_', '-')}: {_shown(old)} -> {_shown(change.after[name])}")
    return 0


def _print_fields(data: Mapping[str, Any], fields: Mapping[str, FieldRule]) -> None:
    width = max(len(name) for name in fields)
    for name in fields:
        print(f"  {name.replace('_', '-'):<{width}}  {_shown(data[name])}")


def _print_table(headers: list[str], rows: list[list[str]]) -> None:
    if not rows:
        print("(none)")
        return
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "-"
    return repr(value) if isinstance(value, str) and value == "" else str(value)


def _pairs(data: Mapping[str, Any]) -> str:
    return ", ".join(f"{name}={_shown(value)}" for name, value in data.items())


def _when(moment: datetime | None) -> str:
    return "never" if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S UTC")
