"""The one background-task helper: every service call runs here, off the GUI thread.

SQLite has one writer, so writes run one after another on a single worker thread, in the
order they were asked for; reads run on a small pool. The outcome (a value or an
exception) comes back through a queued signal and the callback runs on the GUI thread.

Two rules keep the screens honest:
- a read with a `key` supersedes the earlier reads of that key: card B scanned while
  card A is still loading shows B, and A's late answer is dropped (a generation number);
- a write with a `key` is refused while one of that key is in flight: a key pressed twice
  submits once.
A result whose `owner` widget is gone is dropped too. Built once in app.py and passed in.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from terminal.domain.errors import LoyaltyError

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass(frozen=True)
class _Task:
    number: int
    fn: Callable[[], Any]
    done: Done
    failed: Failed | None
    owner: QObject | None
    key: str | None
    generation: int
    is_write: bool


@dataclass(frozen=True)
class _Outcome:
    task: _Task
    value: Any = None
    error: BaseException | None = None


class TaskRunner(QObject):
    """Signals, all emitted on the GUI thread:

    - `busy_changed(bool)`: True when the first task is queued, False when the last ends.
    - `idle()`: no task is queued or running any more (tests wait on it).
    - `task_finished(int)`: the task of that number has delivered (or dropped) its outcome.
    - `write_busy(str, bool)`: a write of that key started (True) or ended (False).
    """

    write_busy = Signal(str, bool)
    busy_changed = Signal(bool)
    idle = Signal()
    task_finished = Signal(int)
    _delivered = Signal(object)  # emitted on worker threads, delivered queued

    def __init__(self, *, readers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="counter-write")
        self._readers = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="counter-read")
        self._lock = threading.Lock()
        self._numbers = 0
        self._pending: set[int] = set()
        self._generations: dict[str, int] = {}
        self._writes_in_flight: set[str] = set()
        self._closed = False
        self._delivered.connect(self._deliver)

    # --- asking for work (GUI thread) ------------------------------------------------------

    def read(
        self,
        fn: Callable[[], Any],
        done: Done,
        failed: Failed | None = None,
        *,
        key: str | None = None,
        owner: QObject | None = None,
    ) -> int | None:
        """Run a read on the pool; a later read of the same `key` makes this one stale."""
        return self._submit(fn, done, failed, key=key, owner=owner, is_write=False)

    def write(
        self,
        fn: Callable[[], Any],
        done: Done,
        failed: Failed | None = None,
        *,
        key: str | None = None,
        owner: QObject | None = None,
    ) -> int | None:
        """Queue a write on the single writer. Returns None (and runs nothing) when a write
        of the same `key` is still in flight, or after shutdown."""
        return self._submit(fn, done, failed, key=key, owner=owner, is_write=True)

    def is_writing(self, key: str) -> bool:
        return key in self._writes_in_flight

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def forget(self, key: str) -> None:
        """Make every read of `key` in flight stale (the screen moved on)."""
        self._generations[key] = self._generations.get(key, 0) + 1

    def shutdown(self) -> None:
        """Refuse new work, let running tasks finish, stop the threads; safe to call twice.
        Outcomes that arrive afterwards are dropped."""
        self._closed = True
        self._writer.shutdown(wait=True, cancel_futures=True)
        self._readers.shutdown(wait=True, cancel_futures=True)

    # --- inside ----------------------------------------------------------------------------

    def _submit(
        self,
        fn: Callable[[], Any],
        done: Done,
        failed: Failed | None,
        *,
        key: str | None,
        owner: QObject | None,
        is_write: bool,
    ) -> int | None:
        if self._closed:
            return None
        if is_write and key is not None:
            if key in self._writes_in_flight:
                return None
            self._writes_in_flight.add(key)
            self.write_busy.emit(key, True)
        generation = 0
        if not is_write and key is not None:
            generation = self._generations.get(key, 0) + 1
            self._generations[key] = generation
        self._numbers += 1
        task = _Task(self._numbers, fn, done, failed, owner, key, generation, is_write)
        was_busy = self.busy
        self._pending.add(task.number)
        if not was_busy:
            self.busy_changed.emit(True)
        pool = self._writer if is_write else self._readers
        pool.submit(self._run, task)
        return task.number

    def _run(self, task: _Task) -> None:  # on a worker thread
        try:
            outcome = _Outcome(task, value=task.fn())
        except Exception as err:  # every failure goes back to the screen that asked
            if not isinstance(err, LoyaltyError):
                log.exception("background task failed")
            outcome = _Outcome(task, error=err)
        if not self._closed:
            self._delivered.emit(outcome)

    def _deliver(self, outcome: _Outcome) -> None:  # on the GUI thread
        task = outcome.task
        if task.is_write and task.key is not None:
            self._writes_in_flight.discard(task.key)
            self.write_busy.emit(task.key, False)
        try:
            if self._is_current(task):
                if outcome.error is None:
                    task.done(outcome.value)
                elif task.failed is not None:
                    task.failed(outcome.error)
                else:
                    log.error("unhandled failure of a background task: %s", outcome.error)
        finally:
            self._pending.discard(task.number)
            self.task_finished.emit(task.number)
            if not self._pending:
                self.busy_changed.emit(False)
                self.idle.emit()

    def _is_current(self, task: _Task) -> bool:
        if self._closed:
            return False
        if task.owner is not None and not shiboken6.isValid(task.owner):
            return False
        if task.key is not None and not task.is_write:
            return self._generations.get(task.key) == task.generation
        return True
