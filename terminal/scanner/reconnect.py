"""Keeping a frame source running across unplugs: reopen with backoff, never sleep."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from terminal.scanner.frames import Frame, FrameSource, SourceError

log = logging.getLogger(__name__)
MonotonicClock = Callable[[], float]


class SourceState(StrEnum):
    CONNECTING = "connecting"  # the first attempt has not run yet
    OK = "ok"
    WAITING = "waiting"  # no frames; an attempt to reopen is due at `retry_at`
    FAILED = "failed"  # a problem that waiting will not fix (see `message`)
    ENDED = "ended"  # a finite source (video file, image folder) has no more frames


@dataclass(frozen=True)
class SourceStatus:
    state: SourceState
    message: str = ""  # for the cashier: what is wrong and what to do
    retry_at: float | None = None  # on the reconnector's clock, while WAITING
    recovered: bool = False  # the OK that follows a time without frames
    kind: str = ""  # the SourceError's kind while WAITING or FAILED (see frames.SourceError)


class CameraReconnector:
    """Keeps a frame source running across unplugs: reopen with backoff, never sleep.

    The camera worker thread calls `next_frame()` in its loop. It returns a new Frame, or
    None when there is nothing new: then `status` says why and `seconds_until_next()` how
    long the worker may wait (on its stop event, say) before calling again. Recoverable
    SourceErrors (missing, busy, unplugged) are retried at `first_delay_s`, doubling up to
    `max_delay_s`; the others end in FAILED until `retry_now()`. `on_status` is called on
    the worker thread at every change of state, including the OK with `recovered=True`
    when the camera comes back.
    """

    def __init__(
        self,
        source_factory: Callable[[], FrameSource],
        *,
        clock: MonotonicClock = time.monotonic,
        first_delay_s: float = 0.5,
        max_delay_s: float = 5.0,
        on_status: Callable[[SourceStatus], None] | None = None,
    ) -> None:
        if not 0 < first_delay_s <= max_delay_s:
            raise ValueError("backoff needs 0 < first_delay_s <= max_delay_s")
        self._factory = source_factory
        self._clock = clock
        self._first_delay = first_delay_s
        self._max_delay = max_delay_s
        self._on_status = on_status
        self._source: FrameSource | None = None
        self._delay = first_delay_s
        self._last_index: int | None = None
        self._had_trouble = False
        self._status = SourceStatus(SourceState.CONNECTING, retry_at=-math.inf)

    @property
    def status(self) -> SourceStatus:
        return self._status

    @property
    def source(self) -> FrameSource | None:
        """The open source, if any (for its description)."""
        return self._source

    def next_frame(self) -> Frame | None:
        state = self._status.state
        if state in (SourceState.FAILED, SourceState.ENDED):
            return None
        if self._source is None:
            retry_at = self._status.retry_at
            if retry_at is not None and self._clock() < retry_at:
                return None
            if not self._try_open():
                return None
        assert self._source is not None
        try:
            frame = self._source.read()
        except SourceError as err:
            self._lost(err)
            return None
        if frame is None:
            self._drop_source()
            self._set(SourceStatus(SourceState.ENDED, "The picture source has no more frames."))
            return None
        if frame.index == self._last_index:
            return None  # a paced source (the demo) has nothing newer yet
        self._last_index = frame.index
        return frame

    def seconds_until_next(self) -> float | None:
        """How long the worker may wait before `next_frame()` can give something new;
        0 means call again now, None means never (FAILED or ENDED)."""
        status = self._status
        if status.state in (SourceState.FAILED, SourceState.ENDED):
            return None
        if status.state is SourceState.WAITING and status.retry_at is not None:
            return max(0.0, status.retry_at - self._clock())
        pacing = getattr(self._source, "seconds_until_next_frame", None)
        return max(0.0, pacing()) if callable(pacing) else 0.0

    def retry_now(self) -> None:
        """The cashier pressed "Try again": the next call reopens at once."""
        if self._source is None:
            self._delay = self._first_delay
            self._set(SourceStatus(SourceState.WAITING, self._status.message, -math.inf))

    def close(self) -> None:
        """Release the source; safe to call twice."""
        self._drop_source()

    def _try_open(self) -> bool:
        try:
            source = self._factory()
            source.open()
        except SourceError as err:
            self._lost(err)
            return False
        self._source = source
        self._delay = self._first_delay
        self._last_index = None
        recovered, self._had_trouble = self._had_trouble, False
        message = "The camera is back." if recovered else ""
        self._set(SourceStatus(SourceState.OK, message, recovered=recovered))
        return True

    def _lost(self, err: SourceError) -> None:
        self._drop_source()
        self._had_trouble = True
        if not err.recoverable:
            self._set(SourceStatus(SourceState.FAILED, err.message, kind=err.kind))
            return
        retry_at = self._clock() + self._delay
        self._delay = min(self._delay * 2, self._max_delay)
        self._set(SourceStatus(SourceState.WAITING, err.message, retry_at, kind=err.kind))

    def _drop_source(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            source.close()

    def _set(self, status: SourceStatus) -> None:
        changed = (status.state, status.message) != (self._status.state, self._status.message)
        self._status = status
        if changed:
            log.info("frame source %s: %s", status.state, status.message)
            if self._on_status is not None:
                self._on_status(status)
