"""Frame sources from disk: a recorded video and a folder of pictures.

For replaying what a counter camera saw (bug reports, benchmarks, tests). They deliver
every frame in order, as fast as they are read, and None at the end unless `loop` is set.
Problems with the file are not recoverable: waiting will not fix them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from terminal.scanner.frames import Frame, SourceError

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp"})


class VideoFileSource:
    """A video file read frame by frame. Every method runs on the camera worker thread."""

    def __init__(
        self,
        path: str | Path,
        *,
        loop: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._path = Path(path)
        self._loop = loop
        self._clock = clock
        self._capture: Any = None
        self._pending: np.ndarray | None = None  # the frame open() read to check the file
        self._index = 0

    @property
    def description(self) -> str:
        return f"Video file {self._path.name}" + (" (looping)" if self._loop else "")

    def open(self) -> None:
        if self._capture is not None:
            return
        if not self._path.is_file():
            raise SourceError(f"The video file {self._path} does not exist.", recoverable=False)
        capture = cv2.VideoCapture(str(self._path))
        image = _read(capture) if capture.isOpened() else None
        if image is None:
            capture.release()
            raise SourceError(
                f"The video file {self._path} cannot be read: it is damaged or in a format "
                "this computer cannot decode (MJPG .avi and H.264 .mp4 work everywhere).",
                recoverable=False,
            )
        self._capture = capture
        self._pending = image
        self._index = 0

    def read(self) -> Frame | None:
        if self._capture is None:
            raise SourceError("The video file is not open.", recoverable=False)
        image, self._pending = self._pending, None
        if image is None:
            image = _read(self._capture)
        if image is None and self._loop and self._index > 0:
            image = self._rewind()
        if image is None:
            return None
        frame = Frame(image=image, captured_at=self._clock(), index=self._index)
        self._index += 1  # keeps counting across loops: a new index is a new picture
        return frame

    def _rewind(self) -> np.ndarray | None:
        self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
        image = _read(self._capture)
        if image is None:  # some containers cannot seek: start over with a fresh reader
            self._capture.release()
            self._capture = cv2.VideoCapture(str(self._path))
            image = _read(self._capture)
        return image

    def close(self) -> None:
        capture, self._capture = self._capture, None
        self._pending = None
        if capture is not None:
            capture.release()


class ImageFolderSource:
    """The pictures of a folder (png, jpg, jpeg, webp, bmp) in name order.

    Pictures that cannot be decoded are skipped (and listed in `skipped`), so one bad file
    in a folder of test shots does not stop a replay.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        loop: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._path = Path(path)
        self._loop = loop
        self._clock = clock
        self._files: list[Path] | None = None
        self._position = 0
        self._index = 0
        self._read_this_pass = 0
        self.skipped: list[Path] = []

    @property
    def description(self) -> str:
        return f"Image folder {self._path.name}" + (" (looping)" if self._loop else "")

    def open(self) -> None:
        if self._files is not None:
            return
        if not self._path.is_dir():
            raise SourceError(f"The image folder {self._path} does not exist.", recoverable=False)
        files = sorted(
            (p for p in self._path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()),
            key=lambda p: (p.name.lower(), p.name),
        )
        if not files:
            kinds = ", ".join(sorted(s.lstrip(".") for s in IMAGE_SUFFIXES))
            raise SourceError(
                f"The image folder {self._path} holds no pictures ({kinds}).", recoverable=False
            )
        self._files = files
        self._position = self._index = self._read_this_pass = 0
        self.skipped = []

    def read(self) -> Frame | None:
        files = self._files
        if files is None:
            raise SourceError("The image folder is not open.", recoverable=False)
        while True:
            if self._position == len(files):
                if not self._loop:
                    return None
                if self._read_this_pass == 0:
                    raise SourceError(
                        f"None of the pictures in {self._path} can be read.", recoverable=False
                    )
                self._position = self._read_this_pass = 0
            path = files[self._position]
            self._position += 1
            image = _load_image(path)
            if image is None:
                if path not in self.skipped:
                    self.skipped.append(path)
                    log.warning("skipping unreadable picture %s", path)
                continue
            self._read_this_pass += 1
            frame = Frame(image=image, captured_at=self._clock(), index=self._index)
            self._index += 1
            return frame

    def close(self) -> None:
        self._files = None


def _load_image(path: Path) -> np.ndarray | None:
    # imdecode from bytes rather than imread: imread fails on non-ASCII paths on Windows.
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except OSError:
        return None
    if data.size == 0:
        return None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return image if image is not None and image.size > 0 else None


def _read(capture: Any) -> np.ndarray | None:
    try:
        ok, image = capture.read()
    except cv2.error:
        return None
    return image if ok and image is not None and image.size > 0 else None
