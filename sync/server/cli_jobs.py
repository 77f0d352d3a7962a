"""Commands of `loyalty-server` for scheduled jobs (see sync.server.cli).

    loyalty-server prune-changes [--keep-days 90] [--now ISO] [--batch-size 1000]

`prune-changes` deletes the change-log rows older than the kept window (sync.server.jobs.
prune_changes). Terminals whose cursor is older than the pruned point get a full snapshot on
their next pull, so keep the window longer than a terminal is normally offline (90 days by
default). It is safe to run while the server serves: each batch of deletes holds the
affected companies' change-log locks only for that batch, and a second run the same day
does nothing.

Schedule it daily, after `expire-points` (the two jobs should not overlap: both lock
several companies' logs). With cron (server time zone; the URL from the environment):

    # m h dom mon dow  command
    15 3 * * *  LOYALTY_SERVER_DATABASE=postgresql+psycopg://... loyalty-server expire-points
    45 3 * * *  LOYALTY_SERVER_DATABASE=postgresql+psycopg://... loyalty-server prune-changes

or a systemd timer (`loyalty-jobs.timer` with `OnCalendar=*-*-* 03:15:00`,
`Persistent=true`) starting a oneshot `loyalty-jobs.service` whose `ExecStart=` lines run
`loyalty-server expire-points` then `loyalty-server prune-changes` (one after the other:
a oneshot service runs its ExecStart lines in order and stops at the first failure). On a
chain with several server processes, run the jobs from ONE machine only.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

DEFAULT_KEEP_DAYS = 90  # sync.server.jobs.DEFAULT_KEEP_DAYS (imported lazily there)


def register(commands: Any) -> None:
    """Adds `prune-changes`."""
    prune = commands.add_parser(
        "prune-changes", help="delete change-log rows older than the kept window (daily job)"
    )
    prune.add_argument(
        "--keep-days",
        type=int,
        default=DEFAULT_KEEP_DAYS,
        help=f"days of changes to keep (default {DEFAULT_KEEP_DAYS}); older cursors get a snapshot",
    )
    prune.add_argument("--now", help="ISO date-time to run as (default: now, UTC)")
    prune.add_argument(
        "--batch-size", type=int, default=1000, help="rows deleted per transaction (default 1000)"
    )
    prune.set_defaults(handler=run_prune_changes)


def run_prune_changes(args: argparse.Namespace, engine: Engine) -> int:
    from sync.server.db import make_sessionmaker
    from sync.server.jobs import prune_changes
    from terminal.domain.clock import SystemClock

    if args.keep_days < 0:
        print(f"error: --keep-days {args.keep_days} must be 0 or more", file=sys.stderr)
        return 2
    if args.batch_size < 1:
        print(f"error: --batch-size {args.batch_size} must be 1 or more", file=sys.stderr)
        return 2
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            print(f"error: --now {args.now!r} is not an ISO date-time", file=sys.stderr)
            return 2
        now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    else:
        now = SystemClock().now()
    report = prune_changes(
        make_sessionmaker(engine), now, keep_days=args.keep_days, batch_size=args.batch_size
    )
    cutoff = report.cutoff.isoformat(timespec="seconds")
    if report.rows_deleted == 0 and report.pruned_through == report.pruned_before:
        print(
            f"nothing to prune: no change older than {cutoff} "
            f"(log pruned through seq {report.pruned_through})"
        )
    else:
        print(
            f"pruned {report.rows_deleted} change-log rows created before {cutoff} "
            f"in {report.batches} batches; log pruned through seq {report.pruned_through} "
            f"(was {report.pruned_before}); older cursors get a snapshot"
        )
    return 0
