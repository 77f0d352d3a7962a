"""What the sync engine reports (sync.engine) and the status bar shows (terminal.ui):
plain values, no HTTP, so the UI can import them without the client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PullProgress:
    """A pull under way: pages and rows saved so far (a snapshot: the whole company)."""

    snapshot: bool
    pages: int
    rows: int
    total: int | None = None  # rows of the whole snapshot, when the server said


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows. `state`: "starting", "online", "offline" (no answer),
    "auth_expired" (re-activation needed), "error" (the server answered, but not usefully:
    see `error_kind`), "stopped". `error_kind` is a SyncError kind (sync.client)."""

    state: str = "starting"
    pending: int = 0
    conflicts: int = 0
    last_success_at: datetime | None = None
    last_error_at: datetime | None = None
    error_kind: str | None = None
    error_detail: str | None = None  # for logs and the details box: never a token
    clock_skew_s: float | None = None  # server minus terminal, when over 2 minutes
    pulling: PullProgress | None = None
    retry_in_s: float | None = None
    pushed: int = 0  # entries settled since start
    pulled: int = 0  # rows saved since start
    revision: int = 0  # moves whenever the engine wrote into the cache (screens re-read)


@dataclass(frozen=True)
class AuthorizationVerdict:
    """The server's answer to a redemption sent in `authorize` mode, as the counter needs it:
    "approved", "refused" (`code`, `reason`: the server's), or "unavailable" (no answer in
    time, or not online: the offline rules apply)."""

    kind: str
    code: str | None = None
    reason: str | None = None
