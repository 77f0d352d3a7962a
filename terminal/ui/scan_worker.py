"""The camera worker: frame source + decoder + confirmer on their own QThread.

The source is created, opened, read and released on this one thread (cameras dislike
being touched from several). Only small immutable values cross to the GUI thread: a
scaled QImage preview at a throttled rate, and accepted scans as plain dataclasses.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import cv2
import numpy as np
from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QImage

from terminal.scanner.confirm import Confirmer
from terminal.scanner.decoders import Decoder
from terminal.scanner.frames import Frame, FrameSource
from terminal.scanner.pipeline import ScanPipeline
from terminal.scanner.reconnect import CameraReconnector, SourceState, SourceStatus


def preview_image(image: np.ndarray, width: int) -> QImage:
    """A detached QImage copy of a frame, scaled down to `width` pixels at most."""
    h, w = image.shape[:2]
    if w > width:
        image = cv2.resize(image, (width, round(h * width / w)), interpolation=cv2.INTER_AREA)
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    image = np.ascontiguousarray(image)
    h, w = image.shape[:2]
    return QImage(image.data, w, h, image.strides[0], QImage.Format.Format_BGR888).copy()


class ScanWorker(QThread):
    """Signals, all emitted on the worker thread and delivered queued to GUI receivers:

    - `preview(QImage)`: the newest frame, scaled, at most `preview_fps` times a second.
    - `scanned(object)`: an AcceptedScan (payload and the timestamps for latency).
    - `camera_status(str, bool)`: a message (English, for logs), and whether frames flow.
    - `status_changed(object, str)`: the same change as a SourceStatus, and the source's
      description (empty while none is open): screens put it in their own words.
    - `source_finished()`: a finite source (video file, folder) has no more frames, or
      the source failed in a way waiting will not fix (the status said why).

    Missing, busy and unplugged cameras are retried with backoff by CameraReconnector.
    """

    preview = Signal(QImage)
    scanned = Signal(object)
    camera_status = Signal(str, bool)
    status_changed = Signal(object, str)
    source_finished = Signal()

    def __init__(
        self,
        source_factory: Callable[[], FrameSource],
        decoder: Decoder,
        confirmer: Confirmer,
        *,
        clock: Callable[[], float] = time.monotonic,
        preview_fps: float = 15.0,
        preview_width: int = 640,
        first_retry_s: float = 0.5,
        max_retry_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source_factory = source_factory
        self._pipeline = ScanPipeline(decoder, confirmer, clock=clock)
        self._clock = clock
        self._preview_interval = 1.0 / preview_fps if preview_fps > 0 else float("inf")
        self._preview_width = preview_width
        self._retry = (first_retry_s, max_retry_s)
        self._stopping = threading.Event()
        self._last_preview_at: float | None = None

    def stop(self) -> None:
        """Ask the loop to end and wait for the thread; safe to call any number of times."""
        self._stopping.set()
        if self.isRunning():
            self.wait()

    def run(self) -> None:  # on the worker thread
        first, most = self._retry
        reconnector = CameraReconnector(
            self._source_factory,
            clock=self._clock,
            first_delay_s=first,
            max_delay_s=most,
            on_status=lambda status: self._report(status, reconnector),
        )
        try:
            while not self._stopping.is_set():
                frame = reconnector.next_frame()
                if frame is not None:
                    self._process(frame)
                    continue
                wait = reconnector.seconds_until_next()
                if wait is None:  # ended, or failed for good
                    self.source_finished.emit()
                    return
                # Returns at once on stop(); capped so a paced source is polled in time.
                self._stopping.wait(min(max(wait, 0.001), 0.25))
        finally:
            reconnector.close()

    def _report(self, status: SourceStatus, reconnector: CameraReconnector) -> None:
        source = reconnector.source
        self.status_changed.emit(status, source.description if source is not None else "")
        if status.state is SourceState.OK:
            source = reconnector.source
            where = source.description if source is not None else "camera"
            self.camera_status.emit(status.message or f"Camera ready: {where}", True)
        elif status.state is not SourceState.ENDED:
            self.camera_status.emit(status.message, False)

    def _process(self, frame: Frame) -> None:
        scan = self._pipeline.process(frame)
        if scan is not None:
            self.scanned.emit(scan)
        last = self._last_preview_at  # throttled on the frames' own timeline
        # 1 ms of slack: two frames of a 30 fps camera are 1/15 s apart give or take a
        # rounding error, and without it every third frame was shown (10 previews a second).
        if last is None or frame.captured_at - last >= self._preview_interval - 0.001:
            self._last_preview_at = frame.captured_at
            self.preview.emit(preview_image(frame.image, self._preview_width))
