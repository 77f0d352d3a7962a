"""`loyalty-server create-admin`: a company admin's account for the back office (/admin).

loyalty-server create-admin --company 1 --email ada@example.com --name "Ada"
    (the password is asked twice; --password-stdin reads it from standard input)
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from sqlalchemy import Engine

from sync.server.db import make_sessionmaker
from sync.server.web.accounts import AccountRefused, AdminAuth
from sync.server.web.passwords import PasswordRefused
from terminal.domain.clock import SystemClock


def register(commands: Any) -> None:
    create = commands.add_parser(
        "create-admin", help="a company admin's account for the web back office (/admin)"
    )
    create.add_argument("--company", type=int, required=True)
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (scripts) instead of asking twice",
    )
    create.set_defaults(handler=create_admin)


def _password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("The same again: ") != first:
        print("error: the two passwords differ; nothing was created", file=sys.stderr)
        return None
    return first


def create_admin(args: argparse.Namespace, engine: Engine) -> int:
    password = _password(args.password_stdin)
    if password is None:
        return 2
    auth = AdminAuth(make_sessionmaker(engine), SystemClock())
    try:
        admin_id = auth.create_admin(args.company, args.email, args.name, password)
    except (AccountRefused, PasswordRefused) as refused:
        print(f"error: {refused.message} Nothing was created.", file=sys.stderr)
        return 2
    print(f"admin {admin_id} created: {args.email.strip()} for company {args.company}")
    return 0
