"""The counter's webcam through OpenCV, and the list of cameras found.

`OpenCvCamera` is a FrameSource: it asks for the smallest frame buffer and, because many
backends ignore that wish, throws away frames that queued up while the worker was busy
decoding, so the scanner always looks at what is in front of the camera now. When it is
missing, busy or pulled out, `terminal.scanner.reconnect` waits for it.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from terminal.scanner.frames import Frame, SourceError

log = logging.getLogger(__name__)

BACKENDS: dict[str, int] = {
    "any": cv2.CAP_ANY,
    "v4l2": cv2.CAP_V4L2,
    "dshow": cv2.CAP_DSHOW,
    "msmf": cv2.CAP_MSMF,
    "avfoundation": cv2.CAP_AVFOUNDATION,
}

CaptureFactory = Callable[[int, int], Any]  # (index, api preference) -> a cv2.VideoCapture
MonotonicClock = Callable[[], float]

_DEFAULT_FPS = 30.0
_FAILED_READS_BEFORE_UNPLUGGED = 3
_FIRST_READ_ATTEMPTS = 2


@contextmanager
def quiet_opencv() -> Iterator[None]:
    """Silence OpenCV's own warnings for a moment: probing a missing camera makes every
    backend complain on stderr, and our SourceError already says it better."""
    cv_logging = getattr(getattr(cv2, "utils", None), "logging", None)
    if cv_logging is None:
        yield
        return
    previous = cv_logging.getLogLevel()
    cv_logging.setLogLevel(cv_logging.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        cv_logging.setLogLevel(previous)


def backend_code(backend: str | None) -> int:
    """OpenCV's API preference for a backend name from the settings (None: let OpenCV pick)."""
    if backend is None:
        return cv2.CAP_ANY
    try:
        return BACKENDS[backend.lower()]
    except KeyError:
        names = ", ".join(BACKENDS)
        raise ValueError(f"unknown camera backend {backend!r}; choose one of {names}") from None


class OpenCvCamera:
    """A webcam by index. Every method runs on the camera worker thread."""

    def __init__(
        self,
        index: int = 0,
        backend: str | None = None,
        width: int = 1280,
        height: int = 720,
        *,
        fourcc: str | None = None,
        max_stale_grabs: int = 8,
        capture_factory: CaptureFactory = cv2.VideoCapture,
        clock: MonotonicClock = time.monotonic,
    ) -> None:
        """`fourcc="MJPG"` lets many USB 2 webcams deliver 720p at full frame rate instead
        of a few frames per second of raw YUYV; None keeps the camera's own choice."""
        if index < 0 or width <= 0 or height <= 0 or max_stale_grabs < 0:
            raise ValueError("camera index >= 0, a positive resolution, max_stale_grabs >= 0")
        if fourcc is not None and len(fourcc) != 4:
            raise ValueError(f"a FOURCC has four characters, not {fourcc!r}")
        self._index = index
        self._backend = backend
        self._api = backend_code(backend)
        self._wanted = (width, height)
        self._fourcc = fourcc
        self._max_stale_grabs = max_stale_grabs
        self._capture_factory = capture_factory
        self._clock = clock
        self._capture: Any = None
        self._backend_name = backend or "auto"
        self._resolution: tuple[int, int] | None = None
        self._interval = 1 / _DEFAULT_FPS
        self._last_read_at = 0.0
        self._device_frames = 0  # frames taken off the device, dropped ones included

    @property
    def description(self) -> str:
        size = "x".join(map(str, self._resolution or self._wanted))
        return f"Camera {self._index} ({self._backend_name}, {size})"

    @property
    def resolution(self) -> tuple[int, int] | None:
        """What the camera actually delivers, once open (it may ignore the wish)."""
        return self._resolution

    @property
    def is_open(self) -> bool:
        return self._capture is not None

    def open(self) -> None:
        if self._capture is not None:
            return
        where = f"index {self._index}" + (f" ({self._backend})" if self._backend else "")
        try:
            with quiet_opencv():
                capture = self._capture_factory(self._index, self._api)
                opened = bool(capture.isOpened())
        except cv2.error:
            capture, opened = None, False
        if not opened:
            _release_quietly(capture)
            raise SourceError(
                f"No camera found at {where}. "
                "Plug in the camera or choose another one in the settings.",
                kind="missing",
            )
        self._configure(capture)
        image = None
        for _ in range(_FIRST_READ_ATTEMPTS):  # some cameras fail the very first read
            image = _read(capture)
            if image is not None:
                break
        if image is None:
            _release_quietly(capture)
            raise SourceError(
                f"The camera at {where} is in use by another program (a video call or a "
                "camera app?). Close that program; the terminal tries again by itself.",
                kind="busy",
            )
        self._capture = capture
        self._resolution = (image.shape[1], image.shape[0])
        self._backend_name = _backend_name(capture) or self._backend_name
        self._device_frames = 1
        self._last_read_at = self._clock()
        log.info("opened %s", self.description)

    def read(self) -> Frame | None:
        capture = self._capture
        if capture is None:
            raise SourceError("The camera is not open.")
        for _ in range(_FAILED_READS_BEFORE_UNPLUGGED):
            image = self._newest_image(capture)
            if image is not None:
                now = self._clock()
                self._last_read_at = now
                return Frame(image=image, captured_at=now, index=self._device_frames - 1)
        self.close()
        raise SourceError(
            "The camera stopped sending pictures (unplugged?). Check its cable; "
            "the terminal reconnects by itself when the camera is back.",
            kind="unplugged",
        )

    def close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            _release_quietly(capture)
            log.info("released camera %d", self._index)

    def _configure(self, capture: Any) -> None:
        # Wishes, not orders: backends that cannot honour one ignore it.
        wishes = {
            cv2.CAP_PROP_FRAME_WIDTH: self._wanted[0],
            cv2.CAP_PROP_FRAME_HEIGHT: self._wanted[1],
            cv2.CAP_PROP_BUFFERSIZE: 1,
        }
        if self._fourcc is not None:  # first: the format decides which sizes exist
            wishes = {cv2.CAP_PROP_FOURCC: cv2.VideoWriter.fourcc(*self._fourcc), **wishes}
        for prop, value in wishes.items():
            _call(lambda prop=prop, value=value: capture.set(prop, value))
        fps = _get(capture, cv2.CAP_PROP_FPS)
        self._interval = 1 / fps if 1 <= fps <= 240 else 1 / _DEFAULT_FPS

    def _newest_image(self, capture: Any) -> np.ndarray | None:
        """One image, after dropping the frames that queued up since the last read.

        A grab that returns at once hands over a queued (stale) frame; one that has to wait
        about a frame interval got a live one, so grabbing stops there. grab() does not
        decode, which keeps dropping cheap.
        """
        behind = self._clock() - self._last_read_at
        if behind <= 1.5 * self._interval:
            image = _read(capture)
            self._device_frames += image is not None
            return image
        grabs = min(math.ceil(behind / self._interval), self._max_stale_grabs + 1)
        grabbed = False
        for _ in range(grabs):
            started = self._clock()
            if not _call(capture.grab):
                break
            grabbed = True
            self._device_frames += 1
            if self._clock() - started >= self._interval / 2:
                break
        if not grabbed:
            return None
        ok, image = _call(capture.retrieve) or (False, None)
        return image if ok and _is_image(image) else None


@dataclass(frozen=True)
class CameraInfo:
    index: int
    width: int
    height: int
    backend: str
    delivers_frames: bool  # False: present but busy (or a metadata-only device node)
    # width and height are what the camera delivered, 0 when it delivered nothing


def list_cameras(
    max_index: int = 5,
    *,
    backend: str | None = None,
    capture_factory: CaptureFactory = cv2.VideoCapture,
) -> list[CameraInfo]:
    """The cameras at indices 0..max_index, each opened, read once and released.

    For `loyalty-terminal doctor` and the settings screen; takes up to a second or so per
    camera found, so call it off the GUI thread.
    """
    api = backend_code(backend)
    found = []
    for index in range(max_index + 1):
        capture = None
        try:
            with quiet_opencv():
                capture = capture_factory(index, api)
                if not capture.isOpened():
                    continue
                image = _read(capture)
            size = (image.shape[1], image.shape[0]) if image is not None else (0, 0)
            name = _backend_name(capture) or backend or "auto"
            found.append(CameraInfo(index, *size, name, delivers_frames=image is not None))
        except cv2.error:
            continue
        finally:
            _release_quietly(capture)
    return found


def _read(capture: Any) -> np.ndarray | None:
    ok, image = _call(capture.read) or (False, None)
    return image if ok and _is_image(image) else None


def _is_image(image: Any) -> bool:
    return image is not None and getattr(image, "size", 0) > 0


def _call(method: Callable[[], Any]) -> Any:
    """A capture call that some backends answer by raising instead of returning False."""
    try:
        return method()
    except cv2.error:
        return None


def _get(capture: Any, prop: int) -> float:
    value = _call(lambda: capture.get(prop))
    return float(value) if value else 0.0


def _backend_name(capture: Any) -> str | None:
    getter = getattr(capture, "getBackendName", None)
    return _call(getter) if getter is not None else None


def _release_quietly(capture: Any) -> None:
    if capture is not None:
        _call(capture.release)
