"""The terminal's sync engine: push pending entries, pull the company's changes (Qt-free).

It runs on its own thread (`start()`), or one cycle at a time (`run_once()`, for tests and
the command line), against two ports given to its constructor: the local database
(`LocalStore`, implemented by terminal.services.syncing.store) and the central server
(sync.client.SyncClient). Status goes out through one callback, on the engine's thread
(terminal.ui.sync_status turns it into a Qt signal).

A cycle:
1. Push: the oldest pending entries, up to 500, marked as sent before the request leaves,
   until none are left. An entry leaves the pending state only when its answer is saved.
2. Pull: pages of changes after the saved cursor (a snapshot when the server does not know
   it), each page saved with its cursor in one local transaction, until the last page. Never
   while an entry was sent without its answer saved (the pulled card states might already
   count it, and it is still counted as pending here): such entries are pushed again first,
   and the server answers `duplicate` with the card's state.
   A counter operation in the middle of a long pull is pushed between two pages.

Failures: timeouts, cut connections and 5xx retry the same work with exponential backoff
and full jitter (cap 60 s; a 429's Retry-After is a floor). A 401 stops syncing until
`set_token()` (re-activation); the queue stays intact and the counter keeps working.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sync.backoff import Backoff
from sync.client import AuthExpired, Offline, ProtocolMismatch, RateLimited, SyncClient, SyncError
from sync.port import LocalCounts, LocalStore, PushOutcome
from sync.protocol import MAX_PUSH_ENTRIES, PushRequest
from terminal.domain.clock import Clock, SystemClock

log = logging.getLogger(__name__)

DEFAULT_PULL_INTERVAL_S = 30.0
DEFAULT_DEBOUNCE_S = 0.3
DEFAULT_PAGE_SIZE = 2000
CLOCK_SKEW_WARNING_S = 120.0


@dataclass(frozen=True)
class PullProgress:
    """A pull under way: pages and rows saved so far (a snapshot: the whole company)."""

    snapshot: bool
    pages: int
    rows: int


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


class SyncEngine:
    """One terminal's sync with its server. `stop()` is safe twice (and before `start()`)."""

    def __init__(
        self,
        store: LocalStore,
        client: SyncClient,
        *,
        clock: Clock | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        backoff: Backoff | None = None,
        pull_interval_s: float = DEFAULT_PULL_INTERVAL_S,
        debounce_s: float = DEFAULT_DEBOUNCE_S,
        page_size: int = DEFAULT_PAGE_SIZE,
        batch_size: int = MAX_PUSH_ENTRIES,
    ) -> None:
        self._store = store
        self._client = client
        self._clock = clock or SystemClock()
        self._on_status = on_status or (lambda _status: None)
        self._backoff = backoff or Backoff()
        self._pull_interval_s = pull_interval_s
        self._debounce_s = debounce_s
        self._page_size = page_size
        self._batch_size = min(batch_size, MAX_PUSH_ENTRIES)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # one cycle at a time (thread, run_once, authorize)
        self._status = SyncStatus()
        self._auth_expired = False

    # --- control (any thread) --------------------------------------------------------------

    @property
    def status(self) -> SyncStatus:
        return self._status

    def start(self) -> None:
        if self._thread is not None or self._stopping.is_set():
            return
        self._thread = threading.Thread(target=self._run, name="loyalty-sync", daemon=True)
        self._thread.start()

    def trigger(self) -> None:
        """A counter operation committed: push soon (debounced)."""
        self._wake.set()

    def set_token(self, token: str) -> None:
        """A new token (re-activation): sync resumes at once."""
        self._client.set_token(token)
        self._auth_expired = False
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        if self._status.state != "stopped":
            self._publish(state="stopped", retry_in_s=None, pulling=None)

    # --- the work -------------------------------------------------------------------------

    def run_once(self) -> SyncStatus:
        """One cycle on the caller's thread: push everything, then pull to the end.
        Errors become the status (and the backoff's next delay); nothing is raised."""
        with self._lock:
            self._cycle()
        return self._status

    def _run(self) -> None:
        delay = 0.0
        while not self._stopping.is_set():
            self._wake.wait(timeout=delay)
            if self._stopping.is_set():
                break
            if self._wake.is_set():
                self._wake.clear()
                # Debounce: a burst of operations goes out as one push.
                if self._stopping.wait(self._debounce_s):
                    break
                self._wake.clear()
            with self._lock:
                ok = self._cycle()
            if self._auth_expired:
                delay = 24 * 3600.0  # until set_token() wakes us
            elif ok:
                delay = self._pull_interval_s
            else:
                delay = self._status.retry_in_s or self._pull_interval_s

    def _cycle(self) -> bool:
        if self._auth_expired:
            self._refresh_counts()
            return False
        try:
            if self._store.terminal_id() is None:
                self._publish(state="error", error_kind="not_activated", error_detail=None)
                return False
            self._push_all()
            if not self._stopping.is_set():
                self._pull_all()
        except AuthExpired as err:
            self._auth_expired = True
            self._failed(err, state="auth_expired", retry=None)
            return False
        except RateLimited as err:
            self._failed(err, state="error", retry=self._backoff.failed(err.retry_after))
            return False
        except Offline as err:
            self._failed(err, state="offline", retry=self._backoff.failed())
            return False
        except ProtocolMismatch as err:
            self._failed(err, state="error", retry=self._backoff.failed())
            return False
        except SyncError as err:
            self._failed(err, state="error", retry=self._backoff.failed())
            return False
        except Exception as err:  # the local database failing: shown, retried, never a crash
            log.exception("sync: the cycle failed")
            failure = SyncError(f"{type(err).__name__}: {err}")
            failure.kind = "local_error"
            self._failed(failure, state="error", retry=self._backoff.failed())
            return False
        self._backoff.succeeded()
        counts = self._store.counts()
        self._publish(
            state="online",
            last_success_at=self._clock.now(),
            error_kind=None,
            error_detail=None,
            retry_in_s=None,
            pulling=None,
            pending=counts.pending,
            conflicts=counts.conflicts,
        )
        return True

    def _push_all(self) -> None:
        terminal_id = self._store.terminal_id()
        assert terminal_id is not None
        while not self._stopping.is_set():
            batch = self._store.take_push_batch(self._batch_size, self._clock.now())
            if not batch:
                return
            answer = self._client.push(PushRequest(terminal_id=terminal_id, entries=batch))
            outcome = self._store.save_push(answer)
            self._store.note_push(self._clock.now())
            self._note_server_time(answer.server_time)
            settled = len(batch) - outcome.gaps
            counts = self._store.counts()
            self._publish(
                state="online",
                pushed=self._status.pushed + settled,
                pending=counts.pending,
                conflicts=counts.conflicts,
            )
            if settled == 0:
                # Only gaps: the server misses entries this terminal no longer has pending
                # (a restored database?). Sending the same batch again would loop.
                raise SyncError(
                    f"the server expects earlier entries first ({outcome.gaps} gaps)",
                    code="gap",
                )

    def _pull_all(self) -> None:
        pages = rows = 0
        snapshot = False
        while not self._stopping.is_set():
            if self._wake.is_set():  # a counter operation meanwhile: it goes out first
                self._wake.clear()
                self._push_all()
            if self._store.has_unanswered():
                self._push_all()
                if self._store.has_unanswered():
                    return  # pushed again next cycle, before any pull
            page = self._client.changes(self._store.cursor(), self._page_size)
            applied = self._store.save_page(page, self._clock.now())
            self._note_server_time(page.server_time)
            pages += 1
            rows += sum(applied.values())
            snapshot = snapshot or page.snapshot
            self._publish(
                pulling=PullProgress(snapshot, pages, rows) if page.has_more else None,
                pulled=self._status.pulled + sum(applied.values()),
            )
            if not page.has_more:
                return

    # --- status ---------------------------------------------------------------------------

    def _note_server_time(self, server_time: datetime) -> None:
        skew = (server_time - self._clock.now()).total_seconds()
        shown = skew if abs(skew) > CLOCK_SKEW_WARNING_S else None
        if shown != self._status.clock_skew_s:
            self._publish(clock_skew_s=shown)

    def _failed(self, err: SyncError, *, state: str, retry: float | None) -> None:
        log.info("sync: %s (%s)", err.kind, err)
        self._refresh_counts(
            state=state,
            error_kind=err.kind,
            error_detail=str(err),
            last_error_at=self._clock.now(),
            retry_in_s=retry,
            pulling=None,
        )

    def _refresh_counts(self, **changes: object) -> None:
        try:
            counts = self._store.counts()
            changes.update(pending=counts.pending, conflicts=counts.conflicts)
        except Exception:  # the local database failing is shown by the counter itself
            log.exception("sync: could not count the local queue")
        self._publish(**changes)

    def _publish(self, **changes: object) -> None:
        self._status = replace(self._status, **changes)  # type: ignore[arg-type]
        try:
            self._on_status(self._status)
        except Exception:
            log.exception("sync: the status listener failed")


__all__ = [
    "LocalCounts",
    "LocalStore",
    "PullProgress",
    "PushOutcome",
    "SyncEngine",
    "SyncStatus",
]
