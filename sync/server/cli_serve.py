"""`loyalty-server serve`: run the server under uvicorn.

    loyalty-server serve [--host 127.0.0.1] [--port 8700] [--workers N]
        [--rate-limit-storage memory:// | redis://HOST:6379/0] [--graceful-timeout 30]
        [--forwarded-allow-ips 127.0.0.1] [--log-level info]

One worker runs the app in this process. With `--workers N` uvicorn starts N processes that
each build the app with `app_from_environment` (a factory: uvicorn imports it by name, so
the settings travel in the environment, `LOYALTY_SERVER_DATABASE` and
`LOYALTY_SERVER_RATE_LIMIT_STORAGE`); the same factory serves any ASGI runner:

    LOYALTY_SERVER_DATABASE=postgresql+psycopg://… \\
    LOYALTY_SERVER_RATE_LIMIT_STORAGE=redis://127.0.0.1:6379/0 \\
    uvicorn --factory sync.server.cli_serve:app_from_environment --workers 4

(run `loyalty-server init` first: the factory does not create tables, so N workers never
race to). Several processes need `redis://` rate-limit storage, else each process counts on
its own and a client gets N times its limit.

SIGTERM or SIGINT: uvicorn stops accepting, lets the in-flight requests (a push) finish for
up to --graceful-timeout seconds, then exits; this command then returns 0.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from sqlalchemy import Engine

from sync.server import logs
from sync.server.ratelimit import RateLimits

DATABASE_ENV = "LOYALTY_SERVER_DATABASE"  # the same variable as sync.server.cli's
RATE_LIMIT_STORAGE_ENV = "LOYALTY_SERVER_RATE_LIMIT_STORAGE"
DEFAULT_GRACEFUL_TIMEOUT_S = 30.0
FACTORY = "sync.server.cli_serve:app_from_environment"

log = logging.getLogger("sync.server")


def register(commands: Any) -> None:
    serve = commands.add_parser("serve", help="run the server (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (default 1); several need --rate-limit-storage redis://…",
    )
    serve.add_argument(
        "--rate-limit-storage",
        default=None,
        help=f"where abuse-limit counters live: memory:// (default, this process only; "
        f"${RATE_LIMIT_STORAGE_ENV}) or redis://HOST:6379/DB (shared by every process)",
    )
    serve.add_argument(
        "--graceful-timeout",
        type=float,
        default=DEFAULT_GRACEFUL_TIMEOUT_S,
        help="seconds in-flight requests may take to finish on SIGTERM (default 30)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default=None,
        help="proxies whose X-Forwarded-For is the client address (per-IP limits, logs); "
        "uvicorn's default: 127.0.0.1",
    )
    serve.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace, engine: Engine) -> int:
    import uvicorn

    from sync.server.app import create_app

    if args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    storage = args.rate_limit_storage or os.environ.get(RATE_LIMIT_STORAGE_ENV) or "memory://"
    limits = RateLimits(storage=storage)  # a bad URL fails here, before listening
    level = getattr(logging, args.log_level.upper())
    logs.configure(level)
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "timeout_graceful_shutdown": args.graceful_timeout,
        "access_log": False,  # replaced by the request log: no query strings, request ids
        "log_level": args.log_level,
    }
    if args.forwarded_allow_ips is not None:
        options["forwarded_allow_ips"] = args.forwarded_allow_ips
    if args.workers > 1 and not limits.shared:
        log.warning(
            "%d workers with memory:// rate limits: each process counts alone, so clients "
            "get up to %d times their limits; use --rate-limit-storage redis://…",
            args.workers,
            args.workers,
        )
    with _signals_end_cleanly():
        if args.workers == 1:
            app = create_app(engine, rate_limits=limits)
            tune_garbage_collector()
            uvicorn.run(app, **options)
        else:
            os.environ[DATABASE_ENV] = engine.url.render_as_string(hide_password=False)
            os.environ[RATE_LIMIT_STORAGE_ENV] = storage
            uvicorn.run(FACTORY, factory=True, workers=args.workers, **options)
    log.info("server stopped")
    return 0


def app_from_environment() -> Any:
    """The ASGI app from $LOYALTY_SERVER_DATABASE and $LOYALTY_SERVER_RATE_LIMIT_STORAGE
    (default memory://); uvicorn calls it in each worker process."""
    from sync.server.app import create_app

    url = os.environ.get(DATABASE_ENV)
    if not url:
        raise RuntimeError(f"${DATABASE_ENV} must name the server database (a SQLAlchemy URL)")
    logs.configure()
    limits = RateLimits(storage=os.environ.get(RATE_LIMIT_STORAGE_ENV) or "memory://")
    app = create_app(url, create_schema=False, rate_limits=limits)
    tune_garbage_collector()
    return app


def tune_garbage_collector() -> None:
    """Fewer collections while serving: a push of 500 entries allocates some 100,000 objects,
    which the default threshold (700) answers with ~140 young collections and, with the app's
    long-lived objects in the old generations, costly full ones (measured: +12% push
    throughput on PostgreSQL). The app's objects, built once, are frozen out of collection."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


@contextmanager
def _signals_end_cleanly() -> Iterator[None]:
    """uvicorn re-raises the SIGTERM/SIGINT it shut down for once it is done (to run the
    previous handler); with Python's defaults that is death by signal (or KeyboardInterrupt)
    after a clean shutdown. Our handler notes it, so `serve` returns 0."""

    def stopped_by(signum: int, _frame: FrameType | None) -> None:
        log.info("stopped by %s", signal.Signals(signum).name)

    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, stopped_by) for sig in handled}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
