"""Abuse limits: HTTP 429 with `Retry-After` when a client asks too often.

Built on `limits` (fixed-window strategy, storage from a URL): `memory://` keeps the counters
in this process; `redis://host:6379/0` shares them between the processes and hosts of one
deployment, so N workers still allow the limit once, not N times.

The windows are aligned on the server's injected clock (the window number is part of the
key, the storage's expiry only collects old keys): tests move a manual clock past a window
instead of sleeping, and every process of a deployment agrees on where a window starts.
Across a window boundary a client can use two windows back to back, so the worst case over
any span of one window is twice the limit; the activation math in the README counts that.

Keys: activation by client IP (the address uvicorn reports: behind a reverse proxy, let
uvicorn read X-Forwarded-For from it, `--forwarded-allow-ips`), everything else by the
authenticated terminal id, so one terminal's burst never slows another terminal down.

When the storage fails (Redis down), terminal limits fail open (an honest terminal keeps
syncing; logged) and activation fails closed with 503: an outage must not reopen code
enumeration.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlparse

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from limits import RateLimitItem, parse_many
from limits.errors import StorageError
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from sync.server.errors import ApiError
from terminal.domain.clock import Clock

log = logging.getLogger("sync.server.ratelimit")

STORAGE_ERROR_LOG_INTERVAL_S = 60.0
REDIS_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class RateLimits:
    """Limits in the `limits` notation ("120/minute", several joined by ";").

    The defaults never bother an honest terminal: after a long outage it drains 10,000
    queued entries in 20 pushes of 500 within seconds (push allows 120 a minute); it looks
    cards up at the counter's pace, a few a minute (lookup allows 60 a minute, 1,000 an
    hour); it reports PIN status rarely (30 a minute); a manager's Activity screen asks for
    the company's figures when opened or switched (30 a minute). Activation happens once
    per terminal: 30 attempts an hour per IP covers a shop setting up its tills behind one
    address, and a refused code counts against a far stricter budget (10 an hour per IP),
    after which the IP may not try any code, valid or not, until the window passes.
    """

    storage: str = "memory://"
    key_prefix: str = "loyalty"
    activation: str = "30/hour"  # per client IP, every attempt
    activation_failures: str = "10/hour"  # per client IP, refused codes only
    lookup: str = "60/minute;1000/hour"  # per terminal
    pin_status: str = "30/minute"  # per terminal
    push: str = "120/minute"  # per terminal
    stats: str = "30/minute;300/hour"  # per terminal: a manager's Activity screen, refreshed
    enabled: bool = True

    def __post_init__(self) -> None:
        for name in RULES:
            parse_many(getattr(self, name))  # a typo fails at start-up, not on a request
        if not urlparse(self.storage).scheme:
            raise ValueError(f"rate limit storage {self.storage!r} is not a URL (memory://)")

    @property
    def shared(self) -> bool:
        """Whether the counters are shared between processes (not memory://)."""
        return urlparse(self.storage).scheme != "memory"


RULES = tuple(
    item.name
    for item in fields(RateLimits)
    if item.name not in ("storage", "key_prefix", "enabled")
)
_WHAT = {
    "activation": "activation attempts from this address",
    "activation_failures": "refused activation codes from this address",
    "lookup": "card lookups from this terminal",
    "pin_status": "PIN status reports from this terminal",
    "push": "pushes from this terminal",
    "stats": "activity figures asked by this terminal",
}


class RateLimited(Exception):
    """A client over one of its limits; the app answers 429 with Retry-After."""

    def __init__(self, rule: str, retry_after: int) -> None:
        super().__init__(f"rate limited: {rule}")
        self.rule = rule
        self.retry_after = retry_after
        self.message = f"Too many {_WHAT.get(rule, 'requests')}. Retry in {retry_after} s."


class RateLimiter:
    """Counts hits per (rule, identity) in clock-aligned fixed windows. Thread-safe."""

    def __init__(self, config: RateLimits, clock: Clock, storage: Storage | None = None) -> None:
        self.config = config
        self.clock = clock
        self.storage = storage or _make_storage(config)
        self._strategy = FixedWindowRateLimiter(self.storage)
        self._items: dict[str, list[RateLimitItem]] = {
            name: parse_many(getattr(config, name)) for name in RULES
        }
        self._last_storage_error = -math.inf

    def hit(self, rule: str, identity: str, *, fail_open: bool = True) -> None:
        """Count one request; raises RateLimited when it is over any of the rule's limits."""
        self._apply(rule, identity, fail_open, count=True)

    def check(self, rule: str, identity: str, *, fail_open: bool = True) -> None:
        """Raises RateLimited when the rule's budget is already spent (counts nothing)."""
        self._apply(rule, identity, fail_open, count=False)

    def reset(self) -> None:
        """Forget every counter (memory) or every counter under the key prefix (Redis)."""
        self.storage.reset()

    def _apply(self, rule: str, identity: str, fail_open: bool, *, count: bool) -> None:
        if not self.config.enabled:
            return
        now = self.clock.now().timestamp()
        try:
            for item in self._items[rule]:
                window = item.get_expiry()
                index = math.floor(now / window)
                keys = (self.config.key_prefix, rule, identity, str(index))
                allowed = (
                    self._strategy.hit(item, *keys) if count else self._strategy.test(item, *keys)
                )
                if not allowed:
                    retry_after = max(1, math.ceil((index + 1) * window - now))
                    raise RateLimited(rule, retry_after)
        except StorageError as err:
            self._storage_failed(err)
            if not fail_open:
                raise ApiError(
                    503,
                    "service_unavailable",
                    "The server cannot check its abuse limits right now; try again shortly.",
                ) from err

    def _storage_failed(self, err: StorageError) -> None:
        moment = time.monotonic()
        if moment - self._last_storage_error >= STORAGE_ERROR_LOG_INTERVAL_S:
            self._last_storage_error = moment
            cause = err.storage_error
            log.error("rate limit storage failed: %s", type(cause).__name__)


def _make_storage(config: RateLimits) -> Storage:
    options: dict[str, Any] = {"wrap_exceptions": True}
    if urlparse(config.storage).scheme.startswith(("redis", "rediss", "valkey")):
        options.update(
            key_prefix=config.key_prefix,
            socket_timeout=REDIS_TIMEOUT_S,
            socket_connect_timeout=REDIS_TIMEOUT_S,
        )
    storage = storage_from_string(config.storage, **options)
    if not isinstance(storage, Storage):
        raise ValueError(f"rate limit storage {config.storage!r} must not be an async+ storage")
    return storage


# --- FastAPI wiring -------------------------------------------------------------------------


def install(app: FastAPI, config: RateLimits | None, clock: Clock) -> RateLimiter:
    """The app's limiter (`app.state.rate_limiter`) and its 429 answer."""
    limiter = RateLimiter(config or RateLimits(), clock)
    app.state.rate_limiter = limiter

    @app.exception_handler(RateLimited)
    async def _rate_limited(_request: Request, exc: RateLimited) -> JSONResponse:
        return JSONResponse(
            {"error": "rate_limited", "message": exc.message},
            status_code=429,
            headers={"Retry-After": str(exc.retry_after)},
        )

    return limiter


def limiter_of(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def per_terminal(rule: str, current_terminal: Callable[..., Any]) -> Callable[..., None]:
    """A dependency that counts one `rule` hit for the authenticated terminal.

    `current_terminal` is the app's authentication dependency: FastAPI solves it once per
    request, so the endpoint and this limit share the terminal (and its session)."""

    def limit(request: Request, terminal: Any = Depends(current_terminal)) -> None:  # noqa: B008
        limiter_of(request).hit(rule, str(terminal.id))

    limit.__name__ = f"rate_limit_{rule}"
    return limit


def activation_attempt(request: Request) -> None:
    """Dependency of activation: refuses an IP over its attempts, or out of failed codes."""
    limiter = limiter_of(request)
    address = client_ip(request)
    limiter.check("activation_failures", address, fail_open=False)
    limiter.hit("activation", address, fail_open=False)


def activation_refused(request: Request) -> None:
    """Count a refused activation code against the client IP's strict budget."""
    limiter_of(request).hit("activation_failures", client_ip(request), fail_open=False)
