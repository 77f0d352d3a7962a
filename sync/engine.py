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
   Page size follows the counter: big pages (5,000 rows) while nobody works at it, the
   fastest way down for a big chain (a local commit per few hundred rows costs half the
   insert rate); small ones (100 rows: 10 to 40 ms of write lock at a million cards) from
   a counter operation until the counter has been quiet for 30 s, so the cashier never
   waits long for the write lock.

Failures: timeouts, cut connections and 5xx retry the same work with exponential backoff
and full jitter (cap 60 s; a 429's Retry-After is a floor). A 401 stops syncing until
`set_token()` (re-activation); the queue stays intact and the counter keeps working.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime

from sync.backoff import Backoff
from sync.client import AuthExpired, Offline, RateLimited, SyncClient, SyncError
from sync.figures import company_activity, unavailable_reason
from sync.port import LocalStore
from sync.protocol import (
    MAX_CHANGES_LIMIT,
    MAX_PUSH_ENTRIES,
    ChangesResponse,
    PinStatusRequest,
    PushRequest,
)
from sync.status import AuthorizationVerdict, PullProgress, SyncStatus
from terminal.domain.activity import CompanyActivity
from terminal.domain.clock import Clock, SystemClock
from terminal.domain.errors import CompanyFiguresUnavailable

log = logging.getLogger(__name__)

DEFAULT_PULL_INTERVAL_S = 30.0
DEFAULT_DEBOUNCE_S = 0.3
DEFAULT_PAGE_SIZE = 100  # rows per page while the counter works: a short local transaction
IDLE_PAGE_SIZE = MAX_CHANGES_LIMIT  # while it does not: fewer, bigger commits
COUNTER_QUIET_S = 30.0  # after a counter operation, small pages for this long
CLOCK_SKEW_WARNING_S = 120.0
AUTHORIZE_DEADLINE_S = 1.5  # a customer waits at the counter
LOOKUP_DEADLINE_S = 1.0  # a card from another store, not in the cache yet
STATS_DEADLINE_S = 1.5  # the company's figures: the manager's screen waits for them


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
        idle_page_size: int = IDLE_PAGE_SIZE,
        counter_quiet_s: float = COUNTER_QUIET_S,
        monotonic: Callable[[], float] = time.monotonic,
        batch_size: int = MAX_PUSH_ENTRIES,
        load_token: Callable[[], str | None] | None = None,
    ) -> None:
        """`load_token`: reads the terminal's token from the credential store, called on
        the engine's thread before the first request (keyring can be slow or ask for a
        password: never on the GUI thread). Without it the client's token is used.
        `page_size` / `idle_page_size`: rows per pulled page within `counter_quiet_s` of a
        counter operation (`trigger()`) and otherwise, on the `monotonic` clock."""
        self._store = store
        self._client = client
        self._clock = clock or SystemClock()
        self._on_status = on_status or (lambda _status: None)
        self._backoff = backoff or Backoff()
        self._pull_interval_s = pull_interval_s
        self._debounce_s = debounce_s
        self._page_size = page_size
        self._idle_page_size = idle_page_size
        self._counter_quiet_s = counter_quiet_s
        self._monotonic = monotonic
        self._counter_worked_at: float | None = None
        self._batch_size = min(batch_size, MAX_PUSH_ENTRIES)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # one cycle at a time (thread or run_once)
        # One push at a time (a cycle's, or an online authorisation's). A pull does not hold
        # it: a redemption is authorised during a long initial pull too.
        self._push_lock = threading.Lock()
        self._recovered = False
        self._prefetch = ThreadPoolExecutor(max_workers=1, thread_name_prefix="loyalty-pull")
        self._status = SyncStatus()
        self._auth_expired = False
        self._load_token = load_token

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
        """A counter operation committed: push soon (debounced), pull in small pages."""
        self._counter_worked_at = self._monotonic()
        self._wake.set()

    def page_size(self) -> int:
        """Rows to ask for in the next page (see the module doc)."""
        worked = self._counter_worked_at
        if worked is not None and self._monotonic() - worked < self._counter_quiet_s:
            return self._page_size
        return self._idle_page_size

    def set_token(self, token: str) -> None:
        """A new token (re-activation): sync resumes at once."""
        self._client.set_token(token)
        self._load_token = None
        self._auth_expired = False
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._prefetch.shutdown(wait=False, cancel_futures=True)
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
            if self._load_token is not None:
                try:
                    token = self._load_token()
                except Exception as err:  # e.g. the OS credential store is locked
                    failure = SyncError(f"the credential store failed: {type(err).__name__}")
                    failure.kind = "credential_store"
                    self._failed(failure, state="error", retry=self._backoff.failed())
                    return False
                if not token:
                    self._auth_expired = True
                    self._publish(state="auth_expired", error_kind="no_token", error_detail=None)
                    return False
                self._client.set_token(token)
                self._load_token = None
            self._push_all()
            self._report_pins()
            if not self._stopping.is_set():
                self._pull_all()
        except AuthExpired as err:
            self._auth_expired = True
            self._failed(err, state="auth_expired", retry=None)
            return False
        except SyncError as err:  # offline, rate limited, a bad answer, another version
            floor = err.retry_after if isinstance(err, RateLimited) else None
            state = "offline" if isinstance(err, Offline) else "error"
            self._failed(err, state=state, retry=self._backoff.failed(floor))
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

    def _push_all(self, deadline: float | None = None) -> None:
        """Every pending entry, in batches; `deadline` (monotonic): give up when it passes."""
        terminal_id = self._store.terminal_id()
        assert terminal_id is not None
        with self._push_lock:
            if not self._recovered:
                self._store.recover_authorizations()  # left by a crash: unanswered
                self._recovered = True
            self._push_batches(terminal_id, deadline)

    def _push_batches(self, terminal_id: str, deadline: float | None) -> None:
        while not self._stopping.is_set():
            batch = self._store.take_push_batch(self._batch_size, self._clock.now())
            if not batch:
                return
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise Offline("no time left to send the queue first", timed_out=True)
            answer = self._client.push(
                PushRequest(terminal_id=terminal_id, entries=batch), deadline=remaining
            )
            outcome = self._store.save_push(answer)
            self._store.note_push(self._clock.now())
            self._note_server_time(answer.server_time)
            settled = len(batch) - outcome.gaps
            counts = self._store.counts()
            self._publish(
                state="online",
                pushed=self._status.pushed + settled,
                revision=self._status.revision + 1,
                pending=counts.pending,
                conflicts=counts.conflicts,
            )
            if settled == 0:
                # Only gaps: the server misses entries this terminal no longer has pending
                # (a restored database?). Sending the same batch again would loop.
                gap = SyncError(
                    f"the server expects earlier entries first ({outcome.gaps} gaps)",
                    code="gap",
                )
                gap.kind = "gap"
                raise gap
            if len(batch) < self._batch_size:
                # The queue as it was is out. What the counter adds meanwhile goes with the
                # next cycle (its trigger wakes it): a busy counter never keeps the engine
                # pushing one entry at a time, away from its pull.
                return

    def _report_pins(self) -> None:
        """PIN lockouts seen here go to the server, which makes them company-wide (every
        terminal pulls them with the staff)."""
        terminal_id = self._store.terminal_id()
        reports = self._store.pin_reports(self._clock.now())
        if reports and terminal_id is not None:
            self._client.pin_status(PinStatusRequest(terminal_id=terminal_id, reports=reports))
            self._store.pins_reported(reports)

    def lookup_card(self, query: str, deadline_s: float = LOOKUP_DEADLINE_S) -> str | None:
        """A card this cache does not hold, asked of the server (the counter's read thread;
        short deadline) and cached. Returns its id, or None (not found, or no answer)."""
        if not self.can_authorize():
            return None
        try:
            info = self._client.lookup(query, deadline=deadline_s)
        except SyncError as err:
            log.info("sync: online lookup unavailable: %s", err.kind)
            return None
        if info is None:
            return None
        self._store.cache_card(info, self._clock.now())
        self._publish(revision=self._status.revision + 1)
        return info.id

    def company_activity(
        self, since: datetime, deadline_s: float = STATS_DEADLINE_S
    ) -> CompanyActivity:
        """The company's figures from `since` on, asked of the server (the manager's read
        thread; short deadline). Not asked while offline, so an offline screen opens at
        once. Raises CompanyFiguresUnavailable ("offline", "auth_expired", "error")."""
        if self._auth_expired:
            raise CompanyFiguresUnavailable("auth_expired")
        if not self.can_authorize():
            raise CompanyFiguresUnavailable("offline")
        try:
            answer = self._client.stats(since, deadline=deadline_s)
        except SyncError as err:
            log.info("sync: company figures unavailable: %s", err.kind)
            raise CompanyFiguresUnavailable(unavailable_reason(err)) from err
        self._note_server_time(answer.server_time)
        return company_activity(answer)

    def _pull_all(self) -> None:
        """Pages until the last. The next page is asked for while this one is saved (its
        cursor is known as soon as it arrives): the server's work and the local inserts
        overlap, which an initial pull of a big chain needs."""
        pages = rows = 0
        snapshot = False
        total: int | None = None
        ahead: Future[ChangesResponse] | None = None
        try:
            while not self._stopping.is_set():
                if self._wake.is_set():  # a counter operation meanwhile: it goes out first
                    self._wake.clear()
                    self._push_all()
                if self._store.has_unanswered():
                    self._push_all()
                    if self._store.has_unanswered():
                        return  # pushed again next cycle, before any pull
                if ahead is None:
                    page = self._client.changes(self._store.cursor(), self.page_size())
                else:
                    page, ahead = ahead.result(), None
                if page.has_more:
                    ahead = self._ask_ahead(page.next_cursor)
                applied = self._store.save_page(page, self._clock.now())
                self._note_server_time(page.server_time)
                pages += 1
                rows += sum(applied.values())
                snapshot = snapshot or page.snapshot
                total = page.snapshot_rows if page.snapshot_rows is not None else total
                self._publish(
                    pulling=PullProgress(snapshot, pages, rows, total) if page.has_more else None,
                    pulled=self._status.pulled + sum(applied.values()),
                    revision=self._status.revision + 1,
                )
                if not page.has_more:
                    return
        finally:
            if ahead is not None:
                ahead.cancel()
                with contextlib.suppress(Exception):  # its error is not this cycle's
                    ahead.result()  # a page asked for but not saved: dropped

    def _ask_ahead(self, cursor: str | None) -> Future[ChangesResponse] | None:
        """The next page, asked for on the prefetch thread; None once `stop()` shut it
        down (this page is still saved, then the loop ends)."""
        try:
            return self._prefetch.submit(self._client.changes, cursor, self.page_size())
        except RuntimeError:  # "cannot schedule new futures after shutdown"
            return None

    # --- online authorisation (the counter's write thread) -------------------------------

    def can_authorize(self) -> bool:
        """Worth asking the server while the customer waits: it answered lately."""
        return self._status.state in ("online", "starting") and not self._auth_expired

    def authorize(
        self, entry_id: str, deadline_s: float = AUTHORIZE_DEADLINE_S
    ) -> AuthorizationVerdict:
        """Send the AUTHORIZING entry `entry_id` in `authorize` mode, after the queue (the
        server applies a terminal's entries in order), within `deadline_s` in all. The
        answer is saved before this returns: approved (settled), refused (withdrawn, the
        card at the server's state) or unavailable (still AUTHORIZING: the caller applies
        the offline rules). Runs on the caller's thread; never raises for the network."""
        deadline = time.monotonic() + deadline_s
        if not self._push_lock.acquire(timeout=deadline_s):
            return AuthorizationVerdict("unavailable", "busy")
        try:
            terminal_id = self._store.terminal_id()
            if terminal_id is None:
                return AuthorizationVerdict("unavailable", "not_activated")
            try:
                self._push_batches(terminal_id, deadline)
            except SyncError as err:  # the queue first: the entry itself was not sent
                log.info("sync: online authorisation unavailable: %s (%s)", err.kind, err)
                return AuthorizationVerdict("unavailable", err.kind)
            try:
                return self._send_authorization(terminal_id, entry_id, deadline)
            except SyncError as err:
                log.info("sync: online authorisation unanswered: %s (%s)", err.kind, err)
                if (isinstance(err, Offline) and not err.sent) or not err.retryable:
                    # It never reached the server (or was refused before any work): the
                    # offline rules may still withdraw it. Otherwise the server may hold it.
                    self._store.forget_sent(entry_id)
                return AuthorizationVerdict("unavailable", err.kind)
        finally:
            self._push_lock.release()
            self._wake.set()  # whatever happened, the next cycle reports it

    def _send_authorization(
        self, terminal_id: str, entry_id: str, deadline: float
    ) -> AuthorizationVerdict:
        entry = self._store.take_authorization(entry_id, self._clock.now())
        if entry is None:
            return AuthorizationVerdict("unavailable", "not_found")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Offline("no time left to ask", timed_out=True, sent=False)
        answer = self._client.push(
            PushRequest(terminal_id=terminal_id, mode="authorize", entries=[entry]),
            deadline=remaining,
        )
        result = next((r for r in answer.results if r.id == entry_id), None)
        self._note_server_time(answer.server_time)
        kind = (
            None
            if result is None
            else (
                result.original_result or "accepted"
                if result.result == "duplicate"
                else result.result
            )
        )
        if kind in ("accepted", "overdraft"):
            self._store.save_push(answer)
            self._store.approve(entry_id)
            self._publish(revision=self._status.revision + 1)
            return AuthorizationVerdict("approved")
        if kind == "rejected" and result is not None:
            self._store.withdraw_authorization(entry_id, result.card)
            self._publish(revision=self._status.revision + 1)
            return AuthorizationVerdict("refused", result.code, result.reason)
        self._store.forget_sent(entry_id)  # a gap or a conflict: not applied, sent later
        return AuthorizationVerdict("unavailable", kind)

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
        if self._stopping.is_set() and "state" in changes:
            # A cycle that ends after stop(): its counts still count, "stopped" stays.
            changes.update(state="stopped", retry_in_s=None, pulling=None)
        self._status = replace(self._status, **changes)  # type: ignore[arg-type]
        try:
            self._on_status(self._status)
        except Exception:
            log.exception("sync: the status listener failed")


__all__ = ["PullProgress", "SyncEngine", "SyncStatus"]
