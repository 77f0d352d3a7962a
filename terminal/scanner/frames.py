"""What flows through the scanner: frames from a source, and the scans it accepts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class Frame:
    """One picture from a source. `captured_at` is on the scanner's monotonic clock (s)."""

    image: np.ndarray  # uint8, BGR (h, w, 3) or grayscale (h, w)
    captured_at: float
    index: int


class SourceError(Exception):
    """A frame source cannot deliver; `message` says what to do about it (English, for logs
    and the doctor), `kind` names the trouble for screens that say it in their language:
    "missing", "busy", "unplugged", or "unusable" (a file or folder that cannot be read)."""

    def __init__(self, message: str, *, recoverable: bool = True, kind: str = "unusable") -> None:
        super().__init__(message)
        self.message = message
        self.recoverable = recoverable
        self.kind = kind


class FrameSource(Protocol):
    """Anything that yields frames: a camera, a video file, a folder of images, the demo.

    All three methods are called from one thread (the camera worker's).
    """

    @property
    def description(self) -> str: ...

    def open(self) -> None:
        """Acquire the device or file; raises SourceError."""
        ...

    def read(self) -> Frame | None:
        """The newest frame; None when a finite source is exhausted. Raises SourceError."""
        ...

    def close(self) -> None:
        """Release everything; safe to call twice."""
        ...


@dataclass(frozen=True)
class AcceptedScan:
    """A confirmed code, with the moments needed to measure scan latency (monotonic s)."""

    payload: str
    first_captured_at: float  # the frame where this code was first read
    captured_at: float  # the frame that confirmed it
    decoded_at: float  # also when it was accepted: confirming costs nothing measurable
    reads: int
